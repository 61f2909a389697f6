/**
 * Evaluation metrics: dispatch from a task + predictions to the named metrics of the catalogue
 * (src/types/metric-catalogue.ts, re-exported here).
 * The metric arithmetic lives in metrics-{binary,multiclass,regression}.ts and is checked against
 * scikit-learn fixtures (scripts/fixtures/metrics_fixtures.py).
 */
import { UserError } from '../errors.js'
import {
  averagePrecision,
  binaryAtThreshold,
  brierScore,
  f1FromPrecisionRecall,
  logLoss,
  rocAuc,
} from './metrics-binary.js'
import type { BinaryThresholdMetrics } from './metrics-binary.js'
import { multiclassMetrics } from './metrics-multiclass.js'
import { regressionMetrics } from './metrics-regression.js'
import { DEFAULT_METRICS, METRICS, TASKS, type Task } from '../types/metric-catalogue.js'

export { argsort } from '../util/argsort.js'
export {
  averagePrecision,
  binaryAtThreshold,
  brierScore,
  LOG_LOSS_EPS,
  logLoss,
  rocAuc,
} from './metrics-binary.js'
export type { BinaryThresholdMetrics }
export { multiclassMetrics } from './metrics-multiclass.js'
export type { MulticlassMetrics } from './metrics-multiclass.js'
export { regressionMetrics } from './metrics-regression.js'
export type { RegressionMetrics } from './metrics-regression.js'
export { DEFAULT_METRICS, METRICS, TASKS } from '../types/metric-catalogue.js'
export type { MetricInfo, Task } from '../types/metric-catalogue.js'

export interface MetricOptions {
  /** K, the number of classes; required for multiclass (pred is then n x K row-major). */
  classes?: number
  /** Binary only: P(1) >= threshold predicts class 1. Default 0.5. */
  threshold?: number
  /** Per-row sample weights (sklearn sample_weight; bootstrap counts). */
  weight?: Float64Array
  /** Metric names; default DEFAULT_METRICS[task]. */
  names?: string[]
  /** Binary only: argsort(pred), so repeated calls with different weights (bootstrap) sort once. */
  order?: Uint32Array
}

/** The metric names that apply to a task, in catalogue order. */
export function metricsForTask(task: Task): string[] {
  return Object.values(METRICS)
    .filter((info) => info.tasks.includes(task))
    .map((info) => info.name)
}

/** Throws a UserError naming the metric and listing the valid ones when a name does not fit the task. */
export function checkMetricNames(task: Task, names: readonly string[]): void {
  if (!TASKS.includes(task))
    throw new UserError(`unknown task "${String(task)}"; expected one of ${TASKS.join(', ')}`)
  for (const name of names) {
    const info = Object.hasOwn(METRICS, name) ? METRICS[name] : undefined
    if (info === undefined || !info.tasks.includes(task)) {
      const what = info === undefined ? 'unknown metric' : `metric does not apply to a ${task} task:`
      throw new UserError(`${what} "${name}"; for ${task} use one of ${metricsForTask(task).join(', ')}`)
    }
  }
}

/** Compute the named scalar metrics (NaN where a metric is undefined, e.g. ROC AUC with one class). */
export function computeMetrics(
  task: Task,
  y: Uint8Array | Int32Array | Float64Array,
  pred: Float64Array,
  opts: MetricOptions = {},
): Record<string, number> {
  const names = opts.names ?? DEFAULT_METRICS[task]
  checkMetricNames(task, names)
  const values: Record<string, number> = {}
  if (task === 'binary') {
    const labels = expectArray(y, Uint8Array, 'binary', 'Uint8Array of 0/1')
    const threshold = opts.threshold ?? 0.5
    let atThreshold: BinaryThresholdMetrics | undefined // one pass serves all four threshold metrics
    for (const name of names) {
      if (name === 'roc_auc') values[name] = rocAuc(labels, pred, opts.weight, opts.order)
      else if (name === 'average_precision')
        values[name] = averagePrecision(labels, pred, opts.weight, opts.order)
      else if (name === 'log_loss') values[name] = logLoss(labels, pred, opts.weight)
      else if (name === 'brier') values[name] = brierScore(labels, pred, opts.weight)
      else {
        atThreshold ??= binaryAtThreshold(labels, pred, threshold, opts.weight)
        values[name] = atThreshold[name as 'accuracy' | 'precision' | 'recall' | 'f1']
      }
    }
  } else if (task === 'multiclass') {
    const labels = expectArray(y, Int32Array, 'multiclass', 'Int32Array of class indices')
    const all = multiclassMetrics(labels, pred, requireClasses(opts.classes), opts.weight)
    for (const name of names) values[name] = all[name as 'accuracy' | 'f1_macro' | 'f1_weighted' | 'log_loss']
  } else {
    const targets = expectArray(y, Float64Array, 'regression', 'Float64Array')
    const all = regressionMetrics(targets, pred, opts.weight)
    for (const name of names) values[name] = all[name as 'rmse' | 'mae' | 'r2']
  }
  return values
}

