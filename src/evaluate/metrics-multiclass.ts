/**
 * Multiclass metrics with scikit-learn's semantics for labels=range(K): classes absent from y or never
 * predicted still get a confusion row/column, per-class scores (zero_division=0) and a share of the macro F1.
 */
import { f1FromPrecisionRecall, LOG_LOSS_EPS } from './metrics-binary.js'
import { badLabel, badValue, badWeight, checkLength, checkWeightLength } from './metrics-input.js'

export interface MulticlassMetrics {
  accuracy: number
  f1_macro: number
  f1_weighted: number
  log_loss: number
  /** Per class k = 0..K-1 (zero_division=0). */
  precision: number[]
  recall: number[]
  f1: number[]
  /** Weighted count of rows whose true class is k. */
  support: number[]
  /** confusion[true][predicted], weighted counts. */
  confusion: number[][]
}

/**
 * `proba` is n x K row-major; the predicted class is the first maximum of each row (np.argmax). log_loss
 * follows sklearn 1.2.1: each probability is clipped to [eps, 1 - eps] (eps = 2^-52), each row is divided
 * by its sum (rows need not sum to 1), and the weighted mean of -log(p[true]) is taken.
 * accuracy and log_loss are NaN when the total weight is zero.
 */
export function multiclassMetrics(
  y: Int32Array,
  proba: Float64Array,
  K: number,
  weight?: Float64Array,
): MulticlassMetrics {
  const n = y.length
  if (!Number.isInteger(K) || K < 2)
    throw new RangeError(`multiclassMetrics: K is ${K}; expected an integer >= 2`)
  checkLength('multiclassMetrics', 'proba', proba.length, n * K)
  checkWeightLength('multiclassMetrics', weight, n)
  const confusion = new Float64Array(K * K)
  let lossSum = 0
  let total = 0
  for (let i = 0; i < n; i++) {
    const label = y[i]!
    if (!(label >= 0 && label < K)) badLabel('multiclassMetrics', i, label, `a class index in 0..${K - 1}`)
    const w = weight === undefined ? 1 : weight[i]!
    if (!(w >= 0 && w < Infinity)) badWeight('multiclassMetrics', i, w)
    const row = i * K
    let predicted = 0
    let best = -Infinity
    let rowSum = 0
    for (let k = 0; k < K; k++) {
      const q = proba[row + k]!
      if (q !== q) badValue('multiclassMetrics', 'proba', row + k, q, `a probability (row ${i}, class ${k})`)
      if (q > best) {
        best = q
        predicted = k
      }
      rowSum += clip(q)
    }
    confusion[label * K + predicted]! += w
    lossSum += w * -Math.log(clip(proba[row + label]!) / rowSum)
    total += w
  }
  const precision: number[] = []
  const recall: number[] = []
  const f1: number[] = []
  const support: number[] = []
  let correct = 0
  let macro = 0
  let weighted = 0
  for (let k = 0; k < K; k++) {
    let predictedAsK = 0
    let trueK = 0
    for (let j = 0; j < K; j++) {
      predictedAsK += confusion[j * K + k]!
      trueK += confusion[k * K + j]!
    }
    const hits = confusion[k * K + k]!
    correct += hits
    const precisionK = predictedAsK === 0 ? 0 : hits / predictedAsK
    const recallK = trueK === 0 ? 0 : hits / trueK
    const f1K = f1FromPrecisionRecall(precisionK, recallK)
    precision.push(precisionK)
    recall.push(recallK)
    f1.push(f1K)
    support.push(trueK)
    macro += f1K
    weighted += f1K * trueK
  }
  const rows: number[][] = []
  for (let k = 0; k < K; k++) rows.push(Array.from(confusion.subarray(k * K, (k + 1) * K)))
  return {
    accuracy: total === 0 ? NaN : correct / total,
    f1_macro: macro / K,
    // sklearn: with no support at all the weighted average is zero_division (0 here)
    f1_weighted: total === 0 ? 0 : weighted / total,
    log_loss: total === 0 ? NaN : lossSum / total,
    precision,
    recall,
    f1,
    support,
    confusion: rows,
  }
}

function clip(q: number): number {
  return q < LOG_LOSS_EPS ? LOG_LOSS_EPS : q > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : q
}
