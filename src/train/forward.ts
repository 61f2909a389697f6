import type { Activation, DenseLayer, DenseNet } from './model-types.js'

/** out[B × units] = act(a[B × inputs] · kernel + bias), row-major; the inner loop runs along contiguous memory. */
export function denseForward(layer: DenseLayer, a: Float64Array, rows: number, out: Float64Array): void {
  const { kernel, bias, inputs, units } = layer
  for (let i = 0; i < rows; i++) {
    const o = i * units
    for (let j = 0; j < units; j++) out[o + j] = bias[j]!
    const ai = i * inputs
    for (let k = 0; k < inputs; k++) {
      const v = a[ai + k]!
      if (v === 0) continue
      const w = k * units
      for (let j = 0; j < units; j++) out[o + j] = out[o + j]! + v * kernel[w + j]!
    }
  }
  activate(layer.activation, out, rows, units)
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

/** The network's outputs for n rows (n × last layer's units), in blocks to bound memory. */
export function predictNet(net: DenseNet, x: Float64Array, n: number, blockRows = 4096): Float64Array {
  const last = net.layers[net.layers.length - 1]!
  const out = new Float64Array(n * last.units)
  const widest = Math.max(...net.layers.map((l) => l.units))
  let bufA = new Float64Array(blockRows * widest)
  let bufB = new Float64Array(blockRows * widest)
  const inputs = net.layers[0]!.inputs
  for (let start = 0; start < n; start += blockRows) {
    const rows = Math.min(blockRows, n - start)
    let a = x.subarray(start * inputs, (start + rows) * inputs)
    for (const layer of net.layers) {
      denseForward(layer, a, rows, bufA)
      a = bufA.subarray(0, rows * layer.units)
      ;[bufA, bufB] = [bufB, bufA]
    }
    out.set(a, start * last.units)
  }
  return out
}
