/**
 * push (with promotion), workflow_dispatch, the gate failing the step, and an S3 store — the Action end to end
 * in-process with the runner's environment, against the GitHub stand-in.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import {
  HEAD_SHA,
  MAIN_SHA,
  errorLines,
  eventCall,
  loadEvent,
  requiredOutput,
  runActionInProcess,
  type ActionInvocation,
} from './helpers/action-runner.js'
import { repo, standIn, useActionWorld, workspace } from './helpers/action-world.js'
import { testCredentialsEnv } from './harness/aws-env.js'
import { startCasProxy, type CasProxy } from './harness/cas-proxy.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'
import { SMALL_SPEC } from './helpers/workspace.js'

useActionWorld({ headSha: MAIN_SHA })

const pushCall = (
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ActionInvocation> => eventCall('push', { workspace, apiUrl: standIn.url }, inputs, env)
const prCall = (
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ActionInvocation> => eventCall('pull_request', { workspace, apiUrl: standIn.url }, inputs, env)

interface AliasJson {
  runId: string
  version: number
  history: { by: string }[]
}

async function champion(store = path.join(workspace, '.modelgate')): Promise<AliasJson> {
  const file = path.join(store, 'models', 'churn', 'aliases', 'champion.json')
  return JSON.parse(await fs.readFile(file, 'utf8')) as AliasJson
}

/** The PR's change: drop the strongest feature, which makes the model clearly worse. */
const WORSE_SPEC = SMALL_SPEC.replace('  id: id\n', '  id: id\n  exclude: [x1]\n')

describe('push to the default branch', () => {
  test('promotes the first run, then a pull request is compared with that champion', async () => {
    const push = await runActionInProcess(await pushCall())
    expect(push.exitCode).toBe(0)
    expect(push.log).toContain('promotion: on (promote-on is push and this is the default branch)')
    expect(push.outputs['champion-changed']).toBe('true')
    const runId = JSON.parse(requiredOutput(push, 'run-ids')).churn as string
    const alias = await champion()
    expect(alias).toMatchObject({ runId, version: 1 })
    expect(alias.history[0]?.by).toBe('alice via modelgate Action (push a1b2c3d)')
    // no pull request on a push: no comment, but a check run on the pushed commit
    expect(standIn.requests.map((r) => r.operationId)).toEqual(['checks/create'])
    expect(standIn.state.checkRunsFor(repo, MAIN_SHA).map((c) => c.conclusion)).toEqual(['success'])
    expect(push.summary).toContain('Promotion: promoted to champion (first run: no champion yet).')
    expect(push.log).toContain('no pull request for this push event, so no PR comment')

    const pr = await runActionInProcess(await prCall())
    expect(pr.exitCode).toBe(0)
    expect(pr.outputs.verdict).toBe('pass')
    expect(pr.outputs['champion-changed']).toBe('false')
    const body = standIn.state.commentsOn(repo, 1)[0]!.body
    expect(body).toContain('## modelgate: ✅ pass')
    expect(body).toContain(
      `Challenger ${HEAD_SHA.slice(0, 7)} (run \`${JSON.parse(requiredOutput(pr, 'run-ids')).churn}\`) vs champion run \`${runId}\` (${MAIN_SHA.slice(0, 7)})`,
    )
    expect(standIn.state.checkRunsFor(repo, HEAD_SHA).map((c) => [c.name, c.conclusion])).toEqual([
      ['modelgate / churn', 'success'],
    ])
    expect((await champion()).version).toBe(1) // the PR did not promote
    expect(standIn.violations).toEqual([])
  })

  test('a push to another branch compares but does not promote; promote-on: never does not either', async () => {
    const other = { ...(await pushCall()), ref: 'refs/heads/experiment' }
    const run = await runActionInProcess(other)
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain('promotion: off (promote-on is push, but refs/heads/experiment is not main)')
    const never = await runActionInProcess(await pushCall({ 'promote-on': 'never' }))
    expect(never.log).toContain('promotion: off (promote-on is never)')
    expect(never.outputs['champion-changed']).toBe('false')
    await expect(champion()).rejects.toThrow(/ENOENT/)
    expect(standIn.violations).toEqual([])
  })

  test('a failing pull request fails the step only after the comment, check run, summary and outputs are written', async () => {
    expect((await runActionInProcess(await pushCall())).exitCode).toBe(0)
    await fs.writeFile(path.join(workspace, 'models', 'churn', 'modelgate.yml'), WORSE_SPEC)
    const run = await runActionInProcess(await prCall())
    expect(run.exitCode).toBe(1)
    expect(errorLines(run.log)).toEqual([
      'the gate failed for churn (fail) (fail-on: fail); see the report in the job summary',
    ])
    expect(run.outputs.verdict).toBe('fail')
    expect(run.summary).toContain('## modelgate: ❌ fail')
    expect(standIn.state.commentsOn(repo, 1)[0]?.body).toContain('- **churn**: ❌ fail — ROC AUC')
    expect(standIn.state.checkRunsFor(repo, HEAD_SHA).map((c) => c.conclusion)).toEqual(['failure'])

    const tolerant = await runActionInProcess(await prCall({ 'fail-on': 'never', comment: 'always' }))
    expect(tolerant.exitCode).toBe(0)
    expect(errorLines(tolerant.log)).toEqual([])
    expect(tolerant.outputs.verdict).toBe('fail')
    expect(standIn.state.commentsOn(repo, 1)).toHaveLength(1)
    expect(standIn.violations).toEqual([])
  })
})

