/**
 * The fan-out end to end: `mode: plan` writes the matrix, every entry runs `mode: train` as its own process
 * (as separate runners would; slow: each process starts the Action from sources), and `mode: report` gathers
 * them from an S3 store (fauxqs behind the conditional-write proxy) and posts to the GitHub stand-in: one
 * comment, one check run per model, the trial chosen on the validation split.
 */
import { promises as fs } from 'node:fs'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import {
  HEAD_SHA,
  OWNER,
  REPO,
  eventCall,
  requiredOutput,
  runActionChild,
  runActionInProcess,
  type ActionRun,
} from '../helpers/action-runner.js'
import { testCredentialsEnv, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../harness/aws-env.js'
import { startCasProxy, type CasProxy } from '../harness/cas-proxy.js'
import { startGitHubStandIn, type GitHubStandIn } from '../harness/github-standin.js'
import type { RepoRecord } from '../harness/github-state.js'
import { startS3Server, type FauxS3Server } from '../harness/s3-server.js'
import { makeWorkspace, SMALL_SPEC, syntheticCsv, writeModel } from '../helpers/workspace.js'

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

/** An entry's record, read straight from the bucket (not through modelgate's store). */
async function entryRecord(
  prefix: string,
  entry: string,
): Promise<{ trial: number; runId: string; selection: { value: number } }> {
  const client = new S3Client({
    endpoint: server.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
  })
  const object = await client.send(
    new GetObjectCommand({ Bucket: BUCKET, Key: `${prefix}/fanout/${RUN_ID}/${entry}.json` }),
  )
  return JSON.parse(await object.Body!.transformToString()) as Awaited<ReturnType<typeof entryRecord>>
}

test('plan → one process per matrix entry → report: one comment, one check run per model, the trial with the best validation ROC AUC', async () => {
  const prefix = 'e2e'
  const { matrix, plan } = await planJob(prefix)
  const entries = matrix.include.map((i) => i.entry)
  expect(entries).toEqual(['churn.t0.s0', 'churn.t1.s0', 'churn.t2.s0', 'churn.t3.s0', 'credit.t0.s0'])

  const runs: ActionRun[] = []
  for (const entry of entries)
    runs.push(await runActionChild(await call({ ...s3Inputs(prefix), mode: 'train', entry })))
  for (const [i, run] of runs.entries()) {
    expect({ entry: entries[i], exitCode: run.exitCode, log: run.exitCode === 0 ? '' : run.log }).toEqual({
      entry: entries[i],
      exitCode: 0,
      log: '',
    })
    expect(run.outputs.results).toMatch(/modelgate-results\.json$/)
  }
  // The matrix jobs post nothing.
  expect(standIn.requests).toEqual([])

  const records = await Promise.all(entries.slice(0, 4).map((e) => entryRecord(prefix, e)))
  const values = records.map((r) => r.selection.value)
  expect(new Set(values).size).toBeGreaterThan(1) // the sweep changes the model
  const best = records.reduce((a, b) => (b.selection.value > a.selection.value ? b : a))

  const report = await runActionInProcess(
    await call({ ...s3Inputs(prefix), mode: 'report', plan, 'fail-on': 'never' }),
  )
  expect(report.exitCode).toBe(0)
  const comments = standIn.state.commentsOn(repo, 1)
  expect(comments).toHaveLength(1)
  expect(comments[0]!.body).toContain(`sweep: trial ${best.trial} of 4 chosen`)
  expect(
    standIn.state
      .checkRunsFor(repo, HEAD_SHA)
      .map((c) => c.name)
      .sort(),
  ).toEqual(['modelgate / churn', 'modelgate / credit'])
  expect(JSON.parse(requiredOutput(report, 'run-ids')).churn).toBe(best.runId)
})
