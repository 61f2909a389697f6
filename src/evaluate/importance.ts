import type { RawTable } from '../data/csv.js'
import type { Targets } from '../data/dataset.js'
import type { Scorer } from '../train/family.js'
import type { FeatureImportance, ImportanceChange, ImportanceResult } from '../types/explain.js'
import type { Rng } from '../util/rng.js'
import { computeMetrics, METRICS, type Task } from './metrics.js'

/**
 * Permutation importance (Breiman 2001; scikit-learn's `permutation_importance`): shuffle one feature's
 * values across the eval rows, re-score, and take the metric's drop. Works through the Scorer interface, so
 * every family (tfjs, ONNX, a user's predict command) is explained the same way; each feature's repeats are
 * scored in one call on a table that stacks the permuted copies, so a family with a per-call cost (a process)
 * pays it once per feature.
 */

export interface ImportanceInput {
  scorer: Scorer
  table: RawTable
  rows: Uint32Array
  y: Targets
  task: Task
  classes: number
  threshold: number
  metric: string
  /** Raw feature columns to permute, in model order. */
  features: readonly string[]
  seed: number
}

export const DEFAULT_REPEATS = 5
/** Eval rows used at most (a seeded subsample above it), so that importance stays a small share of a run. */
export const DEFAULT_MAX_ROWS = 2000

/** Positions of the eval rows importance uses: all, or a seeded subsample of `maxRows` (in row order). */
export function importancePositions(n: number, maxRows: number, rng: Rng): Uint32Array {
  const all = Uint32Array.from({ length: n }, (_, i) => i)
  return n <= maxRows ? all : rng.shuffle(all).subarray(0, maxRows).sort()
}

/** A table of `blocks` copies of the given rows; in copy b, column `permuted` reads row perms[b][i] instead of i. */
function stackedTable(
  table: RawTable,
  rows: Uint32Array,
  permuted: string | null,
  perms: readonly Uint32Array[],
): RawTable {
  const n = rows.length
  const blocks = Math.max(1, perms.length)
  const columns = table.header.map((name, c) => {
    const source = table.columns[c]!
    const out = new Array<string>(n * blocks)
    for (let b = 0; b < blocks; b++) {
      const perm = name === permuted ? perms[b] : undefined
      for (let i = 0; i < n; i++) out[b * n + i] = source[rows[perm ? perm[i]! : i]!]!
    }
    return out
  })
  const rowCount = n * blocks
  return {
    header: table.header,
    columns,
    rowCount,
    sources: [{ file: '(permuted eval rows)', firstRow: 0, rowCount, lines: null }],
    sha256: '',
  }
}

function allRows(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i)
}

function metricOf(input: ImportanceInput, predictions: Float64Array): number {
  return computeMetrics(input.task, input.y, predictions, {
    classes: input.classes,
    threshold: input.threshold,
    names: [input.metric],
  })[input.metric]!
}

/**
 * Importance with given permutations: `perms[f][r]` is repeat r's order of the rows for feature f (row i of
 * the permuted column reads row perms[f][r][i]). The fixture test passes scikit-learn's own shuffles.
 */
export async function importanceFromPermutations(
  input: ImportanceInput,
  perms: readonly (readonly Uint32Array[])[],
): Promise<ImportanceResult> {
  const n = input.rows.length
  const width = input.task === 'multiclass' ? input.classes : 1
  const base = await input.scorer.score(stackedTable(input.table, input.rows, null, []), allRows(n))
  const baseline = metricOf(input, base.predictions)
  const sign = (METRICS[input.metric]?.higherIsBetter ?? true) ? 1 : -1
  const features: FeatureImportance[] = []
  for (let f = 0; f < input.features.length; f++) {
    const feature = input.features[f]!
    const repeats = perms[f]!
    const stacked = stackedTable(input.table, input.rows, feature, repeats)
    const { predictions } = await input.scorer.score(stacked, allRows(stacked.rowCount))
    const drops = repeats.map(
      (_, r) => sign * (baseline - metricOf(input, predictions.subarray(r * n * width, (r + 1) * n * width))),
    )
    const mean = drops.reduce((a, b) => a + b, 0) / drops.length
    const sd = Math.sqrt(drops.reduce((a, d) => a + (d - mean) ** 2, 0) / drops.length)
    features.push({ feature, mean, sd, drops })
  }
  return {
    method: 'permutation',
    metric: input.metric,
    baseline,
    repeats: perms[0]?.length ?? 0,
    seed: input.seed,
    rows: n,
    features: features.sort((a, b) => b.mean - a.mean || (a.feature < b.feature ? -1 : 1)),
  }
}

/** Permutations for every feature and repeat, drawn from `rng` feature by feature. */
export function drawPermutations(rng: Rng, features: number, repeats: number, n: number): Uint32Array[][] {
  return Array.from({ length: features }, () =>
    Array.from({ length: repeats }, () => rng.shuffle(allRows(n))),
  )
}

/** Permutation importance of every feature, `repeats` times, with shuffles drawn from `rng`. */
export function permutationImportance(
  input: ImportanceInput,
  rng: Rng,
  repeats = DEFAULT_REPEATS,
): Promise<ImportanceResult> {
  return importanceFromPermutations(
    input,
    drawPermutations(rng, input.features.length, repeats, input.rows.length),
  )
}

/** The challenger's and the champion's importances side by side, with ranks (challenger's order first). */
export function compareImportance(
  challenger: ImportanceResult,
  champion: ImportanceResult | null,
): ImportanceChange[] {
  const rank = (r: ImportanceResult | null): Map<string, [number, number]> =>
    new Map(r?.features.map((f, i) => [f.feature, [f.mean, i + 1]]) ?? [])
  const ours = rank(challenger)
  const theirs = rank(champion)
  const names = [...ours.keys(), ...[...theirs.keys()].filter((k) => !ours.has(k))]
  return names.map((feature) => ({
    feature,
    challenger: ours.get(feature)?.[0] ?? null,
    champion: theirs.get(feature)?.[0] ?? null,
    challengerRank: ours.get(feature)?.[1] ?? null,
    championRank: theirs.get(feature)?.[1] ?? null,
  }))
}
