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
let cases: Case[]
beforeAll(async () => {
  cases = (JSON.parse(await fs.readFile(FIXTURE, 'utf8')) as { cases: Case[] }).cases
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

  test('missing values (NaN) are counted as missing, not binned', () => {
    const p = profileNumeric(Float64Array.from([1, NaN, 2, 3, NaN]))
    expect(p).toMatchObject({ count: 5, missing: 2, min: 1, max: 3 })
    expect(p.counts.reduce((a, b) => a + b, 0)).toBe(3)
  })
})

describe('categorical drift', () => {
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
