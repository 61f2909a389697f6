import { appendDenseLayers, type DenseWeights } from './export.js'
import { FLOAT, floatTensor, modelProto, node, tensorInfo } from './graph.js'

/**
 * A modelgate CNN as a self-contained ONNX graph (opset 13), so any ONNX Runtime scores images as `modelgate
 * predict` does:
 *   input    "image": float [N, H, W, C], channels last as tfjs and the decoders lay pixels out, values 0–255:
 *            the decoded image after channel conversion (gray = BT.601 luma) and resizing to H × W, before
 *            any scaling
 *   scaling  ÷ 255 (data.scale: unit), then × 2 − 1 (symmetric), inside the graph
 *   network  Transpose to NCHW; per layer Conv (kernels transposed from tfjs's [kh, kw, in, out] to ONNX's
 *            [out, in, kh, kw], "same" padding as explicit pads), BatchNormalization (inference: moving mean and
 *            variance), Relu, MaxPool; Transpose back to NHWC before Flatten so the dense kernels keep tfjs's
 *            row order; MatMul + Add + Relu per dense layer; Softmax. Dropout is absent (inactive at inference)
 *   output   "probabilities" [N, classes] in class order
 */
export type CnnLayer =
  | {
      kind: 'conv'
      /** tfjs layout: [kh, kw, in, out], row-major. */
      kernel: Float32Array
      kernelShape: [number, number, number, number]
      bias: Float32Array | null
      strides: [number, number]
      padding: 'same' | 'valid'
      activation: 'relu' | 'linear'
    }
  | {
      kind: 'batch_norm'
      gamma: Float32Array
      beta: Float32Array
      mean: Float32Array
      variance: Float32Array
      epsilon: number
    }
  | { kind: 'relu' }
  | { kind: 'max_pool'; pool: [number, number]; strides: [number, number]; padding: 'same' | 'valid' }
  | { kind: 'flatten' }
  | ({ kind: 'dense' } & DenseWeights)

export interface CnnInput {
  height: number
  width: number
  channels: number
  scale: 'unit' | 'symmetric'
}

/** tfjs's padding for one spatial axis: [before, after] (SAME puts the odd pixel after, as TensorFlow does). */
function pads(
  size: number,
  window: number,
  stride: number,
  padding: 'same' | 'valid',
): [number, number, number] {
  if (padding === 'valid') return [0, 0, Math.floor((size - window) / stride) + 1]
  const out = Math.ceil(size / stride)
  const total = Math.max((out - 1) * stride + window - size, 0)
  return [Math.floor(total / 2), total - Math.floor(total / 2), out]
}

/** [kh, kw, in, out] → [out, in, kh, kw]. */
function toOihw(kernel: Float32Array, [kh, kw, cin, cout]: [number, number, number, number]): Float32Array {
  const out = new Float32Array(kernel.length)
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++)
          out[((o * cin + i) * kh + y) * kw + x] = kernel[((y * kw + x) * cin + i) * cout + o]!
  return out
}

export function exportCnnOnnx(
  layers: readonly CnnLayer[],
  input: CnnInput,
  classes: number,
  producerVersion: string,
): Uint8Array {
  const nodes: Uint8Array[] = []
  const initializers: Uint8Array[] = [floatTensor('pixel_max', [], [255])]
  nodes.push(node('Div', ['image', 'pixel_max'], ['unit']))
  let h = 'unit'
  if (input.scale === 'symmetric') {
    initializers.push(floatTensor('two', [], [2]), floatTensor('one', [], [1]))
    nodes.push(node('Mul', [h, 'two'], ['doubled']), node('Sub', ['doubled', 'one'], ['symmetric']))
    h = 'symmetric'
  }
  nodes.push(node('Transpose', [h], ['nchw'], [{ name: 'perm', ints: [0, 3, 1, 2] }]))
  h = 'nchw'
  let [height, width, channels] = [input.height, input.width, input.channels]
  const dense: DenseWeights[] = []
  layers.forEach((layer, l) => {
    const name = `${layer.kind}_${l + 1}`
    if (dense.length && layer.kind !== 'dense')
      throw new Error(`ONNX export: a ${layer.kind} layer after the dense head is not supported`)
    switch (layer.kind) {
      case 'conv': {
        const [kh, kw, cin, cout] = layer.kernelShape
        const [top, bottom, outH] = pads(height, kh, layer.strides[0], layer.padding)
        const [left, right, outW] = pads(width, kw, layer.strides[1], layer.padding)
        initializers.push(
          floatTensor(`${name}_w`, [cout, cin, kh, kw], toOihw(layer.kernel, layer.kernelShape)),
        )
        const inputs = [h, `${name}_w`]
        if (layer.bias) {
          initializers.push(floatTensor(`${name}_b`, [cout], layer.bias))
          inputs.push(`${name}_b`)
        }
        nodes.push(
          node(
            'Conv',
            inputs,
            [name],
            [
              { name: 'kernel_shape', ints: [kh, kw] },
              { name: 'strides', ints: layer.strides },
              { name: 'pads', ints: [top, left, bottom, right] },
            ],
          ),
        )
        h = name
        if (layer.activation === 'relu') {
          nodes.push(node('Relu', [h], [`${name}_relu`]))
          h = `${name}_relu`
        }
        ;[height, width, channels] = [outH, outW, cout]
        break
      }
      case 'batch_norm':
        initializers.push(
          floatTensor(`${name}_gamma`, [channels], layer.gamma),
          floatTensor(`${name}_beta`, [channels], layer.beta),
          floatTensor(`${name}_mean`, [channels], layer.mean),
          floatTensor(`${name}_variance`, [channels], layer.variance),
        )
        nodes.push(
          node(
            'BatchNormalization',
            [h, `${name}_gamma`, `${name}_beta`, `${name}_mean`, `${name}_variance`],
            [name],
            [{ name: 'epsilon', float: layer.epsilon }],
          ),
        )
        h = name
        break
      case 'relu':
        nodes.push(node('Relu', [h], [name]))
        h = name
        break
      case 'max_pool': {
        const [top, bottom, outH] = pads(height, layer.pool[0], layer.strides[0], layer.padding)
        const [left, right, outW] = pads(width, layer.pool[1], layer.strides[1], layer.padding)
        nodes.push(
          node(
            'MaxPool',
            [h],
            [name],
            [
              { name: 'kernel_shape', ints: layer.pool },
              { name: 'strides', ints: layer.strides },
              { name: 'pads', ints: [top, left, bottom, right] },
            ],
          ),
        )
        h = name
        ;[height, width] = [outH, outW]
        break
      }
      case 'flatten':
        // tfjs flattens channels-last: back to NHWC first, so dense kernels apply to the same order.
        nodes.push(
          node('Transpose', [h], [`${name}_nhwc`], [{ name: 'perm', ints: [0, 2, 3, 1] }]),
          node('Flatten', [`${name}_nhwc`], [name], [{ name: 'axis', int: 1 }]),
        )
        h = name
        break
      case 'dense':
        dense.push(layer)
        break
    }
  })
  if (dense.length === 0) throw new Error('ONNX export: the CNN has no dense output layer')
  h = appendDenseLayers(dense, h, nodes, initializers)
  nodes.push(node('Identity', [h], ['probabilities']))
  return modelProto({
    nodes,
    initializers,
    inputs: [tensorInfo('image', FLOAT, ['N', input.height, input.width, input.channels])],
    output: tensorInfo('probabilities', FLOAT, ['N', classes]),
    producerVersion,
    ml: false,
  })
}
