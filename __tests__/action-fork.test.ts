/**
 * The fork-safe pair: a pull request from a fork runs with a read-only token (no comment or check run is even
 * attempted), writes its results to the job summary and the results file; a workflow_run workflow in the base
 * repository then runs `mode: report` on that file, checks it against the pull request's head, and posts.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { parseMarker } from '../src/github/comment.js'
import {
  FORK_SHA,
  HEAD_SHA,
  MAIN_SHA,
  OWNER,
  READ_ONLY_TOKEN,
  REPO,
  TOKEN,
  errorLines,
  eventCall,
  loadEvent,
  requiredOutput,
  runActionInProcess,
  type ActionRun,
  type EventJson,
} from './helpers/action-runner.js'
import { startGitHubStandIn, type GitHubStandIn } from './harness/github-standin.js'
import type { PullRecord, RepoRecord } from './harness/github-state.js'
import { makeWorkspace, workspaceWithModel } from './helpers/workspace.js'

const FORK_MERGE_SHA = 'e6f70718293a4b5c6d7e8f9012345678901a2b3c'

let standIn: GitHubStandIn
let repo: RepoRecord
let forkPull: PullRecord
let workspace: string
let artifact: string

beforeEach(async () => {
  standIn = await startGitHubStandIn({ readOnlyTokens: [READ_ONLY_TOKEN] })
  repo = standIn.state.addRepo({ owner: OWNER, name: REPO, headSha: MAIN_SHA })
  standIn.state.addPull(repo, { headRef: 'feature/tenure', headSha: HEAD_SHA, author: 'alice' })
  forkPull = standIn.state.addPull(repo, { headRef: 'patch-1', headSha: FORK_SHA, fork: 'forker' })
  workspace = await workspaceWithModel()
  artifact = await makeWorkspace()
  // The base repository's champion, made by a push to main.
  const push = await runActionInProcess(
    await eventCall('push', { workspace, apiUrl: standIn.url }, { checks: 'false' }),
  )
  expect(push.outputs['champion-changed']).toBe('true')
  standIn.requests.length = 0
})

afterEach(async () => {
  await standIn.stop()
  await fs.rm(workspace, { recursive: true, force: true })
  await fs.rm(artifact, { recursive: true, force: true })
  // Whatever a test did, no request or response may have broken GitHub's OpenAPI description.
  expect(standIn.violations).toEqual([])
})

async function forkRun(): Promise<ActionRun> {
  return runActionInProcess({
    workspace,
    apiUrl: standIn.url,
    event: 'pull_request',
    payload: await loadEvent('pull_request_fork'),
    sha: FORK_MERGE_SHA,
    ref: 'refs/pull/2/merge',
    actor: 'forker',
    inputs: { 'github-token': READ_ONLY_TOKEN },
  })
}

/** The follow-up workflow: the artifact downloaded into another directory, then `mode: auto` on workflow_run. */
async function reportRun(results: string, edit?: (payload: EventJson) => void): Promise<ActionRun> {
  const downloaded = path.join(artifact, 'modelgate-results.json')
  await fs.copyFile(results, downloaded)
  const payload = await loadEvent('workflow_run')
  edit?.(payload)
  return runActionInProcess({
    workspace: artifact,
    apiUrl: standIn.url,
    event: 'workflow_run',
    payload,
    sha: MAIN_SHA,
    ref: 'refs/heads/main',
    workflow: 'modelgate report',
    inputs: { 'github-token': TOKEN, 'results-file': downloaded },
  })
}

