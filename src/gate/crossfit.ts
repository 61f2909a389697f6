import type { ModelSpec } from '../config/load-spec.js'
import { encodeTargets, selectFeatures, type Dataset } from '../data/dataset.js'
import { fitPreprocessor, transform } from '../data/preprocess.js'
import { computeMetrics, METRICS } from '../evaluate/metrics.js'
import { predictNet } from '../train/forward.js'
import { trainModel } from '../train/train.js'
import { silentLogger } from '../util/logger.js'
import { Rng } from '../util/rng.js'
import type { PairedEstimate } from './paired.js'
import { seedReplicatedT } from './stats/nadeau-bengio.js'

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
  /** Fits of each spec per split, each with its own seed (1 for deterministic trainers). */
  seeds: number
  seed: number
}

/**
 * Trains a spec on table rows and predicts other table rows (n, or n × classes); `seed` is the index (0-based)
 * of the split's fit, the same for both specs so that a seed-sensitive trainer pairs like with like.
 */
export type FitPredict = (
  which: 'challenger' | 'champion',
  trainRows: Uint32Array,
  testRows: Uint32Array,
  split: number,
  seed: number,
) => Float64Array

export interface CrossfitSplits {
  splits: { train: Uint32Array; test: Uint32Array }[]
}

/** Distance between the seeds of a split's fits (model seeds are small integers in specs). */
export const SEED_STRIDE = 100_003

/** R shuffles of the rows, each cut into K folds: fold k is the test set of split r·K + k. */
export function crossfitSplits(
  rows: Uint32Array,
  plan: Pick<CrossfitPlan, 'folds' | 'repeats' | 'seed'>,
): CrossfitSplits {
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
  /** The per-split differences challenger − champion (the mean over the split's seeds), in split order. */
  diffs: number[]
  /** Fits per spec and split. With ≥ 2, the variance of Δ̄ is split into the part of the rows and the seeds'. */
  seeds: number
  /** Var(a) and Var(e) of stats/nadeau-bengio.ts's seedReplicatedT (NaN with one seed). */
  splitVariance: number
  seedVariance: number
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
  /** Fits per spec and split (default 1). */
  seeds?: number
  trainShare?: number
}): Record<string, CrossfitEstimate> {
  const { metrics, splits, fit, score, confidence } = options
  const seeds = options.seeds ?? 1
  // per[metric].a[j][s]: the challenger's metric on split j with seed s; b the champion's.
  const per: Record<string, { a: number[][]; b: number[][] }> = {}
  for (const m of metrics) per[m] = { a: [], b: [] }
  splits.splits.forEach(({ train, test }, j) => {
    for (const m of metrics) {
      per[m]!.a.push([])
      per[m]!.b.push([])
    }
    for (let s = 0; s < seeds; s++) {
      const challenger = fit('challenger', train, test, j, s)
      const champion = fit('champion', train, test, j, s)
      for (const m of metrics) {
        per[m]!.a[j]!.push(score(test, challenger, m))
        per[m]!.b[j]!.push(score(test, champion, m))
      }
    }
  })
  const first = splits.splits[0]!
  const rows = first.train.length + first.test.length
  const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length
  const out: Record<string, CrossfitEstimate> = {}
  for (const m of metrics) {
    const { a, b } = per[m]!
    const seedDiffs = a.map((split, j) => split.map((v, s) => v - b[j]![s]!))
    const nb = seedReplicatedT({
      diffs: seedDiffs,
      trainRows: Math.round(first.train.length * (options.trainShare ?? 1)),
      testRows: first.test.length,
      confidence,
    })
    out[m] = {
      champion: mean(b.map(mean)),
      challenger: mean(a.map(mean)),
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
      diffs: seedDiffs.map(mean),
      seeds,
      splitVariance: nb.splitVariance,
      seedVariance: nb.seedVariance,
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
  const fit: FitPredict = (which, train, test, split, seed) => {
    const s = specOf[which]
    const pre = fitPreprocessor(table, train, featuresOf[which], s.data)
    const x = transform(pre, table, train)
    // Every (split, seed) fit gets its own seed, the same offset for both specs: the seed noise is then
    // independent across splits, as seedReplicatedT assumes (one seed shared by all splits could favour one
    // spec on every split). The first fit keeps the spec's own seed.
    const offset = (split * options.plan.seeds + seed) * SEED_STRIDE
    const { net } = trainModel(
      offset === 0 ? s.model : { ...s.model, seed: s.model.seed + offset },
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
    seeds: options.plan.seeds,
    fit,
    score,
    confidence: spec.gate.confidence,
  })
}
