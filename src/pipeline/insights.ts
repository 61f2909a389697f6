import type { ModelSpec } from '../config/load-spec.js'
import type { Dataset } from '../data/dataset.js'
import { hashString } from '../data/values.js'
import { describeError, UserError } from '../errors.js'
import { driftReport } from '../evaluate/drift-compare.js'
import {
  DEFAULT_MAX_ROWS,
  DEFAULT_REPEATS,
  compareImportance,
  importanceFromPermutations,
  importancePositions,
} from '../evaluate/importance.js'
import { loadModelFiles, type LoadedModel } from '../evaluate/score.js'
import { buildRunProfile, parseProfile, PROFILE_JSON, serializeProfile } from '../evaluate/profile.js'
import { checkDrift } from '../gate/drift-check.js'
import type { Registry } from '../store/registry.js'
import type { ImportanceResult, RunInsights } from '../types/explain.js'
import { DEFAULT_PSI_THRESHOLD, type RunProfile } from '../types/profile.js'
import { Rng } from '../util/rng.js'
import { loadStoredModel } from './champion.js'
import { familyEnv } from './family-env.js'
import type { PipelineDeps } from './types.js'

/** The run file with the challenger's permutation importance (read back by `modelgate explain`). */
export const EXPLAIN_JSON = 'explain.json'

const encoder = new TextEncoder()

/** profile.json of a stored run, or null when the run predates profiles. */
export async function readRunProfile(
  registry: Registry,
  model: string,
  runId: string,
): Promise<RunProfile | null> {
  const manifest = await registry.readManifest(model, runId)
  if (!manifest.files.some((f) => f.path === PROFILE_JSON)) return null
  return parseProfile(await registry.readRunFile(manifest, PROFILE_JSON), `run ${runId}`)
}

/**
 * Permutation importance of one model on the challenger's eval rows, with permutations seeded per feature
 * name (gate.seed), so the challenger and the champion see the very same shuffles of the features they share.
 */
async function importanceOf(
  spec: ModelSpec,
  dataset: Dataset,
  loaded: LoadedModel,
  metric: string,
): Promise<ImportanceResult> {
  const positions = importancePositions(dataset.eval.rows.length, DEFAULT_MAX_ROWS, new Rng(spec.gate.seed))
  const rows = Uint32Array.from(positions, (i) => dataset.eval.rows[i]!)
  const Targets = dataset.eval.y.constructor as new (n: number) => Dataset['eval']['y']
  const y = new Targets(positions.length)
  positions.forEach((p, i) => (y[i] = dataset.eval.y[p]!))
  const features = loaded.preprocessor.features.map((f) => f.name)
  const perms = features.map((name) => {
    const rng = new Rng(hashString(name, spec.gate.seed))
    return Array.from({ length: DEFAULT_REPEATS }, () =>
      rng.shuffle(Uint32Array.from({ length: rows.length }, (_, i) => i)),
    )
  })
  try {
    return await importanceFromPermutations(
      {
        scorer: loaded.scorer,
        table: dataset.eval.table,
        rows,
        y,
        task: spec.task,
        classes: dataset.target.classes.length,
        threshold: spec.threshold,
        metric,
        features,
        seed: spec.gate.seed,
      },
      perms,
    )
  } finally {
    loaded.scorer.dispose()
  }
}

export interface InsightsInput {
  spec: ModelSpec
  deps: PipelineDeps
  dataset: Dataset
  /** The challenger's run files (its model is loaded from them again, as for scoring). */
  files: Record<string, Uint8Array>
  championRunId: string | null
  metric: string
}

/**
 * The run's profile (stored as profile.json), drift of its training rows against the champion's profile
 * (gated by gate.drift), and permutation importance of both models on the same eval rows (explain.json).
 * Adds its files to `files`. Anything that cannot be computed is a note, never a failed run.
 */
export async function runInsights(input: InsightsInput): Promise<RunInsights> {
  const { spec, deps, dataset, files, championRunId } = input
  const passthrough = [dataset.target.column, ...(spec.data.id ? [spec.data.id] : [])]
  const profile = buildRunProfile(
    { train: dataset.train.table, eval: dataset.eval.table },
    { train: dataset.train.rows, eval: dataset.eval.rows },
    dataset.features,
    passthrough,
  )
  profile.schema.validation = {
    onInvalid: spec.data.on_invalid,
    rangeTolerance: spec.data.range_tolerance,
    unseenCategory: spec.data.unseen_category,
  }
  files[PROFILE_JSON] = serializeProfile(profile)

  const insights: RunInsights = { drift: null, driftNote: null, importance: null, importanceNote: null }
  const maxPsi = spec.gate.drift?.max_psi
  if (championRunId) {
    try {
      const reference = await readRunProfile(deps.registry, spec.name, championRunId)
      if (!reference)
        insights.driftNote = `champion run ${championRunId} stored no ${PROFILE_JSON} (made before profiles)`
      else {
        const report = driftReport({
          reference: {
            label: `champion run ${championRunId}`,
            profile: reference.train,
            schema: reference.schema,
          },
          subject: "the challenger's training rows",
          table: dataset.train.table,
          rows: dataset.train.rows,
          features: dataset.features,
          threshold: maxPsi ?? DEFAULT_PSI_THRESHOLD,
        })
        insights.drift = { report, check: maxPsi === undefined ? null : checkDrift(report, maxPsi) }
      }
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      insights.driftNote = `drift not compared: ${describeError(error)}`
    }
  }

  if (!spec.explain.importance) {
    insights.importanceNote = 'importance turned off (explain.importance: false in the spec)'
    return insights
  }
  const env = familyEnv(deps, spec)
  let challenger: ImportanceResult
  try {
    const loaded = await loadModelFiles(
      env,
      (p) => Promise.resolve(files[p]!),
      Object.keys(files),
      'challenger',
    )
    challenger = await importanceOf(spec, dataset, loaded, input.metric)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    insights.importanceNote = `importance not computed: ${describeError(error)}`
    return insights
  }
  files[EXPLAIN_JSON] = encoder.encode(`${JSON.stringify({ importance: challenger }, null, 2)}\n`)
  let champion: ImportanceResult | null = null
  if (championRunId) {
    try {
      const stored = await loadStoredModel(deps.registry, env, spec.name, {
        runId: championRunId,
        alias: 'champion',
      })
      if (stored) champion = await importanceOf(spec, dataset, stored.loaded, input.metric)
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      insights.importanceNote = `the champion's importance not computed: ${describeError(error)}`
    }
  }
  insights.importance = {
    metric: input.metric,
    challenger,
    champion,
    championRunId: champion ? championRunId : null,
    changes: compareImportance(challenger, champion),
  }
  return insights
}
