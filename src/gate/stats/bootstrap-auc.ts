/**
 * Paired bootstrap of ROC AUC_A − AUC_B, specialised for speed (10⁶ rows × 1000 resamples) and spread over
 * worker threads.
 *
 * Each score is sorted once. Rows are re-indexed by ascending score A ("cells"), so the AUC of A is one
 * sequential pass over the multiplicities and the AUC of B one pass through the precomputed cell order of B;
 * no per-resample sort or allocation. Multiplicities are drawn exactly as `pairedBootstrap` draws them for
 * rows numbered in that cell order (same generator, same (seed, resample) → same draws), which is how the
 * tests compare the two.
 *
 * Threads: the calling thread plus `threads − 1` workers claim resample indices from a shared atomic
 * counter and write replicates into shared memory. Because resample r depends only on (seed, r) and the
 * weighted AUC is exact up to its final division (see resample-kernels.ts), the replicates are bit-identical
 * for any thread count. Workers run the kernel functions from their source text, which keeps
 * this working from ts-jest, tsc output and a single-file bundle alike (no worker file path to resolve).
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { criticalValue } from './normal.js'
import { argsortAscending, assertBinaryLabels, assertScores, tieGroupEnds } from './ranks.js'
import {
  buildStrata,
  checkResamples,
  seedWords,
  summarizeReplicates,
  type BootstrapResult,
} from './bootstrap.js'
import { buildPoissonTables, drawMultiplicities } from './multiplicities.js'
import {
  runAucBootstrapShard,
  weightedAucGathered,
  weightedAucSorted,
  type AucBootstrapJob,
  type AucKernels,
} from './resample-kernels.js'
import { UserError } from '../../errors.js'

export interface PairedBootstrapAucOptions {
  resamples?: number
  /** Non-negative safe integer. */
  seed: number
  confidence?: number
  /**
   * Stratum label per row. Pass `Int32Array.from(y)` to stratify by class (recommended for AUC: every
   * resample then has both classes, as with pROC's default `boot.stratified = TRUE`).
   */
  strata?: Int32Array
  /**
   * Threads including the calling one. Default: all available cores (at most 8), or 1 when the job is too
   * small (< 2·10⁷ row-resamples) for thread start-up (~30 ms each) to pay off.
   */
  threads?: number
  /**
   * Default true: the calling thread computes resamples too (it is blocked until they are done). false
   * starts `threads` workers and keeps the calling thread's event loop free while they run.
   */
  workOnCallingThread?: boolean
}

export interface PairedBootstrapAucResult extends BootstrapResult {
  /** AUC of each score on the original rows; estimate = aucA − aucB. */
  aucA: number
  aucB: number
  /** Resamples computed by each thread: [calling thread, worker 1, …]. Sums to the resample count. */
  resamplesPerThread: number[]
}

/** Allocates a typed array on shared memory so workers see it without a copy. */
function shared<T extends Int32Array | Uint8Array | Float64Array>(
  Ctor: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Ctor(new SharedArrayBuffer(length * Ctor.BYTES_PER_ELEMENT))
}

function toShared<T extends Int32Array | Uint8Array>(
  Ctor: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  source: T,
): T {
  const copy = shared(Ctor, source.length)
  copy.set(source)
  return copy
}

/** Builds the typed-array job: sorted labels, tie groups and the cell order of B (inputs already checked). */
export function buildJob(
  y: Uint8Array,
  scoreA: Float64Array,
  scoreB: Float64Array,
  strata: Int32Array | undefined,
  resamples: number,
  seed: number,
): AucBootstrapJob {
  const n = y.length
  const orderA = argsortAscending(scoreA)
  const orderB = argsortAscending(scoreB)
  const cellOfRow = new Int32Array(n)
  for (let k = 0; k < n; k++) cellOfRow[orderA[k]!] = k
  const ySortedA = shared(Uint8Array, n)
  const ySortedB = shared(Uint8Array, n)
  const cellOfB = shared(Int32Array, n)
  for (let k = 0; k < n; k++) {
    ySortedA[k] = y[orderA[k]!]!
    ySortedB[k] = y[orderB[k]!]!
    cellOfB[k] = cellOfRow[orderB[k]!]!
  }
  const { strataOffsets, strataCells, stratumOfCell } = buildStrata(strata, n, orderA)
  return {
    n,
    resamples,
    ...seedWords(seed),
    strataOffsets: toShared(Int32Array, strataOffsets),
    strataCells: strataCells === null ? null : toShared(Int32Array, strataCells),
    stratumOfCell: stratumOfCell === null ? null : toShared(Int32Array, stratumOfCell),
    strata: strataOffsets.length - 1,
    ySortedA,
    groupEndsA: toShared(Int32Array, tieGroupEnds(scoreA, orderA)),
    ySortedB,
    groupEndsB: toShared(Int32Array, tieGroupEnds(scoreB, orderB)),
    cellOfB,
  }
}

