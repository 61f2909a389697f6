/**
 * Training against scikit-learn: modelgate's data pipeline and trainers on the two example models and on
 * synthetic data, checked against committed fixtures from scripts/fixtures/model_fixtures.py (sklearn 1.2.1),
 * which re-implements the split and uses sklearn's own imputers, scaler, one-hot encoder and estimators.
 *
 * Tolerances:
 * - split and categories: identical; imputation values, means and scales: 1e-9 relative.
 * - logistic/ridge: both sides minimise the same objective (mean loss + ||w||²/(2Cn)), so the oracle is the
 *   exact minimiser (Newton's method in sklearn; sklearn's own lbfgs stops on scipy's relative-decrease test
 *   1e-8 above the churn minimum, coefficients 1.5e-3 off, and is recorded only for its AUC and objective).
 *   The default tol (1e-4 on the summed loss's gradient, scikit-learn's criterion) reaches the minimum; a loose
 *   tol keeps the AUC; tol 1e-10 pins the coefficients.
 *   Our L-BFGS stops on the same kind of test, so its coefficients are as close as its objective gap Δf
 *   allows: |θ − θ*|₂ ≤ √(2 Δf / λ_min) with λ_min the Hessian's smallest eigenvalue (4.1e-5 for churn: the
 *   one-hot columns of a feature sum to the intercept column, so the valley is nearly flat).
 * - MLP: a different random stream and early-stopping rule, so only the eval AUC is compared: within 0.005
 *   of sklearn's mean over 10 seeds.
 */
import { readFileSync } from 'node:fs'
import { loadSpec, type ModelSpec } from '../src/config/load-spec.js'
import type { LinearConfig } from '../src/config/spec-schema.js'
import { transform, type Preprocessor } from '../src/data/preprocess.js'
import { hashString } from '../src/data/values.js'
import { computeMetrics } from '../src/evaluate/metrics.js'
import { prepareData, type Prepared } from '../src/pipeline/prepare.js'
import { predictNet } from '../src/train/forward.js'
import { fitLinear, type TrainingData } from '../src/train/linear.js'
import type { DenseNet } from '../src/train/model-types.js'
import { trainModel } from '../src/train/train.js'
import { silentLogger } from '../src/util/logger.js'

type FeatureStats =
  | { name: string; kind: 'numeric'; fill: number; mean: number; scale: number }
  | { name: string; kind: 'categorical'; fill: string; categories: string[] }
interface ExampleFixture {
  sklearn: string
  train_count: number
  eval_rows: number[]
  inputs: number
  preprocessing: FeatureStats[]
}
interface LogisticFit {
  coef: number[]
  intercept: number
  objective: number
  eval_proba?: number[]
  eval_roc_auc: number
  hessian_min_eigenvalue?: number
}
interface ChurnFixture extends ExampleFixture {
  logistic: { C: number; exact: Required<LogisticFit>; lbfgs: LogisticFit }
}
interface MlpRuns {
  runs: { random_state: number; eval_roc_auc: number; epochs: number }[]
  mean_eval_roc_auc: number
}
interface CreditFixture extends ExampleFixture {
  mlp: { accuracy_stopping: MlpRuns; loss_stopping: MlpRuns }
}
interface SyntheticCase {
  name: string
  task: TrainingData['task']
  classes: number
  n: number
  d: number
  x: number[]
  y: number[]
  C: number
  alpha: number
  /** Row-major classes × d (1 × d for binary and regression), as sklearn's coef_. */
  coef: number[]
  intercept: number[]
}

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(`${process.cwd()}/__fixtures__/models/${name}`, 'utf8')) as T
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length)
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!))
  return m
}

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2
  return Math.sqrt(s)
}

