import { createHash } from 'node:crypto'
/**
 * Renders pull requests, comments, check runs, deployments (and statuses) and releases as the JSON GitHub
 * returns, shaped after GitHub's own responses so that the description's response schemas accept them.
 */
import {
  nodeId,
  renderActionsApp,
  renderRepository,
  renderUser,
  type RenderContext,
} from './github-render-repo.js'
import type {
  CheckRunRecord,
  CommentRecord,
  DeploymentRecord,
  DeploymentStatusRecord,
  PullRecord,
  ReleaseRecord,
  RepoRecord,
  AssetRecord,
  ReactionRecord,
} from './github-state.js'

export function renderPull(
  ctx: RenderContext,
  pull: PullRecord,
  commentCount: number,
): Record<string, unknown> {
  const full = `${pull.repo.owner.login}/${pull.repo.name}`
  const url = `${ctx.api}/repos/${full}/pulls/${pull.number}`
  const issueUrl = `${ctx.api}/repos/${full}/issues/${pull.number}`
  const htmlUrl = `${ctx.web}/${full}/pull/${pull.number}`
  const side = (repo: RepoRecord, ref: string, sha: string): Record<string, unknown> => ({
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha,
    user: renderUser(ctx, repo.owner),
    repo: renderRepository(ctx, repo),
  })
  return {
    url,
    id: pull.id,
    node_id: nodeId('PR', pull.id),
    html_url: htmlUrl,
    diff_url: `${htmlUrl}.diff`,
    patch_url: `${htmlUrl}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${ctx.api}/repos/${full}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${ctx.api}/repos/${full}/statuses/${pull.head.sha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: renderUser(ctx, pull.user),
    body: pull.body,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.createdAt,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(pull.head.repo, pull.head.ref, pull.head.sha),
    base: side(pull.repo, pull.base.ref, pull.base.sha),
    _links: {
      self: { href: url },
      html: { href: htmlUrl },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${ctx.api}/repos/${full}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${ctx.api}/repos/${full}/statuses/${pull.head.sha}` },
    },
    author_association: pull.head.repo === pull.repo ? 'MEMBER' : 'CONTRIBUTOR',
    auto_merge: null,
    draft: false,
    merged: false,
    mergeable: true,
    rebaseable: true,
    mergeable_state: 'clean',
    merged_by: null,
    comments: commentCount,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 10,
    deletions: 2,
    changed_files: 1,
  }
}

export function renderComment(
  ctx: RenderContext,
  comment: CommentRecord,
  isPull: boolean,
): Record<string, unknown> {
  const full = `${comment.repo.owner.login}/${comment.repo.name}`
  const url = `${ctx.api}/repos/${full}/issues/comments/${comment.id}`
  return {
    url,
    html_url: `${ctx.web}/${full}/${isPull ? 'pull' : 'issues'}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${ctx.api}/repos/${full}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    user: renderUser(ctx, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    body: comment.body,
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    performed_via_github_app: null,
  }
}

export function renderCheckRun(
  ctx: RenderContext,
  run: CheckRunRecord,
  pulls: PullRecord[],
): Record<string, unknown> {
  const full = `${run.repo.owner.login}/${run.repo.name}`
  const url = `${ctx.api}/repos/${full}/check-runs/${run.id}`
  const minimalRepo = (repo: RepoRecord): Record<string, unknown> => ({
    id: repo.id,
    url: `${ctx.api}/repos/${repo.owner.login}/${repo.name}`,
    name: repo.name,
  })
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('CR', run.id),
    head_sha: run.headSha,
    external_id: run.externalId,
    url,
    html_url: `${ctx.web}/${full}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `${ctx.web}/${full}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotationsCount,
      annotations_url: `${url}/annotations`,
    },
    check_suite: { id: run.checkSuiteId },
    app: renderActionsApp(ctx),
    pull_requests: pulls.map((p) => ({
      url: `${ctx.api}/repos/${full}/pulls/${p.number}`,
      id: p.id,
      number: p.number,
      head: { ref: p.head.ref, sha: p.head.sha, repo: minimalRepo(p.head.repo) },
      base: { ref: p.base.ref, sha: p.base.sha, repo: minimalRepo(p.repo) },
    })),
  }
}

export function renderDeployment(ctx: RenderContext, d: DeploymentRecord): Record<string, unknown> {
  const repoUrl = `${ctx.api}/repos/${d.repo.owner.login}/${d.repo.name}`
  return {
    url: `${repoUrl}/deployments/${d.id}`,
    id: d.id,
    node_id: nodeId('DE', d.id),
    task: d.task,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${repoUrl}/deployments/${d.id}/statuses`,
    repository_url: repoUrl,
    creator: renderUser(ctx, d.creator),
    sha: d.sha,
    ref: d.ref,
    payload: d.payload,
    transient_environment: d.transient,
    production_environment: d.production,
    performed_via_github_app: d.creator.type === 'Bot' ? renderActionsApp(ctx) : null,
  }
}

