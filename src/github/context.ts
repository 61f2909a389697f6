import { promises as fs } from 'node:fs'
import { UserError } from '../errors.js'

/**
 * What the runner tells the action about the event, read from its environment variables and the event
 * payload file (GITHUB_EVENT_PATH), read here rather than through @actions/github's `context`, which reads
 * the environment once at import time.
 */

export interface RepoPayload {
  name: string
  full_name: string
  owner: { login: string }
  default_branch?: string
}

export interface PullRequestPayload {
  number: number
  head: { sha: string; ref: string; repo: RepoPayload | null }
  base: { sha: string; ref: string; repo: RepoPayload }
}

/** The fields of GitHub's webhook payloads that modelgate reads (each event has many more). */
export interface EventPayload {
  action?: string
  repository?: RepoPayload
  pull_request?: PullRequestPayload
  /** push: the branch or tag was deleted (no commit to train). */
  deleted?: boolean
  release?: { tag_name: string; draft?: boolean; prerelease?: boolean }
  workflow_run?: {
    id: number
    name?: string
    event: string
    head_sha: string
    head_branch?: string | null
    conclusion?: string | null
    head_repository?: RepoPayload | null
    pull_requests?: { number: number; head: { sha: string } }[]
  }
  sender?: { login: string }
  /** issue_comment: the issue or pull request commented on (`pull_request` is set for pull requests). */
  issue?: { number: number; pull_request?: Record<string, unknown> }
  comment?: { id: number; body?: string; user?: { login: string; type?: string } }
}

export interface ActionContext {
  eventName: string
  payload: EventPayload
  owner: string
  repo: string
  /** GITHUB_SHA: the commit the workflow runs on (for pull_request: the test merge commit). */
  sha: string
  /** GITHUB_REF, e.g. refs/heads/main, refs/pull/7/merge, refs/tags/v1. */
  ref: string
  /** GITHUB_WORKFLOW: the workflow's name (part of the PR comment's marker). */
  workflow: string
  actor: string
  apiUrl: string
  /** Link to this workflow run, for comments, check runs and deployment statuses. */
  runUrl: string | null
  workspace: string
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]
  if (!value)
    throw new UserError(
      `${name} is not set: modelgate's Action runs inside GitHub Actions (use the modelgate CLI elsewhere)`,
    )
  return value
}

export async function readActionContext(env: NodeJS.ProcessEnv, cwd: string): Promise<ActionContext> {
  const eventName = required(env, 'GITHUB_EVENT_NAME')
  const repository = required(env, 'GITHUB_REPOSITORY')
  const [owner, repo, extra] = repository.split('/')
  if (!owner || !repo || extra !== undefined)
    throw new UserError(`GITHUB_REPOSITORY "${repository}" is not owner/name`)
  let payload: EventPayload = {}
  const eventPath = env.GITHUB_EVENT_PATH
  if (eventPath) {
    let text: string
    try {
      text = await fs.readFile(eventPath, 'utf8')
    } catch {
      throw new UserError(`GITHUB_EVENT_PATH ${eventPath}: cannot read the event payload`)
    }
    try {
      payload = JSON.parse(text) as EventPayload
    } catch {
      throw new UserError(`GITHUB_EVENT_PATH ${eventPath}: the event payload is not valid JSON`)
    }
  }
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com'
  return {
    eventName,
    payload,
    owner,
    repo,
    sha: required(env, 'GITHUB_SHA'),
    ref: env.GITHUB_REF ?? '',
    workflow: env.GITHUB_WORKFLOW || 'modelgate',
    actor: env.GITHUB_ACTOR || payload.sender?.login || 'github-actions',
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    runUrl: env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : null,
    workspace: env.GITHUB_WORKSPACE || cwd,
  }
}

/** A pull request the action reports on, and whether its workflow can write to the base repository. */
export interface PullRequestTarget {
  number: number
  headSha: string
  headRef: string
  /** owner/name of the head repository (a fork's, for fork pull requests); null when the fork was deleted. */
  headRepository: string | null
  fork: boolean
}

export function pullRequestOf(ctx: ActionContext): PullRequestTarget | null {
  const pr = ctx.payload.pull_request
  if (!pr) return null
  const base = pr.base.repo?.full_name ?? `${ctx.owner}/${ctx.repo}`
  const head = pr.head.repo?.full_name ?? null
  return {
    number: pr.number,
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    headRepository: head,
    fork: head !== base,
  }
}

/**
 * Why the token of this run can only read, or null when it can write: GitHub gives `pull_request` workflows of
 * fork pull requests (and of Dependabot's) a read-only GITHUB_TOKEN and no secrets, so comments and check runs
 * would fail with 403.
 */
export function readOnlyReason(ctx: ActionContext, pr: PullRequestTarget | null): string | null {
  if (ctx.eventName !== 'pull_request' || !pr) return null
  if (pr.fork) {
    const from = pr.headRepository ? `the fork ${pr.headRepository}` : 'a deleted fork'
    return `pull request #${pr.number} comes from ${from}, so this workflow has a read-only token and no secrets`
  }
  if (ctx.actor === 'dependabot[bot]')
    return `pull request #${pr.number} is Dependabot's, so this workflow has a read-only token`
  return null
}

/** The branch name of refs/heads/x, else null. */
export function branchOf(ref: string): string | null {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null
}
