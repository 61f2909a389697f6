import type { ModelSpec } from '../config/load-spec.js'
import type { MetricGateConfig } from '../config/spec-schema.js'
import type { RowSet } from '../data/dataset.js'
import { METRICS } from '../evaluate/metrics.js'
import { describeError } from '../errors.js'
import { describeGap, sliceGaps, sliceGroups, type GapTest } from './slices.js'
import { holm } from './stats/holm.js'
import { normalCdf } from './stats/normal.js'
import { criticalValue, normalQuantile } from './stats/normal.js'
import { detectableDropSignificant, rowsNeeded } from './stats/power.js'
import { pairedEstimate, subsetInput, type PairedEstimate, type PairedInput } from './paired.js'
import { describeComparison } from './sentences.js'
import type { CrossfitEstimate } from './crossfit.js'
import type { SeedMeanEstimate } from './seed-mean.js'
import { studentTCdf, studentTQuantile } from './stats/student-t.js'
import type { GateResult, MetricComparison, Scope, Verdict } from './types.js'

/**
 * The gate: for each gated metric, on all eval rows and on each large-enough slice, a test on the paired
 * difference Δ (oriented so + is better) against the margin δ:
 *   pass          the CI's lower bound ≥ −δ          (the drop is shown to be within the margin)
 *   fail          the challenger is significantly worse than the champion (the CI's upper bound < 0) and
 *                 its estimated drop is beyond the margin (Δ̂ < −δ)
 *   inconclusive  otherwise
 * and, with `min`, the three-way test of the challenger's own CI against the floor. The fail rule replaces
 * "the whole CI below −δ", which on 300–700 eval rows caught regressions of 2–3× the margin 7–16% of the
 * time; a harmless retrain (true Δ ≈ 0) still fails at most α/2 of the time, since it needs significance.
 * `npm run bench:gate` measures both (bench/results/gate.md).
 * "pass" needs every test to pass (an intersection-union test: no multiplicity penalty is needed). "fail"
 * is a claim about any one of many tests, so with `adjust: holm` a test fails only when its one-sided
 * p-value survives Holm's step-down at α/2 over the whole family, which keeps the family-wise false-alarm
 * rate at the configured level.
 */

export interface CompareInput {
  spec: ModelSpec
  y: RowSet['y']
  classes: number
  challenger: Float64Array
  champion: Float64Array
  eval: RowSet
  /**
   * Estimates that replace the eval split's paired estimate on all rows for these metrics: cross-fitting
   * (gate/crossfit.ts; floors and slices stay on the eval split) or the mean over seeds (gate/seed-mean.ts;
   * floors too, slices stay the given challenger's). Absent: the holdout comparison.
   */
  override?:
    | { method: 'crossfit'; estimates: Record<string, CrossfitEstimate>; note: string }
    | { method: 'seed-mean'; estimates: Record<string, SeedMeanEstimate>; note: string }
}

type Claim = { kind: 'drop' | 'floor'; test: Test; p: number } | { kind: 'gap'; gap: GapTest; p: number }

interface Test {
  comparison: MetricComparison
  /** Raw one-sided p-values of this comparison's fail claims (drop, floor). */
  pDrop: number | null
  pFloor: number | null
  dropVerdict: Verdict | null
  floorVerdict: Verdict | null
}

function threeWay(lowerOk: boolean, upperBad: boolean): Verdict {
  return lowerOk ? 'pass' : upperBad ? 'fail' : 'inconclusive'
}

/**
 * One-sided p-value of "the true value is below the boundary", from an estimate and its standard error
 * (Student's t with `df` degrees of freedom for cross-fitting, normal otherwise).
 */
function pBelow(estimate: number, boundary: number, se: number, df?: number): number {
  if (!(se > 0)) return estimate < boundary ? 0 : 1
  const z = (estimate - boundary) / se
  return df === undefined ? normalCdf(z) : studentTCdf(z, df)
}

/** The two-sided critical value at `confidence`: Student's t with `df` degrees of freedom, or normal. */
function critical(confidence: number, df?: number): number {
  return df === undefined ? criticalValue(confidence) : studentTQuantile(1 - (1 - confidence) / 2, df)
}

