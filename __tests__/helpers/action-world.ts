import { promises as fs } from 'node:fs'
import { HEAD_SHA, OWNER, REPO } from './action-runner.js'
import { startGitHubStandIn, type GitHubStandIn } from '../harness/github-standin.js'
import type { PullRecord, RepoRecord } from '../harness/github-state.js'
import { workspaceWithModel } from './workspace.js'

/**
 * The Action tests' world, set up per test by Jest hooks: the GitHub stand-in (validated against
 * @octokit/openapi) with the repository, one open pull request from feature/tenure at HEAD_SHA unless
 * `pull: false`, and a workspace with the churn model. After each test both are gone, and no request or
 * response may have broken GitHub's OpenAPI description.
 */

export let standIn: GitHubStandIn
export let repo: RepoRecord
/** The open pull request (not set with `pull: false`). */
export let pull: PullRecord
export let workspace: string

export function useActionWorld(options: { pull?: boolean; headSha?: string } = {}): void {
  beforeEach(async () => {
    standIn = await startGitHubStandIn()
    repo = standIn.state.addRepo({
      owner: OWNER,
      name: REPO,
      ...(options.headSha ? { headSha: options.headSha } : {}),
    })
    if (options.pull !== false)
      pull = standIn.state.addPull(repo, { headRef: 'feature/tenure', headSha: HEAD_SHA, author: 'alice' })
    workspace = await workspaceWithModel()
  })
  afterEach(async () => {
    await standIn.stop()
    await fs.rm(workspace, { recursive: true, force: true })
    expect(standIn.violations).toEqual([])
  })
}
