/**
 * The "any model" story end to end (needs Debian's python3-xgboost and python3-pandas, see .ci/apt.d):
 * the `credit` MLP is the champion; a change replaces it by models/credit-xgb's XGBoost (format: command,
 * train.py / predict.py). Different families, same data, split and gate: the comparison, the verdict and the
 * report are the normal ones, against the MLP champion, on the same eval rows.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { makeWorkspace, runCli } from '../helpers/workspace.js'

const MODELS = path.resolve('models')

test('an XGBoost challenger (external, format command) is gated against the credit MLP champion', async () => {
  const root = await makeWorkspace()
  const dir = path.join(root, 'models', 'credit')
  await fs.mkdir(dir, { recursive: true })
  for (const file of ['modelgate.yml', 'credit_data.csv'])
    await fs.copyFile(path.join(MODELS, 'credit', file), path.join(dir, file))
  const env = { PATH: process.env.PATH }
  const first = await runCli(root, ['run', '--promote', '--json', 'mlp.json'], { env })
  expect(first.code).toBe(0)
  const mlp = JSON.parse(await fs.readFile(path.join(root, 'mlp.json'), 'utf8')).models[0]
  expect(mlp.promoted).toBe(true)

  // The pull request: the credit model becomes credit-xgb's spec and code (same data file and split).
  const spec = (await fs.readFile(path.join(MODELS, 'credit-xgb', 'modelgate.yml'), 'utf8'))
    .replace('name: credit-xgb', 'name: credit')
    .replace('../credit/credit_data.csv', 'credit_data.csv')
  await fs.writeFile(path.join(dir, 'modelgate.yml'), spec)
  for (const file of ['train.py', 'predict.py', 'common.py'])
    await fs.copyFile(path.join(MODELS, 'credit-xgb', file), path.join(dir, file))
  const second = await runCli(root, ['run', '--json', 'xgb.json', '--report', 'report.md'], { env })
  expect(second.stderr).toMatch(/\| xgboost 1\.\d+\.\d+: \d+ rows/)
  expect(second.code).toBeLessThan(2)
  const xgb = JSON.parse(await fs.readFile(path.join(root, 'xgb.json'), 'utf8')).models[0]
  expect(xgb.championNote).toBeNull()
  expect(xgb.champion.runId).toBe(mlp.runId)
  expect(xgb.data.evalRows).toBe(mlp.data.evalRows)
  expect(xgb.champion.metrics.roc_auc).toBe(mlp.challenger.metrics.roc_auc)
  expect(['pass', 'fail', 'inconclusive']).toContain(xgb.verdict)
  const auc = xgb.gate.comparisons.find(
    (c: { metric: string; scope: { kind: string } }) => c.metric === 'roc_auc' && c.scope.kind === 'overall',
  )
  expect(auc.method).toBe('delong')
  expect(auc.diff).toBeCloseTo(xgb.challenger.metrics.roc_auc - mlp.challenger.metrics.roc_auc, 12)
  // A real XGBoost on this data: well above chance, near the MLP.
  expect(xgb.challenger.metrics.roc_auc).toBeGreaterThan(0.8)
  const report = await fs.readFile(path.join(root, 'report.md'), 'utf8')
  expect(report).toContain(`vs champion run \`${mlp.runId}\``)
}, 300_000)
