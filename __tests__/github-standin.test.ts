/**
 * Drives the GitHub stand-in with the real clients the action uses (`octokit` and `@actions/github`'s
 * getOctokit) to show that it answers like GitHub, and that its OpenAPI checks catch bad calls.
 */
import { getOctokit } from '@actions/github'
import type { Octokit } from 'octokit'
import { requestFailure, standInOctokit } from './harness/github-clients.js'
import { startGitHubStandIn, type GitHubStandIn } from './harness/github-standin.js'
import type { PullRecord, RepoRecord } from './harness/github-state.js'

const TOKEN = 'ghs_writer'
const READ_ONLY = 'ghs_fork_reader'
const owner = 'acme'
const repo = 'churn-model'

let standIn: GitHubStandIn
let repoRecord: RepoRecord
let pull: PullRecord

function client(token = TOKEN, retry: { enabled: boolean; retries?: number } = { enabled: false }): Octokit {
  return standInOctokit(standIn, token, retry)
}

beforeEach(async () => {
  standIn = await startGitHubStandIn({ readOnlyTokens: [READ_ONLY] })
  repoRecord = standIn.state.addRepo({ owner, name: repo })
  pull = standIn.state.addPull(repoRecord, { headRef: 'feature/better-model', author: 'alice' })
})

afterEach(async () => {
  await standIn.stop()
})

describe('pagination', () => {
  test('octokit.paginate follows Link headers over 250 comments and returns all of them in order', async () => {
    standIn.state.addComments(repoRecord, pull.number, 250)
    const octokit = client()
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: pull.number,
      per_page: 100,
    })
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 250 }, (_, i) => `comment ${i + 1}`))
    const pages = standIn.requests.map((r) => r.path)
    expect(pages).toEqual([
      `/repos/${owner}/${repo}/issues/${pull.number}/comments?per_page=100`,
      `/repositories/${repoRecord.id}/issues/${pull.number}/comments?per_page=100&page=2`,
      `/repositories/${repoRecord.id}/issues/${pull.number}/comments?per_page=100&page=3`,
    ])
    expect(standIn.violations).toEqual([])
  })

  test('Link headers name prev, next, last and first in GitHub order, and none when one page holds all', async () => {
    standIn.state.addComments(repoRecord, pull.number, 70)
    const octokit = client()
    const route = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments' as const
    const base = `${standIn.url}/repositories/${repoRecord.id}/issues/${pull.number}/comments`
    const first = await octokit.request(route, { owner, repo, issue_number: pull.number })
    expect(first.data).toHaveLength(30) // default per_page
    expect(first.headers.link).toBe(`<${base}?page=2>; rel="next", <${base}?page=3>; rel="last"`)
    const middle = await octokit.request(route, {
      owner,
      repo,
      issue_number: pull.number,
      per_page: 30,
      page: 2,
    })
    expect(middle.headers.link).toBe(
      `<${base}?per_page=30&page=1>; rel="prev", <${base}?per_page=30&page=3>; rel="next", ` +
        `<${base}?per_page=30&page=3>; rel="last", <${base}?per_page=30&page=1>; rel="first"`,
    )
    const last = await octokit.request(route, { owner, repo, issue_number: pull.number, page: 3 })
    expect(last.data.map((c) => c.body)).toEqual(Array.from({ length: 10 }, (_, i) => `comment ${61 + i}`))
    expect(last.headers.link).toBe(`<${base}?page=2>; rel="prev", <${base}?page=1>; rel="first"`)
    const capped = await octokit.request(route, { owner, repo, issue_number: pull.number, per_page: 500 })
    expect(capped.data).toHaveLength(70) // GitHub caps per_page at 100
    expect(capped.headers.link).toBeUndefined()
    expect(standIn.violations).toEqual([])
  })

  test("@actions/github's getOctokit pages through comments and check runs (total_count lists)", async () => {
    standIn.state.addComments(repoRecord, pull.number, 130)
    const octokit = getOctokit(TOKEN, { baseUrl: standIn.url })
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: pull.number,
    })
    expect(comments).toHaveLength(130)
    for (let i = 0; i < 35; i++) {
      await octokit.rest.checks.create({
        owner,
        repo,
        name: `modelgate / model-${i}`,
        head_sha: pull.head.sha,
      })
    }
    const runs = await octokit.paginate(octokit.rest.checks.listForRef, { owner, repo, ref: pull.head.sha })
    expect(runs.map((r) => r.name).sort()).toEqual(
      Array.from({ length: 35 }, (_, i) => `modelgate / model-${i}`).sort(),
    )
    expect(standIn.requests.every((r) => r.token === TOKEN)).toBe(true)
    expect(standIn.violations).toEqual([])
  })
})

