/**
 * `modelgate serve` scores a run through the run's own model family, as `modelgate predict` does: an external
 * ONNX run (the zipmap-classifier fixture, an ai.onnx.ml pipeline) is served, and its answers equal the numpy
 * oracle committed with the fixture (__fixtures__/onnx/make_fixtures.py) and `modelgate predict`'s output.
 */
import { promises as fs, readFileSync } from 'node:fs'
import path from 'node:path'
import { openStore, parseStoreUrl } from '../src/store/store-url.js'
import { startTestServer } from './helpers/serve.js'
import { makeWorkspace, runCli, writeModel } from './helpers/workspace.js'

const FIXTURES = path.resolve('__fixtures__', 'onnx')
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as {
  rows: { x1: number; x2: number; g: string }[]
  'zipmap-classifier': number[][]
}

/** The fixture's columns x1, x2, g with a label that depends on them (the model's weights are fixed anyway). */
function dataCsv(rows: number): string {
  const lines = ['id,x1,x2,g,label']
  for (let i = 0; i < rows; i++) {
    const x1 = ((i * 37) % 100) / 25 - 2
    const x2 = ((i * 61) % 100) / 25 - 2
    const g = ['a', 'b', 'c'][i % 3]!
    lines.push(`r${i},${x1},${x2},${g},${x1 - x2 + (i % 7) / 3 > 0.5 ? 'yes' : 'no'}`)
  }
  return `${lines.join('\n')}\n`
}

const SPEC = `task: binary
data:
  train: data.csv
  target: label
  id: id
  positive_class: 'yes'
  split: { fraction: 0.3, seed: 3 }
model:
  type: external
  train: ${process.execPath} train.mjs
  format: onnx
gate:
  metrics:
    roc_auc: { max_drop: 0.05 }
`
const TRAIN_JS = `import { copyFileSync } from 'node:fs'
copyFileSync(${JSON.stringify(path.join(FIXTURES, 'zipmap-classifier.onnx'))}, process.env.MODELGATE_OUTPUT_DIR + '/model.onnx')
`

test('an external ONNX run is served through its family: answers equal the numpy oracle and modelgate predict', async () => {
  const root = await makeWorkspace()
  try {
    await writeModel(root, 'zip', SPEC, { 'data.csv': dataCsv(200), 'train.mjs': TRAIN_JS })
    const run = await runCli(root, ['run', '--promote', '--fail-on', 'never'], {
      env: { PATH: process.env.PATH },
    })
    expect(run.stderr).toContain('promoted')
    expect(run.code).toBe(0)
    const rows = expected.rows.map((r, i) => ({ id: `q${i}`, ...r }))
    await fs.writeFile(
      path.join(root, 'score.csv'),
      `id,x1,x2,g\n${rows.map((r) => `${r.id},${r.x1},${r.x2},${r.g}`).join('\n')}\n`,
    )
    const predicted = await runCli(root, [
      'predict',
      '--model',
      'zip',
      '--input',
      'score.csv',
      '--output',
      'p.csv',
    ])
    expect(predicted.code).toBe(0)
    const fromPredict = (await fs.readFile(path.join(root, 'p.csv'), 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[1]))

    const store = await openStore(parseStoreUrl(path.join(root, '.modelgate'), {}))
    const t = await startTestServer(store, ['zip'])
    try {
      await t.server.holder.pollOnce()
      expect(t.server.holder.current('zip')!.runtime).toMatch(/^onnxruntime/)
      const answer = await t.post('/v1/models/zip/predict', {
        rows: rows.map(({ x1, x2, g }) => ({ x1, x2, g })),
      })
      expect(answer.status).toBe(200)
      const served = answer.json.predictions!.map((p) => p.probabilities.yes!)
      served.forEach((p, i) => {
        expect(p).toBeCloseTo(expected['zipmap-classifier'][i]![1]!, 6)
        expect(p).toBe(fromPredict[i])
      })
      const explain = await t.post('/v1/models/zip/explain', { rows: [{ x1: 0, x2: 0, g: 'a' }] })
      expect(explain).toMatchObject({ status: 501, json: { reason: 'not_implemented' } })
    } finally {
      await t.server.close()
    }
  } finally {
    await fs.rm(root, { recursive: true, force: true })
  }
})
