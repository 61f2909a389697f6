/**
 * Generic paired bootstrap: closed-form checks (the bootstrap se of a mean is the plug-in sd/√n), exact
 * stratum sizes, uniform multiplicities, determinism, and interval coverage on a known distribution.
 * All seeds are fixed, so every tolerance below is a deterministic check; each is also set at ≥ 4 Monte
 * Carlo standard deviations so that a change of seed would not flake either.
 */
import { UserError } from '../src/errors.js'
import { pairedBootstrap, sortedQuantile } from '../src/gate/stats/bootstrap.js'

/** Deterministic test data: mulberry32 uniforms and Box–Muller normals. */
function rng(seed: number) {
  let a = seed >>> 0
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296
  }
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
  return { uniform, normal }
}

function weightedMean(x: Float64Array, w: Float64Array): number {
  let sw = 0
  let sx = 0
  for (let i = 0; i < x.length; i++) {
    sw += w[i]!
    sx += w[i]! * x[i]!
  }
  return sx / sw
}

function plugInSd(x: Float64Array): number {
  const mean = x.reduce((a, b) => a + b, 0) / x.length
  return Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length)
}

describe('pairedBootstrap of means (closed form)', () => {
  const n = 400
  const r = rng(3)
  const champion = Float64Array.from({ length: n }, () => r.normal())
  // Challenger strongly correlated with the champion, as two models scored on the same rows are.
  const challenger = champion.map((v) => 0.9 * v + 0.3 * r.normal() + 0.05)
  const resamples = 4000
  const result = pairedBootstrap({
    n,
    resamples,
    seed: 42,
    statistic: (w) => weightedMean(challenger, w) - weightedMean(champion, w),
  })

  it('se of the paired difference ≈ plug-in sd(challenger − champion)/√n', () => {
    const expected = plugInSd(challenger.map((v, i) => v - champion[i]!)) / Math.sqrt(n)
    // The sd of a bootstrap se estimate from R replicates is ≈ se/√(2R) = 1.1% here; 5% is 4.5 sd.
    expect(Math.abs(result.se / expected - 1)).toBeLessThan(0.05)
    // The unpaired se would be ~3× larger: the pairing is what the test above checks.
    const unpaired = Math.hypot(plugInSd(challenger), plugInSd(champion)) / Math.sqrt(n)
    expect(unpaired / expected).toBeGreaterThan(2.5)
  })

  it('replicates centre on the estimate, which is the statistic on the original rows', () => {
    const expectedEstimate =
      weightedMean(challenger, new Float64Array(n).fill(1)) -
      weightedMean(champion, new Float64Array(n).fill(1))
    expect(result.estimate).toBe(expectedEstimate)
    const mean = result.replicates.reduce((a, b) => a + b, 0) / resamples
    // sd of the replicate mean: se/√R ≈ 0.0003·… ; 4 sd:
    expect(Math.abs(mean - result.estimate)).toBeLessThan((4 * result.se) / Math.sqrt(resamples))
  })

  it('the interval is the type-7 percentile of the replicates', () => {
    const sorted = Float64Array.from(result.replicates).sort()
    expect(result.lower).toBeCloseTo(sortedQuantile(sorted, 0.025), 15)
    expect(result.upper).toBeCloseTo(sortedQuantile(sorted, 0.975), 15)
    // type 7 by hand on a small vector: h = (5 − 1)·0.25 = 1 → sorted[1]; q = 0.1 → 0.4 between 1 and 2
    const small = Float64Array.from([1, 2, 4, 8, 16])
    expect(sortedQuantile(small, 0.25)).toBe(2)
    expect(sortedQuantile(small, 0.1)).toBeCloseTo(1.4, 15)
  })
})

