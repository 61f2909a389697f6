import type { ModelSpec } from '../config/load-spec.js'
import { encodeTargets, selectFeatures, type Dataset } from '../data/dataset.js'
import { fitPreprocessor, transform } from '../data/preprocess.js'
import { computeMetrics, METRICS } from '../evaluate/metrics.js'
import { predictNet } from '../train/forward.js'
import { trainModel } from '../train/train.js'
import { silentLogger } from '../util/logger.js'
import { Rng } from '../util/rng.js'
import type { PairedEstimate } from './paired.js'
import { correctedResampledT } from './stats/nadeau-bengio.js'

/**
 * Comparing SPECS instead of two fitted models: R repetitions of K-fold cross-fitting over all labelled rows
 * (training + eval). In every fold both specs are trained on the same training rows and scored on the same
 * held-out rows; the per-fold differences of a metric go into Nadeau and Bengio's corrected resampled t
 * interval (stats/nadeau-bengio.ts), whose variance correction accounts for the overlapping training sets.
 * Every labelled row is a test row once per repetition, so the comparison uses R·N scored rows instead of
 * the eval split's share — the evidence the eval split alone cannot give on a few hundred rows.
 */

export interface CrossfitPlan {
  folds: number
  repeats: number
  seed: number
}

/** Trains a spec on table rows and predicts other table rows (n, or n × classes). */
export type FitPredict = (
  which: 'challenger' | 'champion',
  trainRows: Uint32Array,
  testRows: Uint32Array,
  split: number,
) => Float64Array

export interface CrossfitSplits {
  splits: { train: Uint32Array; test: Uint32Array }[]
}

/** R shuffles of the rows, each cut into K folds: fold k is the test set of split r·K + k. */
export function crossfitSplits(rows: Uint32Array, plan: CrossfitPlan): CrossfitSplits {
  const splits: CrossfitSplits['splits'] = []
  for (let r = 0; r < plan.repeats; r++) {
    const order = new Rng(plan.seed * 7919 + r).shuffle(rows.slice())
    const size = Math.ceil(order.length / plan.folds)
    for (let k = 0; k < plan.folds; k++) {
      const test = order.slice(k * size, (k + 1) * size).sort()
      const inTest = new Set(test)
      splits.push({ train: rows.filter((row) => !inTest.has(row)), test })
    }
  }
  return { splits }
}

export interface CrossfitEstimate extends PairedEstimate {
  df: number
  /** Labelled rows the folds cover. */
  rows: number
  /** The per-split differences challenger − champion, in split order (repeat by repeat). */
  diffs: number[]
}

/**
 * Per metric, the corrected resampled t estimate of challenger − champion (raw orientation, like
 * PairedEstimate) over the splits. The challenger's own CI is not estimated here (floors stay on the eval
 * split): challengerLower/Upper/Se are NaN.
 */
export function crossfitEstimates(options: {
  metrics: string[]
  splits: CrossfitSplits
  fit: FitPredict
  score: (testRows: Uint32Array, predictions: Float64Array, metric: string) => number
  confidence: number
  trainShare?: number
}): Record<string, CrossfitEstimate> {
  const { metrics, splits, fit, score, confidence } = options
  const per: Record<string, { a: number[]; b: number[] }> = {}
  for (const m of metrics) per[m] = { a: [], b: [] }
  splits.splits.forEach(({ train, test }, j) => {
    const challenger = fit('challenger', train, test, j)
    const champion = fit('champion', train, test, j)
    for (const m of metrics) {
      per[m]!.a.push(score(test, challenger, m))
      per[m]!.b.push(score(test, champion, m))
    }
  })
  const first = splits.splits[0]!
  const rows = first.train.length + first.test.length
  const out: Record<string, CrossfitEstimate> = {}
  for (const m of metrics) {
    const { a, b } = per[m]!
    const diffs = a.map((v, i) => v - b[i]!)
    const nb = correctedResampledT({
      diffs,
      trainRows: Math.round(first.train.length * (options.trainShare ?? 1)),
      testRows: first.test.length,
      confidence,
    })
    const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length
    out[m] = {
      champion: mean(b),
      challenger: mean(a),
      diff: nb.mean,
      lower: nb.lower,
      upper: nb.upper,
      se: nb.se,
      df: nb.df,
      method: 'crossfit',
      challengerLower: Number.NaN,
      challengerUpper: Number.NaN,
      challengerSe: Number.NaN,
      rows,
      diffs,
    }
  }
  return out
}

/**
 * The product's cross-fitting comparison: the current spec and the champion's stored spec (its model,
 * features and preprocessing settings), each retrained on every split of the current labelled rows.
 */
export function crossfitSpecs(options: {
  spec: ModelSpec
  championSpec: ModelSpec
  dataset: Dataset
  metrics: string[]
  plan: CrossfitPlan
}): Record<string, CrossfitEstimate> {
  const { spec, championSpec, dataset } = options
  const table = dataset.train.table
  const rows = Uint32Array.from([...dataset.train.rows, ...dataset.eval.rows]).sort()
  const classes = dataset.target.classes.length
  const featuresOf = { challenger: dataset.features, champion: selectFeatures(championSpec, table, rows) }
  const specOf = { challenger: spec, champion: championSpec }
  const fit: FitPredict = (which, train, test) => {
    const s = specOf[which]
    const pre = fitPreprocessor(table, train, featuresOf[which], s.data)
    const x = transform(pre, table, train)
    const { net } = trainModel(
      s.model,
      { x: x.x, n: x.n, d: x.d, y: encodeTargets(dataset.target, table, train), task: spec.task, classes },
      silentLogger,
    )
    const t = transform(pre, table, test)
    return predictNet(net, t.x, t.n)
  }
  const score = (test: Uint32Array, pred: Float64Array, metric: string): number =>
    computeMetrics(spec.task, encodeTargets(dataset.target, table, test), pred, {
      classes,
      threshold: spec.threshold,
      names: [metric],
    })[metric]!
  return crossfitEstimates({
    metrics: options.metrics.filter((m) => METRICS[m] !== undefined),
    splits: crossfitSplits(rows, options.plan),
    fit,
    score,
    confidence: spec.gate.confidence,
  })
}
