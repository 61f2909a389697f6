/**
 * ONNX out for the CNN family: the model.onnx a cnn run stores, scored by ONNX Runtime from npm
 * (onnxruntime-web) on raw 0–255 pixels in NHWC, gives the tfjs model's softmax probabilities to 1e-5 — for
 * tiny trained CNNs with "same" and "valid" padding, two conv blocks, batch norm, a pool of 1, RGB input and
 * symmetric scaling — and a `modelgate run` on PNG files stores it next to the tfjs files, answering like
 * `modelgate predict` on the same files.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import * as ort from 'onnxruntime-web'
import { PNG } from 'pngjs'
import type { CnnConfig } from '../src/config/spec-schema.js'
import { applyScale } from '../src/data/images/image-dataset.js'
import type { ImageSet } from '../src/data/images/image-set.js'
import { registerWasmConvFilterGrad } from '../src/train/cnn/conv-filter-grad.js'
import { fitCnn } from '../src/train/cnn/fit.js'
import { cnnLayersOf } from '../src/train/cnn/onnx-layers.js'
import { exportCnnOnnx } from '../src/train/onnx/export-cnn.js'
import { loadTf, type TfRuntime } from '../src/train/tf-runtime.js'
import { silentLogger } from '../src/util/logger.js'
import { Rng } from '../src/util/rng.js'
import { stripes, stripesWorkspace } from './helpers/stripes.js'
import { runCli } from './helpers/workspace.js'

ort.env.wasm.numThreads = 1

let runtime: TfRuntime
beforeAll(async () => {
  runtime = await loadTf({ cwd: process.cwd(), logger: silentLogger, backend: 'wasm' })
  registerWasmConvFilterGrad(runtime.tf)
})

const TOLERANCE = 1e-5

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!))
  return worst
}

async function scoreOnnx(bytes: Uint8Array, pixels: Float32Array, dims: number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes)
  expect(session.inputNames).toEqual(['image'])
  expect(session.outputNames).toEqual(['probabilities'])
  const out = await session.run({ image: new ort.Tensor('float32', pixels, dims) })
  return out.probabilities!.data as Float32Array
}

interface Case {
  name: string
  channels: 1 | 3
  scale: 'unit' | 'symmetric'
  config: Partial<CnnConfig>
}

const BASE: CnnConfig = {
  type: 'cnn',
  conv: [{ filters: 4, kernel: 3, pool: 2, padding: 'same' }],
  dense: [8],
  dropout: 0.25,
  batch_norm: false,
  epochs: 3,
  batch_size: 8,
  learning_rate: 0.01,
  augment: { flip: false, shift: 0 },
  seed: 3,
}

const CASES: Case[] = [
  { name: 'one conv block, same padding, gray, unit scale', channels: 1, scale: 'unit', config: {} },
  {
    name: 'two blocks (valid padding, even kernel, pool 1), batch norm, RGB, symmetric scale',
    channels: 3,
    scale: 'symmetric',
    config: {
      conv: [
        { filters: 5, kernel: 3, pool: 2, padding: 'valid' },
        { filters: 6, kernel: 2, pool: 1, padding: 'same' },
      ],
      dense: [7, 5],
      batch_norm: true,
    },
  },
]

describe.each(CASES)('the CNN exported as ONNX: $name', ({ channels, scale, config }) => {
  test('onnxruntime on raw pixels gives the tfjs probabilities (max |Δp| ≤ 1e-5)', async () => {
    const { tf } = runtime
    const n = 48
    const shape = { height: 8, width: 8, channels }
    const per = 64 * channels
    // Stripes in one channel (the class), noise in the others: a model that learns something in 3 epochs.
    const rng = new Rng(21)
    const raw = new Float32Array(n * per)
    const labels = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      labels[i] = i % 2
      const gray = stripes(i % 2 === 0, rng)
      for (let p = 0; p < 64; p++)
        for (let c = 0; c < channels; c++) raw[i * per + p * channels + c] = c === 0 ? gray[p]! : rng.int(256)
    }
    const x = applyScale(
      raw.map((v) => v / 255),
      scale,
    )
    const set: ImageSet = {
      shape,
      x,
      labels,
      classes: ['vertical', 'horizontal'],
      names: Array.from({ length: n }, (_, i) => `img${i}`),
    }
    const rows = Uint32Array.from({ length: n }, (_, i) => i)
    const { model } = await fitCnn(tf, { ...BASE, ...config }, set, rows, 3, silentLogger)
    const layers = cnnLayersOf(model)
    if (config.batch_norm) {
      // Trained moving statistics, not the initial 0/1: the graph must use them.
      const bn = layers.find((l) => l.kind === 'batch_norm')!
      expect(bn.kind === 'batch_norm' && bn.mean.some((m) => Math.abs(m) > 1e-4)).toBe(true)
    }
    const expected = tf.tidy(() =>
      (model.predict(tf.tensor4d(x, [n, 8, 8, channels])) as ReturnType<typeof tf.tensor2d>).dataSync(),
    )
    const onnx = exportCnnOnnx(layers, { ...shape, scale }, 2, 'test')
    const got = await scoreOnnx(onnx, raw, [n, 8, 8, channels])
    expect(maxAbsDiff(got, expected)).toBeLessThanOrEqual(TOLERANCE)
    // Not a constant model: the probabilities differ between images.
    expect(Math.max(...expected) - Math.min(...expected)).toBeGreaterThan(0.05)
    model.dispose()
  })
})

describe('a cnn run', () => {
  test('stores model/model.onnx, which scores the PNG files like modelgate predict (1e-5)', async () => {
    const root = await stripesWorkspace()
    const run = await runCli(root, ['run', 'models/stripes', '--promote', '--json', 'r.json'])
    expect(run.code).toBeLessThan(2)
    const { runId } = JSON.parse(await fs.readFile(path.join(root, 'r.json'), 'utf8')).models[0]
    const runDir = path.join(root, '.modelgate', 'models', 'stripes', 'runs', runId)
    const onnx = new Uint8Array(await fs.readFile(path.join(runDir, 'model', 'model.onnx')))

    const folder = path.join(root, 'models', 'stripes', 'images', 'horizontal')
    const files = (await fs.readdir(folder)).sort()
    const predicted = await runCli(root, ['predict', '--model', 'stripes', '--input', folder])
    expect(predicted.code).toBe(0)
    const answers = predicted.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; all_confidences: Record<string, number> })
    expect(answers).toHaveLength(files.length)

    // The PNGs are gray (R = G = B), 8×8 as the spec's size: the raw pixels are the red channel.
    const pixels = new Float32Array(files.length * 64)
    for (const [i, f] of files.entries()) {
      const png = PNG.sync.read(await fs.readFile(path.join(folder, f)))
      for (let p = 0; p < 64; p++) pixels[i * 64 + p] = png.data[p * 4]!
    }
    const got = await scoreOnnx(onnx, pixels, [files.length, 8, 8, 1])
    // Class order: the run's classes (the folder names, sorted), as predict names them.
    const classes = Object.keys(answers[0]!.all_confidences)
    expect(classes).toEqual(['horizontal', 'vertical'])
    const byFile = new Map(answers.map((a) => [path.basename(a.file), a]))
    const expected = files.flatMap((f) => classes.map((c) => byFile.get(f)!.all_confidences[c]!))
    expect(maxAbsDiff(got, Float32Array.from(expected))).toBeLessThanOrEqual(TOLERANCE)
  })
})