describe('multiplicities', () => {
  it('reuse one weights buffer, hold non-negative integers and sum to n', () => {
    const seen = new Set<Float64Array>()
    let calls = 0
    let badCalls = 0
    pairedBootstrap({
      n: 37,
      resamples: 300,
      seed: 1,
      statistic: (w) => {
        seen.add(w)
        calls++
        let total = 0
        for (const v of w) {
          if (!Number.isInteger(v) || v < 0) badCalls++
          total += v
        }
        if (total !== 37) badCalls++
        return 0
      },
    })
    expect(calls).toBe(301) // estimate + 300 resamples
    expect(seen.size).toBe(1)
    expect(badCalls).toBe(0)
  })

  it('keep every stratum at its own size in every resample', () => {
    // Strata with arbitrary labels and sizes 1, 2, 13 and 40 (interleaved rows).
    const strata = Int32Array.from({ length: 56 }, (_, i) =>
      i === 5 ? -7 : i % 20 === 3 ? 100 : i % 3 === 0 ? 2 : 9,
    )
    const sizes = new Map<number, number>()
    for (const s of strata) sizes.set(s, (sizes.get(s) ?? 0) + 1)
    let violations = 0
    let resamplesSeen = 0
    pairedBootstrap({
      n: strata.length,
      strata,
      resamples: 500,
      seed: 7,
      statistic: (w) => {
        resamplesSeen++
        const got = new Map<number, number>()
        w.forEach((v, i) => got.set(strata[i]!, (got.get(strata[i]!) ?? 0) + v))
        for (const [label, size] of sizes) if (got.get(label) !== size) violations++
        return 0
      },
    })
    expect(resamplesSeen).toBe(501)
    expect(violations).toBe(0)
  })

  it('are uniform over rows: each row averages 1 draw with variance 1 − 1/n', () => {
    const n = 7 // not a power of two, so a biased index mapping would show
    const resamples = 40000
    const sums = new Float64Array(n)
    let squares = 0
    pairedBootstrap({
      n,
      resamples,
      seed: 2024,
      statistic: (w) => {
        for (let i = 0; i < n; i++) {
          sums[i]! += w[i]!
          squares += w[i]! ** 2
        }
        return 0
      },
    })
    // Subtract the all-ones estimate call.
    const means = Array.from(sums, (s) => (s - 1) / resamples)
    // A row's count is Binomial(7, 1/7): sd of its mean over R resamples = √((6/7)/40000) = 0.0046; 0.02 ≈ 4.3 sd.
    for (const m of means) expect(Math.abs(m - 1)).toBeLessThan(0.02)
    const variance = (squares - n) / (resamples * n) - 1 // E[c²] − 1
    expect(Math.abs(variance - 6 / 7)).toBeLessThan(0.03)
  })
})

describe('exact multinomial distribution (Poissonization with conditioning, see multiplicities.ts)', () => {
  /** Frequencies of every count vector over many resamples vs n!/(Πcᵢ!)·n⁻ⁿ, per stratum. */
  function checkStratum(counts: number[][], size: number) {
    const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1))
    const observed = new Map<string, number>()
    for (const c of counts) observed.set(c.join(','), (observed.get(c.join(',')) ?? 0) + 1)
    const vectors: number[][] = []
    const build = (prefix: number[], left: number) => {
      if (prefix.length === size - 1) vectors.push([...prefix, left])
      else for (let k = 0; k <= left; k++) build([...prefix, k], left - k)
    }
    build([], size)
    let worst = 0
    for (const v of vectors) {
      const p = factorial(size) / v.reduce((acc, k) => acc * factorial(k), 1) / size ** size
      const expected = p * counts.length
      const z = ((observed.get(v.join(',')) ?? 0) - expected) / Math.sqrt(expected * (1 - p))
      worst = Math.max(worst, Math.abs(z))
    }
    expect(observed.size).toBe(vectors.length) // every possible vector occurs, no impossible one does
    // Largest |z| over 10 (size 3) or 35 (size 4) cells: beyond 4.5 has probability < 1e-4 under the model.
    expect(worst).toBeLessThan(4.5)
  }

  it('one stratum of 3 rows: all 10 count vectors with multinomial frequencies', () => {
    const draws: number[][] = []
    pairedBootstrap({ n: 3, resamples: 30000, seed: 8, statistic: (w) => (draws.push(Array.from(w)), 0) })
    checkStratum(draws.slice(1), 3)
  })

  it('two strata (sizes 4 and 2) are independent multinomials of their own sizes', () => {
    const strata = Int32Array.from([1, 0, 1, 1, 0, 1])
    const first: number[][] = []
    const second: number[][] = []
    pairedBootstrap({
      n: 6,
      strata,
      resamples: 30000,
      seed: 9,
      statistic: (w) => {
        first.push([w[1]!, w[4]!])
        second.push([w[0]!, w[2]!, w[3]!, w[5]!])
        return 0
      },
    })
    checkStratum(first.slice(1), 2)
    checkStratum(second.slice(1), 4)
  })
})

