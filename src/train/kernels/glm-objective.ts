/**
 * The objective of fitLinear (src/train/linear.ts): mean loss plus L2, value and gradient in one pass over
 * the rows, for L-BFGS. One evaluation per line-search step makes this the whole cost of a fit, so:
 * - the rows' dot products with θ and the gradient's Σ r·x run in the arena's kernels (WebAssembly SIMD,
 *   four rows per pass sharing each θ load; softmax through the matrix product), a chunk of rows at a time
 *   so that the gradient pass reads the rows the dot products just brought into cache;
 * - the per-row loss and residual stay in small JavaScript loops, with one exp per row for the logistic
 *   loss: e = exp(−|s|) ∈ (0, 1] gives both log(1 + exp(±s)) and σ(s) without overflow.
 * A fit is a handful of evaluations in a fresh process, so how fast the code is before V8 has optimised it
 * matters as much as after: WebAssembly is compiled before it first runs, and the JavaScript loops left
 * are small enough to be optimised within the first evaluation.
 * The rows are copied into the arena once per fit (streamed a chunk at a time per evaluation when larger
 * than RESIDENT_BYTES). Rows with weight 0 (bootstrap draws in calibration) are left out.
 */
import type { Objective } from '../lbfgs.js'
import type { Arena } from './gemm.js'

export interface GlmData {
  /** Row-major n × d. */
  x: Float64Array
  n: number
  d: number
  /** 0/1 (logistic), class index (softmax) or the standardised target (squared). */
  y: ArrayLike<number>
  kind: 'logistic' | 'softmax' | 'squared'
  /** Outputs: classes for softmax, else 1. */
  k: number
  weight?: Float64Array
}

/** Rows copied into the arena once per fit up to this size; beyond it, a chunk at a time per evaluation. */
const RESIDENT_BYTES = 256 * 2 ** 20
/** Rows per chunk: about this many bytes of x, so the gradient pass finds them in cache. */
const CHUNK_BYTES = 128 * 1024

/** θ holds the d × k weights row-major (feature j, class c at j·k + c), then k intercepts. */
export function glmObjective(data: GlmData, penalty: number, arena: Arena): Objective {
  const { x, n, d, k, kind, weight } = data
  // The rows that count (weight ≠ 0), in order, with their targets and weights.
  let kept: Uint32Array | null = null
  let totalWeight = n
  if (weight) {
    totalWeight = 0
    for (let i = 0; i < n; i++) totalWeight += weight[i]!
    kept = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => weight[i] !== 0)
  }
  const count = kept ? kept.length : n
  const t = Float64Array.from({ length: count }, (_, p) => data.y[kept ? kept[p]! : p]!)
  const w = weight && kept ? Float64Array.from(kept, (i) => weight[i]!) : null
  const chunk = Math.max(4, Math.min(count, Math.floor(CHUNK_BYTES / (8 * Math.max(1, d)))))
  const resident = count * d * 8 <= RESIDENT_BYTES
  const [xs, thetaW, thetaB, s, g, gc] = arena.allocate(
    [(resident ? count : chunk) * d, d * k, k, chunk * k, d * k, k > 1 ? d * k : 0],
    false,
  ) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array]
  const load = (start: number, rows: number, dst: Float64Array): void => {
    if (!kept) dst.set(x.subarray(start * d, (start + rows) * d))
    else
      for (let p = 0; p < rows; p++)
        dst.set(x.subarray(kept[start + p]! * d, kept[start + p]! * d + d), p * d)
  }
  if (resident) load(0, count, xs)
  const rowsOf = (start: number, rows: number): Float64Array => {
    if (resident) return xs.subarray(start * d, (start + rows) * d)
    load(start, rows, xs)
    return xs
  }
  // acc[0]: summed loss; acc[1 + c]: summed residuals of output c (the intercepts' gradient).
  const acc = new Float64Array(1 + k)
  const bias = d * k
  return (theta, grad) => {
    thetaW.set(theta.subarray(0, bias))
    thetaB.set(theta.subarray(bias))
    g.fill(0)
    acc.fill(0)
    for (let start = 0; start < count; start += chunk) {
      const rows = Math.min(chunk, count - start)
      const xc = rowsOf(start, rows)
      if (kind === 'softmax') {
        arena.gemm(rows, k, d, xc, d, 1, thetaW, k, s, k, thetaB)
        softmaxResiduals(s, t, w, start, rows, k, acc)
        arena.gemm(d, k, rows, xc, 1, d, s, k, gc, k, null)
        for (let j = 0; j < bias; j++) g[j] = g[j]! + gc[j]!
      } else {
        arena.glmDots(rows, d, xc, thetaW, theta[d]!, s)
        if (kind === 'logistic') logisticResiduals(s, t, w, start, rows, acc)
        else squaredResiduals(s, t, w, start, rows, acc)
        arena.glmGrad(rows, d, xc, s, g)
      }
    }
    grad.set(g)
    for (let c = 0; c < k; c++) grad[bias + c] = acc[1 + c]!
    let l2 = 0
    for (let j = 0; j < bias; j++) l2 += theta[j]! * theta[j]!
    for (let j = 0; j < grad.length; j++) grad[j] = grad[j]! / totalWeight
    for (let j = 0; j < bias; j++) grad[j] = grad[j]! + (penalty * theta[j]!) / totalWeight
    return acc[0]! / totalWeight + (0.5 * penalty * l2) / totalWeight
  }
}

