/**
 * The CNN family on tiny synthetic images (8×8 gray stripes: vertical vs horizontal), fast enough for the
 * default suite: the wasm filter-gradient kernel against tfjs's cpu kernel, seeded reproducibility, the stored
 * model scoring like the trained one, augmentation pixel by pixel, the image spec's errors, a run that gates
 * against its champion, and predict on good and bad files.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { parseSpec } from '../src/config/load-spec.js'
import type { RawTable } from '../src/data/csv.js'
import { loadImageDataset, isImageTable } from '../src/data/images/image-dataset.js'
import type { ImageSet } from '../src/data/images/image-set.js'
import { readPredictInputs } from '../src/data/images/predict-inputs.js'
import { misclassifiedImages } from '../src/pipeline/misclassified.js'
import { augmentBatch } from '../src/train/cnn/augment.js'
import { registerWasmConvFilterGrad } from '../src/train/cnn/conv-filter-grad.js'
import { cnnFamily } from '../src/train/cnn/family.js'
import { fitCnn } from '../src/train/cnn/fit.js'
import { saveLayersModel } from '../src/train/model-io.js'
import { loadTf, type TfRuntime } from '../src/train/tf-runtime.js'
import { silentLogger } from '../src/util/logger.js'
import { Rng } from '../src/util/rng.js'
import { stripes, stripesWorkspace, writePng } from './helpers/stripes.js'
import { runCli } from './helpers/workspace.js'

let runtime: TfRuntime
beforeAll(async () => {
  runtime = await loadTf({ cwd: process.cwd(), logger: silentLogger, backend: 'wasm' })
  expect(runtime.backend).toBe('wasm')
  registerWasmConvFilterGrad(runtime.tf)
})

function stripeSet(n: number, seed: number): ImageSet {
  const rng = new Rng(seed)
  const x = new Float32Array(n * 64)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2
    stripes(i % 2 === 0, rng).forEach((v, p) => (x[i * 64 + p] = v / 255))
  }
  return {
    shape: { height: 8, width: 8, channels: 1 },
    x,
    labels,
    classes: ['vertical', 'horizontal'],
    names: Array.from({ length: n }, (_, i) => `img${i}.png`),
  }
}

const TINY = {
  type: 'cnn' as const,
  conv: [{ filters: 4, kernel: 3, pool: 2, padding: 'same' as const }],
  dense: [8],
  dropout: 0.25,
  batch_norm: false,
  epochs: 4,
  batch_size: 8,
  learning_rate: 0.01,
  augment: { flip: true, shift: 1 },
  seed: 3,
}

describe('the wasm Conv2DBackpropFilter kernel', () => {
  test.each([
    ['valid', 1],
    ['same', 1],
    ['same', 2],
  ] as const)('gives the cpu backend’s filter gradient (padding %s, stride %d)', async (pad, stride) => {
    const { tf } = runtime
    const rng = new Rng(11)
    const xs = Float32Array.from({ length: 2 * 7 * 6 * 3 }, () => rng.uniform(-1, 1))
    const fs_ = Float32Array.from({ length: 3 * 3 * 3 * 4 }, () => rng.uniform(-1, 1))
    const gradient = (): Float32Array => {
      const x = tf.tensor4d(xs, [2, 7, 6, 3])
      const f = tf.tensor4d(fs_, [3, 3, 3, 4])
      const g = tf.grad((w) =>
        tf
          .conv2d(x, w as typeof f, stride, pad)
          .square()
          .sum(),
      )(f)
      const out = g.dataSync() as Float32Array
      tf.dispose([x, f, g])
      return Float32Array.from(out)
    }
    const wasm = gradient()
    await tf.setBackend('cpu')
    const cpu = gradient()
    await tf.setBackend('wasm')
    expect(wasm.length).toBe(cpu.length)
    wasm.forEach((v, i) => expect(v).toBeCloseTo(cpu[i]!, 4))
  })
})

describe('training', () => {
  test('the same seed on the same backend gives the same weights; another seed other weights', async () => {
    const set = stripeSet(48, 1)
    const rows = Uint32Array.from({ length: 48 }, (_, i) => i)
    const weights = async (seed: number): Promise<Uint8Array> => {
      const { model } = await fitCnn(runtime.tf, TINY, set, rows, seed, silentLogger)
      const files = await saveLayersModel(runtime.tf, model)
      model.dispose()
      return files['weights.bin']!
    }
    const a = await weights(3)
    const b = await weights(3)
    const c = await weights(4)
    expect(Buffer.compare(a, b)).toBe(0)
    expect(Buffer.compare(a, c)).not.toBe(0)
  })

  test('it learns: stripes are told apart on images it never saw, and progress is one line per epoch', async () => {
    const lines: string[] = []
    const logger = { ...silentLogger, progress: (m: string) => lines.push(m) }
    const train = stripeSet(64, 2)
    const { model } = await fitCnn(
      runtime.tf,
      { ...TINY, epochs: 8, augment: { flip: false, shift: 0 } },
      train,
      Uint32Array.from({ length: 64 }, (_, i) => i),
      1,
      logger,
    )
    const test = stripeSet(40, 99)
    const probs = runtime.tf.tidy(() =>
      (
        model.predict(runtime.tf.tensor4d(test.x, [40, 8, 8, 1])) as ReturnType<typeof runtime.tf.tensor2d>
      ).arraySync(),
    )
    model.dispose()
    const correct = probs.filter((p, i) => (p[1]! > p[0]! ? 1 : 0) === test.labels[i]).length
    expect(correct / 40).toBeGreaterThanOrEqual(0.9)
    expect(lines).toHaveLength(8)
    expect(lines[7]).toMatch(/^ {2}epoch 8\/8: loss \d+\.\d{4}, training accuracy/)
  })
})

describe('augmentation', () => {
  test('a flip mirrors left-right and a shift moves pixels with zeros filling in', () => {
    const shape = { height: 2, width: 3, channels: 1 as const }
    const image = Float32Array.from([1, 2, 3, 4, 5, 6])
    // Find seeds whose first draws give a flip without shift, and a shift without flip, by replaying Rng.
    const flipped = augmentBatch(image, 1, shape, { flip: true, shift: 0 }, fakeRng([0.1]))
    expect(Array.from(flipped)).toEqual([3, 2, 1, 6, 5, 4])
    const kept = augmentBatch(image, 1, shape, { flip: true, shift: 0 }, fakeRng([0.9]))
    expect(Array.from(kept)).toEqual([1, 2, 3, 4, 5, 6])
    // shift 1: draws dy = int(3) − 1, dx = int(3) − 1; 2 → +1: down one row and right one column.
    const moved = augmentBatch(image, 1, shape, { flip: false, shift: 1 }, fakeRng([], [2, 2]))
    expect(Array.from(moved)).toEqual([0, 0, 0, 0, 1, 2])
  })
})

/** An Rng whose next() and int() answer from lists (the augmentation's draws, made explicit). */
function fakeRng(nexts: number[], ints: number[] = []): Rng {
  const rng = new Rng(0)
  rng.next = () => nexts.shift()!
  rng.int = () => ints.shift()!
  return rng
}

