/**
 * The curves a reviewer looks at, computed from a model's eval-set scores: ROC and precision–recall (exact
 * points at every distinct threshold, as scikit-learn's roc_curve / precision_recall_curve with
 * drop_intermediate=False), each resampled on a fixed grid for charts, and a reliability diagram
 * (scikit-learn's calibration_curve with uniform bins). Binary tasks only.
 */
import { argsort } from '../util/argsort.js'

export interface CurvePoints {
  x: ArrayLike<number>
  y: ArrayLike<number>
}

/**
 * Cumulative true and false positives at each distinct score, from the highest score down: the shared core of
 * the ROC and precision–recall curves.
 */
function cumulativeCounts(y: Uint8Array, score: Float64Array): { tps: number[]; fps: number[] } {
  const order = argsort(score)
  const tps: number[] = []
  const fps: number[] = []
  let tp = 0
  let fp = 0
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!
    if (y[i] === 1) tp++
    else fp++
    // A threshold is a distinct score: emit once all rows with this score are counted.
    if (k === 0 || score[order[k - 1]!] !== score[i]) {
      tps.push(tp)
      fps.push(fp)
    }
  }
  return { tps, fps }
}

/** ROC points (false positive rate, true positive rate), starting at (0, 0). */
export function rocCurve(y: Uint8Array, score: Float64Array): CurvePoints {
  const { tps, fps } = cumulativeCounts(y, score)
  const p = tps[tps.length - 1] ?? 0
  const n = fps[fps.length - 1] ?? 0
  const x = new Float64Array(tps.length + 1)
  const yy = new Float64Array(tps.length + 1)
  tps.forEach((tp, i) => {
    x[i + 1] = n > 0 ? fps[i]! / n : NaN
    yy[i + 1] = p > 0 ? tp / p : NaN
  })
  return { x, y: yy }
}

/** Precision–recall points (recall, precision) at every distinct threshold, from the highest down. */
export function precisionRecallCurve(y: Uint8Array, score: Float64Array): CurvePoints {
  const { tps, fps } = cumulativeCounts(y, score)
  const p = tps[tps.length - 1] ?? 0
  return {
    x: Float64Array.from(tps, (tp) => (p > 0 ? tp / p : NaN)),
    y: Float64Array.from(tps, (tp, i) => tp / (tp + fps[i]!)),
  }
}

/**
 * The ROC curve's true positive rate at evenly spaced false positive rates (linear interpolation between the
 * curve's points, which is how the curve is drawn and how its area is computed).
 */
export function rocOnGrid(curve: CurvePoints, steps: number): Float64Array {
  const out = new Float64Array(steps + 1)
  let j = 0
  for (let s = 0; s <= steps; s++) {
    const at = s / steps
    while (j < curve.x.length - 2 && curve.x[j + 1]! < at) j++
    // The highest TPR among points exactly at this FPR (vertical segments).
    let k = j
    while (k + 1 < curve.x.length && curve.x[k + 1]! <= at) k++
    if (curve.x[k] === at || k === curve.x.length - 1) out[s] = curve.y[k]!
    else {
      const x0 = curve.x[k]!
      const x1 = curve.x[k + 1]!
      const t = x1 > x0 ? (at - x0) / (x1 - x0) : 0
      out[s] = curve.y[k]! + t * (curve.y[k + 1]! - curve.y[k]!)
    }
  }
  return out
}

/** Interpolated precision at evenly spaced recalls: the best precision at any recall ≥ r (the PR envelope). */
export function precisionOnGrid(curve: CurvePoints, steps: number): Float64Array {
  const out = new Float64Array(steps + 1)
  for (let s = 0; s <= steps; s++) {
    const at = s / steps
    let best = 0
    for (let i = 0; i < curve.x.length; i++) if (curve.x[i]! >= at - 1e-12) best = Math.max(best, curve.y[i]!)
    out[s] = best
  }
  return out
}

export interface ReliabilityBin {
  /** Which of the uniform bins (0 = the lowest probabilities). */
  bin: number
  /** Mean predicted probability of the rows in the bin. */
  predicted: number
  /** Fraction of positives among them. */
  observed: number
  count: number
}

/**
 * Uniform bins over [0, 1], empty bins left out, as scikit-learn's calibration_curve: a score on an inner edge
 * belongs to the bin below it (numpy's searchsorted, side='left', over linspace's edges).
 */
export function reliabilityBins(y: Uint8Array, score: Float64Array, bins = 10): ReliabilityBin[] {
  const sum = new Float64Array(bins)
  const positives = new Float64Array(bins)
  const count = new Float64Array(bins)
  const step = 1 / bins
  const inner = Array.from({ length: bins - 1 }, (_, k) => (k + 1) * step)
  for (let i = 0; i < score.length; i++) {
    let b = 0
    while (b < inner.length && inner[b]! < score[i]!) b++
    sum[b]! += score[i]!
    positives[b]! += y[i]!
    count[b]!++
  }
  const out: ReliabilityBin[] = []
  for (let b = 0; b < bins; b++) {
    if (count[b]! > 0)
      out.push({
        bin: b,
        predicted: sum[b]! / count[b]!,
        observed: positives[b]! / count[b]!,
        count: count[b]!,
      })
  }
  return out
}

/** Grid steps of the curves kept with a result: a few dozen points per curve, enough for every chart. */
export const STORED_CURVE_STEPS = 40

/** One model's curves on the shared grid (plain arrays: they travel in the results JSON). */
export interface GridCurves {
  /** True positive rate at false positive rate s / steps. */
  roc: number[]
  /** Interpolated precision at recall s / steps. */
  pr: number[]
  reliability: ReliabilityBin[]
}

/** The curves of a binary comparison, downsampled: what the comment's charts and the HTML report draw. */
export interface ComparisonCurves {
  steps: number
  challenger: GridCurves
  champion: GridCurves | null
}

const rounded = (values: Float64Array): number[] => Array.from(values, (v) => Math.round(v * 1e6) / 1e6)

function gridCurves(y: Uint8Array, score: Float64Array, steps: number): GridCurves {
  return {
    roc: rounded(rocOnGrid(rocCurve(y, score), steps)),
    pr: rounded(precisionOnGrid(precisionRecallCurve(y, score), steps)),
    reliability: reliabilityBins(y, score),
  }
}

/**
 * Both models' curves on the eval rows (binary tasks: the scores are P(positive)); null for other tasks or
 * when the eval rows hold one class only (no ROC curve then).
 */
export function comparisonCurves(
  y: ArrayLike<number>,
  challenger: Float64Array,
  champion: Float64Array | null,
  steps = STORED_CURVE_STEPS,
): ComparisonCurves | null {
  if (!(y instanceof Uint8Array)) return null
  let positives = 0
  for (let i = 0; i < y.length; i++) positives += y[i]!
  if (positives === 0 || positives === y.length) return null
  return {
    steps,
    challenger: gridCurves(y, challenger, steps),
    champion: champion ? gridCurves(y, champion, steps) : null,
  }
}
