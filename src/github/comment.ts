import { createHash } from 'node:crypto'
import type { ModelResult, NotTrained } from '../pipeline/types.js'
import { renderReport, type DocumentLinks } from '../report/markdown.js'
import { mdText } from '../report/escape.js'
import { shortSha } from '../report/format.js'
import type { Logger } from '../util/logger.js'
import { describeError } from '../errors.js'
import { githubCall, retryTransient, type Octokit, type RepoRef } from './api.js'
import { NO_RETRY } from './client-options.js'

/**
 * The one PR comment per pull request and workflow. Its first line is a hidden marker holding the workflow
 * name, the model set and a hash of the results, so the next run finds it (over every page of comments),
 * updates it in place, and with `comment: on-change` leaves it alone when the results are the same.
 */

const MARKER_PREFIX = '<!-- modelgate:comment '
const MARKER_SUFFIX = ' -->'
/** GitHub refuses comments over 65,536 characters; the report is cut well before, details first. */
export const COMMENT_MAX_CHARS = 60_000

export interface CommentMarker {
  v: 1
  workflow: string
  models: string[]
  /** resultsHash of what the comment shows. */
  hash: string
  /** ISO time its presigned report links expire; absent when it has none. */
  linksExpire?: string
}

/**
 * A hash of what the results say: verdicts, metrics, intervals, champions and notes. Run ids, timings and the
 * challenger's commit are left out, so retraining the same code on the same data gives the same hash.
 */
export function resultsHash(models: ModelResult[]): string {
  const canonical = models.map((m) => ({
    name: m.name,
    verdict: m.verdict,
    champion: m.champion?.runId ?? null,
    challengerMetrics: m.challenger.metrics,
    championMetrics: m.champion?.metrics ?? null,
    championNote: m.championNote,
    comparisons:
      m.gate?.comparisons.map((c) => [c.metric, c.scope, c.diff, c.lower, c.upper, c.verdict]) ?? null,
    gaps: m.gate?.gaps.map((g) => [g.metric, g.column, g.gap, g.verdict]) ?? null,
    warnings: m.warnings,
  }))
  // JSON.stringify writes NaN as null, the same as a results file read back, so both give one hash.
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16)
}

export function renderMarker(marker: CommentMarker): string {
  // `<` and `>` escaped so that no workflow name can end the HTML comment early.
  const json = JSON.stringify(marker).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')
  return `${MARKER_PREFIX}${json}${MARKER_SUFFIX}`
}

/** The marker at the very start of a comment body (a quote of it in a reply does not count), or null. */
export function parseMarker(body: string | undefined | null): CommentMarker | null {
  if (!body?.startsWith(MARKER_PREFIX)) return null
  const end = body.indexOf(MARKER_SUFFIX, MARKER_PREFIX.length)
  if (end === -1) return null
  try {
    const value = JSON.parse(body.slice(MARKER_PREFIX.length, end)) as Partial<CommentMarker>
    if (
      value.v !== 1 ||
      typeof value.workflow !== 'string' ||
      !Array.isArray(value.models) ||
      typeof value.hash !== 'string' ||
      (value.linksExpire !== undefined && typeof value.linksExpire !== 'string')
    )
      return null
    return value as CommentMarker
  } catch {
    return null
  }
}

export interface CommentContext {
  workflow: string
  commit: string
  runUrl: string | null
  toolVersion: string
  /** Per model: links to its stored HTML report and model card. */
  links?: Record<string, DocumentLinks>
  /** When the presigned ones among `links` expire (null or absent: none are presigned). */
  linksExpireAt?: Date | null
  /** Models the plan did not train, with why. */
  notTrained?: NotTrained[]
}

export function commentBody(models: ModelResult[], ctx: CommentContext): string {
  const marker = renderMarker({
    v: 1,
    workflow: ctx.workflow,
    models: models.map((m) => m.name).sort(),
    hash: resultsHash(models),
    ...(ctx.linksExpireAt ? { linksExpire: ctx.linksExpireAt.toISOString() } : {}),
  })
  const run = ctx.runUrl ? ` · [workflow run](${ctx.runUrl})` : ''
  const footer = `<sub>modelgate ${mdText(ctx.toolVersion)} · workflow “${mdText(ctx.workflow)}” · results for ${mdText(shortSha(ctx.commit))}${run}</sub>`
  const budget = COMMENT_MAX_CHARS - marker.length - footer.length - 4
  return `${marker}\n${renderReport(models, { title: 'modelgate', maxChars: budget, links: ctx.links, notTrained: ctx.notTrained })}\n${footer}\n`
}

