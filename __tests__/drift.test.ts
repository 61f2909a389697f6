/**
 * Drift statistics against numpy and scipy (__fixtures__/drift.json from scripts/fixtures/drift_fixtures.py):
 * deciles and the quantile sketch as numpy.quantile, the KS statistic as scipy.stats.ks_2samp, PSI over the same
 * bins; plus the sketch approximation's stated bound and the categorical PSI.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  binCounts,
  categoricalPsi,
  ksAgainstSketch,
  ksStatistic,
  profileCategorical,
  profileNumeric,
  psi,
} from '../src/evaluate/drift.js'
import { chiSquareHomogeneity } from '../src/evaluate/chi-square.js'

interface Case {
  reference: number[]
  sample: number[]
  sketch: number[]
  edges: number[]
  counts_reference: number[]
  counts_sample: number[]
  psi: number
  ks: number
}
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__', 'drift.json')
interface ChiCase {
  a: number[]
  b: number[]
  statistic: number
  dof: number
  p: number
}
interface DiscreteCase {
  reference: number[]
  sample: number[]
  sketch: number[]
  ks: number
}
let cases: Case[]
let chiCases: ChiCase[]
let discrete: DiscreteCase[]
beforeAll(async () => {
  const fixture = JSON.parse(await fs.readFile(FIXTURE, 'utf8')) as {
    cases: Case[]
    chi_square: ChiCase[]
    discrete: DiscreteCase[]
  }
  ;({ cases, chi_square: chiCases, discrete } = fixture)
})

describe('numeric drift equals numpy / scipy', () => {
  test("a profile's decile edges, bin counts and sketch equal numpy.quantile and searchsorted", () => {
    for (const c of cases) {
      const profile = profileNumeric(Float64Array.from(c.reference))
      expect(profile.edges).toHaveLength(c.edges.length)
      profile.edges.forEach((e, i) => expect(e).toBeCloseTo(c.edges[i]!, 12))
      expect(profile.counts).toEqual(c.counts_reference)
      profile.sketch.forEach((q, i) => expect(q).toBeCloseTo(c.sketch[i]!, 12))
      expect(binCounts(profile.edges, Float64Array.from(c.sample))).toEqual(c.counts_sample)
    }
  })

  test('PSI over the reference deciles equals the numpy computation', () => {
    for (const c of cases) {
      const reference = profileNumeric(Float64Array.from(c.reference))
      const sample = profileNumeric(Float64Array.from(c.sample), reference)
      expect(psi(reference.counts, sample.counts)).toBeCloseTo(c.psi, 12)
    }
    expect(psi([10, 20, 30], [10, 20, 30])).toBe(0)
  })

  test('the two-sample KS statistic equals scipy.stats.ks_2samp, ties included', () => {
    for (const c of cases) {
      expect(ksStatistic(Float64Array.from(c.reference), Float64Array.from(c.sample))).toBeCloseTo(c.ks, 12)
    }
  })

  test('KS against a stored sketch is within its stated 0.01 of the exact statistic on continuous data', () => {
    for (const c of cases.slice(0, 2)) {
      const approx = ksAgainstSketch(c.sketch, Float64Array.from(c.sample))
      expect(Math.abs(approx - c.ks)).toBeLessThanOrEqual(0.01 + 1 / c.reference.length)
    }
  })

  test('KS against a sketch of a discrete feature (ties, a 0/1 flag) is within 0.01 of scipy, 0 for the same mix', () => {
    // The sketch's CDF jumps at tied points: comparing the ECDF with the left limit there once gave 0.49 for
    // two samples of the same 0/1 flag.
    for (const c of discrete) {
      const approx = ksAgainstSketch(c.sketch, Float64Array.from(c.sample))
      expect(Math.abs(approx - c.ks)).toBeLessThanOrEqual(0.01)
    }
    const flag = Float64Array.from({ length: 100 }, (_, i) => i % 2)
    const sketch = profileNumeric(flag).sketch
    expect(ksAgainstSketch(sketch, flag)).toBeLessThanOrEqual(0.01 + 1e-12)
    expect(
      Math.abs(
        ksAgainstSketch(
          sketch,
          Float64Array.from({ length: 10 }, () => 1),
        ) - 0.5,
      ),
    ).toBeLessThanOrEqual(0.01 + 1e-12)
  })

  test('a sketch stored without values (JSON nulls) gives NaN, not a number', () => {
    const stored = JSON.parse(JSON.stringify(profileNumeric(Float64Array.from([NaN, NaN])))) as {
      sketch: number[]
    }
    expect(ksAgainstSketch(stored.sketch, Float64Array.from([1, 2]))).toBeNaN()
  })

  test('missing values (NaN) are counted as missing, not binned', () => {
    const p = profileNumeric(Float64Array.from([1, NaN, 2, 3, NaN]))
    expect(p).toMatchObject({ count: 5, missing: 2, min: 1, max: 3 })
    expect(p.counts.reduce((a, b) => a + b, 0)).toBe(3)
  })
})

describe('categorical drift', () => {
  test('Pearson chi-square statistic, degrees of freedom and p-value equal scipy chi2_contingency(correction=False)', () => {
    for (const c of chiCases) {
      const r = chiSquareHomogeneity(c.a, c.b)
      expect(r.statistic).toBeCloseTo(c.statistic, 10)
      expect(r.dof).toBe(c.dof)
      expect(r.pValue).toBeGreaterThanOrEqual(0)
      expect(Math.abs(r.pValue - c.p)).toBeLessThanOrEqual(1e-12 + 1e-9 * c.p)
    }
    expect(chiSquareHomogeneity([5], [7]).statistic).toBeNaN()
  })

  test('PSI by hand: shares ½/½ → ¼/¾ give ¼·ln 2 + ¼·ln 1.5 (plus the 1e-4 share floor)', () => {
    const e = [0.5 + 1e-4, 0.5 + 1e-4]
    const a = [0.25 + 1e-4, 0.75 + 1e-4]
    const byHand = (a[0]! - e[0]!) * Math.log(a[0]! / e[0]!) + (a[1]! - e[1]!) * Math.log(a[1]! / e[1]!)
    expect(psi([50, 50], [25, 75])).toBeCloseTo(byHand, 14)
    expect(psi([50, 50], [25, 75])).toBeCloseTo(0.25 * Math.log(2) + 0.25 * Math.log(1.5), 3)
  })

  test('PSI over the union of categories: a new category counts as drift, the same mix as none', () => {
    const ref = profileCategorical(['a', 'a', 'b', null])
    expect(ref).toEqual({ kind: 'categorical', count: 4, missing: 1, categories: { a: 2, b: 1 } })
    expect(categoricalPsi(ref, profileCategorical(['b', 'a', 'a']))).toBe(0)
    const shifted = profileCategorical(['a', 'c', 'c', 'c'])
    // by hand: shares a 2/3→1/4, b 1/3→0, c 0→3/4, each + 1e-4
    const e = [2 / 3, 1 / 3, 0].map((v) => v + 1e-4)
    const a = [1 / 4, 0, 3 / 4].map((v) => v + 1e-4)
    const expected = e.reduce((sum, ei, i) => sum + (a[i]! - ei) * Math.log(a[i]! / ei), 0)
    expect(categoricalPsi(ref, shifted)).toBeCloseTo(expected, 12)
    expect(categoricalPsi(ref, shifted)).toBeGreaterThan(0.25)
  })
})