describe('comments and check runs', () => {
  test('creates, updates, reads back and deletes a comment', async () => {
    const octokit = client()
    const created = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: pull.number,
      body: 'first',
    })
    expect(created.status).toBe(201)
    expect(standIn.requests[0]).toMatchObject({
      method: 'POST',
      status: 201,
      token: TOKEN,
      body: { body: 'first' },
    })
    expect(created.data.user?.login).toBe('github-actions[bot]')
    expect(created.data.html_url).toBe(
      `https://github.com/${owner}/${repo}/pull/${pull.number}#issuecomment-${created.data.id}`,
    )
    const updated = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: created.data.id,
      body: 'second',
    })
    expect(updated.data.body).toBe('second')
    expect(Date.parse(updated.data.updated_at)).toBeGreaterThan(Date.parse(created.data.updated_at))
    const listed = await octokit.rest.issues.listComments({ owner, repo, issue_number: pull.number })
    expect(listed.data.map((c) => [c.id, c.body])).toEqual([[created.data.id, 'second']])
    const deleted = await octokit.rest.issues.deleteComment({ owner, repo, comment_id: created.data.id })
    expect(deleted.status).toBe(204)
    const gone = await requestFailure(
      octokit.rest.issues.getComment({ owner, repo, comment_id: created.data.id }),
    )
    expect(gone.status).toBe(404) // a normal answer, not a violation
    expect(standIn.state.commentsOn(repoRecord, pull.number)).toEqual([])
    expect(standIn.violations).toEqual([])
  })

  test('creates a check run in progress, then completes it with an output summary', async () => {
    const octokit = client()
    const name = 'modelgate / churn'
    const created = await octokit.rest.checks.create({
      owner,
      repo,
      name,
      head_sha: pull.head.sha,
      status: 'in_progress',
    })
    expect(created.data).toMatchObject({ status: 'in_progress', conclusion: null, completed_at: null })
    expect(created.data.pull_requests.map((p) => p.number)).toEqual([pull.number])
    const summary = '| metric | base | head |\n|---|---|---|\n| auc | 0.81 | 0.83 |'
    const done = await octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: created.data.id,
      conclusion: 'success',
      output: { title: 'churn: pass', summary },
    })
    expect(done.data).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'churn: pass', summary },
    })
    const listed = await octokit.rest.checks.listForRef({
      owner,
      repo,
      ref: 'feature/better-model',
      check_name: name,
    })
    expect(listed.data.total_count).toBe(1)
    expect(listed.data.check_runs[0]?.id).toBe(created.data.id)
    expect(standIn.violations).toEqual([])
  })

  test('reads the repository and the pull request as full GitHub objects', async () => {
    const octokit = client()
    const { data: repository } = await octokit.rest.repos.get({ owner, repo })
    expect(repository).toMatchObject({
      full_name: `${owner}/${repo}`,
      default_branch: 'main',
      permissions: { push: true },
    })
    const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number })
    expect(pr).toMatchObject({
      number: pull.number,
      head: { sha: pull.head.sha, ref: 'feature/better-model' },
    })
    expect(pr.base.sha).toBe(repoRecord.refs.get('heads/main'))
    expect(standIn.violations).toEqual([])
  })
})

describe('tokens, failures, deployments and releases', () => {
  test('a read-only token (fork pull request) reads but gets 403 on every write, without violations', async () => {
    const octokit = client(READ_ONLY)
    const { data } = await octokit.rest.repos.get({ owner, repo })
    expect(data.permissions?.push).toBe(false)
    const comment = await requestFailure(
      octokit.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: 'x' }),
    )
    expect(comment.status).toBe(403)
    expect(comment.message).toContain('Resource not accessible by integration')
    const check = await requestFailure(
      octokit.rest.checks.create({ owner, repo, name: 'x', head_sha: pull.head.sha }),
    )
    expect(check.status).toBe(403)
    expect(standIn.state.comments).toEqual([])
    expect(standIn.violations).toEqual([])
  })

  test('injected 502s fail the next calls, and octokit with retries recovers', async () => {
    standIn.failNext({ operationId: 'issues/create-comment', status: 502, times: 2 })
    const args = { owner, repo, issue_number: pull.number, body: 'hello' }
    expect((await requestFailure(client().rest.issues.createComment(args))).status).toBe(502)
    const retried = await client(TOKEN, { enabled: true, retries: 2 }).rest.issues.createComment(args)
    expect(retried.status).toBe(201)
    expect(standIn.requests.map((r) => r.status)).toEqual([502, 502, 201])
    expect(() => standIn.failNext({ operationId: 'issues/no-such-thing', status: 500 })).toThrow(
      /not an operation/,
    )
    expect(standIn.violations).toEqual([])
  })

  test('deployments and statuses round trip for a release, with 409 while checks fail', async () => {
    const octokit = client()
    const release = standIn.state.addRelease(repoRecord, { tag: 'v1.2.0', sha: pull.head.sha })
    expect(
      (await requestFailure(octokit.rest.repos.getReleaseByTag({ owner, repo, tag: 'v9' }))).status,
    ).toBe(404)
    const latest = await octokit.rest.repos.getLatestRelease({ owner, repo })
    expect(latest.data).toMatchObject({ id: release.id, tag_name: 'v1.2.0', draft: false })
    const byTag = await octokit.rest.repos.getReleaseByTag({ owner, repo, tag: 'v1.2.0' })
    expect(byTag.data.id).toBe(release.id)

    const failing = await octokit.rest.checks.create({
      owner,
      repo,
      name: 'modelgate / churn',
      head_sha: pull.head.sha,
    })
    await octokit.rest.checks.update({ owner, repo, check_run_id: failing.data.id, conclusion: 'failure' })
    const conflict = await requestFailure(
      octokit.rest.repos.createDeployment({ owner, repo, ref: 'v1.2.0', environment: 'production' }),
    )
    expect(conflict.status).toBe(409)

    const deployment = await octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: 'v1.2.0',
      environment: 'production',
      required_contexts: [],
      payload: { model: 'churn', version: 'v1.2.0' },
    })
    expect(deployment.status).toBe(201)
    if (!('id' in deployment.data)) throw new Error('expected a deployment, got a merge message')
    const id = deployment.data.id
    expect(deployment.data).toMatchObject({
      sha: pull.head.sha,
      production_environment: true,
      payload: { model: 'churn' },
    })
    await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: id, state: 'in_progress' })
    const logUrl = 'https://example.com/runs/7'
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: id,
      state: 'success',
      log_url: logUrl,
    })
    const statuses = await octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: id })
    expect(statuses.data.map((s) => s.state)).toEqual(['success', 'in_progress']) // newest first
    expect(statuses.data[0]).toMatchObject({ log_url: logUrl, target_url: logUrl })
    const listed = await octokit.rest.repos.listDeployments({ owner, repo, environment: 'production' })
    expect(listed.data.map((d) => d.id)).toEqual([id])
    expect(standIn.violations).toEqual([])
  })

  test('a new successful deployment marks the previous one of a non-production environment inactive', async () => {
    const octokit = client()
    const deploy = async (): Promise<number> => {
      const created = await octokit.rest.repos.createDeployment({
        owner,
        repo,
        ref: 'main',
        environment: 'staging',
      })
      if (!('id' in created.data)) throw new Error('expected a deployment')
      await octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: created.data.id,
        state: 'success',
      })
      return created.data.id
    }
    const first = await deploy()
    await deploy()
    const statuses = await octokit.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: first })
    expect(statuses.data.map((s) => s.state)).toEqual(['inactive', 'success'])
    expect((await requestFailure(octokit.rest.repos.getLatestRelease({ owner, repo }))).status).toBe(404)
    expect(standIn.violations).toEqual([])
  })
})