/** max(δ, c·se) + z₀.₉·se: the true drop the fail rule catches 9 times in 10 (see stats/power.ts). */
function detectable(margin: number, se: number, confidence: number, df?: number): number {
  return df === undefined
    ? detectableDropSignificant(margin, se, confidence, STATED_POWER)
    : Math.max(margin, critical(confidence, df) * se) + normalQuantile(STATED_POWER) * se
}

function buildTest(
  metric: string,
  gate: MetricGateConfig,
  scope: Scope,
  n: number,
  e: PairedEstimate & { df?: number },
  confidence: number,
): Test {
  const info = METRICS[metric]!
  const sign = info.higherIsBetter ? 1 : -1
  const diff = sign * e.diff
  const [lower, upper] = sign > 0 ? [e.lower, e.upper] : [-e.upper, -e.lower]
  const margin =
    gate.max_drop ??
    (gate.max_drop_pct !== undefined ? (gate.max_drop_pct / 100) * Math.abs(e.champion) : null)
  const floor = gate.min ?? null
  const halfWidth = (upper - lower) / 2
  let dropVerdict: Verdict | null = null
  let pDrop: number | null = null
  if (margin !== null) {
    dropVerdict = lower >= -margin ? 'pass' : upper < 0 && diff < -margin ? 'fail' : 'inconclusive'
    // The fail claim's null hypothesis is "not worse than the champion" (Δ ≥ 0); Holm adjusts this p.
    pDrop = pBelow(diff, 0, e.se, e.df)
  }
  let floorVerdict: Verdict | null = null
  let pFloor: number | null = null
  if (floor !== null) {
    // Oriented so that "below the floor" is bad for both directions (a ceiling for lower-is-better metrics).
    const [cl, cu] =
      sign > 0 ? [e.challengerLower, e.challengerUpper] : [-e.challengerUpper, -e.challengerLower]
    floorVerdict = threeWay(cl >= sign * floor, cu < sign * floor)
    pFloor = pBelow(sign * e.challenger, sign * floor, e.challengerSe)
  }
  const comparison: MetricComparison = {
    metric,
    label: info.label,
    higherIsBetter: info.higherIsBetter,
    scope,
    n,
    champion: e.champion,
    challenger: e.challenger,
    diff,
    lower,
    upper,
    se: e.se,
    method: e.method,
    margin,
    floor,
    challengerLower: e.challengerLower,
    challengerUpper: e.challengerUpper,
    pFail: pDrop ?? pFloor,
    pFailAdjusted: null,
    verdict: gate.informational ? 'not-gated' : 'pass',
    reason: gate.informational ? 'informational' : '',
    halfWidth,
    detectableDrop: margin !== null ? detectable(margin, e.se, confidence, e.df) : null,
    df: e.df ?? null,
    significantlyWorse: upper < 0,
    rowsNeeded: null,
    settleRows: null,
    sentence: '',
  }
  return { comparison, pDrop, pFloor, dropVerdict, floorVerdict }
}

function notGated(metric: string, scope: Scope, n: number, reason: string): MetricComparison {
  const info = METRICS[metric]!
  return {
    metric,
    label: info.label,
    higherIsBetter: info.higherIsBetter,
    scope,
    n,
    champion: Number.NaN,
    challenger: Number.NaN,
    diff: Number.NaN,
    lower: Number.NaN,
    upper: Number.NaN,
    se: Number.NaN,
    method: 'bootstrap',
    margin: null,
    floor: null,
    challengerLower: Number.NaN,
    challengerUpper: Number.NaN,
    pFail: null,
    pFailAdjusted: null,
    verdict: 'not-gated',
    reason,
    halfWidth: Number.NaN,
    detectableDrop: null,
    df: null,
    significantlyWorse: false,
    rowsNeeded: null,
    settleRows: null,
    sentence: `${info.label}: not gated (${reason})`,
  }
}

function worst(verdicts: Verdict[]): Verdict {
  return verdicts.includes('fail') ? 'fail' : verdicts.includes('inconclusive') ? 'inconclusive' : 'pass'
}

/** The power every row count in the report is sized for. */
export const STATED_POWER = 0.9

