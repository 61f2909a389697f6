import type { RawTable } from '../data/csv.js'
import type { TargetEncoding } from '../data/dataset.js'
import { transform, type Preprocessor, type TransformNotes } from '../data/preprocess.js'
import { UserError } from '../errors.js'
import { loadModelFiles, MODEL_DIR } from '../evaluate/score.js'
import type { RunMeta } from '../pipeline/types.js'
import type { Registry } from '../store/registry.js'
import type { FamilyEnv } from '../train/family.js'
import { MODEL_JSON, readLayersModel, WEIGHTS_BIN } from '../train/dense/layers-format.js'
import type { DenseLayer } from '../train/model-types.js'

/**
 * THE one seam between serving and the model families: everything in src/serve sees a model only through
 * this interface. A run is read sha256-checked and scored by its own family's scorer, exactly as
 * `modelgate predict` scores it, whatever the family (dense, ONNX, …).
 */
export interface ServedModel {
  name: string
  runId: string
  /** The run's model type ("logistic", "linear", "mlp", "external", …). */
  family: string
  /** What scores the rows ("tfjs 4.22.0 (wasm)", "onnxruntime-web 1.x (wasm)", …). */
  runtime: string
  target: TargetEncoding
  preprocessor: Preprocessor
  /** Binary: P(positive) per row; multiclass: n × K probabilities; regression: values. */
  score(table: RawTable): Promise<{ predictions: Float64Array; notes: TransformNotes }>
  /** Exact per-input contributions, or null when the family has no explanation yet. */
  explain: ((table: RawTable) => Promise<LinearExplanation>) | null
  dispose(): void
}

export interface LinearExplanation {
  /** Names of the model's inputs after preprocessing (numeric columns, column=category for one-hots). */
  inputs: string[]
  /** Output units: 1 (binary logit, regression value) or K (multiclass logits). */
  outputs: number
  /** n × inputs × outputs: input value (standardised or one-hot) × weight. */
  contributions: Float64Array
  /** outputs: the intercepts. */
  intercept: Float64Array
  n: number
}

const LINEAR_FAMILIES = new Set(['logistic', 'linear'])

const everyRow = (table: RawTable): Uint32Array => Uint32Array.from({ length: table.rowCount }, (_, i) => i)

/**
 * Load a run fully (every file checked against its manifest, the manifest against the hash its alias
 * recorded) into a ServedModel, through the run's model family.
 */
export async function loadServedModel(
  registry: Registry,
  env: FamilyEnv,
  name: string,
  runId: string,
  manifestSha256?: string,
): Promise<ServedModel> {
  const manifest = await registry.readManifest<RunMeta>(name, runId, manifestSha256)
  const read = (p: string): Promise<Uint8Array> => registry.readRunFile(manifest, p)
  const label = `run ${runId}`
  const loaded = await loadModelFiles(
    env,
    read,
    manifest.files.map((f) => f.path),
    label,
  )
  const family = loaded.modelType ?? (manifest.meta as Partial<RunMeta>).modelType ?? 'mlp'
  return {
    name,
    runId,
    family,
    runtime: loaded.scorer.runtime,
    target: loaded.target,
    preprocessor: loaded.preprocessor,
    score: (table) => loaded.scorer.score(table, everyRow(table)),
    explain: LINEAR_FAMILIES.has(family) ? linearExplainer(read, loaded.preprocessor, label) : null,
    dispose: () => loaded.scorer.dispose(),
  }
}

/**
 * A linear run's one dense layer (kernel, bias), read from its stored layers model on the first explanation
 * asked for (without TensorFlow.js): serving never needs it otherwise.
 */
function linearExplainer(
  read: (path: string) => Promise<Uint8Array>,
  pre: Preprocessor,
  label: string,
): (table: RawTable) => Promise<LinearExplanation> {
  let layer: Promise<DenseLayer> | null = null
  const load = async (): Promise<DenseLayer> => {
    const net = readLayersModel(
      await read(`${MODEL_DIR}/${MODEL_JSON}`),
      await read(`${MODEL_DIR}/${WEIGHTS_BIN}`),
      `${label}/${MODEL_DIR}`,
    )
    if (!net || net.layers.length !== 1)
      throw new UserError(
        `${label}: its stored model is not one dense layer, so it has no linear explanation`,
      )
    return net.layers[0]!
  }
  return async (table) => {
    layer ??= load()
    const { kernel, bias } = await layer
    return explainLinear(pre, kernel, bias, table)
  }
}

/** contributions[i, j, k] = x[i, j] · W[j, k] for the one dense layer; Σ_j + intercept[k] = the logit. */
function explainLinear(
  pre: Preprocessor,
  kernel: Float64Array,
  bias: Float64Array,
  table: RawTable,
): LinearExplanation {
  const { x, n, d } = transform(pre, table, everyRow(table))
  const k = bias.length
  const contributions = new Float64Array(n * d * k)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j]!
      for (let c = 0; c < k; c++) contributions[(i * d + j) * k + c] = v * kernel[j * k + c]!
    }
  return { inputs: pre.outputColumns, outputs: k, contributions, intercept: bias, n }
}
