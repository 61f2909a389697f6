/** Holm step-down: textbook example, statsmodels multipletests (fixture), and the definition itself. */
import { readFileSync } from 'node:fs'
import { UserError } from '../src/errors.js'
import { holm } from '../src/gate/stats/holm.js'

interface HolmCase {
  pValues: number[]
  alpha: number
  adjusted: number[]
  rejected: boolean[]
}
const fixture = JSON.parse(readFileSync(`${process.cwd()}/__fixtures__/stats/holm.json`, 'utf8')) as {
  cases: HolmCase[]
}

/** The step-down rule as Holm (1979) states it: walk up the sorted p-values, reject while p₍ⱼ₎ ≤ α/(m−j+1). */
function stepDown(pValues: number[], alpha: number): boolean[] {
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!)
  const rejected = pValues.map(() => false)
  for (const [j, index] of order.entries()) {
    if (pValues[index]! > alpha / (order.length - j)) break
    rejected[index] = true
  }
  return rejected
}

/** p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎), by brute force over all j for every i. */
function adjustedByDefinition(pValues: number[]): number[] {
  const m = pValues.length
  const sorted = [...pValues].sort((a, b) => a - b)
  return pValues.map((p) => {
    const i = sorted.indexOf(p) // first occurrence: ties share the same adjusted value
    let best = 0
    for (let j = 0; j <= i; j++) best = Math.max(best, Math.min(1, (m - j) * sorted[j]!))
    return best
  })
}

describe('holm', () => {
  it('textbook example: p = (0.01, 0.04, 0.03, 0.005) at α = 0.05', () => {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, then max(0.06, 0.04·1) = 0.06.
    const r = holm([0.01, 0.04, 0.03, 0.005], 0.05)
    expect(r.adjusted.map((p) => Number(p.toFixed(12)))).toEqual([0.03, 0.06, 0.06, 0.02])
    expect(r.rejected).toEqual([true, false, false, true])
  })

  it('matches statsmodels multipletests(method="holm")', () => {
    expect(fixture.cases.length).toBeGreaterThan(20)
    for (const c of fixture.cases) {
      const r = holm(c.pValues, c.alpha)
      expect(r.rejected).toEqual(c.rejected)
      r.adjusted.forEach((p, i) => expect(p).toBeCloseTo(c.adjusted[i]!, 14))
    }
  })

  it('agrees with the definition and with the step-down rule on random families', () => {
    let state = 12345
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296
    for (let trial = 0; trial < 200; trial++) {
      const m = 1 + Math.floor(next() * 9)
      const ps = Array.from({ length: m }, () =>
        next() < 0.2 ? 0.01 : Math.round(next() * 0.2 * 1000) / 1000,
      )
      const r = holm(ps, 0.05)
      const byDefinition = adjustedByDefinition(ps)
      r.adjusted.forEach((p, i) => expect(p).toBeCloseTo(byDefinition[i]!, 15))
      expect(r.rejected).toEqual(stepDown(ps, 0.05))
    }
  })

  it('handles the empty family and rejects invalid input by name', () => {
    expect(holm([], 0.05)).toEqual({ adjusted: [], rejected: [] })
    expect(() => holm([0.1, Number.NaN], 0.05)).toThrow(UserError)
    expect(() => holm([0.1, Number.NaN], 0.05)).toThrow(
      'holm: p-value #1 is NaN; p-values must be numbers in [0, 1]',
    )
    expect(() => holm([0.1], 5)).toThrow('holm: alpha must be strictly between 0 and 1, got 5')
  })
})
