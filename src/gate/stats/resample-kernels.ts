/**
 * Hot loops of the paired bootstrap. These functions are also shipped to worker threads as source text
 * (`Function.prototype.toString`), so each one must be self-contained: no imports, no references to
 * module-level values, only its arguments, nested helpers, globals (Math, Atomics) and the other functions
 * of this file (they are sent together under their own names). Keep it that way when editing.
 *
 * Random numbers: every resample r has its own xoshiro128** generator (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021), seeded by hashing (seed, r) with a 32-bit
 * avalanche finalizer (Wellons' "lowbias32", a bijection). A resample therefore depends only on (seed, r),
 * never on which thread draws it or in what order: results are identical for any number of workers.
 * Row indices are drawn by Lemire's multiply-and-reject method ("Fast random integer generation in an
 * interval", ACM TOMACS 29(1), 2019), which is exactly uniform.
 */

/**
 * Multinomial multiplicities of bootstrap resample `resample`: every stratum s draws as many cells, with
 * replacement and uniformly, as it has (strataOffsets[s + 1] − strataOffsets[s]), so stratum sizes are
 * exact. `strataCells` lists the cells of each stratum contiguously; null means one stratum whose cells are
 * 0..n−1. Counts fit a Uint8Array: a cell's count cannot exceed its stratum size, and reaching 256 in a
 * stratum of size ≥ 256 has probability below s/256! (< 1e-500); the overflow is still checked, not assumed.
 */
export function drawMultiplicities(
  counts: Uint8Array,
  strataOffsets: Int32Array,
  strataCells: Int32Array | null,
  seedLo: number,
  seedHi: number,
  resample: number,
): void {
  function lowbias32(x: number): number {
    x ^= x >>> 16
    x = Math.imul(x, 0x7feb352d)
    x ^= x >>> 15
    x = Math.imul(x, 0x846ca68b)
    x ^= x >>> 16
    return x >>> 0
  }
  counts.fill(0)
  const h = lowbias32(lowbias32(lowbias32(seedLo ^ 0x243f6a88) ^ seedHi) ^ resample)
  // Four distinct inputs to a bijection give four distinct words, so the state is never all zero.
  let s0 = lowbias32((h + 0x9e3779b9) >>> 0) | 0
  let s1 = lowbias32((h + 0x3c6ef372) >>> 0) | 0
  let s2 = lowbias32((h + 0xdaa66d2b) >>> 0) | 0
  let s3 = lowbias32((h + 0x78dde6e4) >>> 0) | 0
  const strata = strataOffsets.length - 1
  for (let s = 0; s < strata; s++) {
    const base = strataOffsets[s]
    const size = strataOffsets[s + 1] - base
    if (size === 0) continue
    const rejectBelow = 4294967296 % size // 2³² mod size: outputs whose low product word is below are redrawn
    let drawn = 0
    // No Math.* calls in this loop: under jest's vm sandbox every global lookup costs ~0.5 µs. The small
    // multipliers of xoshiro128** (5, 9) keep int32 products below 2³⁶, exact in doubles, so `| 0` is imul.
    while (drawn < size) {
      // xoshiro128** step
      const x = (s1 * 5) | 0
      const out = (((x << 7) | (x >>> 25)) * 9) >>> 0
      const t = s1 << 9
      s2 ^= s0
      s3 ^= s1
      s1 ^= s2
      s0 ^= s3
      s2 ^= t
      s3 = (s3 << 11) | (s3 >>> 21)
      // Lemire: out·size is < 2⁵³, so the high and low 32-bit words are exact in doubles (high < 2³¹).
      const product = out * size
      const high = (product * 2.3283064365386963e-10) >>> 0
      if (product - high * 4294967296 < rejectBelow) continue
      const cell = strataCells === null ? base + high : strataCells[base + high]
      const count = counts[cell] + 1
      if (count === 256) throw new Error(`bootstrap multiplicity of cell ${cell} overflowed 255`)
      counts[cell] = count
      drawn++
    }
  }
}