/** Every statistic of the fitted preprocessing against sklearn's SimpleImputer/StandardScaler/OneHotEncoder. */
function expectSameStatistics(pre: Preprocessor, expected: ExampleFixture): void {
  expect(pre.features.map((f) => `${f.name}:${f.kind}`)).toEqual(
    expected.preprocessing.map((f) => `${f.name}:${f.kind}`),
  )
  const close = (label: string, actual: number | null, want: number): void => {
    if (actual === null || Math.abs(actual - want) > 1e-9 * Math.max(1, Math.abs(want))) {
      throw new Error(`${label}: ${actual} differs from sklearn's ${want}`)
    }
  }
  pre.features.forEach((state, i) => {
    const want = expected.preprocessing[i]!
    if (state.kind === 'numeric' && want.kind === 'numeric') {
      close(`${state.name} median`, state.fill, want.fill)
      close(`${state.name} mean`, state.mean, want.mean)
      close(`${state.name} scale`, state.scale, want.scale)
    } else if (state.kind === 'categorical' && want.kind === 'categorical') {
      expect({ name: state.name, fill: state.fill, categories: state.categories }).toEqual({
        name: want.name,
        fill: want.fill,
        categories: want.categories,
      })
    }
  })
  expect(pre.outputColumns).toHaveLength(expected.inputs)
}

async function prepareExample(
  name: string,
): Promise<{ spec: ModelSpec; prepared: Prepared; evalX: Float64Array }> {
  const spec = await loadSpec(`${process.cwd()}/models/${name}`)
  const prepared = await prepareData(spec)
  const { eval: evalSet } = prepared.dataset
  return { spec, prepared, evalX: transform(prepared.preprocessor, evalSet.table, evalSet.rows).x }
}

function evalAuc(
  prepared: Prepared,
  net: DenseNet,
  evalX: Float64Array,
): { auc: number; proba: Float64Array } {
  const proba = predictNet(net, evalX, prepared.dataset.eval.rows.length)
  return {
    auc: computeMetrics('binary', prepared.dataset.eval.y, proba, { names: ['roc_auc'] }).roc_auc!,
    proba,
  }
}

