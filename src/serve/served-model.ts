import type { RawTable } from '../data/csv.js'
import type { TargetEncoding } from '../data/dataset.js'
import { transform, type Preprocessor, type TransformNotes } from '../data/preprocess.js'
import { UserError } from '../errors.js'
import { MODEL_DIR, readScoringBundle } from '../evaluate/score.js'
import type { RunMeta } from '../pipeline/types.js'
import type { Registry } from '../store/registry.js'
import { loadTfModel, MODEL_JSON, predictTf, WEIGHTS_BIN } from '../train/model-io.js'
import type { TfRuntime } from '../train/tf-runtime.js'
import { predictFloat32 } from '../train/dense/float32-forward.js'
import { readLayersModel } from '../train/dense/layers-format.js'

/**
 * THE one seam between serving and the model families: everything in src/serve sees a model only through
 * this interface. It reads the run's files sha256-checked (as `modelgate predict` does) and scores them as the
 * dense family does (src/train/dense/family.ts), synchronously for the batcher.
 */
export interface ServedModel {
  name: string
  runId: string
  /** The run's model type from its manifest ("logistic", "linear", "mlp", …). */
  family: string
  target: TargetEncoding
  preprocessor: Preprocessor
  /** Binary: P(positive) per row; multiclass: n × K probabilities; regression: values. */
  score(table: RawTable): { predictions: Float64Array; notes: TransformNotes }
  /** Exact per-input contributions, or null when the family has no explanation yet. */
  explain: ((table: RawTable) => LinearExplanation) | null
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
const DENSE_FAMILIES = new Set(['logistic', 'linear', 'mlp'])

/**
 * Load a run fully (every file checked against its manifest) into a ServedModel. Serving scores synchronously
 * in its batcher, so it reads the dense family's stored tfjs model itself; runs of other families (external
 * train commands, whose scorers are asynchronous) are refused with a clear message.
 */
export async function loadServedModel(
  registry: Registry,
  runtime: TfRuntime,
  name: string,
  runId: string,
): Promise<ServedModel> {
  const manifest = await registry.readManifest<RunMeta>(name, runId)
  const family = (manifest.meta as Partial<RunMeta>).modelType ?? 'unknown'
  if (!DENSE_FAMILIES.has(family))
    throw new UserError(
      `run ${runId} of ${name} is a ${family} model; modelgate serve serves logistic, linear and mlp runs (score other families with modelgate predict)`,
    )
  const read = (p: string): Promise<Uint8Array> => registry.readRunFile(manifest, p)
  const bundle = await readScoringBundle(read, `run ${runId}`)
  const modelJson = await read(`${MODEL_DIR}/${MODEL_JSON}`)
  const weightsBin = await read(`${MODEL_DIR}/${WEIGHTS_BIN}`)
  // modelgate's own dense stacks score as `modelgate predict` does (the dense family's float32 forward
  // pass, the same numbers); any other layers model goes to tfjs.
  const net = readLayersModel(modelJson, weightsBin, `run ${runId}`)
  const model = net ? null : await loadTfModel(runtime.tf, modelJson, weightsBin, `run ${runId}`)
  let explain: ServedModel['explain'] = null
  // One dense layer (kernel, bias): the exact linear decomposition holds. (getWeights returns the model's own
  // tensors: read, never disposed here.)
  const weights = net
    ? net.layers.flatMap((l) => [l.kernel, l.bias])
    : model!.getWeights().map((w) => Float64Array.from(w.dataSync()))
  if (LINEAR_FAMILIES.has(family) && weights.length === 2) {
    const [kernel, bias] = weights
    explain = (table) => explainLinear(bundle.preprocessor, kernel!, bias!, table)
  }
  return {
    name,
    runId,
    family,
    target: bundle.target,
    preprocessor: bundle.preprocessor,
    score: (table) => {
      const rows = Uint32Array.from({ length: table.rowCount }, (_, i) => i)
      const { x, n, d, notes } = transform(bundle.preprocessor, table, rows)
      const predictions = net ? predictFloat32(net, x, n) : predictTf(runtime.tf, model!, x, n, d)
      return { predictions, notes }
    },
    explain,
    dispose: () => model?.dispose(),
  }
}

/** contributions[i, j, k] = x[i, j] · W[j, k] for the one dense layer; Σ_j + intercept[k] = the logit. */
function explainLinear(
  pre: Preprocessor,
  kernel: Float64Array,
  bias: Float64Array,
  table: RawTable,
): LinearExplanation {
  const rows = Uint32Array.from({ length: table.rowCount }, (_, i) => i)
  const { x, n, d } = transform(pre, table, rows)
  const k = bias.length
  const contributions = new Float64Array(n * d * k)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j]!
      for (let c = 0; c < k; c++) contributions[(i * d + j) * k + c] = v * kernel[j * k + c]!
    }
  return { inputs: pre.outputColumns, outputs: k, contributions, intercept: bias, n }
}
