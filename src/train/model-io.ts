import type { LayersModel } from '@tensorflow/tfjs'
import { UserError } from '../errors.js'
import type { DenseNet } from './model-types.js'
import type { Tf } from './tf-runtime.js'
import { MODEL_JSON, WEIGHTS_BIN } from './dense/layers-format.js'

/**
 * Models are stored in the tfjs layers format — model.json (topology + weights manifest) and weights.bin —
 * exactly what `model.save('file://…')` writes, so any tfjs user can `tf.loadLayersModel` a run's model.
 */
export { MODEL_JSON, WEIGHTS_BIN } from './dense/layers-format.js'

export function buildTfModel(tf: Tf, net: DenseNet): LayersModel {
  // A fixed name: tfjs would number unnamed models (sequential_1, _2, …) and the bytes would depend on history.
  const model = tf.sequential({ name: 'modelgate' })
  net.layers.forEach((layer, l) => {
    model.add(
      tf.layers.dense({
        units: layer.units,
        activation: layer.activation,
        ...(l === 0 ? { inputShape: [layer.inputs] } : {}),
        name: `dense_${l + 1}`,
      }),
    )
    if (net.dropout > 0 && l + 1 < net.layers.length)
      model.add(tf.layers.dropout({ rate: net.dropout, name: `dropout_${l + 1}` }))
  })
  const weights = net.layers.flatMap((layer) => [
    tf.tensor2d(Float32Array.from(layer.kernel), [layer.inputs, layer.units]),
    tf.tensor1d(Float32Array.from(layer.bias)),
  ])
  model.setWeights(weights)
  weights.forEach((w) => w.dispose())
  return model
}

/** Serialise a model to the two files of the layers format. */
export async function saveTfModel(tf: Tf, net: DenseNet): Promise<Record<string, Uint8Array>> {
  const model = buildTfModel(tf, net)
  try {
    return await saveLayersModel(tf, model)
  } finally {
    model.dispose()
  }
}

/** Any layers model (the dense nets, the CNN) as model.json + weights.bin, byte-for-byte reproducible. */
export async function saveLayersModel(tf: Tf, model: LayersModel): Promise<Record<string, Uint8Array>> {
  let files: Record<string, Uint8Array> = {}
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      const data = artifacts.weightData
      const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data]
      const weights = Buffer.concat(buffers.map((b) => new Uint8Array(b)))
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: null,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs }],
      }
      files = {
        [MODEL_JSON]: new TextEncoder().encode(JSON.stringify(modelJson)),
        [WEIGHTS_BIN]: new Uint8Array(weights),
      }
      return Promise.resolve({
        modelArtifactsInfo: {
          dateSaved: new Date(0),
          modelTopologyType: 'JSON',
          weightDataBytes: weights.length,
        },
      })
    }),
  )
  return files
}

export async function loadTfModel(
  tf: Tf,
  modelJson: Uint8Array,
  weights: Uint8Array,
  where: string,
): Promise<LayersModel> {
  let parsed: { modelTopology?: object; weightsManifest?: { weights: unknown[] }[] }
  try {
    parsed = JSON.parse(new TextDecoder().decode(modelJson)) as typeof parsed
  } catch {
    throw new UserError(`${where}/${MODEL_JSON}: not valid JSON`)
  }
  if (!parsed.modelTopology || !parsed.weightsManifest)
    throw new UserError(`${where}/${MODEL_JSON}: not a tfjs layers model`)
  const weightSpecs = parsed.weightsManifest.flatMap((g) => g.weights) as NonNullable<
    Parameters<typeof tf.io.fromMemory>[1]
  >
  const buffer = weights.buffer.slice(
    weights.byteOffset,
    weights.byteOffset + weights.byteLength,
  ) as ArrayBuffer
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs, weightData: buffer }),
  )
}

/**
 * Predict n rows in blocks: one tensor and one `model.predict` call per block. The wasm backend copies the
 * whole input on every internal slice, so tfjs's own small batches are far slower than large blocks.
 */
export function predictTf(
  tf: Tf,
  model: LayersModel,
  x: Float64Array,
  n: number,
  d: number,
  blockRows = 65536,
): Float64Array {
  const units = (model.outputs[0]!.shape[1] as number | null) ?? 1
  const out = new Float64Array(n * units)
  for (let start = 0; start < n; start += blockRows) {
    const rows = Math.min(blockRows, n - start)
    const block = tf.tidy(() => {
      const input = tf.tensor2d(Float32Array.from(x.subarray(start * d, (start + rows) * d)), [rows, d])
      return (model.predict(input, { batchSize: rows }) as ReturnType<typeof tf.tensor2d>).dataSync()
    })
    out.set(block, start * units)
  }
  return out
}