/**
 * For an undecided drop test, with this pair's per-row variability (se ∝ 1/√rows):
 *  rowsNeeded  eval rows at which a challenger truly as good as the champion passes 9 times in 10;
 *  settleRows  eval rows at which, if the true Δ were the estimate, the test decides (pass or fail) 9 times
 *              in 10 (null when the estimate sits on the margin, where no row count settles it).
 */
function rowsToDecide(
  c: MetricComparison,
  confidence: number,
  failConfidence: number,
): Pick<MetricComparison, 'rowsNeeded' | 'settleRows'> {
  const margin = c.margin!
  if (!(margin > 0) || !(c.se > 0)) return { rowsNeeded: null, settleRows: null }
  const rowsNeededForEqual = rowsNeeded(c.se, c.n, margin, confidence, STATED_POWER)
  const zp = normalQuantile(STATED_POWER)
  const perRow = c.se * Math.sqrt(c.n)
  let seTarget: number
  if (c.diff > -margin) seTarget = (c.diff + margin) / (criticalValue(confidence) + zp)
  else if (c.diff < -margin) {
    const drop = -c.diff
    seTarget = Math.min((drop - margin) / zp, drop / (criticalValue(failConfidence) + zp))
  } else seTarget = 0
  const settle = seTarget > 0 ? Math.ceil((perRow / seTarget) ** 2) : null
  return { rowsNeeded: rowsNeededForEqual, settleRows: settle }
}

