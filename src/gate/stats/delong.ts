/**
 * DeLong's nonparametric variance of ROC AUC and covariance of two correlated AUCs measured on the same
 * rows: DeLong, DeLong & Clarke-Pearson (1988), "Comparing the areas under two or more correlated receiver
 * operating characteristic curves: a nonparametric approach", Biometrics 44:837–845.
 *
 * Computed with the fast algorithm of Sun & Xu (2014), "Fast implementation of DeLong's algorithm for
 * comparing the areas under correlated receiver operating characteristic curves", IEEE Signal Processing
 * Letters 21(11):1389–1393: the structural components (placements) come from midranks, so the cost is one
 * O(n log n) sort per score instead of DeLong's O(m·n) pairwise kernel. With m positives and k negatives,
 *   V10(x_i) = (midrank of x_i among all rows − midrank among positives) / k
 *            = (#negatives below x_i + ½·#negatives tied with x_i) / k
 *   V01(y_j) = 1 − (midrank of y_j among all − midrank among negatives) / m
 *            = (#positives above y_j + ½·#positives tied with y_j) / m
 *   AUC = mean V10 = mean V01,  S10, S01 = sample covariance matrices (divisor m−1, k−1) of the placements,
 *   Var = S10/m + S01/k.
 * Ties count ½ (midranks), matching the Mann–Whitney AUC that scikit-learn and pROC report.
 *
 * Degenerate inputs: fewer than 2 positive or 2 negative rows throws a UserError (the sample covariances
 * need m−1, k−1 > 0; with one class AUC itself is undefined). A zero standard error of the difference
 * (e.g. two identical score vectors) is not an error: see `delongPaired`.
 */
import { UserError } from '../../errors.js'
import { criticalValue, twoSidedNormalPValue } from './normal.js'
import { argsort } from '../../util/argsort.js'
import { assertBinaryLabels, assertScores } from './score-inputs.js'

export interface DelongVarianceResult {
  auc: number
  /** DeLong variance of the AUC estimate. */
  variance: number
  se: number
  positives: number
  negatives: number
}

export interface DelongPairedResult {
  aucA: number
  aucB: number
  /** aucA − aucB. Pass the challenger as A so that positive = challenger better. */
  diff: number
  varA: number
  varB: number
  cov: number
  /** sqrt(varA + varB − 2·cov), the standard error of diff. */
  se: number
  /** Two-sided normal-theory interval diff ± z·se at the requested confidence. */
  lower: number
  upper: number
  z: number
  /** Two-sided p-value of H0: aucA = aucB. */
  pValue: number
  positives: number
  negatives: number
}

/**
 * Placements of one score vector: v10[i] for the i-th positive row (in row order), v01[j] for the j-th
 * negative row. Exported for tests; rows are matched to placements by their order in y.
 */
export function delongPlacements(
  y: Uint8Array,
  score: Float64Array,
): { v10: Float64Array; v01: Float64Array } {
  const n = y.length
  let positives = 0
  for (let i = 0; i < n; i++) positives += y[i]!
  const negatives = n - positives
  // Rank of each row among its own class, in row order, so both scores' placements line up row by row.
  const slot = new Int32Array(n)
  for (let i = 0, p = 0, q = 0; i < n; i++) slot[i] = y[i] === 1 ? p++ : q++
  const v10 = new Float64Array(positives)
  const v01 = new Float64Array(negatives)
  const order = argsort(score)
  let posBelow = 0
  let negBelow = 0
  let start = 0
  while (start < n) {
    let end = start + 1
    const value = score[order[start]!]
    while (end < n && score[order[end]!] === value) end++
    let tiedPos = 0
    for (let k = start; k < end; k++) tiedPos += y[order[k]!]!
    const tiedNeg = end - start - tiedPos
    const posPlacement = (negBelow + 0.5 * tiedNeg) / negatives
    const negPlacement = (positives - posBelow - 0.5 * tiedPos) / positives
    for (let k = start; k < end; k++) {
      const row = order[k]!
      if (y[row] === 1) v10[slot[row]!] = posPlacement
      else v01[slot[row]!] = negPlacement
    }
    posBelow += tiedPos
    negBelow += tiedNeg
    start = end
  }
  return { v10, v01 }
}

