/**
 * Metric properties that need no sklearn: argsort against a comparator sort, ROC AUC against a brute-force
 * pairwise count, a precomputed order, unit weights, integer weights as row duplication, and input errors.
 */
import { UserError } from '../src/errors.js'
import { argsort } from '../src/util/argsort.js'
import {
  averagePrecision,
  brierScore,
  computeDetails,
  computeMetrics,
  DEFAULT_METRICS,
  logLoss,
  METRICS,
  metricsForTask,
  multiclassMetrics,
  regressionMetrics,
  rocAuc,
  TASKS,
} from '../src/evaluate/metrics.js'
import type { MulticlassMetrics } from '../src/evaluate/metrics.js'
import { mismatch, mismatches } from './metrics-helpers.js'

/** Deterministic pseudo-random numbers for the property tests (no dependency on the fixtures). */
function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296
}
function randomBinary(n: number, seed: number, decimals?: number) {
  const rand = lcg(seed)
  const y = new Uint8Array(n)
  const p = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    y[i] = rand() < 0.4 ? 1 : 0
    const raw = Math.min(1, Math.max(0, rand() * 0.8 + 0.2 * y[i]!))
    p[i] = decimals === undefined ? raw : Math.round(raw * 10 ** decimals) / 10 ** decimals
  }
  return { y, p, rand }
}
/** Bootstrap-style integer counts, zeros included. */
function counts(n: number, rand: () => number): Float64Array {
  const w = new Float64Array(n)
  for (let i = 0; i < n; i++) w[Math.floor(rand() * n)]!++
  return w
}
/** Repeat row i weight[i] times (the meaning integer sample weights must have). */
function duplicate<T extends Uint8Array | Int32Array | Float64Array>(
  values: T,
  weight: Float64Array,
  width = 1,
): T {
  const out: number[] = []
  for (let i = 0; i < weight.length; i++) {
    for (let r = 0; r < weight[i]!; r++) for (let k = 0; k < width; k++) out.push(values[i * width + k]!)
  }
  return (values.constructor as unknown as { from(a: number[]): T }).from(out)
}
function binaryAll(y: Uint8Array, p: Float64Array, w?: Float64Array): Record<string, number> {
  return computeMetrics('binary', y, p, { weight: w, names: metricsForTask('binary'), threshold: 0.45 })
}
function expectSameMetrics(a: Record<string, number>, b: Record<string, number>): void {
  expect(Object.keys(a)).toEqual(Object.keys(b))
  expect(
    Object.keys(a).flatMap((name) => mismatch(name, a[name]!, Number.isNaN(b[name]) ? null : b[name]!)),
  ).toEqual([])
}

describe('argsort', () => {
  test('is ascending and stable, against a comparator sort, with ties, signed zeros and infinities', () => {
    for (const [n, seed] of [
      [0, 1],
      [1, 2],
      [7, 3],
      [1000, 4],
      [70000, 5], // above 2^16 rows: the 16-bit-digit path
    ] as const) {
      const rand = lcg(seed)
      const special = [0, -0, Infinity, -Infinity, -1e-300, 5e-324, -Number.MAX_VALUE]
      const v = Float64Array.from({ length: n }, (_, i) =>
        i % 5 === 0 ? special[i % special.length]! : Math.round((rand() - 0.5) * 200) / 10,
      )
      const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
        v[a]! < v[b]! ? -1 : v[a]! > v[b]! ? 1 : a - b,
      )
      expect(Array.from(argsort(v))).toEqual(expected)
    }
  })
  test('rejects NaN, naming the row', () => {
    expect(() => argsort(Float64Array.from([0.1, NaN, 0.3]))).toThrow(/values\[1\] is NaN/)
    expect(() => argsort(Float64Array.from([NaN]))).toThrow(UserError)
  })
})

