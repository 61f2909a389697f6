/**
 * Poisson(1) inversion tables used for the bootstrap multiplicities (the multinomial distribution that
 * results is tested in stats-bootstrap.test.ts).
 */
import { buildPoissonTables } from '../src/gate/stats/multiplicities.js'

describe('buildPoissonTables', () => {
  const { lut, thresholds } = buildPoissonTables()

  it('thresholds are 2³²·P(X ≤ k) for X ~ Poisson(1)', () => {
    let factorial = 1
    let cdf = 0
    thresholds.forEach((t, k) => {
      if (k > 0) factorial *= k
      cdf += Math.exp(-1) / factorial
      expect(Math.abs(t / 4294967296 - cdf)).toBeLessThan(1e-15)
    })
    // The table stops where the CDF reaches 1 in doubles, so the largest count produced is K + 1 and the
    // mass it absorbs from larger counts, P(X > K + 1) = e⁻¹·Σ_{j ≥ K+2} 1/j! < e⁻¹/(K + 2)!·(K + 3)/(K + 2),
    // is below double precision.
    const K = thresholds.length - 1
    let lumped = Math.exp(-1) * ((K + 3) / (K + 2))
    for (let j = 2; j <= K + 2; j++) lumped /= j
    expect(K).toBeGreaterThanOrEqual(16)
    expect(lumped).toBeLessThan(1e-16)
  })

  it('every lookup entry agrees with counting thresholds across its whole bucket', () => {
    const countAt = (u: number) => thresholds.filter((t) => t <= u).length
    let exact = 0
    for (let bucket = 0; bucket < 4096; bucket++) {
      const low = bucket * 1048576
      const high = low + 1048576 - 1e-6
      if (lut[bucket] === 255) {
        expect(countAt(low)).not.toBe(countAt(high)) // a CDF step really is inside
      } else {
        exact++
        expect([countAt(low), countAt(high)]).toEqual([lut[bucket], lut[bucket]])
      }
    }
    // Only buckets containing one of the ~18 steps fall back to comparisons.
    expect(4096 - exact).toBeLessThanOrEqual(thresholds.length)
  })
})