describe('a pull request from a fork', () => {
  test('degrades without a single write attempt, then the workflow_run report posts comment and checks', async () => {
    expect(forkPull.number).toBe(2)
    const fork = await forkRun()
    expect(fork.exitCode).toBe(0)
    expect(standIn.requests).toEqual([]) // nothing that would 403
    expect(fork.log).toContain('read only, because pull request #2 comes from the fork forker/churn-model')
    expect(fork.log).toContain(
      '::warning::pull request #2 comes from the fork forker/churn-model, so this workflow has a read-only token and no secrets: the PR comment and check runs were not posted.',
    )
    expect(fork.summary).toContain('## modelgate: ✅ pass')
    expect(fork.summary).toContain('`mode: report`')
    expect(fork.outputs).toMatchObject({ verdict: 'pass', 'champion-changed': 'false', 'run-ids': '{}' })
    const resultsFile = requiredOutput(fork, 'results')
    const results = JSON.parse(await fs.readFile(resultsFile, 'utf8'))
    expect(results.models[0]).toMatchObject({ stored: false, verdict: 'pass' })
    expect(results.github).toMatchObject({
      commit: FORK_SHA,
      pullRequest: { number: 2, headSha: FORK_SHA, headRepository: 'forker/churn-model' },
    })
    expect(results.github.readOnly).toMatch(/^pull request #2 comes from the fork/)

    const report = await reportRun(resultsFile)
    expect(report.exitCode).toBe(0)
    expect(report.log).toContain('workflow_run on acme/churn-model (refs/heads/main), mode: auto → report')
    expect(report.log).toContain(
      `posting the results of ${FORK_SHA.slice(0, 7)} for pull request #2 (verified against the pull request's head)`,
    )
    expect(standIn.requests.map((r) => r.operationId)).toEqual([
      'pulls/get',
      'issues/list-comments',
      'issues/create-comment',
      'checks/create',
    ])
    expect(standIn.requests.every((r) => r.token === TOKEN)).toBe(true)
    const comments = standIn.state.commentsOn(repo, 2)
    expect(comments).toHaveLength(1)
    // The comment belongs to the training workflow ("modelgate"), not to the report workflow.
    expect(parseMarker(comments[0]!.body)).toMatchObject({ workflow: 'modelgate', models: ['churn'] })
    expect(comments[0]?.body).toContain(`results for ${FORK_SHA.slice(0, 7)}`)
    expect(standIn.state.checkRunsFor(repo, FORK_SHA).map((c) => [c.name, c.conclusion])).toEqual([
      ['modelgate / churn', 'success'],
    ])
    expect(report.outputs).toMatchObject({ verdict: 'pass', 'champion-changed': 'false' })
    expect(report.summary).toContain('## modelgate: ✅ pass')

    // The same report again: still one comment.
    expect((await reportRun(resultsFile)).exitCode).toBe(0)
    expect(standIn.state.commentsOn(repo, 2)).toHaveLength(1)
    expect(standIn.violations).toEqual([])
  })

  test('results for an older head are not posted; results that do not match the triggering run fail the step', async () => {
    const fork = await forkRun()
    const newer = 'f70718293a4b5c6d7e8f9012345678901a2b3c4d'
    forkPull.head.sha = newer
    repo.commits.add(newer)
    const resultsFile = requiredOutput(fork, 'results')
    const stale = await reportRun(resultsFile, (p) => (p.workflow_run!.head_sha = FORK_SHA))
    expect(stale.exitCode).toBe(0)
    expect(stale.log).toContain(
      `::warning::pull request #2 is now at ${newer.slice(0, 7)}; these results are for ${FORK_SHA.slice(0, 7)}, so they are not posted`,
    )
    expect(standIn.state.comments).toEqual([])

    const mismatched = await reportRun(resultsFile, (p) => (p.workflow_run!.head_sha = newer))
    expect(mismatched.exitCode).toBe(1)
    expect(errorLines(mismatched.log)[0]).toMatch(
      /is for commit d4e5f60, but the workflow run that triggered this one built f707182; refusing to post results that do not belong to it$/,
    )
    expect(standIn.state.comments).toEqual([])
    expect(standIn.state.checkRuns).toEqual([])
    expect(standIn.violations).toEqual([])
  })

  test('a results file that claims another pull request is refused', async () => {
    const fork = await forkRun()
    const resultsFile = requiredOutput(fork, 'results')
    const results = JSON.parse(await fs.readFile(resultsFile, 'utf8'))
    results.github.pullRequest.number = 1 // the base repository's own PR, whose head is not the fork's
    await fs.writeFile(resultsFile, JSON.stringify(results))
    const report = await reportRun(resultsFile)
    expect(report.exitCode).toBe(1)
    expect(errorLines(report.log)[0]).toMatch(
      /says pull request #1 comes from forker\/churn-model, but it comes from acme\/churn-model; refusing to post$/,
    )
    expect(standIn.state.comments).toEqual([])
    expect(standIn.violations).toEqual([])
  })

  test('results of a same-repository pull request were posted by their own run: report mode does nothing', async () => {
    const own = await runActionInProcess({
      workspace,
      apiUrl: standIn.url,
      event: 'pull_request',
      payload: await loadEvent('pull_request'),
      sha: MAIN_SHA,
      ref: 'refs/pull/1/merge',
    })
    expect(own.exitCode).toBe(0)
    standIn.requests.length = 0
    const report = await reportRun(requiredOutput(own, 'results'))
    expect(report.exitCode).toBe(0)
    expect(report.log).toContain('posted its comment and check runs itself; nothing to post')
    expect(standIn.requests).toEqual([])
    expect(standIn.violations).toEqual([])
  })
})
