/** The mean of a list of numbers (NaN for none). */
export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length
}

/** Sample variance (n − 1); 0 for fewer than two values. */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0
  const m = mean(values)
  return values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1)
}
