/**
 * Student's t CDF and quantile, and the Nadeau–Bengio corrected resampled t interval, against scipy
 * (__fixtures__/stats/student_t.json and nadeau_bengio.json, written by scripts/fixtures/crossfit_fixtures.py).
 */
import { readFileSync } from 'node:fs'
import { UserError } from '../src/errors.js'
import { correctedResampledT, seedReplicatedT } from '../src/gate/stats/nadeau-bengio.js'
import { studentTCdf, studentTQuantile } from '../src/gate/stats/student-t.js'

const read = (name: string): unknown =>
  JSON.parse(readFileSync(`${process.cwd()}/__fixtures__/stats/${name}`, 'utf8'))
const t = read('student_t.json') as {
  cdf: { df: number; x: number; cdf: number }[]
  ppf: { df: number; p: number; q: number }[]
}
/** A fixture case: the inputs and numpy/scipy's interval for them. */
interface Case<Diffs> {
  diffs: Diffs
  trainRows: number
  testRows: number
  confidence: number
  mean: number
  se: number
  df: number
  lower: number
  upper: number
  pBelowMinus01: number
}
const nb = read('nadeau_bengio.json') as {
  cases: (Case<number[]> & { pBelow0: number })[]
  replicated: (Case<number[][]> & { splitVariance: number; seedVariance: number })[]
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

describe('corrected resampled t with several seeds per split (seedReplicatedT)', () => {
  test.each(nb.replicated.map((c, i) => [i, c.diffs.length, c.diffs[0]!.length, c]))(
    'case %d (%d splits × %d seeds) matches numpy',
    (_i, _j, _m, c) => {
      const r = seedReplicatedT(c)
      expect(r.mean).toBeCloseTo(c.mean, 14)
      expect(r.splitVariance).toBeCloseTo(c.splitVariance, 14)
      expect(r.seedVariance).toBeCloseTo(c.seedVariance, 14)
      expect(r.se).toBeCloseTo(c.se, 13)
      expect(r.df).toBe(c.df)
      expect(r.lower).toBeCloseTo(c.lower, 11)
      expect(r.upper).toBeCloseTo(c.upper, 11)
      expect(r.pBelow(-0.01)).toBeCloseTo(c.pBelowMinus01, 11)
    },
  )
  test('the fixture has a case whose split part is cut at 0, and its se is the seeds part alone', () => {
    const cut = nb.replicated.find((c) => c.splitVariance === 0)!
    const j = cut.diffs.length
    const m = cut.diffs[0]!.length
    expect(seedReplicatedT(cut).se).toBeCloseTo(Math.sqrt(cut.seedVariance / (m * j)), 14)
  })
  test('one seed per split is the plain corrected interval', () => {
    const c = nb.cases[0]!
    const r = seedReplicatedT({ ...c, diffs: c.diffs.map((d) => [d]) })
    expect(r.se).toBeCloseTo(c.se, 14)
    expect(r.lower).toBeCloseTo(c.lower, 11)
    expect(r.seeds).toBe(1)
  })
  test('is tighter than the plain correction on the split means when the seeds disagree within splits', () => {
    const c = nb.replicated[0]!
    const means = c.diffs.map((d) => d.reduce((a, b) => a + b, 0) / d.length)
    const plain = correctedResampledT({ ...c, diffs: means })
    expect(seedReplicatedT(c).se).toBeLessThan(plain.se)
  })
  test('needs the same number of seeds on every split', () => {
    expect(() =>
      seedReplicatedT({ diffs: [[0.1, 0.2], [0.1]], trainRows: 4, testRows: 1, confidence: 0.95 }),
    ).toThrow(UserError)
  })
})
