/**
 * The Action end to end on pull_request events, run as the runner runs it, against the GitHub stand-in
 * (every request and response checked against GitHub's OpenAPI description) and a local store.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { parseMarker } from '../src/github/comment.js'
import {
  HEAD_SHA,
  OWNER,
  REPO,
  TOKEN,
  eventCall,
  requiredOutput,
  runActionChild,
  runActionInProcess,
  type ActionInvocation,
} from './helpers/action-runner.js'
import { pull, repo, standIn, useActionWorld, workspace } from './helpers/action-world.js'
import { SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

useActionWorld()

const pullRequestCall = (inputs: Record<string, string> = {}): Promise<ActionInvocation> =>
  eventCall('pull_request', { workspace, apiUrl: standIn.url }, inputs)

describe('pull_request', () => {
  test('as a child process: trains, posts one comment and one check run, writes outputs, files and summary', async () => {
    expect(pull.number).toBe(1)
    const run = await runActionChild(await pullRequestCall())
    expect(run.log).toMatch(/^modelgate \d+\.\d+\.\d+\n/) // the banner is the first line
    expect(run.log).toContain('pull_request on acme/churn-model (refs/pull/1/merge), mode: auto → train')
    expect(run.log).toContain('promotion: off (pull requests never promote)')
    expect(run.exitCode).toBe(0)

    // outputs
    const resultsFile = path.join(workspace, 'modelgate-results.json')
    expect(run.outputs).toEqual({
      verdict: 'no-champion',
      results: resultsFile,
      report: path.join(workspace, 'modelgate-results.md'),
      'champion-changed': 'false',
      'run-ids': expect.stringMatching(/^\{"churn":"\d{8}T\d{6}Z-[0-9a-f]{6}"\}$/),
    })
    const results = JSON.parse(await fs.readFile(resultsFile, 'utf8'))
    expect(results.models[0]).toMatchObject({
      name: 'churn',
      verdict: 'no-champion',
      stored: true,
      promoted: false,
    })
    expect(results.github).toEqual({
      repository: 'acme/churn-model',
      event: 'pull_request',
      workflow: 'modelgate',
      runUrl: 'https://github.com/acme/churn-model/actions/runs/30433642',
      commit: HEAD_SHA,
      pullRequest: { number: 1, headSha: HEAD_SHA, headRepository: 'acme/churn-model' },
      readOnly: null,
    })
    expect(JSON.parse(requiredOutput(run, 'run-ids'))).toEqual({ churn: results.models[0].runId })
    const stored = path.join(
      workspace,
      '.modelgate',
      'models',
      'churn',
      'runs',
      results.models[0].runId,
      'manifest.json',
    )
    expect(JSON.parse(await fs.readFile(stored, 'utf8')).meta.git).toEqual({
      commit: HEAD_SHA,
      ref: 'feature/tenure',
      // the workspace is not a git work tree here, so nothing is uncommitted
      dirty: false,
      pullRequest: 1, // so `modelgate gc --keep-pr-days` can tell pull-request runs apart
    })
    // a PR never promotes: no champion alias was written
    await expect(
      fs.access(path.join(workspace, '.modelgate', 'models', 'churn', 'aliases', 'champion.json')),
    ).rejects.toThrow()

    // the comment: marker first, one line per model, the report, the commit
    const comments = standIn.state.commentsOn(repo, 1)
    expect(comments).toHaveLength(1)
    const body = comments[0]!.body
    expect(parseMarker(body)).toEqual({
      v: 1,
      workflow: 'modelgate',
      models: ['churn'],
      hash: expect.stringMatching(/^[0-9a-f]{16}$/),
    })
    expect(body.split('\n')[1]).toBe('## modelgate: 🆕 no-champion')
    expect(body).toContain('- **churn**: 🆕 no-champion — ROC AUC 0.')
    expect(body).toContain(`Challenger: ${HEAD_SHA.slice(0, 7)}, run \`${results.models[0].runId}\``)
    expect(body).toContain(
      `results for ${HEAD_SHA.slice(0, 7)} · [workflow run](https://github.com/acme/churn-model/actions/runs/30433642)`,
    )
    expect(comments[0]?.user.login).toBe('github-actions[bot]')

    // one check run per model on the PR head, completed, with the report as its summary
    const checks = standIn.state.checkRunsFor(repo, HEAD_SHA)
    expect(checks.map((c) => [c.name, c.status, c.conclusion])).toEqual([
      ['modelgate / churn', 'completed', 'success'],
    ])
    expect(checks[0]?.output.summary).toContain('## modelgate / churn: 🆕 no-champion')
    expect(checks[0]?.output.title).toMatch(/^no-champion: ROC AUC 0\.\d{4}$/)

    // the job summary holds the same report
    expect(run.summary).toContain('## modelgate: 🆕 no-champion')
    expect(run.summary).toContain(
      'PR comment created: https://github.com/acme/churn-model/pull/1#issuecomment-',
    )
    expect(standIn.requests.every((r) => r.token === TOKEN)).toBe(true)
    expect(standIn.violations).toEqual([])
  })

  test('the same event twice keeps one comment: unchanged with on-change, updated in place with always', async () => {
    const first = await runActionInProcess(await pullRequestCall())
    expect(first.exitCode).toBe(0)
    const created = standIn.state.commentsOn(repo, 1)[0]!
    const createdBody = created.body

    const second = await runActionInProcess(await pullRequestCall())
    expect(second.exitCode).toBe(0)
    expect(second.log).toContain('the results are unchanged (comment: on-change), so it stays as it is')
    expect(standIn.state.commentsOn(repo, 1)).toHaveLength(1)
    expect(standIn.state.commentsOn(repo, 1)[0]?.body).toBe(createdBody)
    expect(standIn.requests.filter((r) => r.operationId === 'issues/update-comment')).toEqual([])

    const third = await runActionInProcess(await pullRequestCall({ comment: 'always' }))
    expect(third.exitCode).toBe(0)
    const after = standIn.state.commentsOn(repo, 1)
    expect(after.map((c) => c.id)).toEqual([created.id])
    // The retrained run has a new run id, which the updated comment shows.
    const runId = JSON.parse(requiredOutput(third, 'run-ids')).churn as string
    expect(after[0]?.body).toContain(runId)
    expect(createdBody).not.toContain(runId)
    expect(standIn.requests.filter((r) => r.operationId === 'issues/create-comment')).toHaveLength(1)
    expect(standIn.requests.filter((r) => r.operationId === 'issues/update-comment')).toHaveLength(1)
    // check runs: one per run, as GitHub keeps them (the latest per name counts)
    expect(standIn.state.checkRunsFor(repo, HEAD_SHA)).toHaveLength(3)
    expect(standIn.violations).toEqual([])
  })

  test('finds its comment on page 3 of 250 comments and updates it instead of posting another', async () => {
    standIn.state.addComments(repo, 1, 210)
    expect((await runActionInProcess(await pullRequestCall())).exitCode).toBe(0)
    const ours = standIn.state.commentsOn(repo, 1)[210]!
    expect(parseMarker(ours.body)?.models).toEqual(['churn'])
    standIn.state.addComments(repo, 1, 39, 'bob')
    // A quote of the marker in someone's reply must not be mistaken for it.
    standIn.state.addComment(repo, 1, `> ${ours.body.split('\n')[0]}\n\nlooks good`, 'carol')
    expect(standIn.state.commentsOn(repo, 1)).toHaveLength(251)
    standIn.requests.length = 0

    const again = await runActionInProcess(await pullRequestCall({ comment: 'always' }))
    expect(again.exitCode).toBe(0)
    const pages = standIn.requests.filter((r) => r.operationId === 'issues/list-comments').map((r) => r.path)
    expect(pages).toEqual([
      `/repos/${OWNER}/${REPO}/issues/1/comments?per_page=100`,
      `/repositories/${repo.id}/issues/1/comments?per_page=100&page=2`,
      `/repositories/${repo.id}/issues/1/comments?per_page=100&page=3`,
    ])
    const updates = standIn.requests.filter((r) => r.operationId === 'issues/update-comment')
    expect(updates.map((r) => r.path)).toEqual([`/repos/${OWNER}/${REPO}/issues/comments/${ours.id}`])
    expect(standIn.requests.filter((r) => r.operationId === 'issues/create-comment')).toEqual([])
    expect(standIn.state.commentsOn(repo, 1)).toHaveLength(251)
    expect(standIn.violations).toEqual([])
  })

  test('a workflow with another name, or another model set, keeps its own comment', async () => {
    expect((await runActionInProcess(await pullRequestCall())).exitCode).toBe(0)
    const other = { ...(await pullRequestCall()), workflow: 'nightly models' }
    expect((await runActionInProcess(other)).exitCode).toBe(0)
    await writeModel(workspace, 'credit', SMALL_SPEC, { 'data.csv': syntheticCsv(500, 9) })
    expect((await runActionInProcess(await pullRequestCall())).exitCode).toBe(0)
    const markers = standIn.state.commentsOn(repo, 1).map((c) => parseMarker(c.body))
    expect(markers.map((m) => [m?.workflow, m?.models])).toEqual([
      ['modelgate', ['churn']],
      ['nightly models', ['churn']],
      ['modelgate', ['churn', 'credit']],
    ])
    expect(standIn.violations).toEqual([])
  })
})
