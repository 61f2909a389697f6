/**
 * Fast DeLong (midranks, Sun & Xu 2014) against a brute-force O(m·n) implementation of DeLong's structural
 * components written here, against R pROC on its aSAH data, and against sklearn's AUC (committed fixture).
 */
import { readFileSync } from 'node:fs'
import { UserError } from '../src/errors.js'
import { delongPaired, delongPlacements, delongVariance } from '../src/gate/stats/delong.js'
import { criticalValue, normalCdf } from '../src/gate/stats/normal.js'

/** Deterministic test data (mulberry32). */
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

/** DeLong 1988 by definition: ψ kernel over all positive/negative pairs, sample covariances. */
function bruteForceDelong(y: Uint8Array, scores: Float64Array[]) {
  const pos: number[] = []
  const neg: number[] = []
  y.forEach((v, i) => (v === 1 ? pos : neg).push(i))
  const m = pos.length
  const n = neg.length
  const psi = (x: number, z: number) => (x > z ? 1 : x === z ? 0.5 : 0)
  const v10 = scores.map((s) => pos.map((i) => neg.reduce((acc, j) => acc + psi(s[i]!, s[j]!), 0) / n))
  const v01 = scores.map((s) => neg.map((j) => pos.reduce((acc, i) => acc + psi(s[i]!, s[j]!), 0) / m))
  const auc = v10.map((v) => v.reduce((a, b) => a + b, 0) / m)
  const mean01 = v01.map((v) => v.reduce((a, b) => a + b, 0) / n)
  const cov = (r: number, c: number) => {
    let s10 = 0
    for (let i = 0; i < m; i++) s10 += (v10[r]![i]! - auc[r]!) * (v10[c]![i]! - auc[c]!)
    let s01 = 0
    for (let j = 0; j < n; j++) s01 += (v01[r]![j]! - mean01[r]!) * (v01[c]![j]! - mean01[c]!)
    return s10 / (m - 1) / m + s01 / (n - 1) / n
  }
  return { auc, v10, v01, varA: cov(0, 0), varB: cov(1, 1), cov: cov(0, 1) }
}

function randomCase(seed: number, n: number, prevalence: number, decimals: number | null) {
  const r = rng(seed)
  const y = new Uint8Array(n)
  const a = new Float64Array(n)
  const b = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    y[i] = r() < prevalence ? 1 : 0
    const shared = r()
    a[i] = y[i]! * 0.4 + shared + 0.5 * r()
    b[i] = y[i]! * 0.25 + shared + 0.7 * r()
    if (decimals !== null) {
      a[i] = Math.round(a[i]! * 10 ** decimals) / 10 ** decimals
      b[i] = Math.round(b[i]! * 10 ** decimals) / 10 ** decimals
    }
  }
  return { y, a, b }
}

describe('delongPaired against brute-force structural components', () => {
  const cases = [
    { seed: 1, n: 40, prevalence: 0.5, decimals: 0 }, // heavy ties: integer-valued scores
    { seed: 2, n: 200, prevalence: 0.3, decimals: 1 },
    { seed: 3, n: 300, prevalence: 0.1, decimals: 2 },
    { seed: 4, n: 250, prevalence: 0.7, decimals: null }, // continuous
    { seed: 5, n: 12, prevalence: 0.5, decimals: 0 },
  ]
  it.each(cases)(
    'seed $seed, n $n, prevalence $prevalence, decimals $decimals',
    ({ seed, n, prevalence, decimals }) => {
      const { y, a, b } = randomCase(seed, n, prevalence, decimals)
      const fast = delongPaired(y, a, b)
      const ref = bruteForceDelong(y, [a, b])
      expect(fast.aucA).toBeCloseTo(ref.auc[0]!, 13)
      expect(fast.aucB).toBeCloseTo(ref.auc[1]!, 13)
      expect(Math.abs(fast.varA - ref.varA)).toBeLessThan(1e-15 + 1e-12 * ref.varA)
      expect(Math.abs(fast.varB - ref.varB)).toBeLessThan(1e-15 + 1e-12 * ref.varB)
      expect(Math.abs(fast.cov - ref.cov)).toBeLessThan(1e-15 + 1e-12 * Math.abs(ref.cov))
      // Placements themselves, row by row (positives then negatives in row order).
      const placements = delongPlacements(y, a)
      ref.v10[0]!.forEach((v, i) => expect(placements.v10[i]).toBeCloseTo(v, 14))
      ref.v01[0]!.forEach((v, j) => expect(placements.v01[j]).toBeCloseTo(v, 14))
    },
  )

  it('derives se, z, p and the interval from the covariance matrix', () => {
    const { y, a, b } = randomCase(9, 150, 0.4, 1)
    const r = delongPaired(y, a, b, 0.9)
    expect(r.diff).toBe(r.aucA - r.aucB)
    expect(r.se).toBeCloseTo(Math.sqrt(r.varA + r.varB - 2 * r.cov), 15)
    expect(r.z).toBeCloseTo(r.diff / r.se, 12)
    expect(r.pValue).toBeCloseTo(2 * normalCdf(-Math.abs(r.z)), 14)
    expect(r.lower).toBeCloseTo(r.diff - criticalValue(0.9) * r.se, 14)
    expect(r.upper).toBeCloseTo(r.diff + criticalValue(0.9) * r.se, 14)
    expect(delongVariance(y, a).variance).toBeCloseTo(r.varA, 16)
    expect(delongVariance(y, b).auc).toBe(r.aucB)
  })
})