export function renderDeploymentStatus(
  ctx: RenderContext,
  s: DeploymentStatusRecord,
): Record<string, unknown> {
  const repoUrl = `${ctx.api}/repos/${s.deployment.repo.owner.login}/${s.deployment.repo.name}`
  const deploymentUrl = `${repoUrl}/deployments/${s.deployment.id}`
  const logUrl = s.logUrl ?? s.targetUrl
  return {
    url: `${deploymentUrl}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DES', s.id),
    state: s.state,
    creator: renderUser(ctx, s.creator),
    description: s.description,
    environment: s.environment,
    // GitHub sends "" when no URL was given, which the description's `format: uri` rejects; the stand-in
    // points at the environment's page instead so its own responses stay valid (see report).
    target_url: logUrl ?? `${ctx.web}/${s.deployment.repo.owner.login}/${s.deployment.repo.name}/deployments`,
    ...(logUrl === null ? {} : { log_url: logUrl }),
    ...(s.environmentUrl === null ? {} : { environment_url: s.environmentUrl }),
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: deploymentUrl,
    repository_url: repoUrl,
    performed_via_github_app: s.creator.type === 'Bot' ? renderActionsApp(ctx) : null,
  }
}

export function renderRelease(ctx: RenderContext, release: ReleaseRecord): Record<string, unknown> {
  const full = `${release.repo.owner.login}/${release.repo.name}`
  const url = `${ctx.api}/repos/${full}/releases/${release.id}`
  const tagPath = encodeURIComponent(release.tagName)
  return {
    url,
    assets_url: `${url}/assets`,
    upload_url: `${ctx.uploads}/repos/${full}/releases/${release.id}/assets{?name,label}`,
    html_url: release.draft
      ? `${ctx.web}/${full}/releases/tag/untagged-${release.id}`
      : `${ctx.web}/${full}/releases/tag/${tagPath}`,
    id: release.id,
    author: renderUser(ctx, release.author),
    node_id: nodeId('RE', release.id),
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    draft: release.draft,
    immutable: false,
    prerelease: release.prerelease,
    created_at: release.createdAt,
    updated_at: release.updatedAt,
    published_at: release.publishedAt,
    assets: release.assets.map((a) => renderAsset(ctx, release, a)),
    tarball_url: release.draft ? null : `${ctx.api}/repos/${full}/tarball/${tagPath}`,
    zipball_url: release.draft ? null : `${ctx.api}/repos/${full}/zipball/${tagPath}`,
    body: release.body,
  }
}

export function renderAsset(
  ctx: RenderContext,
  release: ReleaseRecord,
  asset: AssetRecord,
): Record<string, unknown> {
  const full = `${release.repo.owner.login}/${release.repo.name}`
  return {
    url: `${ctx.api}/repos/${full}/releases/assets/${asset.id}`,
    browser_download_url: `${ctx.web}/${full}/releases/download/${encodeURIComponent(release.tagName)}/${encodeURIComponent(asset.name)}`,
    id: asset.id,
    node_id: nodeId('RA', asset.id),
    name: asset.name,
    label: asset.label,
    state: 'uploaded',
    content_type: asset.contentType,
    size: asset.body.length,
    digest: `sha256:${createHash('sha256').update(asset.body).digest('hex')}`,
    download_count: 0,
    created_at: asset.createdAt,
    updated_at: asset.createdAt,
    uploader: renderUser(ctx, asset.uploader),
  }
}

export function renderReaction(ctx: RenderContext, reaction: ReactionRecord): Record<string, unknown> {
  return {
    id: reaction.id,
    node_id: nodeId('REA', reaction.id),
    user: renderUser(ctx, reaction.user),
    content: reaction.content,
    created_at: reaction.createdAt,
  }
}
