/**
 * The objective of fitLinear (src/train/linear.ts): mean loss plus L2, value and gradient in one pass over
 * the rows, for L-BFGS. One evaluation per line-search step makes this the whole cost of a fit, so:
 * - the rows' dot products with θ and the gradient's Σ r·x run in the arena's kernels (WebAssembly SIMD,
 *   four rows per pass sharing each θ load; softmax through the matrix product), a chunk of rows at a time
 *   so that the gradient pass reads the rows the dot products just brought into cache;
 * - the binary logistic loss takes one exp per row, e = exp(−|s|) ∈ (0, 1], which gives both
 *   log(1 + e^s) = max(s, 0) + log(1 + e) and σ(s) without overflow; unweighted, the arena's logisticTerms
 *   computes it two rows per instruction (its own exp, within 2 ulps) and sums the log(1 + e) terms as the
 *   log of their product over 256 rows (each factor is in (1, 2], so the product stays below 2^256): one
 *   Math.log per 256 rows. The product's rounding (≤ 128 half-ulps, relative) is ~1e-14 absolute per 256 rows
 *   of a loss sum, far below what L-BFGS's tests resolve. Weighted rows (calibration's bootstrap draws),
 *   softmax and squared losses take a small JavaScript loop over the chunk.
 * A fit is a handful of evaluations in a fresh process, so how fast the code is before V8 has optimised it
 * matters as much as after: WebAssembly is compiled before it first runs, and the JavaScript loops left
 * are small enough to be optimised within the first evaluation.
 * Rows the kernels read must be in the arena. Up to layout.residentBytes (a size that stays in cache) they
 * are copied in once per fit; larger data is copied a chunk at a time in every evaluation instead: the
 * evaluation reads the rows from memory once either way, and a one-time copy of, say, 16 MB into fresh
 * arena pages costs ~11 ms of page faults here, as much as nine evaluations' chunk copies, and doubles the
 * memory held. Rows with weight 0 (bootstrap draws in calibration) are left out.
 * On a large matrix whose indicator (one-hot) columns are most of it, the kernels get only the other columns
 * and the ones are added as indices (glm-ones.ts): 200,000 × 72 mixed rows read 9 numbers a row, not 72.
 */
import type { Objective } from '../lbfgs.js'
import type { Arena } from './dense-kernels.js'
import { addOnesDots, addOnesGrad, splitOnes, SPLIT_MIN_CELLS } from './glm-ones.js'

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

export interface GlmLayout {
  /** Rows (and targets) are copied into the arena once per fit up to this size; beyond it, a chunk at a time. */
  residentBytes: number
  /** Rows per chunk: about this many bytes of x, so that the gradient pass finds them in cache. */
  chunkBytes: number
  /** Indicator columns are held as indices (glm-ones.ts) from this many matrix cells on. */
  splitMinCells?: number
}
const LAYOUT: GlmLayout = {
  residentBytes: 4 * 2 ** 20,
  chunkBytes: 128 * 1024,
  splitMinCells: SPLIT_MIN_CELLS,
}

