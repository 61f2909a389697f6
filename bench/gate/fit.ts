import type { ModelSpec } from '../../src/config/load-spec.js'
import { encodeTargets, type Dataset } from '../../src/data/dataset.js'
import { fitPreprocessor, transform, type Preprocessor } from '../../src/data/preprocess.js'
import { computeMetrics, METRICS } from '../../src/evaluate/metrics.js'
import { predictNet } from '../../src/train/forward.js'
import { trainModel } from '../../src/train/train.js'
import { silentLogger } from '../../src/util/logger.js'
import { Rng } from '../../src/util/rng.js'

/**
 * In-process training for the gate harness: the pipeline's own preprocessing, trainers and forward pass,
 * without a store. Every model is trained on its own seeded draw of the rows it is given (preprocessing
 * refitted on it, as a real retrain would), so two "harmless" models differ by the seed and by the draw.
 */

/** A training-time regression: a share of the training rows get these features' values from a random row. */
export interface Corruption {
  /** Features in order; the first `Math.floor(strength)` are shuffled in every row, the next in a share. */
  features: string[]
  strength: number
}

/** A seeded draw without replacement of `share` of `rows`, sorted. */
export function draw(rows: Uint32Array, share: number, seed: number): Uint32Array {
  const all = new Rng(seed ^ 0x5bd1e995).shuffle(rows.slice())
  return all.slice(0, Math.max(1, Math.round(share * rows.length))).sort()
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
 * Trains the spec on a seeded `share` draw of `trainRows` (table rows), with the corruption applied to the
 * training matrix, and returns its predictions on each set of `scoreRows`.
 */
export function fitRows(
  spec: ModelSpec,
  dataset: Dataset,
  trainRows: Uint32Array,
  options: { seed: number; share: number; corruption: Corruption | null },
  scoreRows: Uint32Array[],
): Float64Array[] {
  const table = dataset.train.table
  const rows = draw(trainRows, options.share, options.seed)
  const pre = fitPreprocessor(table, rows, dataset.features, spec.data)
  const train = transform(pre, table, rows)
  if (options.corruption) {
    const blocks = featureBlocks(pre)
    const rng = new Rng(options.seed * 31 + 7)
    const { features, strength } = options.corruption
    features.forEach((name, k) => {
      const share = Math.min(1, Math.max(0, strength - k))
      if (share > 0) shuffleBlock(train.x, train.n, train.d, blocks.get(name)!, share, rng)
    })
  }
  const { net } = trainModel(
    { ...spec.model, seed: options.seed },
    {
      x: train.x,
      n: train.n,
      d: train.d,
      y: encodeTargets(dataset.target, table, rows),
      task: spec.task,
      classes: dataset.target.classes.length,
    },
    silentLogger,
  )
  return scoreRows.map((r) => {
    const x = transform(pre, table, r)
    return predictNet(net, x.x, x.n)
  })
}

/** The key metric of predictions on table rows. */
export function metricOn(
  spec: ModelSpec,
  dataset: Dataset,
  rows: Uint32Array,
  pred: Float64Array,
  metric: string,
): number {
  return computeMetrics(spec.task, encodeTargets(dataset.target, dataset.train.table, rows), pred, {
    classes: dataset.target.classes.length,
    threshold: spec.threshold,
    names: [metric],
  })[metric]!
}

/**
 * Features ordered by permutation importance on `rows` (drop of the metric when the feature's block is fully
 * shuffled), for a model trained on those rows.
 */
export function featuresByImportance(
  spec: ModelSpec,
  dataset: Dataset,
  rows: Uint32Array,
  metric: string,
  seed: number,
): { name: string; drop: number }[] {
  const table = dataset.train.table
  const pre = fitPreprocessor(table, rows, dataset.features, spec.data)
  const train = transform(pre, table, rows)
  const classes = dataset.target.classes.length
  const y = encodeTargets(dataset.target, table, rows)
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
