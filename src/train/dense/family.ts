import type { LayersModel } from '@tensorflow/tfjs'
import { transform } from '../../data/preprocess.js'
import { UserError } from '../../errors.js'
import type { FamilyEnv, FitInput, Fitted, ModelFamily, Scorer, StoredModel } from '../family.js'
import { predictNet } from '../forward.js'
import { loadTfModel, MODEL_JSON, predictTf, saveTfModel, WEIGHTS_BIN } from '../model-io.js'
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
  fit: (input: FitInput, env: FamilyEnv) => Promise.resolve(fitDense(input, env)),
  load: loadDense,
}

/** Logistic and linear models are convex (a seed changes nothing): calibration retrains on bootstrap draws. */
export const linearFamily: ModelFamily = { types: ['logistic', 'linear'], retrain: 'bootstrap', ...dense }
export const mlpFamily: ModelFamily = { types: ['mlp'], retrain: 'seeds', ...dense }

function fitDense(input: FitInput, env: FamilyEnv): Fitted {
  const { spec, training, seed, weight, logger, validationScore } = input
  const data = weight ? { ...training, weight } : training
  const { net, summary } = trainModel({ ...spec.model, seed }, data, logger, validationScore)
  return {
    files: async () => ({
      ...(await saveTfModel((await env.tf()).tf, net)),
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

async function loadDense(stored: StoredModel, env: FamilyEnv): Promise<Scorer> {
  const runtime: TfRuntime = await env.tf()
  const model: LayersModel = await loadTfModel(
    runtime.tf,
    await stored.read(MODEL_JSON),
    await stored.read(WEIGHTS_BIN),
    stored.label,
  )
  return {
    runtime: `tfjs ${runtime.version} (${runtime.backend})`,
    score: (table, rows) => {
      const { x, n, d, notes } = transform(stored.preprocessor, table, rows)
      const expected = (model.inputs[0]!.shape[1] as number | null) ?? d
      if (expected !== d) {
        throw new UserError(
          `${stored.label}: the model expects ${expected} inputs but its preprocessing produced ${d}; the run's files do not belong together`,
        )
      }
      return Promise.resolve({ predictions: predictTf(runtime.tf, model, x, n, d), notes })
    },
    dispose: () => model.dispose(),
  }
}
