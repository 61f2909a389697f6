/** The facts the GitHub stand-in keeps per object; github-objects.ts renders them as GitHub's JSON. */

export interface UserRecord {
  login: string
  id: number
  type: 'User' | 'Organization' | 'Bot'
}

export interface RepoRecord {
  id: number
  owner: UserRecord
  name: string
  defaultBranch: string
  private: boolean
  /** The repository this one is a fork of. */
  parent: RepoRecord | null
  /** Branch and tag names (`heads/x`, `tags/v1`) to commit SHAs. */
  refs: Map<string, string>
  commits: Set<string>
  createdAt: string
}

export interface PullRecord {
  repo: RepoRecord
  id: number
  number: number
  title: string
  body: string | null
  user: UserRecord
  state: 'open' | 'closed'
  head: { repo: RepoRecord; ref: string; sha: string }
  base: { ref: string; sha: string }
  createdAt: string
}

export interface CommentRecord {
  repo: RepoRecord
  id: number
  issueNumber: number
  body: string
  user: UserRecord
  createdAt: string
  updatedAt: string
}

export interface CheckRunRecord {
  repo: RepoRecord
  id: number
  checkSuiteId: number
  name: string
  headSha: string
  status: 'queued' | 'in_progress' | 'completed'
  conclusion: string | null
  startedAt: string
  completedAt: string | null
  detailsUrl: string | null
  externalId: string
  output: { title: string | null; summary: string | null; text: string | null; annotationsCount: number }
}

export interface DeploymentRecord {
  repo: RepoRecord
  id: number
  sha: string
  ref: string
  task: string
  payload: Record<string, unknown> | string
  environment: string
  description: string | null
  transient: boolean
  production: boolean
  creator: UserRecord
  createdAt: string
  updatedAt: string
}

export interface DeploymentStatusRecord {
  deployment: DeploymentRecord
  id: number
  state: string
  description: string
  environment: string
  targetUrl: string | null
  logUrl: string | null
  environmentUrl: string | null
  creator: UserRecord
  createdAt: string
}

export interface ReleaseRecord {
  repo: RepoRecord
  id: number
  tagName: string
  targetCommitish: string
  name: string | null
  body: string | null
  draft: boolean
  prerelease: boolean
  author: UserRecord
  createdAt: string
  updatedAt: string
  publishedAt: string | null
  assets: AssetRecord[]
}

export interface AssetRecord {
  id: number
  name: string
  label: string | null
  contentType: string
  /** The uploaded bytes, so tests can read back what was attached. */
  body: Buffer
  uploader: UserRecord
  createdAt: string
}

export interface ReactionRecord {
  repo: RepoRecord
  id: number
  commentId: number
  content: string
  user: UserRecord
  createdAt: string
}
