/**
 * modelgate side of the CNN row: `node bench/mg-cnn.js` (the harness's compiled copy), run from the repository
 * root. Trains models/fashion's spec exactly as `modelgate run` does (loadImageDataset, then fitCnn on the wasm
 * backend), scores the eval images, then predicts 10,000 images (PREDICT_IMAGES). Prints one BENCH line with
 * the timed phases and a breakdown of where a training epoch goes.
 */
import type { LayersModel, Tensor } from '@tensorflow/tfjs'
import { loadSpec } from '../src/config/load-spec.js'
import type { CnnConfig } from '../src/config/spec-schema.js'
import type { RawTable } from '../src/data/csv.js'
import { isImageTable, loadImageDataset } from '../src/data/images/image-dataset.js'
import type { ImageSet } from '../src/data/images/image-set.js'
import { registerWasmConvFilterGrad } from '../src/train/cnn/conv-filter-grad.js'
import { fitCnn, gatherImages } from '../src/train/cnn/fit.js'
import { loadTf, type Tf } from '../src/train/tf-runtime.js'
import { silentLogger } from '../src/util/logger.js'
import { cpuMs, FASHION_DIR, PREDICT_BLOCK, PREDICT_IMAGES, predictRows, report } from './bench-data.js'

const seconds = (from: number): number => (performance.now() - from) / 1000

/** Softmax probabilities of `rows` of `set`, PREDICT_BLOCK images per tensor (as the family's scorer does). */
function predict(tf: Tf, model: LayersModel, set: ImageSet, rows: Uint32Array): Float32Array {
  const { height, width, channels } = set.shape
  const classes = model.outputs[0]!.shape[1] as number
  const out = new Float32Array(rows.length * classes)
  for (let from = 0; from < rows.length; from += PREDICT_BLOCK) {
    const to = Math.min(from + PREDICT_BLOCK, rows.length)
    const block = tf.tidy(() => {
      const x = tf.tensor4d(gatherImages(set, rows, from, to), [to - from, height, width, channels])
      return (model.predict(x, { batchSize: to - from }) as Tensor).dataSync()
    })
    out.set(block, from * classes)
  }
  return out
}

function accuracy(p: Float32Array, set: ImageSet, rows: Uint32Array, classes: number): number {
  let correct = 0
  rows.forEach((r, i) => {
    let best = 0
    for (let k = 1; k < classes; k++) if (p[i * classes + k]! > p[i * classes + best]!) best = k
    if (best === set.labels[r]) correct++
  })
  return correct / rows.length
}

/** One epoch's batch preparation alone (gather + one-hot + tensor4d/tensor2d + dispose): "tensor creation". */
function batchPreparationSeconds(tf: Tf, config: CnnConfig, set: ImageSet): number {
  const { height, width, channels } = set.shape
  const classes = set.classes.length
  const rows = Uint32Array.from({ length: set.labels.length }, (_, i) => i)
  const started = performance.now()
  for (let from = 0; from < rows.length; from += config.batch_size) {
    const to = Math.min(from + config.batch_size, rows.length)
    const onehot = new Float32Array((to - from) * classes)
    for (let i = from; i < to; i++) onehot[(i - from) * classes + set.labels[i]!] = 1
    const xs = tf.tensor4d(gatherImages(set, rows, from, to), [to - from, height, width, channels])
    const ys = tf.tensor2d(onehot, [to - from, classes])
    xs.dataSync()
    xs.dispose()
    ys.dispose()
  }
  return seconds(started)
}