/** Per-class breakdown for the report. Every number is finite, so it survives JSON unchanged. */
export interface ClassificationDetails {
  task: 'binary' | 'multiclass'
  /** Class indices labelling the rows/columns of `confusion` and the per-class arrays: 0..K-1. */
  classes: number[]
  /** Binary: P(1) >= threshold predicts 1. Multiclass predicts the argmax, so null. */
  threshold: number | null
  /** confusion[true][predicted], weighted counts. */
  confusion: number[][]
  precision: number[]
  recall: number[]
  f1: number[]
  support: number[]
  /** Total weight (row count when unweighted). */
  total: number
}

/** Residual summary for the report; null where undefined (zero total weight). */
export interface RegressionDetails {
  task: 'regression'
  total: number
  /** Weighted mean of pred - y: positive means the model over-predicts. */
  meanError: number | null
  /** Largest |pred - y| over rows with positive weight. */
  maxAbsError: number | null
}

export type MetricDetails = ClassificationDetails | RegressionDetails

export function computeDetails(
  task: Task,
  y: Uint8Array | Int32Array | Float64Array,
  pred: Float64Array,
  opts: Pick<MetricOptions, 'classes' | 'threshold' | 'weight'> = {},
): MetricDetails {
  checkMetricNames(task, [])
  if (task === 'binary') {
    const labels = expectArray(y, Uint8Array, 'binary', 'Uint8Array of 0/1')
    const threshold = opts.threshold ?? 0.5
    const { confusion } = binaryAtThreshold(labels, pred, threshold, opts.weight)
    const [[tn, fp], [fn, tp]] = confusion
    const precision: [number, number] = [ratio(tn, tn + fn), ratio(tp, tp + fp)]
    const recall: [number, number] = [ratio(tn, tn + fp), ratio(tp, tp + fn)]
    const f1 = [
      f1FromPrecisionRecall(precision[0], recall[0]),
      f1FromPrecisionRecall(precision[1], recall[1]),
    ]
    const support: [number, number] = [tn + fp, fn + tp]
    return {
      task,
      classes: [0, 1],
      threshold,
      confusion,
      precision,
      recall,
      f1,
      support,
      total: support[0] + support[1],
    }
  }
  if (task === 'multiclass') {
    const labels = expectArray(y, Int32Array, 'multiclass', 'Int32Array of class indices')
    const K = requireClasses(opts.classes)
    const m = multiclassMetrics(labels, pred, K, opts.weight)
    const classes = Array.from({ length: K }, (_, k) => k)
    const total = m.support.reduce((a, b) => a + b, 0)
    const { confusion, precision, recall, f1, support } = m
    return { task, classes, threshold: null, confusion, precision, recall, f1, support, total }
  }
  const targets = expectArray(y, Float64Array, 'regression', 'Float64Array')
  regressionMetrics(targets, pred, opts.weight) // validates lengths, values and weights
  let total = 0
  let errorSum = 0
  let maxAbs = 0
  for (let i = 0; i < targets.length; i++) {
    const w = opts.weight === undefined ? 1 : opts.weight[i]!
    const error = pred[i]! - targets[i]!
    total += w
    errorSum += w * error
    if (w > 0 && Math.abs(error) > maxAbs) maxAbs = Math.abs(error)
  }
  return total === 0
    ? { task, total, meanError: null, maxAbsError: null }
    : { task, total, meanError: errorSum / total, maxAbsError: maxAbs }
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator
}

function requireClasses(classes: number | undefined): number {
  if (classes === undefined || !Number.isInteger(classes) || classes < 2) {
    throw new RangeError(
      `multiclass metrics need opts.classes, the number of classes (an integer >= 2); got ${String(classes)}`,
    )
  }
  return classes
}

function expectArray<T extends Uint8Array | Int32Array | Float64Array>(
  y: Uint8Array | Int32Array | Float64Array,
  type: new (length: number) => T,
  task: Task,
  expected: string,
): T {
  if (!(y instanceof type))
    throw new TypeError(`${task} metrics need y as a ${expected}, got ${y.constructor.name}`)
  return y
}
