import { predictNet } from '../forward.js'
import type { DenseNet } from '../model-types.js'

/**
 * A stored model's predictions as tfjs computes them, without tfjs: the inputs rounded to float32 (tfjs's
 * `tensor2d(Float32Array)`), the weights float32 (as stored), and every layer's outputs rounded to float32
 * before the next layer reads them. Within a layer the sums run in float64 (modelgate's kernels), so a
 * prediction differs from tfjs's float32 arithmetic only by tfjs's own rounding (≤ 1e-6, tested against
 * tfjs in __tests__/dense-layers-format.test.ts). Blocks of rows bound the memory to a few MB.
 */
export function predictFloat32(net: DenseNet, x: Float64Array, n: number, blockRows = 8192): Float64Array {
  const inputs = net.layers[0]!.inputs
  const units = net.layers[net.layers.length - 1]!.units
  const out = new Float64Array(n * units)
  const single = net.layers.map((layer) => ({ layers: [layer], dropout: 0 }))
  const block = new Float64Array(Math.min(blockRows, n) * inputs)
  for (let start = 0; start < n; start += blockRows) {
    const rows = Math.min(blockRows, n - start)
    const source = x.subarray(start * inputs, (start + rows) * inputs)
    let act: Float64Array = block.subarray(0, rows * inputs)
    for (let i = 0; i < act.length; i++) act[i] = Math.fround(source[i]!)
    for (const layer of single) {
      act = predictNet(layer, act, rows, rows)
      for (let i = 0; i < act.length; i++) act[i] = Math.fround(act[i]!)
    }
    out.set(act, start * units)
  }
  return out
}
