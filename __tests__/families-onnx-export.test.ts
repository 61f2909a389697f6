/**
 * ONNX out: every modelgate-trained run stores model/model.onnx with its preprocessing inside the graph. The
 * exported graph, scored by ONNX Runtime from npm (onnxruntime-web, as a Python/Java/C# service would load it),
 * gives `modelgate predict`'s probabilities to 1e-5 on every example model and on multiclass/regression
 * models, including rows with missing values and unseen categories.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import * as ort from 'onnxruntime-web'
import { readCsv } from '../src/data/csv.js'
import type { Preprocessor } from '../src/data/preprocess.js'
import { isMissing } from '../src/data/values.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

ort.env.wasm.numThreads = 1

interface Case {
  name: string
  /** Copy models/<name> (spec and data), or write this spec on synthetic data. */
  spec?: string
  rows: number
}

const CASES: Case[] = [
  { name: 'churn', rows: 400 },
  { name: 'credit', rows: 400 },
  {
    name: 'multi',
    rows: 200,
    spec: SMALL_SPEC.replace('task: binary', 'task: multiclass')
      .replace('target: label', 'target: color')
      .replace(
        '  type: logistic',
        '  type: mlp\n  hidden: [6]\n  activation: tanh\n  epochs: 20\n  batch_size: 50\n  early_stopping: false',
      )
      .replace('roc_auc: { max_drop: 0.05 }', 'accuracy: { max_drop: 0.05 }'),
  },
  {
    name: 'reg',
    rows: 200,
    spec: SMALL_SPEC.replace('task: binary', 'task: regression')
      .replace('target: label', 'target: x1')
      .replace('  type: logistic', '  type: linear\n  alpha: 0.1')
      .replace('roc_auc: { max_drop: 0.05 }', 'rmse: { max_drop_pct: 5 }'),
  },
]

/** Blank some cells and put an unseen category into others, so the graph's imputation and one-hot are used. */
function damage(header: string[], columns: string[][], pre: Preprocessor): void {
  const rows = columns[0]!.length
  pre.features.forEach((f, j) => {
    const col = columns[header.indexOf(f.name)]!
    for (let i = j % 7; i < rows; i += 11) col[i] = ''
    if (f.kind === 'categorical') for (let i = (j % 5) + 3; i < rows; i += 13) col[i] = 'never-seen-category'
  })
}

const csvLine = (fields: string[]): string =>
  fields.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')

describe.each(CASES)('the exported model.onnx of $name', ({ name, spec, rows }) => {
  test('scores like modelgate predict (1e-5), missing values and unseen categories included', async () => {
    const root = await makeWorkspace()
    if (spec) await writeModel(root, name, spec, { 'data.csv': syntheticCsv(600, 5) })
    else {
      const dir = path.join(root, 'models', name)
      await fs.mkdir(dir, { recursive: true })
      for (const f of await fs.readdir(path.resolve('models', name)))
        await fs.copyFile(path.resolve('models', name, f), path.join(dir, f))
    }
    // Unseen categories are scored as zeros by both (the default unseen_category policy).
    const run = await runCli(root, ['run', models(name), '--promote', '--json', 'r.json'])
    expect(run.code).toBeLessThan(2)
    const result = JSON.parse(await fs.readFile(path.join(root, 'r.json'), 'utf8')).models[0]
    const runDir = path.join(root, '.modelgate', 'models', name, 'runs', result.runId)
    const bundle = JSON.parse(await fs.readFile(path.join(runDir, 'preprocess.json'), 'utf8'))
    const pre = bundle.preprocessor as Preprocessor

    const source = path.join(root, 'models', name, spec ? 'data.csv' : (await dataFile(root, name))!)
    const table = await readCsv([source])
    const columns = table.columns.map((c) => c.slice(0, rows))
    damage(table.header, columns, pre)
    const lines = [csvLine(table.header)]
    for (let i = 0; i < rows; i++) lines.push(csvLine(columns.map((c) => c[i]!)))
    await fs.writeFile(path.join(root, 'new.csv'), `${lines.join('\n')}\n`)
    const predicted = await runCli(root, [
      'predict',
      '--model',
      name,
      '--input',
      'new.csv',
      '--output',
      'p.csv',
    ])
    expect(predicted.stderr).toMatch(/unseen categories scored as all-zero|predicted/)
    expect(predicted.code).toBe(0)
    const expected = (await fs.readFile(path.join(root, 'p.csv'), 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').slice(1).map(Number))

    const session = await ort.InferenceSession.create(
      new Uint8Array(await fs.readFile(path.join(runDir, 'model', 'model.onnx'))),
    )
    expect(session.inputNames).toEqual(pre.features.map((f) => f.name))
    const feeds: Record<string, ort.Tensor> = {}
    for (const f of pre.features) {
      const col = columns[table.header.indexOf(f.name)]!
      feeds[f.name] =
        f.kind === 'numeric'
          ? new ort.Tensor(
              'float32',
              Float32Array.from(col, (v) => (isMissing(v) ? Number.NaN : Number(v))),
              [rows, 1],
            )
          : new ort.Tensor('string', col, [rows, 1])
    }
    const out = await session.run(feeds)
    const task = result.task as string
    const tensor = out[task === 'regression' ? 'prediction' : 'probabilities']!
    const data = tensor.data as Float32Array
    const width = tensor.dims[1]!
    expect(tensor.dims).toEqual([rows, task === 'regression' ? 1 : bundle.target.classes.length])
    let worst = 0
    for (let i = 0; i < rows; i++) {
      // predict writes P(positive) (binary), every class (multiclass) or the value (regression).
      const mine =
        task === 'binary' ? [data[i * 2 + 1]!] : Array.from(data.subarray(i * width, (i + 1) * width))
      mine.forEach(
        (v, k) =>
          (worst = Math.max(
            worst,
            Math.abs(v - expected[i]![k]!) /
              (task === 'regression' ? Math.max(1, Math.abs(expected[i]![k]!)) : 1),
          )),
      )
    }
    expect(expected).toHaveLength(rows)
    expect(worst).toBeLessThan(1e-5)
    await session.release()
  })
})

function models(name: string): string {
  return path.join('models', name)
}

async function dataFile(root: string, name: string): Promise<string | undefined> {
  return (await fs.readdir(path.join(root, 'models', name))).find((f) => f.endsWith('.csv'))
}
