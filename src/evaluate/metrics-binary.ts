/**
 * Binary classification metrics with scikit-learn's semantics (checked against sklearn 1.2.1 fixtures).
 * Labels are 0/1 in a Uint8Array; `weight` is sklearn's sample_weight (bootstrap counts, zeros allowed).
 * Ranking metrics take an optional precomputed ascending `order` (argsort(score)) so a bootstrap sorts once
 * and then only loops: with `order` they allocate nothing.
 */
import { argsort } from '../util/argsort.js'
import { badLabel, badOrder, badValue, badWeight, checkLength, checkWeightLength } from './metrics-input.js'

/** np.finfo(np.float64).eps: sklearn >= 1.2 clips log-loss probabilities to [eps, 1 - eps] (eps='auto'). */
export const LOG_LOSS_EPS = Number.EPSILON

export interface BinaryThresholdMetrics {
  accuracy: number
  precision: number
  recall: number
  f1: number
  /** [[tn, fp], [fn, tp]]: rows are the true class, columns the predicted class (weighted counts). */
  confusion: [[number, number], [number, number]]
}

function checkRanking(
  fn: string,
  y: Uint8Array,
  score: Float64Array,
  weight?: Float64Array,
  order?: Uint32Array,
) {
  checkLength(fn, 'score', score.length, y.length)
  checkWeightLength(fn, weight, y.length)
  if (order !== undefined) checkLength(fn, 'order', order.length, y.length)
}

/**
 * Area under the ROC curve as the weighted Mann-Whitney statistic: the share of (positive, negative) pairs
 * where the positive scores higher, ties counting one half. Equal to sklearn's trapezoidal roc_auc_score.
 * NaN when either class has zero total weight (sklearn raises or returns nan there).
 */
export function rocAuc(
  y: Uint8Array,
  score: Float64Array,
  weight?: Float64Array,
  order?: Uint32Array,
): number {
  checkRanking('rocAuc', y, score, weight, order)
  const idx = order ?? argsort(score)
  const n = y.length
  let pairs = 0 // weighted count of correctly ranked pairs, ties counting 1/2
  let negBelow = 0 // negative weight with a strictly lower score than the current group
  let posTotal = 0
  let groupPos = 0
  let groupNeg = 0
  let previous = NaN
  for (let k = 0; k < n; k++) {
    const i = idx[k]!
    const s = score[i]!
    if (s !== previous) {
      if (s < previous) badOrder('rocAuc', k)
      if (s !== s) badValue('rocAuc', 'score', i, s, 'a number')
      pairs += groupPos * (negBelow + 0.5 * groupNeg)
      negBelow += groupNeg
      posTotal += groupPos
      groupPos = 0
      groupNeg = 0
      previous = s
    }
    const w = weight === undefined ? 1 : weight[i]!
    if (!(w >= 0 && w < Infinity)) badWeight('rocAuc', i, w)
    const label = y[i]!
    if (label === 1) groupPos += w
    else if (label === 0) groupNeg += w
    else badLabel('rocAuc', i, label, '0 or 1')
  }
  pairs += groupPos * (negBelow + 0.5 * groupNeg)
  negBelow += groupNeg
  posTotal += groupPos
  if (posTotal === 0 || negBelow === 0) return NaN
  return pairs / (posTotal * negBelow)
}

/**
 * sklearn's average_precision_score: sum over distinct score thresholds (descending) of
 * (recall gain) x (precision at that threshold), no interpolation; tied scores form one threshold.
 * NaN when the positives have zero total weight (sklearn 1.2.1 returns 0 with a warning there).
 */
