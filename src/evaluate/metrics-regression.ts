/** Regression metrics with scikit-learn's semantics (sample_weight, r2_score force_finite=True). */
import { badValue, badWeight, checkLength, checkWeightLength } from './metrics-input.js'

export interface RegressionMetrics {
  rmse: number
  mae: number
  r2: number
}

/**
 * rmse and mae are weighted means (NaN when the total weight is zero). r2 = 1 - SSres / SStot around the
 * weighted mean of y; like sklearn it is NaN with fewer than 2 rows, and when y is constant (SStot = 0)
 * it is 1 for perfect predictions and 0 otherwise. "Constant" is decided by comparing the values of the
 * rows with positive weight, not by SStot rounding to exactly 0, so it does not depend on summation order.
 */
export function regressionMetrics(
  y: Float64Array,
  pred: Float64Array,
  weight?: Float64Array,
): RegressionMetrics {
  const n = y.length
  checkLength('regressionMetrics', 'pred', pred.length, n)
  checkWeightLength('regressionMetrics', weight, n)
  let total = 0
  let weightedY = 0
  let squared = 0
  let absolute = 0
  let first = NaN // first y with positive weight
  let constant = true
  for (let i = 0; i < n; i++) {
    const target = y[i]!
    const predicted = pred[i]!
    if (!Number.isFinite(target)) badValue('regressionMetrics', 'y', i, target, 'a finite number')
    if (!Number.isFinite(predicted)) badValue('regressionMetrics', 'pred', i, predicted, 'a finite number')
    const w = weight === undefined ? 1 : weight[i]!
    if (!(w >= 0 && w < Infinity)) badWeight('regressionMetrics', i, w)
    const error = target - predicted
    squared += w * error * error
    absolute += w * Math.abs(error)
    weightedY += w * target
    total += w
    if (w > 0) {
      if (first !== first) first = target
      else if (target !== first) constant = false
    }
  }
  if (total === 0) return { rmse: NaN, mae: NaN, r2: NaN }
  return {
    rmse: Math.sqrt(squared / total),
    mae: absolute / total,
    r2: rSquared(y, weight, total, weightedY, squared, constant),
  }
}

function rSquared(
  y: Float64Array,
  weight: Float64Array | undefined,
  total: number,
  weightedY: number,
  residual: number,
  constant: boolean,
): number {
  if (y.length < 2) return NaN
  if (residual === 0) return 1
  if (constant) return 0
  const mean = weightedY / total
  let spread = 0
  for (let i = 0; i < y.length; i++) {
    const d = y[i]! - mean
    spread += (weight === undefined ? 1 : weight[i]!) * d * d
  }
  return spread === 0 ? 0 : 1 - residual / spread
}
