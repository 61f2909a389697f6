/**
 * L-BFGS (src/train/lbfgs.ts) on functions whose minimiser is known in closed form: Rosenbrock's valley,
 * a strictly convex quadratic built around a chosen minimiser, and a barrier function that is not finite on
 * part of the domain.
 */
import { lbfgs, type Objective } from '../src/train/lbfgs.js'
import { Rng } from '../src/util/rng.js'

/** f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1). */
const rosenbrock: Objective = (p, grad) => {
  const x = p[0]!
  const y = p[1]!
  grad[0] = -2 * (1 - x) - 400 * x * (y - x * x)
  grad[1] = 200 * (y - x * x)
  return (1 - x) ** 2 + 100 * (y - x * x) ** 2
}

/**
 * f(x) = ½ (x − x*)ᵀ A (x − x*) + c with A = Qᵀ diag(λ) Q: Q a product of random Householder reflections
 * (orthogonal), eigenvalues spread over [1, 1000], so the minimiser x* and the minimum c are known exactly.
 */
function quadratic(
  n: number,
  seed: number,
  minimum: number,
): { objective: Objective; minimiser: Float64Array } {
  const rng = new Rng(seed)
  const a = new Float64Array(n * n)
  for (let i = 0; i < n; i++) a[i * n + i] = 1000 ** (i / (n - 1))
  for (let r = 0; r < 3; r++) {
    // A ← H A H with H = I − 2 v vᵀ, |v| = 1: keeps A symmetric with the same eigenvalues.
    const v = Float64Array.from({ length: n }, () => rng.uniform(-1, 1))
    const norm = Math.hypot(...v)
    for (let i = 0; i < n; i++) v[i] = v[i]! / norm
    const h = (m: Float64Array): Float64Array => {
      const out = new Float64Array(n * n)
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0
          for (let k = 0; k < n; k++) s += ((i === k ? 1 : 0) - 2 * v[i]! * v[k]!) * m[k * n + j]!
          out[i * n + j] = s
        }
      }
      return out
    }
    const ha = h(a)
    // (H A) H = ((H A)ᵀ H)ᵀ = (H (H A)ᵀ)ᵀ, and H A H is symmetric, so H applied to (H A)ᵀ suffices.
    const hat = new Float64Array(n * n)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) hat[i * n + j] = ha[j * n + i]!
    a.set(h(hat))
  }
  const minimiser = Float64Array.from({ length: n }, () => rng.uniform(-5, 5))
  const diff = new Float64Array(n)
  const objective: Objective = (x, grad) => {
    for (let i = 0; i < n; i++) diff[i] = x[i]! - minimiser[i]!
    let f = 0
    for (let i = 0; i < n; i++) {
      let s = 0
      for (let j = 0; j < n; j++) s += a[i * n + j]! * diff[j]!
      grad[i] = s
      f += 0.5 * diff[i]! * s
    }
    return f + minimum
  }
  return { objective, minimiser }
}

function maxAbsDiff(a: Float64Array, b: ArrayLike<number>): number {
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!))
  return m
}

