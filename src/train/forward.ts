import { withArena, type Arena, type KernelBackend } from './kernels/dense-kernels.js'
import type { Activation, DenseLayer, DenseNet } from './model-types.js'

/**
 * out[rows × units] = act(input[rows × inputs] · kernel + bias), row-major, with the layer's arrays and the
 * buffers all views of `arena`. ReLU is applied as the product is stored; other activations afterwards.
 */
export function forwardLayer(
  arena: Arena,
  layer: DenseLayer,
  input: Float64Array,
  rows: number,
  out: Float64Array,
): void {
  const { kernel, bias, inputs, units, activation } = layer
  arena.gemm(
    rows,
    units,
    inputs,
    input,
    inputs,
    1,
    kernel,
    units,
    out,
    units,
    bias,
    activation === 'relu' ? 'relu' : 'none',
  )
  if (activation !== 'relu') activate(activation, out, rows, units)
}

export function activate(activation: Activation, z: Float64Array, rows: number, units: number): void {
  const len = rows * units
  switch (activation) {
    case 'relu':
      for (let i = 0; i < len; i++) if (z[i]! < 0) z[i] = 0
      break
    case 'tanh':
      for (let i = 0; i < len; i++) z[i] = Math.tanh(z[i]!)
      break
    case 'sigmoid':
      for (let i = 0; i < len; i++) z[i] = 1 / (1 + Math.exp(-z[i]!))
      break
    case 'softmax':
      for (let i = 0; i < rows; i++) {
        const o = i * units
        let max = -Infinity
        for (let j = 0; j < units; j++) max = Math.max(max, z[o + j]!)
        let sum = 0
        for (let j = 0; j < units; j++) {
          const e = Math.exp(z[o + j]! - max)
          z[o + j] = e
          sum += e
        }
        for (let j = 0; j < units; j++) z[o + j] = z[o + j]! / sum
      }
      break
    case 'linear':
      break
  }
}

/**
 * Run `count` rows of x (count × inputs) through layers whose arrays live in the arena, `acts[l]` holding
 * up to acts[0].length / inputs rows of layer l's input, and write the outputs to `out` (count × units).
 */
export function forwardRows(
  arena: Arena,
  layers: readonly DenseLayer[],
  acts: readonly Float64Array[],
  x: Float64Array,
  count: number,
  out: Float64Array,
): void {
  const inputs = layers[0]!.inputs
  const units = layers[layers.length - 1]!.units
  const block = Math.floor(acts[0]!.length / inputs)
  for (let start = 0; start < count; start += block) {
    const rows = Math.min(block, count - start)
    acts[0]!.set(x.subarray(start * inputs, (start + rows) * inputs))
    for (let l = 0; l < layers.length; l++) forwardLayer(arena, layers[l]!, acts[l]!, rows, acts[l + 1]!)
    out.set(acts[layers.length]!.subarray(0, rows * units), start * units)
  }
}

/**
 * The network's outputs for n rows (n × last layer's units), in blocks to bound memory. The same sums in the
 * same order as the training loop's forward pass, on either kernel backend: bit-identical results.
 */
export function predictNet(
  net: DenseNet,
  x: Float64Array,
  n: number,
  blockRows = 4096,
  backend?: KernelBackend,
): Float64Array {
  const last = net.layers[net.layers.length - 1]!
  const out = new Float64Array(n * last.units)
  if (n === 0) return out
  const block = Math.min(blockRows, n)
  const sizes = [net.layers[0]!.inputs, ...net.layers.map((l) => l.units)]
  return withArena((arena) => {
    const views = arena.allocate([
      ...net.layers.flatMap((l) => [l.kernel.length, l.units]),
      ...sizes.map((s) => block * s),
    ])
    const layers = net.layers.map((l, i): DenseLayer => {
      const kernel = views[2 * i]!
      const bias = views[2 * i + 1]!
      kernel.set(l.kernel)
      bias.set(l.bias)
      return { ...l, kernel, bias }
    })
    forwardRows(arena, layers, views.slice(2 * net.layers.length), x, n, out)
    return out
  }, backend)
}
