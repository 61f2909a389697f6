/**
 * modelgate's dense models written and scored without TensorFlow.js (src/train/dense/layers-format.ts,
 * float32-forward.ts), checked against tfjs itself: the files are byte-identical to what tfjs's
 * `model.save` writes, they load in tfjs, and the float32 forward pass gives tfjs's predictions within 1e-6.
 */
import { readFileSync } from 'node:fs'
import { UserError } from '../src/errors.js'
import { predictFloat32 } from '../src/train/dense/float32-forward.js'
import {
  MODEL_JSON,
  readLayersModel,
  TFJS_LAYERS_VERSION,
  WEIGHTS_BIN,
  writeLayersModel,
} from '../src/train/dense/layers-format.js'
import { loadTfModel, predictTf, saveTfModel } from '../src/train/model-io.js'
import type { Activation, DenseLayer, DenseNet } from '../src/train/model-types.js'
import { loadTf, type TfRuntime } from '../src/train/tf-runtime.js'
import { silentLogger } from '../src/util/logger.js'
import { Rng } from '../src/util/rng.js'

let runtime: TfRuntime
beforeAll(async () => {
  runtime = await loadTf({ cwd: process.cwd(), logger: silentLogger, backend: 'wasm' })
})

function randomNet(rng: Rng, sizes: number[], activations: Activation[], dropout: number): DenseNet {
  const layers: DenseLayer[] = []
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l]!
    const units = sizes[l + 1]!
    layers.push({
      inputs,
      units,
      activation: activations[l]!,
      kernel: Float64Array.from({ length: inputs * units }, () => rng.uniform(-1.5, 1.5)),
      bias: Float64Array.from({ length: units }, () => rng.uniform(-0.5, 0.5)),
    })
  }
  return { layers, dropout }
}

const rng = new Rng(11)
const NETS: { name: string; net: DenseNet }[] = [
  { name: 'logistic, 7 inputs', net: randomNet(rng, [7, 1], ['sigmoid'], 0) },
  { name: 'linear regression, 3 inputs', net: randomNet(rng, [3, 1], ['linear'], 0) },
  {
    name: 'relu MLP (16, 8) with dropout',
    net: randomNet(rng, [5, 16, 8, 1], ['relu', 'relu', 'sigmoid'], 0.2),
  },
  { name: 'tanh MLP, softmax over 4 classes', net: randomNet(rng, [6, 12, 4], ['tanh', 'softmax'], 0) },
  {
    name: 'sigmoid MLP, linear output',
    net: randomNet(rng, [4, 9, 9, 1], ['sigmoid', 'sigmoid', 'linear'], 0.1),
  },
]

describe('writeLayersModel', () => {
  test.each(NETS)('$name: model.json and weights.bin are the bytes tfjs writes', async ({ net }) => {
    const ours = writeLayersModel(net)
    const theirs = await saveTfModel(runtime.tf, net)
    expect(new TextDecoder().decode(ours[MODEL_JSON])).toBe(new TextDecoder().decode(theirs[MODEL_JSON]))
    expect(Buffer.from(ours[WEIGHTS_BIN]!).equals(Buffer.from(theirs[WEIGHTS_BIN]!))).toBe(true)
  })

  test('reproduces the installed tfjs-layers version', () => {
    const pkg = JSON.parse(readFileSync('node_modules/@tensorflow/tfjs-layers/package.json', 'utf8')) as {
      version: string
    }
    expect(TFJS_LAYERS_VERSION).toBe(pkg.version)
  })
})

describe('readLayersModel + predictFloat32', () => {
  test.each(NETS)('$name: predictions equal tfjs (wasm) within 1e-6', async ({ net }) => {
    const d = net.layers[0]!.inputs
    const n = 1000
    const x = Float64Array.from({ length: n * d }, () => rng.uniform(-3, 3))
    const files = writeLayersModel(net)
    const read = readLayersModel(files[MODEL_JSON]!, files[WEIGHTS_BIN]!, 'test')
    expect(read).not.toBeNull()
    const model = await loadTfModel(runtime.tf, files[MODEL_JSON]!, files[WEIGHTS_BIN]!, 'test')
    const expected = predictTf(runtime.tf, model, x, n, d)
    model.dispose()
    // Small blocks, so that block boundaries (1000 = 7·128 + 104) are crossed too.
    const ours = predictFloat32(read!, x, n, 128)
    expect(ours.length).toBe(expected.length)
    let worst = 0
    for (let i = 0; i < ours.length; i++)
      worst = Math.max(worst, Math.abs(ours[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)))
    expect(worst).toBeLessThanOrEqual(1e-6)
  })

  test('weights read back are the float32 roundings of the net, dropout rate kept', () => {
    const { net } = NETS[2]!
    const files = writeLayersModel(net)
    const read = readLayersModel(files[MODEL_JSON]!, files[WEIGHTS_BIN]!, 'test')!
    expect(read.dropout).toBe(0.2)
    expect(read.layers.map((l) => [l.inputs, l.units, l.activation])).toEqual(
      net.layers.map((l) => [l.inputs, l.units, l.activation]),
    )
    read.layers.forEach((layer, l) => {
      expect(Array.from(layer.kernel)).toEqual(Array.from(Float32Array.from(net.layers[l]!.kernel)))
      expect(Array.from(layer.bias)).toEqual(Array.from(Float32Array.from(net.layers[l]!.bias)))
    })
  })

  test('weights.bin of the wrong size is a UserError naming the file and both sizes', () => {
    const files = writeLayersModel(NETS[0]!.net)
    const short = files[WEIGHTS_BIN]!.subarray(0, 8)
    expect(() => readLayersModel(files[MODEL_JSON]!, short, 'run r1')).toThrow(UserError)
    expect(() => readLayersModel(files[MODEL_JSON]!, short, 'run r1')).toThrow(
      'run r1/weights.bin: 8 bytes, but model.json lists 8 float32 weights (32 bytes)',
    )
  })

  test('model.json that is not JSON, or not a layers model, is a UserError naming the file', () => {
    const bytes = (s: string) => new TextEncoder().encode(s)
    expect(() => readLayersModel(bytes('{'), new Uint8Array(0), 'run r1')).toThrow(
      'run r1/model.json: not valid JSON',
    )
    expect(() => readLayersModel(bytes('{}'), new Uint8Array(0), 'run r1')).toThrow(
      'run r1/model.json: not a tfjs layers model',
    )
  })

  test('a layers model other than a stack of dense layers is left to tfjs (null)', () => {
    const files = writeLayersModel(NETS[0]!.net)
    const json = JSON.parse(new TextDecoder().decode(files[MODEL_JSON])) as {
      modelTopology: { config: { layers: { class_name: string }[] } }
    }
    json.modelTopology.config.layers[0]!.class_name = 'Conv1D'
    const edited = new TextEncoder().encode(JSON.stringify(json))
    expect(readLayersModel(edited, files[WEIGHTS_BIN]!, 'test')).toBeNull()
  })
})
