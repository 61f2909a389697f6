/** Stand-in handlers for repositories, pull requests, issue comments and releases. */
import { renderComment, renderPull, renderRelease } from './github-objects.js'
import { renderFullRepository } from './github-render-repo.js'
import {
  notFound,
  pageOf,
  rejected,
  type Reply,
  type RouteContext,
  type RouteHandler,
} from './github-reply.js'
import type { CommentRecord, ReleaseRecord } from './github-state.js'

/** GitHub refuses issue comments longer than this many characters. */
export const MAX_COMMENT_LENGTH = 65536

/** Pull requests are the only issues the stand-in holds. */
function issueExists(ctx: RouteContext): boolean {
  return ctx.state.findPull(ctx.repo, ctx.path.issue_number as number) !== undefined
}

function findComment(ctx: RouteContext): CommentRecord | undefined {
  return ctx.state.comments.find((c) => c.repo === ctx.repo && c.id === ctx.path.comment_id)
}

function renderOne(ctx: RouteContext, comment: CommentRecord): Record<string, unknown> {
  return renderComment(ctx.render, comment, ctx.state.findPull(ctx.repo, comment.issueNumber) !== undefined)
}

function commentTooLong(ctx: RouteContext): Reply | undefined {
  const body = ctx.body.body as string
  if (body.length <= MAX_COMMENT_LENGTH) return undefined
  return rejected(ctx, 'Validation Failed', [
    {
      resource: 'IssueComment',
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`,
    },
  ])
}

function visibleReleases(ctx: RouteContext): ReleaseRecord[] {
  // Drafts are listed only to tokens that can push; newest first, as GitHub lists them.
  return ctx.state.releases
    .filter((r) => r.repo === ctx.repo && (!r.draft || ctx.render.canPush))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
}

export const issueRoutes: Record<string, RouteHandler> = {
  'repos/get': (ctx) => ({ status: 200, body: renderFullRepository(ctx.render, ctx.repo) }),

  'pulls/get': (ctx) => {
    const pull = ctx.state.findPull(ctx.repo, ctx.path.pull_number as number)
    if (pull === undefined) return notFound(ctx)
    return {
      status: 200,
      body: renderPull(ctx.render, pull, ctx.state.commentsOn(ctx.repo, pull.number).length),
    }
  },

  'issues/list-comments': (ctx) => {
    if (!issueExists(ctx)) return notFound(ctx)
    const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : -Infinity
    const all = ctx.state
      .commentsOn(ctx.repo, ctx.path.issue_number as number)
      .filter((c) => Date.parse(c.updatedAt) >= since)
    const page = pageOf(all, ctx)
    return { status: 200, body: page.items.map((c) => renderOne(ctx, c)), headers: page.headers }
  },

  'issues/create-comment': (ctx) => {
    if (!issueExists(ctx)) return notFound(ctx)
    const tooLong = commentTooLong(ctx)
    if (tooLong !== undefined) return tooLong
    const comment = ctx.state.addComment(
      ctx.repo,
      ctx.path.issue_number as number,
      ctx.body.body as string,
      ctx.actor.login,
    )
    const rendered = renderOne(ctx, comment)
    return { status: 201, body: rendered, headers: { location: rendered.url as string } }
  },

  'issues/get-comment': (ctx) => {
    const comment = findComment(ctx)
    return comment === undefined ? notFound(ctx) : { status: 200, body: renderOne(ctx, comment) }
  },

  'issues/update-comment': (ctx) => {
    const comment = findComment(ctx)
    if (comment === undefined) return notFound(ctx)
    const tooLong = commentTooLong(ctx)
    if (tooLong !== undefined) return tooLong
    comment.body = ctx.body.body as string
    comment.updatedAt = ctx.state.tick()
    return { status: 200, body: renderOne(ctx, comment) }
  },

  'issues/delete-comment': (ctx) => {
    const comment = findComment(ctx)
    if (comment === undefined) return notFound(ctx)
    ctx.state.comments.splice(ctx.state.comments.indexOf(comment), 1)
    return { status: 204 }
  },

  'repos/list-releases': (ctx) => {
    const page = pageOf(visibleReleases(ctx), ctx)
    return { status: 200, body: page.items.map((r) => renderRelease(ctx.render, r)), headers: page.headers }
  },

  'repos/get-latest-release': (ctx) => {
    // "The latest release is the most recent non-prerelease, non-draft release, sorted by created_at."
    const latest = visibleReleases(ctx).find((r) => !r.draft && !r.prerelease)
    return latest === undefined ? notFound(ctx) : { status: 200, body: renderRelease(ctx.render, latest) }
  },

  'repos/get-release-by-tag': (ctx) => {
    const release = visibleReleases(ctx).find((r) => !r.draft && r.tagName === ctx.path.tag)
    return release === undefined ? notFound(ctx) : { status: 200, body: renderRelease(ctx.render, release) }
  },
}
