/**
 * `mode: deploy` on a published release moves `production` to the champion and records a GitHub deployment;
 * `mode: rollback` steps `production` back and records that too — end to end against the stand-in.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import {
  MAIN_SHA,
  errorLines,
  eventCall,
  loadEvent,
  requiredOutput,
  runActionInProcess,
  type ActionRun,
} from './helpers/action-runner.js'
import { repo, standIn, useActionWorld, workspace } from './helpers/action-world.js'
import { syntheticCsv } from './helpers/workspace.js'
import { fakeGit } from './helpers/fake-git.js'

/** Every tag these tests release contains MAIN_SHA, the commit the pushes train on. */
const git = fakeGit(
  Object.fromEntries(['v0.1.0', 'v1.0.0', 'v1.1.0'].map((t) => [`refs/tags/${t}`, [MAIN_SHA]])),
)
const services = { gitReader: () => git }

useActionWorld({ headSha: MAIN_SHA, pull: false })

let pushes = 0
/** A push that trains a new champion: each push changes the data, since a bit-identical model is not re-promoted. */
async function push(): Promise<string> {
  await fs.writeFile(path.join(workspace, 'models', 'churn', 'data.csv'), syntheticCsv(600, 5 + pushes++))
  const run = await runActionInProcess(
    await eventCall('push', { workspace, apiUrl: standIn.url }, { checks: 'false' }),
  )
  expect(run.outputs['champion-changed']).toBe('true')
  return JSON.parse(requiredOutput(run, 'run-ids')).churn as string
}

async function release(tag: string): Promise<ActionRun> {
  standIn.state.addRelease(repo, { tag, sha: MAIN_SHA })
  const payload = await loadEvent('release')
  payload.release!.tag_name = tag
  return runActionInProcess(
    {
      workspace,
      apiUrl: standIn.url,
      event: 'release',
      payload,
      sha: MAIN_SHA,
      ref: `refs/tags/${tag}`,
      inputs: { mode: 'deploy' },
    },
    services,
  )
}

async function rollback(): Promise<ActionRun> {
  return runActionInProcess(
    {
      workspace,
      apiUrl: standIn.url,
      event: 'workflow_dispatch',
      payload: await loadEvent('workflow_dispatch'),
      sha: MAIN_SHA,
      ref: 'refs/heads/main',
      inputs: { mode: 'rollback' },
    },
    services,
  )
}

interface AliasJson {
  runId: string
  history: { action: string; runId: string; reason: string }[]
}

async function production(): Promise<AliasJson> {
  const file = path.join(workspace, '.modelgate', 'models', 'churn', 'aliases', 'production.json')
  return JSON.parse(await fs.readFile(file, 'utf8')) as AliasJson
}

describe('deploy and rollback', () => {
  test('two releases move production to each champion; a rollback steps back; a second rollback has nowhere to go', async () => {
    const first = await push()
    const v1 = await release('v1.0.0')
    expect(v1.exitCode).toBe(0)
    expect(v1.log).toContain('release on acme/churn-model (refs/tags/v1.0.0), mode: deploy → deploy')
    expect(v1.outputs).toEqual({ 'champion-changed': 'false', 'run-ids': JSON.stringify({ churn: first }) })
    expect(await production()).toMatchObject({
      runId: first,
      history: [{ action: 'promote', runId: first, reason: 'release v1.0.0' }],
    })
    const [d1] = standIn.state.deployments
    expect(d1).toMatchObject({
      ref: 'v1.0.0',
      sha: MAIN_SHA,
      environment: 'production',
      payload: { tool: 'modelgate', kind: 'deploy', models: { churn: first } },
    })
    // Newest first, as GitHub lists them.
    expect(standIn.state.statusesOf(d1!).map((s) => s.state)).toEqual(['success', 'in_progress'])
    expect(v1.summary).toContain(`| churn | — | ${first} | moved |`)

    const second = await push()
    expect((await release('v1.1.0')).exitCode).toBe(0)
    expect((await production()).runId).toBe(second)

    const back = await rollback()
    expect(back.exitCode).toBe(0)
    expect(back.outputs['run-ids']).toBe(JSON.stringify({ churn: first }))
    expect(await production()).toMatchObject({
      runId: first,
      history: [{ runId: first }, { runId: second }, { action: 'rollback', runId: first }],
    })
    const d3 = standIn.state.deployments[2]
    // A rollback redeploys the ref that first shipped the run it goes back to.
    expect(d3).toMatchObject({
      ref: 'v1.0.0',
      sha: MAIN_SHA,
      payload: { kind: 'rollback', release: 'v1.0.0', models: { churn: first }, previous: { churn: second } },
    })
    expect(standIn.state.statusesOf(d3!).map((s) => s.state)).toEqual(['success', 'in_progress'])
    // The deployment of v1.1.0 was rolled back: inactive now; v1.0.0's is left as it was.
    expect(standIn.state.statusesOf(standIn.state.deployments[1]!)[0]?.state).toBe('inactive')
    expect(standIn.state.statusesOf(d1!)[0]?.state).toBe('success')

    const again = await rollback()
    expect(again.exitCode).toBe(1)
    expect(errorLines(again.log)).toEqual([
      `model "churn": production has no earlier run to roll back to (it has only ever pointed at ${first})`,
    ])
    expect(standIn.state.deployments).toHaveLength(3) // nothing recorded for a rollback that cannot happen
    expect(standIn.violations).toEqual([])
  })

  test('deploying a model without a champion fails before any deployment is created', async () => {
    const run = await release('v0.1.0')
    expect(run.exitCode).toBe(1)
    expect(errorLines(run.log)).toEqual([
      'model "churn" has no champion to deploy; a passing run must be promoted first',
    ])
    expect(standIn.state.deployments).toEqual([])
    expect(standIn.violations).toEqual([])
  })

  test('in mode auto a published release deploys the champion; with promote-on: release it trains and promotes instead', async () => {
    standIn.state.addRelease(repo, { tag: 'v2.0.0', sha: MAIN_SHA })
    const call = {
      workspace,
      apiUrl: standIn.url,
      event: 'release',
      payload: await loadEvent('release'),
      sha: MAIN_SHA,
      ref: 'refs/tags/v1.0.0',
    }
    const deploying = await runActionInProcess({ ...call, inputs: { checks: 'false' } })
    expect(deploying.log).toContain('release on acme/churn-model (refs/tags/v1.0.0), mode: auto → deploy')
    expect(deploying.log).not.toContain('promotion:')
    const promoting = await runActionInProcess({
      ...call,
      inputs: { checks: 'false', 'promote-on': 'release' },
    })
    expect(promoting.log).toContain('promotion: on (promote-on is release and this is a release)')
    expect(promoting.outputs['champion-changed']).toBe('true')
    expect(standIn.violations).toEqual([])
  })
})
