/**
 * Bootstrap multiplicities: how many times each row ("cell") is drawn in resample r.
 *
 * Each function is self-contained (no imports, no module-level values, only arguments, nested helpers and
 * globals), so it can be shipped to a worker thread as source text should resampling ever be threaded.
 *
 * Distribution: exactly that of drawing each stratum's size in rows with replacement (multinomial), obtained
 * by Poissonization so that memory is written sequentially (random writes made the direct method 3× slower
 * at 10⁶ rows):
 *   1. every cell gets an independent Poisson(1) count; let T be a stratum's total and m its size;
 *   2. given T, those counts are Multinomial(T, uniform) — the histogram of T i.i.d. uniform draws;
 *   3. if T < m, add m − T further uniform draws; if T > m, remove T − m of the T draws chosen uniformly
 *      (a uniformly chosen subset of i.i.d. draws is i.i.d.). Either way the result is the histogram of m
 *      i.i.d. uniform draws, for every T, hence exactly Multinomial(m, uniform).
 * Removal picks a draw uniformly by rejection: cell j uniform, accepted with probability count_j / M for a
 * bound M ≥ every count. Only |T − m| ≈ √m cells are touched, in random order.
 *
 * Random numbers: resample r has its own xoshiro128** generator (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021) seeded by hashing (seed, r) with Wellons'
 * "lowbias32" avalanche finalizer (a bijection), so a resample depends only on (seed, r) — not on the thread
 * or the order resamples are drawn in. Integers in [0, m) use Lemire's multiply-and-reject method (ACM TOMACS
 * 29(1), 2019), exactly uniform. Poisson counts invert the CDF with a 12-bit lookup table; a table bucket
 * containing a CDF step falls back to comparing the 32-bit output and, if that is still undecided, 21 more
 * bits — so the counts follow Poisson(1) to double precision (the mass beyond the table, P(X > 18) < 1e-16,
 * is below it too).
 */

export interface PoissonTables {
  /** lut[u >>> 20] = the count for 32-bit output u when its whole 2²⁰ bucket maps to one count, else 255. */
  lut: Uint8Array
  /** thresholds[k] = 2³²·P(X ≤ k) for X ~ Poisson(1); the count is the number of thresholds ≤ U·2³². */
  thresholds: Float64Array
}

/** Per-thread plan: the strata layout (shared) plus scratch space (one per thread, reused). */
export interface MultiplicityPlan {
  /** Stratum s covers strataCells[strataOffsets[s] .. strataOffsets[s + 1]). */
  strataOffsets: Int32Array
  /** Cells grouped by stratum; null = one stratum whose cells are 0..n−1. */
  strataCells: Int32Array | null
  /** Stratum index of each cell; null = one stratum. */
  stratumOfCell: Int32Array | null
  tables: PoissonTables
  /** Scratch: per-stratum totals (length ≥ number of strata). */
  totals: Float64Array
  /** Scratch: generator state for the rarely taken paths. */
  state: Int32Array
}

/** Inversion tables for Poisson(1), built once per thread. */
export function buildPoissonTables(): PoissonTables {
  const cdf: number[] = []
  let term = Math.exp(-1)
  let sum = 0
  for (let k = 0; sum + term < 1; k++) {
    sum += term
    cdf.push(sum)
    term /= k + 1
  }
  const thresholds = Float64Array.from(cdf, (p) => p * 4294967296)
  const lut = new Uint8Array(4096)
  for (let bucket = 0; bucket < 4096; bucket++) {
    const low = bucket * 1048576
    const high = low + 1048576
    let k = 0
    while (k < thresholds.length && thresholds[k]! <= low) k++
    lut[bucket] = k === thresholds.length || thresholds[k]! >= high ? k : 255
  }
  return { lut, thresholds }
}

