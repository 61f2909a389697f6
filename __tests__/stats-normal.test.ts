/**
 * Normal CDF and quantile against mpmath at 60 digits (__fixtures__/stats/normal.json, written by
 * scripts/fixtures/stats_fixtures.py), plus identities that need no oracle.
 */
import { readFileSync } from 'node:fs'
import { UserError } from '../src/errors.js'
import {
  criticalValue,
  normalCdf,
  normalQuantile,
  normalSf,
  twoSidedNormalPValue,
} from '../src/gate/stats/normal.js'

interface NormalFixture {
  cdf: { x: number; cdf: number; sf: number }[]
  quantiles: { p: number; quantile: number }[]
}
const fixture = JSON.parse(
  readFileSync(`${process.cwd()}/__fixtures__/stats/normal.json`, 'utf8'),
) as NormalFixture

function relativeError(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual)
  return Math.abs(actual - expected) / Math.abs(expected)
}

describe('normalCdf', () => {
  it('matches mpmath to 2e-15 relative in both tails (measured worst: 2.4e-16)', () => {
    expect(fixture.cdf.length).toBeGreaterThan(30)
    for (const { x, cdf, sf } of fixture.cdf) {
      const errors = {
        x,
        cdf: relativeError(normalCdf(x), cdf) < 2e-15,
        sf: relativeError(normalSf(x), sf) < 2e-15,
      }
      expect(errors).toEqual({ x, cdf: true, sf: true })
    }
    // Far tail, tiny but not flushed to zero:
    expect(normalCdf(-37)).toBeGreaterThan(0)
    expect(normalCdf(-37)).toBeLessThan(1e-290)
  })

  it('is symmetric, exactly 1/2 at 0, NaN for NaN and saturates at ±Infinity', () => {
    for (const x of [0.1, 0.5, 0.9, 1.7, 3.3, 6.1, 12])
      expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15)
    expect(normalCdf(0)).toBe(0.5)
    expect(normalCdf(Number.NaN)).toBeNaN()
    expect(normalCdf(-Infinity)).toBe(0)
    expect(normalCdf(Infinity)).toBe(1)
  })

  it('gives the textbook two-sided p-values', () => {
    expect(twoSidedNormalPValue(1.959963984540054)).toBeCloseTo(0.05, 14)
    expect(twoSidedNormalPValue(-2.5758293035489004)).toBeCloseTo(0.01, 14)
    expect(twoSidedNormalPValue(0)).toBe(1)
  })
})

describe('normalQuantile', () => {
  it('matches mpmath to 2e-15 relative from p = 1e-300 to 1 − 2⁻⁵² (measured worst: 4.6e-16)', () => {
    expect(fixture.quantiles.length).toBeGreaterThan(20)
    for (const { p, quantile } of fixture.quantiles) {
      const error = quantile === 0 ? Math.abs(normalQuantile(p)) : relativeError(normalQuantile(p), quantile)
      expect({ p, ok: error < 2e-15 }).toEqual({ p, ok: true })
    }
  })

  it('inverts normalCdf across all three AS 241 regions', () => {
    for (const p of [1e-250, 1e-40, 1e-12, 3e-4, 0.02, 0.07, 0.2, 0.5, 0.66, 0.93, 0.999]) {
      expect(relativeError(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-13)
    }
  })

  it('returns ±Infinity at 0 and 1 and rejects p outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity)
    expect(normalQuantile(1)).toBe(Infinity)
    expect(normalQuantile(0.5)).toBe(0)
    expect(() => normalQuantile(1.5)).toThrow(RangeError)
    expect(normalQuantile(Number.NaN)).toBeNaN()
  })
})

describe('criticalValue', () => {
  it('is z_{1−α/2}', () => {
    expect(criticalValue(0.95)).toBeCloseTo(1.959963984540054, 14)
    expect(criticalValue(0.9)).toBeCloseTo(1.6448536269514722, 14)
    expect(criticalValue(0.99)).toBeCloseTo(2.5758293035489004, 14)
  })

  it('names the input when the confidence is not a fraction', () => {
    expect(() => criticalValue(95)).toThrow(UserError)
    expect(() => criticalValue(95)).toThrow(
      'confidence must be a number strictly between 0 and 1 (e.g. 0.95), got 95',
    )
    expect(() => criticalValue(0, 'gate.confidence')).toThrow(/^gate\.confidence must be/)
    expect(() => criticalValue(Number.NaN)).toThrow(UserError)
  })
})