export function averagePrecision(
  y: Uint8Array,
  score: Float64Array,
  weight?: Float64Array,
  order?: Uint32Array,
): number {
  checkRanking('averagePrecision', y, score, weight, order)
  const idx = order ?? argsort(score)
  let truePos = 0 // weight of positives scoring >= the current threshold
  let falsePos = 0
  let groupPos = 0
  let groupNeg = 0
  let sum = 0 // sum of groupPos x precision; divided by total positive weight at the end
  let previous = NaN
  for (let k = y.length - 1; k >= 0; k--) {
    const i = idx[k]!
    const s = score[i]!
    if (s !== previous) {
      if (s > previous) badOrder('averagePrecision', k + 1)
      if (s !== s) badValue('averagePrecision', 'score', i, s, 'a number')
      truePos += groupPos
      falsePos += groupNeg
      // A group without positive weight adds no recall; skipping it also avoids 0/0 when no weight is seen yet.
      if (groupPos > 0) sum += groupPos * (truePos / (truePos + falsePos))
      groupPos = 0
      groupNeg = 0
      previous = s
    }
    const w = weight === undefined ? 1 : weight[i]!
    if (!(w >= 0 && w < Infinity)) badWeight('averagePrecision', i, w)
    const label = y[i]!
    if (label === 1) groupPos += w
    else if (label === 0) groupNeg += w
    else badLabel('averagePrecision', i, label, '0 or 1')
  }
  truePos += groupPos
  falsePos += groupNeg
  if (groupPos > 0) sum += groupPos * (truePos / (truePos + falsePos))
  return truePos === 0 ? NaN : sum / truePos
}

/**
 * Binary log loss (natural log) with sklearn 1.2.1's arithmetic: p is clipped to [eps, 1 - eps]
 * (eps = 2^-52), the row [1 - p, p] is divided by its sum, and the weighted mean is taken.
 * Defined for one-class inputs (sklearn with labels=[0, 1]); NaN when the total weight is zero.
 */
/** -log of the clipped, renormalised probability of row i's true class (sklearn 1.2's log_loss term). */
function rowLogLoss(y: Uint8Array, p: Float64Array, i: number): number {
  const raw = p[i]!
  if (raw !== raw) badValue('logLoss', 'p', i, raw, 'a probability')
  const clipped = raw < LOG_LOSS_EPS ? LOG_LOSS_EPS : raw > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : raw
  const other = 1 - clipped
  const rowSum = other + clipped // not always exactly 1 in floating point; sklearn divides by it
  const label = y[i]!
  if (label === 1) return -Math.log(clipped / rowSum)
  if (label !== 0) badLabel('logLoss', i, label, '0 or 1')
  return -Math.log(other / rowSum)
}

/**
 * Per-row losses of a score array, kept while the array lives: a bootstrap evaluates the weighted log loss of
 * the same scores a thousand times, and the logarithms are most of that work. Sums run in the same order
 * over the same terms, so the results are bit-identical to computing them afresh. Callers never modify a
 * score array after scoring (a bootstrap's contract already).
 */
const rowLosses = new WeakMap<Float64Array, { y: Uint8Array; loss: Float64Array }>()

function rowLossesOf(y: Uint8Array, p: Float64Array): Float64Array {
  const cached = rowLosses.get(p)
  if (cached && cached.y === y) return cached.loss
  const loss = new Float64Array(y.length)
  for (let i = 0; i < y.length; i++) loss[i] = rowLogLoss(y, p, i)
  rowLosses.set(p, { y, loss })
  return loss
}

/**
 * Per-row terms of a metric that is a weighted mean of them (log loss, Brier score): with weights w the
 * metric is Σ wᵢ·termᵢ / Σ wᵢ, so a bootstrap (Σ wᵢ = n in every resample) can evaluate a resample as one dot
 * product instead of recomputing the metric. The terms are those logLoss and brierScore sum, checked the same
 * way. The returned array may be shared (log loss terms are cached with p): read it, do not modify it.
 */
