import type { LayersModel } from '@tensorflow/tfjs'
import type { RawTable } from '../../data/csv.js'
import { isImageTable, type ImageInput } from '../../data/images/image-dataset.js'
import { UserError } from '../../errors.js'
import type { FamilyEnv, FitInput, Fitted, ModelFamily, Scorer, StoredModel } from '../family.js'
import { loadTfModel, MODEL_JSON, saveLayersModel, WEIGHTS_BIN } from '../model-io.js'
import type { TfRuntime } from '../tf-runtime.js'
import { registerWasmConvFilterGrad } from './conv-filter-grad.js'
import { fitCnn, gatherImages } from './fit.js'
import { cnnLayersOf } from './onnx-layers.js'
import { exportCnnOnnx } from '../onnx/export-cnn.js'
import { ONNX_FILE } from '../onnx/export.js'
import { VERSION } from '../../version.js'

/**
 * `model.type: cnn` on `data.type: images`: the family gets the image set through the data set's tables (an
 * ImageTable: rows are images, the pixels alongside), trains with TensorFlow.js and stores the tfjs layers
 * format (model.json + weights.bin) and the same network as model.onnx. Its meta records how inputs were made (size, channels, scale), so a
 * stored model refuses images prepared another way and `predict` decodes new files the same way.
 */
export const cnnFamily: ModelFamily = {
  types: ['cnn'],
  retrain: 'seeds',
  fit: fitCnnFamily,
  load: loadCnn,
}

/** Images scored per predict call: large blocks, since wasm copies the whole input on every internal slice. */
const SCORE_BLOCK = 1024

async function runtimeFor(env: FamilyEnv): Promise<TfRuntime> {
  const runtime = await env.tf()
  // The wasm backend lacks the convolution's filter gradient; harmless elsewhere (other backends have it).
  if (runtime.backend === 'wasm') registerWasmConvFilterGrad(runtime.tf)
  return runtime
}

async function fitCnnFamily(input: FitInput, env: FamilyEnv): Promise<Fitted> {
  const { spec, dataset, seed, logger } = input
  const config = spec.model
  const table = dataset.train.table
  if (config.type !== 'cnn' || !isImageTable(table))
    throw new UserError(`${spec.specFile}: model.type: cnn trains on data.type: images`)
  if (config.epochs > spec.limits.max_epochs)
    throw new UserError(
      `${spec.specFile}: model.epochs ${config.epochs} is over limits.max_epochs ${spec.limits.max_epochs}; lower it or raise limits.max_epochs in the spec`,
    )
  const runtime = await runtimeFor(env)
  const { model, summary } = await fitCnn(runtime.tf, config, table.images, dataset.train.rows, seed, logger)
  const parameters = model.countParams()
  if (parameters > spec.limits.max_parameters) {
    model.dispose()
    throw new UserError(
      `${spec.specFile}: the CNN has ${parameters.toLocaleString('en-US')} parameters, over limits.max_parameters ${spec.limits.max_parameters.toLocaleString('en-US')}; make it smaller or raise limits.max_parameters in the spec`,
    )
  }
  const files = {
    ...(await saveLayersModel(runtime.tf, model)),
    // The same network with its input scaling, for any ONNX Runtime (README "Every modelgate-trained model as ONNX").
    [ONNX_FILE]: exportCnnOnnx(cnnLayersOf(model), table.input, table.images.classes.length, VERSION),
  }
  const meta: CnnMeta = { input: table.input }
  return {
    files: () => Promise.resolve(files),
    summary,
    meta: meta as unknown as Record<string, unknown>,
    scorer: imageScorer(runtime, model, meta.input, 'challenger'),
  }
}

interface CnnMeta {
  input: ImageInput
}

function describeInput(input: ImageInput): string {
  return `${input.height}×${input.width}×${input.channels} (scale ${input.scale})`
}

/** Scores an ImageTable's rows: n × K softmax probabilities, the multiclass predictions of every family. */
function imageScorer(runtime: TfRuntime, model: LayersModel, input: ImageInput, label: string): Scorer {
  const { tf } = runtime
  const score = (table: RawTable, rows: Uint32Array): Float64Array => {
    if (!isImageTable(table))
      throw new UserError(`${label}: an image model (model.type: cnn) scores images, not table rows`)
    if (describeInput(table.input) !== describeInput(input))
      throw new UserError(
        `${label}: the model takes images of ${describeInput(input)} but these were prepared as ${describeInput(table.input)} (data.size, data.channels, data.scale differ)`,
      )
    const { images } = table
    const classes = (model.outputs[0]!.shape[1] as number | null) ?? 0
    const out = new Float64Array(rows.length * classes)
    for (let from = 0; from < rows.length; from += SCORE_BLOCK) {
      const to = Math.min(from + SCORE_BLOCK, rows.length)
      const block = tf.tidy(() => {
        const x = tf.tensor4d(gatherImages(images, rows, from, to), [
          to - from,
          input.height,
          input.width,
          input.channels,
        ])
        return (model.predict(x, { batchSize: to - from }) as ReturnType<typeof tf.tensor2d>).dataSync()
      })
      out.set(block, from * classes)
    }
    return out
  }
  return {
    runtime: `tfjs ${runtime.version} (${runtime.backend})`,
    // A rejected promise, not a throw, for rows it cannot score (callers await it).
    score: (table, rows) =>
      new Promise((resolve) =>
        resolve({ predictions: score(table, rows), notes: { imputed: {}, unseen: {} } }),
      ),
    dispose: () => model.dispose(),
  }
}

async function loadCnn(stored: StoredModel, env: FamilyEnv): Promise<Scorer> {
  const meta = stored.meta as Partial<CnnMeta>
  if (!meta.input || typeof meta.input.height !== 'number')
    throw new UserError(`${stored.label}: preprocess.json records no image input (not a cnn run's files)`)
  const runtime = await runtimeFor(env)
  const model = await loadTfModel(
    runtime.tf,
    await stored.read(MODEL_JSON),
    await stored.read(WEIGHTS_BIN),
    stored.label,
  )
  return imageScorer(runtime, model, meta.input, stored.label)
}
