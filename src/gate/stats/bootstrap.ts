/**
 * Paired bootstrap over rows (Efron & Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 6 and 13):
 * each resample draws n rows with replacement and the statistic — challenger metric − champion metric — is
 * evaluated on those same rows for both models, so their correlation is kept. Rows are represented by
 * integer multiplicities (a weights vector) rather than copied, so a resample allocates nothing.
 *
 * Stratified resampling (e.g. by class) draws each stratum to its own size, so every resample has exactly
 * the original class balance (as pROC's `boot.stratified = TRUE` does for AUC).
 *
 * The interval is the percentile interval: the α/2 and 1 − α/2 quantiles of the replicates, quantiles by
 * linear interpolation between order statistics (Hyndman & Fan 1996, type 7; numpy's and R's default).
 * se is the standard deviation of the replicates (divisor R − 1).
 *
 * Determinism: resample r depends only on (seed, r) (see multiplicities.ts), so the same seed gives
 * bit-identical replicates, whatever order the resamples are drawn in.
 */
import { UserError } from '../../errors.js'
import { criticalValue } from './normal.js'
import { buildPoissonTables, drawMultiplicities, type MultiplicityPlan } from './multiplicities.js'

export interface BootstrapResult {
  /** The statistic on the original rows (all weights 1). */
  estimate: number
  /** Percentile interval at the requested confidence. */
  lower: number
  upper: number
  /** Standard deviation of the replicates. */
  se: number
  /** One value per resample, in resample order. */
  replicates: Float64Array
}

export interface PairedBootstrapOptions {
  /** Number of rows. */
  n: number
  /** Stratum label per row (e.g. the class); each stratum is resampled to its own size. */
  strata?: Int32Array
  /**
   * challenger_metric − champion_metric for row multiplicities `weights` (length n). The same Float64Array
   * is reused for every call: read it, do not keep it.
   */
  statistic: (weights: Float64Array) => number
  resamples?: number
  /** Non-negative safe integer. */
  seed: number
  confidence?: number
}

/** Splits a non-negative safe integer seed into the two 32-bit words the generator hashes. */
export function seedWords(seed: number): { seedLo: number; seedHi: number } {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new UserError(`bootstrap seed must be a non-negative integer, got ${String(seed)}`)
  }
  return { seedLo: seed % 4294967296, seedHi: Math.floor(seed / 4294967296) }
}

export function checkResamples(resamples: number): void {
  if (!Number.isSafeInteger(resamples) || resamples < 1 || resamples > 0x7fffffff) {
    throw new UserError(`bootstrap resamples must be a positive integer, got ${String(resamples)}`)
  }
}

/** Strata layout consumed by `drawMultiplicities` (see MultiplicityPlan). */
export interface StrataLayout {
  strataOffsets: Int32Array
  strataCells: Int32Array | null
  stratumOfCell: Int32Array | null
}

/**
 * Groups cells by stratum. `rowOfCell[k]` is the row stored in cell k (null: cell = row). Strata are
 * numbered in ascending label order and cells ascend within a stratum, so the layout — and hence every
 * resample — is a function of the data alone.
 */
export function buildStrata(
  strata: Int32Array | undefined,
  n: number,
  rowOfCell: Int32Array | null,
): StrataLayout {
  if (strata === undefined)
    return { strataOffsets: Int32Array.of(0, n), strataCells: null, stratumOfCell: null }
  if (strata.length !== n) throw new UserError(`bootstrap strata has ${strata.length} rows, expected ${n}`)
  const labels = Array.from(new Set(strata)).sort((a, b) => a - b)
  const indexOfLabel = new Map(labels.map((label, i) => [label, i]))
  const stratumOfCell = new Int32Array(n)
  const strataOffsets = new Int32Array(labels.length + 1)
  for (let k = 0; k < n; k++) {
    const s = indexOfLabel.get(strata[rowOfCell === null ? k : rowOfCell[k]!]!) as number
    stratumOfCell[k] = s
    strataOffsets[s + 1]!++
  }
  for (let s = 0; s < labels.length; s++) strataOffsets[s + 1]! += strataOffsets[s]!
  const next = strataOffsets.slice(0, labels.length)
  const strataCells = new Int32Array(n)
  for (let k = 0; k < n; k++) strataCells[next[stratumOfCell[k]!]!++] = k
  return { strataOffsets, strataCells, stratumOfCell }
}

/** Type-7 quantile of ascending-sorted values. */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!)
}

/**
 * Percentile interval and se of the replicates. A non-finite replicate (e.g. an AUC resample that drew no
 * positive row) makes the interval meaningless, so it is an error that says how many and what to do.
 */
export function summarizeReplicates(
  estimate: number,
  replicates: Float64Array,
  confidence: number,
): BootstrapResult {
  criticalValue(confidence)
  let bad = 0
  let firstBad = -1
  let sum = 0
  for (let r = 0; r < replicates.length; r++) {
    const v = replicates[r]!
    if (!Number.isFinite(v)) {
      if (firstBad < 0) firstBad = r
      bad++
    } else sum += v
  }
  if (bad > 0) {
    throw new UserError(
      `bootstrap: ${bad} of ${replicates.length} resamples gave a non-finite statistic (first: resample ` +
        `${firstBad}, value ${replicates[firstBad]}); for AUC this means a resample without positive or ` +
        `negative rows — stratify by class (strata = y) or use more rows`,
    )
  }
  const mean = sum / replicates.length
  let squares = 0
  for (let r = 0; r < replicates.length; r++) squares += (replicates[r]! - mean) ** 2
  const sorted = Float64Array.from(replicates).sort()
  const alpha = 1 - confidence
  return {
    estimate,
    lower: sortedQuantile(sorted, alpha / 2),
    upper: sortedQuantile(sorted, 1 - alpha / 2),
    se: replicates.length > 1 ? Math.sqrt(squares / (replicates.length - 1)) : NaN,
    replicates,
  }
}

/**
 * Generic paired bootstrap: runs `statistic` in this thread on `resamples` multiplicity vectors (the gate
 * uses it for every metric but ROC AUC, which has DeLong's variance, and accuracy, which has McNemar's).
 */
export function pairedBootstrap(options: PairedBootstrapOptions): BootstrapResult {
  const { n, strata, statistic, resamples = 1000, seed, confidence = 0.95 } = options
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UserError(`bootstrap n must be a positive integer, got ${n}`)
  checkResamples(resamples)
  criticalValue(confidence)
  const { seedLo, seedHi } = seedWords(seed)
  const layout = buildStrata(strata, n, null)
  const plan: MultiplicityPlan = {
    ...layout,
    tables: buildPoissonTables(),
    totals: new Float64Array(layout.strataOffsets.length - 1),
    state: new Int32Array(4),
  }
  const weights = new Float64Array(n).fill(1)
  const estimate = statistic(weights)
  const replicates = new Float64Array(resamples)
  for (let r = 0; r < resamples; r++) {
    drawMultiplicities(weights, plan, seedLo, seedHi, r)
    replicates[r] = statistic(weights)
  }
  return summarizeReplicates(estimate, replicates, confidence)
}
