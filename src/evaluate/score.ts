import type { LayersModel } from '@tensorflow/tfjs'
import { UserError } from '../errors.js'
import type { RawTable } from '../data/csv.js'
import type { TargetEncoding } from '../data/dataset.js'
import { transform, type Preprocessor, type TransformNotes } from '../data/preprocess.js'
import { loadTfModel, MODEL_JSON, predictTf, WEIGHTS_BIN } from '../train/model-io.js'
import type { TfRuntime } from '../train/tf-runtime.js'

/** Everything needed to score new rows exactly as a run did: its preprocessing, target encoding and model. */
export interface ScoringBundle {
  preprocessor: Preprocessor
  target: TargetEncoding
  /** The spec's id column, echoed into prediction files. */
  idColumn: string | null
}

export interface LoadedModel extends ScoringBundle {
  model: LayersModel
  /** Where it came from, for messages ("run 2026…-a1b2c3" or "challenger"). */
  label: string
}

export const PREPROCESS_JSON = 'preprocess.json'
export const MODEL_DIR = 'model'

export function serializeBundle(bundle: ScoringBundle): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(bundle, null, 2)}\n`)
}

/** Load a stored model from its files (as written by the run): model/model.json, model/weights.bin, preprocess.json. */
export async function loadModelFiles(
  runtime: TfRuntime,
  read: (path: string) => Promise<Uint8Array>,
  label: string,
): Promise<LoadedModel> {
  const bundle = JSON.parse(new TextDecoder().decode(await read(PREPROCESS_JSON))) as ScoringBundle
  if (bundle.preprocessor?.version !== 1 || !bundle.target)
    throw new UserError(`${label}: ${PREPROCESS_JSON} is not a modelgate preprocessing file`)
  const model = await loadTfModel(
    runtime.tf,
    await read(`${MODEL_DIR}/${MODEL_JSON}`),
    await read(`${MODEL_DIR}/${WEIGHTS_BIN}`),
    label,
  )
  return { ...bundle, model, label }
}

export interface Scored {
  /** Binary: P(positive) per row; multiclass: n × K probabilities; regression: predicted values. */
  predictions: Float64Array
  notes: TransformNotes
}

/** Preprocess rows with the model's own fitted preprocessing and predict with the stored tfjs model. */
export function scoreRows(
  runtime: TfRuntime,
  loaded: LoadedModel,
  table: RawTable,
  rows: Uint32Array,
): Scored {
  const { x, n, d, notes } = transform(loaded.preprocessor, table, rows)
  const expected = (loaded.model.inputs[0]!.shape[1] as number | null) ?? d
  if (expected !== d) {
    throw new UserError(
      `${loaded.label}: the model expects ${expected} inputs but its preprocessing produced ${d}; the run's files do not belong together`,
    )
  }
  return { predictions: predictTf(runtime.tf, loaded.model, x, n, d), notes }
}
