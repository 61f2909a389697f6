import type { LayersModel } from '@tensorflow/tfjs'
import { transform } from '../../data/preprocess.js'
import { UserError } from '../../errors.js'
import type { FamilyEnv, FitInput, Fitted, ModelFamily, Scorer, StoredModel } from '../family.js'
import { predictNet } from '../forward.js'
import { loadTfModel, predictTf } from '../model-io.js'
import { predictFloat32 } from './float32-forward.js'
import { MODEL_JSON, readLayersModel, WEIGHTS_BIN, writeLayersModel } from './layers-format.js'
import type { DenseNet } from '../model-types.js'
import type { TfRuntime } from '../tf-runtime.js'
import { trainModel } from '../train.js'
import { exportOnnx, ONNX_FILE } from '../onnx/export.js'
import { VERSION } from '../../version.js'

/**
 * modelgate's own models, a stack of dense layers on the preprocessed matrix: `logistic` and `linear` (one
 * layer, L-BFGS) and `mlp` (minibatch Adam/SGD). Stored as a tfjs layers model (model.json + weights.bin).
 */
const dense = {
  fit: (input: FitInput) => Promise.resolve(fitDense(input)),
  load: loadDense,
}

/** Logistic and linear models are convex (a seed changes nothing): calibration retrains on bootstrap draws. */
export const linearFamily: ModelFamily = { types: ['logistic', 'linear'], retrain: 'bootstrap', ...dense }
export const mlpFamily: ModelFamily = { types: ['mlp'], retrain: 'seeds', ...dense }

function fitDense(input: FitInput): Fitted {
  const { spec, training, seed, weight, logger, validationScore } = input
  const data = weight ? { ...training, weight } : training
  const { net, summary } = trainModel({ ...spec.model, seed }, data, logger, validationScore)
  return {
    files: () =>
      Promise.resolve({
        ...writeLayersModel(net),
        // The same model with its preprocessing, for any ONNX Runtime (README "Bring your own model").
        [ONNX_FILE]: exportOnnx(net, input.preprocessor, input.dataset.target, VERSION),
      }),
    summary,
    scorer: inMemoryScorer(input, net),
  }
}

/** The trained net in float64, the same sums as training: calibration scores its retrains with it. */
function inMemoryScorer(input: FitInput, net: DenseNet): Scorer {
  return {
    runtime: 'modelgate forward pass (float64)',
    score: (table, rows) => {
      const { x, n, notes } = transform(input.preprocessor, table, rows)
      return Promise.resolve({ predictions: predictNet(net, x, n), notes })
    },
    dispose: () => {},
  }
}

/**
 * A stored dense model scores without TensorFlow.js when its files are modelgate's own stack of dense layers
 * (float32, as tfjs would); any other layers model (one written by hand or by another tool) goes to tfjs.
 */
async function loadDense(stored: StoredModel, env: FamilyEnv): Promise<Scorer> {
  const modelJson = await stored.read(MODEL_JSON)
  const weights = await stored.read(WEIGHTS_BIN)
  const net = readLayersModel(modelJson, weights, stored.label)
  if (net) {
    return {
      runtime: 'modelgate forward pass (float32, as tfjs)',
      score: (table, rows) => {
        const { x, n, d, notes } = transform(stored.preprocessor, table, rows)
        checkInputs(stored.label, net.layers[0]!.inputs, d)
        return Promise.resolve({ predictions: predictFloat32(net, x, n), notes })
      },
      dispose: () => {},
    }
  }
  const runtime: TfRuntime = await env.tf()
  const model: LayersModel = await loadTfModel(runtime.tf, modelJson, weights, stored.label)
  return {
    runtime: `tfjs ${runtime.version} (${runtime.backend})`,
    score: (table, rows) => {
      const { x, n, d, notes } = transform(stored.preprocessor, table, rows)
      checkInputs(stored.label, (model.inputs[0]!.shape[1] as number | null) ?? d, d)
      return Promise.resolve({ predictions: predictTf(runtime.tf, model, x, n, d), notes })
    },
    dispose: () => model.dispose(),
  }
}

function checkInputs(label: string, expected: number, d: number): void {
  if (expected !== d) {
    throw new UserError(
      `${label}: the model expects ${expected} inputs but its preprocessing produced ${d}; the run's files do not belong together`,
    )
  }
}
