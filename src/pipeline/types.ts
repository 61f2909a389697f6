import type { GitInfo } from '../util/git.js'
import type { TfRuntime } from '../train/tf-runtime.js'
import type { TrainSummary } from '../train/model-types.js'
import type { OnInconclusive } from '../gate/outcome.js'
import type { GateResult, ModelVerdict } from '../gate/types.js'
import type { MetricDetails } from '../evaluate/metrics.js'
import type { Registry } from '../store/registry.js'
import type { Clock } from '../util/clock.js'
import type { Logger } from '../util/logger.js'
import type { ChallengerSlice } from './challenger-slices.js'
import type { DataNotes } from './data-notes.js'
import type { MisclassifiedClass } from './misclassified.js'
import type { RunInsights } from '../types/explain.js'
import type { TfUsage } from './tf-usage.js'
import type { ComparisonCurves } from '../evaluate/curves.js'
import type { ChampionHistory, DataSource, ModelCardSpec, RunDocuments } from '../types/report-extras.js'

/** Side effects the pipeline needs, created by the entry points (cli.ts, main.ts) and fakes in tests. */
export interface PipelineDeps {
  registry: Registry
  /** False when the store can only be read (fork PRs, read-only or no credentials): nothing is stored. */
  storeWritable: boolean
  logger: Logger
  clock: Clock
  runtime: () => Promise<TfRuntime>
  /** Environment for user commands (`model.type: external`): the job's, without the GitHub token. */
  commandEnv?: Record<string, string | undefined>
  git: GitInfo
  /** Who acts, for alias history ("alice via modelgate CLI", "github-actions[bot] on push"). */
  actor: string
  toolVersion: string
  /**
   * Documents for people stored with each run (the HTML report, the model card), rendered from the run's
   * result by the report layer; the entry points pass report/run-documents.ts. Absent: none are stored.
   */
  runDocuments?: (result: ModelResult) => Record<string, string>
}

/** Metadata stored in every run's manifest (manifest.meta). */
export interface RunMeta {
  tool: { name: 'modelgate'; version: string; node: string }
  task: 'binary' | 'multiclass' | 'regression'
  modelType: string
  spec: { file: string; sha256: string }
  data: {
    sha256: string
    trainRows: number
    evalRows: number
    evalSource: string
    features: number
    inputs: number
  }
  git: GitInfo
  seed: number
  /**
   * tfjs's backend and version (nulls when no stage started tfjs), and what scored the challenger (tfjs, ONNX
   * Runtime, the user's predict command).
   */
  backend: TfUsage & { scorer?: string }
  policies: {
    missing: unknown
    unseenCategory: string
    imputed: DataNotes['imputed']
    unseen: Record<string, number>
  }
  training: TrainSummary
  metrics: Record<string, number>
  timings: Record<string, number>
  /** What the run was compared with when it was made. */
  comparedWith: { runId: string; verdict: ModelVerdict } | null
}

export interface ModelSide {
  runId: string | null
  commit: string | null
  metrics: Record<string, number>
  details: MetricDetails | null
}

/** One model's outcome: the machine-readable result behind the report and the JSON file. */
export interface ModelResult {
  name: string
  task: RunMeta['task']
  runId: string
  verdict: ModelVerdict
  /** Whether the run was written to the store, and if not, why. */
  stored: boolean
  storeNote: string | null
  promoted: boolean
  promoteNote: string | null
  /**
   * Set when the store could be written but something asked of it did not happen: the run could not be
   * stored, or the promotion asked for failed. The CLI exits 4 and the Action fails the step, after reporting.
   */
  storeFailure?: string | null
  challenger: ModelSide
  champion: ModelSide | null
  /** Why the champion could not be compared, when it exists but could not be scored. */
  championNote: string | null
  gate: GateResult | null
  data: RunMeta['data']
  backend: RunMeta['backend']
  timings: Record<string, number>
  warnings: string[]
  metricNames: string[]
  /** Class labels in index order (classification; empty for regression), for confusion matrices. */
  classLabels?: string[]
  /** The spec's gate.on_inconclusive: how an inconclusive verdict is reported. */
  onInconclusive: OnInconclusive
  /** The primary metric shown in one-line summaries. */
  keyMetric: string
  calibration: { sd: Record<string, number>; seeds: number; suggestedMargin: Record<string, number> } | null
  /** The spec file relative to the repository root (annotations and manifests name it). */
  specPath: string
  /** Imputed and unseen-category counts, and the positive class (binary). */
  dataNotes: DataNotes
  /** The challenger's metrics per slice when there is no comparison to show them in (a first run). */
  challengerSlices: ChallengerSlice[] | null
  /** Image models: a few misclassified eval images per true class (absent or null for tables). */
  misclassified?: MisclassifiedClass[] | null
  /** What changed against the champion (spec keys, uncommitted changes); null without a champion. */
  changes: RunChanges | null
  /** Whether the work tree had uncommitted changes when this run trained. */
  dirty: boolean
  /** Drift against the champion's data and permutation importance (absent in results made before them). */
  insights?: RunInsights
  /** Binary tasks: ROC, precision–recall and reliability of both models on the eval rows, downsampled. */
  curves?: ComparisonCurves | null
  /** The champion's key metric at its last promotions (oldest first); null without a champion. */
  history?: ChampionHistory | null
  /** The spec's model card keys (`card:`), when given. */
  card?: ModelCardSpec | null
  /** Where the data came from, with fingerprints. */
  sources?: DataSource[]
  /** Documents stored with the run (paths inside it), when it was stored with them. */
  documents?: RunDocuments | null
}

/** What changed between the champion and the challenger, beyond the numbers. */
export interface RunChanges {
  /** One line per spec key that differs ("model.C: 1 → 0.01"); [] when equal; null when unknown (see note). */
  spec: string[] | null
  /** Why the spec difference is unknown (the champion stored no spec), or null. */
  specNote: string | null
  /** Whether the challenger's working tree had uncommitted changes (so its commit does not fully describe it). */
  dirty: boolean
}

export type { GitInfo }

/** A model a fan-out's plan left out (`changed-only`: nothing it is made from changed), with why. */
export interface NotTrained {
  model: string
  reason: string
}