/** θ holds the d × k weights row-major (feature j, class c at j·k + c), then k intercepts. */
export function glmObjective(
  data: GlmData,
  penalty: number,
  arena: Arena,
  layout: GlmLayout = LAYOUT,
): Objective {
  const { x, n, d, k, kind, weight } = data
  // The rows that count (weight ≠ 0), in order, with their targets and weights.
  let kept: Uint32Array | null = null
  let totalWeight = n
  let count = n
  if (weight) {
    totalWeight = 0
    count = 0
    for (let i = 0; i < n; i++) {
      totalWeight += weight[i]!
      if (weight[i] !== 0) count++
    }
    kept = new Uint32Array(count)
    for (let i = 0, p = 0; i < n; i++) if (weight[i] !== 0) kept[p++] = i
  }
  const t = new Float64Array(count)
  const w = kept ? new Float64Array(count) : null
  if (!kept) t.set(data.y)
  else
    for (let p = 0; p < count; p++) {
      t[p] = data.y[kept[p]!]!
      w![p] = weight![kept[p]!]!
    }
  // Softmax's products stay dense; the other kinds hand the kernels only the columns that are not indicators.
  const split = kind === 'softmax' ? null : splitOnes(x, n, d, kept, layout.splitMinCells ?? SPLIT_MIN_CELLS)
  const dx = split ? split.p : d
  const source = split ? split.dense : x
  const rowsOf = split ? null : kept
  const chunk = Math.max(4, Math.min(count, Math.floor(layout.chunkBytes / (8 * Math.max(1, dx)))))
  const resident = count * (dx + 1) * 8 <= layout.residentBytes
  const held = resident ? count : chunk
  const terms = kind === 'logistic' && !w // the arena's logisticTerms, which reads the targets from the arena
  const [xs, ts, thetaW, thetaB, s, g, gc, prod, partial] = arena.allocate(
    [
      held * dx,
      terms ? held : 0,
      dx * k,
      k,
      chunk * k,
      dx * k,
      k > 1 ? d * k : 0,
      2 * Math.ceil(chunk / 256) + 2,
      6,
    ],
    false,
  ) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ]
  // Rows start… of the kept ones (their x and, for logisticTerms, targets) into the arena at `at`.
  const load = (start: number, rows: number, at: number): void => {
    if (!rowsOf) xs.set(source.subarray(start * dx, (start + rows) * dx), at * dx)
    else
      for (let p = 0; p < rows; p++)
        xs.set(source.subarray(rowsOf[start + p]! * dx, rowsOf[start + p]! * dx + dx), (at + p) * dx)
    if (terms) ts.set(t.subarray(start, start + rows), at)
  }
  if (resident) load(0, count, 0)
  // acc[0]: summed loss; acc[1 + c]: summed residuals of output c (the intercepts' gradient).
  const acc = new Float64Array(1 + k)
  const bias = d * k
  // The indicator columns' gradient (all d columns; the dense ones come from the kernels' g).
  const gOnes = split ? new Float64Array(d) : null
  return (theta, grad) => {
    if (split) for (let q = 0; q < dx; q++) thetaW[q] = theta[split.denseColumns[q]!]!
    else thetaW.set(theta.subarray(0, bias))
    thetaB.set(theta.subarray(bias))
    g.fill(0)
    gOnes?.fill(0)
    acc.fill(0)
    for (let start = 0; start < count; start += chunk) {
      const rows = Math.min(chunk, count - start)
      const at = resident ? start : 0
      if (!resident) load(start, rows, 0)
      const xc = xs.subarray(at * dx, (at + rows) * dx)
      if (kind === 'softmax') {
        arena.gemm(rows, k, d, xc, d, 1, thetaW, k, s, k, thetaB)
        softmaxResiduals(s, t, w, start, rows, k, acc)
        arena.gemm(d, k, rows, xc, 1, d, s, k, gc, k, null)
        for (let j = 0; j < bias; j++) g[j] = g[j]! + gc[j]!
        continue
      }
      if (dx > 0) arena.glmDots(rows, dx, xc, thetaW, theta[d]!, s)
      else s.fill(theta[d]!, 0, rows)
      if (split) addOnesDots(split, start, rows, theta, s)
      if (terms) {
        const written = arena.logisticTerms(rows, s, ts.subarray(at, at + rows), prod, partial)
        let loss = partial[0]! + partial[1]! + partial[4]!
        for (let q = 0; q < written; q++) loss += Math.log(prod[q]!)
        acc[0] = acc[0]! + loss
        acc[1] = acc[1]! + partial[2]! + partial[3]! + partial[5]!
      } else if (kind === 'logistic') weightedLogisticResiduals(s, t, w!, start, rows, acc)
      else squaredResiduals(s, t, w, start, rows, acc)
      if (dx > 0) arena.glmGrad(rows, dx, xc, s, g)
      if (split) addOnesGrad(split, start, rows, s, gOnes!)
    }
    if (split) {
      grad.set(gOnes!)
      for (let q = 0; q < dx; q++) grad[split.denseColumns[q]!] = g[q]!
    } else grad.set(g)
    for (let c = 0; c < k; c++) grad[bias + c] = acc[1 + c]!
    let l2 = 0
    for (let j = 0; j < bias; j++) l2 += theta[j]! * theta[j]!
    for (let j = 0; j < grad.length; j++) grad[j] = grad[j]! / totalWeight
    for (let j = 0; j < bias; j++) grad[j] = grad[j]! + (penalty * theta[j]!) / totalWeight
    return acc[0]! / totalWeight + (0.5 * penalty * l2) / totalWeight
  }
}

/**
 * Weighted logistic loss w·(log(1 + e^s) − y·s) of rows start… of a chunk whose linear predictors are in s;
 * s becomes the weighted residuals w·(σ(s) − y).
 */
function weightedLogisticResiduals(
  s: Float64Array,
  t: Float64Array,
  w: Float64Array,
  start: number,
  rows: number,
  acc: Float64Array,
): void {
  let loss = 0
  let sum = 0
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