describe('L-BFGS', () => {
  test('Rosenbrock from (-1.2, 1) reaches (1, 1) within 1e-6', () => {
    const result = lbfgs(rosenbrock, Float64Array.from([-1.2, 1]), { maxIter: 1000, tol: 1e-10 })
    expect(result.converged).toBe(true)
    expect(maxAbsDiff(result.x, [1, 1])).toBeLessThanOrEqual(1e-6)
    expect(result.f).toBeLessThanOrEqual(1e-12)
  })

  test('Rosenbrock from a far start (-3, -4) also reaches (1, 1) within 1e-6', () => {
    const result = lbfgs(rosenbrock, Float64Array.from([-3, -4]), { maxIter: 1000, tol: 1e-10 })
    expect(result.converged).toBe(true)
    expect(maxAbsDiff(result.x, [1, 1])).toBeLessThanOrEqual(1e-6)
  })

  test('a strictly convex quadratic (n = 30, condition number 1000) reaches its known minimiser', () => {
    const minimum = 3.25
    const { objective, minimiser } = quadratic(30, 17, minimum)
    const result = lbfgs(objective, new Float64Array(30), { maxIter: 1000, tol: 1e-10 })
    expect(result.converged).toBe(true)
    // With the default relative-decrease test (64 eps, as scipy/sklearn) the run stops once an iteration
    // gains < 1.4e-14·max(|f|, 1), i.e. with f within ~1e-12 of the minimum, before max|∇f| ≤ 1e-10.
    // Then |x − x*|² ≤ 2 (f − f*) / λ_min = 2e-12 (λ_min = 1): x within 1.5e-6.
    expect(result.f - minimum).toBeLessThanOrEqual(1e-12)
    expect(result.f - minimum).toBeGreaterThanOrEqual(0)
    expect(maxAbsDiff(result.x, minimiser)).toBeLessThanOrEqual(1.5e-6)
  })

  test('without the relative-decrease test the gradient tolerance decides, and fixes x to |∇f| / λ_min', () => {
    // Minimum 0, so f keeps its relative precision near the minimiser and progress stays measurable.
    const { objective, minimiser } = quadratic(30, 17, 0)
    const result = lbfgs(objective, new Float64Array(30), { maxIter: 1000, tol: 1e-10, ftol: 0 })
    expect(result.converged).toBe(true)
    expect(result.gradMax).toBeLessThanOrEqual(1e-10)
    // |x − x*|₂ ≤ |∇f|₂ / λ_min ≤ √30 · 1e-10.
    expect(maxAbsDiff(result.x, minimiser)).toBeLessThanOrEqual(Math.sqrt(30) * 1e-10)
  })

  test('trial points where the objective is not finite are stepped back from', () => {
    // f(x) = Σ (x_i − log x_i) is +∞/NaN for x_i ≤ 0; minimum n at x = 1. From x = 3 the first trial step
    // along −∇f overshoots into x < 0.
    let nonFiniteTrials = 0
    const barrier: Objective = (x, grad) => {
      let f = 0
      if (x.some((v) => v <= 0)) nonFiniteTrials++
      for (let i = 0; i < x.length; i++) {
        f += x[i]! - Math.log(x[i]!)
        grad[i] = 1 - 1 / x[i]!
      }
      return f
    }
    const result = lbfgs(barrier, Float64Array.from([3, 3, 3, 0.2]), { maxIter: 200, tol: 1e-10 })
    expect(nonFiniteTrials).toBeGreaterThan(0)
    expect(result.converged).toBe(true)
    expect(Number.isFinite(result.f)).toBe(true)
    expect(maxAbsDiff(result.x, [1, 1, 1, 1])).toBeLessThanOrEqual(1e-6)
  })

  test('an objective that is not finite at the start is an error that says so', () => {
    const logOfFirst: Objective = (x, grad) => {
      grad[0] = 1 / x[0]!
      return Math.log(x[0]!)
    }
    expect(() => lbfgs(logOfFirst, Float64Array.from([-1]), { maxIter: 10, tol: 1e-6 })).toThrow(
      'L-BFGS: the objective is not finite at the starting point',
    )
    const infinite: Objective = () => Infinity
    expect(() => lbfgs(infinite, Float64Array.from([0, 0]), { maxIter: 10, tol: 1e-6 })).toThrow(
      /not finite at the starting point/,
    )
  })

  test('a start that is already optimal returns at once, unchanged', () => {
    const start = Float64Array.from([1, 1])
    const result = lbfgs(rosenbrock, start, { maxIter: 100, tol: 1e-8 })
    expect(result.iterations).toBe(0)
    expect(result.converged).toBe(true)
    expect(Array.from(result.x)).toEqual([1, 1])
  })

  test('max_iter bounds the iterations and is reported as not converged', () => {
    const result = lbfgs(rosenbrock, Float64Array.from([-1.2, 1]), { maxIter: 3, tol: 1e-12 })
    expect(result.iterations).toBe(3)
    expect(result.converged).toBe(false)
  })
})