describe('properties', () => {
  test('ROC AUC equals the brute-force pairwise count, ties half', () => {
    for (const [seed, decimals] of [
      [11, undefined],
      [12, 1],
      [13, 2],
    ] as const) {
      const { y, p, rand } = randomBinary(300, seed, decimals)
      const w = counts(300, rand)
      let good = 0
      let all = 0
      for (let i = 0; i < 300; i++) {
        for (let j = 0; j < 300; j++) {
          if (y[i] !== 1 || y[j] !== 0) continue
          const pair = w[i]! * w[j]!
          all += pair
          good += pair * (p[i]! > p[j]! ? 1 : p[i] === p[j] ? 0.5 : 0)
        }
      }
      expect(Math.abs(rocAuc(y, p, w) - good / all)).toBeLessThan(1e-12)
    }
  })
  test('a precomputed order gives the same ROC AUC and average precision as sorting inside', () => {
    for (const decimals of [undefined, 1, 2]) {
      const { y, p, rand } = randomBinary(5000, 21, decimals)
      const order = argsort(p)
      for (const w of [undefined, counts(5000, rand)]) {
        expect(rocAuc(y, p, w, order)).toBe(rocAuc(y, p, w))
        expect(averagePrecision(y, p, w, order)).toBe(averagePrecision(y, p, w))
      }
    }
  })
  test('weights of all ones equal no weights', () => {
    const { y, p } = randomBinary(3000, 31, 2)
    expectSameMetrics(binaryAll(y, p, new Float64Array(3000).fill(1)), binaryAll(y, p))
    const labels = Int32Array.from(y, (v, i) => (v + i) % 3)
    const proba = Float64Array.from({ length: 9000 }, (_, i) => p[Math.floor(i / 3)]! * ((i % 3) + 1))
    const ones = new Float64Array(3000).fill(1)
    expectSameMetrics(
      computeMetrics('multiclass', labels, proba, { classes: 3, weight: ones }),
      computeMetrics('multiclass', labels, proba, { classes: 3 }),
    )
    expectSameMetrics(
      computeMetrics(
        'regression',
        p,
        Float64Array.from(p, (v) => v * 0.7 + 0.1),
        { weight: ones },
      ),
      computeMetrics(
        'regression',
        p,
        Float64Array.from(p, (v) => v * 0.7 + 0.1),
      ),
    )
  })
  test('integer weights equal duplicating rows (binary, multiclass, regression)', () => {
    for (const decimals of [undefined, 2]) {
      const { y, p, rand } = randomBinary(2000, 41, decimals)
      const w = counts(2000, rand)
      expect(w.includes(0)).toBe(true)
      expectSameMetrics(binaryAll(y, p, w), binaryAll(duplicate(y, w), duplicate(p, w)))
      const labels = Int32Array.from(y, (v, i) => (v * 2 + i) % 4)
      const proba = Float64Array.from({ length: 8000 }, () => rand())
      const weighted = multiclassMetrics(labels, proba, 4, w)
      const repeated = multiclassMetrics(duplicate(labels, w), duplicate(proba, w, 4), 4)
      const scalars = (m: MulticlassMetrics) => ({
        ...m,
        precision: 0,
        recall: 0,
        f1: 0,
        support: 0,
        confusion: 0,
      })
      expectSameMetrics(scalars(weighted), scalars(repeated))
      for (const name of ['precision', 'recall', 'f1', 'support', 'confusion'] as const) {
        expect(mismatches(name, weighted[name], repeated[name])).toEqual([])
      }
      const pred = Float64Array.from(p, (v) => v + rand() - 0.5)
      expectSameMetrics(
        computeMetrics('regression', p, pred, { weight: w }),
        computeMetrics('regression', duplicate(p, w), duplicate(pred, w)),
      )
    }
  })
  test('computeMetrics values lie in the catalogue range; defaults apply to their task', () => {
    for (const task of TASKS) {
      for (const name of DEFAULT_METRICS[task]) expect(METRICS[name]?.tasks).toContain(task)
    }
    for (const [key, info] of Object.entries(METRICS)) expect(info.name).toBe(key)
    const { y, p } = randomBinary(500, 51)
    const values = binaryAll(y, p)
    for (const [name, v] of Object.entries(values)) {
      const range = METRICS[name]?.range
      expect([name, range !== undefined && v >= range[0] && v <= range[1]]).toEqual([name, true])
    }
  })
  test('computeDetails survives JSON unchanged', () => {
    const { y, p } = randomBinary(200, 61)
    const details = [
      computeDetails('binary', y, p, { threshold: 0.3 }),
      computeDetails(
        'multiclass',
        Int32Array.from(y),
        Float64Array.from({ length: 600 }, (_, i) => p[i % 200]!),
        {
          classes: 3,
        },
      ),
      computeDetails(
        'regression',
        p,
        Float64Array.from(p, (v) => v * 2),
      ),
      computeDetails('regression', p, p, { weight: new Float64Array(200) }),
    ]
    for (const d of details) expect(JSON.parse(JSON.stringify(d))).toEqual(d)
    const regression = details[2]!
    expect(regression.task === 'regression' && regression.maxAbsError).toBeCloseTo(Math.max(...p), 12)
  })
})

describe('bad input', () => {
  const y = Uint8Array.from([0, 1, 1, 0])
  const p = Float64Array.from([0.1, 0.8, 0.6, 0.3])
  test('names the input and row', () => {
    expect(() => rocAuc(Uint8Array.from([0, 2, 1, 0]), p)).toThrow('rocAuc: y[1] is 2; expected 0 or 1')
    expect(() => averagePrecision(y, Float64Array.from([0.1, NaN, 0.6, 0.3]))).toThrow(/NaN/)
    expect(() => logLoss(y, Float64Array.from([0.1, 0.2, NaN, 0.3]))).toThrow('logLoss: p[2] is NaN')
    expect(() => brierScore(y, Float64Array.from([0.1, 1.5, 0.6, 0.3]))).toThrow('brierScore: p[1] is 1.5')
    expect(() => rocAuc(y, p, Float64Array.from([1, -1, 1, 1]))).toThrow('rocAuc: weight[1] is -1')
    expect(() => rocAuc(y, p.subarray(1))).toThrow('rocAuc: score has length 3, expected 4')
    expect(() => multiclassMetrics(Int32Array.from([0, 3]), new Float64Array(6), 3)).toThrow(
      'multiclassMetrics: y[1] is 3; expected a class index in 0..2',
    )
    expect(() => regressionMetrics(Float64Array.from([1, Infinity]), Float64Array.from([1, 2]))).toThrow(
      'regressionMetrics: y[1] is Infinity',
    )
  })
  test('rejects an order that does not sort the scores', () => {
    expect(() => rocAuc(y, p, undefined, Uint32Array.from([0, 1, 2, 3]))).toThrow(
      /order is not an ascending argsort/,
    )
    expect(() => averagePrecision(y, p, undefined, Uint32Array.from([0, 1, 2, 3]))).toThrow(/order is not/)
  })
  test('metric names must exist and fit the task', () => {
    expect(() => computeMetrics('regression', p, p, { names: ['roc_auc'] })).toThrow(
      'metric does not apply to a regression task: "roc_auc"; for regression use one of rmse, mae, r2',
    )
    expect(() => computeMetrics('binary', y, p, { names: ['auc'] })).toThrow(/unknown metric "auc"/)
    expect(() => computeMetrics('multiclass', Int32Array.from(y), p, {})).toThrow(/opts.classes/)
    expect(() => computeMetrics('binary', Int32Array.from(y), p)).toThrow(/Uint8Array/)
  })
})
