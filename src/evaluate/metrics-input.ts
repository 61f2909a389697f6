/**
 * Input checks shared by the metric functions. Length/shape mismatches and invalid weights are caller bugs
 * (RangeError); bad values in the data (NaN scores, labels out of range) are user-fixable (UserError). The
 * per-row checks are written inline in each metric's main loop so they cost no extra pass over the data;
 * these helpers only build the messages.
 */
import { UserError } from '../errors.js'

export function checkLength(fn: string, input: string, actual: number, expected: number): void {
  if (actual !== expected) {
    throw new RangeError(`${fn}: ${input} has length ${actual}, expected ${expected} (one per row)`)
  }
}

export function checkWeightLength(fn: string, weight: Float64Array | undefined, n: number): void {
  if (weight !== undefined) checkLength(fn, 'weight', weight.length, n)
}

/** Sample weights must be finite and non-negative (sklearn sample_weight; bootstrap counts may be 0). */
export function badWeight(fn: string, row: number, value: number): never {
  throw new RangeError(`${fn}: weight[${row}] is ${value}; weights must be finite and >= 0`)
}

export function badLabel(fn: string, row: number, value: number, expected: string): never {
  throw new UserError(`${fn}: y[${row}] is ${value}; expected ${expected}`)
}

export function badValue(fn: string, input: string, row: number, value: number, expected: string): never {
  throw new UserError(`${fn}: ${input}[${row}] is ${value}; expected ${expected}`)
}

export function badOrder(fn: string, position: number): never {
  throw new RangeError(
    `${fn}: order is not an ascending argsort of score (it goes down at position ${position}); ` +
      'pass argsort(score) for the same score array',
  )
}
