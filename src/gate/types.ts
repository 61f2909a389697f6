/** The gate's vocabulary, shared by the decision, the report, the JSON results and the Action. */

export type Verdict = 'pass' | 'fail' | 'inconclusive'

/** A model's overall outcome: a gate verdict, or no champion to compare with. */
export type ModelVerdict = Verdict | 'no-champion'

export type Method = 'delong' | 'mcnemar' | 'bootstrap' | 'crossfit' | 'seed-mean'

/** Which rows a comparison covers: all eval rows, or one slice (a value of a slice column). */
export type Scope = { kind: 'overall' } | { kind: 'slice'; column: string; value: string }

/** One metric compared on one scope: both values, the oriented paired difference and its CI, the verdict. */
export interface MetricComparison {
  metric: string
  label: string
  higherIsBetter: boolean
  scope: Scope
  /** Eval rows in the scope. */
  n: number
  champion: number
  challenger: number
  /** challenger − champion, oriented so that positive is better (champion − challenger for lower-is-better). */
  diff: number
  lower: number
  upper: number
  se: number
  method: Method
  /** Margin δ ≥ 0 in the metric's units (null: no drop test). */
  margin: number | null
  /** Floor (ceiling for lower-is-better) on the challenger's value (null: none). */
  floor: number | null
  /** CI of the challenger's own value, for the floor test. */
  challengerLower: number
  challengerUpper: number
  /**
   * One-sided p-value of the fail claim before and after the multiplicity adjustment: for the drop test the
   * null hypothesis "the challenger is not worse than the champion" (Δ ≥ 0); for a floor, "it clears the floor".
   */
  pFail: number | null
  pFailAdjusted: number | null
  /** The gated verdict, or not-gated (informational, slice too small, metric undefined on the scope). */
  verdict: Verdict | 'not-gated'
  /** Why it is not gated, or why the verdict is what it is, in plain words. */
  reason: string
  /** Half-width of the paired difference's CI: the resolution of this PAIR of models on these eval rows. */
  halfWidth: number
  /** Smallest true drop that fails with 90% probability, at this pair's standard error. */
  detectableDrop: number | null
  /** Degrees of freedom of a Student's t interval (cross-fitting), null for normal-theory and bootstrap CIs. */
  df: number | null
  /** The CI lies entirely below 0: the challenger is significantly worse than the champion. */
  significantlyWorse: boolean
  /**
   * Undecided drop tests only (else null): eval rows at which a challenger truly as good as the champion
   * passes 9 times in 10, at this pair's per-row variability.
   */
  rowsNeeded: number | null
  /** Undecided drop tests only: eval rows at which the test decides 9 times in 10 if the true Δ is the estimate. */
  settleRows: number | null
  /** Plain sentence for reviewers. */
  sentence: string
}

/** The gap between the best and worst slice for a metric, gated by `slices.max_gap`. */
export interface GapComparison {
  metric: string
  column: string
  best: string
  worst: string
  gap: number
  lower: number
  upper: number
  maxGap: number
  verdict: Verdict
  sentence: string
}

/**
 * How the overall comparisons were estimated: on the eval split, by cross-fitting both specs, or as the mean
 * over a fan-out's seeds of their comparisons (gate/seed-mean.ts).
 */
export type GateMethod = 'holdout' | 'crossfit' | 'seed-mean'

export interface GateResult {
  verdict: Verdict
  method: GateMethod
  /** Why this method (gate.method and, for auto, the evidence), in plain words. */
  methodNote: string
  confidence: number
  adjustment: 'holm' | 'none'
  /** Number of gated fail-tests in the Holm family. */
  family: number
  comparisons: MetricComparison[]
  gaps: GapComparison[]
  /** Slices reported but not gated, with the reason. */
  notes: string[]
  /** The two models predict exactly the same on every eval row (e.g. a deterministic retrain). */
  identical: boolean
}
