/**
 * Stand-in handlers for what a deployment does to a release (read and update it, list, upload and delete its
 * assets) and for the PR bot (reactions on comments, a user's permission on the repository).
 * Uploads are served only on the upload host (uploads.github.com in reality, `ctx.render.uploads` here).
 */
import { renderAsset, renderReaction, renderRelease } from './github-objects.js'
import { renderUser } from './github-render-repo.js'
import { notFound, pageOf, rejected, type RouteContext, type RouteHandler } from './github-reply.js'
import type { ReleaseRecord } from './github-state.js'

/** GitHub refuses release bodies longer than this many characters. */
export const MAX_RELEASE_BODY = 125000

function findRelease(ctx: RouteContext): ReleaseRecord | undefined {
  const release = ctx.state.releases.find((r) => r.repo === ctx.repo && r.id === ctx.path.release_id)
  // Drafts are visible only to tokens that can push.
  return release !== undefined && (!release.draft || ctx.render.canPush) ? release : undefined
}

/** GitHub's role names, and the legacy `permission` it reports for each (maintain → write, triage → read). */
const LEGACY_PERMISSION = { admin: 'admin', maintain: 'write', write: 'write', triage: 'read', read: 'read' }

export const releaseRoutes: Record<string, RouteHandler> = {
  'repos/get-release': (ctx) => {
    const release = findRelease(ctx)
    return release === undefined ? notFound(ctx) : { status: 200, body: renderRelease(ctx.render, release) }
  },

  'repos/update-release': (ctx) => {
    const release = findRelease(ctx)
    if (release === undefined) return notFound(ctx)
    const b = ctx.body as { body?: string; name?: string }
    if (b.body !== undefined && b.body.length > MAX_RELEASE_BODY) {
      return rejected(ctx, 'Validation Failed', [
        { resource: 'Release', code: 'custom', field: 'body', message: 'body is too long' },
      ])
    }
    if (b.body !== undefined) release.body = b.body
    if (b.name !== undefined) release.name = b.name
    release.updatedAt = ctx.state.tick()
    return { status: 200, body: renderRelease(ctx.render, release) }
  },

  'repos/list-release-assets': (ctx) => {
    const release = findRelease(ctx)
    if (release === undefined) return notFound(ctx)
    const page = pageOf(release.assets, ctx)
    return {
      status: 200,
      body: page.items.map((a) => renderAsset(ctx.render, release, a)),
      headers: page.headers,
    }
  },

  'repos/upload-release-asset': (ctx) => {
    const release = findRelease(ctx)
    if (release === undefined) return notFound(ctx)
    const name = ctx.query.name
    if (typeof name !== 'string' || name === '') return rejected(ctx, 'Bad Content-Length or name')
    if (release.assets.some((a) => a.name === name)) {
      // GitHub: "If you upload an asset with the same filename as another uploaded asset, you'll receive an
      // error and must delete the old file before you can re-upload the new asset."
      return rejected(ctx, 'Validation Failed', [
        { resource: 'ReleaseAsset', code: 'already_exists', field: 'name', message: 'name already exists' },
      ])
    }
    const asset = {
      id: ctx.state.newId(),
      name,
      label: typeof ctx.query.label === 'string' ? ctx.query.label : null,
      contentType: ctx.contentType ?? 'application/octet-stream',
      body: ctx.rawBody ?? Buffer.alloc(0),
      uploader: ctx.actor,
      createdAt: ctx.state.tick(),
    }
    release.assets.push(asset)
    return { status: 201, body: renderAsset(ctx.render, release, asset) }
  },

  'repos/delete-release-asset': (ctx) => {
    for (const release of ctx.state.releases.filter((r) => r.repo === ctx.repo)) {
      const index = release.assets.findIndex((a) => a.id === ctx.path.asset_id)
      if (index === -1) continue
      release.assets.splice(index, 1)
      return { status: 204 }
    }
    return notFound(ctx)
  },

  'reactions/create-for-issue-comment': (ctx) => {
    const commentId = ctx.path.comment_id as number
    if (!ctx.state.comments.some((c) => c.repo === ctx.repo && c.id === commentId)) return notFound(ctx)
    const content = ctx.body.content as string
    // GitHub answers 200 with the existing reaction when this user already reacted the same way.
    const existing = ctx.state.reactions.find(
      (r) =>
        r.repo === ctx.repo && r.commentId === commentId && r.content === content && r.user === ctx.actor,
    )
    if (existing !== undefined) return { status: 200, body: renderReaction(ctx.render, existing) }
    const reaction = {
      repo: ctx.repo,
      id: ctx.state.newId(),
      commentId,
      content,
      user: ctx.actor,
      createdAt: ctx.state.tick(),
    }
    ctx.state.reactions.push(reaction)
    return { status: 201, body: renderReaction(ctx.render, reaction) }
  },

  'repos/get-collaborator-permission-level': (ctx) => {
    const login = ctx.path.username as string
    const user = ctx.state.users.get(login.toLowerCase())
    if (user === undefined) return notFound(ctx)
    // A public repository grants everyone read; a private one nothing to non-collaborators.
    const role = ctx.state.permissionOf(ctx.repo, login) ?? (ctx.repo.private ? null : 'read')
    return {
      status: 200,
      body: {
        permission: role === null ? 'none' : LEGACY_PERMISSION[role],
        role_name: role ?? 'none',
        user: { ...renderUser(ctx.render, user), role_name: role ?? 'none' },
      },
    }
  },
}
