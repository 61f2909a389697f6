/**
 * Threaded paired AUC bootstrap: replicates equal a brute-force weighted AUC run through the generic
 * bootstrap on the same multiplicities, are bit-identical for any thread count, and its se agrees with
 * DeLong's on data large enough for both to apply.
 */
import { UserError } from '../src/errors.js'
import { pairedBootstrap } from '../src/gate/stats/bootstrap.js'
import { buildJob, pairedBootstrapAuc, runAucJob } from '../src/gate/stats/bootstrap-auc.js'
import { delongPaired } from '../src/gate/stats/delong.js'
import { argsortAscending } from '../src/gate/stats/ranks.js'

function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function data(seed: number, n: number, prevalence: number, decimals: number | null) {
  const r = rng(seed)
  const y = new Uint8Array(n)
  const a = new Float64Array(n)
  const b = new Float64Array(n)
  const round = (v: number) => (decimals === null ? v : Math.round(v * 10 ** decimals) / 10 ** decimals)
  for (let i = 0; i < n; i++) {
    y[i] = r() < prevalence ? 1 : 0
    const shared = r()
    a[i] = round(y[i]! * 0.5 + shared + 0.4 * r())
    b[i] = round(y[i]! * 0.35 + shared + 0.6 * r())
  }
  return { y, a, b }
}

/** Weighted AUC by definition: Σ_{i pos, j neg} wᵢwⱼ·ψ(sᵢ, sⱼ) / (W⁺W⁻), ψ = 1, ½, 0. */
function bruteForceWeightedAuc(y: Uint8Array, s: Float64Array, w: Float64Array): number {
  let num = 0
  let wp = 0
  let wn = 0
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) wp += w[i]!
    else wn += w[i]!
  }
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1 || w[i] === 0) continue
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0 || w[j] === 0) continue
      num += w[i]! * w[j]! * (s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0)
    }
  }
  return num / (wp * wn)
}

/** The rows permuted into the kernel's cell order (stable ascending score A). */
function permuteByA<T extends Uint8Array | Float64Array | Int32Array>(order: Int32Array, values: T): T {
  const out = values.slice() as T
  order.forEach((row, k) => (out[k] = values[row]!))
  return out
}

