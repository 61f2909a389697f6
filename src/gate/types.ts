/** The gate's vocabulary, shared by the decision, the report, the JSON results and the Action. */

export type Verdict = 'pass' | 'fail' | 'inconclusive'

/** A model's overall outcome: a gate verdict, or no champion to compare with. */
export type ModelVerdict = Verdict | 'no-champion'

export type Method = 'delong' | 'mcnemar' | 'bootstrap'

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
  /** One-sided p-value of "the drop exceeds the margin" before and after the multiplicity adjustment. */
  pFail: number | null
  pFailAdjusted: number | null
  /** The gated verdict, or not-gated (informational, slice too small, metric undefined on the scope). */
  verdict: Verdict | 'not-gated'
  /** Why it is not gated, or why the verdict is what it is, in plain words. */
  reason: string
  /** Half-width of the paired difference's CI: this eval set's resolution for the metric. */
  halfWidth: number
  /** Smallest true drop that fails with 90% probability here. */
  detectableDrop: number | null
  /** Eval rows needed for the CI half-width to equal the margin (null when it already does or no margin). */
  rowsNeeded: number | null
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

export interface GateResult {
  verdict: Verdict
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
