/**
 * Where fitLinear's time goes (issue 6), measured, not part of `npm run bench`:
 *   node --import ./__tests__/harness/ts-loader.mjs bench/profile-logistic.ts <workdir from bench --keep or prepare.ts>
 * Runs src/train/lbfgs.ts on a copy of linear.ts's binary objective (no weights) with counters: evaluations,
 * the time of each evaluation (the first ones run before V8 has optimised the loop), and variants of the
 * objective and tolerance. The copy is checked against fitLinear's own result. Times are CPU time of this
 * thread (process.cpuUsage), which a busy machine disturbs far less than wall time.
 */
import { rocAuc } from '../src/evaluate/metrics-binary.js'
import { lbfgs, type Objective } from '../src/train/lbfgs.js'
import { fitLinear } from '../src/train/linear.js'
import { silentLogger } from '../src/util/logger.js'
import { cpuMs, logisticConfig, readMatrix, type Matrix } from './bench-data.js'
import { loadFlights, trainingData } from './mg-train.js'

/** linear.ts's binary objective, verbatim in arithmetic: one pass, row by row. */
function rowObjective(m: Matrix, penalty: number): Objective {
  const { x, y, n, d } = m
  return (theta, grad) => {
    grad.fill(0)
    let loss = 0
    for (let i = 0; i < n; i++) {
      const base = i * d
      let s = theta[d]
      for (let j = 0; j < d; j++) s += x[base + j] * theta[j]
      const yi = y[i]
      loss += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - yi * s
      const r = 1 / (1 + Math.exp(-s)) - yi
      for (let j = 0; j < d; j++) grad[j] = grad[j] + r * x[base + j]
      grad[d] = grad[d] + r
    }
    let l2 = 0
    for (let j = 0; j < d; j++) l2 += theta[j] * theta[j]
    for (let j = 0; j <= d; j++) grad[j] = grad[j] / n
    for (let j = 0; j < d; j++) grad[j] = grad[j] + (penalty * theta[j]) / n
    return loss / n + (0.5 * penalty * l2) / n
  }
}

/** Same arithmetic, one exp per row instead of two (σ(s) from the exp already computed for the loss). */
function oneExpObjective(m: Matrix, penalty: number): Objective {
  const { x, y, n, d } = m
  return (theta, grad) => {
    grad.fill(0)
    let loss = 0
    for (let i = 0; i < n; i++) {
      const base = i * d
      let s = theta[d]
      for (let j = 0; j < d; j++) s += x[base + j] * theta[j]
      const yi = y[i]
      const e = Math.exp(-Math.abs(s)) // in (0, 1]: no overflow either side
      loss += Math.max(s, 0) + Math.log1p(e) - yi * s
      const sigma = s >= 0 ? 1 / (1 + e) : e / (1 + e)
      const r = sigma - yi
      for (let j = 0; j < d; j++) grad[j] = grad[j] + r * x[base + j]
      grad[d] = grad[d] + r
    }
    let l2 = 0
    for (let j = 0; j < d; j++) l2 += theta[j] * theta[j]
    for (let j = 0; j <= d; j++) grad[j] = grad[j] / n
    for (let j = 0; j < d; j++) grad[j] = grad[j] + (penalty * theta[j]) / n
    return loss / n + (0.5 * penalty * l2) / n
  }
}

/** One exp per row, and four rows per pass: four independent dot products share each θ load, and the
 * gradient is read and written once per four rows. Rows beyond a multiple of four go one at a time. */
