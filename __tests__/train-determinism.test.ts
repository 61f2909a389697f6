/**
 * Determinism of training and of the stored model: the same seed on the same machine gives bit-identical
 * weights and metrics (logistic, MLP with and without dropout), another seed gives other MLP weights, and the
 * tfjs layers files written by saveTfModel reproduce the JavaScript forward pass (predictNet) to float32
 * precision on the wasm backend, identically every time they are loaded.
 */
import type { LayersModel } from '@tensorflow/tfjs'
import { loadSpec } from '../src/config/load-spec.js'
import type { MlpConfig } from '../src/config/spec-schema.js'
import { transform } from '../src/data/preprocess.js'
import { computeMetrics } from '../src/evaluate/metrics.js'
import { prepareData, type Prepared } from '../src/pipeline/prepare.js'
import { predictNet } from '../src/train/forward.js'
import { fitLinear, type TrainingData } from '../src/train/linear.js'
import { fitMlp } from '../src/train/mlp.js'
import { loadTfModel, MODEL_JSON, predictTf, saveTfModel, WEIGHTS_BIN } from '../src/train/model-io.js'
import type { DenseNet } from '../src/train/model-types.js'
import { loadTf, type TfRuntime } from '../src/train/tf-runtime.js'
import { silentLogger } from '../src/util/logger.js'
import { Rng } from '../src/util/rng.js'

/** Index of the first parameter whose bits differ between two nets, or null when they are bit-identical. */
function firstDifference(a: DenseNet, b: DenseNet): string | null {
  if (a.layers.length !== b.layers.length) return 'layer count'
  for (let l = 0; l < a.layers.length; l++) {
    for (const part of ['kernel', 'bias'] as const) {
      const x = a.layers[l]![part]
      const y = b.layers[l]![part]
      if (x.length !== y.length) return `layer ${l} ${part} length`
      const bx = new BigUint64Array(x.buffer, x.byteOffset, x.length)
      const by = new BigUint64Array(y.buffer, y.byteOffset, y.length)
      for (let i = 0; i < bx.length; i++)
        if (bx[i] !== by[i]) return `layer ${l} ${part}[${i}]: ${x[i]} vs ${y[i]}`
    }
  }
  return null
}

function mlpConfig(overrides: Partial<MlpConfig>): MlpConfig {
  return {
    type: 'mlp',
    hidden: [32, 16],
    activation: 'relu',
    dropout: 0,
    alpha: 0.001,
    optimizer: { name: 'adam', learning_rate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, momentum: 0.9 },
    epochs: 5,
    batch_size: 64,
    early_stopping: { patience: 10, validation_fraction: 0.1, min_delta: 1e-4 },
    seed: 42,
    ...overrides,
  }
}

let prepared: Prepared
/** The first 1000 training rows of the credit model: determinism does not need all of them, speed does. */
let training: TrainingData
let evalX: Float64Array
let runtime: TfRuntime

beforeAll(async () => {
  prepared = await prepareData(await loadSpec(`${process.cwd()}/models/credit`))
  const { x, d, y } = prepared.training
  training = { ...prepared.training, n: 1000, x: x.subarray(0, 1000 * d), y: y.subarray(0, 1000) }
  const { table, rows } = prepared.dataset.eval
  evalX = transform(prepared.preprocessor, table, rows).x
  runtime = await loadTf({ cwd: process.cwd(), logger: silentLogger, backend: 'wasm' })
})

function evalMetrics(net: DenseNet): Record<string, number> {
  const proba = predictNet(net, evalX, prepared.dataset.eval.rows.length)
  return computeMetrics('binary', prepared.dataset.eval.y, proba)
}

describe('training is deterministic', () => {
  test('logistic regression: two fits give bit-identical weights, loss and metrics', () => {
    const config = { type: 'logistic' as const, C: 1, alpha: 0, max_iter: 1000, tol: 1e-6, seed: 0 }
    const first = fitLinear(training, config, silentLogger)
    const second = fitLinear(training, config, silentLogger)
    expect(firstDifference(first.net, second.net)).toBeNull()
    expect(second.summary.finalLoss).toBe(first.summary.finalLoss)
    expect(second.summary.iterations).toBe(first.summary.iterations)
    expect(evalMetrics(second.net)).toEqual(evalMetrics(first.net))
  })

  test.each([0, 0.2])(
    'MLP with dropout %s: the same seed gives bit-identical weights and metrics',
    (dropout) => {
      const config = mlpConfig({ dropout })
      const first = fitMlp(training, config, silentLogger)
      const second = fitMlp(training, config, silentLogger)
      expect(firstDifference(first.net, second.net)).toBeNull()
      expect(second.summary.finalLoss).toBe(first.summary.finalLoss)
      expect(second.summary.bestEpoch).toBe(first.summary.bestEpoch)
      expect(evalMetrics(second.net)).toEqual(evalMetrics(first.net))
    },
  )

  test('MLP: a different seed gives different weights', () => {
    const a = fitMlp(training, mlpConfig({ dropout: 0.2, seed: 42 }), silentLogger)
    const b = fitMlp(training, mlpConfig({ dropout: 0.2, seed: 43 }), silentLogger)
    expect(firstDifference(a.net, b.net)).not.toBeNull()
    // Not merely a rounding difference: the initialisations differ entirely.
    let same = 0
    const ka = a.net.layers[0]!.kernel
    const kb = b.net.layers[0]!.kernel
    for (let i = 0; i < ka.length; i++) if (Math.abs(ka[i]! - kb[i]!) < 1e-3) same++
    expect(same / ka.length).toBeLessThan(0.1)
  })
})

