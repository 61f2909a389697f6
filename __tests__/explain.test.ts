/**
 * Explanations against scikit-learn (__fixtures__/importance.json from scripts/fixtures/importance_fixtures.py):
 * permutation importance on sklearn's own shuffles equals sklearn's permutation_importance (ROC AUC and log
 * loss, so the sign of a lower-is-better metric is checked too); exact linear SHAP equals numpy's
 * w·(x − E[x]) summed per one-hot group, and base + Σ φ is the logit.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RawTable } from '../src/data/csv.js'
import type { Preprocessor } from '../src/data/preprocess.js'
import {
  compareImportance,
  importanceFromPermutations,
  permutationImportance,
} from '../src/evaluate/importance.js'
import { linearShap, shapSummary, trainingMeans } from '../src/evaluate/shap.js'
import { profileCategorical } from '../src/evaluate/drift.js'
import type { Scorer } from '../src/train/family.js'
import { Rng } from '../src/util/rng.js'

interface Fixture {
  columns: string[]
  data: Record<string, (number | string)[]>
  y: number[]
  categories: string[]
  coef: number[]
  intercept: number
  permutations: number[][]
  importance: Record<string, { mean: number[]; std: number[]; importances: number[][] }>
  shap: { base: number; rows: number[][]; logit: number[]; means: number[] }
}
const FIXTURE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '__fixtures__',
  'importance.json',
)
let fx: Fixture
let table: RawTable
let y: Uint8Array
let rows: Uint32Array
beforeAll(async () => {
  fx = JSON.parse(await fs.readFile(FIXTURE, 'utf8')) as Fixture
  const n = fx.y.length
  table = {
    header: [...fx.columns, 'label'],
    columns: [...fx.columns.map((c) => fx.data[c]!.map(String)), fx.y.map(String)],
    rowCount: n,
    sources: [{ file: 'fixture.csv', firstRow: 0, rowCount: n, lines: null }],
    sha256: '',
  }
  y = Uint8Array.from(fx.y)
  rows = Uint32Array.from({ length: n }, (_, i) => i)
})

/** The fixture's pipeline (raw numbers, one-hot colour, sklearn's coefficients) as a modelgate Scorer. */
function sklearnScorer(calls: number[]): Scorer {
  return {
    runtime: 'test',
    dispose: () => {},
    score: (t, r) => {
      calls.push(r.length)
      const col = (name: string) => t.columns[t.header.indexOf(name)]!
      const p = Float64Array.from(r, (i) => {
        let z = fx.intercept
        for (let j = 0; j < 3; j++) z += fx.coef[j]! * Number(col(fx.columns[j]!)[i])
        z += fx.coef[3 + fx.categories.indexOf(col('color')[i]!)]!
        return 1 / (1 + Math.exp(-z))
      })
      return Promise.resolve({ predictions: p, notes: { imputed: {}, unseen: {} } })
    },
  }
}

function input(metric: string, scorer: Scorer) {
  return {
    scorer,
    table,
    rows,
    y,
    task: 'binary' as const,
    classes: 2,
    threshold: 0.5,
    metric,
    features: fx.columns,
    seed: 11,
  }
}

