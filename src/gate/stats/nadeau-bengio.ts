/**
 * Nadeau and Bengio's corrected resampled t interval (Machine Learning 52, 2003, §4): J train/test splits
 * (here: R repetitions of K-fold cross-fitting), each giving a difference d_j of a metric between two
 * learners trained on the same training rows and scored on the same test rows. The splits overlap, so the
 * naive variance S²/J is far too small; the correction replaces 1/J by 1/J + n_test/n_train:
 *   d̄ ± t_{J−1, 1−α/2} · √((1/J + n_test/n_train) · S²),   S² the sample variance of the d_j.
 * Checked against a scipy computation in __fixtures__/stats/nadeau_bengio.json.
 */
import { UserError } from '../../errors.js'
import { studentTCdf, studentTQuantile } from './student-t.js'

export interface CorrectedResampledT {
  mean: number
  /** √((1/J + n_test/n_train)·S²). */
  se: number
  df: number
  lower: number
  upper: number
  /** One-sided p-value of H₀ "the true difference ≥ boundary" (small when the difference is below it). */
  pBelow: (boundary: number) => number
}

export function correctedResampledT(options: {
  diffs: readonly number[]
  trainRows: number
  testRows: number
  confidence: number
}): CorrectedResampledT {
  const { diffs, trainRows, testRows, confidence } = options
  const j = diffs.length
  if (j < 2) throw new UserError(`the corrected resampled t interval needs ≥ 2 splits, got ${j}`)
  if (!(trainRows > 0) || !(testRows > 0))
    throw new UserError(`train and test row counts must be > 0, got ${trainRows} and ${testRows}`)
  if (!(confidence > 0 && confidence < 1))
    throw new UserError(`confidence must be strictly between 0 and 1, got ${String(confidence)}`)
  const mean = diffs.reduce((a, b) => a + b, 0) / j
  const s2 = diffs.reduce((a, d) => a + (d - mean) ** 2, 0) / (j - 1)
  const se = Math.sqrt((1 / j + testRows / trainRows) * s2)
  const df = j - 1
  const t = studentTQuantile(1 - (1 - confidence) / 2, df)
  return {
    mean,
    se,
    df,
    lower: mean - t * se,
    upper: mean + t * se,
    pBelow: (boundary) => (se > 0 ? studentTCdf((mean - boundary) / se, df) : mean < boundary ? 0 : 1),
  }
}
