/**
 * explain, drift, the stored profile and predict's input validation, end to end through the CLI on a small
 * logistic model: SHAP values add up to the logit of the probability `predict` writes; drift flags a shifted
 * batch and its new category; the drift gate fails a shifted retrain; predict's reasons and messages exactly.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

interface Shap {
  runId: string
  importance: { metric: string; features: { feature: string; mean: number; sd: number }[] }
  rows: {
    row: number
    base: number
    value: number
    contributions: { feature: string; contribution: number }[]
  }[]
}

function shifted(csv: string, dx: number, color?: string): string {
  return csv
    .trim()
    .split('\n')
    .map((line, i) => {
      if (i === 0) return line
      const f = line.split(',')
      f[1] = (Number(f[1]) + dx).toFixed(4)
      if (color && i % 3 === 0) f[3] = color
      return f.join(',')
    })
    .join('\n')
    .concat('\n')
}

let root: string
const data = syntheticCsv(600, 5)
const store = () => path.join(root, '.modelgate', 'models', 'toy', 'runs')
beforeAll(async () => {
  root = await makeWorkspace()
  await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': data })
  expect((await runCli(root, ['run', '--promote'])).code).toBe(0)
})

test('a run stores profile.json (schema, bins, categories) and explain.json, both listed in its manifest', async () => {
  const [runId] = await fs.readdir(store())
  const manifest = JSON.parse(await fs.readFile(path.join(store(), runId!, 'manifest.json'), 'utf8')) as {
    files: { path: string }[]
  }
  expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['profile.json', 'explain.json']))
  const profile = JSON.parse(await fs.readFile(path.join(store(), runId!, 'profile.json'), 'utf8'))
  expect(profile.schema.features.map((f: { name: string; kind: string }) => [f.name, f.kind])).toEqual([
    ['x1', 'numeric'],
    ['x2', 'numeric'],
    ['color', 'categorical'],
  ])
  expect(profile.schema.features[2].categories).toEqual(['blue', 'green', 'red'])
  expect(profile.schema.passthrough).toEqual(['label', 'id'])
  expect(profile.schema.validation).toEqual({
    onInvalid: 'warn',
    rangeTolerance: 0.05,
    unseenCategory: 'zeros',
  })
  const x1 = profile.train.x1
  expect(x1.counts.reduce((a: number, b: number) => a + b, 0)).toBe(x1.count - x1.missing)
  expect(x1.edges).toHaveLength(9)
  expect(x1.min).toBeGreaterThanOrEqual(-2)
  expect(x1.max).toBeLessThanOrEqual(2)
})

test('explain: linear SHAP base + contributions equal the logit of the probability predict writes', async () => {
  const out = await runCli(root, [
    'explain',
    'toy',
    '--input',
    'models/toy/data.csv',
    '--row',
    '7',
    '--json',
    '-',
  ])
  expect(out.code).toBe(0)
  const shap = JSON.parse(out.stdout) as Shap
  expect(shap.rows).toHaveLength(1)
  const r = shap.rows[0]!
  expect(r.row).toBe(7)
  expect(r.base + r.contributions.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(r.value, 12)
  expect(
    (await runCli(root, ['predict', '--model', 'toy', '--input', 'models/toy/data.csv', '--output', 'p.csv']))
      .code,
  ).toBe(0)
  const p = Number((await fs.readFile(path.join(root, 'p.csv'), 'utf8')).split('\n')[7]!.split(',')[1])
  // The stored model scores in float32; the SHAP arithmetic is float64 on the same float32 weights.
  expect(Math.log(p / (1 - p))).toBeCloseTo(r.value, 4)
  // x1 has the largest coefficient in the data's generator: it leads the importance ranking.
  expect(shap.importance.metric).toBe('roc_auc')
  expect(shap.importance.features[0]!.feature).toBe('x1')
  expect(shap.importance.features[0]!.mean).toBeGreaterThan(0.05)
  const text = await runCli(root, ['explain', 'toy', '--input', 'models/toy/data.csv', '--row', '7'])
  expect(text.stdout).toContain(`row 7: logit of P(yes) `)
  expect(text.stdout).toMatch(
    /permutation importance \(ROC AUC drop; mean ± sd over 5 shuffles of \d+ eval rows\)/,
  )
  const bad = await runCli(root, ['explain', 'toy', '--input', 'models/toy/data.csv', '--row', '0'])
  expect(bad.code).toBe(2)
  expect(bad.stderr).toBe(
    'modelgate: --row "0": expected a row number from 1 to 600 (models/toy/data.csv has 600 rows)\n',
  )
})

test('drift: the training data itself is not drift (exit 0); a shifted batch with a new category is (exit 1)', async () => {
  const same = await runCli(root, ['drift', 'toy', '--input', 'models/toy/data.csv'])
  expect(same.code).toBe(0)
  expect(same.stdout).toContain('no drift: every feature within the threshold and the schema unchanged')
  await fs.writeFile(path.join(root, 'batch.csv'), shifted(data, 1.5, 'purple'))
  const moved = await runCli(root, ['drift', 'toy', '--input', 'batch.csv', '--json', '-'])
  expect(moved.code).toBe(1)
  const report = JSON.parse(moved.stdout)
  expect(report.flagged).toContain('x1')
  expect(report.flagged).not.toContain('x2')
  expect(report.schemaChanges).toEqual([
    { change: 'new-categories', feature: 'color', categories: ['purple'] },
  ])
  const text = await runCli(root, ['drift', 'toy', '--input', 'batch.csv'])
  expect(text.stdout).toContain('  color: new categories purple\n')
  expect(text.stdout).toMatch(
    /drift: \d feature\(s\) over PSI 0\.25 \((color, )?x1\), 1 schema change\(s\)\n$/,
  )
  const noInput = await runCli(root, ['drift', 'toy'])
  expect(noInput.code).toBe(2)
  expect(noInput.stderr).toBe(
    'modelgate: drift needs --input CSV: modelgate drift NAME --input CSV [--run ID | --alias A] [--max-psi 0.25] [--json FILE|-]\n',
  )
})

describe('predict validates its input against the run schema', () => {
  const header = 'id,x1,x2,color,label,extra'
  const rows = [
    'a,0.5,0.1,red,yes,1',
    'b,abc,0.1,red,no,1',
    'c,9,0.1,red,no,1',
    'd,0.5,Infinity,red,no,1',
    'e,0.5,NaN,purple,no,1',
  ]
  beforeAll(() => fs.writeFile(path.join(root, 'check.csv'), `${header}\n${rows.join('\n')}\n`))

  test('warn: a reason per row, unreadable rows left blank, a summary line on stderr', async () => {
    const out = await runCli(root, ['predict', '--model', 'toy', '--input', 'check.csv', '--output', 'v.csv'])
    expect(out.code).toBe(0)
    const lines = (await fs.readFile(path.join(root, 'v.csv'), 'utf8')).trim().split('\n')
    expect(lines[0]).toBe('id,p_yes,invalid_reason')
    const cells = lines.slice(1).map((l) => l.split(/,(.*)/s))
    expect(cells.map(([id]) => id)).toEqual(['a', 'b', 'c', 'd', 'e'])
    const rest = cells.map(([, r]) => r!)
    expect(rest[0]).toMatch(/^0\.\d+,$/)
    expect(rest[1]).toBe(',"x1: ""abc"" is not a number"')
    expect(rest[2]).toMatch(/^[\d.e-]+,x1: 9 is outside the training range -?[\d.]+ … [\d.]+$/)
    expect(rest[3]).toBe(',"x2: ""Infinity"" is not a finite number"')
    expect(rest[4]).toMatch(
      /^0\.\d+,"x2: NaN \(scored as a missing value\); color: category ""purple"" was not seen in training"$/,
    )
    expect(out.stderr).toContain(
      'predict: check.csv: 4 of 5 rows invalid (wrong kind 1, out of range 1, not finite 1, NaN 1, unseen category 1); extra columns ignored: extra',
    )
  })

  test('reject: one message naming the first invalid row, exit 2, nothing written', async () => {
    const out = await runCli(root, [
      'predict',
      '--model',
      'toy',
      '--input',
      'check.csv',
      '--output',
      'r.csv',
      '--on-invalid',
      'reject',
    ])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain(
      'modelgate: check.csv: 4 of 5 rows invalid (wrong kind 1, out of range 1, not finite 1, NaN 1, unseen category 1); extra columns ignored: extra; first: row 2 (line 3): x1: "abc" is not a number (on_invalid: reject; nothing written)\n',
    )
    await expect(fs.access(path.join(root, 'r.csv'))).rejects.toThrow()
    const typo = await runCli(root, [
      'predict',
      '--model',
      'toy',
      '--input',
      'check.csv',
      '--output',
      'r.csv',
      '--on-invalid',
      'refuse',
    ])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain('modelgate: --on-invalid "refuse": expected warn or reject\n')
  })

  test('a missing feature column is an error naming it, whatever on_invalid says', async () => {
    await fs.writeFile(path.join(root, 'nox2.csv'), 'id,x1,color\na,0.5,red\n')
    const out = await runCli(root, ['predict', '--model', 'toy', '--input', 'nox2.csv', '--output', 'm.csv'])
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/^modelgate: nox2\.csv: missing column "x2" that run \S+ was trained with\n$/)
  })
})

test('gate.drift.max_psi: a retrain on shifted data fails the gate with the drift sentence', async () => {
  const ws = await makeWorkspace()
  const spec = `${SMALL_SPEC}  drift: { max_psi: 0.2 }\n`
  await writeModel(ws, 'toy', spec, { 'data.csv': data })
  expect((await runCli(ws, ['run', '--promote'])).code).toBe(0)
  await writeModel(ws, 'toy', spec, { 'data.csv': shifted(data, 1.5) })
  const out = await runCli(ws, ['run'])
  expect(out.code).toBe(1)
  expect(out.stdout).toMatch(
    /Drift fails the gate: 1 feature moved by more than gate\.drift\.max\\?_psi 0\.20 \(the challenger's training rows vs champion run \S+\): x1 PSI \d\.\d{3}\./,
  )
  expect(out.stdout).toContain('**Feature importance**')
})

test('explain.importance: false skips permutation importance (no explain.json, the report says so); drift is still computed', async () => {
  const ws = await makeWorkspace()
  const spec = `${SMALL_SPEC}explain: { importance: false }\n`
  await writeModel(ws, 'toy', spec, { 'data.csv': data })
  expect((await runCli(ws, ['run', '--promote'])).code).toBe(0)
  await writeModel(ws, 'toy', spec, { 'data.csv': shifted(data, 1.5) })
  const json = path.join(ws, 'results.json')
  const out = await runCli(ws, ['run', '--json', json, '--fail-on', 'never'])
  expect(out.code).toBe(0)
  const model = (
    JSON.parse(await fs.readFile(json, 'utf8')) as {
      models: {
        runId: string
        insights: { importance: unknown; importanceNote: string; drift: { report: { flagged: string[] } } }
      }[]
    }
  ).models[0]!
  expect(model.insights.importance).toBeNull()
  expect(model.insights.importanceNote).toBe('importance turned off (explain.importance: false in the spec)')
  expect(model.insights.drift.report.flagged).toEqual(['x1'])
  expect(out.stdout).toContain('importance turned off (explain.importance: false in the spec)')
  const run = path.join(ws, '.modelgate', 'models', 'toy', 'runs', model.runId)
  const files = await fs.readdir(run)
  expect(files).toContain('profile.json')
  expect(files).not.toContain('explain.json')
  expect(await fs.readFile(path.join(run, 'report.html'), 'utf8')).toContain(
    'importance turned off (explain.importance: false in the spec)',
  )
  // `modelgate explain` on that run says why there is no importance instead of failing.
  const explained = await runCli(ws, ['explain', 'toy', '--run', model.runId, '--json', '-'])
  expect(explained.code).toBe(0)
  expect(JSON.parse(explained.stdout)).toMatchObject({
    importance: null,
    note: `run ${model.runId} stored no explain.json (made before explanations, or with explain.importance: false in its spec)`,
  })
})