/** Fills `counts[cell]` with the multiplicities of resample `resample` (by the plan's method). */
export function drawMultiplicities(
  counts: Float64Array,
  plan: MultiplicityPlan,
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
  /** xoshiro128** step on st (the rare paths; the hot loop keeps the state in locals). */
  function next(st: Int32Array): number {
    const x = (st[1]! * 5) | 0
    const out = (((x << 7) | (x >>> 25)) * 9) >>> 0
    const t = st[1]! << 9
    st[2]! ^= st[0]!
    st[3]! ^= st[1]!
    st[1]! ^= st[2]!
    st[0]! ^= st[3]!
    st[2]! ^= t
    st[3] = (st[3]! << 11) | (st[3]! >>> 21)
    return out
  }
  /** Uniform integer in [0, m) by Lemire's method; out·m < 2⁵³ keeps both product words exact. */
  function below(st: Int32Array, m: number): number {
    const rejectBelow = 4294967296 % m
    for (;;) {
      const product = next(st) * m
      const high = (product * 2.3283064365386963e-10) >>> 0
      if (product - high * 4294967296 >= rejectBelow) return high
    }
  }
  const { lut, thresholds } = plan.tables
  const last = thresholds.length
  const st = plan.state
  const h = lowbias32(lowbias32(lowbias32(seedLo ^ 0x243f6a88) ^ seedHi) ^ resample)
  // Four distinct inputs to a bijection give four distinct words, so the state is never all zero.
  let s0 = lowbias32((h + 0x9e3779b9) >>> 0) | 0
  let s1 = lowbias32((h + 0x3c6ef372) >>> 0) | 0
  let s2 = lowbias32((h + 0xdaa66d2b) >>> 0) | 0
  let s3 = lowbias32((h + 0x78dde6e4) >>> 0) | 0
  const totals = plan.totals
  const cells = plan.strataCells
  const strata = plan.strataOffsets.length - 1
  let maxCount = 0
  // Hot loop, one stratum at a time so that its total stays in a local (a running sum in memory, indexed by
  // each cell's stratum, was most of the time); cells ascend within a stratum, so writes stay sequential.
  // No Math.* calls: under jest's vm sandbox each global lookup costs ~0.5 µs. The multipliers 5 and 9 keep
  // int32 products below 2³⁶, exact in doubles, so `| 0` / `>>> 0` equal Math.imul.
  for (let s = 0; s < strata; s++) {
    const end = plan.strataOffsets[s + 1]!
    let total = 0
    for (let j = plan.strataOffsets[s]!; j < end; j++) {
      const x = (s1 * 5) | 0
      const out = (((x << 7) | (x >>> 25)) * 9) >>> 0
      const t = s1 << 9
      s2 ^= s0
      s3 ^= s1
      s1 ^= s2
      s0 ^= s3
      s2 ^= t
      s3 = (s3 << 11) | (s3 >>> 21)
      let count = lut[out >>> 20]!
      if (count === 255) {
        // A CDF step falls inside this bucket: compare the full output, then 21 more bits if still tied.
        count = 0
        while (count < last && thresholds[count]! <= out) count++
        if (count < last && thresholds[count]! < out + 1) {
          st[0] = s0
          st[1] = s1
          st[2] = s2
          st[3] = s3
          const u = out + (next(st) >>> 11) * 4.76837158203125e-7 // out + V, V uniform on a 2⁻²¹ grid
          s0 = st[0]!
          s1 = st[1]!
          s2 = st[2]!
          s3 = st[3]!
          while (count < last && thresholds[count]! <= u) count++
        }
      }
      counts[cells === null ? j : cells[j]!] = count
      if (count > maxCount) maxCount = count
      total += count
    }
    totals[s] = total
  }
  st[0] = s0
  st[1] = s1
  st[2] = s2
  st[3] = s3
  // Condition each stratum's total on its size (see the file comment for why this is exact).
  for (let s = 0; s < strata; s++) {
    const base = plan.strataOffsets[s]!
    const size = plan.strataOffsets[s + 1]! - base
    let total = totals[s]!
    while (total < size) {
      const j = base + below(st, size)
      const cell = plan.strataCells === null ? j : plan.strataCells[j]!
      counts[cell]! += 1
      total++
    }
    while (total > size) {
      const j = base + below(st, size)
      const cell = plan.strataCells === null ? j : plan.strataCells[j]!
      if (below(st, maxCount) < counts[cell]!) {
        counts[cell]!--
        total--
      }
    }
  }
}
