/**
 * `modelgate plan --changed-only`: a model whose champion was trained from the same spec, data bytes, code
 * and modelgate version is left out with the reason; a change to any of them puts it back, saying which.
 * Runs in a real git repository (the code check asks git what changed since the champion's commit).
 */
import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

let workspace: string
const git = (...args: string[]): string =>
  execFileSync('git', args, {
    cwd: workspace,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@x',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@x',
    },
  }).toString()

beforeEach(async () => {
  workspace = await makeWorkspace()
  await writeModel(workspace, 'churn', SMALL_SPEC, { 'data.csv': syntheticCsv(400, 5) })
  await writeModel(workspace, 'credit', `${SMALL_SPEC}seeds: 2\n`, { 'data.csv': syntheticCsv(400, 8) })
  await fs.writeFile(path.join(workspace, '.gitignore'), '.modelgate/\n')
  git('init', '-q')
  git('add', '.')
  git('commit', '-qm', 'models')
})
afterEach(async () => {
  await fs.rm(workspace, { recursive: true, force: true })
})

interface PlanOutput {
  matrix: { include: { entry: string; model: string }[] }
  plan: { skipped: { model: string; reason: string }[]; reasons: { model: string; reason: string }[] }
}

async function plan(...flags: string[]): Promise<PlanOutput> {
  const out = await runCli(workspace, ['plan', ...flags])
  expect({ code: out.code, stderr: out.code === 0 ? '' : out.stderr }).toEqual({ code: 0, stderr: '' })
  return JSON.parse(out.stdout) as PlanOutput
}

test('without --changed-only every model is planned; with it, models without a champion train, saying so', async () => {
  expect((await plan()).matrix.include.map((i) => i.entry)).toEqual([
    'churn.t0.s0',
    'credit.t0.s0',
    'credit.t0.s1',
  ])
  const changed = await plan('--changed-only')
  expect(changed.plan.reasons).toEqual([
    { model: 'churn', reason: 'no champion yet' },
    { model: 'credit', reason: 'no champion yet' },
  ])
})

test('an unchanged model is skipped with the reason; new data, a new file in the model folder, or another spec put it back', async () => {
  expect((await runCli(workspace, ['run', '--promote', 'models/churn'])).code).toBe(0)
  const unchanged = await plan('--changed-only')
  expect(unchanged.plan.skipped).toEqual([
    {
      model: 'churn',
      reason:
        'unchanged: its champion was trained from this spec, the same data bytes, code and modelgate version',
    },
  ])
  expect(unchanged.matrix.include.map((i) => i.model)).toEqual(['credit', 'credit'])

  await fs.writeFile(path.join(workspace, 'models', 'churn', 'features.py'), 'X = 1\n')
  git('add', '.')
  git('commit', '-qm', 'code')
  expect((await plan('--changed-only')).plan.reasons[0]).toEqual({
    model: 'churn',
    reason: 'code changed in models/churn: models/churn/features.py',
  })

  await fs.writeFile(path.join(workspace, 'models', 'churn', 'data.csv'), syntheticCsv(401, 5))
  expect((await plan('--changed-only')).plan.reasons[0]?.reason).toMatch(
    /^the data changed \(sha256 [0-9a-f]{12}… ≠ the champion's\)$/,
  )

  await fs.writeFile(
    path.join(workspace, 'models', 'churn', 'modelgate.yml'),
    SMALL_SPEC.replace('type: logistic', 'type: logistic\n  C: 0.5'),
  )
  expect((await plan('--changed-only')).plan.reasons[0]?.reason).toMatch(
    /^the spec changed \(champion \S+ was trained from another modelgate\.yml\)$/,
  )
})
