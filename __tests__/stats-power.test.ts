/** Resolution helpers against hand-computed values (z₀.₉₇₅ = 1.959963984540054, z₀.₉ = 1.2815515655446004). */
import { UserError } from '../src/errors.js'
import { detectableDrop, halfWidth, rowsNeeded } from '../src/gate/stats/power.js'

const Z975 = 1.959963984540054

describe('halfWidth', () => {
  it('is z·se', () => {
    expect(halfWidth(0.01)).toBeCloseTo(0.01959963984540054, 15)
    expect(halfWidth(0.02, 0.9)).toBeCloseTo(0.02 * 1.6448536269514722, 15)
    expect(halfWidth(0)).toBe(0)
  })
})

describe('detectableDrop', () => {
  it('is margin + (z_{1−α/2} + z_power)·se', () => {
    // 0.01 + (1.959963984540054 + 1.2815515655446004)·0.005 = 0.01 + 3.2415155500846544·0.005
    expect(detectableDrop(0.01, 0.005)).toBeCloseTo(0.026207577750423272, 15)
    // power 0.8: z = 0.8416212335729143 → 0.02 + 2.8015852181129683·0.01
    expect(detectableDrop(0.02, 0.01, 0.95, 0.8)).toBeCloseTo(0.04801585218112968, 15)
    expect(detectableDrop(0.01, 0)).toBe(0.01)
  })

  it('under its own model (d̂ ~ N(−D, se²)), the interval lies below −margin with probability `power` at D = detectableDrop', () => {
    // A simulation of the formula's assumption, not of the gate: draw d̂ ~ N(−D, se²) and count how often the
    // interval's upper end d̂ + z·se falls below −margin. (compareModels' fail rule is tested in gate-*.test.ts.)
    const margin = 0.01
    const se = 0.004
    const drop = detectableDrop(margin, se)
    let state = 99
    const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296
    let fails = 0
    const trials = 20000
    for (let t = 0; t < trials; t++) {
      const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
      const estimate = -drop + se * normal
      if (estimate + Z975 * se < -margin) fails++
    }
    // Binomial sd of the rate is sqrt(0.9·0.1/20000) = 0.0021; ±0.01 is > 4.7 sd (and the seed is fixed).
    expect(fails / trials).toBeGreaterThan(0.89)
    expect(fails / trials).toBeLessThan(0.91)
  })
})

describe('rowsNeeded', () => {
  it('is the size at which the half-width equals the margin, with se ∝ 1/√n', () => {
    // Half-width now: 1.96·0.02 = 0.0392 on 1000 rows; to reach 0.0196 need 4× the rows.
    expect(rowsNeeded(0.02, 1000, Z975 * 0.01)).toBe(4000)
    // n·(z·se/margin)² = 5000·(1.959963984540054·0.01/0.015)² = 8536.31... → 8537
    expect(rowsNeeded(0.01, 5000, 0.015)).toBe(8537)
    expect(rowsNeeded(0, 100, 0.01)).toBe(0)
    // Check the defining property at the answer: half-width with se scaled to N rows ≤ margin.
    const n = rowsNeeded(0.01, 5000, 0.015)
    expect(halfWidth(0.01 * Math.sqrt(5000 / n))).toBeLessThanOrEqual(0.015)
    expect(halfWidth(0.01 * Math.sqrt(5000 / (n - 1)))).toBeGreaterThan(0.015)
  })

  it('rejects invalid input by name', () => {
    expect(() => rowsNeeded(0.01, 100, 0)).toThrow(UserError)
    expect(() => rowsNeeded(0.01, 100, 0)).toThrow('margin must be a finite number > 0, got 0')
    expect(() => rowsNeeded(-1, 100, 0.1)).toThrow('se must be a finite number ≥ 0, got -1')
    expect(() => rowsNeeded(0.01, 10.5, 0.1)).toThrow('n must be a positive integer row count, got 10.5')
    expect(() => detectableDrop(0.01, 0.01, 0.95, 90)).toThrow(/power must be strictly between 0 and 1/)
  })
})
