/**
 * What a run's report shows beyond the comparison, gathered from the run's own inputs: the curves of both
 * models, the champion's key metric over its last promotions (read from the alias history and the manifests
 * it names), and where the data came from. Kept apart from run-model.ts so the stage functions stay small.
 */
import path from 'node:path'
import type { ModelSpec } from '../config/load-spec.js'
import type { Dataset } from '../data/dataset.js'
import { UserError } from '../errors.js'
import { comparisonCurves, type ComparisonCurves } from '../evaluate/curves.js'
import type { Registry } from '../store/registry.js'
import type { ChampionHistory, DataSource, PromotionPoint } from '../types/report-extras.js'
import type { RunMeta } from './types.js'

/** How many of the champion's promotions the history chart shows. */
export const HISTORY_POINTS = 8

export function runCurves(
  spec: ModelSpec,
  dataset: Dataset,
  challenger: Float64Array,
  champion: Float64Array | null,
): ComparisonCurves | null {
  return spec.task === 'binary' ? comparisonCurves(dataset.eval.y, challenger, champion) : null
}

/**
 * The champion alias's last promotions (oldest first) with the key metric each run recorded on its own eval
 * set. A run that can no longer be read (collected, damaged) keeps its place with no value.
 */
export async function championHistory(
  registry: Registry,
  model: string,
  metric: string,
  limit = HISTORY_POINTS,
): Promise<ChampionHistory | null> {
  const alias = await registry.getAlias(model, 'champion')
  if (!alias) return null
  const changes = alias.record.history.filter((h) => h.action === 'promote').slice(-limit)
  const points: PromotionPoint[] = []
  for (const change of changes) {
    let value: number | null = null
    try {
      const manifest = await registry.readManifest<RunMeta>(model, change.runId)
      value = manifest.meta.metrics?.[metric] ?? null
    } catch (error) {
      if (!(error instanceof UserError)) throw error
    }
    points.push({ runId: change.runId, at: change.at, value })
  }
  return { metric, points }
}

/** The training and eval files (relative to the spec) with the sha256 of their bytes. */
export function dataSources(spec: ModelSpec, dataset: Dataset): DataSource[] {
  const [train, evalHash] = dataset.dataHash.split('+')
  const relative = (files: string[]): string[] =>
    files.map((f) => path.relative(spec.dir, f).split(path.sep).join('/'))
  const sources: DataSource[] = [{ role: 'training', files: relative(spec.trainFiles), sha256: train! }]
  if (spec.evalFiles && evalHash)
    sources.push({ role: 'eval', files: relative(spec.evalFiles), sha256: evalHash })
  return sources
}
