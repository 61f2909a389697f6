/**
 * Renders users, the GitHub Actions app and repositories as the JSON GitHub returns (node ids, html_url,
 * API URLs pointing at the stand-in, URL templates), so that the description's response schemas accept them.
 */
import type { RepoRecord, UserRecord } from './github-state.js'

export interface RenderContext {
  /** The stand-in's base URL, standing for https://api.github.com. */
  api: string
  web: string
  /** The stand-in's upload host, standing for https://uploads.github.com (release assets). */
  uploads: string
  /** Whether the requesting token may push (GitHub reports it in `permissions`). */
  canPush: boolean
}

/** GitHub's current node id shape: a type prefix and a base64 payload. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(`${prefix}${id}`).toString('base64url')}`
}

const GITHUB_ACTIONS_APP_ID = 15368
const NODE_PREFIX: Record<UserRecord['type'], string> = { User: 'U', Organization: 'O', Bot: 'BOT' }

export function renderUser(ctx: RenderContext, user: UserRecord): Record<string, unknown> {
  const url = `${ctx.api}/users/${encodeURIComponent(user.login)}`
  const isBot = user.type === 'Bot'
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(NODE_PREFIX[user.type], user.id),
    avatar_url: isBot
      ? `https://avatars.githubusercontent.com/in/${GITHUB_ACTIONS_APP_ID}?v=4`
      : `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: isBot ? `${ctx.web}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${ctx.web}/${user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  }
}

/** The GitHub Actions app, which GITHUB_TOKEN check runs and deployments are attributed to. */
export function renderActionsApp(ctx: RenderContext): Record<string, unknown> {
  return {
    id: GITHUB_ACTIONS_APP_ID,
    slug: 'github-actions',
    node_id: 'MDM6QXBwMTUzNjg=',
    client_id: 'Iv1.05c79e9ad1f6bdfa',
    owner: renderUser(ctx, { login: 'github', id: 9919, type: 'Organization' }),
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: `${ctx.web}/apps/github-actions`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2025-03-07T16:35:00Z',
    permissions: {
      checks: 'write',
      contents: 'write',
      deployments: 'write',
      issues: 'write',
      metadata: 'read',
    },
    events: ['check_run', 'check_suite', 'deployment', 'issue_comment', 'pull_request', 'push', 'release'],
  }
}

/** The `repository` schema (pull request heads and bases). */
export function renderRepository(ctx: RenderContext, repo: RepoRecord): Record<string, unknown> {
  const full = `${repo.owner.login}/${repo.name}`
  const r = `${ctx.api}/repos/${full}`
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: full,
    private: repo.private,
    owner: renderUser(ctx, repo.owner),
    html_url: `${ctx.web}/${full}`,
    description: null,
    fork: repo.parent !== null,
    url: r,
    archive_url: `${r}/{archive_format}{/ref}`,
    assignees_url: `${r}/assignees{/user}`,
    blobs_url: `${r}/git/blobs{/sha}`,
    branches_url: `${r}/branches{/branch}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    comments_url: `${r}/comments{/number}`,
    commits_url: `${r}/commits{/sha}`,
    compare_url: `${r}/compare/{base}...{head}`,
    contents_url: `${r}/contents/{+path}`,
    contributors_url: `${r}/contributors`,
    deployments_url: `${r}/deployments`,
    downloads_url: `${r}/downloads`,
    events_url: `${r}/events`,
    forks_url: `${r}/forks`,
    git_commits_url: `${r}/git/commits{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    git_url: `git://github.com/${full}.git`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    issue_events_url: `${r}/issues/events{/number}`,
    issues_url: `${r}/issues{/number}`,
    keys_url: `${r}/keys{/key_id}`,
    labels_url: `${r}/labels{/name}`,
    languages_url: `${r}/languages`,
    merges_url: `${r}/merges`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    pulls_url: `${r}/pulls{/number}`,
    releases_url: `${r}/releases{/id}`,
    ssh_url: `git@github.com:${full}.git`,
    stargazers_url: `${r}/stargazers`,
    statuses_url: `${r}/statuses/{sha}`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    tags_url: `${r}/tags`,
    teams_url: `${r}/teams`,
    trees_url: `${r}/git/trees{/sha}`,
    clone_url: `${ctx.web}/${full}.git`,
    mirror_url: null,
    hooks_url: `${r}/hooks`,
    svn_url: `${ctx.web}/${full}`,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 1024,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    forks: 0,
    open_issues: 0,
    watchers: 0,
  }
}

/** The `full-repository` schema (GET /repos/{owner}/{repo}). */
export function renderFullRepository(ctx: RenderContext, repo: RepoRecord): Record<string, unknown> {
  return {
    ...renderRepository(ctx, repo),
    permissions: { admin: false, maintain: false, push: ctx.canPush, triage: ctx.canPush, pull: true },
    network_count: 0,
    subscribers_count: 1,
  }
}