/**
 * Weighted Mann–Whitney AUC when counts are indexed by sorted position (cell k = k-th lowest score):
 * Σ over positive/negative pairs of w⁺·w⁻·[score⁺ > score⁻] (+½ if tied), divided by W⁺·W⁻.
 * `groupEnds` are the exclusive ends of tie groups. With integer weights every partial sum is an integer or
 * half-integer below 2⁵³, so the result is exact up to the final division — independent of summation order.
 */
export function weightedAucSorted(counts: Uint8Array, ySorted: Uint8Array, groupEnds: Int32Array): number {
  const n = ySorted.length
  let negBelow = 0
  let posTotal = 0
  let sum = 0
  if (groupEnds.length === n) {
    for (let k = 0; k < n; k++) {
      const w = counts[k]
      const wPos = w * ySorted[k]
      sum += wPos * negBelow
      negBelow += w - wPos
      posTotal += wPos
    }
    return sum / (posTotal * negBelow)
  }
  let k = 0
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g]
    let groupPos = 0
    let groupNeg = 0
    for (; k < end; k++) {
      const w = counts[k]
      const wPos = w * ySorted[k]
      groupPos += wPos
      groupNeg += w - wPos
    }
    sum += groupPos * (negBelow + 0.5 * groupNeg)
    negBelow += groupNeg
    posTotal += groupPos
  }
  return sum / (posTotal * negBelow)
}

/** Same as `weightedAucSorted` for a second score whose k-th lowest row sits in cell `cellOf[k]`. */
export function weightedAucGathered(
  counts: Uint8Array,
  cellOf: Int32Array,
  ySorted: Uint8Array,
  groupEnds: Int32Array,
): number {
  const n = ySorted.length
  let negBelow = 0
  let posTotal = 0
  let sum = 0
  if (groupEnds.length === n) {
    for (let k = 0; k < n; k++) {
      const w = counts[cellOf[k]]
      const wPos = w * ySorted[k]
      sum += wPos * negBelow
      negBelow += w - wPos
      posTotal += wPos
    }
    return sum / (posTotal * negBelow)
  }
  let k = 0
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g]
    let groupPos = 0
    let groupNeg = 0
    for (; k < end; k++) {
      const w = counts[cellOf[k]]
      const wPos = w * ySorted[k]
      groupPos += wPos
      groupNeg += w - wPos
    }
    sum += groupPos * (negBelow + 0.5 * groupNeg)
    negBelow += groupNeg
    posTotal += groupPos
  }
  return sum / (posTotal * negBelow)
}

/** Typed-array description of a paired AUC bootstrap; cells are rows re-indexed by ascending score A. */
export interface AucBootstrapJob {
  n: number
  resamples: number
  seedLo: number
  seedHi: number
  strataOffsets: Int32Array
  strataCells: Int32Array | null
  ySortedA: Uint8Array
  groupEndsA: Int32Array
  ySortedB: Uint8Array
  groupEndsB: Int32Array
  /** cellOfB[k]: cell (A-sorted position) of the row with the k-th lowest score B. */
  cellOfB: Int32Array
}

/**
 * Claims resample indices from the shared `cursor` until all are taken and writes AUC_A − AUC_B of each
 * into `out[r]`. Run by the main thread and by every worker at once; the atomic cursor balances the load.
 * Returns how many resamples this thread computed.
 */
export function runAucBootstrapShard(job: AucBootstrapJob, cursor: Int32Array, out: Float64Array): number {
  const counts = new Uint8Array(job.n)
  for (let done = 0; ; done++) {
    const r = Atomics.add(cursor, 0, 1)
    if (r >= job.resamples) return done
    drawMultiplicities(counts, job.strataOffsets, job.strataCells, job.seedLo, job.seedHi, r)
    out[r] =
      weightedAucSorted(counts, job.ySortedA, job.groupEndsA) -
      weightedAucGathered(counts, job.cellOfB, job.ySortedB, job.groupEndsB)
  }
}
