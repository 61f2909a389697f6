import type { ModelSpec } from '../config/load-spec.js'
import type { RunInsights } from '../types/explain.js'
import type { CalibrationSummary } from './calibration-store.js'
import { keyMetricOf, type Comparison } from './compare-champion.js'
import { misclassifiedImages } from './misclassified.js'
import type { PromoteOutcome } from './promote.js'
import type { Prepared } from './prepare.js'
import type { ChallengerScore } from './score-challenger.js'
import type { StoreOutcome } from './store-run.js'
import type { ModelResult, PipelineDeps, RunMeta } from './types.js'

/** The result stage: everything the report, the JSON file and the Action's outputs say about one model. */
export function modelResult(args: {
  spec: ModelSpec
  deps: Pick<PipelineDeps, 'git'>
  runId: string
  prepared: Prepared
  challenger: ChallengerScore
  comparison: Comparison
  meta: RunMeta
  storage: StoreOutcome
  promotion: PromoteOutcome | null
  calibration: CalibrationSummary | null
  insights: RunInsights
  timings: Record<string, number>
  warnings: string[]
}): ModelResult {
  const { spec, deps, runId, challenger, comparison, storage, promotion } = args
  const { champion } = comparison
  return {
    name: spec.name,
    task: spec.task,
    runId,
    verdict: comparison.verdict,
    stored: storage.stored,
    storeNote: storage.storeNote,
    promoted: promotion?.promoted ?? false,
    promoteNote: promotion?.note ?? null,
    storeFailure: storage.storeFailure ?? (promotion?.failed ? promotion.note : null),
    challenger: {
      runId: storage.stored ? runId : null,
      commit: deps.git.commit,
      metrics: challenger.metrics,
      details: challenger.details,
    },
    champion: champion
      ? {
          runId: champion.runId,
          commit: champion.commit,
          metrics: champion.metrics,
          details: champion.details,
        }
      : null,
    championNote: comparison.championNote,
    gate: comparison.gate,
    data: args.meta.data,
    backend: args.meta.backend,
    timings: args.timings,
    warnings: args.warnings,
    metricNames: spec.metricNames,
    classLabels: args.prepared.dataset.target.classes,
    onInconclusive: spec.gate.on_inconclusive,
    keyMetric: keyMetricOf(spec),
    calibration: args.calibration,
    specPath: spec.specPath,
    dataNotes: challenger.notes,
    challengerSlices: comparison.challengerSlices,
    misclassified: misclassifiedImages(args.prepared.dataset, challenger.predictions),
    changes: comparison.changes,
    dirty: deps.git.dirty,
    insights: args.insights,
  }
}
