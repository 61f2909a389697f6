/**
 * How the Action ends when it should not (or need not) do its work: unsupported events, bad inputs, GitHub API
 * failures, a token without the permissions, thrown values that are not Errors, a damaged results file.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import {
  HEAD_SHA,
  OWNER,
  REPO,
  errorLines,
  eventCall,
  loadEvent,
  requiredOutput,
  runActionChild,
  runActionInProcess,
  type ActionInvocation,
} from './helpers/action-runner.js'
import { startGitHubStandIn, type GitHubStandIn } from './harness/github-standin.js'
import type { RepoRecord } from './harness/github-state.js'
import { workspaceWithModel } from './helpers/workspace.js'

const LIMITED_TOKEN = 'ghs_without_pull_requests_write'

let standIn: GitHubStandIn
let repo: RepoRecord
let workspace: string

beforeEach(async () => {
  standIn = await startGitHubStandIn({ readOnlyTokens: [LIMITED_TOKEN] })
  repo = standIn.state.addRepo({ owner: OWNER, name: REPO })
  standIn.state.addPull(repo, { headRef: 'feature/tenure', headSha: HEAD_SHA, author: 'alice' })
  workspace = await workspaceWithModel()
})

afterEach(async () => {
  await standIn.stop()
  await fs.rm(workspace, { recursive: true, force: true })
  // Whatever a test did, no request or response may have broken GitHub's OpenAPI description.
  expect(standIn.violations).toEqual([])
})

const prCall = (inputs: Record<string, string> = {}): Promise<ActionInvocation> =>
  eventCall('pull_request', { workspace, apiUrl: standIn.url }, inputs)

describe('events the action does not run on', () => {
  test('an unsupported event (child process): a clear message, success, nothing written', async () => {
    const run = await runActionChild({
      workspace,
      apiUrl: standIn.url,
      event: 'issues',
      payload: await loadEvent('issues'),
      sha: HEAD_SHA,
      ref: 'refs/heads/main',
    })
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain(
      'nothing to do: the issues event is not one modelgate runs on in mode: auto (pull_request, push, workflow_dispatch, schedule, workflow_run, release, issue_comment); nothing to do',
    )
    expect(errorLines(run.log)).toEqual([])
    expect(run.outputs).toEqual({})
    expect(standIn.requests).toEqual([])
    await expect(fs.access(path.join(workspace, 'modelgate-results.json'))).rejects.toThrow()
  })

  test('a closed pull request and pull_request_target are skipped with the reason', async () => {
    const closed = await prCall()
    closed.payload = { ...closed.payload, action: 'closed' }
    const run = await runActionInProcess(closed)
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain(
      'nothing to do: pull_request "closed" events need no run (modelgate runs on opened, synchronize, reopened)',
    )
    const target = await runActionInProcess({ ...(await prCall()), event: 'pull_request_target' })
    expect(target.exitCode).toBe(0)
    expect(target.log).toContain(
      'pull_request_target runs with a write token next to code from the pull request',
    )
    expect(standIn.requests).toEqual([])
  })
})

describe('bad inputs', () => {
  test('every bad value is named in one message, and nothing runs', async () => {
    const run = await runActionInProcess(
      await prCall({ comment: 'sometimes', 'fail-on': 'maybe', checks: 'yes' }),
    )
    expect(run.exitCode).toBe(1)
    expect(errorLines(run.log)).toEqual([
      '3 problems with the inputs: input "comment": "sometimes" is not one of always, on-change, never; input "checks": "yes" is not a boolean; use true or false; input "fail-on": "maybe" is not one of fail, inconclusive, never',
    ])
    expect(run.log).not.toContain('churn: binary')
    expect(standIn.requests).toEqual([])
  })

  test('inputs that only clash together: S3 settings for a directory store, no token for comments', async () => {
    const s3 = await runActionInProcess(await prCall({ 's3-endpoint': 'http://127.0.0.1:9000' }))
    expect(errorLines(s3.log)).toEqual([
      'input "s3-endpoint" only apply to s3:// stores, but input "store" ".modelgate" is a local directory',
    ])
    const token = await runActionInProcess(await prCall({ 'github-token': '' }))
    expect(errorLines(token.log)).toEqual([
      'input "github-token": is empty but comments and check runs need it; pass ${{ github.token }}, or set comment: never and checks: false',
    ])
    const models = await runActionInProcess(await prCall({ models: 'models/nothing-here' }))
    expect(errorLines(models.log)[0]).toMatch(
      /^models "models\/nothing-here": .*modelgate\.yml does not exist$/,
    )
    expect([s3.exitCode, token.exitCode, models.exitCode]).toEqual([1, 1, 1])
  })
})

describe('GitHub API failures', () => {
  test('a 502 that clears on retry: one comment, one check run, the step passes', async () => {
    standIn.failNext({ operationId: 'issues/create-comment', status: 502 })
    standIn.failNext({ operationId: 'checks/create', status: 503 })
    const run = await runActionInProcess(await prCall())
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain('HTTP 502')
    expect(run.log).toContain('trying again (attempt 2)')
    expect(standIn.state.comments).toHaveLength(1)
    expect(standIn.state.checkRuns).toHaveLength(1)
    const creates = standIn.requests.filter((r) => r.operationId === 'issues/create-comment')
    expect(creates.map((r) => r.status)).toEqual([502, 201])
    expect(standIn.violations).toEqual([])
  })

  test('a 500 that persists fails the step with a readable line, after the outputs and summary are written', async () => {
    standIn.failNext({ operationId: 'issues/create-comment', status: 500, times: 3 })
    const run = await runActionInProcess(await prCall())
    expect(run.exitCode).toBe(1)
    expect(errorLines(run.log)).toEqual([
      'GitHub API: creating the modelgate comment on acme/churn-model#1 failed: HTTP 500 Server Error',
    ])
    expect(run.outputs.verdict).toBe('no-champion')
    expect(run.summary).toContain('## modelgate: 🆕 no-champion')
    expect(standIn.state.comments).toEqual([])
    expect(standIn.violations).toEqual([])
  })

  test('a token without write permission (403): warns, keeps the summary, records it for report mode, no failure', async () => {
    const run = await runActionInProcess(await prCall({ 'github-token': LIMITED_TOKEN }))
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain(
      '::warning::GitHub API: creating the modelgate comment on acme/churn-model#1 failed: HTTP 403 Resource not accessible by integration: the PR comment was not posted. Grant `pull-requests: write`',
    )
    expect(run.log).toContain('the check runs were not posted. Grant `checks: write`')
    expect(run.summary).toContain('Grant `pull-requests: write`')
    const results = JSON.parse(await fs.readFile(requiredOutput(run, 'results'), 'utf8'))
    expect(results.github.readOnly).toMatch(/HTTP 403/)
    expect(standIn.violations).toEqual([])
  })
})

/** A service that fails with a value that is not an Error, as some libraries and callbacks do. */
function rejectWith(value: unknown): () => Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the point of these tests
  return () => Promise.reject(value)
}