describe('delongPaired against R pROC 1.19.1 on aSAH', () => {
  // pROC::aSAH (Turck et al. 2010), 113 patients, y = outcome == "Poor". Typed from the dataset shipped with
  // pROC; reference values from auc(), var(), cov() and roc.test(method = "delong") as printed by pROC 1.19.1
  // (R 4.4.1). The rounded result Z = −2.209, p = 0.02718 for s100b vs wfns is the example in pROC's own
  // roc.test documentation. wfns is a 5-level score, so this exercises heavy ties.
  // prettier-ignore
  const y = Uint8Array.from([0,0,0,0,1,1,0,1,0,0,1,0,1,1,0,0,1,0,1,1,1,0,1,0,0,0,0,0,0,0,0,0,1,0,0,1,1,0,1,1,0,0,0,0,0,0,0,0,0,1,1,0,0,0,1,0,0,0,1,0,1,0,0,1,1,1,0,1,1,0,1,1,1,1,0,0,0,1,1,0,1,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,0,0,0,1,0,0,0])
  // prettier-ignore
  const s100b = Float64Array.from([0.13,0.14,0.1,0.04,0.13,0.1,0.47,0.16,0.18,0.1,0.12,0.1,0.44,0.71,0.04,0.08,0.49,0.04,0.07,0.33,0.09,0.09,0.07,0.11,0.07,0.17,0.07,0.11,0.13,0.19,0.05,0.16,0.41,0.14,0.34,0.35,0.48,0.09,0.96,0.25,0.5,0.46,0.16,0.07,0.43,0.45,0.11,0.08,0.09,0.86,0.52,0.08,0.06,0.13,2.07,0.1,0.14,0.15,0.07,0.06,0.77,0.05,0.09,0.3,0.03,0.09,0.04,0.23,0.7,0.09,0.27,0.71,0.08,0.26,0.08,0.16,0.09,0.13,0.1,0.08,0.11,0.33,0.11,0.28,0.07,0.1,0.32,0.22,0.07,0.05,0.24,0.38,0.1,0.15,0.08,0.14,0.1,0.07,0.04,0.19,0.56,0.14,0.58,0.32,0.82,0.74,0.15,0.47,0.17,0.44,0.15,0.5,0.48])
  // prettier-ignore
  const wfns = Float64Array.from([1,1,1,1,3,2,5,4,1,2,5,2,5,5,1,2,5,2,2,5,2,1,1,1,1,2,1,2,1,1,3,4,2,1,4,5,4,1,4,2,5,5,1,1,2,4,1,1,2,5,5,2,1,2,5,1,2,2,2,1,5,1,1,2,5,2,1,4,5,2,4,4,1,4,1,2,1,4,2,1,2,3,2,4,2,1,4,5,1,1,5,4,2,2,1,1,1,3,1,2,5,2,2,5,5,5,2,4,4,5,1,1,1])
  // prettier-ignore
  const ndka = Float64Array.from([3.01,8.54,8.09,10.42,17.4,12.75,6.0,13.2,15.54,6.01,15.96,17.86,5.18,8.9,13.41,20.75,11.6,16.11,32.37,54.82,32.41,49.94,40.34,9.47,6.29,12.53,6.54,6.3,80.3,12.8,9.8,9.81,9.85,18.21,5.03,14.04,21.93,8.02,7.42,8.38,6.59,9.63,13.12,7.96,14.34,41.43,7.63,7.06,12.59,13.56,3.87,9.44,7.66,12.98,419.19,27.19,22.27,9.95,21.22,11.73,10.4,58.83,6.39,11.09,12.22,13.67,17.21,22.63,12.9,9.7,21.57,8.23,72.57,15.54,10.51,10.6,14.57,5.19,9.63,4.61,21.48,17.3,12.71,9.44,11.07,19.46,10.83,5.37,11.97,7.75,9.83,10.55,28.49,8.53,12.57,12.9,46.83,11.68,12.67,9.01,9.57,34.06,11.72,14.26,47.61,11.67,24.58,10.33,13.87,15.89,22.43,6.79,13.45])

  it('has the dataset typed correctly (113 rows, 41 poor outcomes)', () => {
    expect([y.length, s100b.length, wfns.length, ndka.length]).toEqual([113, 113, 113, 113])
    expect(y.reduce((a, b) => a + b, 0)).toBe(41)
  })

  it('reproduces auc, var, cov and the DeLong test for s100b vs wfns', () => {
    const r = delongPaired(y, s100b, wfns)
    expect(r.aucA).toBeCloseTo(0.73136856368563685, 14)
    expect(r.aucB).toBeCloseTo(0.82367886178861793, 14)
    expect(r.varA / 0.0026686824571724378).toBeCloseTo(1, 11)
    expect(r.varB / 0.0014699147088236264).toBeCloseTo(1, 11)
    expect(r.cov / 0.0011961556737675448).toBeCloseTo(1, 11)
    expect(r.z / -2.2089835914409077).toBeCloseTo(1, 11)
    expect(r.pValue / 0.02717578222918815).toBeCloseTo(1, 10)
  })

  it('reproduces the DeLong test for s100b vs ndka', () => {
    const r = delongPaired(y, s100b, ndka)
    expect(r.aucB).toBeCloseTo(0.61195799457994582, 14)
    expect(r.varB / 0.0031908105493913021).toBeCloseTo(1, 11)
    expect(r.cov / -0.00075616493805657884).toBeCloseTo(1, 11)
    expect(r.z / 1.3907700257355771).toBeCloseTo(1, 11)
    expect(r.pValue / 0.16429517522305448).toBeCloseTo(1, 10)
  })
})