describe('churn (logistic regression) against scikit-learn', () => {
  const expected = fixture<ChurnFixture>('churn.json')
  const { exact, lbfgs: sklearnLbfgs } = expected.logistic
  const theta = [...exact.coef, exact.intercept]
  let spec: ModelSpec
  let prepared: Prepared
  let evalX: Float64Array
  beforeAll(async () => {
    ;({ spec, prepared, evalX } = await prepareExample('churn'))
  })

  test('the hash split puts exactly the same rows in the eval set', () => {
    expect(Array.from(prepared.dataset.eval.rows)).toEqual(expected.eval_rows)
    expect(prepared.dataset.train.rows.length).toBe(expected.train_count)
  })

  test('preprocessing statistics equal sklearn’s (1e-9)', () => {
    expectSameStatistics(prepared.preprocessor, expected)
  })

  test('with the spec’s settings (tol 1e-4 on the summed loss, as sklearn) it reaches the minimum, below sklearn’s lbfgs objective', () => {
    if (spec.model.type !== 'logistic' && spec.model.type !== 'linear')
      throw new Error('models/churn is expected to be a logistic model')
    expect(spec.model.tol).toBe(1e-4)
    const { net, summary } = trainModel(spec.model, prepared.training, silentLogger)
    expect(summary.converged).toBe(true)
    const gap = summary.finalLoss - exact.objective
    // Measured: Δf = 3.5e-13 (120 iterations); sklearn's lbfgs stops 1.0e-8 above the minimum.
    expect(gap).toBeGreaterThan(-1e-13)
    expect(gap).toBeLessThanOrEqual(1e-9)
    expect(summary.finalLoss).toBeLessThan(sklearnLbfgs.objective)
    const layer = net.layers[0]!
    const fitted = [...layer.kernel, layer.bias[0]!]
    expect(distance(fitted, theta)).toBeLessThanOrEqual(
      Math.sqrt((2 * Math.max(gap, 1e-15)) / exact.hessian_min_eigenvalue) * 1.01,
    )
    expect(maxAbsDiff(fitted, theta)).toBeLessThanOrEqual(2e-4) // measured 1.1e-4
    const { auc, proba } = evalAuc(prepared, net, evalX)
    expect(maxAbsDiff(proba, exact.eval_proba)).toBeLessThanOrEqual(1e-6) // measured 2.9e-7
    expect(Math.abs(auc - exact.eval_roc_auc)).toBeLessThanOrEqual(1e-9) // measured 1e-16
    expect(Math.abs(auc - sklearnLbfgs.eval_roc_auc)).toBeLessThanOrEqual(1e-4) // measured 2.6e-6
  })

  test('a loose tol (1) stops in the flat valley of the one-hot columns, yet keeps sklearn’s AUC', () => {
    if (spec.model.type !== 'logistic' && spec.model.type !== 'linear')
      throw new Error('models/churn is expected to be a logistic model')
    const { net, summary } = fitLinear(prepared.training, { ...spec.model, tol: 1 }, silentLogger)
    const gap = summary.finalLoss - exact.objective
    // Measured: Δf = 1.5e-4 after 20 iterations; coefficients 1.7 off along the direction where each
    // feature's one-hot columns trade off against the intercept, probabilities 0.015 off, AUC 8.6e-5 off.
    expect(gap).toBeGreaterThan(0)
    expect(gap).toBeLessThanOrEqual(1e-3)
    const layer = net.layers[0]!
    expect(distance([...layer.kernel, layer.bias[0]!], theta)).toBeLessThanOrEqual(
      Math.sqrt((2 * gap) / exact.hessian_min_eigenvalue) * 1.01,
    )
    const { auc, proba } = evalAuc(prepared, net, evalX)
    expect(maxAbsDiff(proba, exact.eval_proba)).toBeLessThanOrEqual(0.05)
    expect(Math.abs(auc - exact.eval_roc_auc)).toBeLessThanOrEqual(1e-3)
  })

  test('with tol 1e-10 the coefficients match the minimiser to 2e-4 and the probabilities to 1e-6', () => {
    if (spec.model.type !== 'logistic' && spec.model.type !== 'linear')
      throw new Error('models/churn is expected to be a logistic model')
    const { net, summary } = fitLinear(prepared.training, { ...spec.model, tol: 1e-10 }, silentLogger)
    const gap = summary.finalLoss - exact.objective
    expect(gap).toBeLessThanOrEqual(1e-12) // measured 3.5e-13 (stopped by the 64-eps relative-decrease test)
    const layer = net.layers[0]!
    const fitted = [...layer.kernel, layer.bias[0]!]
    // Measured: weights 1.5e-5, intercept 1.1e-4 (the flattest direction); the bound √(2Δf/λ_min) is 1.3e-4.
    expect(distance(fitted, theta)).toBeLessThanOrEqual(
      Math.sqrt((2 * Math.max(gap, 1e-15)) / exact.hessian_min_eigenvalue) * 1.01,
    )
    expect(maxAbsDiff(fitted, theta)).toBeLessThanOrEqual(2e-4)
    expect(maxAbsDiff(evalAuc(prepared, net, evalX).proba, exact.eval_proba)).toBeLessThanOrEqual(1e-6) // measured 3.2e-7
  })
})

describe('credit (MLP) against scikit-learn', () => {
  const expected = fixture<CreditFixture>('credit.json')
  let spec: ModelSpec
  let prepared: Prepared
  let evalX: Float64Array
  beforeAll(async () => {
    ;({ spec, prepared, evalX } = await prepareExample('credit'))
  })

  test('the hash split puts exactly the same rows in the eval set', () => {
    expect(Array.from(prepared.dataset.eval.rows)).toEqual(expected.eval_rows)
    expect(prepared.dataset.train.rows.length).toBe(expected.train_count)
  })

  test('preprocessing statistics, with imputed medians and most frequent categories, equal sklearn’s (1e-9)', () => {
    expectSameStatistics(prepared.preprocessor, expected)
  })

  test('the example MLP’s eval AUC is within 0.005 of sklearn MLPClassifier’s mean over 10 seeds', () => {
    const { net } = trainModel(spec.model, prepared.training, silentLogger)
    const { auc } = evalAuc(prepared, net, evalX)
    // sklearn early-stops on validation accuracy, modelgate on validation log-loss (both restore the best
    // epoch). The same MLPClassifier stopped by modelgate's rule is the like-for-like reference: measured
    // 0.84659 (seed 42) vs 0.84317 mean, 0.0034 apart. Stock sklearn (accuracy rule, mean 0.83961) stops
    // earlier and scores lower: 0.0070 below this model, so that side is checked one-sided (not worse).
    expect(Math.abs(auc - expected.mlp.loss_stopping.mean_eval_roc_auc)).toBeLessThanOrEqual(0.005)
    expect(auc).toBeGreaterThanOrEqual(expected.mlp.accuracy_stopping.mean_eval_roc_auc - 0.005)
  })
})