export function compareModels(input: CompareInput): GateResult {
  const { spec } = input
  const gate = spec.gate
  const confidence = gate.confidence
  const base: PairedInput = {
    task: spec.task,
    y: input.y,
    challenger: input.challenger,
    champion: input.champion,
    classes: input.classes,
    threshold: spec.threshold,
    confidence,
    resamples: gate.resamples,
    seed: gate.seed,
    needChallengerInterval: false,
  }
  const tests: Test[] = []
  const comparisons: MetricComparison[] = []
  const notes: string[] = []
  const scopes: { scope: Scope; positions: Uint32Array | null; gated: boolean; reason: string }[] = [
    { scope: { kind: 'overall' }, positions: null, gated: true, reason: '' },
  ]
  const groups = sliceGroups(spec, input.eval)
  for (const group of groups) {
    const small = group.positions.length < group.minSize
    scopes.push({
      scope: { kind: 'slice', column: group.column, value: group.value },
      positions: group.positions,
      gated: !small,
      reason: small ? `${group.positions.length} rows < slices.min_size ${group.minSize}` : '',
    })
    if (small)
      notes.push(
        `slice ${group.column}=${group.value}: ${group.positions.length} eval rows, below slices.min_size ${group.minSize}: reported, not gated`,
      )
  }
  for (const { scope, positions, gated, reason } of scopes) {
    const scoped = positions ? subsetInput(base, positions) : base
    for (const [metric, configured] of Object.entries(gate.metrics)) {
      // Floors are about the model as a whole; within slices only regressions (the margin) are gated.
      const metricGate: MetricGateConfig =
        scope.kind === 'slice' ? { ...configured, min: undefined } : configured
      if (
        metricGate.max_drop === undefined &&
        metricGate.max_drop_pct === undefined &&
        metricGate.min === undefined &&
        !metricGate.informational
      )
        continue
      let estimate: PairedEstimate & { df?: number }
      let rows = scoped.y.length
      try {
        estimate = pairedEstimate(metric, { ...scoped, needChallengerInterval: metricGate.min !== undefined })
        const override = scope.kind === 'overall' ? input.override?.estimates[metric] : undefined
        // Cross-fitting replaces the difference; the challenger's own CI (floors) stays the eval split's.
        // The seeds' mean replaces both.
        if (override)
          estimate =
            override.method === 'crossfit'
              ? {
                  ...override,
                  challengerLower: estimate.challengerLower,
                  challengerUpper: estimate.challengerUpper,
                  challengerSe: estimate.challengerSe,
                }
              : override
        rows = override?.rows ?? scoped.y.length
      } catch (error) {
        comparisons.push(notGated(metric, scope, scoped.y.length, describeError(error)))
        continue
      }
      if (!Number.isFinite(estimate.challenger) || !Number.isFinite(estimate.champion)) {
        comparisons.push(
          notGated(metric, scope, scoped.y.length, 'the metric is undefined on these rows (one class only)'),
        )
        continue
      }
      const test = buildTest(metric, metricGate, scope, rows, estimate, confidence)
      if (!gated) {
        test.comparison.verdict = 'not-gated'
        test.comparison.reason = reason
      }
      comparisons.push(test.comparison)
      if (test.comparison.verdict !== 'not-gated') tests.push(test)
    }
  }

  // Holm over every fail claim in the family (drops, floors, slice gaps), at α/2: each claim is one-sided.
  const alpha = 1 - confidence
  const gapTests = sliceGaps(spec, groups, base)
  const claims: Claim[] = []
  for (const test of tests) {
    if (test.pDrop !== null) claims.push({ kind: 'drop', test, p: test.pDrop })
    if (test.pFloor !== null) claims.push({ kind: 'floor', test, p: test.pFloor })
  }
  for (const gap of gapTests) {
    const g = gap.comparison
    claims.push({ kind: 'gap', gap, p: pBelow(-g.gap, -g.maxGap, gap.se) })
  }
  const adjust = gate.adjust === 'holm' && claims.length > 1
  if (adjust) {
    const adjusted = holm(
      claims.map((c) => c.p),
      alpha / 2,
    ).adjusted
    claims.forEach((claim, i) => {
      const p = adjusted[i]!
      // A CI-level fail that does not survive the adjustment is downgraded to inconclusive. Without the
      // adjustment the CI alone decides (the normal-theory p-value can disagree with a percentile interval).
      const survives = p < alpha / 2
      if (claim.kind === 'gap') {
        if (claim.gap.comparison.verdict === 'fail' && !survives)
          claim.gap.comparison.verdict = 'inconclusive'
        return
      }
      const { test } = claim
      if (claim.kind === 'drop' && test.dropVerdict === 'fail' && !survives) test.dropVerdict = 'inconclusive'
      if (claim.kind === 'floor' && test.floorVerdict === 'fail' && !survives)
        test.floorVerdict = 'inconclusive'
      if (claim.kind === 'drop' || test.comparison.pFailAdjusted === null) test.comparison.pFailAdjusted = p
    })
  }
  // The detectable drop must use the threshold a fail really has to clear: with Holm over m claims the first
  // rejection needs p < α/(2m), so z_{1−α/(2m)} replaces z_{1−α/2} (exact for the first step, conservative after).
  // As a confidence level: z_{1−α/(2m)} is the two-sided critical value of confidence 1 − α/m.
  const failConfidence = adjust ? 1 - alpha / claims.length : confidence
  for (const test of tests) {
    const c = test.comparison
    c.verdict = worst([test.dropVerdict, test.floorVerdict].filter((v): v is Verdict => v !== null))
    if (c.margin === null) continue
    c.detectableDrop = detectable(c.margin, c.se, failConfidence, c.df ?? undefined)
    // Eval-row counts mean nothing for cross-fitting (it already uses every labelled row), nor for a mean over
    // seeds (part of its standard error is the seeds' spread, which more rows do not shrink).
    if (test.dropVerdict === 'inconclusive' && c.method !== 'crossfit' && c.method !== 'seed-mean')
      Object.assign(c, rowsToDecide(c, confidence, failConfidence))
  }
  for (const c of comparisons) c.sentence ||= describeComparison(c, confidence, adjust)
  const gaps = gapTests.map((g) => {
    g.comparison.sentence = describeGap(g.comparison)
    return g.comparison
  })
  const verdict = worst([...tests.map((t) => t.comparison.verdict as Verdict), ...gaps.map((g) => g.verdict)])
  const identical =
    input.challenger.length === input.champion.length &&
    input.challenger.every((v, i) => v === input.champion[i])
  return {
    verdict,
    method: input.override?.method ?? 'holdout',
    methodNote: input.override?.note ?? 'compared on the eval split',
    confidence,
    adjustment: adjust ? 'holm' : 'none',
    family: claims.length,
    comparisons,
    gaps,
    notes,
    identical,
  }
}