/**
 * Logistic loss log(1 + e^s) − y·s of rows start… of a chunk whose linear predictors are in s; s becomes
 * the residuals σ(s) − y (all weighted). log(1 + e^s) = max(s, 0) + log(1 + e) with e = exp(−|s|); unweighted,
 * the log(1 + e) terms are summed as the log of their product over 256 rows (each factor is in (1, 2], so the
 * product stays below 2^256): one log per 256 rows instead of a log1p per row, which was two thirds of an
 * evaluation's time. The product's rounding (≤ 256 half-ulps, relative) costs at most ~3e-14 absolute per 256
 * rows of a loss sum, far below what L-BFGS's tests resolve.
 */
function logisticResiduals(
  s: Float64Array,
  t: Float64Array,
  w: Float64Array | null,
  start: number,
  rows: number,
  acc: Float64Array,
): void {
  let loss = 0
  let sum = 0
  if (w) {
    for (let i = 0; i < rows; i++) {
      const si = s[i]!
      const ti = t[start + i]!
      const wi = w[start + i]!
      const e = Math.exp(-Math.abs(si))
      // σ(s) = 1/(1 + e) for s ≥ 0, e/(1 + e) below; one division either way.
      const r = wi * ((si >= 0 ? 1 : e) / (1 + e) - ti)
      loss += wi * (Math.max(si, 0) + Math.log1p(e) - ti * si)
      s[i] = r
      sum += r
    }
  } else {
    let product = 1
    for (let i = 0; i < rows; i++) {
      const si = s[i]!
      const ti = t[start + i]!
      const e = Math.exp(-Math.abs(si))
      const r = (si >= 0 ? 1 : e) / (1 + e) - ti
      loss += Math.max(si, 0) - ti * si
      product *= 1 + e
      if ((i & 255) === 255) {
        loss += Math.log(product)
        product = 1
      }
      s[i] = r
      sum += r
    }
    loss += Math.log(product)
  }
  acc[0] = acc[0]! + loss
  acc[1] = acc[1]! + sum
}

/** Squared loss ½(s − y)²; s becomes the residuals s − y (weighted). */
function squaredResiduals(
  s: Float64Array,
  t: Float64Array,
  w: Float64Array | null,
  start: number,
  rows: number,
  acc: Float64Array,
): void {
  let loss = 0
  let sum = 0
  for (let i = 0; i < rows; i++) {
    const wi = w ? w[start + i]! : 1
    const diff = s[i]! - t[start + i]!
    loss += wi * 0.5 * diff * diff
    s[i] = wi * diff
    sum += wi * diff
  }
  acc[0] = acc[0]! + loss
  acc[1] = acc[1]! + sum
}

/** Softmax cross-entropy of rows × k scores in s (class index in t); s becomes p − onehot(y) (weighted). */
function softmaxResiduals(
  s: Float64Array,
  t: Float64Array,
  w: Float64Array | null,
  start: number,
  rows: number,
  k: number,
  acc: Float64Array,
): void {
  let loss = 0
  for (let i = 0; i < rows; i++) {
    const o = i * k
    const yi = t[start + i]!
    const wi = w ? w[start + i]! : 1
    let max = -Infinity
    for (let c = 0; c < k; c++) max = Math.max(max, s[o + c]!)
    const scoreY = s[o + yi]!
    let sum = 0
    for (let c = 0; c < k; c++) {
      const e = Math.exp(s[o + c]! - max)
      s[o + c] = e
      sum += e
    }
    loss += wi * (max + Math.log(sum) - scoreY)
    for (let c = 0; c < k; c++) {
      const r = wi * (s[o + c]! / sum - (c === yi ? 1 : 0))
      s[o + c] = r
      acc[1 + c] = acc[1 + c]! + r
    }
  }
  acc[0] = acc[0]! + loss
}
