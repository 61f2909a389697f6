/**
 * The model card stored with every run: the spec's card keys (validated), the data's files with the sha256
 * of their bytes, metrics with intervals against the champion, slices; everything from the spec escaped.
 */
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { ModelResult } from '../src/pipeline/types.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const CARD = `card:
  intended_use: "Rank accounts for the retention team's weekly <b>call</b> list"
  owners: ["@data-team", retention@example.com]
  limitations:
    - Trained on 2024 accounts only
`
const SLICES = 'slices: { columns: [color], min_size: 20 }\n'

test('the card holds the spec keys, the data fingerprint, the metrics with intervals and the slices', async () => {
  const root = await makeWorkspace()
  const csv = syntheticCsv(600, 5)
  await writeModel(root, 'toy', SMALL_SPEC + SLICES + CARD, { 'data.csv': csv })
  expect((await runCli(root, ['run', '--promote'])).code).toBe(0)
  await writeModel(
    root,
    'toy',
    SMALL_SPEC.replace('type: logistic', 'type: logistic\n  C: 0.1') + SLICES + CARD,
    {},
  )
  const second = await runCli(root, ['run', '--json', 'r.json', '--fail-on', 'never'])
  expect(second.code).toBe(0)
  const model = (
    JSON.parse(await fs.readFile(path.join(root, 'r.json'), 'utf8')) as { models: ModelResult[] }
  ).models[0]!
  const card = await fs.readFile(
    path.join(root, '.modelgate/models/toy/runs', model.runId, 'model-card.md'),
    'utf8',
  )
  const sha = createHash('sha256').update(csv).digest('hex')
  expect(card).toMatch(/^# Model card: toy\n/)
  // Escaped: no HTML element, no mention.
  expect(card).toContain("Rank accounts for the retention team's weekly \\<b\\>call\\</b\\> list")
  expect(card).toContain('- @\u2060data-team')
  expect(card).toContain('- Trained on 2024 accounts only')
  expect(card).toContain(`| training | data.csv | ${sha} |`)
  const auc = model.gate!.comparisons.find((c) => c.metric === 'roc_auc' && c.scope.kind === 'overall')!
  expect(card).toContain(`| ROC AUC | ${auc.challenger.toFixed(4)} | ${auc.champion.toFixed(4)} |`)
  expect(card).toMatch(/\| color=(red|green|blue) \| \d+ \| ROC AUC \|/)
  await fs.rm(root, { recursive: true, force: true })
})

test('an unknown card key is a spec error naming it, exit 2, nothing stored', async () => {
  const root = await makeWorkspace()
  await writeModel(root, 'toy', `${SMALL_SPEC}card:\n  owner: alice\n`, { 'data.csv': syntheticCsv(100, 1) })
  const run = await runCli(root, ['run'])
  expect(run.code).toBe(2)
  expect(run.stderr).toContain('card: unknown key(s) "owner"')
  await expect(fs.access(path.join(root, '.modelgate', 'models'))).rejects.toThrow()
  await fs.rm(root, { recursive: true, force: true })
})