describe('whatever is thrown is reported', () => {
  test('a string and a plain object thrown from deep inside fail the step with a readable line', async () => {
    const asString = await runActionInProcess(await prCall(), {
      createOctokit: rejectWith('socket hang up (thrown as a string)'),
    })
    expect(asString.exitCode).toBe(1)
    expect(errorLines(asString.log)).toEqual(['socket hang up (thrown as a string)'])
    const asObject = await runActionInProcess(await prCall(), {
      openStore: rejectWith({ code: 'E_WEIRD', retry: false }),
    })
    expect(asObject.exitCode).toBe(1)
    expect(errorLines(asObject.log)).toEqual(['non-Error value thrown: {"code":"E_WEIRD","retry":false}'])
    const asUndefined = await runActionInProcess(await prCall(), { openStore: rejectWith(undefined) })
    expect(errorLines(asUndefined.log)).toEqual(['unknown error (undefined was thrown)'])
  })

  test('outside GitHub Actions (no GITHUB_REPOSITORY) the message says so', async () => {
    const call = await prCall()
    const run = await runActionInProcess({ ...call, env: { GITHUB_REPOSITORY: '' } })
    expect(errorLines(run.log)).toEqual([
      "GITHUB_REPOSITORY is not set: modelgate's Action runs inside GitHub Actions (use the modelgate CLI elsewhere)",
    ])
  })
})

describe('mode: report with a bad results file', () => {
  test('missing, not JSON, or not a results file: one line naming the input and the field', async () => {
    const report = async (content: string | null): Promise<string[]> => {
      const file = path.join(workspace, 'downloaded.json')
      if (content === null) await fs.rm(file, { force: true })
      else await fs.writeFile(file, content)
      const run = await runActionInProcess({
        ...(await prCall({ mode: 'report', 'results-file': 'downloaded.json' })),
      })
      expect(run.exitCode).toBe(1)
      return errorLines(run.log)
    }
    const file = path.join(workspace, 'downloaded.json')
    expect(await report(null)).toEqual([
      `input "results-file": ${file} does not exist; download the training run's results artifact there first (see the README's fork workflow)`,
    ])
    expect(await report('{"schema": 1,')).toEqual([`input "results-file": ${file} is not valid JSON`])
    const base = {
      schema: 1,
      tool: { name: 'modelgate', version: '0.1.0' },
      verdict: 'pass',
      models: [{ name: '../../etc' }],
      github: {},
    }
    expect((await report(JSON.stringify(base)))[0]).toBe(
      `input "results-file": ${file} is not a modelgate Action results file: models.0.name: not a model name`,
    )
    expect(standIn.requests).toEqual([])
  })
})
