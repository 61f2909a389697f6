/**
 * The fan-out's report when the matrix did not deliver: plan, train entries (in this process; the slow suite's
 * fanout-e2e runs each as its own process), report from an S3 store to the GitHub stand-in. A missing entry is
 * named and the verdict is never a pass.
 */
import { promises as fs } from 'node:fs'
import {
  HEAD_SHA,
  OWNER,
  REPO,
  eventCall,
  requiredOutput,
  runActionInProcess,
} from './helpers/action-runner.js'
import { testCredentialsEnv } from './harness/aws-env.js'
import { startCasProxy, type CasProxy } from './harness/cas-proxy.js'
import { startGitHubStandIn, type GitHubStandIn } from './harness/github-standin.js'
import type { RepoRecord } from './harness/github-state.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'
import { makeWorkspace, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const BUCKET = 'fanout-models'
const RUN_ID = '30433642' // GITHUB_RUN_ID in helpers/action-runner.ts

/** churn sweeps two hyperparameters (2 × 2 grid, four entries); credit is one plain entry. */
const SWEEP_SPEC = `${SMALL_SPEC}sweep:
  method: grid
  params:
    C: [0.0005, 1.0]
    max_iter: [3, 200]
  validation: { fraction: 0.25, seed: 11 }
`

let server: FauxS3Server
let proxy: CasProxy
let standIn: GitHubStandIn
let repo: RepoRecord
let workspace: string

beforeAll(async () => {
  server = await startS3Server([BUCKET])
  proxy = await startCasProxy({ upstream: server.endpoint })
})
afterAll(async () => {
  await proxy.stop()
  await server.stop()
})
beforeEach(async () => {
  standIn = await startGitHubStandIn()
  repo = standIn.state.addRepo({ owner: OWNER, name: REPO, headSha: HEAD_SHA })
  standIn.state.addPull(repo, { headRef: 'feature/sweep', headSha: HEAD_SHA, author: 'alice' })
  workspace = await makeWorkspace()
  await writeModel(workspace, 'churn', SWEEP_SPEC, { 'data.csv': syntheticCsv(600, 5) })
  await writeModel(workspace, 'credit', SMALL_SPEC, { 'data.csv': syntheticCsv(500, 9) })
})
afterEach(async () => {
  await standIn.stop()
  await fs.rm(workspace, { recursive: true, force: true })
  expect(standIn.violations).toEqual([])
})

function s3Inputs(prefix: string): Record<string, string> {
  return {
    store: `s3://${BUCKET}/${prefix}`,
    's3-endpoint': proxy.endpoint,
    's3-force-path-style': 'true',
    's3-region': 'us-east-1',
  }
}

const call = (inputs: Record<string, string>) =>
  eventCall('pull_request', { workspace, apiUrl: standIn.url }, inputs, testCredentialsEnv())

async function planJob(prefix: string): Promise<{ matrix: { include: { entry: string }[] }; plan: string }> {
  const run = await runActionInProcess(await call({ ...s3Inputs(prefix), mode: 'plan' }))
  expect(run.exitCode).toBe(0)
  return { matrix: JSON.parse(requiredOutput(run, 'matrix')), plan: requiredOutput(run, 'plan-json') }
}

test('a missing entry is named in the comment and the verdict is not pass', async () => {
  const prefix = 'missing'
  const { matrix, plan } = await planJob(prefix)
  const entries = matrix.include.map((i) => i.entry).filter((e) => e !== 'churn.t1.s0')
  for (const entry of entries) {
    const run = await runActionInProcess(await call({ ...s3Inputs(prefix), mode: 'train', entry }))
    expect(run.exitCode).toBe(0)
  }
  const report = await runActionInProcess(
    await call({ ...s3Inputs(prefix), mode: 'report', plan, 'fail-on': 'never' }),
  )
  expect(report.exitCode).toBe(0)
  const results = JSON.parse(await fs.readFile(requiredOutput(report, 'results'), 'utf8'))
  const churn = results.models.find((m: { name: string }) => m.name === 'churn')
  expect(churn.verdict).toBe('inconclusive')
  expect(report.outputs.verdict).not.toBe('pass')
  const body = standIn.state.commentsOn(repo, 1)[0]!.body
  expect(body).toContain(`entry churn.t1.s0 is missing (its job left no record for run ${RUN_ID})`)
  const checks = standIn.state.checkRunsFor(repo, HEAD_SHA)
  expect(checks.find((c) => c.name === 'modelgate / churn')?.conclusion).not.toBe('success')
})
