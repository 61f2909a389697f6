import { UserError } from '../../errors.js'
import type { Activation, DenseLayer, DenseNet } from '../model-types.js'

/**
 * The tfjs layers format (model.json + weights.bin) of modelgate's dense nets, written and read without
 * TensorFlow.js: starting tfjs costs 0.5–1.7 s per process, far more than scoring a few thousand rows.
 * The bytes are exactly what `tf.sequential` + `model.save` write for the same net (checked against tfjs in
 * __tests__/dense-layers-format.test.ts), so any tfjs user can still `tf.loadLayersModel` a run's model.
 */
export const MODEL_JSON = 'model.json'
export const WEIGHTS_BIN = 'weights.bin'

/** The tfjs-layers version whose output is reproduced (the test checks it is the installed one). */
export const TFJS_LAYERS_VERSION = '4.22.0'

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'softmax', 'linear']

/** tfjs's config of a Dense layer, keys in tfjs's order (JSON.stringify keeps insertion order). */
function denseConfig(layer: DenseLayer, index: number): Record<string, unknown> {
  return {
    units: layer.units,
    activation: layer.activation,
    use_bias: true,
    kernel_initializer: {
      class_name: 'VarianceScaling',
      config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null },
    },
    bias_initializer: { class_name: 'Zeros', config: {} },
    kernel_regularizer: null,
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    bias_constraint: null,
    name: `dense_${index + 1}`,
    trainable: true,
    ...(index === 0 ? { batch_input_shape: [null, layer.inputs], dtype: 'float32' } : {}),
  }
}

/** model.json and weights.bin of a net, as tfjs writes them (weights rounded to float32). */
export function writeLayersModel(net: DenseNet): Record<string, Uint8Array> {
  const layers: object[] = []
  net.layers.forEach((layer, l) => {
    layers.push({ class_name: 'Dense', config: denseConfig(layer, l) })
    if (net.dropout > 0 && l + 1 < net.layers.length)
      layers.push({
        class_name: 'Dropout',
        config: {
          rate: net.dropout,
          noise_shape: null,
          seed: null,
          name: `dropout_${l + 1}`,
          trainable: true,
        },
      })
  })
  const weights = net.layers.flatMap((layer, l) => [
    { name: `dense_${l + 1}/kernel`, shape: [layer.inputs, layer.units], dtype: 'float32' },
    { name: `dense_${l + 1}/bias`, shape: [layer.units], dtype: 'float32' },
  ])
  const modelJson = {
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'modelgate', layers },
      keras_version: `tfjs-layers ${TFJS_LAYERS_VERSION}`,
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${TFJS_LAYERS_VERSION}`,
    convertedBy: null,
    weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights }],
  }
  const total = net.layers.reduce((s, layer) => s + layer.kernel.length + layer.bias.length, 0)
  const values = new Float32Array(total)
  let offset = 0
  for (const layer of net.layers) {
    values.set(layer.kernel, offset)
    offset += layer.kernel.length
    values.set(layer.bias, offset)
    offset += layer.bias.length
  }
  return {
    [MODEL_JSON]: new TextEncoder().encode(JSON.stringify(modelJson)),
    [WEIGHTS_BIN]: new Uint8Array(values.buffer),
  }
}

interface TopologyLayer {
  class_name?: unknown
  config?: { units?: unknown; activation?: unknown; use_bias?: unknown; batch_input_shape?: unknown }
}
interface WeightSpec {
  name?: unknown
  shape?: unknown
  dtype?: unknown
  quantization?: unknown
}

/**
 * The dense net stored in a layers model, its weights as float32 values (held in float64 arrays), or null
 * when the files describe something other than a Sequential stack of biased Dense layers (and inactive
 * Dropout) with plain float32 weights — a model this reader does not know, left to tfjs.
 * Malformed files (not JSON, weights.bin of the wrong size) are a UserError naming the file.
 */
export function readLayersModel(
  modelJson: Uint8Array,
  weightsBin: Uint8Array,
  where: string,
): DenseNet | null {
  let parsed: {
    modelTopology?: { class_name?: unknown; config?: { layers?: unknown } }
    weightsManifest?: { weights?: unknown }[]
  }
  try {
    parsed = JSON.parse(new TextDecoder().decode(modelJson)) as typeof parsed
  } catch {
    throw new UserError(`${where}/${MODEL_JSON}: not valid JSON`)
  }
  if (!parsed?.modelTopology || !Array.isArray(parsed.weightsManifest))
    throw new UserError(`${where}/${MODEL_JSON}: not a tfjs layers model`)
  const topology = parsed.modelTopology
  const specs = parsed.weightsManifest.flatMap((g): WeightSpec[] =>
    Array.isArray(g.weights) ? (g.weights as WeightSpec[]) : [],
  )
  if (topology.class_name !== 'Sequential' || !Array.isArray(topology.config?.layers)) return null
  const shapes: { inputs: number | null; units: number; activation: Activation }[] = []
  let dropout = 0
  for (const layer of topology.config.layers as TopologyLayer[]) {
    if (layer.class_name === 'Dropout') {
      dropout = Number((layer.config as { rate?: unknown } | undefined)?.rate) || 0
      continue
    }
    const config = layer.config
    const activation = config?.activation as Activation
    if (layer.class_name !== 'Dense' || config?.use_bias !== true || !ACTIVATIONS.includes(activation))
      return null
    const inputShape = config.batch_input_shape
    const inputs = Array.isArray(inputShape) && inputShape.length === 2 ? Number(inputShape[1]) : null
    shapes.push({ inputs, units: Number(config.units), activation })
  }
  if (shapes.length === 0 || shapes[0]!.inputs === null || specs.length !== 2 * shapes.length) return null
  if (specs.some((s) => s.dtype !== 'float32' || s.quantization !== undefined)) return null
  const floats = weightsBin.byteLength / 4
  const total = specs.reduce(
    (sum, s) => sum + (Array.isArray(s.shape) ? s.shape.reduce((a: number, b) => a * Number(b), 1) : NaN),
    0,
  )
  if (!Number.isInteger(floats) || total !== floats)
    throw new UserError(
      `${where}/${WEIGHTS_BIN}: ${weightsBin.byteLength} bytes, but ${MODEL_JSON} lists ${total} float32 weights (${total * 4} bytes)`,
    )
  // Copy: the bytes may sit at an offset that is not a multiple of 4 inside a larger buffer.
  const values = new Float32Array(floats)
  new Uint8Array(values.buffer).set(weightsBin)
  let offset = 0
  let inputs: number = shapes[0]!.inputs
  const layers: DenseLayer[] = []
  for (let l = 0; l < shapes.length; l++) {
    const { units, activation } = shapes[l]!
    const [kernelShape, biasShape] = [specs[2 * l]!.shape as number[], specs[2 * l + 1]!.shape as number[]]
    if (
      kernelShape.length !== 2 ||
      kernelShape[0] !== inputs ||
      kernelShape[1] !== units ||
      biasShape.length !== 1 ||
      biasShape[0] !== units
    )
      return null
    const kernel = Float64Array.from(values.subarray(offset, offset + inputs * units))
    offset += inputs * units
    const bias = Float64Array.from(values.subarray(offset, offset + units))
    offset += units
    layers.push({ kernel, bias, inputs, units, activation })
    inputs = units
  }
  return { layers, dropout }
}