describe('workflow_dispatch', () => {
  test('runs as configured: trains and compares; promotes on the default branch only with promote-on: push', async () => {
    const dispatch = async (inputs: Record<string, string>): Promise<ReturnType<typeof runActionInProcess>> =>
      runActionInProcess({
        workspace,
        apiUrl: standIn.url,
        event: 'workflow_dispatch',
        payload: await loadEvent('workflow_dispatch'),
        sha: MAIN_SHA,
        ref: 'refs/heads/main',
        inputs,
      })
    const dry = await dispatch({ 'promote-on': 'never', checks: 'false', comment: 'never' })
    expect(dry.exitCode).toBe(0)
    expect(dry.log).toContain('workflow_dispatch on acme/churn-model (refs/heads/main), mode: auto → train')
    expect(dry.outputs).toMatchObject({ verdict: 'no-champion', 'champion-changed': 'false' })
    expect(standIn.requests).toEqual([]) // comment never, checks false: no API call at all

    const promoting = await dispatch({})
    expect(promoting.outputs['champion-changed']).toBe('true')
    // The same commit trained again gives the bit-identical model: a no-op, not a second promotion (issue 9).
    const again = await dispatch({})
    expect(again.outputs).toMatchObject({ verdict: 'pass', 'champion-changed': 'false' })
    expect(again.exitCode).toBe(0)
    expect(again.log).toContain('not promoted, nothing to change')
    expect((await champion()).version).toBe(1)
    expect(standIn.violations).toEqual([])
  })
})

describe('with an S3 store (fauxqs behind a conditional-write proxy)', () => {
  const BUCKET = 'action-models'
  let server: FauxS3Server
  let proxy: CasProxy
  beforeAll(async () => {
    server = await startS3Server([BUCKET])
    proxy = await startCasProxy({ upstream: server.endpoint })
  })
  afterAll(async () => {
    await proxy.stop()
    await server.stop()
  })
  const s3Inputs = (): Record<string, string> => ({
    store: `s3://${BUCKET}/ci`,
    's3-endpoint': proxy.endpoint,
    's3-force-path-style': 'true',
    's3-region': 'us-east-1',
  })

  test('push promotes into the bucket; a pull request without credentials says so, cannot read the champion (inconclusive) and stores nothing', async () => {
    const push = await runActionInProcess(await pushCall(s3Inputs(), testCredentialsEnv()))
    expect(push.exitCode).toBe(0)
    expect(push.outputs['champion-changed']).toBe('true')
    expect(proxy.stats.conditionalWrites).toBeGreaterThan(0)
    const pr = await runActionInProcess(await prCall(s3Inputs(), testCredentialsEnv()))
    expect(pr.outputs.verdict).toBe('pass')

    const noCredentials = {
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/modelgate-test/credentials',
      AWS_CONFIG_FILE: '/nonexistent/modelgate-test/config',
      AWS_EC2_METADATA_DISABLED: 'true',
    }
    const writesBefore = proxy.stats.writes
    const fork = await runActionInProcess(await prCall({ ...s3Inputs(), comment: 'always' }, noCredentials))
    expect(fork.exitCode).toBe(0)
    // Nothing reached the bucket: no object written or deleted (the push above did write: the counter works).
    expect(writesBefore).toBeGreaterThan(0)
    expect(proxy.stats.writes).toBe(writesBefore)
    expect(fork.log).toContain(
      `::warning::no AWS credentials: s3://${BUCKET}/ci can be neither read nor written; the run is compared without its champion and not stored`,
    )
    const results = JSON.parse(await fs.readFile(requiredOutput(fork, 'results'), 'utf8'))
    expect(results.models[0]).toMatchObject({
      stored: false,
      storeNote: `not stored: s3://${BUCKET}/ci is read-only here`,
      verdict: 'inconclusive',
    })
    expect(fork.outputs['run-ids']).toBe('{}')
    expect(standIn.state.commentsOn(repo, 1)[0]?.body).toContain('The champion could not be compared')
    expect(fork.log).not.toContain(testCredentialsEnv().AWS_SECRET_ACCESS_KEY)
    expect(standIn.violations).toEqual([])
  })
})
