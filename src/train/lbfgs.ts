/**
 * Limited-memory BFGS over Float64Array with a strong-Wolfe line search (Nocedal & Wright, Numerical
 * Optimization, algorithms 7.4, 3.5 and 3.6). Convex models are fitted full-batch with it, as scikit-learn's
 * `lbfgs` solver does: one pass over the data per evaluation, no per-batch overhead.
 */

/** Writes the gradient at x into `grad` and returns the objective value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number

export interface LbfgsOptions {
  maxIter: number
  /** Stop when max |gradient| ≤ tol (scipy's pgtol, scikit-learn's `tol`). */
  tol: number
  memory?: number
  /** Stop when the relative decrease of f is below this (scipy's factr × eps). */
  ftol?: number
  /**
   * Objective values below this count as this in the relative-decrease test. 1 (scipy's) suits a summed
   * loss; a mean loss over n rows passes 1/n to stop exactly where the summed loss would.
   */
  fFloor?: number
  onIteration?: (iteration: number, f: number, gradMax: number) => void
}

export interface LbfgsResult {
  x: Float64Array
  f: number
  iterations: number
  evaluations: number
  converged: boolean
  gradMax: number
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!
  return s
}

function maxAbs(a: Float64Array): number {
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!))
  return m
}

/** Minimiser of the cubic through (a, fa, ga) and (b, fb, gb), clamped into the bracket. */
function cubicMin(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  const d1 = ga + gb - (3 * (fa - fb)) / (a - b)
  const disc = d1 * d1 - ga * gb
  const lo = Math.min(a, b)
  const hi = Math.max(a, b)
  if (disc >= 0) {
    const d2 = Math.sign(b - a) * Math.sqrt(disc)
    const t = b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2))
    if (Number.isFinite(t) && t > lo + 0.1 * (hi - lo) && t < hi - 0.1 * (hi - lo)) return t
  }
  return (a + b) / 2
}

export function lbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length
  const m = options.memory ?? 10
  const ftol = options.ftol ?? 64 * Number.EPSILON
  const fFloor = options.fFloor ?? 1
  const c1 = 1e-4
  const c2 = 0.9
  const x = Float64Array.from(x0)
  const g = new Float64Array(n)
  const xt = new Float64Array(n)
  const gt = new Float64Array(n)
  const p = new Float64Array(n)
  const s = Array.from({ length: m }, () => new Float64Array(n))
  const y = Array.from({ length: m }, () => new Float64Array(n))
  const rho = new Float64Array(m)
  const alpha = new Float64Array(m)
  let stored = 0
  let head = 0
  let evaluations = 1
  let f = objective(x, g)
  let gradMax = maxAbs(g)
  if (!Number.isFinite(f)) throw new Error('L-BFGS: the objective is not finite at the starting point')

  // The last evaluated point stays in xt/gt/lastF: every accepting path ends by evaluating the accepted step.
  let lastF = f
  const evaluate = (step: number): [number, number] => {
    for (let i = 0; i < n; i++) xt[i] = x[i]! + step * p[i]!
    evaluations++
    lastF = objective(xt, gt)
    return [lastF, dot(gt, p)]
  }

  let iteration = 0
  let converged = gradMax <= options.tol
  while (!converged && iteration < options.maxIter) {
    // Two-loop recursion: p = -H g.
    p.set(g)
    for (let k = 0; k < stored; k++) {
      const j = (head - 1 - k + m) % m
      alpha[j] = rho[j]! * dot(s[j]!, p)
      const yj = y[j]!
      for (let i = 0; i < n; i++) p[i] = p[i]! - alpha[j] * yj[i]!
    }
    if (stored > 0) {
      const j = (head - 1 + m) % m
      const gamma = dot(s[j]!, y[j]!) / dot(y[j]!, y[j]!)
      for (let i = 0; i < n; i++) p[i] = p[i]! * gamma
    }
    for (let k = stored - 1; k >= 0; k--) {
      const j = (head - 1 - k + m) % m
      const beta = rho[j]! * dot(y[j]!, p)
      const sj = s[j]!
      for (let i = 0; i < n; i++) p[i] = p[i]! + (alpha[j]! - beta) * sj[i]!
    }
    for (let i = 0; i < n; i++) p[i] = -p[i]!
    let dg0 = dot(g, p)
    if (dg0 >= 0) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      for (let i = 0; i < n; i++) p[i] = -g[i]!
      dg0 = dot(g, p)
      stored = 0
    }

    // Strong-Wolfe line search (N&W algorithm 3.5); `zoom` is algorithm 3.6 with cubic interpolation.
    const zoom = (
      lo: number,
      flo: number,
      glo: number,
      hi: number,
      fhi: number,
      ghi: number,
    ): number | null => {
      for (let z = 0; z < 30; z++) {
        const t =
          Number.isFinite(fhi) && Number.isFinite(ghi) ? cubicMin(lo, flo, glo, hi, fhi, ghi) : (lo + hi) / 2
        const [fz, gz] = evaluate(t)
        if (!Number.isFinite(fz) || fz > f + c1 * t * dg0 || fz >= flo) {
          hi = t
          fhi = fz
          ghi = gz
        } else {
          if (Math.abs(gz) <= -c2 * dg0) return t
          if (gz * (hi - lo) >= 0) {
            hi = lo
            fhi = flo
            ghi = glo
          }
          lo = t
          flo = fz
          glo = gz
        }
        if (Math.abs(hi - lo) <= 1e-15 * Math.max(1, Math.abs(lo))) break
      }
      // Curvature not met at machine precision: take the best point with sufficient decrease, if any.
      if (lo > 0 && flo < f) {
        evaluate(lo)
        return lo
      }
      return null
    }
    let step = stored === 0 ? Math.min(1, 1 / Math.max(1e-12, Math.sqrt(dot(g, g)))) : 1
    let prevStep = 0
    let prevF = f
    let prevDg = dg0
    let accepted: number | null = null
    for (let trial = 0; trial < 40; trial++) {
      const [ft, dgt] = evaluate(step)
      if (!Number.isFinite(ft) || ft > f + c1 * step * dg0 || (trial > 0 && ft >= prevF)) {
        accepted = zoom(prevStep, prevF, prevDg, step, ft, dgt)
        break
      }
      if (Math.abs(dgt) <= -c2 * dg0) {
        accepted = step
        break
      }
      if (dgt >= 0) {
        accepted = zoom(step, ft, dgt, prevStep, prevF, prevDg)
        break
      }
      prevStep = step
      prevF = ft
      prevDg = dgt
      step *= 2
    }
    if (accepted === null) break // No progress possible along p at machine precision.

    // xt, gt hold the accepted point (the last evaluation); update memory.
    const sj = s[head]!
    const yj = y[head]!
    for (let i = 0; i < n; i++) {
      sj[i] = xt[i]! - x[i]!
      yj[i] = gt[i]! - g[i]!
    }
    const sy = dot(sj, yj)
    if (sy > 1e-10 * Math.sqrt(dot(sj, sj) * dot(yj, yj))) {
      rho[head] = 1 / sy
      head = (head + 1) % m
      stored = Math.min(stored + 1, m)
    }
    x.set(xt)
    g.set(gt)
    const fOld = f
    f = lastF
    gradMax = maxAbs(g)
    iteration++
    options.onIteration?.(iteration, f, gradMax)
    if (gradMax <= options.tol) converged = true
    else if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), fFloor) <= ftol) converged = true
  }
  return { x, f, iterations: iteration, evaluations, converged, gradMax }
}
