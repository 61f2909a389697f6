import { promises as fs } from 'node:fs'
import { HEAD_SHA, OWNER, REPO, eventCall, requiredOutput, runActionInProcess } from './action-runner.js'
import { testCredentialsEnv } from '../harness/aws-env.js'
import { startCasProxy, type CasProxy } from '../harness/cas-proxy.js'
import { startGitHubStandIn, type GitHubStandIn } from '../harness/github-standin.js'
import type { RepoRecord } from '../harness/github-state.js'
import { startS3Server, type FauxS3Server } from '../harness/s3-server.js'
import { makeWorkspace, SMALL_SPEC, syntheticCsv, writeModel } from './workspace.js'

/**
 * The fan-out tests' world: fauxqs behind the conditional-write proxy, the GitHub stand-in with one pull
 * request, and a workspace with a swept churn model and a plain credit model; Jest hooks set it up per test.
 */

export const BUCKET = 'fanout-models'
export const RUN_ID = '30433642' // GITHUB_RUN_ID in helpers/action-runner.ts

/** churn sweeps two hyperparameters (2 × 2 grid, four entries); credit is one plain entry. */
const SWEEP_SPEC = `${SMALL_SPEC}sweep:
  method: grid
  params:
    C: [0.0005, 1.0]
    max_iter: [3, 200]
  validation: { fraction: 0.25, seed: 11 }
`

export let server: FauxS3Server
export let proxy: CasProxy
export let standIn: GitHubStandIn
export let repo: RepoRecord
export let workspace: string

export function useFanoutWorld(): void {
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
}

export function s3Inputs(prefix: string): Record<string, string> {
  return {
    store: `s3://${BUCKET}/${prefix}`,
    's3-endpoint': proxy.endpoint,
    's3-force-path-style': 'true',
    's3-region': 'us-east-1',
  }
}

export const call = (inputs: Record<string, string>) =>
  eventCall('pull_request', { workspace, apiUrl: standIn.url }, inputs, testCredentialsEnv())

export async function planJob(
  prefix: string,
): Promise<{ matrix: { include: { entry: string }[] }; plan: string }> {
  const run = await runActionInProcess(await call({ ...s3Inputs(prefix), mode: 'plan' }))
  expect(run.exitCode).toBe(0)
  return { matrix: JSON.parse(requiredOutput(run, 'matrix')), plan: requiredOutput(run, 'plan-json') }
}
