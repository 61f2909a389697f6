/**
 * Stable ascending argsort of a Float64Array by LSD radix sort on the IEEE-754 bit patterns. A comparator
 * sort over 1M indices costs hundreds of milliseconds; this is a few linear passes over typed arrays. The one
 * argsort of the tree: the metrics (evaluate/) and the DeLong test (gate/stats/) both sort with it.
 */
import { UserError } from '../errors.js'

/** Which 32-bit half of a float64 is the low word on this machine. */
const LOW_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1

/**
 * Indices that sort `values` ascending; equal values keep their original order (so -0 and +0, being equal,
 * stay in index order). NaN has no place in an order and is rejected.
 */
export function argsort(values: Float64Array): Uint32Array {
  const n = values.length
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  if (n < 2) {
    if (n === 1 && Number.isNaN(values[0])) throw nanError(0)
    return order
  }
  // Map each double to an unsigned 64-bit key (hi, lo) whose unsigned order is the numeric order:
  // negatives get all bits flipped, non-negatives get the sign bit set.
  const raw = new Uint32Array(Float64Array.from(values).buffer)
  let hi = new Uint32Array(n)
  let lo = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    let h = raw[2 * i + 1 - LOW_WORD]!
    let l = raw[2 * i + LOW_WORD]!
    if ((h & 0x7ff00000) === 0x7ff00000 && ((h & 0xfffff) !== 0 || l !== 0)) throw nanError(i)
    if (h === 0x80000000 && l === 0) h = 0 // -0 sorts as +0
    if (h & 0x80000000) {
      h = ~h >>> 0
      l = ~l >>> 0
    } else {
      h = (h | 0x80000000) >>> 0
    }
    hi[i] = h
    lo[i] = l
  }
  // 16-bit digits halve the passes for large inputs; 8-bit digits keep the count tables small otherwise.
  const bits = n >= 1 << 16 ? 16 : 8
  const radix = 1 << bits
  const mask = radix - 1
  const digitsPerWord = 32 / bits
  const passes = 2 * digitsPerWord
  const counts = new Uint32Array(passes * radix)
  for (let i = 0; i < n; i++) {
    const l = lo[i]!
    const h = hi[i]!
    for (let d = 0; d < digitsPerWord; d++) {
      counts[d * radix + ((l >>> (d * bits)) & mask)]!++
      counts[(digitsPerWord + d) * radix + ((h >>> (d * bits)) & mask)]!++
    }
  }
  let src = order
  let dst = new Uint32Array(n)
  let nextHi = new Uint32Array(n)
  let nextLo = new Uint32Array(n)
  for (let pass = 0; pass < passes; pass++) {
    const base = pass * radix
    // A digit that is the same for every row leaves the order as it is: skip the pass.
    let constant = false
    for (let b = 0; b < radix; b++) {
      const c = counts[base + b]
      if (c === n) constant = true
      if (c !== 0) break
    }
    if (constant) continue
    let start = 0
    for (let b = 0; b < radix; b++) {
      const c = counts[base + b]!
      counts[base + b] = start
      start += c
    }
    const keys = pass < digitsPerWord ? lo : hi
    const shift = (pass % digitsPerWord) * bits
    const carryLo = pass < digitsPerWord - 1 // the low word is still needed by a later pass
    for (let k = 0; k < n; k++) {
      const at = counts[base + ((keys[k]! >>> shift) & mask)]!++
      dst[at] = src[k]!
      nextHi[at] = hi[k]!
      if (carryLo) nextLo[at] = lo[k]!
    }
    ;[src, dst] = [dst, src]
    ;[hi, nextHi] = [nextHi, hi]
    if (carryLo) [lo, nextLo] = [nextLo, lo]
  }
  return src
}

function nanError(row: number): UserError {
  return new UserError(`argsort: values[${row}] is NaN; scores must be numbers, not NaN`)
}
