/**
 * Exact McNemar p-values against exact integer binomial sums (fixture) and an independent log-gamma sum
 * written here; Newcombe's interval against the published worked example and a statsmodels-based fixture.
 */
import { readFileSync } from 'node:fs'
import { UserError } from '../src/errors.js'
import {
  binomialLowerTail,
  binomialPmf,
  exactMcNemarPValue,
  stirlingError,
} from '../src/gate/stats/binomial.js'
import { mcnemarPaired, newcombePairedInterval, wilsonInterval } from '../src/gate/stats/mcnemar.js'

function load<T>(file: string): T {
  return JSON.parse(readFileSync(`${process.cwd()}/__fixtures__/stats/${file}`, 'utf8')) as T
}
const binomial = load<{
  mcnemar: { b: number; c: number; pValue: number; scipyBinomtest: number }[]
  pmf: { x: number; n: number; p: number; pmf: number }[]
}>('binomial.json')
const newcombe = load<{
  cases: { a: number; b: number; c: number; d: number; confidence: number; lower: number; upper: number }[]
}>('newcombe.json')

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected)
}

/** Independent oracle: 2·Σ_{j ≤ min(b,c)} C(n, j)/2ⁿ with log-factorials as sums of logs and log-sum-exp. */
function logGammaMcNemar(b: number, c: number): number {
  const n = b + c
  if (n === 0) return 1
  // Kahan-compensated running sum, so log n! is accurate to a few ulp (~1e-11 absolute at n = 10⁴).
  const logFactorial = new Float64Array(n + 1)
  let sum = 0
  let carry = 0
  for (let i = 1; i <= n; i++) {
    const term = Math.log(i) - carry
    const next = sum + term
    carry = next - sum - term
    sum = next
    logFactorial[i] = sum
  }
  const terms: number[] = []
  for (let j = 0; j <= Math.min(b, c); j++) {
    terms.push(logFactorial[n]! - logFactorial[j]! - logFactorial[n - j]! - n * Math.LN2)
  }
  const max = Math.max(...terms)
  const logTail = max + Math.log(terms.reduce((acc, t) => acc + Math.exp(t - max), 0))
  return Math.min(1, 2 * Math.exp(logTail))
}

/** Rows realising a paired table: a both right, b only A right, c only B right, d both wrong. */
function rows(a: number, b: number, c: number, d: number) {
  const correctA = Uint8Array.from([...Array<number>(a + b).fill(1), ...Array<number>(c + d).fill(0)])
  const correctB = Uint8Array.from([
    ...Array<number>(a).fill(1),
    ...Array<number>(b).fill(0),
    ...Array<number>(c).fill(1),
    ...Array<number>(d).fill(0),
  ])
  return { correctA, correctB }
}

describe('exact McNemar p-value', () => {
  it('equals exact integer binomial sums (fixture) to 1e-12 relative, and scipy binomtest to 1e-11', () => {
    for (const { b, c, pValue, scipyBinomtest } of binomial.mcnemar) {
      const ours = exactMcNemarPValue(b, c)
      expect({
        b,
        c,
        exact: relativeError(ours, pValue) < 1e-12,
        scipy: relativeError(ours, scipyBinomtest) < 1e-11,
      }).toEqual({
        b,
        c,
        exact: true,
        scipy: true,
      })
    }
  })

  it('equals an independent log-gamma summation on a grid of (b, c)', () => {
    const grid = [
      [0, 5],
      [1, 1],
      [4, 9],
      [7, 30],
      [100, 140],
      [333, 250],
      [1200, 1300],
      [5000, 4700],
      [25, 700],
    ]
    for (const [b, c] of grid as [number, number][]) {
      // The oracle's log n! carries ~1e-11 absolute error, i.e. ~1e-11 relative in p; 1e-9 leaves margin
      // and is still far below any real defect (a wrong tail term or off-by-one changes p by > 1e-4).
      expect({ b, c, ok: relativeError(exactMcNemarPValue(b, c), logGammaMcNemar(b, c)) < 1e-9 }).toEqual({
        b,
        c,
        ok: true,
      })
    }
  })

  it('is 1 with no discordant pairs or b = c, and symmetric in b and c', () => {
    expect(exactMcNemarPValue(0, 0)).toBe(1)
    expect(exactMcNemarPValue(17, 17)).toBe(1)
    expect(exactMcNemarPValue(3, 11)).toBe(exactMcNemarPValue(11, 3))
    expect(exactMcNemarPValue(0, 10)).toBe(2 / 1024) // 2·(½)¹⁰, hand-computed
  })

  it('binomial pmf and tails match mpmath', () => {
    for (const { x, n, p, pmf } of binomial.pmf)
      expect({ x, n, ok: relativeError(binomialPmf(x, n, p), pmf) < 1e-13 }).toEqual({ x, n, ok: true })
    // P(X ≤ 3), X ~ Bin(10, ½) = (1 + 10 + 45 + 120)/1024
    expect(binomialLowerTail(3, 10, 0.5)).toBeCloseTo(176 / 1024, 15)
    // P(X ≤ 1), X ~ Bin(20, 0.05) = 0.95²⁰ + 20·0.05·0.95¹⁹
    expect(binomialLowerTail(1, 20, 0.05)).toBeCloseTo(0.95 ** 20 + 20 * 0.05 * 0.95 ** 19, 14)
  })

  it('stirlingError takes integers n >= 0 only (its exact table covers n <= 15)', () => {
    // ln(1!) − ln(√(2π)·e⁻¹) = 1 − ln√(2π), closed form
    expect(stirlingError(1)).toBeCloseTo(1 - 0.5 * Math.log(2 * Math.PI), 15)
    expect(() => stirlingError(2.5)).toThrow(RangeError)
    expect(() => stirlingError(-1)).toThrow(/n is -1; expected an integer >= 0/)
  })
})