/** Nets covering every activation the saved format writes: relu + dropout, tanh → softmax, sigmoid → linear. */
function exampleNets(): { name: string; net: DenseNet; x: Float64Array; n: number }[] {
  const rng = new Rng(5)
  const n = 400
  const d = 6
  const x = Float64Array.from({ length: n * d }, () => rng.uniform(-2, 2))
  const classes = Int32Array.from(
    { length: n },
    (_, i) => (x[i * d]! + x[i * d + 1]! > 0 ? 1 : 0) + (x[i * d + 2]! > 1 ? 1 : 0),
  )
  const values = Float64Array.from({ length: n }, (_, i) => 3 * x[i * d]! - x[i * d + 3]! ** 2 + 10)
  const train = (task: TrainingData['task'], y: TrainingData['y'], config: MlpConfig): DenseNet =>
    fitMlp({ x, n, d, y, task, classes: task === 'multiclass' ? 3 : 1 }, config, silentLogger).net
  const logistic = fitLinear(
    training,
    { type: 'logistic', C: 1, alpha: 0, max_iter: 1000, tol: 1e-6, seed: 0 },
    silentLogger,
  ).net
  return [
    { name: 'logistic (credit)', net: logistic, x: evalX, n: prepared.dataset.eval.rows.length },
    {
      name: 'relu MLP with dropout (credit)',
      net: fitMlp(training, mlpConfig({ dropout: 0.2 }), silentLogger).net,
      x: evalX,
      n: prepared.dataset.eval.rows.length,
    },
    {
      name: 'tanh MLP, softmax output',
      net: train('multiclass', classes, mlpConfig({ activation: 'tanh', hidden: [12], epochs: 20 })),
      x,
      n,
    },
    {
      name: 'sigmoid MLP, linear output',
      net: train('regression', values, mlpConfig({ activation: 'sigmoid', hidden: [8, 8], epochs: 20 })),
      x,
      n,
    },
  ]
}

describe('the stored tfjs model', () => {
  let nets: ReturnType<typeof exampleNets>
  beforeAll(() => {
    nets = exampleNets()
  })

  test('runs on the wasm backend', () => {
    expect(runtime.backend).toBe('wasm')
    expect(runtime.tf.getBackend()).toBe('wasm')
  })

  test('weights.bin holds the float32 roundings of the weights, byte-identical on every save', async () => {
    for (const { name, net } of nets) {
      const bytes = (await saveTfModel(runtime.tf, net))[WEIGHTS_BIN]!
      const again = (await saveTfModel(runtime.tf, net))[WEIGHTS_BIN]!
      const expected = Float32Array.from(net.layers.flatMap((l) => [...l.kernel, ...l.bias]))
      expect({ name, equal: Buffer.from(bytes).equals(Buffer.from(expected.buffer)) }).toEqual({
        name,
        equal: true,
      })
      expect({ name, same: Buffer.from(again).equals(Buffer.from(bytes)) }).toEqual({ name, same: true })
    }
  })

  // A run's manifest hashes model.json, so its bytes must not depend on what the process built before.
  test('model.json is byte-identical when the same net is saved twice', async () => {
    const { net } = nets[0]!
    const first = (await saveTfModel(runtime.tf, net))[MODEL_JSON]
    const second = (await saveTfModel(runtime.tf, net))[MODEL_JSON]
    expect(new TextDecoder().decode(second)).toBe(new TextDecoder().decode(first))
  })

  test('reproduces predictNet to float32 precision, identically on every load', async () => {
    const { tf } = runtime
    for (const { name, net, x, n } of nets) {
      const files = await saveTfModel(tf, net)
      const d = net.layers[0]!.inputs
      const models: LayersModel[] = []
      for (let load = 0; load < 2; load++)
        models.push(await loadTfModel(tf, files[MODEL_JSON]!, files[WEIGHTS_BIN]!, name))
      const [first, second] = models.map((model) => predictTf(tf, model, x, n, d)) as [
        Float64Array,
        Float64Array,
      ]
      models.forEach((model) => model.dispose())
      const js = predictNet(net, x, n)
      expect(first.length).toBe(js.length)
      // tfjs rounds inputs and weights to float32, accumulates in float32 and returns float32: a few ulps
      // (2^-23 ≈ 1.2e-7 at 1). Measured worst, relative to max(1, |output|): 2.7e-7; allowed: 8 ulps.
      let worst = 0
      for (let i = 0; i < js.length; i++)
        worst = Math.max(worst, Math.abs(first[i]! - js[i]!) / Math.max(1, Math.abs(js[i]!)))
      expect({ name, worst: worst <= 8 * 2 ** -23 ? 'within 8 float32 ulps' : worst }).toEqual({
        name,
        worst: 'within 8 float32 ulps',
      })
      expect({ name, identical: Buffer.from(second.buffer).equals(Buffer.from(first.buffer)) }).toEqual({
        name,
        identical: true,
      })
    }
  })
})
