/**
 * Sorting and input checks shared by the rank statistics (DeLong, bootstrap AUC).
 *
 * `argsortAscending` is a stable LSD radix sort on the IEEE-754 bit patterns (4 passes of 16 bits, passes
 * whose digit is constant are skipped). A comparator sort of an index array costs ~0.4 s for 10⁶ rows in V8;
 * this is ~10× faster and, being stable, gives tied scores a deterministic order (by row index).
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

/**
 * Row indices ordering `values` ascending; ties keep row order (stable). −0 and +0 compare equal.
 * NaN is not ordered: callers validate with `assertScores` first.
 */
export function argsortAscending(values: Float64Array): Int32Array {
  const n = values.length
  const bits = new Float64Array(n)
  for (let i = 0; i < n; i++) bits[i] = values[i]! + 0 // −0 + 0 = +0, so both zeros share one key
  const words = new Uint32Array(bits.buffer)
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
  const loWord = littleEndian ? 0 : 1
  let hi = new Uint32Array(n)
  let lo = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1 - loWord]!
    const l = words[2 * i + loWord]!
    // Order-preserving map from doubles to unsigned integers: negative numbers flip all bits (so larger
    // magnitude sorts lower), non-negative numbers flip only the sign bit (so they sort above negatives).
    if (h >>> 31 === 1) {
      hi[i] = ~h >>> 0
      lo[i] = ~l >>> 0
    } else {
      hi[i] = (h | 0x80000000) >>> 0
      lo[i] = l
    }
  }
  let index = new Int32Array(n)
  for (let i = 0; i < n; i++) index[i] = i
  let hiTmp = new Uint32Array(n)
  let loTmp = new Uint32Array(n)
  let indexTmp = new Int32Array(n)
  const counts = new Int32Array(65536)
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi
    const shift = pass % 2 === 0 ? 0 : 16
    counts.fill(0)
    for (let i = 0; i < n; i++) counts[(word[i]! >>> shift) & 0xffff]!++
    if (n === 0 || counts[(word[0]! >>> shift) & 0xffff] === n) continue // all rows share this digit
    let total = 0
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!
      counts[d] = total
      total += c
    }
    for (let i = 0; i < n; i++) {
      const dest = counts[(word[i]! >>> shift) & 0xffff]!++
      hiTmp[dest] = hi[i]!
      loTmp[dest] = lo[i]!
      indexTmp[dest] = index[i]!
    }
    ;[hi, hiTmp] = [hiTmp, hi]
    ;[lo, loTmp] = [loTmp, lo]
    ;[index, indexTmp] = [indexTmp, index]
  }
  return index
}

/**
 * Exclusive end positions of the runs of equal values in `values` read in `order` (ascending).
 * The last entry is n. Used for midranks: rows in one run are tied.
 */
export function tieGroupEnds(values: Float64Array, order: Int32Array): Int32Array {
  const n = order.length
  const ends: number[] = []
  for (let k = 1; k < n; k++) {
    if (values[order[k]!] !== values[order[k - 1]!]) ends.push(k)
  }
  if (n > 0) ends.push(n)
  return Int32Array.from(ends)
}
