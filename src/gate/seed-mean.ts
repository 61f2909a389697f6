import { mean, sampleVariance } from '../util/sample-stats.js'
import type { PairedEstimate } from './paired.js'
import { criticalValue } from './stats/normal.js'
import { studentTQuantile } from './stats/student-t.js'
import type { GateResult, MetricComparison } from './types.js'

/** A gated metric's estimate over K seeds of one spec, each compared with the same champion on the same rows. */
export interface SeedMeanEstimate extends PairedEstimate {
  /** Degrees of freedom when every seed's estimate was a cross-fitting t (the smallest), else undefined. */
  df?: number
  rows: number
  /** Each seed's oriented difference (+ = better), in seed order. */
  diffs: number[]
}

/**
 * The paired difference of the seeds' MEAN metric against the champion, for every overall gated metric that
 * all K seeds report: Δ̄ = mean of the seeds' differences, with
 *   se² = (mean of the seeds' standard errors)² + s²/K
 * where the first term bounds the eval-row sampling error of the mean for any correlation between the seeds
 * (sd of a sum ≤ the sum of sds; equal when the seeds' errors are perfectly correlated, which is close to
 * the truth for one spec on the same rows) and s²/K is the seed-to-seed spread of the differences (their
 * sample variance, which also holds some row noise, so the sum errs on the wide side). The challenger's own
 * value (for floors) is combined the same way. The gate then decides on this estimate as on any other.
 */
export function seedMeanEstimates(gates: GateResult[], confidence: number): Record<string, SeedMeanEstimate> {
  const out: Record<string, SeedMeanEstimate> = {}
  const first = gates[0]
  if (!first) return out
  const z = criticalValue(confidence)
  const overall = (g: GateResult, metric: string): MetricComparison | undefined =>
    g.comparisons.find((c) => c.metric === metric && c.scope.kind === 'overall' && c.verdict !== 'not-gated')
  for (const c0 of first.comparisons) {
    if (c0.scope.kind !== 'overall' || c0.verdict === 'not-gated') continue
    const per = gates.map((g) => overall(g, c0.metric))
    if (per.some((c) => c === undefined || !Number.isFinite(c.se))) continue
    const cs = per as MetricComparison[]
    const sign = c0.higherIsBetter ? 1 : -1
    const diffs = cs.map((c) => c.diff)
    const k = cs.length
    const se = Math.sqrt(mean(cs.map((c) => c.se)) ** 2 + sampleVariance(diffs) / k)
    const dfs = cs.map((c) => c.df)
    const df = dfs.every((d): d is number => d !== null) ? Math.min(...dfs) : undefined
    const crit = df === undefined ? z : studentTQuantile(1 - (1 - confidence) / 2, df)
    const oriented = mean(diffs)
    const challengers = cs.map((c) => c.challenger)
    const challengerSes = cs.map((c) => (c.challengerUpper - c.challengerLower) / (2 * z))
    const challenger = mean(challengers)
    const challengerSe = Math.sqrt(mean(challengerSes) ** 2 + sampleVariance(challengers) / k)
    out[c0.metric] = {
      champion: c0.champion,
      challenger,
      // PairedEstimate is in the metric's raw orientation (challenger − champion).
      diff: sign * oriented,
      lower: sign > 0 ? oriented - crit * se : -(oriented + crit * se),
      upper: sign > 0 ? oriented + crit * se : -(oriented - crit * se),
      se,
      method: 'seed-mean',
      challengerLower: challenger - z * challengerSe,
      challengerUpper: challenger + z * challengerSe,
      challengerSe,
      ...(df === undefined ? {} : { df }),
      rows: c0.n,
      diffs,
    }
  }
  return out
}