export type CommentOutcome = { action: 'created' | 'updated' | 'unchanged'; id: number; url: string }

/** Options of upsertComment. */
export interface UpsertOptions {
  onlyIfChanged: boolean
  /** The clock's time, to tell whether the existing comment's presigned links are about to expire. */
  now: Date
  logger: Logger
}

/**
 * Why an unchanged comment (same results hash) must be rewritten anyway: its presigned report links have
 * less than half of the new links' lifetime left (or are gone), so a reviewer would soon meet a dead link.
 * Null when it may stay as it is.
 */
export function staleLinks(existing: CommentMarker, wanted: CommentMarker, now: Date): string | null {
  if (existing.linksExpire === undefined) return null
  const left = Date.parse(existing.linksExpire) - now.getTime()
  const fresh = wanted.linksExpire === undefined ? 0 : Date.parse(wanted.linksExpire) - now.getTime()
  if (!Number.isFinite(left)) return 'its report links have an unreadable expiry'
  return left < fresh / 2 ? `its report links expire at ${existing.linksExpire}` : null
}

/**
 * Create or update this workflow's comment on the pull request. `onlyIfChanged` leaves an existing comment
 * alone when its marker's hash equals the new results' hash and its report links are not about to expire.
 */
export function upsertComment(
  octokit: Octokit,
  where: RepoRef & { issueNumber: number },
  body: string,
  options: UpsertOptions,
): Promise<CommentOutcome> {
  // Retried as a whole (list, then create or update): safe to repeat, never a second comment.
  return retryTransient(
    () => findAndWriteComment(octokit, where, body, options),
    (error, attempt) => options.logger.warn(`${describeError(error)}; trying again (attempt ${attempt + 1})`),
  )
}

async function findAndWriteComment(
  octokit: Octokit,
  where: RepoRef & { issueNumber: number },
  body: string,
  options: UpsertOptions,
): Promise<CommentOutcome> {
  const wanted = parseMarker(body)!
  const label = `${where.owner}/${where.repo}#${where.issueNumber}`
  const comments = await githubCall(`listing the comments of ${label}`, () =>
    octokit.paginate(octokit.rest.issues.listComments, {
      owner: where.owner,
      repo: where.repo,
      issue_number: where.issueNumber,
      per_page: 100,
    }),
  )
  const sameSet = (m: CommentMarker | null): boolean =>
    m !== null &&
    m.workflow === wanted.workflow &&
    m.models.length === wanted.models.length &&
    m.models.every((name, i) => name === wanted.models[i])
  const existing = comments.find((c) => sameSet(parseMarker(c.body)))
  if (!existing) {
    const { data } = await githubCall(`creating the modelgate comment on ${label}`, () =>
      octokit.rest.issues.createComment({
        owner: where.owner,
        repo: where.repo,
        issue_number: where.issueNumber,
        body,
        // Never repeated on its own: after a lost answer the whole find-or-create runs again and finds it.
        ...NO_RETRY,
      }),
    )
    return { action: 'created', id: data.id, url: data.html_url }
  }
  const marker = parseMarker(existing.body)!
  if (options.onlyIfChanged && marker.hash === wanted.hash) {
    const stale = staleLinks(marker, wanted, options.now)
    if (stale === null) {
      options.logger.info(
        `comment ${existing.html_url}: the results are unchanged (comment: on-change), so it stays as it is`,
      )
      return { action: 'unchanged', id: existing.id, url: existing.html_url }
    }
    options.logger.info(
      `comment ${existing.html_url}: the results are unchanged, but ${stale}, so it is rewritten with fresh links`,
    )
  }
  const { data } = await githubCall(`updating the modelgate comment ${existing.id} on ${label}`, () =>
    octokit.rest.issues.updateComment({
      owner: where.owner,
      repo: where.repo,
      comment_id: existing.id,
      body,
    }),
  )
  return { action: 'updated', id: data.id, url: data.html_url }
}
