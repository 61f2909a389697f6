/**
 * Input checks of the rank statistics (DeLong): 0/1 labels and scores without NaN, of matching lengths. The
 * rows are sorted by src/util/argsort.ts, the one argsort of the tree (the metrics use it too).
 */
import { UserError } from '../../errors.js'

/** Throws a UserError naming the input if `y` has a value other than 0/1 or the wrong length. */
export function assertBinaryLabels(where: string, y: Uint8Array, n: number): void {
  if (y.length !== n) throw new UserError(`${where}: y has ${y.length} rows, expected ${n}`)
  for (let i = 0; i < n; i++) {
    if (y[i]! > 1) throw new UserError(`${where}: y[${i}] is ${y[i]}; labels must be 0 or 1`)
  }
}

/** Throws a UserError naming the input if a score is NaN or the lengths differ (±Infinity rank fine). */
export function assertScores(where: string, name: string, scores: Float64Array, n: number): void {
  if (scores.length !== n) {
    throw new UserError(
      `${where}: ${name} has ${scores.length} rows but y has ${n}; they must be the same rows`,
    )
  }
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i]))
      throw new UserError(`${where}: ${name}[${i}] is NaN; every row needs a score`)
  }
}
