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
import { runRecord } from './run-record.js'
import { scoreChallenger } from './score-challenger.js'
import { stageTimer } from './stage-timer.js'
import { storeRun } from './store-run.js'
import { trackTfUsage } from './tf-usage.js'
import type { ModelResult, PipelineDeps } from './types.js'

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

  return modelResult({
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
}
