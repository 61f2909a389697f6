import type { ModelSpec } from '../config/load-spec.js'
import type { RawTable } from '../data/csv.js'
import type { Dataset } from '../data/dataset.js'
import type { Preprocessor, TransformNotes } from '../data/preprocess.js'
import type { Logger } from '../util/logger.js'
import type { TrainingData } from './linear.js'
import type { TrainSummary } from './model-types.js'
import type { TfRuntime } from './tf-runtime.js'

/**
 * A model family: how one kind of model (`model.type` in the spec) is trained, stored and scored. The pipeline,
 * the champion comparison, `predict` and `calibrate` only ever see this interface, so a champion of one family
 * and a challenger of another are scored on the same rows and compared like any two runs.
 */
export interface ModelFamily {
  /** The `model.type` values this family handles. */
  types: readonly string[]
  /**
   * How retrains differ in `modelgate calibrate`: with a new seed, or (for a model a seed does not change) on
   * a bootstrap draw of the training rows, passed as `FitInput.weight`.
   */
  retrain: 'seeds' | 'bootstrap'
  fit(input: FitInput, env: FamilyEnv): Promise<Fitted>
  /** A scorer from a run's stored model files (`read` takes a path relative to the model folder). */
  load(stored: StoredModel, env: FamilyEnv): Promise<Scorer>
}

/**
 * What every family is trained from: the validated data, modelgate's fitted preprocessing and its matrix. For
 * `data.type: images` the data set's tables are ImageTables (a row per image, the pixels alongside; see
 * data/images/image-dataset.ts), the preprocessing has no features and the matrix no columns: the image family
 * reads the pixels, every other stage works on rows as for a CSV.
 */
export interface FitInput {
  spec: ModelSpec
  dataset: Dataset
  preprocessor: Preprocessor
  /** The training rows after preprocessing (what modelgate's own trainers fit). */
  training: TrainingData
  seed: number
  /** Row multiplicities of a bootstrap draw (calibration of a `retrain: 'bootstrap'` family). */
  weight?: Float64Array
  logger: Logger
  /** A validation metric for the training log (early stopping reports it). */
  validationScore?: (
    y: TrainingData['y'],
    outputs: Float64Array,
    rows: number,
  ) => { name: string; value: number }
}

export interface Fitted {
  /** The model's files, stored under the run's model/ folder (made on demand: calibration never stores). */
  files(): Promise<Record<string, Uint8Array>>
  summary: TrainSummary
  /** What the family needs to read its files back (stored in preprocess.json, handed to load as `meta`). */
  meta?: Record<string, unknown>
  /**
   * The model as trained, scoring in memory without reading `files` back (calibration's retrains). The
   * pipeline scores the challenger through `load(files)`, the very files that get stored.
   */
  scorer: Scorer
}

/** A run's stored model: its files, and what the run knew about its data. */
export interface StoredModel {
  read(path: string): Promise<Uint8Array>
  /** Every file under model/ (relative paths). */
  paths: readonly string[]
  preprocessor: Preprocessor
  /** Raw feature columns in spec order, as the model was trained on them. */
  features: readonly { name: string; kind: 'numeric' | 'categorical' }[]
  task: ModelSpec['task']
  classes: readonly string[]
  /** The target column and the spec's id column when the run was made. */
  target: string
  idColumn: string | null
  /** The family's own `Fitted.meta` of the run ({} when it had none). */
  meta: Record<string, unknown>
  /** Where it came from, for messages ("run 2026…-a1b2c3" or "challenger"). */
  label: string
}

export interface Scored {
  /** Binary: P(positive) per row; multiclass: n × K probabilities; regression: predicted values. */
  predictions: Float64Array
  notes: TransformNotes
}

export interface Scorer {
  /** Score raw rows of a table (the family applies whatever preprocessing its model needs). */
  score(table: RawTable, rows: Uint32Array): Promise<Scored>
  /** What scored the rows, recorded with the run: "tfjs 4.22.0 (wasm)", "onnxruntime-web 1.x (wasm)", … */
  runtime: string
  dispose(): void
}

/** Side effects a family may need, created by the entry points (see PipelineDeps). */
export interface FamilyEnv {
  /** TensorFlow.js, loaded on first use. */
  tf(): Promise<TfRuntime>
  /** Environment for user commands (the job's environment without the GitHub token). */
  commandEnv: Record<string, string | undefined>
  logger: Logger
  /** This checkout's spec of the model being scored, when there is one (external models' predict command). */
  spec?: ModelSpec
}
