/**
 * The "any model" story end to end (needs Debian's python3-xgboost and python3-pandas, see .ci/apt.d):
 * the `credit` MLP is the champion; a change replaces it by models/credit-xgb's XGBoost (format: command,
 * train.py / predict.py). Different families, same data, split and gate: the comparison, the verdict and the
 * report are the normal ones, against the MLP champion, on the same eval rows — from the CLI, and from the
 * Action on a pull request against the GitHub stand-in (comment and check run).
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { eventCall, HEAD_SHA, OWNER, REPO, runActionInProcess } from '../helpers/action-runner.js'
import { startGitHubStandIn } from '../harness/github-standin.js'
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

test('the pull request that replaces the credit MLP by XGBoost gets a normal comparison, comment and check run', async () => {
  const standIn = await startGitHubStandIn()
  try {
    const repo = standIn.state.addRepo({ owner: OWNER, name: REPO })
    standIn.state.addPull(repo, { headRef: 'feature/xgboost', headSha: HEAD_SHA, author: 'alice' })
    const workspace = await makeWorkspace()
    const dir = path.join(workspace, 'models', 'credit')
    await fs.mkdir(dir, { recursive: true })
    for (const file of ['modelgate.yml', 'credit_data.csv'])
      await fs.copyFile(path.join(MODELS, 'credit', file), path.join(dir, file))
    // main's champion: the MLP, promoted into the workspace's store (the Action's default .modelgate).
    expect((await runCli(workspace, ['run', '--promote'], { env: { PATH: process.env.PATH } })).code).toBe(0)
    const champion = JSON.parse(
      await fs.readFile(
        path.join(workspace, '.modelgate', 'models', 'credit', 'aliases', 'champion.json'),
        'utf8',
      ),
    ).runId as string

    const spec = (await fs.readFile(path.join(MODELS, 'credit-xgb', 'modelgate.yml'), 'utf8'))
      .replace('name: credit-xgb', 'name: credit')
      .replace('../credit/credit_data.csv', 'credit_data.csv')
    await fs.writeFile(path.join(dir, 'modelgate.yml'), spec)
    for (const file of ['train.py', 'predict.py', 'common.py'])
      await fs.copyFile(path.join(MODELS, 'credit-xgb', file), path.join(dir, file))
    const run = await runActionInProcess(
      await eventCall('pull_request', { workspace, apiUrl: standIn.url }, { models: 'models/credit' }),
    )
    expect(run.log).toMatch(
      /::group::credit: training external\n(.*\n)*  \| xgboost 1\.\d+\.\d+: \d+ rows, \d+ columns\n::endgroup::/,
    )
    expect(run.exitCode).toBeLessThan(2)
    const verdict = run.outputs.verdict
    expect(['pass', 'fail', 'inconclusive']).toContain(verdict)
    const results = JSON.parse(await fs.readFile(run.outputs.results!, 'utf8'))
    expect(results.models[0].champion.runId).toBe(champion)
    expect(results.models[0].championNote).toBeNull()

    const comments = standIn.state.commentsOn(repo, 1)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain(`vs champion run \`${champion}\``)
    const checks = standIn.state.checkRunsFor(repo, HEAD_SHA)
    expect(checks.map((c) => [c.name, c.status])).toEqual([['modelgate / credit', 'completed']])
    expect(checks[0]!.output.title).toMatch(new RegExp(`^${verdict}: ROC AUC `))
    expect(standIn.violations).toEqual([])
  } finally {
    await standIn.stop()
  }
}, 300_000)
