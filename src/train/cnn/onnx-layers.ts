import type { LayersModel } from '@tensorflow/tfjs'
import type { CnnLayer } from '../onnx/export-cnn.js'

type Pair = [number, number]
const pair = (v: unknown): Pair =>
  Array.isArray(v) ? [v[0] as number, v[1] as number] : [v as number, v as number]

/**
 * The layers buildCnn makes, with their weights, as the ONNX export's plain description. Any other layer (or
 * option buildCnn never sets, such as dilation) is refused rather than exported wrong.
 */
export function cnnLayersOf(model: LayersModel): CnnLayer[] {
  const out: CnnLayer[] = []
  for (const layer of model.layers) {
    const config = layer.getConfig()
    const weights = layer.getWeights().map((w) => ({ shape: w.shape, data: w.dataSync() as Float32Array }))
    const kind = layer.getClassName()
    if (kind === 'Conv2D') {
      if (pair(config.dilationRate ?? 1).some((d) => d !== 1) || config.dataFormat === 'channelsFirst')
        throw new Error(
          `ONNX export: ${layer.name}: dilation or channels-first convolutions are not supported`,
        )
      out.push({
        kind: 'conv',
        kernel: weights[0]!.data,
        kernelShape: weights[0]!.shape as [number, number, number, number],
        bias: config.useBias ? weights[1]!.data : null,
        strides: pair(config.strides),
        padding: config.padding as 'same' | 'valid',
        activation: activationOf(layer.name, config.activation, ['relu', 'linear']) as 'relu' | 'linear',
      })
    } else if (kind === 'BatchNormalization') {
      if (!config.center || !config.scale)
        throw new Error(`ONNX export: ${layer.name}: batch norm without center and scale is not supported`)
      const [gamma, beta, mean, variance] = weights.map((w) => w.data)
      out.push({
        kind: 'batch_norm',
        gamma: gamma!,
        beta: beta!,
        mean: mean!,
        variance: variance!,
        epsilon: config.epsilon as number,
      })
    } else if (kind === 'Activation') {
      activationOf(layer.name, config.activation, ['relu'])
      out.push({ kind: 'relu' })
    } else if (kind === 'MaxPooling2D') {
      out.push({
        kind: 'max_pool',
        pool: pair(config.poolSize),
        strides: pair(config.strides ?? config.poolSize),
        padding: config.padding as 'same' | 'valid',
      })
    } else if (kind === 'Flatten') out.push({ kind: 'flatten' })
    else if (kind === 'Dense') {
      const [inputs, units] = weights[0]!.shape as Pair
      out.push({
        kind: 'dense',
        kernel: weights[0]!.data,
        bias: weights[1]!.data,
        inputs,
        units,
        activation: activationOf(layer.name, config.activation, ['relu', 'softmax', 'linear']) as
          'relu' | 'softmax' | 'linear',
      })
    } else if (kind !== 'Dropout')
      throw new Error(`ONNX export: layer ${layer.name} (${kind}) is not supported`)
  }
  return out
}

function activationOf(layer: string, value: unknown, allowed: string[]): string {
  const name = typeof value === 'string' ? value : 'linear'
  if (!allowed.includes(name)) throw new Error(`ONNX export: ${layer}: activation ${name} is not supported`)
  return name
}
