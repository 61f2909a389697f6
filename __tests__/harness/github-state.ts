/**
 * What the GitHub stand-in knows: repositories with their refs, pull requests, issue comments, check runs,
 * deployments (with statuses) and releases. Tests seed it through the `add*` methods and read it back to
 * check what the code under test wrote. Records hold facts only; github-objects.ts renders them as GitHub's JSON.
 */

import type {
  UserRecord,
  RepoRecord,
  PullRecord,
  CommentRecord,
  CheckRunRecord,
  DeploymentRecord,
  DeploymentStatusRecord,
  ReleaseRecord,
  ReactionRecord,
} from './github-records.js'

export type {
  AssetRecord,
  ReactionRecord,
  UserRecord,
  RepoRecord,
  PullRecord,
  CommentRecord,
  CheckRunRecord,
  DeploymentRecord,
  DeploymentStatusRecord,
  ReleaseRecord,
} from './github-records.js'

/** The identity GITHUB_TOKEN writes as. */
export const ACTIONS_BOT: UserRecord = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }

/** Deterministic 40-hex SHA from a seed string (FNV-1a, repeated): stable fixtures without real git. */
export function fakeSha(seed: string): string {
  let out = ''
  for (let round = 0; out.length < 40; round++) {
    let hash = 0x811c9dc5 ^ round
    for (const char of `${round}:${seed}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0
    out += hash.toString(16).padStart(8, '0')
  }
  return out.slice(0, 40)
}

export class GitHubState {
  readonly users = new Map<string, UserRecord>([[ACTIONS_BOT.login, ACTIONS_BOT]])
  readonly repos: RepoRecord[] = []
  readonly pulls: PullRecord[] = []
  readonly comments: CommentRecord[] = []
  readonly checkRuns: CheckRunRecord[] = []
  readonly deployments: DeploymentRecord[] = []
  readonly deploymentStatuses: DeploymentStatusRecord[] = []
  readonly releases: ReleaseRecord[] = []
  readonly reactions: ReactionRecord[] = []
  /** Collaborator permission per `<repo id>:<login>` (lower case): what GitHub's permission API answers. */
  readonly permissions = new Map<string, 'admin' | 'maintain' | 'write' | 'triage' | 'read'>()
  private readonly checkSuites = new Map<string, number>()
  private nextId = 1_000_001
  private clockMs: number

  /** `start` fixes every timestamp the stand-in hands out; each write advances the clock by one second. */
  constructor(start = '2026-01-05T09:00:00Z') {
    this.clockMs = Date.parse(start)
  }

  newId(): number {
    return this.nextId++
  }

  /** The next timestamp, in GitHub's format (seconds, `Z`). */
  tick(): string {
    this.clockMs += 1000
    return new Date(this.clockMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  user(login: string, type: UserRecord['type'] = 'User'): UserRecord {
    let user = this.users.get(login.toLowerCase())
    if (user === undefined) {
      user = { login, id: this.newId(), type }
      this.users.set(login.toLowerCase(), user)
    }
    return user
  }

  addRepo(options: {
    owner: string
    name: string
    defaultBranch?: string
    headSha?: string
    private?: boolean
    forkOf?: RepoRecord
  }): RepoRecord {
    const defaultBranch = options.defaultBranch ?? 'main'
    const repo: RepoRecord = {
      id: this.newId(),
      owner: this.user(options.owner),
      name: options.name,
      defaultBranch,
      private: options.private ?? false,
      parent: options.forkOf ?? null,
      refs: new Map(),
      commits: new Set(),
      createdAt: this.tick(),
    }
    this.repos.push(repo)
    this.addBranch(
      repo,
      defaultBranch,
      options.headSha ?? fakeSha(`${options.owner}/${options.name}@${defaultBranch}`),
    )
    return repo
  }

  findRepo(owner: string, name: string): RepoRecord | undefined {
    const [o, n] = [owner.toLowerCase(), name.toLowerCase()]
    return this.repos.find((r) => r.owner.login.toLowerCase() === o && r.name.toLowerCase() === n)
  }

  addCommit(repo: RepoRecord, sha: string): void {
    repo.commits.add(sha)
  }

  addBranch(repo: RepoRecord, branch: string, sha: string): void {
    repo.refs.set(`heads/${branch}`, sha)
    repo.commits.add(sha)
  }

  /** A branch, tag (`v1`, `heads/x`, `tags/v1`, `refs/heads/x`) or full SHA of the repository, as a SHA. */
  resolveRef(repo: RepoRecord, ref: string): string | undefined {
    const name = ref.replace(/^refs\//, '')
    const found = repo.refs.get(name) ?? repo.refs.get(`heads/${name}`) ?? repo.refs.get(`tags/${name}`)
    if (found !== undefined) return found
    return repo.commits.has(ref) ? ref : undefined
  }

  /** A pull request; `fork` puts its head in a fork owned by that user (read-only token scenario). */
  addPull(
    repo: RepoRecord,
    options: {
      headRef: string
      headSha?: string
      baseRef?: string
      title?: string
      body?: string
      author?: string
      fork?: string
    },
  ): PullRecord {
    const author = this.user(options.author ?? options.fork ?? 'octocat')
    const headRepo =
      options.fork === undefined
        ? repo
        : (this.findRepo(options.fork, repo.name) ??
          this.addRepo({ owner: options.fork, name: repo.name, forkOf: repo }))
    const headSha = options.headSha ?? fakeSha(`${headRepo.owner.login}/${repo.name}@${options.headRef}`)
    this.addBranch(headRepo, options.headRef, headSha)
    repo.commits.add(headSha) // GitHub makes PR head commits reachable from the base repository (refs/pull/N/head)
    const baseRef = options.baseRef ?? repo.defaultBranch
    const baseSha = this.resolveRef(repo, baseRef)
    if (baseSha === undefined)
      throw new Error(`addPull: base branch ${baseRef} does not exist in ${repo.name}`)
    const pull: PullRecord = {
      repo,
      id: this.newId(),
      number: this.nextIssueNumber(repo),
      title: options.title ?? `Change ${options.headRef}`,
      body: options.body ?? null,
      user: author,
      state: 'open',
      head: { repo: headRepo, ref: options.headRef, sha: headSha },
      base: { ref: baseRef, sha: baseSha },
      createdAt: this.tick(),
    }
    this.pulls.push(pull)
    return pull
  }

  findPull(repo: RepoRecord, number: number): PullRecord | undefined {
    return this.pulls.find((p) => p.repo === repo && p.number === number)
  }

  addComment(repo: RepoRecord, issueNumber: number, body: string, author = 'octocat'): CommentRecord {
    const at = this.tick()
    const comment = {
      repo,
      id: this.newId(),
      issueNumber,
      body,
      user: this.user(author),
      createdAt: at,
      updatedAt: at,
    }
    this.comments.push(comment)
    return comment
  }

  /** `count` comments `comment 1`..`comment N` by `author` (pagination tests need more than 100). */
  addComments(repo: RepoRecord, issueNumber: number, count: number, author = 'octocat'): CommentRecord[] {
    return Array.from({ length: count }, (_, i) =>
      this.addComment(repo, issueNumber, `comment ${i + 1}`, author),
    )
  }

  commentsOn(repo: RepoRecord, issueNumber: number): CommentRecord[] {
    return this.comments
      .filter((c) => c.repo === repo && c.issueNumber === issueNumber)
      .sort((a, b) => a.id - b.id)
  }

  addRelease(
    repo: RepoRecord,
    options: {
      tag: string
      sha?: string
      name?: string
      body?: string
      draft?: boolean
      prerelease?: boolean
      author?: string
    },
  ): ReleaseRecord {
    const sha = options.sha ?? fakeSha(`${repo.name}@${options.tag}`)
    const draft = options.draft ?? false
    if (!draft) {
      repo.refs.set(`tags/${options.tag}`, sha)
      repo.commits.add(sha)
    }
    const createdAt = this.tick()
    const release: ReleaseRecord = {
      repo,
      id: this.newId(),
      tagName: options.tag,
      targetCommitish: repo.defaultBranch,
      name: options.name ?? options.tag,
      body: options.body ?? null,
      draft,
      prerelease: options.prerelease ?? false,
      author: this.user(options.author ?? repo.owner.login),
      createdAt,
      updatedAt: createdAt,
      publishedAt: draft ? null : createdAt,
      assets: [],
    }
    this.releases.push(release)
    return release
  }

  /** Give a user a role on the repository (`read` for a non-collaborator who can see a public repository). */
  setPermission(
    repo: RepoRecord,
    login: string,
    role: 'admin' | 'maintain' | 'write' | 'triage' | 'read',
  ): void {
    this.user(login)
    this.permissions.set(`${repo.id}:${login.toLowerCase()}`, role)
  }

  permissionOf(repo: RepoRecord, login: string): 'admin' | 'maintain' | 'write' | 'triage' | 'read' | null {
    if (login.toLowerCase() === repo.owner.login.toLowerCase()) return 'admin'
    return this.permissions.get(`${repo.id}:${login.toLowerCase()}`) ?? null
  }

  checkRunsFor(repo: RepoRecord, sha: string): CheckRunRecord[] {
    return this.checkRuns.filter((r) => r.repo === repo && r.headSha === sha)
  }

  /** GitHub groups check runs of one app on one commit into a check suite. */
  checkSuiteId(repo: RepoRecord, sha: string): number {
    const key = `${repo.id}:${sha}`
    let id = this.checkSuites.get(key)
    if (id === undefined) {
      id = this.newId()
      this.checkSuites.set(key, id)
    }
    return id
  }

  statusesOf(deployment: DeploymentRecord): DeploymentStatusRecord[] {
    return this.deploymentStatuses.filter((s) => s.deployment === deployment).sort((a, b) => b.id - a.id)
  }

  private nextIssueNumber(repo: RepoRecord): number {
    return this.pulls.filter((p) => p.repo === repo).reduce((max, p) => Math.max(max, p.number), 0) + 1
  }
}
