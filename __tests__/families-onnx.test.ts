/**
 * ONNX scoring in-process, on both runtimes (native onnxruntime-node and WebAssembly onnxruntime-web), against
 * the producing framework's own outputs committed with the fixtures (__fixtures__/onnx/make_fixtures.py:
 * PyTorch's forward for torch-mlp.onnx, numpy for the ai.onnx.ml ZipMap classifier). No Python needed here.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { RawTable } from '../src/data/csv.js'
import { UserError } from '../src/errors.js'
import type { StoredModel } from '../src/train/family.js'
import { onnxScorer } from '../src/train/onnx/scorer.js'
import type { OnnxRuntimeName } from '../src/train/onnx/runtime.js'

const DIR = path.resolve('__fixtures__', 'onnx')
const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as {
  rows: { x1: number; x2: number; g: string }[]
  'torch-mlp': number[][]
  'torch-mlp-features': number[][]
  'zipmap-classifier': number[][]
}
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(DIR, `${name}.onnx`)))

function table(columns: Record<string, string[]>): RawTable {
  const header = Object.keys(columns)
  const rowCount = columns[header[0]!]!.length
  return { header, columns: header.map((h) => columns[h]!), rowCount, sources: [], sha256: '' }
}
const all = (n: number): Uint32Array => Uint32Array.from({ length: n }, (_, i) => i)

type Model = Pick<StoredModel, 'features' | 'task' | 'classes' | 'label'>
const num = (name: string) => ({ name, kind: 'numeric' as const })

const RUNTIMES: OnnxRuntimeName[] = ['node', 'web']
const harness = path.resolve('__tests__', 'harness')

/**
 * Score a fixture: the wasm runtime in this process; the native one in a plain Node child (it refuses typed
 * arrays made in Jest's vm realm; in this process modelgate falls back to wasm, see onnx/runtime.ts).
 */
async function scoreWith(
  runtime: OnnxRuntimeName,
  name: string,
  model: Model,
  t: RawTable,
): Promise<{ runtime: string; predictions: number[] }> {
  if (runtime === 'web') {
    const scorer = await onnxScorer(fixture(name), model, runtime)
    try {
      const { predictions } = await scorer.score(t, all(t.rowCount))
      return { runtime: scorer.runtime, predictions: [...predictions] }
    } finally {
      scorer.dispose()
    }
  }
  const out = execFileSync(process.execPath, [
    '--import',
    path.join(harness, 'ts-loader.mjs'),
    path.join(harness, 'onnx-score-worker.ts'),
    runtime,
    path.join(DIR, `${name}.onnx`),
    JSON.stringify(model),
    JSON.stringify({ header: t.header, columns: t.columns, rowCount: t.rowCount }),
  ]).toString('utf8')
  const parsed = JSON.parse(out) as { runtime: string; predictions: number[]; error?: string }
  if (parsed.error) throw new UserError(parsed.error)
  return parsed
}

describe.each(RUNTIMES)('ONNX scoring on onnxruntime-%s', (runtime) => {
  const features = [num('x1'), num('x2'), { name: 'g', kind: 'categorical' as const }]
  const rows = expected.rows
  const zipTable = table({
    g: rows.map((r) => r.g),
    x2: rows.map((r) => String(r.x2)),
    x1: rows.map((r) => String(r.x1)),
  })
  const x = expected['torch-mlp-features']
  const torchTable = table({
    x1: x.map((r) => String(r[0])),
    x2: x.map((r) => String(r[1])),
    x3: x.map((r) => String(r[2])),
  })
  const torchModel: Model = {
    features: [num('x1'), num('x2'), num('x3')],
    task: 'binary',
    classes: ['0', '1'],
    label: 'run A',
  }

  test('one float tensor of the features in spec order, [N, 2] probabilities: PyTorch forward to 1e-6', async () => {
    const scored = await scoreWith(runtime, 'torch-mlp', torchModel, torchTable)
    expect(scored.runtime).toMatch(
      runtime === 'node'
        ? /^onnxruntime-node 1\.\d+\.\d+ \(native cpu\)$/
        : /^onnxruntime-web 1\.\d+\.\d+ \(wasm\)$/,
    )
    expect(scored.predictions).toHaveLength(x.length)
    scored.predictions.forEach((p, i) =>
      expect(Math.abs(p - expected['torch-mlp'][i]![1]!)).toBeLessThan(1e-6),
    )
    // The same network as a two-class multiclass model: both columns.
    const both = await scoreWith(runtime, 'torch-mlp', { ...torchModel, task: 'multiclass' }, torchTable)
    expected['torch-mlp']
      .flat()
      .forEach((p, i) => expect(Math.abs(both.predictions[i]! - p)).toBeLessThan(1e-6))
  })

  test('one named input per column with a string category, label + ZipMap outputs: mapped by class label', async () => {
    const model: Model = { features, task: 'binary', classes: ['no', 'yes'], label: 'run B' }
    const yes = await scoreWith(runtime, 'zipmap-classifier', model, zipTable)
    yes.predictions.forEach((p, i) =>
      expect(Math.abs(p - expected['zipmap-classifier'][i]![1]!)).toBeLessThan(1e-6),
    )
    // With "no" as the positive class, P(positive) is the ZipMap's "no" column: found by label, not position.
    const no = await scoreWith(runtime, 'zipmap-classifier', { ...model, classes: ['yes', 'no'] }, zipTable)
    no.predictions.forEach((p, i) =>
      expect(Math.abs(p - expected['zipmap-classifier'][i]![0]!)).toBeLessThan(1e-6),
    )
  })

  test('a model with other inputs, outputs or labels is refused with its inputs/outputs named', async () => {
    const binary: Model = { features, task: 'binary', classes: ['no', 'yes'], label: 'run C' }
    await expect(scoreWith(runtime, 'unsupported', binary, zipTable)).rejects.toThrow(
      new UserError(
        'run C: model.onnx has an input modelgate cannot feed; its inputs are image int64[N, 1, 4, 4]; modelgate expects one float tensor [N, 3] of the features in spec order (x1, x2, g), or one input per feature named as its column (float [N, 1] numeric, string [N, 1] categorical)',
      ),
    )
    await expect(
      scoreWith(runtime, 'torch-mlp', { ...binary, classes: ['0', '1'], label: 'run D' }, zipTable),
    ).rejects.toThrow(/run D: model\.onnx takes one float tensor, but features g are categorical/)
    await expect(
      scoreWith(
        runtime,
        'zipmap-classifier',
        { ...binary, classes: ['bad', 'good'], label: 'run E' },
        zipTable,
      ),
    ).rejects.toThrow(
      /run E: model\.onnx has class labels \[no, yes\] but the data has \[bad, good\]; its outputs are output_label string\[N\], output_probability \(not a tensor\)/,
    )
    await expect(
      scoreWith(
        runtime,
        'torch-mlp',
        { ...torchModel, task: 'multiclass', classes: ['a', 'b', 'c'], label: 'run F' },
        torchTable,
      ),
    ).rejects.toThrow(
      /run F: model\.onnx has no output modelgate can read; its outputs are probabilities float32\[N, 2\]; modelgate expects a float tensor \[N, 3\]/,
    )
  })
})
