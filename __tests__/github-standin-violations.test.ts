/**
 * The GitHub stand-in's checks must be able to fail: requests GitHub would reject are answered the way
 * GitHub answers them and recorded in `violations`, and responses that break the description are caught.
 */
import { request } from 'node:http'
import { requestFailure, standInOctokit } from './harness/github-clients.js'
import { OpenApiSubset } from './harness/github-openapi.js'
import { startGitHubStandIn, type GitHubStandIn } from './harness/github-standin.js'
import type { PullRecord } from './harness/github-state.js'

const owner = 'acme'
const repo = 'churn-model'

let standIn: GitHubStandIn
let pull: PullRecord

beforeEach(async () => {
  standIn = await startGitHubStandIn()
  const repoRecord = standIn.state.addRepo({ owner, name: repo })
  pull = standIn.state.addPull(repoRecord, { headRef: 'feature/better-model' })
})

afterEach(async () => {
  await standIn.stop()
})

describe('requests that do not match the description', () => {
  test('a check run with an invalid conclusion gets 422 and a violation naming the field', async () => {
    const octokit = standInOctokit(standIn, 'ghs_writer')
    // A plain string route bypasses octokit's types, as a bug in untyped code would.
    const error = await requestFailure(
      octokit.request(`POST /repos/${owner}/${repo}/check-runs`, {
        name: 'modelgate / churn',
        head_sha: pull.head.sha,
        conclusion: 'passed',
      }),
    )
    expect(error.status).toBe(422)
    expect(error.message).toContain(
      `For 'properties/conclusion', "passed" must be equal to one of the allowed values`,
    )
    expect(standIn.violations).toEqual([
      {
        kind: 'invalid-request',
        method: 'POST',
        path: `/repos/${owner}/${repo}/check-runs`,
        operationId: 'checks/create',
        status: 422,
        messages: [expect.stringMatching(/^For 'properties\/conclusion', "passed" must be equal to one of/)],
      },
    ])
    expect(standIn.state.checkRuns).toEqual([])
  })

  test('a comment without a body gets 422 and a violation', async () => {
    const octokit = standInOctokit(standIn, 'ghs_writer')
    const error = await requestFailure(
      octokit.request(`POST /repos/${owner}/${repo}/issues/${pull.number}/comments`),
    )
    expect(error.status).toBe(422)
    expect(standIn.violations).toEqual([
      expect.objectContaining({ kind: 'invalid-request', messages: [`"body" wasn't supplied.`] }),
    ])
    expect(standIn.state.comments).toEqual([])
  })

  test('bad parameters, bad JSON, unknown routes and missing credentials', async () => {
    const octokit = standInOctokit(standIn, 'ghs_writer')
    const badPath = await requestFailure(octokit.request(`GET /repos/${owner}/${repo}/pulls/not-a-number`))
    expect(badPath.status).toBe(404)
    const badQuery = await requestFailure(
      octokit.request(`GET /repos/${owner}/${repo}/commits/main/check-runs?status=done`),
    )
    expect(badQuery.status).toBe(422)
    const unknown = await requestFailure(octokit.request(`GET /repos/${owner}/${repo}/actions/runs`))
    expect(unknown.status).toBe(404)
    const anonymous = standInOctokit(standIn, null)
    expect((await requestFailure(anonymous.rest.repos.get({ owner, repo }))).status).toBe(401)
    const notJson = await fetch(`${standIn.url}/repos/${owner}/${repo}/check-runs`, {
      method: 'POST',
      headers: {
        authorization: 'token ghs_writer',
        'user-agent': 'test',
        'content-type': 'application/json',
      },
      body: '{"name": ',
    })
    expect(notJson.status).toBe(400)
    // node:http sends no User-Agent unless told to; GitHub refuses such requests.
    const noAgent = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${standIn.url}/repos/${owner}/${repo}`,
        { headers: { authorization: 'token t' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(noAgent).toBe(403)
    expect(standIn.violations.map((v) => [v.kind, v.status])).toEqual([
      ['invalid-request', 404],
      ['invalid-request', 422],
      ['unknown-route', 404],
      ['unauthenticated', 401],
      ['invalid-request', 400],
      ['invalid-request', 403],
    ])
  })
})

describe('requests GitHub refuses by rule', () => {
  test('unknown SHA, completed without conclusion, stale, oversized comment, unknown ref', async () => {
    const octokit = standInOctokit(standIn, 'ghs_writer')
    const unknownSha = 'f'.repeat(40)
    const cases = [
      octokit.rest.checks.create({ owner, repo, name: 'a', head_sha: unknownSha }),
      octokit.rest.checks.create({ owner, repo, name: 'b', head_sha: pull.head.sha, status: 'completed' }),
      octokit.rest.checks.create({ owner, repo, name: 'c', head_sha: pull.head.sha, conclusion: 'stale' }),
      octokit.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: 'x'.repeat(65537) }),
      octokit.rest.repos.createDeployment({ owner, repo, ref: 'no-such-branch' }),
    ]
    for (const call of cases) expect((await requestFailure(call)).status).toBe(422)
    expect(standIn.violations.map((v) => [v.kind, v.messages[0]?.split('\n')[0]])).toEqual([
      ['rejected-by-github', `No commit found for SHA: ${unknownSha}`],
      ['rejected-by-github', 'Invalid request.'],
      ['rejected-by-github', 'Invalid request.'],
      ['rejected-by-github', 'Validation Failed: body is too long (maximum is 65536 characters)'],
      ['rejected-by-github', 'No ref found for: no-such-branch'],
    ])
    expect(standIn.state.checkRuns).toEqual([])
  })
})

describe('response validation', () => {
  const subset = OpenApiSubset.load()
  const operation = (id: string): (typeof subset.operations)[number] =>
    subset.operations.find((o) => o.spec.operationId === id)!

  test('the subset is the pinned description and covers every operation the action calls', () => {
    expect(subset.version).toBe('@octokit/openapi@23.0.2')
    expect(subset.operations.map((o) => o.spec.operationId).sort()).toEqual(
      [
        'checks/create',
        'checks/get',
        'checks/list-for-ref',
        'checks/update',
        'issues/create-comment',
        'issues/delete-comment',
        'issues/get-comment',
        'issues/list-comments',
        'issues/update-comment',
        'pulls/get',
        'repos/create-deployment',
        'repos/create-deployment-status',
        'repos/get',
        'repos/get-deployment',
        'repos/get-latest-release',
        'repos/get-release-by-tag',
        'repos/list-deployment-statuses',
        'repos/list-deployments',
        'repos/list-releases',
        'repos/get-release',
        'repos/update-release',
        'repos/list-release-assets',
        'repos/upload-release-asset',
        'repos/delete-release-asset',
        'reactions/create-for-issue-comment',
        'repos/get-collaborator-permission-level',
      ].sort(),
    )
  })

  test('a response missing required fields, of the wrong type or status, or with bad formats is caught', async () => {
    expect(subset.validateResponse(operation('checks/create'), 201, { id: 1, name: 'x' })).toContain(
      "(body) must have required property 'head_sha'",
    )
    expect(subset.validateResponse(operation('repos/get-latest-release'), 200, [])).toEqual([
      '(body) must be object',
    ])
    expect(subset.validateResponse(operation('checks/create'), 200, {})).toEqual([
      'status 200 is not documented for checks/create',
    ])
    // A real comment from the stand-in passes; the same comment with a non-ISO timestamp or a null
    // (non-nullable) html_url does not.
    const octokit = standInOctokit(standIn, 'ghs_writer')
    const { data } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: pull.number,
      body: 'x',
    })
    const getComment = operation('issues/get-comment')
    expect(subset.validateResponse(getComment, 200, data)).toEqual([])
    expect(subset.validateResponse(getComment, 200, { ...data, created_at: 'yesterday' })).toEqual([
      '/created_at must match format "date-time"',
    ])
    expect(subset.validateResponse(getComment, 200, { ...data, html_url: null })).toEqual([
      '/html_url must be string',
    ])
    expect(subset.validateResponse(getComment, 200, { ...data, user: null })).toEqual([]) // nullable-simple-user
    expect(standIn.violations).toEqual([])
  })
})
