/** What the action decides to do for each event and mode, before anything runs (the end-to-end tests run it). */
import { promises as fs } from 'node:fs'
import { planRun, type Plan } from '../src/action/dispatch.js'
import { parseInputs } from '../src/action/inputs.js'
import type { InputName } from '../src/action/constants.js'
import { readActionContext, type ActionContext } from '../src/github/context.js'
import { HEAD_SHA, MAIN_SHA, loadEvent, runnerEnv } from './helpers/action-runner.js'

async function context(
  event: string,
  fixture: string,
  ref: string,
  extra: Record<string, string> = {},
): Promise<ActionContext> {
  const { env, dir } = await runnerEnv({
    workspace: '/work/space',
    apiUrl: 'http://127.0.0.1:9',
    event,
    payload: await loadEvent(fixture),
    sha: MAIN_SHA,
    ref,
    env: extra,
  })
  const ctx = await readActionContext(env, '/work/space')
  await fs.rm(dir, { recursive: true, force: true })
  return ctx
}

function plan(ctx: ActionContext, inputs: Partial<Record<InputName, string>> = {}): Plan {
  const values: Partial<Record<InputName, string>> = { 'github-token': 't', ...inputs }
  return planRun(
    parseInputs((name) => values[name] ?? '', '/work/space'),
    ctx,
  )
}

describe('planRun', () => {
  test('a same-repository pull request trains on its head and can write; Dependabot cannot', async () => {
    const ctx = await context('pull_request', 'pull_request', 'refs/pull/1/merge')
    expect(plan(ctx)).toEqual({
      kind: 'train',
      promote: false,
      promoteNote: 'pull requests never promote',
      pullRequest: {
        number: 1,
        headSha: HEAD_SHA,
        headRef: 'feature/tenure',
        headRepository: 'acme/churn-model',
        fork: false,
      },
      commit: HEAD_SHA,
      ref: 'feature/tenure',
      readOnly: null,
    })
    const dependabot = await context('pull_request', 'pull_request', 'refs/pull/1/merge', {
      GITHUB_ACTOR: 'dependabot[bot]',
    })
    expect(plan(dependabot)).toMatchObject({
      kind: 'train',
      readOnly: "pull request #1 is Dependabot's, so this workflow has a read-only token",
    })
  })

  test('a fork pull request is read only, also when its fork was deleted', async () => {
    const ctx = await context('pull_request', 'pull_request_fork', 'refs/pull/2/merge')
    expect(plan(ctx)).toMatchObject({
      kind: 'train',
      pullRequest: { fork: true, headRepository: 'forker/churn-model' },
    })
    ctx.payload.pull_request!.head.repo = null
    expect(plan(ctx)).toMatchObject({
      readOnly:
        'pull request #2 comes from a deleted fork, so this workflow has a read-only token and no secrets',
    })
  })

  test('pushes: the default branch promotes, a deleted branch is skipped, tags do not promote', async () => {
    const main = await context('push', 'push', 'refs/heads/main')
    expect(plan(main)).toMatchObject({
      kind: 'train',
      promote: true,
      commit: MAIN_SHA,
      ref: 'main',
      pullRequest: null,
    })
    main.payload.deleted = true
    expect(plan(main)).toEqual({
      kind: 'skip',
      reason: 'refs/heads/main was deleted: there is no commit to train',
    })
    const tag = await context('push', 'push', 'refs/tags/v1')
    expect(plan(tag)).toMatchObject({ kind: 'train', promote: false, ref: 'v1' })
  })

  test('schedule without the default branch in its payload does not promote, and says why', async () => {
    const ctx = await context('schedule', 'workflow_dispatch', 'refs/heads/main')
    delete ctx.payload.repository
    expect(plan(ctx)).toMatchObject({
      kind: 'train',
      promote: false,
      promoteNote:
        'promote-on is push, but refs/heads/main is not the default branch (the payload does not name it)',
    })
  })

  test('auto on a published release deploys the champion; with promote-on: release it trains and promotes instead', async () => {
    const release = await context('release', 'release', 'refs/tags/v1.0.0')
    expect(plan(release)).toEqual({ kind: 'deploy', ref: 'v1.0.0', tag: 'v1.0.0' })
    expect(plan(release, { 'promote-on': 'release' })).toMatchObject({
      kind: 'train',
      promote: true,
      promoteNote: 'promote-on is release and this is a release',
    })
  })

  test('explicit modes run on any event; auto skips what it does not know', async () => {
    const issues = await context('issues', 'issues', 'refs/heads/main')
    expect(plan(issues)).toMatchObject({ kind: 'skip' })
    expect(plan(issues, { mode: 'train' })).toMatchObject({
      kind: 'train',
      promote: false,
      pullRequest: null,
    })
    expect(plan(issues, { mode: 'rollback' })).toEqual({ kind: 'rollback', ref: MAIN_SHA })
    const release = await context('release', 'release', 'refs/tags/v1.0.0')
    expect(plan(release, { mode: 'deploy' })).toEqual({ kind: 'deploy', ref: 'v1.0.0', tag: 'v1.0.0' })
    release.payload.action = 'created'
    expect(plan(release)).toEqual({
      kind: 'skip',
      reason: 'release "created" events need no run (modelgate runs on published)',
    })
    const run = await context('workflow_run', 'workflow_run', 'refs/heads/main')
    expect(plan(run)).toEqual({ kind: 'report' })
  })
})
