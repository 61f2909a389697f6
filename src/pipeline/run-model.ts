import type { ModelSpec } from '../config/load-spec.js'
import { AccessDeniedError, describeError, UserError } from '../errors.js'
import { computeDetails, computeMetrics, METRICS } from '../evaluate/metrics.js'
import { predictionsCsv } from '../evaluate/predictions-csv.js'
import {
  loadModelFiles,
  MODEL_DIR,
  PREPROCESS_JSON,
  scoreRows,
  serializeBundle,
  type Scored,
} from '../evaluate/score.js'
import type { ModelVerdict } from '../gate/types.js'
import { familyFor } from '../train/families.js'
import { RUN_CARD_FILE, RUN_REPORT_FILE, SPEC_RUN_FILE } from '../types/run-layout.js'
import { compareWithMethod } from './gate-method.js'
import { prepareData } from './prepare.js'
import { loadCalibration } from './calibration-store.js'
import { familyEnv } from './family-env.js'
import { scoreChampion, type ChampionScore } from './champion.js'
import { challengerSliceMetrics } from './challenger-slices.js'
import { dataNotes, dataWarnings } from './data-notes.js'
import { checkTrainingLimits, modelDeadline } from './limits.js'
import { promoteRun } from './promote.js'
import { specChanges } from './spec-diff.js'
import { championHistory, dataSources, runCurves } from './report-data.js'
import type { ModelResult, PipelineDeps, RunMeta } from './types.js'

const encoder = new TextEncoder()

export function keyMetricOf(spec: ModelSpec): string {
  return Object.keys(spec.gate.metrics)[0] ?? spec.metricNames[0]!
}

/**
 * The whole loop for one model: data → train → evaluate → compare with the champion → store → (promote).
 * Each stage is a function of typed inputs; side effects come in through `deps`.
 */