describe('pairedBootstrapAuc', () => {
  const { y, a, b } = data(5, 240, 0.35, 1) // one decimal: many ties in both scores
  const strata = Int32Array.from(y)

  it.each([
    { stratified: false, threads: 1 },
    { stratified: true, threads: 1 },
    { stratified: true, threads: 3 },
  ])(
    'equals brute-force weighted AUC on the same multiplicities ($stratified, $threads threads)',
    async ({ stratified, threads }) => {
      const resamples = 120
      const fast = await pairedBootstrapAuc(y, a, b, {
        resamples,
        seed: 11,
        threads,
        ...(stratified ? { strata } : {}),
      })
      // The kernel numbers rows by ascending score A; the generic bootstrap on rows in that order draws the
      // same multiplicities, and here evaluates AUC by the O(n²) definition.
      const order = argsortAscending(a)
      const [yc, ac, bc] = [permuteByA(order, y), permuteByA(order, a), permuteByA(order, b)]
      const reference = pairedBootstrap({
        n: y.length,
        resamples,
        seed: 11,
        ...(stratified ? { strata: permuteByA(order, strata) } : {}),
        statistic: (w) => bruteForceWeightedAuc(yc, ac, w) - bruteForceWeightedAuc(yc, bc, w),
      })
      expect(fast.replicates.length).toBe(resamples)
      fast.replicates.forEach((v, r) => expect(Math.abs(v - reference.replicates[r]!)).toBeLessThan(1e-12))
      expect(fast.estimate).toBeCloseTo(reference.estimate, 14)
      expect(fast.lower).toBeCloseTo(reference.lower, 12)
      expect(fast.upper).toBeCloseTo(reference.upper, 12)
      expect(fast.se).toBeCloseTo(reference.se, 12)
    },
  )

  it('estimate and per-model AUCs equal the unweighted AUCs (DeLong)', async () => {
    const fast = await pairedBootstrapAuc(y, a, b, { resamples: 10, seed: 1 })
    const d = delongPaired(y, a, b)
    expect(fast.aucA).toBeCloseTo(d.aucA, 15)
    expect(fast.aucB).toBeCloseTo(d.aucB, 15)
    expect(fast.estimate).toBeCloseTo(d.diff, 15)
  })

  it('gives bit-identical replicates in the calling thread and in workers, determined by the seed', async () => {
    const big = data(8, 20000, 0.2, 3)
    const strata = Int32Array.from(big.y)
    const run = (threads: number, workOnCallingThread: boolean, seed = 99) =>
      pairedBootstrapAuc(big.y, big.a, big.b, { resamples: 48, seed, threads, strata, workOnCallingThread })
    const inThread = await run(1, true)
    expect(inThread.resamplesPerThread).toEqual([48])
    // Workers only: the calling thread computes nothing, so every replicate below came from a worker.
    const [oneWorker, threeWorkers, mixed, other] = await Promise.all([
      run(1, false),
      run(3, false),
      run(4, true),
      run(2, false, 100),
    ])
    expect(oneWorker.resamplesPerThread).toEqual([0, 48])
    expect(threeWorkers.resamplesPerThread).toHaveLength(4)
    expect(threeWorkers.resamplesPerThread[0]).toBe(0)
    expect(threeWorkers.resamplesPerThread.reduce((x, y) => x + y, 0)).toBe(48)
    expect(mixed.resamplesPerThread.reduce((x, y) => x + y, 0)).toBe(48)
    expect(oneWorker.replicates).toEqual(inThread.replicates)
    expect(threeWorkers.replicates).toEqual(inThread.replicates)
    expect(mixed.replicates).toEqual(inThread.replicates)
    expect(other.replicates).not.toEqual(inThread.replicates)
  })

  it('rejects when a worker fails, after all workers have exited', async () => {
    const job = buildJob(y, a, b, undefined, 40, 1)
    // A malformed job makes the kernel throw inside each worker (strataOffsets must be an Int32Array).
    const broken = { ...job, strataOffsets: null as unknown as Int32Array }
    // (Matched by message: the error is re-created in the main realm, not jest's sandbox realm.)
    await expect(runAucJob(broken, 2, false)).rejects.toThrow(
      "Cannot read properties of null (reading 'length')",
    )
    // The same job, well-formed, runs in workers and fills every replicate.
    const ok = await runAucJob(job, 2, false)
    expect(ok.resamplesPerThread[0]).toBe(0)
    expect(ok.resamplesPerThread.reduce((x, z) => x + z, 0)).toBe(40)
    expect(ok.replicates.every((v) => Number.isFinite(v))).toBe(true)
  })

  it('agrees with DeLong on the standard error of the difference', async () => {
    const large = data(21, 6000, 0.3, null)
    const boot = await pairedBootstrapAuc(large.y, large.a, large.b, {
      resamples: 1000,
      seed: 3,
      strata: Int32Array.from(large.y),
    })
    const delong = delongPaired(large.y, large.a, large.b)
    // Both estimate the same sampling variance; with R = 1000 the bootstrap se has ≈ 2.2% Monte Carlo sd
    // and the two estimators differ by O(1/n). 10% is > 4 Monte Carlo sd.
    expect(Math.abs(boot.se / delong.se - 1)).toBeLessThan(0.1)
    expect(boot.lower).toBeLessThan(boot.estimate)
    expect(boot.upper).toBeGreaterThan(boot.estimate)
  })

  it('asks for stratification when an unstratified resample has no positives', async () => {
    const y = Uint8Array.from({ length: 40 }, (_, i) => (i < 2 ? 1 : 0))
    const s = Float64Array.from({ length: 40 }, (_, i) => i / 40)
    await expect(pairedBootstrapAuc(y, s, s, { resamples: 300, seed: 4 })).rejects.toThrow(
      /stratify by class/,
    )
    const stratified = await pairedBootstrapAuc(y, s, s, {
      resamples: 300,
      seed: 4,
      strata: Int32Array.from(y),
    })
    expect(stratified.replicates.every((v) => v === 0)).toBe(true) // identical scores: every difference is 0
  })

  it('names invalid input', async () => {
    const bad = Float64Array.from(a)
    bad[17] = Number.NaN
    await expect(pairedBootstrapAuc(y, a, bad, { seed: 1 })).rejects.toThrow(
      'pairedBootstrapAuc: scoreB[17] is NaN; every row needs a score',
    )
    await expect(pairedBootstrapAuc(new Uint8Array(240), a, b, { seed: 1 })).rejects.toThrow(UserError)
    await expect(pairedBootstrapAuc(y, a, b, { seed: 1, threads: 0 })).rejects.toThrow(
      /threads must be a positive integer/,
    )
    await expect(pairedBootstrapAuc(y, a, b, { seed: -3 })).rejects.toThrow(
      /seed must be a non-negative integer/,
    )
  })
})
