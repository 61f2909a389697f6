import type { ModelSpec } from '../config/load-spec.js'
import { computeDetails, computeMetrics, METRICS, type MetricDetails } from '../evaluate/metrics.js'
import { loadModelFiles, MODEL_DIR, PREPROCESS_JSON, scoreRows, serializeBundle } from '../evaluate/score.js'
import type { FamilyEnv, Fitted } from '../train/family.js'
import { SPEC_RUN_FILE } from '../types/run-layout.js'
import type { Logger } from '../util/logger.js'
import { dataNotes, dataWarnings, type DataNotes } from './data-notes.js'
import { skippedImagesWarning } from './misclassified.js'
import type { Prepared } from './prepare.js'

/** The challenger as it will be stored, and how it scored on the eval rows. */
export interface ChallengerScore {
  /** The run's files so far: preprocessing, the spec, the model's own files under MODEL_DIR. */
  files: Record<string, Uint8Array>
  /** What scored the rows ("tfjs 4.22.0 (wasm)", "onnxruntime-web …", the predict command). */
  scorer: string
  predictions: Float64Array
  metrics: Record<string, number>
  details: MetricDetails
  notes: DataNotes
  warnings: string[]
}

/**
 * The evaluate stage: the challenger is scored through the very files that get stored (loaded back by its
 * family from those bytes), so what the report shows is what a later run or `serve` will load.
 */
export async function scoreChallenger(
  spec: ModelSpec,
  prepared: Prepared,
  fitted: Fitted,
  env: FamilyEnv,
  logger: Logger,
): Promise<ChallengerScore> {
  const { dataset, preprocessor, training } = prepared
  const bundle = {
    preprocessor,
    target: dataset.target,
    idColumn: spec.data.id ?? null,
    modelType: spec.model.type,
    ...(fitted.meta ? { modelMeta: fitted.meta } : {}),
  }
  const files: Record<string, Uint8Array> = {
    [PREPROCESS_JSON]: serializeBundle(bundle),
    [SPEC_RUN_FILE]: spec.specBytes,
  }
  for (const [name, body] of Object.entries(await fitted.files())) files[`${MODEL_DIR}/${name}`] = body
  const model = await loadModelFiles(env, (p) => Promise.resolve(files[p]!), Object.keys(files), 'challenger')
  let scored: Awaited<ReturnType<typeof scoreRows>>
  try {
    scored = await scoreRows(model, dataset.eval.table, dataset.eval.rows)
  } finally {
    model.scorer.dispose()
  }
  const metricOptions = { classes: training.classes, threshold: spec.threshold }
  const metrics = computeMetrics(spec.task, dataset.eval.y, scored.predictions, {
    ...metricOptions,
    names: spec.metricNames,
  })
  const details = computeDetails(spec.task, dataset.eval.y, scored.predictions, metricOptions)
  const warnings: string[] = []
  for (const [name, value] of Object.entries(metrics)) {
    if (Number.isNaN(value))
      warnings.push(
        `${METRICS[name]?.label ?? name} is undefined on the eval rows (e.g. only one class present)`,
      )
  }
  const notes = dataNotes(spec, dataset, prepared.trainNotes, scored.notes)
  const skipped = skippedImagesWarning(dataset)
  for (const w of [...(skipped ? [skipped] : []), ...dataWarnings(spec, dataset, notes)]) {
    warnings.push(w)
    logger.warn(`${spec.name}: ${w}`)
  }
  return {
    files,
    scorer: model.scorer.runtime,
    predictions: scored.predictions,
    metrics,
    details,
    notes,
    warnings,
  }
}
