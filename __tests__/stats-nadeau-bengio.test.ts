/**
 * Student's t CDF and quantile, and the Nadeau–Bengio corrected resampled t interval, against scipy
 * (__fixtures__/stats/student_t.json and nadeau_bengio.json, written by scripts/fixtures/crossfit_fixtures.py).
 */
import { readFileSync } from 'node:fs'
import { UserError } from '../src/errors.js'
import { correctedResampledT } from '../src/gate/stats/nadeau-bengio.js'
import { studentTCdf, studentTQuantile } from '../src/gate/stats/student-t.js'

const read = (name: string): unknown =>
  JSON.parse(readFileSync(`${process.cwd()}/__fixtures__/stats/${name}`, 'utf8'))
const t = read('student_t.json') as {
  cdf: { df: number; x: number; cdf: number }[]
  ppf: { df: number; p: number; q: number }[]
}
const nb = read('nadeau_bengio.json') as {
  cases: {
    diffs: number[]
    trainRows: number
    testRows: number
    confidence: number
    mean: number
    se: number
    df: number
    lower: number
    upper: number
    pBelow0: number
    pBelowMinus01: number
  }[]
}

describe("Student's t", () => {
  test.each(t.cdf.map((c) => [c.df, c.x, c.cdf]))('CDF df=%d at %d matches scipy', (df, x, cdf) => {
    const got = studentTCdf(x, df)
    // Relative in the tails, absolute near the middle.
    expect(Math.abs(got - cdf)).toBeLessThanOrEqual(1e-13 + 1e-10 * cdf)
  })
  test.each(t.ppf.map((c) => [c.df, c.p, c.q]))('quantile df=%d at p=%d matches scipy', (df, p, q) => {
    expect(Math.abs(studentTQuantile(p, df) - q)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(q)))
  })
  test('the textbook value t(0.975, 9) = 2.262 and bad input', () => {
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.2621571627, 9)
    expect(() => studentTQuantile(1, 9)).toThrow(UserError)
    expect(() => studentTCdf(1, 0)).toThrow('degrees of freedom must be a finite number > 0, got 0')
  })
})

describe('Nadeau–Bengio corrected resampled t', () => {
  test.each(nb.cases.map((c, i) => [i, c]))('case %d matches scipy', (_i, c) => {
    const r = correctedResampledT(c)
    expect(r.mean).toBeCloseTo(c.mean, 14)
    expect(r.se).toBeCloseTo(c.se, 14)
    expect(r.df).toBe(c.df)
    expect(r.lower).toBeCloseTo(c.lower, 11)
    expect(r.upper).toBeCloseTo(c.upper, 11)
    expect(r.pBelow(0)).toBeCloseTo(c.pBelow0, 11)
    expect(r.pBelow(-0.01)).toBeCloseTo(c.pBelowMinus01, 11)
  })
  test('needs two splits', () => {
    expect(() => correctedResampledT({ diffs: [0.1], trainRows: 4, testRows: 1, confidence: 0.95 })).toThrow(
      UserError,
    )
  })
})