interface PredictLine {
  file: string
  error?: string
  predicted_class: string
  confidence: number
  all_confidences: Record<string, number>
}

/** The same rows as a plain table (no pixels): what a CSV model's data looks like. */
function withoutPixels(table: RawTable): RawTable {
  const { header, columns, rowCount, sources, sha256 } = table
  return { header, columns, rowCount, sources, sha256 }
}

describe('image data', () => {
  test('a folder per class loads as file/label rows, split by path hash, with bad files skipped and counted', async () => {
    const root = await stripesWorkspace()
    const spec = parseSpec(
      await fs.readFile(path.join(root, 'models/stripes/modelgate.yml')),
      path.join(root, 'models/stripes/modelgate.yml'),
    )
    const dataset = await loadImageDataset(spec)
    const table = dataset.train.table
    if (!isImageTable(table)) throw new Error('expected an image table')
    expect(table.skipped).toEqual([{ file: 'vertical/notes.png', reason: 'not a PNG or JPEG file' }])
    expect(dataset.train.rows.length + dataset.eval.rows.length).toBe(60)
    expect(dataset.target.classes).toEqual(['horizontal', 'vertical'])
    expect(table.header).toEqual(['file', 'label'])
    // Adding an image changes the fingerprint and moves no other image between train and eval.
    const evalBefore = Array.from(dataset.eval.rows, (r) => table.columns[0]![r])
    await writePng(path.join(root, 'models/stripes/images/vertical/new.png'), stripes(true, new Rng(1)))
    const after = await loadImageDataset(spec)
    const t2 = after.eval.table
    const evalAfter = Array.from(after.eval.rows, (r) => t2.columns[0]![r])
    expect(evalAfter.filter((f) => f !== 'vertical/new.png')).toEqual(evalBefore)
    expect(after.dataHash).not.toBe(dataset.dataHash)
  })

  test.each([
    [
      'model.type: cnn on a table',
      'task: multiclass\ndata: { train: a.csv, target: y }\nmodel: { type: cnn }',
      'data.type: model.type: cnn trains on data.type: images',
    ],
    [
      'images without a size',
      'task: multiclass\ndata: { type: images, train: imgs }\nmodel: { type: cnn }',
      'data.size: required for images: [height, width]',
    ],
    [
      'images with a target column',
      'task: multiclass\ndata: { type: images, train: imgs, size: [8, 8], target: y }\nmodel: { type: cnn }',
      'data.target: not for data.type: images',
    ],
    [
      'image keys on a table',
      'task: binary\ndata: { train: a.csv, target: y, size: [8, 8] }\nmodel: { type: logistic }',
      'data.size: only for data.type: images',
    ],
    [
      'a binary image task',
      'task: binary\ndata: { type: images, train: imgs, size: [8, 8] }\nmodel: { type: cnn }',
      'task: image classifiers are multiclass',
    ],
    [
      'cross-fitting a CNN',
      'task: multiclass\ndata: { type: images, train: imgs, size: [8, 8] }\nmodel: { type: cnn }\ngate: { method: crossfit }',
      'gate.method: a CNN is compared on the eval images',
    ],
    [
      'a bad channel count',
      'task: multiclass\ndata: { type: images, train: imgs, size: [8, 8], channels: 2 }\nmodel: { type: cnn }',
      'data.channels:',
    ],
  ])('the spec refuses %s with a message naming the key', (_, yaml, message) => {
    expect(() => parseSpec(new TextEncoder().encode(yaml), 'm/modelgate.yml')).toThrow(message)
  })
})

