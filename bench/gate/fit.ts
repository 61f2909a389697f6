import type { ModelSpec } from '../../src/config/load-spec.js'
import { encodeTargets, type Dataset, type Targets } from '../../src/data/dataset.js'
import { fitPreprocessor, transform, type Preprocessor } from '../../src/data/preprocess.js'
import { computeMetrics, METRICS } from '../../src/evaluate/metrics.js'
import { predictNet } from '../../src/train/forward.js'
import { trainModel } from '../../src/train/train.js'
import { silentLogger } from '../../src/util/logger.js'
import { Rng } from '../../src/util/rng.js'

/**
 * In-process training for the gate harness: the pipeline's own preprocessing, trainers and forward pass,
 * without a store. Every model is trained on its own subsample of the training rows (preprocessing refitted
 * on it, as a real retrain would), so two "harmless" models differ by the seed and by the data draw.
 */

/** A training-time regression: a share of the training rows get these features' values from a random row. */
export interface Corruption {
  /** Features in order; the first `Math.floor(strength)` are shuffled in every row, the next in a share. */
  features: string[]
  strength: number
}

export interface FitPlan {
  seed: number
  /** Share of the training rows drawn (without replacement) for this model. */
  share: number
  corruption: Corruption | null
}

/** Positions (into dataset.train) of a seeded subsample without replacement, sorted. */
export function subsample(n: number, share: number, seed: number): Uint32Array {
  const all = new Rng(seed ^ 0x5bd1e995).shuffle(Uint32Array.from({ length: n }, (_, i) => i))
  return all.slice(0, Math.max(1, Math.round(share * n))).sort()
}

export function pickTargets(y: Targets, positions: Uint32Array): Targets {
  const out =
    y instanceof Uint8Array
      ? new Uint8Array(positions.length)
      : y instanceof Int32Array
        ? new Int32Array(positions.length)
        : new Float64Array(positions.length)
  for (let i = 0; i < positions.length; i++) out[i] = y[positions[i]!]!
  return out
}

/** Output-column block [offset, offset + width) of each raw feature after preprocessing. */
export function featureBlocks(pre: Preprocessor): Map<string, { offset: number; width: number }> {
  const blocks = new Map<string, { offset: number; width: number }>()
  let offset = 0
  for (const f of pre.features) {
    const width = f.kind === 'numeric' ? 1 : f.categories.length
    blocks.set(f.name, { offset, width })
    offset += width
  }
  return blocks
}

/** Replace a feature's block in a share of rows by the block of a uniformly drawn other row (a broken join). */
export function shuffleBlock(
  x: Float64Array,
  n: number,
  d: number,
  block: { offset: number; width: number },
  share: number,
  rng: Rng,
): void {
  const source = x.slice()
  for (let i = 0; i < n; i++) {
    if (rng.next() >= share) continue
    const j = rng.int(n)
    for (let k = 0; k < block.width; k++) x[i * d + block.offset + k] = source[j * d + block.offset + k]!
  }
}

/**
 * The trial's own eval set: when the spec splits one table, all its rows are pooled and a seeded random
 * eval set of the spec's size is drawn, the rest is the training pool. Drawing the eval rows anew in every
 * trial is what makes the rates over trials comparable with the gate's CIs, which are statements over eval
 * draws. `evalSize` overrides the spec's eval size. With a separate eval file the eval rows stay fixed.
 */
export function trialDataset(
  dataset: Dataset,
  seed: number,
  evalSize?: number,
): { dataset: Dataset; fixedEval: boolean } {
  if (dataset.train.table !== dataset.eval.table) return { dataset, fixedEval: true }
  const pool = new Rng(seed ^ 0x27d4eb2f).shuffle(
    Uint32Array.from([...dataset.train.rows, ...dataset.eval.rows]),
  )
  const size = evalSize ?? dataset.eval.rows.length
  if (size >= pool.length)
    throw new Error(`an eval set of ${size} rows leaves no training rows (${pool.length} rows in all)`)
  const evalRows = pool.slice(0, size).sort()
  const trainRows = pool.slice(size).sort()
  const { table } = dataset.train
  return {
    dataset: {
      ...dataset,
      train: { table, rows: trainRows, y: encodeTargets(dataset.target, table, trainRows) },
      eval: { table, rows: evalRows, y: encodeTargets(dataset.target, table, evalRows) },
    },
    fixedEval: false,
  }
}

export interface FittedModel {
  /** Predictions on the eval rows (n, or n × classes for multiclass). */
  eval: Float64Array
}

export function fitAndScore(spec: ModelSpec, dataset: Dataset, plan: FitPlan): FittedModel {
  const positions = subsample(dataset.train.rows.length, plan.share, plan.seed)
  const rows = positions.map((p) => dataset.train.rows[p]!)
  const pre = fitPreprocessor(dataset.train.table, rows, dataset.features, spec.data)
  const train = transform(pre, dataset.train.table, rows)
  if (plan.corruption) {
    const blocks = featureBlocks(pre)
    const rng = new Rng(plan.seed * 31 + 7)
    const { features, strength } = plan.corruption
    features.forEach((name, k) => {
      const share = Math.min(1, Math.max(0, strength - k))
      if (share > 0) shuffleBlock(train.x, train.n, train.d, blocks.get(name)!, share, rng)
    })
  }
  const classes = dataset.target.classes.length
  const { net } = trainModel(
    { ...spec.model, seed: plan.seed },
    {
      x: train.x,
      n: train.n,
      d: train.d,
      y: pickTargets(dataset.train.y, positions),
      task: spec.task,
      classes,
    },
    silentLogger,
  )
  const ev = transform(pre, dataset.eval.table, dataset.eval.rows)
  return { eval: predictNet(net, ev.x, ev.n) }
}

/**
 * Features ordered by permutation importance on the training rows (drop of the key metric when the
 * feature's block is fully shuffled), for a model trained on all training rows. Uses no eval rows.
 */
export function featuresByImportance(
  spec: ModelSpec,
  dataset: Dataset,
  metric: string,
  seed: number,
): { name: string; drop: number }[] {
  const positions = Uint32Array.from({ length: dataset.train.rows.length }, (_, i) => i)
  const rows = dataset.train.rows
  const pre = fitPreprocessor(dataset.train.table, rows, dataset.features, spec.data)
  const train = transform(pre, dataset.train.table, rows)
  const classes = dataset.target.classes.length
  const y = pickTargets(dataset.train.y, positions)
  const { net } = trainModel(
    { ...spec.model, seed },
    { x: train.x, n: train.n, d: train.d, y, task: spec.task, classes },
    silentLogger,
  )
  const score = (x: Float64Array): number =>
    computeMetrics(spec.task, y, predictNet(net, x, train.n), {
      classes,
      threshold: spec.threshold,
      names: [metric],
    })[metric]!
  const base = score(train.x)
  const sign = METRICS[metric]!.higherIsBetter ? 1 : -1
  const out: { name: string; drop: number }[] = []
  for (const [name, block] of featureBlocks(pre)) {
    const x = train.x.slice()
    shuffleBlock(x, train.n, train.d, block, 1, new Rng(seed + 17))
    out.push({ name, drop: sign * (base - score(x)) })
  }
  return out.sort((a, b) => b.drop - a.drop)
}
