import type { ModelSpec } from '../config/load-spec.js'
import type { Dataset } from '../data/dataset.js'
import { UserError } from '../errors.js'
import { computeDetails, computeMetrics, type MetricDetails } from '../evaluate/metrics.js'
import { loadModelFiles, scoreRows, type LoadedModel } from '../evaluate/score.js'
import { Registry, type RunManifest } from '../store/registry.js'
import type { FamilyEnv } from '../train/family.js'
import { familyEnv } from './family-env.js'
import type { PipelineDeps, RunMeta } from './types.js'

export const CHAMPION = 'champion'

export interface ChampionScore {
  runId: string
  commit: string | null
  predictions: Float64Array
  metrics: Record<string, number>
  details: MetricDetails
}

/**
 * A stored run's model, named by run id or by an alias (null when the alias does not exist yet), loaded
 * from the run's own files, each checked against its manifest.
 */
export async function loadStoredModel(
  registry: Registry,
  env: FamilyEnv,
  model: string,
  ref: { runId?: string; alias: string },
): Promise<{ runId: string; manifest: RunManifest<RunMeta>; loaded: LoadedModel } | null> {
  let runId = ref.runId
  let recorded: string | undefined
  if (!runId) {
    const alias = await registry.getAlias(model, ref.alias)
    if (!alias) return null
    runId = alias.record.runId
    // The manifest must be the one the alias was pointed at (an edited manifest is refused).
    recorded = Registry.recordedManifestSha256(alias.record)
  }
  const manifest = await registry.readManifest<RunMeta>(model, runId, recorded)
  const loaded = await loadModelFiles(
    env,
    (p) => registry.readRunFile(manifest, p),
    manifest.files.map((f) => f.path),
    `run ${runId}`,
  )
  return { runId, manifest, loaded }
}

/**
 * Load the run an alias points at and score it on the challenger's eval rows with its own stored
 * preprocessing. Never compared by stored numbers: the eval set may have changed in this very change.
 * null when there is no such alias yet; a UserError when the run cannot be scored on these rows.
 */
export async function scoreChampion(
  spec: ModelSpec,
  deps: PipelineDeps,
  dataset: Dataset,
  runId?: string,
): Promise<ChampionScore | null> {
  const stored = await loadStoredModel(deps.registry, familyEnv(deps, spec), spec.name, {
    runId,
    alias: CHAMPION,
  })
  if (!stored) return null
  const { runId: id, manifest, loaded } = stored
  try {
    const theirs = loaded.target
    const ours = dataset.target
    if (theirs.task !== ours.task || theirs.classes.join('\u0000') !== ours.classes.join('\u0000')) {
      throw new UserError(
        `champion run ${id} predicts ${theirs.task} ${theirs.classes.length ? `classes [${theirs.classes.join(', ')}]` : 'values'} but this spec has ${ours.task} ${ours.classes.length ? `classes [${ours.classes.join(', ')}]` : 'values'}; the two cannot be compared on the same rows`,
      )
    }
    const scored = await scoreRows(loaded, dataset.eval.table, dataset.eval.rows)
    const options = { classes: ours.classes.length, threshold: spec.threshold }
    return {
      runId: id,
      commit: manifest.meta.git?.commit ?? null,
      predictions: scored.predictions,
      metrics: computeMetrics(spec.task, dataset.eval.y, scored.predictions, {
        ...options,
        names: spec.metricNames,
      }),
      details: computeDetails(spec.task, dataset.eval.y, scored.predictions, options),
    }
  } finally {
    loaded.scorer.dispose()
  }
}