describe('synthetic linear models against scikit-learn', () => {
  const { cases } = fixture<{ cases: SyntheticCase[] }>('synthetic.json')

  test('the row hash equals the Python re-implementation beyond ASCII (accents, CJK, surrogate pairs)', () => {
    const { hash_examples: examples } = fixture<{
      hash_examples: { text: string; seed: number; hash: number }[]
    }>('synthetic.json')
    expect(examples.map((e) => hashString(e.text, e.seed))).toEqual(examples.map((e) => e.hash))
  })

  function fit(c: SyntheticCase, tol: number): { coef: Float64Array; intercept: Float64Array } {
    const y =
      c.task === 'binary'
        ? Uint8Array.from(c.y)
        : c.task === 'multiclass'
          ? Int32Array.from(c.y)
          : Float64Array.from(c.y)
    const data: TrainingData = {
      x: Float64Array.from(c.x),
      n: c.n,
      d: c.d,
      y,
      task: c.task,
      classes: c.classes,
    }
    const config: LinearConfig = {
      type: c.task === 'regression' ? 'linear' : 'logistic',
      C: c.C,
      alpha: c.alpha,
      max_iter: 10000,
      tol,
      seed: 0,
    }
    const layer = fitLinear(data, config, silentLogger).net.layers[0]!
    // Our kernel is d × k (inputs × units); sklearn's coef_ is k × d.
    const k = layer.units
    const coef = new Float64Array(k * c.d)
    for (let j = 0; j < c.d; j++) for (let q = 0; q < k; q++) coef[q * c.d + j] = layer.kernel[j * k + q]!
    return { coef, intercept: layer.bias }
  }

  function worst(actual: Float64Array, want: number[]): number {
    let m = 0
    for (let i = 0; i < want.length; i++)
      m = Math.max(m, Math.abs(actual[i]! - want[i]!) / Math.max(1, Math.abs(want[i]!)))
    return m
  }

  test.each(cases.map((c) => [c.name, c]))(
    '%s: coefficients match (tol 1e-10: 1e-6; tol 1e-6: 1e-4)',
    (_, c) => {
      // Relative to max(1, |coef|): ridge coefficients are in the target's units. Measured worst cases:
      // 4.4e-7 at tol 1e-10 (multinomial, 4 classes) and 1.7e-5 at tol 1e-6.
      const tight = fit(c, 1e-10)
      expect(worst(tight.coef, c.coef)).toBeLessThanOrEqual(1e-6)
      expect(worst(tight.intercept, c.intercept)).toBeLessThanOrEqual(1e-6)
      const loose = fit(c, 1e-6)
      expect(worst(loose.coef, c.coef)).toBeLessThanOrEqual(1e-4)
      expect(worst(loose.intercept, c.intercept)).toBeLessThanOrEqual(1e-4)
    },
  )

  test('the fixture covers binary, multinomial (3 and 4 classes) and ridge including alpha = 0', () => {
    expect(cases.filter((c) => c.task === 'binary').map((c) => c.C)).toEqual([0.1, 10])
    expect(cases.filter((c) => c.task === 'multiclass').map((c) => c.classes)).toEqual([3, 4])
    expect(cases.filter((c) => c.task === 'regression').map((c) => c.alpha)).toContain(0)
  })
})
