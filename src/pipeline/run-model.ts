import type { ModelSpec } from '../config/load-spec.js'
import { describeError } from '../errors.js'
import { loadCalibration } from './calibration-store.js'
import { withDriftVerdict } from '../gate/drift-check.js'
import { compareWithChampion, keyMetricOf, type Comparison } from './compare-champion.js'
import { familyEnv } from './family-env.js'
import { fitChallenger } from './fit-challenger.js'
import { modelDeadline } from './limits.js'
import { modelResult } from './model-result.js'
import { prepareData } from './prepare.js'
import { runInsights } from './insights.js'
import { promoteRun } from './promote.js'
import { championHistory, dataSources, runCurves } from './report-data.js'
import { RUN_CARD_FILE, RUN_REPORT_FILE } from '../types/run-layout.js'
import { runRecord } from './run-record.js'
import { scoreChallenger } from './score-challenger.js'
import { stageTimer } from './stage-timer.js'
import { storeRun } from './store-run.js'
import { trackTfUsage } from './tf-usage.js'
import type { ModelResult, PipelineDeps } from './types.js'

const encoder = new TextEncoder()

/**
 * The whole loop for one model, one stage per function of typed inputs:
 * prepare data → fit → score the challenger → score the champion and gate → store → promote → result.
 * Side effects come in through `deps`; the model's deadline is checked between stages.
 */
export async function runModel(
  spec: ModelSpec,
  pipelineDeps: PipelineDeps,
  options: { promote: boolean },
): Promise<ModelResult> {
  // Every stage gets tfjs through this factory, so the run records whether any of them started it.
  const tfjs = trackTfUsage(pipelineDeps.runtime)
  const deps: PipelineDeps = { ...pipelineDeps, runtime: tfjs.runtime }
  const { logger } = deps
  const timer = stageTimer()
  logger.info(`${spec.name}: ${spec.task}, ${spec.model.type} (${spec.specFile})`)
  const deadline = modelDeadline(spec, deps.clock, logger)
  const env = familyEnv(deps, spec)

  const prepared = await timer.stage('data', () => prepareData(spec))
  const { dataset, training } = prepared
  logger.info(
    `  data: ${dataset.train.rows.length} training rows, ${dataset.eval.rows.length} eval rows (${dataset.evalSource}); ${dataset.features.length} features → ${training.d} inputs`,
  )
  deadline.check('after preparing the data')

  const fitted = await timer.stage('train', () => fitChallenger(spec, prepared, env, logger, deadline.logger))
  // The in-memory scorer is not used: the challenger is scored through its stored files (next stage).
  fitted.scorer.dispose()
  deadline.check('after training')

  const challenger = await timer.stage('evaluate', () => scoreChallenger(spec, prepared, fitted, env, logger))
  deadline.check('after scoring the eval rows')

  const compared = await timer.stage('compare', () =>
    compareWithChampion(spec, deps, prepared, challenger.predictions),
  )

  // Drift against the champion's data profile and permutation importance; gate.drift can fail the verdict.
  const insights = await timer.stage('explain', () =>
    runInsights({
      spec,
      deps,
      dataset,
      files: challenger.files,
      championRunId: compared.champion?.runId ?? null,
      metric: keyMetricOf(spec),
    }),
  )
  const comparison: Comparison = {
    ...compared,
    verdict: withDriftVerdict(compared.verdict, insights.drift?.check ?? null),
  }

  const warnings = [...challenger.warnings, ...comparison.warnings]
  // What the report shows beyond the numbers: curves, the champion's history, the model card, the data sources.
  const reportData = {
    curves: runCurves(spec, dataset, challenger.predictions, comparison.champion?.predictions ?? null),
    history: comparison.champion ? await championHistory(deps.registry, spec.name, keyMetricOf(spec)) : null,
    card: spec.card ?? null,
    sources: dataSources(spec, dataset),
  }
  let documents: ModelResult['documents'] = null
  const { runId, record, storage, calibration } = await timer.stage('store', async () => {
    // A run goes on without its calibration; the reason is worth a warning only when the store is readable
    // (without credentials the champion note already says why nothing could be read).
    const calibration = await loadCalibration(deps.registry, spec.name).catch((error: unknown) => {
      if (deps.storeWritable) warnings.push(`calibration not shown: ${describeError(error)}`)
      return null
    })
    const runId = deps.registry.newRunId()
    const record = runRecord({
      spec,
      deps,
      prepared,
      summary: fitted.summary,
      challenger,
      comparison,
      tfjs: tfjs.usage(),
      timings: timer.timings,
    })
    // The stored report and model card describe the run as it is before storing (stored/promoted come after).
    const draft = modelResult({
      spec,
      deps,
      runId,
      prepared,
      challenger,
      comparison,
      meta: record.meta,
      storage: { stored: false, storeNote: null, storeFailure: null, warnings: [] },
      promotion: null,
      calibration,
      insights,
      timings: timer.timings,
      warnings,
    })
    Object.assign(draft, reportData, { challenger: { ...draft.challenger, runId } })
    if (deps.runDocuments && deps.storeWritable) {
      for (const [name, text] of Object.entries(deps.runDocuments(draft)))
        record.files[name] = encoder.encode(text)
      documents = { report: RUN_REPORT_FILE, card: RUN_CARD_FILE }
    }
    const storage = await storeRun(spec, deps, runId, record.files, record.meta)
    warnings.push(...storage.warnings)
    return { runId, record, storage, calibration }
  })

  const promotion = await timer.stage('promote', () =>
    options.promote
      ? promoteRun({
          spec,
          deps,
          runId,
          stored: storage.stored,
          verdict: comparison.verdict,
          comparedChampion: comparison.champion?.runId ?? null,
          challenger: challenger.predictions,
          dataset,
        })
      : null,
  )

  const result = modelResult({
    spec,
    deps,
    runId,
    prepared,
    challenger,
    comparison,
    meta: record.meta,
    storage,
    promotion,
    calibration,
    insights,
    timings: timer.finish(),
    warnings,
  })
  return { ...result, ...reportData, documents: storage.stored ? documents : null }
}