describe('permutation importance equals scikit-learn on the same shuffles', () => {
  test.each([
    ['roc_auc', 'roc_auc'],
    ['log_loss', 'neg_log_loss'],
  ])(
    '%s: every repeat, mean and sd (ddof 0) equal permutation_importance(scoring=%s)',
    async (metric, scoring) => {
      const perms = fx.permutations.map((p) => Uint32Array.from(p))
      const calls: number[] = []
      const result = await importanceFromPermutations(
        input(metric, sklearnScorer(calls)),
        fx.columns.map(() => perms),
      )
      const oracle = fx.importance[scoring]!
      fx.columns.forEach((name, j) => {
        const f = result.features.find((x) => x.feature === name)!
        f.drops.forEach((d, k) => expect(d).toBeCloseTo(oracle.importances[j]![k]!, 12))
        expect(f.mean).toBeCloseTo(oracle.mean[j]!, 12)
        expect(f.sd).toBeCloseTo(oracle.std[j]!, 12)
      })
      // Sorted by importance: x1 (the strongest coefficient) first, the irrelevant x3 last or near zero.
      expect(result.features[0]!.feature).toBe('x1')
      // One scoring call for the baseline and one per feature (its repeats stacked), whatever the family.
      expect(calls).toEqual([300, ...fx.columns.map(() => 300 * perms.length)])
    },
  )

  test('seeded draws through the Rng: the same seed gives the same importances, another seed others', async () => {
    const run = (seed: number) => permutationImportance(input('roc_auc', sklearnScorer([])), new Rng(seed), 3)
    const [a, b, c] = await Promise.all([run(1), run(1), run(2)])
    expect(a).toEqual(b)
    expect(a.features.map((f) => f.mean)).not.toEqual(c.features.map((f) => f.mean))
    expect(a.repeats).toBe(3)
  })

  test('compareImportance ranks both sides and lists features only the champion had', () => {
    const mk = (features: [string, number][]) => ({
      method: 'permutation' as const,
      metric: 'roc_auc',
      baseline: 0.8,
      repeats: 1,
      seed: 0,
      rows: 10,
      features: features.map(([feature, mean]) => ({ feature, mean, sd: 0, drops: [mean] })),
    })
    expect(
      compareImportance(
        mk([
          ['a', 0.2],
          ['b', 0.1],
        ]),
        mk([
          ['b', 0.3],
          ['c', 0.05],
        ]),
      ),
    ).toEqual([
      { feature: 'a', challenger: 0.2, champion: null, challengerRank: 1, championRank: null },
      { feature: 'b', challenger: 0.1, champion: 0.3, challengerRank: 2, championRank: 1 },
      { feature: 'c', challenger: null, champion: 0.05, challengerRank: null, championRank: 2 },
    ])
  })
})

describe('exact linear SHAP', () => {
  /** modelgate preprocessing with scale 1 and the training means: the same model in standardised inputs. */
  function preprocessor(): Preprocessor {
    return {
      version: 1,
      features: [
        ...fx.columns
          .slice(0, 3)
          .map((name, j) => ({ name, kind: 'numeric' as const, fill: 0, mean: fx.shap.means[j]!, scale: 1 })),
        { name: 'color', kind: 'categorical', fill: 'red', categories: fx.categories },
      ],
      missing: { numeric: 'median', categorical: 'most_frequent' },
      unseenCategory: 'zeros',
      outputColumns: [...fx.columns.slice(0, 3), ...fx.categories.map((c) => `color=${c}`)],
    }
  }

  test('per-row values equal numpy w·(x − mean) summed per one-hot group; base + Σ φ = the logit', () => {
    const pre = preprocessor()
    // In inputs x − mean the same model's intercept absorbs w·mean of the numeric columns.
    const shift = fx.coef.slice(0, 3).reduce((s, w, j) => s + w * fx.shap.means[j]!, 0)
    const weights = {
      kernel: Float64Array.from(fx.coef),
      bias: Float64Array.from([fx.intercept + shift]),
      inputs: 6,
      units: 1,
    }
    const means = trainingMeans(pre, { color: profileCategorical(table.columns[3]!) })
    fx.shap.means.slice(3).forEach((m, j) => expect(means[3 + j]).toBeCloseTo(m, 14))
    const explained = linearShap(weights, pre, means, table, rows.subarray(0, 5), {
      task: 'binary',
      classes: ['0', '1'],
    })
    explained.forEach((r, i) => {
      expect(r.base).toBeCloseTo(fx.shap.base, 12)
      fx.columns.forEach((name, j) =>
        expect(r.contributions.find((c) => c.feature === name)!.contribution).toBeCloseTo(
          fx.shap.rows[i]![j]!,
          12,
        ),
      )
      expect(r.value).toBeCloseTo(fx.shap.logit[i]!, 12)
      expect(r.base + r.contributions.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(
        fx.shap.logit[i]!,
        12,
      )
      expect(r.output).toBe('logit of P(1)')
      // Largest |φ| first.
      const sizes = r.contributions.map((c) => Math.abs(c.contribution))
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a))
    })
    const summary = shapSummary(explained)
    expect(summary.rows).toBe(5)
    expect(summary.features[0]!.meanAbs).toBeGreaterThanOrEqual(summary.features.at(-1)!.meanAbs)
  })
})