describe('releases, assets, reactions and permissions', () => {
  test('assets upload only to the upload host named in upload_url; a second upload of a name is refused', async () => {
    const release = standIn.state.addRelease(repoRecord, { tag: 'v1.0.0', body: 'notes' })
    const octokit = client()
    const { data } = await octokit.rest.repos.getReleaseByTag({ owner, repo, tag: 'v1.0.0' })
    expect(data.upload_url).toBe(
      `${standIn.uploadsUrl}/repos/${owner}/${repo}/releases/${release.id}/assets{?name,label}`,
    )
    const upload = (base: string, name: string): Promise<unknown> =>
      octokit.request({
        method: 'POST',
        url: `${base}/repos/${owner}/${repo}/releases/${release.id}/assets?name=${name}`,
        headers: { 'content-type': 'text/markdown' },
        data: Buffer.from('# card\n'),
      })
    await upload(standIn.uploadsUrl, 'card.md')
    expect(release.assets.map((a) => [a.name, a.contentType, a.body.toString()])).toEqual([
      ['card.md', 'text/markdown', '# card\n'],
    ])
    expect((await requestFailure(upload(standIn.uploadsUrl, 'card.md'))).status).toBe(422)
    expect((await requestFailure(upload(standIn.url, 'other.md'))).status).toBe(404)
    expect(standIn.violations.map((v) => [v.kind, v.status])).toEqual([
      ['rejected-by-github', 422],
      ['unknown-route', 404],
    ])
    const assets = await octokit.rest.repos.listReleaseAssets({ owner, repo, release_id: release.id })
    expect(assets.data.map((a) => [a.name, a.size, a.state])).toEqual([['card.md', 7, 'uploaded']])
    await octokit.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: assets.data[0]!.id })
    expect(release.assets).toEqual([])
    const updated = await octokit.rest.repos.updateRelease({
      owner,
      repo,
      release_id: release.id,
      body: 'new',
    })
    expect([updated.data.body, release.body]).toEqual(['new', 'new'])
  })

  test('a reaction on a comment is created once; the permission API reports roles, read for outsiders', async () => {
    const octokit = client()
    const comment = standIn.state.addComment(repoRecord, pull.number, '/modelgate help', 'alice')
    const react = () =>
      octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: 'eyes' })
    expect((await react()).status).toBe(201)
    expect((await react()).status).toBe(200)
    expect(standIn.state.reactions).toHaveLength(1)
    standIn.state.setPermission(repoRecord, 'maria', 'maintain')
    const level = (username: string) =>
      octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username }).then((r) => r.data)
    expect(await level('maria')).toMatchObject({ permission: 'write', role_name: 'maintain' })
    expect(await level(owner)).toMatchObject({ permission: 'admin', role_name: 'admin' })
    expect(await level('alice')).toMatchObject({ permission: 'read', role_name: 'read' })
    expect(standIn.violations).toEqual([])
  })
})
