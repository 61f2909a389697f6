import type { ModelSpec } from '../config/load-spec.js'
import { predictionsCsv } from '../evaluate/predictions-csv.js'
import type { TrainSummary } from '../train/model-types.js'
import type { Comparison } from './compare-champion.js'
import type { Prepared } from './prepare.js'
import type { ChallengerScore } from './score-challenger.js'
import type { TfUsage } from './tf-usage.js'
import type { PipelineDeps, RunMeta } from './types.js'

const encoder = new TextEncoder()

/** What a run stores beside its model: the manifest's metadata, the eval predictions, metrics and comparison. */
export function runRecord(args: {
  spec: ModelSpec
  deps: Pick<PipelineDeps, 'toolVersion' | 'git'>
  prepared: Prepared
  summary: TrainSummary
  challenger: ChallengerScore
  comparison: Comparison
  tfjs: TfUsage
  timings: Record<string, number>
}): { meta: RunMeta; files: Record<string, Uint8Array> } {
  const { spec, deps, prepared, challenger, comparison } = args
  const { dataset, training } = prepared
  const { champion, gate, verdict } = comparison
  const meta: RunMeta = {
    tool: { name: 'modelgate', version: deps.toolVersion, node: process.version },
    task: spec.task,
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
    backend: { ...args.tfjs, scorer: challenger.scorer },
    policies: {
      missing: spec.data.missing,
      unseenCategory: spec.data.unseen_category,
      imputed: challenger.notes.imputed,
      unseen: challenger.notes.unseen,
    },
    training: args.summary,
    metrics: challenger.metrics,
    // The stages timed so far (the same object: a stored run shows data → compare, the result also store and promote).
    timings: args.timings,
    comparedWith: champion ? { runId: champion.runId, verdict } : null,
  }
  const files: Record<string, Uint8Array> = {
    ...challenger.files,
    'predictions.csv': predictionsCsv({
      table: dataset.eval.table,
      rows: dataset.eval.rows,
      idColumn: spec.data.id,
      target: dataset.target,
      predictions: challenger.predictions,
      truth: dataset.eval.y,
    }),
    'metrics.json': encoder.encode(
      `${JSON.stringify({ metrics: challenger.metrics, details: challenger.details, comparison: gate }, null, 2)}\n`,
    ),
  }
  return { meta, files }
}