/** Kernel milliseconds per kernel name over `batches` training steps (tf.profile), the largest first. */
async function kernelProfile(
  tf: Tf,
  model: LayersModel,
  set: ImageSet,
  batchSize: number,
  batches: number,
): Promise<Array<[string, number]>> {
  const { height, width, channels } = set.shape
  const classes = set.classes.length
  const totals = new Map<string, number>()
  const rows = Uint32Array.from({ length: batches * batchSize }, (_, i) => i % set.labels.length)
  for (let b = 0; b < batches; b++) {
    const from = b * batchSize
    const onehot = new Float32Array(batchSize * classes)
    for (let i = 0; i < batchSize; i++) onehot[i * classes + set.labels[rows[from + i]!]!] = 1
    const xs = tf.tensor4d(gatherImages(set, rows, from, from + batchSize), [
      batchSize,
      height,
      width,
      channels,
    ])
    const ys = tf.tensor2d(onehot, [batchSize, classes])
    const info = await tf.profile(async () => {
      await model.trainOnBatch(xs, ys)
    })
    for (const k of info.kernels) {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0
      totals.set(k.name, (totals.get(k.name) ?? 0) + ms)
    }
    xs.dispose()
    ys.dispose()
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1])
}

async function main(): Promise<void> {
  const spec = await loadSpec(FASHION_DIR)
  const config = spec.model
  if (config.type !== 'cnn' || !spec.evalFiles)
    throw new Error(`${FASHION_DIR}: not a cnn spec with eval files`)
  const { tf, backend } = await loadTf({ cwd: process.cwd(), logger: silentLogger, backend: 'wasm' })
  if (backend !== 'wasm') throw new Error(`tfjs started the ${backend} backend, not wasm`)
  registerWasmConvFilterGrad(tf)
  const multithread = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean

  const decodeStarted = performance.now()
  const dataset = await loadImageDataset(spec)
  const decodeSeconds = seconds(decodeStarted)
  const images = (table: RawTable): ImageSet => {
    if (!isImageTable(table)) throw new Error('not an image table')
    return table.images
  }
  const train = images(dataset.train.table)
  const evalSet = images(dataset.eval.table)

  const rows = Uint32Array.from({ length: train.labels.length }, (_, i) => i)
  const fitStarted = performance.now()
  const cpuStarted = cpuMs()
  const { model, summary } = await fitCnn(tf, config, train, rows, config.seed ?? 0, silentLogger)
  const fitSeconds = seconds(fitStarted)
  const cpuSeconds = (cpuMs() - cpuStarted) / 1000

  const evalRows = Uint32Array.from({ length: evalSet.labels.length }, (_, i) => i)
  const classes = train.classes.length
  const evalAccuracy = accuracy(predict(tf, model, evalSet, evalRows), evalSet, evalRows, classes)

  // The 10,000 predicted images: the committed train then eval images, cycled (bench-data.ts's predictRows).
  const x = new Float32Array(train.x.length + evalSet.x.length)
  x.set(train.x)
  x.set(evalSet.x, train.x.length)
  const labels = new Int32Array(train.labels.length + evalSet.labels.length)
  labels.set(train.labels)
  labels.set(evalSet.labels, train.labels.length)
  const all: ImageSet = { ...train, x, labels }
  const predictRowsOf = predictRows(all.labels.length)
  const predictStarted = performance.now()
  const p = predict(tf, model, all, predictRowsOf)
  const predictSeconds = seconds(predictStarted)
  let meanConfidence = 0
  for (let i = 0; i < PREDICT_IMAGES; i++)
    meanConfidence += Math.max(...p.subarray(i * classes, (i + 1) * classes))

  const tensorSeconds = batchPreparationSeconds(tf, config, train)
  const kernels = await kernelProfile(tf, model, train, config.batch_size, 20)
  const kernelTotal = kernels.reduce((a, [, ms]) => a + ms, 0)
  report({
    seconds: fitSeconds / config.epochs,
    fitSeconds,
    cpuSeconds: cpuSeconds / config.epochs,
    epochs: config.epochs,
    steps: summary.iterations,
    decodeSeconds,
    tensorSecondsPerEpoch: tensorSeconds,
    accuracy: evalAccuracy,
    predictSeconds,
    meanConfidence: meanConfidence / PREDICT_IMAGES,
    threads: multithread ? 'multi' : 1,
    // The three largest kernels' share of kernel time in 20 profiled training steps.
    kernels: kernels.slice(0, 3).map(([name, ms]) => [name, ms / kernelTotal]),
  })
  model.dispose()
}

await main()