describe('Newcombe (1998) method 10 interval', () => {
  it('reproduces the published worked example (Cavo et al. 2012 data)', () => {
    // Fagerland, Lydersen & Laake, "Statistical Analysis of Contingency Tables" (2017), ch. 8, Newcombe
    // square-and-add interval for the paired table [[59, 6], [16, 80]]: estimate −0.0621, 95% CI −0.1186 to
    // −0.0046 (as printed by the book's R package `contingencytables`, whose tests pin these numbers).
    const { correctA, correctB } = rows(59, 6, 16, 80)
    const r = mcnemarPaired(correctA, correctB)
    expect(r.diff).toBeCloseTo(-0.0621, 4)
    expect(r.lower).toBeCloseTo(-0.1186, 4)
    expect(r.upper).toBeCloseTo(-0.0046, 4)
    expect([r.b, r.c, r.n]).toEqual([6, 16, 161])
    // The exact conditional McNemar test for the same table (Fagerland et al. report p = 0.052):
    expect(r.pValue).toBeCloseTo(0.052478790283203125, 15)
  })

  it('matches a statsmodels-Wilson-based implementation on varied tables (fixture) to 1e-12', () => {
    expect(newcombe.cases.length).toBeGreaterThan(40)
    for (const { a, b, c, d, confidence, lower, upper } of newcombe.cases) {
      const r = newcombePairedInterval(a, b, c, d, confidence)
      expect({
        a,
        b,
        c,
        d,
        confidence,
        lower: Math.abs(r.lower - lower) < 1e-12,
        upper: Math.abs(r.upper - upper) < 1e-12,
      }).toEqual({
        a,
        b,
        c,
        d,
        confidence,
        lower: true,
        upper: true,
      })
    }
  })

  it('stays in [−1, 1] and contains the estimate', () => {
    for (const [a, b, c, d] of [
      [0, 10, 0, 0],
      [0, 0, 10, 0],
      [3, 0, 0, 0],
      [0, 1, 0, 0],
      [50, 1, 2, 3],
    ] as const) {
      const { lower, upper } = newcombePairedInterval(a, b, c, d)
      const theta = (b - c) / (a + b + c + d)
      expect(lower).toBeGreaterThanOrEqual(-1)
      expect(upper).toBeLessThanOrEqual(1)
      expect(lower).toBeLessThanOrEqual(theta)
      expect(upper).toBeGreaterThanOrEqual(theta)
    }
  })

  it('Wilson interval matches the closed form for 3 of 10 at 95%', () => {
    // Hand-computed: centre (3 + z²/2)/(10 + z²), half-width z·√(3·7/10 + z²/4)/(10 + z²), z = 1.959963984540054
    const z = 1.959963984540054
    const { lower, upper } = wilsonInterval(3, 10, z)
    expect(lower).toBeCloseTo(0.10779126740630108, 14)
    expect(upper).toBeCloseTo(0.6032218525388498, 14)
  })
})

describe('mcnemarPaired', () => {
  it('treats integer weights as row multiplicities', () => {
    const correctA = Uint8Array.from([1, 1, 0, 0])
    const correctB = Uint8Array.from([1, 0, 1, 0])
    const weighted = mcnemarPaired(correctA, correctB, Int32Array.from([30, 12, 5, 3]))
    const expanded = mcnemarPaired(rows(30, 12, 5, 3).correctA, rows(30, 12, 5, 3).correctB)
    expect(weighted).toEqual(expanded)
    expect(weighted).toMatchObject({ b: 12, c: 5, n: 50, accA: 42 / 50, accB: 35 / 50 })
    // Wald se, hand-computed: sqrt(12 + 5 − 7²/50)/50
    expect(weighted.se).toBeCloseTo(Math.sqrt(17 - 49 / 50) / 50, 15)
  })

  it('names the problem for bad input', () => {
    const a = Uint8Array.from([1, 0])
    expect(() => mcnemarPaired(a, Uint8Array.from([1]))).toThrow(UserError)
    expect(() => mcnemarPaired(a, Uint8Array.from([1]))).toThrow(
      'mcnemarPaired: correctA has 2 rows but correctB has 1; they must be the same rows',
    )
    expect(() => mcnemarPaired(a, Uint8Array.from([1, 2]))).toThrow(
      'mcnemarPaired: correctB[1] is 2; expected 0 or 1',
    )
    expect(() => mcnemarPaired(a, a, [1, 0.5])).toThrow(
      'mcnemarPaired: weight[1] is 0.5; weights must be non-negative integers (row multiplicities)',
    )
    expect(() => mcnemarPaired(a, a, [0, 0])).toThrow(/no rows/)
    expect(() => mcnemarPaired(a, a, undefined, 1.5)).toThrow(/confidence must be/)
  })
})