describe('determinism', () => {
  const x = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i) + i / 50)
  const run = (seed: number) =>
    pairedBootstrap({ n: 50, resamples: 200, seed, statistic: (w) => weightedMean(x, w) })
  it('same seed gives identical replicates, another seed different ones', () => {
    expect(run(5).replicates).toEqual(run(5).replicates)
    expect(run(5).replicates).not.toEqual(run(6).replicates)
    // Seeds above 2³² use their high word too.
    expect(run(2 ** 40 + 5).replicates).not.toEqual(run(5).replicates)
  })
})

describe('coverage on a known distribution', () => {
  it('the 95% percentile interval of a mean covers the true mean in ≈ 95% of datasets', () => {
    const datasets = 400
    const n = 80
    let covered = 0
    const r = rng(77)
    for (let d = 0; d < datasets; d++) {
      const x = Float64Array.from({ length: n }, () => 10 + 2 * r.normal()) // true mean 10
      const result = pairedBootstrap({ n, resamples: 400, seed: d, statistic: (w) => weightedMean(x, w) })
      if (result.lower <= 10 && 10 <= result.upper) covered++
    }
    // Percentile intervals run slightly below nominal at n = 80 (≈ 0.94). Binomial sd of the rate over 400
    // datasets is 0.011, so [0.90, 0.99] is ≥ 3.6 sd around either 0.94 or 0.95.
    expect(covered / datasets).toBeGreaterThan(0.9)
    expect(covered / datasets).toBeLessThan(0.99)
  })
})

describe('invalid input', () => {
  const statistic = () => 0
  it('names the bad option', () => {
    expect(() => pairedBootstrap({ n: 10, seed: -1, statistic })).toThrow(UserError)
    expect(() => pairedBootstrap({ n: 10, seed: -1, statistic })).toThrow(
      'bootstrap seed must be a non-negative integer, got -1',
    )
    expect(() => pairedBootstrap({ n: 10, seed: 1.5, statistic })).toThrow(
      /seed must be a non-negative integer/,
    )
    expect(() => pairedBootstrap({ n: 10, seed: 1, resamples: 0, statistic })).toThrow(
      'bootstrap resamples must be a positive integer, got 0',
    )
    expect(() => pairedBootstrap({ n: 0, seed: 1, statistic })).toThrow(
      'bootstrap n must be a positive integer, got 0',
    )
    expect(() => pairedBootstrap({ n: 10, seed: 1, strata: new Int32Array(9), statistic })).toThrow(
      'bootstrap strata has 9 rows, expected 10',
    )
    expect(() => pairedBootstrap({ n: 10, seed: 1, confidence: 95, statistic })).toThrow(/confidence must be/)
  })

  it('refuses to summarise non-finite replicates and says what to do', () => {
    // A statistic that is undefined when row 0 is not drawn (like AUC without positives).
    const run = () =>
      pairedBootstrap({ n: 5, seed: 3, resamples: 100, statistic: (w) => (w[0] === 0 ? Number.NaN : 1) })
    expect(run).toThrow(UserError)
    expect(run).toThrow(
      /resamples gave a non-finite statistic \(first: resample \d+, value NaN\).*stratify by class/,
    )
  })
})