describe('AUC against sklearn roc_auc_score', () => {
  interface AucCase {
    y: number[]
    score: number[]
    auc: number
  }
  const fixture = JSON.parse(readFileSync(`${process.cwd()}/__fixtures__/stats/auc.json`, 'utf8')) as {
    cases: AucCase[]
  }
  it.each(fixture.cases.map((c, i) => ({ ...c, i })))('case $i', ({ y, score, auc }) => {
    expect(delongVariance(Uint8Array.from(y), Float64Array.from(score)).auc).toBeCloseTo(auc, 14)
  })
})

describe('degenerate and invalid input', () => {
  const a = Float64Array.from([0.1, 0.4, 0.35, 0.8])
  it('throws a UserError naming the class counts when a class is missing or has one row', () => {
    expect(() => delongPaired(Uint8Array.from([1, 1, 1, 1]), a, a)).toThrow(UserError)
    expect(() => delongPaired(Uint8Array.from([1, 1, 1, 1]), a, a)).toThrow(
      'delongPaired: y has 4 positive and 0 negative row(s); AUC and its DeLong variance need at least 2 rows of each class',
    )
    expect(() => delongVariance(Uint8Array.from([0, 1, 0, 0]), a)).toThrow(/1 positive and 3 negative/)
  })

  it('names the row of a NaN score, a bad label and a length mismatch', () => {
    const y = Uint8Array.from([0, 1, 0, 1])
    expect(() => delongPaired(y, a, Float64Array.from([0.1, Number.NaN, 0.2, 0.3]))).toThrow(
      'delongPaired: scoreB[1] is NaN; every row needs a score',
    )
    expect(() => delongPaired(Uint8Array.from([0, 2, 0, 1]), a, a)).toThrow(
      'delongPaired: y[1] is 2; labels must be 0 or 1',
    )
    expect(() => delongPaired(y, a, a.subarray(0, 3))).toThrow(/scoreB has 3 rows but y has 4/)
    expect(() => delongPaired(y, a, a, 95)).toThrow(/confidence must be a number strictly between 0 and 1/)
  })

  it('reports an exactly known difference (se = 0) without NaN', () => {
    const { y, a: s } = randomCase(21, 100, 0.4, 1)
    const monotone = s.map((v) => Math.exp(3 * v)) // same ranking, same placements
    const r = delongPaired(y, s, monotone)
    expect(r).toMatchObject({ diff: 0, se: 0, z: 0, pValue: 1, lower: 0, upper: 0 })
    expect(r.aucA).toBe(r.aucB)
  })

  it('handles ±Infinity scores as extreme ranks', () => {
    const y = Uint8Array.from([0, 0, 1, 1, 0, 1])
    const s = Float64Array.from([-Infinity, 0.2, Infinity, 0.5, 0.6, 0.3])
    const ref = bruteForceDelong(y, [s, s])
    expect(delongVariance(y, s).auc).toBeCloseTo(ref.auc[0]!, 15)
  })
})