const KERNELS: AucKernels = { drawMultiplicities, buildPoissonTables, weightedAucSorted, weightedAucGathered }

// Each function is self-contained, so its source text runs as is; the shard gets the others as arguments,
// named by `.name` in case a bundler renamed them.
const WORKER_SOURCE = [
  `const { parentPort, workerData } = require('node:worker_threads')`,
  ...[
    drawMultiplicities,
    buildPoissonTables,
    weightedAucSorted,
    weightedAucGathered,
    runAucBootstrapShard,
  ].map(String),
  `const kernels = { drawMultiplicities: ${drawMultiplicities.name}, buildPoissonTables: ${buildPoissonTables.name},` +
    ` weightedAucSorted: ${weightedAucSorted.name}, weightedAucGathered: ${weightedAucGathered.name} }`,
  `parentPort.postMessage(${runAucBootstrapShard.name}(workerData.job, workerData.cursor, workerData.out, kernels))`,
].join('\n')

/** Resolves with the number of resamples the worker computed. */
function runWorker(job: AucBootstrapJob, cursor: Int32Array, out: Float64Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { job, cursor, out } })
    let computed: number | undefined
    worker.once('message', (count: number) => {
      computed = count
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (computed !== undefined && code === 0) resolve(computed)
      else reject(new Error(`bootstrap worker exited with code ${code} before finishing`))
    })
  })
}

/**
 * Runs a built job on `threads` threads (the calling one included unless `workOnCallingThread` is false).
 * Exported for tests; a failure in any thread rejects after every worker has exited.
 */
export async function runAucJob(
  job: AucBootstrapJob,
  threads: number,
  workOnCallingThread: boolean,
): Promise<{ replicates: Float64Array; resamplesPerThread: number[] }> {
  const cursor = shared(Int32Array, 1)
  const out = shared(Float64Array, job.resamples)
  const workerCount = Math.min(workOnCallingThread ? threads - 1 : threads, job.resamples)
  const workers: Promise<number>[] = []
  for (let t = 0; t < workerCount; t++) workers.push(runWorker(job, cursor, out))
  let failure: { reason: unknown } | undefined
  let ownCount = 0
  try {
    if (workOnCallingThread) ownCount = runAucBootstrapShard(job, cursor, out, KERNELS)
  } catch (error) {
    failure = { reason: error }
    Atomics.store(cursor, 0, job.resamples) // let the workers stop at their next claim
  }
  // Wait for every worker even after a failure, so none outlives the call.
  const settled = await Promise.allSettled(workers)
  failure ??= settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failure !== undefined) throw failure.reason
  return {
    replicates: Float64Array.from(out),
    resamplesPerThread: [ownCount, ...settled.map((s) => (s.status === 'fulfilled' ? s.value : 0))],
  }
}

function defaultThreads(n: number, resamples: number): number {
  if (n * resamples < 2e7) return 1
  return Math.max(1, Math.min(8, availableParallelism()))
}

/** Paired bootstrap percentile interval for AUC(scoreA) − AUC(scoreB); pass the challenger as A. */
export async function pairedBootstrapAuc(
  y: Uint8Array,
  scoreA: Float64Array,
  scoreB: Float64Array,
  options: PairedBootstrapAucOptions,
): Promise<PairedBootstrapAucResult> {
  const where = 'pairedBootstrapAuc'
  const { resamples = 1000, seed, confidence = 0.95, strata, workOnCallingThread = true } = options
  const n = y.length
  if (n < 2) throw new UserError(`${where}: y has ${n} rows; need rows of both classes`)
  checkResamples(resamples)
  criticalValue(confidence)
  assertBinaryLabels(where, y, n)
  assertScores(where, 'scoreA', scoreA, n)
  assertScores(where, 'scoreB', scoreB, n)
  let positives = 0
  for (let i = 0; i < n; i++) positives += y[i]!
  if (positives === 0 || positives === n) {
    throw new UserError(
      `${where}: y has ${positives} positive and ${n - positives} negative rows; AUC needs both`,
    )
  }
  const threads = options.threads ?? defaultThreads(n, resamples)
  if (!Number.isSafeInteger(threads) || threads < 1) {
    throw new UserError(`${where}: threads must be a positive integer, got ${String(threads)}`)
  }
  const job = buildJob(y, scoreA, scoreB, strata, resamples, seed)
  const ones = new Uint8Array(n).fill(1)
  const aucA = weightedAucSorted(ones, job.ySortedA, job.groupEndsA)
  const aucB = weightedAucGathered(ones, job.cellOfB, job.ySortedB, job.groupEndsB)

  const { replicates, resamplesPerThread } = await runAucJob(job, threads, workOnCallingThread)
  return { ...summarizeReplicates(aucA - aucB, replicates, confidence), aucA, aucB, resamplesPerThread }
}