function blockedObjective(m: Matrix, penalty: number): Objective {
  const { x, y, n, d } = m
  // Residual σ(s) − y of a row into r[k]; returns the row's loss. One exp, no allocation.
  const r = new Float64Array(4)
  const term = (s: number, yi: number, k: number): number => {
    const e = Math.exp(-Math.abs(s))
    r[k] = (s >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi
    return Math.max(s, 0) + Math.log1p(e) - yi * s
  }
  return (theta, grad) => {
    grad.fill(0)
    let loss = 0
    const bias = theta[d]
    const full = n & ~3
    for (let i = 0; i < full; i += 4) {
      const b0 = i * d
      const b1 = b0 + d
      const b2 = b1 + d
      const b3 = b2 + d
      let s0 = bias
      let s1 = bias
      let s2 = bias
      let s3 = bias
      for (let j = 0; j < d; j++) {
        const t = theta[j]
        s0 += x[b0 + j] * t
        s1 += x[b1 + j] * t
        s2 += x[b2 + j] * t
        s3 += x[b3 + j] * t
      }
      loss += term(s0, y[i], 0) + term(s1, y[i + 1], 1) + term(s2, y[i + 2], 2) + term(s3, y[i + 3], 3)
      const r0 = r[0]
      const r1 = r[1]
      const r2 = r[2]
      const r3 = r[3]
      for (let j = 0; j < d; j++)
        grad[j] = grad[j] + r0 * x[b0 + j] + r1 * x[b1 + j] + r2 * x[b2 + j] + r3 * x[b3 + j]
      grad[d] = grad[d] + r0 + r1 + r2 + r3
    }
    for (let i = full; i < n; i++) {
      let s = bias
      for (let j = 0; j < d; j++) s += x[i * d + j] * theta[j]
      loss += term(s, y[i], 0)
      const r0 = r[0]
      for (let j = 0; j < d; j++) grad[j] = grad[j] + r0 * x[i * d + j]
      grad[d] = grad[d] + r0
    }
    let l2 = 0
    for (let j = 0; j < d; j++) l2 += theta[j] * theta[j]
    for (let j = 0; j <= d; j++) grad[j] = grad[j] / n
    for (let j = 0; j < d; j++) grad[j] = grad[j] + (penalty * theta[j]) / n
    return loss / n + (0.5 * penalty * l2) / n
  }
}

/** scipy.optimize.minimize(method='L-BFGS-B')'s default ftol (factr 1e7 × machine epsilon). */
const SCIPY_FTOL = 1e7 * Number.EPSILON

function counted(objective: Objective): { objective: Objective; times: number[] } {
  const times: number[] = []
  return {
    times,
    objective: (theta, grad) => {
      const t = cpuMs()
      const f = objective(theta, grad)
      times.push(cpuMs() - t)
      return f
    },
  }
}

function auc(test: Matrix, theta: Float64Array): number {
  const p = new Float64Array(test.n)
  for (let i = 0; i < test.n; i++) {
    let s = theta[test.d]
    for (let j = 0; j < test.d; j++) s += test.x[i * test.d + j] * theta[j]
    p[i] = s
  }
  return rocAuc(test.y, p)
}

function run(
  label: string,
  train: Matrix,
  test: Matrix,
  make: (m: Matrix, penalty: number) => Objective,
  tol: number,
  ftol?: number,
): void {
  const { objective, times } = counted(make(train, 1))
  const started = cpuMs()
  const result = lbfgs(objective, new Float64Array(train.d + 1), {
    maxIter: 1000,
    tol,
    ...(ftol ? { ftol } : {}),
  })
  const total = cpuMs() - started
  const sorted = [...times].sort((a, b) => a - b)
  console.log(
    `${label.padEnd(44)} ${total.toFixed(1).padStart(7)} ms  iterations ${String(result.iterations).padStart(3)}  evaluations ${String(result.evaluations).padStart(3)}` +
      `  first eval ${times[0].toFixed(1)} ms, median ${sorted[sorted.length >> 1].toFixed(2)} ms  max|g| ${result.gradMax.toExponential(1)}  AUC ${auc(test, result.x).toFixed(6)}`,
  )
}

async function main(): Promise<void> {
  const dir = process.argv[2]
  if (!dir) throw new Error('usage: profile-logistic.ts <workdir>')
  const sets: [string, Matrix, Matrix][] = [
    ['synthetic', readMatrix(dir, 'synthetic-train'), readMatrix(dir, 'synthetic-test')],
  ]
  const flights = await loadFlights()
  sets.push(['flights', flights.train, flights.test])
  for (const [name, train, test] of sets) {
    const t = cpuMs()
    const fitted = fitLinear(trainingData(train), logisticConfig(), silentLogger)
    console.log(
      `${name}: fitLinear ${(cpuMs() - t).toFixed(1)} ms CPU, ${fitted.summary.iterations} iterations (cold process)`,
    )
    run(`${name}: copy of linear.ts objective, tol 1e-6`, train, test, rowObjective, 1e-6)
    run(`${name}: same again (now JIT-warm)`, train, test, rowObjective, 1e-6)
    run(`${name}: copy, tol 1e-4 (sklearn's default)`, train, test, rowObjective, 1e-4)
    run(`${name}: one exp per row, tol 1e-6`, train, test, oneExpObjective, 1e-6)
    run(`${name}: one exp + 4-row blocks, tol 1e-6`, train, test, blockedObjective, 1e-6)
    run(`${name}: one exp + 4-row blocks, tol 1e-4`, train, test, blockedObjective, 1e-4)
    // scikit-learn passes gtol = tol to scipy and leaves ftol at scipy's default, factr 1e7 × eps.
    run(
      `${name}: one exp + 4-row blocks, sklearn's tol + ftol`,
      train,
      test,
      blockedObjective,
      1e-4,
      SCIPY_FTOL,
    )
  }
}

await main()