function mean(values: Float64Array): number {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i]!
  return sum / values.length
}

/** Sample covariance (divisor len − 1) given precomputed means; two-pass for accuracy. */
function sampleCovariance(a: Float64Array, meanA: number, b: Float64Array, meanB: number): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += (a[i]! - meanA) * (b[i]! - meanB)
  return sum / (a.length - 1)
}

function countClasses(where: string, y: Uint8Array): { positives: number; negatives: number } {
  let positives = 0
  for (let i = 0; i < y.length; i++) positives += y[i]!
  const negatives = y.length - positives
  if (positives < 2 || negatives < 2) {
    throw new UserError(
      `${where}: y has ${positives} positive and ${negatives} negative row(s); AUC and its DeLong variance ` +
        `need at least 2 rows of each class`,
    )
  }
  return { positives, negatives }
}

/** DeLong variance of a single ROC AUC. */
export function delongVariance(y: Uint8Array, score: Float64Array): DelongVarianceResult {
  const where = 'delongVariance'
  assertBinaryLabels(where, y, y.length)
  assertScores(where, 'score', score, y.length)
  const { positives, negatives } = countClasses(where, y)
  const { v10, v01 } = delongPlacements(y, score)
  const auc = mean(v10)
  const m01 = mean(v01)
  const variance =
    sampleCovariance(v10, auc, v10, auc) / positives + sampleCovariance(v01, m01, v01, m01) / negatives
  return { auc, variance, se: Math.sqrt(variance), positives, negatives }
}

/**
 * DeLong test and confidence interval for aucA − aucB on the same rows.
 *
 * If se is 0 (both scores induce the same placements, e.g. identical or monotone-equivalent scores), the
 * difference is exactly known: lower = upper = diff, and z/pValue are 0/1 when diff is 0, ±Infinity/0
 * otherwise. No NaN is returned for valid input.
 */
export function delongPaired(
  y: Uint8Array,
  scoreA: Float64Array,
  scoreB: Float64Array,
  confidence = 0.95,
): DelongPairedResult {
  const where = 'delongPaired'
  const z95 = criticalValue(confidence)
  assertBinaryLabels(where, y, y.length)
  assertScores(where, 'scoreA', scoreA, y.length)
  assertScores(where, 'scoreB', scoreB, y.length)
  const { positives, negatives } = countClasses(where, y)
  const a = delongPlacements(y, scoreA)
  const b = delongPlacements(y, scoreB)
  const aucA = mean(a.v10)
  const aucB = mean(b.v10)
  const a01 = mean(a.v01)
  const b01 = mean(b.v01)
  const varA =
    sampleCovariance(a.v10, aucA, a.v10, aucA) / positives +
    sampleCovariance(a.v01, a01, a.v01, a01) / negatives
  const varB =
    sampleCovariance(b.v10, aucB, b.v10, aucB) / positives +
    sampleCovariance(b.v01, b01, b.v01, b01) / negatives
  const cov =
    sampleCovariance(a.v10, aucA, b.v10, aucB) / positives +
    sampleCovariance(a.v01, a01, b.v01, b01) / negatives
  const diff = aucA - aucB
  // The variance of a difference is ≥ 0 mathematically; clamp rounding noise (identical scores give ±1e-19).
  const varDiff = Math.max(0, varA + varB - 2 * cov)
  const se = Math.sqrt(varDiff)
  let z: number
  let pValue: number
  if (se > 0) {
    z = diff / se
    pValue = twoSidedNormalPValue(z)
  } else {
    z = diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity
    pValue = diff === 0 ? 1 : 0
  }
  return {
    aucA,
    aucB,
    diff,
    varA,
    varB,
    cov,
    se,
    lower: diff - z95 * se,
    upper: diff + z95 * se,
    z,
    pValue,
    positives,
    negatives,
  }
}
