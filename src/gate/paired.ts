import { UserError } from '../errors.js'
import type { Task } from '../evaluate/metrics.js'
import { argsort, computeMetrics } from '../evaluate/metrics.js'
import { binaryRowTerms } from '../evaluate/metrics-binary.js'
import type { Method } from './types.js'
import { pairedBootstrap } from './stats/bootstrap.js'
import { delongPaired, delongVariance } from './stats/delong.js'
import { mcnemarPaired, wilsonInterval } from './stats/mcnemar.js'
import { criticalValue } from './stats/normal.js'

/**
 * The paired estimate for one metric on one set of rows: challenger − champion (raw, not yet oriented)
 * with a CI, plus the challenger's own value with a CI (for floors). The method follows the metric:
 * DeLong for ROC AUC, exact McNemar with Newcombe's interval for accuracy, a stratified paired bootstrap
 * for everything else.
 */
export interface PairedEstimate {
  champion: number
  challenger: number
  diff: number
  lower: number
  upper: number
  se: number
  method: Method
  challengerLower: number
  challengerUpper: number
  challengerSe: number
}

export interface PairedInput {
  task: Task
  y: Uint8Array | Int32Array | Float64Array
  challenger: Float64Array
  champion: Float64Array
  classes: number
  threshold: number
  confidence: number
  resamples: number
  seed: number
  /** Whether the challenger's own CI is needed (a floor is set): it costs a second bootstrap. */
  needChallengerInterval: boolean
}

function correctness(input: PairedInput, pred: Float64Array): Uint8Array {
  const n = input.y.length
  const out = new Uint8Array(n)
  if (input.task === 'binary') {
    for (let i = 0; i < n; i++) out[i] = (pred[i]! >= input.threshold ? 1 : 0) === input.y[i] ? 1 : 0
  } else {
    const k = input.classes
    for (let i = 0; i < n; i++) {
      let best = 0
      for (let c = 1; c < k; c++) if (pred[i * k + c]! > pred[i * k + best]!) best = c
      out[i] = best === input.y[i] ? 1 : 0
    }
  }
  return out
}

function strataOf(input: PairedInput): Int32Array | undefined {
  if (input.task === 'regression') return undefined
  return Int32Array.from(input.y as ArrayLike<number>)
}

export function pairedEstimate(metric: string, input: PairedInput): PairedEstimate {
  const { task, y, challenger, champion, confidence } = input
  const z = criticalValue(confidence)
  if (metric === 'roc_auc' && task === 'binary') {
    const labels = y as Uint8Array
    let positives = 0
    for (let i = 0; i < labels.length; i++) positives += labels[i]!
    if (positives < 2 || labels.length - positives < 2) {
      throw new UserError(
        `ROC AUC needs at least 2 rows of each class (here ${positives} positive, ${labels.length - positives} negative)`,
      )
    }
    const r = delongPaired(labels, challenger, champion, confidence)
    const own = delongVariance(labels, challenger)
    return {
      champion: r.aucB,
      challenger: r.aucA,
      diff: r.diff,
      lower: r.lower,
      upper: r.upper,
      se: r.se,
      method: 'delong',
      challengerLower: Math.max(0, own.auc - z * own.se),
      challengerUpper: Math.min(1, own.auc + z * own.se),
      challengerSe: own.se,
    }
  }
  if (metric === 'accuracy' && task !== 'regression') {
    const r = mcnemarPaired(
      correctness(input, challenger),
      correctness(input, champion),
      undefined,
      confidence,
    )
    const n = y.length
    const own = wilsonInterval(Math.round(r.accA * n), n, z)
    return {
      champion: r.accB,
      challenger: r.accA,
      diff: r.diff,
      lower: r.lower,
      upper: r.upper,
      se: r.se,
      method: 'mcnemar',
      challengerLower: own.lower,
      challengerUpper: own.upper,
      challengerSe: Math.sqrt((r.accA * (1 - r.accA)) / n),
    }
  }
  // Everything else: paired bootstrap, the same resampled rows for both models.
  const options = { classes: input.classes, threshold: input.threshold, names: [metric] }
  const orderA = task === 'binary' ? argsort(challenger) : undefined
  const orderB = task === 'binary' ? argsort(champion) : undefined
  const value = (pred: Float64Array, order: Uint32Array | undefined, weight?: Float64Array): number =>
    computeMetrics(task, y, pred, { ...options, weight, order })[metric]!
  const chal = value(challenger, orderA)
  const champ = value(champion, orderB)
  const common = {
    n: y.length,
    strata: strataOf(input),
    resamples: input.resamples,
    seed: input.seed,
    confidence,
  }
  // Log loss and Brier are means of per-row terms and every resample keeps n rows (Σw = n): a resample's
  // difference is then one dot product with the per-row differences, not two metric evaluations.
  let terms: Float64Array | null = null
  let diffTerms: Float64Array | null = null
  if (task === 'binary' && (metric === 'log_loss' || metric === 'brier')) {
    terms = binaryRowTerms(metric, y as Uint8Array, challenger)
    const theirs = binaryRowTerms(metric, y as Uint8Array, champion)
    diffTerms = terms.map((t, i) => t - theirs[i]!)
  }
  const meanOf = (t: Float64Array, w: Float64Array): number => {
    let sum = 0
    for (let i = 0; i < t.length; i++) sum += w[i]! * t[i]!
    return sum / t.length
  }
  const diff = pairedBootstrap({
    ...common,
    statistic: diffTerms
      ? (w) => meanOf(diffTerms, w)
      : (w) => value(challenger, orderA, w) - value(champion, orderB, w),
  })
  let own = { lower: Number.NaN, upper: Number.NaN, se: Number.NaN }
  if (input.needChallengerInterval)
    own = pairedBootstrap({
      ...common,
      statistic: terms ? (w) => meanOf(terms, w) : (w) => value(challenger, orderA, w),
    })
  return {
    champion: champ,
    challenger: chal,
    diff: chal - champ,
    lower: diff.lower,
    upper: diff.upper,
    se: diff.se,
    method: 'bootstrap',
    challengerLower: own.lower,
    challengerUpper: own.upper,
    challengerSe: own.se,
  }
}

/** Rows of the arrays at the given positions (for slices). */
export function subsetInput(input: PairedInput, positions: Uint32Array): PairedInput {
  const width = input.task === 'multiclass' ? input.classes : 1
  const pick = (a: Float64Array): Float64Array => {
    const out = new Float64Array(positions.length * width)
    for (let i = 0; i < positions.length; i++)
      for (let k = 0; k < width; k++) out[i * width + k] = a[positions[i]! * width + k]!
    return out
  }
  const y = input.y
  const ySub =
    y instanceof Uint8Array
      ? new Uint8Array(positions.length)
      : y instanceof Int32Array
        ? new Int32Array(positions.length)
        : new Float64Array(positions.length)
  for (let i = 0; i < positions.length; i++) ySub[i] = y[positions[i]!]!
  return { ...input, y: ySub, challenger: pick(input.challenger), champion: pick(input.champion) }
}