export async function runModel(
  spec: ModelSpec,
  deps: PipelineDeps,
  options: { promote: boolean },
): Promise<ModelResult> {
  const { logger, registry } = deps
  const timings: Record<string, number> = {}
  const warnings: string[] = []
  const started = performance.now()
  const lap = (name: string, since: number): number => {
    const now = performance.now()
    timings[name] = Math.round(now - since)
    return now
  }
  logger.info(`${spec.name}: ${spec.task}, ${spec.model.type} (${spec.specFile})`)

  const deadline = modelDeadline(spec, deps.clock, logger)

  // data
  const prepared = await prepareData(spec)
  const { dataset, preprocessor, training } = prepared
  logger.info(
    `  data: ${dataset.train.rows.length} training rows, ${dataset.eval.rows.length} eval rows (${dataset.evalSource}); ${dataset.features.length} features → ${training.d} inputs`,
  )
  let t = lap('data', started)
  deadline.check('after preparing the data')

  // train: the spec's model family fits on the training rows (eval rows never reach it).
  checkTrainingLimits(spec, training)
  const task = spec.task
  const family = familyFor(spec.model.type)
  const env = familyEnv(deps, spec)
  const validationName = task === 'binary' ? 'roc_auc' : task === 'multiclass' ? 'accuracy' : 'rmse'
  // Per-epoch progress (or a train command's output) in one collapsible block of the Actions log.
  logger.group?.(`${spec.name}: training ${spec.model.type}`)
  let fitted: Awaited<ReturnType<typeof family.fit>>
  try {
    fitted = await family.fit(
      {
        spec,
        dataset,
        preprocessor,
        training,
        seed: spec.model.seed,
        logger: deadline.logger,
        validationScore: (y, outputs) => ({
          name: validationName,
          value: computeMetrics(task, y, outputs, { classes: training.classes, names: [validationName] })[
            validationName
          ]!,
        }),
      },
      env,
    )
  } finally {
    logger.endGroup?.()
  }
  fitted.scorer.dispose()
  const summary = fitted.summary
  t = lap('train', t)
  deadline.check('after training')

  // evaluate: the challenger is scored through the very files that get stored.
  const runtime = await deps.runtime()
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
  const challengerModel = await loadModelFiles(
    env,
    (p) => Promise.resolve(files[p]!),
    Object.keys(files),
    'challenger',
  )
  let scored: Scored
  try {
    scored = await scoreRows(challengerModel, dataset.eval.table, dataset.eval.rows)
  } finally {
    challengerModel.scorer.dispose()
  }
  const metricOptions = { classes: training.classes, threshold: spec.threshold }
  const metrics = computeMetrics(task, dataset.eval.y, scored.predictions, {
    ...metricOptions,
    names: spec.metricNames,
  })
  const details = computeDetails(task, dataset.eval.y, scored.predictions, metricOptions)
  for (const [name, value] of Object.entries(metrics)) {
    if (Number.isNaN(value))
      warnings.push(
        `${METRICS[name]?.label ?? name} is undefined on the eval rows (e.g. only one class present)`,
      )
  }
  const notes = dataNotes(spec, dataset, prepared.trainNotes, scored.notes)
  for (const w of dataWarnings(spec, dataset, notes)) {
    warnings.push(w)
    logger.warn(`${spec.name}: ${w}`)
  }
  t = lap('evaluate', t)
  deadline.check('after scoring the eval rows')

  // compare with the champion, re-scored on the same eval rows
  let champion: ChampionScore | null = null
  let championNote: string | null = null
  try {
    champion = await scoreChampion(spec, deps, dataset)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    championNote = describeError(error)
    warnings.push(`the champion could not be scored on this eval set: ${championNote}`)
  }
  const gate = champion
    ? await compareWithMethod(
        {
          spec,
          y: dataset.eval.y,
          classes: training.classes,
          challenger: scored.predictions,
          champion: champion.predictions,
          eval: dataset.eval,
          dataset,
          keyMetric: keyMetricOf(spec),
        },
        { runId: champion.runId, registry },
      )
    : null
  // A first run has no champion to compare slices with: show the challenger's own slice metrics.
  const challengerSlices =
    !gate && spec.slices
      ? challengerSliceMetrics(spec, dataset.eval, scored.predictions, metricOptions)
      : null
  const changes = champion ? await specChanges(registry, spec, champion.runId, deps.git.dirty) : null
  const verdict: ModelVerdict = gate ? gate.verdict : championNote ? 'inconclusive' : 'no-champion'
  t = lap('compare', t)

  // A run goes on without its calibration; the reason is worth a warning only when the store is readable
  // (without credentials the champion note already says why nothing could be read).
  const calibration = await loadCalibration(registry, spec.name).catch((error: unknown) => {
    if (deps.storeWritable) warnings.push(`calibration not shown: ${describeError(error)}`)
    return null
  })
  const runId = registry.newRunId()
  const meta: RunMeta = {
    tool: { name: 'modelgate', version: deps.toolVersion, node: process.version },
    task,
    modelType: spec.model.type,
    spec: { file: spec.specPath, sha256: spec.specHash },
    data: {
      sha256: dataset.dataHash,
      trainRows: dataset.train.rows.length,
      evalRows: dataset.eval.rows.length,
      evalSource: dataset.evalSource,
      features: dataset.features.length,
      inputs: training.d,
    },
    git: deps.git,
    seed: spec.model.seed,
    backend: { name: runtime.backend, tfjs: runtime.version, scorer: challengerModel.scorer.runtime },
    policies: {
      missing: spec.data.missing,
      unseenCategory: spec.data.unseen_category,
      imputed: notes.imputed,
      unseen: notes.unseen,
    },
    training: summary,
    metrics,
    timings,
    comparedWith: champion ? { runId: champion.runId, verdict } : null,
  }
  files['predictions.csv'] = predictionsCsv({
    table: dataset.eval.table,
    rows: dataset.eval.rows,
    idColumn: spec.data.id,
    target: dataset.target,
    predictions: scored.predictions,
    truth: dataset.eval.y,
  })
  files['metrics.json'] = encoder.encode(
    `${JSON.stringify({ metrics, details, comparison: gate }, null, 2)}\n`,
  )

  // The result as the stored documents describe it (whether it was stored and promoted is added below).
  const result: ModelResult = {
    name: spec.name,
    task,
    runId,
    verdict,
    stored: false,
    storeNote: null,
    promoted: false,
    promoteNote: null,
    storeFailure: null,
    challenger: { runId, commit: deps.git.commit, metrics, details },
    champion: champion
      ? {
          runId: champion.runId,
          commit: champion.commit,
          metrics: champion.metrics,
          details: champion.details,
        }
      : null,
    championNote,
    gate,
    data: meta.data,
    backend: meta.backend,
    timings,
    warnings,
    metricNames: spec.metricNames,
    classLabels: dataset.target.classes,
    onInconclusive: spec.gate.on_inconclusive,
    keyMetric: keyMetricOf(spec),
    calibration,
    specPath: spec.specPath,
    dataNotes: notes,
    challengerSlices,
    changes,
    dirty: deps.git.dirty,
    curves: runCurves(spec, dataset, scored.predictions, champion?.predictions ?? null),
    history: champion ? await championHistory(registry, spec.name, keyMetricOf(spec)) : null,
    card: spec.card ?? null,
    sources: dataSources(spec, dataset),
    documents: null,
  }
  if (deps.runDocuments && deps.storeWritable) {
    const documents = deps.runDocuments(result)
    for (const [name, text] of Object.entries(documents)) files[name] = encoder.encode(text)
    result.documents = { report: RUN_REPORT_FILE, card: RUN_CARD_FILE }
  }

  // store
  let stored = false
  let storeNote: string | null = null
  let storeFailure: string | null = null
  if (deps.storeWritable) {
    try {
      await registry.writeRun(spec.name, runId, files, meta)
      stored = true
    } catch (error) {
      // Read-only credentials (a fork's pull request): report without storing instead of failing the run.
      // Any other failure (S3 503 after the retries, a full disk) is reported the same way, so the verdict,
      // report and outputs are still written, and marked as a failure the CLI and the Action exit non-zero on.
      storeNote = `not stored: ${describeError(error)}`
      if (!(error instanceof AccessDeniedError)) storeFailure = storeNote
      warnings.push(storeNote)
    }
  } else {
    storeNote = `not stored: ${registry.store.location} is read-only here`
  }
  t = lap('store', t)

  // promote
  let promoted = false
  let promoteNote: string | null = null
  let promoteFailed = false
  if (options.promote) {
    ;({
      promoted,
      note: promoteNote,
      failed: promoteFailed,
    } = await promoteRun({
      spec,
      deps,
      runId,
      stored,
      verdict,
      comparedChampion: champion?.runId ?? null,
      challenger: scored.predictions,
      dataset,
    }))
  }
  lap('promote', t)
  timings.total = Math.round(performance.now() - started)

  return {
    ...result,
    stored,
    storeNote,
    promoted,
    promoteNote,
    storeFailure: storeFailure ?? (promoteFailed ? promoteNote : null),
    challenger: { ...result.challenger, runId: stored ? runId : null },
    documents: stored ? result.documents : null,
  }
}
