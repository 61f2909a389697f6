/** What a stand-in route handler gets and gives back, and the replies GitHub uses everywhere. */
import type { RenderContext } from './github-render-repo.js'
import type { GitHubState, RepoRecord, UserRecord } from './github-state.js'

export interface RouteContext {
  state: GitHubState
  render: RenderContext
  repo: RepoRecord
  /** Path and query parameters, already coerced to the types the description gives them. */
  path: Record<string, unknown>
  query: Record<string, unknown>
  /** The parsed JSON request body (`{}` when the operation takes none). */
  body: Record<string, unknown>
  /** The request's bytes and content type, for operations whose body is not JSON (release asset uploads). */
  rawBody?: Buffer
  contentType?: string
  docsUrl: string
  /** Who the token acts as: GITHUB_TOKEN writes as github-actions[bot]. */
  actor: UserRecord
  /** The URL of another page of this list request, as GitHub writes it in `Link`. */
  pageUrl: (page: number) => string
}

export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /**
   * Set when GitHub would refuse a well-formed request because of what it asks (unknown SHA, a conclusion only
   * GitHub may set, a comment over the size limit): the code under test has a bug, so it is a violation.
   */
  rejection?: string
}

export type RouteHandler = (ctx: RouteContext) => Reply

export function errorBody(status: number, message: string, docsUrl: string): Record<string, unknown> {
  return { message, documentation_url: docsUrl, status: String(status) }
}

export function notFound(ctx: { docsUrl: string }): Reply {
  return { status: 404, body: errorBody(404, 'Not Found', ctx.docsUrl) }
}

/** A 422 GitHub sends for a request that is well-formed but not acceptable. */
export function rejected(
  ctx: { docsUrl: string },
  message: string,
  errors?: Record<string, unknown>[],
): Reply {
  const body = { ...errorBody(422, message, ctx.docsUrl), ...(errors === undefined ? {} : { errors }) }
  const details = errors?.map((e) => String(e.message)).join('; ')
  return { status: 422, body, rejection: details === undefined ? message : `${message}: ${details}` }
}

/** GitHub's page size rules: `per_page` defaults to 30 and is capped at 100, `page` starts at 1. */
export function pageOf<T>(items: T[], ctx: RouteContext): { items: T[]; headers: Record<string, string> } {
  const requested = typeof ctx.query.per_page === 'number' ? ctx.query.per_page : 30
  const perPage = requested < 1 ? 30 : Math.min(requested, 100)
  const page = typeof ctx.query.page === 'number' && ctx.query.page >= 1 ? ctx.query.page : 1
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const links: string[] = []
  // GitHub's order: prev, next, last, first; no header at all when everything fits on one page.
  if (page > 1) links.push(`<${ctx.pageUrl(page - 1)}>; rel="prev"`)
  if (page < last) {
    links.push(`<${ctx.pageUrl(page + 1)}>; rel="next"`, `<${ctx.pageUrl(last)}>; rel="last"`)
  }
  if (page > 1) links.push(`<${ctx.pageUrl(1)}>; rel="first"`)
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length === 0 ? {} : { link: links.join(', ') },
  }
}
