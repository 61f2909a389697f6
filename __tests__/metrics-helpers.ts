/** Shared by the metrics tests: the 1e-9 comparison used against sklearn and between equivalent inputs. */

/** null stands for NaN: sklearn raised or returned nan there (JSON has no NaN). */
export type Expected = number | null

/** |actual - expected| <= 1e-9 * max(1, |expected|): absolute for values in [0, 1], relative for large ones. */
export function mismatch(label: string, actual: number, expected: Expected): string[] {
  if (expected === null) return Number.isNaN(actual) ? [] : [`${label}: expected NaN, got ${actual}`]
  const ok = Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected))
  return ok ? [] : [`${label}: expected ${expected}, got ${actual} (diff ${actual - expected})`]
}
export function mismatches(
  label: string,
  actual: number[] | number[][],
  expected: number[] | number[][],
): string[] {
  if (actual.length !== expected.length)
    return [`${label}: length ${actual.length}, expected ${expected.length}`]
  return actual.flatMap((a, i) => {
    const e = expected[i]
    return Array.isArray(a)
      ? mismatches(`${label}[${i}]`, a, e as number[])
      : mismatch(`${label}[${i}]`, a, e as number)
  })
}