describe('the cnn family', () => {
  test('the stored files load into a scorer giving the trained model’s n × K probabilities', async () => {
    const root = await stripesWorkspace()
    const specFile = path.join(root, 'models/stripes/modelgate.yml')
    const spec = parseSpec(await fs.readFile(specFile), specFile)
    const dataset = await loadImageDataset(spec)
    const env = { tf: () => Promise.resolve(runtime), commandEnv: {}, logger: silentLogger }
    const fitted = await cnnFamily.fit(
      {
        spec,
        dataset,
        preprocessor: {
          version: 1,
          features: [],
          missing: spec.data.missing,
          unseenCategory: 'zeros',
          outputColumns: [],
        },
        training: {
          x: new Float64Array(),
          n: dataset.train.rows.length,
          d: 0,
          y: dataset.train.y,
          task: 'multiclass',
          classes: 2,
        },
        seed: 0,
        logger: silentLogger,
      },
      env,
    )
    const files = await fitted.files()
    expect(Object.keys(files).sort()).toEqual(['model.json', 'model.onnx', 'weights.bin'])
    const stored = await cnnFamily.load(
      {
        read: (p) => Promise.resolve(files[p]!),
        paths: Object.keys(files),
        preprocessor: {
          version: 1,
          features: [],
          missing: spec.data.missing,
          unseenCategory: 'zeros',
          outputColumns: [],
        },
        features: [],
        task: 'multiclass',
        classes: dataset.target.classes,
        target: 'label',
        idColumn: null,
        meta: fitted.meta ?? {},
        label: 'test run',
      },
      env,
    )
    const inMemory = await fitted.scorer.score(dataset.eval.table, dataset.eval.rows)
    const loaded = await stored.score(dataset.eval.table, dataset.eval.rows)
    expect(loaded.predictions).toHaveLength(dataset.eval.rows.length * 2)
    expect(Array.from(loaded.predictions)).toEqual(Array.from(inMemory.predictions))
    for (let i = 0; i < dataset.eval.rows.length; i++)
      expect(loaded.predictions[2 * i]! + loaded.predictions[2 * i + 1]!).toBeCloseTo(1, 5)
    await expect(stored.score(withoutPixels(dataset.eval.table), dataset.eval.rows)).rejects.toThrow(
      'test run: an image model (model.type: cnn) scores images, not table rows',
    )
    fitted.scorer.dispose()
    stored.dispose()
  })
})

