/**
 * Hot loops of the paired AUC bootstrap. Like multiplicities.ts, these functions are shipped to worker
 * threads as source text (`Function.prototype.toString`), so each must be self-contained: no imports, no
 * module-level values and no calls to other top-level functions except through arguments (a bundler may
 * rename imports); only its arguments, nested helpers and globals (Math, Atomics). Keep it that way.
 */
import type * as multiplicities from './multiplicities.js'

/* istanbul ignore next -- shipped to workers as source text, where coverage counters do not exist */
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
      const w = counts[k]!
      const wPos = w * ySorted[k]!
      sum += wPos * negBelow
      negBelow += w - wPos
      posTotal += wPos
    }
    return sum / (posTotal * negBelow)
  }
  let k = 0
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g]!
    let groupPos = 0
    let groupNeg = 0
    for (; k < end; k++) {
      const w = counts[k]!
      const wPos = w * ySorted[k]!
      groupPos += wPos
      groupNeg += w - wPos
    }
    sum += groupPos * (negBelow + 0.5 * groupNeg)
    negBelow += groupNeg
    posTotal += groupPos
  }
  return sum / (posTotal * negBelow)
}

/* istanbul ignore next -- shipped to workers as source text, where coverage counters do not exist */
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
      const w = counts[cellOf[k]!]!
      const wPos = w * ySorted[k]!
      sum += wPos * negBelow
      negBelow += w - wPos
      posTotal += wPos
    }
    return sum / (posTotal * negBelow)
  }
  let k = 0
  for (let g = 0; g < groupEnds.length; g++) {
    const end = groupEnds[g]!
    let groupPos = 0
    let groupNeg = 0
    for (; k < end; k++) {
      const w = counts[cellOf[k]!]!
      const wPos = w * ySorted[k]!
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
  stratumOfCell: Int32Array | null
  /** Number of strata (scratch size for per-stratum totals). */
  strata: number
  ySortedA: Uint8Array
  groupEndsA: Int32Array
  ySortedB: Uint8Array
  groupEndsB: Int32Array
  /** cellOfB[k]: cell (A-sorted position) of the row with the k-th lowest score B. */
  cellOfB: Int32Array
}

/** The functions a shard calls, passed in so that the shard's source text has no free references. */
export interface AucKernels {
  drawMultiplicities: typeof multiplicities.drawMultiplicities
  buildPoissonTables: typeof multiplicities.buildPoissonTables
  weightedAucSorted: typeof weightedAucSorted
  weightedAucGathered: typeof weightedAucGathered
}

/* istanbul ignore next -- shipped to workers as source text, where coverage counters do not exist */
/**
 * Claims resample indices from the shared `cursor` until all are taken and writes AUC_A − AUC_B of each
 * into `out[r]`. Run by the main thread and by every worker at once; the atomic cursor balances the load.
 * Returns how many resamples this thread computed.
 */
export function runAucBootstrapShard(
  job: AucBootstrapJob,
  cursor: Int32Array,
  out: Float64Array,
  kernels: AucKernels,
): number {
  const counts = new Uint8Array(job.n)
  const plan = {
    strataOffsets: job.strataOffsets,
    strataCells: job.strataCells,
    stratumOfCell: job.stratumOfCell,
    tables: kernels.buildPoissonTables(),
    totals: new Float64Array(job.strata),
    state: new Int32Array(4),
  }
  for (let done = 0; ; done++) {
    const r = Atomics.add(cursor, 0, 1)
    if (r >= job.resamples) return done
    kernels.drawMultiplicities(counts, plan, job.seedLo, job.seedHi, r)
    out[r] =
      kernels.weightedAucSorted(counts, job.ySortedA, job.groupEndsA) -
      kernels.weightedAucGathered(counts, job.cellOfB, job.ySortedB, job.groupEndsB)
  }
}
