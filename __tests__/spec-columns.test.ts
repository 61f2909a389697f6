import { promises as fs } from 'node:fs'
import path from 'node:path'
import { nearestColumn } from '../src/data/spec-columns.js'
import { makeWorkspace, runCli, snapshot, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

/**
 * Every column a spec names is checked against the data's header before anything trains, on every run —
 * the first one too, when there is no champion yet — with one message naming the spec file, the key, the
 * unknown column and the nearest existing name.
 */

const SLICED_SPEC = `${SMALL_SPEC}slices:
  columns: [color]
  min_size: 10
`

async function firstRunRefused(spec: string): Promise<{ message: string; stdout: string; store: object }> {
  const root = await makeWorkspace()
  await writeModel(root, 'toy', spec, { 'data.csv': syntheticCsv(300, 9) })
  const out = await runCli(root, ['run', '--promote'])
  expect(out.code).toBe(2)
  const lines = out.stderr.trim().split('\n')
  return {
    message: lines[lines.length - 1]!,
    stdout: out.stdout,
    store: await snapshot(path.join(root, '.modelgate')),
  }
}

describe('columns named in the spec are checked before training, on every run', () => {
  const cases: [string, string, string, string][] = [
    ['slices.columns', SMALL_SPEC + 'slices:\n  columns: [colour]\n', 'slices.columns[0]', 'colour'],
    [
      'data.features',
      SMALL_SPEC.replace('  id: id\n', '  id: id\n  features: [x1, x3]\n'),
      'data.features[1]',
      'x3',
    ],
    [
      'data.exclude',
      SMALL_SPEC.replace('  id: id\n', '  id: id\n  exclude: [colr]\n'),
      'data.exclude[0]',
      'colr',
    ],
    [
      'data.types',
      SMALL_SPEC.replace('  id: id\n', '  id: id\n  types: { X2: numeric }\n'),
      'data.types.X2',
      'X2',
    ],
    ['data.id', SMALL_SPEC.replace('  id: id\n', '  id: idd\n'), 'data.id', 'idd'],
    ['data.target', SMALL_SPEC.replace('target: label', 'target: lable'), 'data.target', 'lable'],
  ]
  it.each(cases)(
    'a typo in %s on a first run (no champion): exit 2 naming the spec file, key, column and nearest name; nothing stored',
    async (_what, spec, key, column) => {
      const { message, stdout, store } = await firstRunRefused(spec)
      const nearest = { colour: 'color', x3: 'x1', colr: 'color', X2: 'x2', idd: 'id', lable: 'label' }[
        column
      ]
      expect(message).toMatch(/^modelgate: \/.*\/models\/toy\/modelgate\.yml: /)
      expect(message).toContain(
        `${key}: no column "${column}" in data.csv (did you mean "${nearest}"?); columns are: id, x1, x2, color, label`,
      )
      expect(stdout).toBe('')
      expect(store).toEqual({})
    },
  )

  it('a typo in a second model refuses the whole run before the first model trains', async () => {
    const root = await makeWorkspace()
    await writeModel(root, 'a-good', SMALL_SPEC, { 'data.csv': syntheticCsv(300, 9) })
    await writeModel(root, 'b-typo', SMALL_SPEC + 'slices:\n  columns: [colour]\n', {
      'data.csv': syntheticCsv(300, 9),
    })
    const out = await runCli(root, ['run', '--promote'])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('b-typo/modelgate.yml: slices.columns[0]: no column "colour"')
    expect(out.stderr).not.toContain('a-good: binary')
    expect(await snapshot(path.join(root, '.modelgate'))).toEqual({})
  })

  it('a slice column missing from a separate eval file is refused too', async () => {
    const root = await makeWorkspace()
    const spec = SMALL_SPEC.replace('  split: { fraction: 0.3, seed: 3 }\n', '  eval: eval.csv\n').replace(
      '  id: id\n',
      '',
    )
    const evalCsv = syntheticCsv(100, 4)
      .split('\n')
      .map((l) => l.split(',').slice(1).join(','))
      .join('\n')
    await writeModel(root, 'toy', `${spec}slices:\n  columns: [id]\n`, {
      'data.csv': syntheticCsv(300, 9),
      'eval.csv': evalCsv,
    })
    const out = await runCli(root, ['run'])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain(
      'slices.columns[0]: no column "id" in eval.csv; columns are: x1, x2, color, label',
    )
  })

  it('nearestColumn suggests only close names', () => {
    expect(nearestColumn('colour', ['id', 'color', 'label'])).toBe('color')
    expect(nearestColumn('Age', ['age', 'sex'])).toBe('age')
    expect(nearestColumn('zzzzzz', ['id', 'color', 'label'])).toBeNull()
  })
})

/** Mann–Whitney U / (n₊ n₋), ties counted half: an independent ROC AUC. */
function mannWhitneyAuc(scores: number[], positive: boolean[]): number {
  let wins = 0
  let pairs = 0
  for (let i = 0; i < scores.length; i++) {
    if (!positive[i]) continue
    for (let j = 0; j < scores.length; j++) {
      if (positive[j]) continue
      pairs++
      wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0
    }
  }
  return wins / pairs
}

describe('a first run shows the challenger’s own slice metrics', () => {
  it('per slice: rows, ROC AUC and accuracy equal an independent computation from the stored predictions', async () => {
    const root = await makeWorkspace()
    const csv = syntheticCsv(600, 5)
    await writeModel(root, 'toy', SLICED_SPEC, { 'data.csv': csv })
    const out = await runCli(root, ['run', '--json', 'r.json'])
    expect(out.code).toBe(0)
    const model = JSON.parse(await fs.readFile(path.join(root, 'r.json'), 'utf8')).models[0]
    expect(model.verdict).toBe('no-champion')
    const predictions = (
      await fs.readFile(
        path.join(root, '.modelgate', 'models', 'toy', 'runs', model.runId, 'predictions.csv'),
        'utf8',
      )
    )
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
    const colorOf = new Map(
      csv
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => [l.split(',')[0], l.split(',')[3]]),
    )
    expect(model.challengerSlices.map((s: { value: string }) => s.value)).toEqual(['blue', 'green', 'red'])
    expect(out.stdout).toContain('Challenger by slice (no champion to compare with yet):')
    for (const slice of model.challengerSlices) {
      const rows = predictions.filter(([id]) => colorOf.get(id) === slice.value)
      const scores = rows.map((r) => Number(r[2]))
      const positive = rows.map((r) => r[1] === 'yes')
      const accuracy = rows.filter((_r, i) => scores[i]! >= 0.5 === positive[i]).length / rows.length
      expect(slice.n).toBe(rows.length)
      expect(slice.metrics.roc_auc).toBeCloseTo(mannWhitneyAuc(scores, positive), 12)
      expect(slice.metrics.accuracy).toBeCloseTo(accuracy, 12)
      // The report's row: slice, rows, then every metric to four decimals, in the spec's metric order.
      const cells = out.stdout
        .split('\n')
        .find((l) => l.startsWith(`| color=${slice.value} `))!
        .split('|')
        .map((c) => c.trim())
      expect(cells[2]).toBe(String(rows.length))
      expect(cells[3]).toBe(slice.metrics.roc_auc.toFixed(4))
    }
  })
})
