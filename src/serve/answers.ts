import type { TargetEncoding } from '../data/dataset.js'

/** Binary: positive when P(positive) ≥ this; multiclass: the most probable class. */
export const BINARY_THRESHOLD = 0.5

export type RowAnswer =
  { probabilities: Record<string, number>; predicted_class: string; confidence: number } | { value: number }

/** Per-row answers from the scoring output (binary P(positive), multiclass n × K, regression values). */
export function rowAnswers(target: TargetEncoding, predictions: Float64Array, n: number): RowAnswer[] {
  const out = new Array<RowAnswer>(n)
  if (target.task === 'regression') {
    for (let i = 0; i < n; i++) out[i] = { value: predictions[i]! }
    return out
  }
  const { classes } = target
  for (let i = 0; i < n; i++) {
    const probs = classProbabilities(target, predictions, i)
    let best = 0
    if (target.task === 'binary') best = probs[1]! >= BINARY_THRESHOLD ? 1 : 0
    else for (let k = 1; k < probs.length; k++) if (probs[k]! > probs[best]!) best = k
    const probabilities: Record<string, number> = {}
    classes.forEach((c, k) => (probabilities[c] = probs[k]!))
    out[i] = { probabilities, predicted_class: classes[best]!, confidence: probs[best]! }
  }
  return out
}

/** Row i's probability per class, in class order. */
export function classProbabilities(target: TargetEncoding, predictions: Float64Array, i: number): number[] {
  if (target.task === 'binary') {
    const p = predictions[i]!
    return [1 - p, p]
  }
  const k = target.classes.length
  return Array.from(predictions.subarray(i * k, (i + 1) * k))
}
