import { promises as fs } from 'node:fs'
import path from 'node:path'
import { makeWorkspace, runCli, snapshot, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

/**
 * Every bad input gets one clear line naming the file, row and column, exit code 2, and leaves the store
 * exactly as it was. Each case starts from a workspace whose store already holds a champion.
 */
async function workspaceWithChampion(): Promise<{ root: string; before: Record<string, string> }> {
  const root = await makeWorkspace()
  await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(300, 9) })
  const first = await runCli(root, ['run', '--promote'])
  expect(first.code).toBe(0)
  return { root, before: await snapshot(path.join(root, '.modelgate')) }
}

function replaceCell(csv: string, row: number, column: number, value: string): string {
  const lines = csv.split('\n')
  const cells = lines[row]!.split(',')
  cells[column] = value
  lines[row] = cells.join(',')
  return lines.join('\n')
}

async function expectRejected(
  root: string,
  before: Record<string, string>,
  message: RegExp | string,
): Promise<void> {
  const out = await runCli(root, ['run', '--promote'])
  expect(out.code).toBe(2)
  const lines = out.stderr.trim().split('\n')
  const last = lines[lines.length - 1]!
  if (typeof message === 'string') expect(last).toContain(message)
  else expect(last).toMatch(message)
  expect(await snapshot(path.join(root, '.modelgate'))).toEqual(before)
}

describe('bad inputs: one message naming the place, store unchanged', () => {
  it('a missing target column', async () => {
    const { root, before } = await workspaceWithChampion()
    await writeModel(root, 'toy', SMALL_SPEC.replace('target: label', 'target: outcome'), {})
    await expectRejected(
      root,
      before,
      /modelgate\.yml: data\.target: no column "outcome" in data\.csv; columns are: id, x1, x2, color, label$/,
    )
  })

  it('a non-numeric value in a numeric column', async () => {
    const { root, before } = await workspaceWithChampion()
    const csv = replaceCell(syntheticCsv(300, 9), 17, 1, 'abc')
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': csv })
    // Row 17 falls on the eval side: the column was inferred numeric from the training rows.
    await expectRejected(
      root,
      before,
      /data\.csv: row 17 \(line 18\), column "x1": "abc" is not a number \(the column is numeric; declare data\.types: \{ x1: categorical \} if it is a category\)$/,
    )
  })

  it('Infinity in a numeric column', async () => {
    const { root, before } = await workspaceWithChampion()
    await writeModel(root, 'toy', SMALL_SPEC, {
      'data.csv': replaceCell(syntheticCsv(300, 9), 40, 2, 'Infinity'),
    })
    await expectRejected(
      root,
      before,
      'data.csv: row 40 (line 41), column "x2": "Infinity" is not a finite number',
    )
  })

  it('a missing numeric value under the "error" policy', async () => {
    const { root, before } = await workspaceWithChampion()
    const spec = SMALL_SPEC.replace('  id: id\n', '  id: id\n  missing: { numeric: error }\n')
    await writeModel(root, 'toy', spec, { 'data.csv': replaceCell(syntheticCsv(300, 9), 5, 1, 'NaN') })
    await expectRejected(
      root,
      before,
      /row 5 \(line 6\), column "x1": missing value \(data\.missing\.numeric is "error"/,
    )
  })

  it('empty data', async () => {
    const { root, before } = await workspaceWithChampion()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': 'id,x1,x2,color,label\n' })
    await expectRejected(root, before, /data\.csv: no data rows/)
  })

  it('a target with one class', async () => {
    const { root, before } = await workspaceWithChampion()
    const csv = syntheticCsv(300, 9).replace(/,no\n/g, ',yes\n')
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': csv })
    await expectRejected(
      root,
      before,
      'data.csv: target column "label" has one class only ("yes") in the training rows; a classifier needs at least two',
    )
  })

  it('a ragged CSV row', async () => {
    const { root, before } = await workspaceWithChampion()
    const lines = syntheticCsv(300, 9).split('\n')
    lines[12] = `${lines[12]},extra`
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': lines.join('\n') })
    await expectRejected(
      root,
      before,
      /data\.csv: line 13: 6 fields, but the header has a different number; quote fields that contain commas$/,
    )
  })

  it('an unseen category in the eval file under unseen_category: error', async () => {
    const { root, before } = await workspaceWithChampion()
    const spec = SMALL_SPEC.replace(
      '  split: { fraction: 0.3, seed: 3 }\n',
      '  eval: eval.csv\n  unseen_category: error\n',
    )
    const evalCsv = replaceCell(syntheticCsv(80, 4), 9, 3, 'purple')
    await writeModel(root, 'toy', spec, { 'data.csv': syntheticCsv(300, 9), 'eval.csv': evalCsv })
    await expectRejected(
      root,
      before,
      /eval\.csv: row 9 \(line 10\), column "color": category "purple" was not seen in training \(known: blue, green, red\)/,
    )
  })

  it('an unseen category under the default policy is scored as all-zero and recorded with the run', async () => {
    const root = await makeWorkspace()
    const spec = SMALL_SPEC.replace('  split: { fraction: 0.3, seed: 3 }\n', '  eval: eval.csv\n')
    await writeModel(root, 'toy', spec, {
      'data.csv': syntheticCsv(300, 9),
      'eval.csv': replaceCell(syntheticCsv(80, 4), 9, 3, 'purple'),
    })
    const out = await runCli(root, ['run', '--json', 'r.json'])
    expect(out.code).toBe(0)
    const runId = JSON.parse(await fs.readFile(path.join(root, 'r.json'), 'utf8')).models[0].runId as string
    const manifest = JSON.parse(
      await fs.readFile(path.join(root, '.modelgate/models/toy/runs', runId, 'manifest.json'), 'utf8'),
    )
    expect(manifest.meta.policies).toMatchObject({ unseenCategory: 'zeros', unseen: { color: 1 } })
  })

  it('a spec error names the file and the key path', async () => {
    const { root, before } = await workspaceWithChampion()
    const spec = SMALL_SPEC.replace('  type: logistic\n', '  type: logistic\n  C: -1\n  epochz: 3\n')
    const dir = await writeModel(root, 'toy', spec, {})
    await expectRejected(
      root,
      before,
      `${path.join(dir, 'modelgate.yml')}: 2 problems: model.C: Too small: expected number to be >0; model: unknown key(s) "epochz"`,
    )
  })

  it('an unknown gated metric names the key and lists the valid ones', async () => {
    const { root, before } = await workspaceWithChampion()
    await writeModel(
      root,
      'toy',
      SMALL_SPEC.replace('roc_auc: { max_drop: 0.05 }', 'rmse: { max_drop: 0.05 }'),
      {},
    )
    await expectRejected(
      root,
      before,
      /modelgate\.yml: gate\.metrics\.rmse: unknown metric "rmse" for a binary task; expected one of roc_auc, /,
    )
  })
})
