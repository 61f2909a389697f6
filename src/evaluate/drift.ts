/**
 * How far one sample of a feature has moved from another: the population stability index over fixed bins
 * (numeric features: the reference's deciles; categorical: its categories) and the two-sample
 * Kolmogorov–Smirnov statistic. Profiles are compact (bins, category counts, a quantile sketch), so a run can
 * store its data's profile and a later run, or a batch of production inputs, can be compared with it without
 * the original rows.
 */

import type { CategoricalProfile, NumericProfile } from '../types/profile.js'

/** Added to every bin's share before the logarithm, so an empty bin gives a large but finite PSI. */
export const PSI_EPSILON = 1e-4

/** Points of the quantile sketch kept per numeric feature (0%, 1%, …, 100%). */
export const SKETCH_POINTS = 101

export type { CategoricalProfile, FeatureProfile, NumericProfile } from '../types/profile.js'

/** numpy.quantile(values, q) with the default linear interpolation, on sorted values. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN
  const at = q * (sorted.length - 1)
  const lo = Math.floor(at)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return sorted[lo]! + (at - lo) * (sorted[hi]! - sorted[lo]!)
}

function presentSorted(values: Float64Array): Float64Array {
  // A plain loop rather than filter's call per value; then the typed array's own sort (NaN-free here).
  const present = new Float64Array(values.length)
  let count = 0
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) present[count++] = values[i]!
  return present.subarray(0, count).sort()
}

/** Which bin a value falls in: the number of inner edges strictly below it. */
function binOf(edges: readonly number[], v: number): number {
  let lo = 0
  let hi = edges.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (edges[mid]! < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Counts of `values` (NaN = missing, not counted) in the bins of `edges`. */
export function binCounts(edges: readonly number[], values: Float64Array): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0)
  for (const v of values) if (!Number.isNaN(v)) counts[binOf(edges, v)]!++
  return counts
}

/**
 * A numeric feature's profile. Without `reference` its own deciles are the bin edges (a run's training data);
 * with one, the reference's edges are used, so the two count vectors compare bin for bin.
 */
export function profileNumeric(values: Float64Array, reference?: NumericProfile): NumericProfile {
  const sorted = presentSorted(values)
  const edges =
    reference?.edges ??
    [...new Set(Array.from({ length: 9 }, (_, i) => quantileSorted(sorted, (i + 1) / 10)))].filter(
      (v) => !Number.isNaN(v),
    )
  return {
    kind: 'numeric',
    count: values.length,
    missing: values.length - sorted.length,
    min: sorted.length ? sorted[0]! : NaN,
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    edges,
    counts: binCounts(edges, sorted),
    sketch: Array.from({ length: SKETCH_POINTS }, (_, i) => quantileSorted(sorted, i / (SKETCH_POINTS - 1))),
  }
}

/** A categorical feature's profile; `null` is a missing value. */
export function profileCategorical(values: readonly (string | null)[]): CategoricalProfile {
  const categories: Record<string, number> = {}
  let missing = 0
  for (const v of values) {
    if (v === null) missing++
    else categories[v] = (categories[v] ?? 0) + 1
  }
  return { kind: 'categorical', count: values.length, missing, categories }
}

/**
 * Population stability index Σ (a − e) · ln(a / e) over bins, with a and e each bin's share of its sample
 * (PSI_EPSILON added to every share so that empty bins stay finite). 0 means the same distribution; the usual
 * reading is < 0.1 stable, 0.1–0.25 moderate, > 0.25 a large shift.
 */
export function psi(expected: readonly number[], actual: readonly number[]): number {
  if (expected.length !== actual.length) throw new Error('psi: the two samples must use the same bins')
  const e = expected.reduce((a, b) => a + b, 0)
  const a = actual.reduce((x, y) => x + y, 0)
  if (e === 0 || a === 0) return NaN
  let total = 0
  for (let i = 0; i < expected.length; i++) {
    const pe = expected[i]! / e + PSI_EPSILON
    const pa = actual[i]! / a + PSI_EPSILON
    total += (pa - pe) * Math.log(pa / pe)
  }
  return total
}

/** PSI of two categorical profiles over the union of their categories. */
export function categoricalPsi(expected: CategoricalProfile, actual: CategoricalProfile): number {
  const names = [...new Set([...Object.keys(expected.categories), ...Object.keys(actual.categories)])].sort()
  return psi(
    names.map((n) => expected.categories[n] ?? 0),
    names.map((n) => actual.categories[n] ?? 0),
  )
}

/** The two-sample Kolmogorov–Smirnov statistic sup |F₁ − F₂| of two samples (as scipy.stats.ks_2samp). */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const x = presentSorted(a)
  const y = presentSorted(b)
  if (x.length === 0 || y.length === 0) return NaN
  let i = 0
  let j = 0
  let d = 0
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!)
    while (i < x.length && x[i] === v) i++
    while (j < y.length && y[j] === v) j++
    d = Math.max(d, Math.abs(i / x.length - j / y.length))
  }
  return d
}

/** Points of a sorted array at or below `v` (`strict`: strictly below). */
function countBelow(sorted: readonly number[], v: number, strict: boolean): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (strict ? sorted[mid]! < v : sorted[mid]! <= v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The reference CDF a quantile sketch describes, piecewise linear between its levels, at v (`left`: the limit
 * from the left, F(v−)). Tied sketch points (a discrete feature) are a jump, so F(v) and F(v−) differ there.
 */
function sketchCdf(sketch: readonly number[], v: number, left: boolean): number {
  const levels = sketch.length - 1
  const k = countBelow(sketch, v, left) - 1 // sketch[k] (<|≤) v and v (≤|<) sketch[k + 1]
  if (k < 0) return 0
  if (k >= levels) return 1
  const lo = sketch[k]!
  const hi = sketch[k + 1]!
  return (k + (hi > lo ? (v - lo) / (hi - lo) : 1)) / levels
}

/**
 * The KS statistic of a sample against a stored profile's quantile sketch: the sketch is the reference's
 * quantile function at SKETCH_POINTS levels, so its CDF is known to within 1/(SKETCH_POINTS − 1) between them;
 * the result is the sample's exact ECDF against that CDF (an approximation to about ±0.01).
 */
export function ksAgainstSketch(sketch: readonly number[], sample: Float64Array): number {
  const y = presentSorted(sample)
  // A sketch of a column with no values is stored as nulls (JSON has no NaN).
  if (y.length === 0 || sketch.length < 2 || !Number.isFinite(sketch[0])) return NaN
  // Both CDFs are monotone and the ECDF is constant between sample values, so the supremum is reached at a
  // sample value: ECDF(v) against F(v), and ECDF(v−) against F(v−).
  let d = 0
  let below = 0
  for (let i = 0; i < y.length; i++) {
    if (i + 1 < y.length && y[i + 1] === y[i]) continue
    const at = (i + 1) / y.length
    d = Math.max(
      d,
      Math.abs(at - sketchCdf(sketch, y[i]!, false)),
      Math.abs(below - sketchCdf(sketch, y[i]!, true)),
    )
    below = at
  }
  return d
}
