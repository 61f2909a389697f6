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
  return tInterval(mean, Math.sqrt((1 / j + testRows / trainRows) * s2), j - 1, confidence)
}

/** mean ± t_{df, 1−α/2}·se, and the one-sided p-value below a boundary. */
function tInterval(mean: number, se: number, df: number, confidence: number): CorrectedResampledT {
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

/**
 * The corrected resampled t interval when every split is fitted with m ≥ 2 seeds per learner (diffs[j][s]:
 * split j, seed s; both learners of a seed pair use that seed). A split's difference is then
 * d_js = μ + a_j + e_js: a_j comes from the split's rows and is correlated across splits through their
 * overlapping training sets, which Nadeau and Bengio's factor corrects; e_js comes from the seed (the init and
 * the batch order), is independent across seeds and splits, and needs no correction. The pooled within-split
 * variance S_w² (df J·(m−1)) estimates Var(e); the split means' sample variance S_b² estimates
 * Var(a) + Var(e)/m, so
 *   Var(d̄) ≈ (1/J + n_test/n_train) · max(S_b² − S_w²/m, 0) + S_w²/(m·J),
 * which is the plain correction applied to the split means less the part of it that falls on the seed noise.
 * The t quantile keeps the between-split df J − 1 (Satterthwaite's df is undefined when the second term's
 * coefficient is negative, as it is whenever 1/J < n_test/n_train).
 * With m = 1 the split effect and the seed noise cannot be told apart: this is correctedResampledT.
 * Checked against a numpy computation in __fixtures__/stats/nadeau_bengio.json.
 */
export function seedReplicatedT(options: {
  diffs: readonly (readonly number[])[]
  trainRows: number
  testRows: number
  confidence: number
}): CorrectedResampledT & { splitVariance: number; seedVariance: number; seeds: number } {
  const { diffs, trainRows, testRows, confidence } = options
  const m = diffs[0]?.length ?? 0
  if (m < 1 || diffs.some((d) => d.length !== m))
    throw new UserError(`every split needs the same number (≥ 1) of seeds' differences`)
  const means = diffs.map((d) => d.reduce((a, b) => a + b, 0) / m)
  const plain = correctedResampledT({ diffs: means, trainRows, testRows, confidence })
  if (m === 1) return { ...plain, splitVariance: Number.NaN, seedVariance: Number.NaN, seeds: 1 }
  const j = diffs.length
  const within =
    diffs.reduce((a, d, i) => a + d.reduce((b, x) => b + (x - means[i]!) ** 2, 0), 0) / (j * (m - 1))
  const between = means.reduce((a, x) => a + (x - plain.mean) ** 2, 0) / (j - 1)
  const splitVariance = Math.max(between - within / m, 0)
  const se = Math.sqrt((1 / j + testRows / trainRows) * splitVariance + within / (m * j))
  return {
    ...tInterval(plain.mean, se, plain.df, confidence),
    splitVariance,
    seedVariance: within,
    seeds: m,
  }
}
