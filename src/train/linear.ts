import type { LinearConfig } from '../config/spec-schema.js'
import type { Logger } from '../util/logger.js'
import { lbfgs, type Objective } from './lbfgs.js'
import { outputActivation, type DenseNet, type TrainSummary } from './model-types.js'

export type Task = 'binary' | 'multiclass' | 'regression'

export interface TrainingData {
  /** Row-major n × d features after preprocessing. */
  x: Float64Array
  n: number
  d: number
  /** 0/1 (binary), class index (multiclass) or value (regression). */
  y: Uint8Array | Int32Array | Float64Array
  task: Task
  /** Number of classes (multiclass); 1 output otherwise. */
  classes: number
  /** Optional per-row weights (bootstrap draws in calibration); all ones when absent. */
  weight?: Float64Array
}

/**
 * The mean loss plus an L2 penalty on the weights (not the intercepts), the objective scikit-learn's
 * LogisticRegression (penalty l2, lbfgs) and Ridge minimise, so the fitted coefficients can be compared.
 *   binary:      mean log-loss          + ||w||² / (2·C·n)
 *   multiclass:  mean softmax log-loss  + ||W||² / (2·C·n)
 *   regression:  mean ½(y − ŷ)²         + α·||w||² / (2·n)   (on a standardised target)
 */
function makeObjective(data: TrainingData, penalty: number, target: Float64Array | null): Objective {
  const { x, n, d, task, weight } = data
  const k = task === 'multiclass' ? data.classes : 1
  const y = data.y
  let totalWeight = n
  if (weight) {
    totalWeight = 0
    for (let i = 0; i < n; i++) totalWeight += weight[i]!
  }
  const z = new Float64Array(k)
  return (theta, grad) => {
    grad.fill(0)
    const bias = d * k
    let loss = 0
    for (let i = 0; i < n; i++) {
      const wi = weight ? weight[i]! : 1
      if (wi === 0) continue
      const base = i * d
      if (k === 1) {
        let s = theta[bias]!
        for (let j = 0; j < d; j++) s += x[base + j]! * theta[j]!
        let r: number
        if (task === 'binary') {
          const yi = y[i]!
          loss += wi * ((s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - yi * s)
          r = wi * (1 / (1 + Math.exp(-s)) - yi)
        } else {
          r = s - target![i]!
          loss += wi * 0.5 * r * r
          r *= wi
        }
        for (let j = 0; j < d; j++) grad[j] = grad[j]! + r * x[base + j]!
        grad[bias] = grad[bias]! + r
      } else {
        let max = -Infinity
        for (let c = 0; c < k; c++) {
          let s = theta[bias + c]!
          for (let j = 0; j < d; j++) s += x[base + j]! * theta[j * k + c]!
          z[c] = s
          if (s > max) max = s
        }
        let sum = 0
        for (let c = 0; c < k; c++) sum += Math.exp(z[c]! - max)
        const logSum = max + Math.log(sum)
        const yi = y[i]!
        loss += wi * (logSum - z[yi]!)
        for (let c = 0; c < k; c++) z[c] = wi * (Math.exp(z[c]! - logSum) - (c === yi ? 1 : 0))
        for (let j = 0; j < d; j++) {
          const xij = x[base + j]!
          const row = j * k
          for (let c = 0; c < k; c++) grad[row + c] = grad[row + c]! + z[c]! * xij
        }
        for (let c = 0; c < k; c++) grad[bias + c] = grad[bias + c]! + z[c]!
      }
    }
    let l2 = 0
    for (let j = 0; j < bias; j++) l2 += theta[j]! * theta[j]!
    for (let j = 0; j < grad.length; j++) grad[j] = grad[j]! / totalWeight
    for (let j = 0; j < bias; j++) grad[j] = grad[j]! + (penalty * theta[j]!) / totalWeight
    return loss / totalWeight + (0.5 * penalty * l2) / totalWeight
  }
}

/** Fit a logistic (binary, multinomial) or linear (ridge) model full-batch with L-BFGS. */
export function fitLinear(data: TrainingData, config: LinearConfig, logger: Logger): { net: DenseNet; summary: TrainSummary } {
  const started = performance.now()
  const { d, n, task } = data
  const k = task === 'multiclass' ? data.classes : 1
  let target: Float64Array | null = null
  let yMean = 0
  let yScale = 1
  if (task === 'regression') {
    // Standardise the target so the gradient tolerance means the same for any unit; α is unaffected.
    const y = data.y as Float64Array
    for (let i = 0; i < n; i++) yMean += y[i]!
    yMean /= n
    let ss = 0
    for (let i = 0; i < n; i++) ss += (y[i]! - yMean) ** 2
    yScale = Math.sqrt(ss / n) || 1
    target = new Float64Array(n)
    for (let i = 0; i < n; i++) target[i] = (y[i]! - yMean) / yScale
  }
  const penalty = task === 'regression' ? config.alpha : 1 / config.C
  const objective = makeObjective(data, penalty, target)
  const result = lbfgs(objective, new Float64Array(d * k + k), {
    maxIter: config.max_iter,
    tol: config.tol,
    onIteration: (it, f, g) => {
      if (it % 10 === 0) logger.progress(`  lbfgs iteration ${it}: loss ${f.toFixed(6)}, max|grad| ${g.toExponential(2)}`)
    },
  })
  const kernel = result.x.slice(0, d * k)
  const bias = result.x.slice(d * k)
  if (task === 'regression') {
    for (let j = 0; j < kernel.length; j++) kernel[j] = kernel[j]! * yScale
    bias[0] = bias[0]! * yScale + yMean
  }
  const millis = performance.now() - started
  logger.progress(
    `  lbfgs: ${result.iterations} iterations, loss ${result.f.toFixed(6)}, ${result.converged ? 'converged' : `not converged (max_iter ${config.max_iter})`}, ${millis.toFixed(0)} ms`,
  )
  if (!result.converged) logger.warn(`L-BFGS stopped at max_iter=${config.max_iter} before max|grad| ≤ ${config.tol}; raise model.max_iter`)
  return {
    net: { layers: [{ kernel, bias, inputs: d, units: k, activation: outputActivation(task) }], dropout: 0 },
    summary: { algorithm: 'lbfgs', iterations: result.iterations, finalLoss: result.f, converged: result.converged, millis },
  }
}