export function binaryRowTerms(metric: 'log_loss' | 'brier', y: Uint8Array, p: Float64Array): Float64Array {
  if (metric === 'log_loss') {
    checkLength('logLoss', 'p', p.length, y.length)
    return rowLossesOf(y, p)
  }
  checkLength('brierScore', 'p', p.length, y.length)
  const terms = new Float64Array(y.length)
  for (let i = 0; i < y.length; i++) {
    const prob = p[i]!
    if (!(prob >= 0 && prob <= 1)) badValue('brierScore', 'p', i, prob, 'a probability in [0, 1]')
    const label = y[i]!
    if (label > 1) badLabel('brierScore', i, label, '0 or 1')
    const d = label - prob
    terms[i] = d * d
  }
  return terms
}

export function logLoss(y: Uint8Array, p: Float64Array, weight?: Float64Array): number {
  checkLength('logLoss', 'p', p.length, y.length)
  checkWeightLength('logLoss', weight, y.length)
  let sum = 0
  let total = 0
  if (weight === undefined) {
    for (let i = 0; i < y.length; i++) {
      sum += 1 * rowLogLoss(y, p, i)
      total += 1
    }
  } else {
    const loss = rowLossesOf(y, p)
    for (let i = 0; i < y.length; i++) {
      const w = weight[i]!
      if (!(w >= 0 && w < Infinity)) badWeight('logLoss', i, w)
      sum += w * loss[i]!
      total += w
    }
  }
  return total === 0 ? NaN : sum / total
}

/** Weighted mean squared difference between p and y. p must lie in [0, 1] (sklearn raises otherwise). */
export function brierScore(y: Uint8Array, p: Float64Array, weight?: Float64Array): number {
  checkLength('brierScore', 'p', p.length, y.length)
  checkWeightLength('brierScore', weight, y.length)
  let sum = 0
  let total = 0
  for (let i = 0; i < y.length; i++) {
    const prob = p[i]!
    if (!(prob >= 0 && prob <= 1)) badValue('brierScore', 'p', i, prob, 'a probability in [0, 1]')
    const label = y[i]!
    if (label > 1) badLabel('brierScore', i, label, '0 or 1')
    const w = weight === undefined ? 1 : weight[i]!
    if (!(w >= 0 && w < Infinity)) badWeight('brierScore', i, w)
    const d = label - prob
    sum += w * d * d
    total += w
  }
  return total === 0 ? NaN : sum / total
}

/**
 * Threshold metrics: a row is predicted positive when p >= threshold. precision, recall and f1 are 0 when
 * their denominator is 0 (sklearn zero_division=0); accuracy is NaN when the total weight is zero.
 */
export function binaryAtThreshold(
  y: Uint8Array,
  p: Float64Array,
  threshold: number,
  weight?: Float64Array,
): BinaryThresholdMetrics {
  checkLength('binaryAtThreshold', 'p', p.length, y.length)
  checkWeightLength('binaryAtThreshold', weight, y.length)
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new RangeError(`binaryAtThreshold: threshold is ${String(threshold)}; expected a number`)
  }
  let tn = 0
  let fp = 0
  let fn = 0
  let tp = 0
  for (let i = 0; i < y.length; i++) {
    const prob = p[i]!
    if (prob !== prob) badValue('binaryAtThreshold', 'p', i, prob, 'a number')
    const w = weight === undefined ? 1 : weight[i]!
    if (!(w >= 0 && w < Infinity)) badWeight('binaryAtThreshold', i, w)
    const label = y[i]!
    if (label > 1) badLabel('binaryAtThreshold', i, label, '0 or 1')
    if (prob >= threshold) {
      if (label === 1) tp += w
      else fp += w
    } else if (label === 1) fn += w
    else tn += w
  }
  const total = tn + fp + fn + tp
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn)
  return {
    accuracy: total === 0 ? NaN : (tn + tp) / total,
    precision,
    recall,
    f1: f1FromPrecisionRecall(precision, recall),
    confusion: [
      [tn, fp],
      [fn, tp],
    ],
  }
}

/** sklearn's F1 from precision and recall: 2PR / (P + R), 0 when P + R = 0. */
export function f1FromPrecisionRecall(precision: number, recall: number): number {
  const denominator = precision + recall
  return denominator === 0 ? 0 : (2 * precision * recall) / denominator
}