describe('modelgate run and predict on images', () => {
  test('a second run is gated against the champion on the same eval images; predict answers per file', async () => {
    const root = await stripesWorkspace()
    const first = await runCli(root, ['run', '--promote', '--json', 'first.json'])
    expect(first.code).toBe(0)
    const one = JSON.parse(await fs.readFile(path.join(root, 'first.json'), 'utf8')).models[0]
    expect(one.verdict).toBe('no-champion')
    expect(one.promoted).toBe(true)
    expect(one.warnings.join('\n')).toContain('1 image file(s) could not be read and were skipped')
    expect(first.stderr).toMatch(/epoch 6\/6: loss/)
    // The challenger: another seed, compared with McNemar on the same eval images.
    const spec = path.join(root, 'models/stripes/modelgate.yml')
    await fs.writeFile(
      spec,
      (await fs.readFile(spec, 'utf8')).replace(
        '  learning_rate: 0.01\n',
        '  learning_rate: 0.01\n  seed: 9\n',
      ),
    )
    const second = await runCli(root, ['run', '--json', 'second.json', '--report', 'report.md'])
    expect(second.code).toBeLessThan(2)
    const two = JSON.parse(await fs.readFile(path.join(root, 'second.json'), 'utf8')).models[0]
    expect(two.champion.runId).toBe(one.runId)
    expect(two.championNote).toBeNull()
    const accuracy = two.gate.comparisons.find((c: { metric: string }) => c.metric === 'accuracy')
    expect(accuracy.method).toBe('mcnemar')
    expect(accuracy.n).toBe(two.data.evalRows)

    const images = path.join(root, 'models/stripes/images')
    const predicted = await runCli(root, ['predict', '--model', 'stripes', '--input', images])
    expect(predicted.code).toBe(1)
    const lines = predicted.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as PredictLine)
    expect(lines).toHaveLength(61)
    expect(lines.filter((l) => l.error)).toEqual([
      { file: 'vertical/notes.png', error: 'not a PNG or JPEG file' },
    ])
    const good = lines.find((l) => l.file === 'vertical/vertical-0.png')!
    expect(Object.keys(good.all_confidences)).toEqual(['horizontal', 'vertical'])
    expect(good.confidence).toBe(good.all_confidences[good.predicted_class])
    expect(predicted.stderr).toContain('vertical/notes.png: not a PNG or JPEG file')
    const single = await runCli(root, [
      'predict',
      '--model',
      'stripes',
      '--input',
      path.join(images, 'horizontal/horizontal-1.png'),
    ])
    expect(single.code).toBe(0)
    expect(single.stdout.trim().split('\n')).toHaveLength(1)
  }, 120_000)
})

describe('the report’s misclassified images', () => {
  test('lists the most confident mistakes per true class by file name', () => {
    const table = {
      header: ['file', 'label'],
      columns: [
        ['a.png', 'b.png', 'c.png', 'd.png'],
        ['x', 'x', 'y', 'y'],
      ],
      rowCount: 4,
      sources: [],
      sha256: '',
      images: stripeSet(4, 1),
      input: { height: 8, width: 8, channels: 1 as const, scale: 'unit' as const, resize: true },
      skipped: [],
    }
    const dataset = {
      features: [],
      target: { column: 'label', task: 'multiclass' as const, classes: ['x', 'y'] },
      train: { table, rows: Uint32Array.of(), y: Int32Array.of() },
      eval: { table, rows: Uint32Array.of(0, 1, 2, 3), y: Int32Array.of(0, 0, 1, 1) },
      dataHash: '',
      evalSource: '',
    }
    // a: wrong (0.6 for y), b: wrong (0.9 for y), c: right, d: wrong (0.7 for x)
    const predictions = Float64Array.of(0.4, 0.6, 0.1, 0.9, 0.2, 0.8, 0.7, 0.3)
    expect(misclassifiedImages(dataset, predictions)).toEqual([
      {
        trueClass: 'x',
        count: 2,
        examples: [
          { file: 'b.png', predicted: 'y', confidence: 0.9 },
          { file: 'a.png', predicted: 'y', confidence: 0.6 },
        ],
      },
      { trueClass: 'y', count: 1, examples: [{ file: 'd.png', predicted: 'x', confidence: 0.7 }] },
    ])
  })
})

test('predict inputs: the fixtures folder gives a row per readable image and an error per bad file', async () => {
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '__fixtures__', 'images')
  const { table, items } = await readPredictInputs(
    dir,
    { height: 8, width: 8, channels: 1, scale: 'unit', resize: true },
    'images',
  )
  const errors = items.filter((i) => 'error' in i).map((i) => i.file)
  expect(errors).toEqual(['folder/shirt/broken.png', 'not-an-image.png', 'truncated.png'])
  expect(table.rowCount).toBe(items.length - errors.length)
})
