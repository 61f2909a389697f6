import type { LinearConfig } from '../config/spec-schema.js'
import type { Logger } from '../util/logger.js'
import { withArena, type Arena } from './kernels/dense-kernels.js'
import { glmObjective } from './kernels/glm-objective.js'
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
 * (n is the total row weight when rows are weighted.)
 */
function makeObjective(
  data: TrainingData,
  penalty: number,
  target: Float64Array | null,
  arena: Arena,
): Objective {
  const { x, n, d, task, weight } = data
  const kind = task === 'binary' ? 'logistic' : task === 'multiclass' ? 'softmax' : 'squared'
  const k = task === 'multiclass' ? data.classes : 1
  const y = target ?? data.y
  return glmObjective({ x, n, d, y, kind, k, ...(weight ? { weight } : {}) }, penalty, arena)
}

/** Fit a logistic (binary, multinomial) or linear (ridge) model full-batch with L-BFGS. */
export function fitLinear(
  data: TrainingData,
  config: LinearConfig,
  logger: Logger,
): { net: DenseNet; summary: TrainSummary } {
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
  // The objective is a mean; `tol` is scikit-learn's, on the summed loss's gradient (n × the mean's), and so
  // is the relative-decrease test: both are scaled so the fit stops where scikit-learn's lbfgs would.
  const rows = data.weight ? data.weight.reduce((a, b) => a + b, 0) : n
  const result = withArena((arena) =>
    lbfgs(makeObjective(data, penalty, target, arena), new Float64Array(d * k + k), {
      maxIter: config.max_iter,
      tol: config.tol / rows,
      fFloor: 1 / rows,
      onIteration: (it, f, g) => {
        if (it % 10 === 0)
          logger.progress(`  lbfgs iteration ${it}: loss ${f.toFixed(6)}, max|grad| ${g.toExponential(2)}`)
      },
    }),
  )
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
  if (!result.converged)
    logger.warn(
      `L-BFGS stopped at max_iter=${config.max_iter} before max|grad| ≤ ${config.tol}; raise model.max_iter`,
    )
  return {
    net: { layers: [{ kernel, bias, inputs: d, units: k, activation: outputActivation(task) }], dropout: 0 },
    summary: {
      algorithm: 'lbfgs',
      iterations: result.iterations,
      finalLoss: result.f,
      converged: result.converged,
      millis,
    },
  }
}
