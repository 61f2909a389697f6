/** Stand-in handlers for check runs, deployments and deployment statuses, with GitHub's rules for each. */
import { renderCheckRun, renderDeployment, renderDeploymentStatus } from './github-objects.js'
import {
  errorBody,
  notFound,
  pageOf,
  rejected,
  type Reply,
  type RouteContext,
  type RouteHandler,
} from './github-reply.js'
import type { CheckRunRecord, DeploymentRecord } from './github-state.js'

/** GitHub refuses deployment status descriptions longer than this. */
export const MAX_STATUS_DESCRIPTION = 140
const PASSING = new Set(['success', 'neutral', 'skipped'])

function renderRun(ctx: RouteContext, run: CheckRunRecord): Record<string, unknown> {
  // GitHub lists the open pull requests of the same repository whose head is this commit (never fork PRs).
  const pulls = ctx.state.pulls.filter(
    (p) =>
      p.repo === run.repo && p.head.repo === run.repo && p.head.sha === run.headSha && p.state === 'open',
  )
  return renderCheckRun(ctx.render, run, pulls)
}

/**
 * Applies status/conclusion/output fields of a create or update body. GitHub: a conclusion is required with
 * `status: completed` or `completed_at`, giving one completes the run, and only GitHub may set `stale`.
 */
function applyCheckRunBody(ctx: RouteContext, run: CheckRunRecord): Reply | undefined {
  const b = ctx.body as {
    name?: string
    details_url?: string
    external_id?: string
    status?: CheckRunRecord['status']
    started_at?: string
    conclusion?: string
    completed_at?: string
    output?: { title: string; summary: string; text?: string; annotations?: unknown[] }
  }
  if (b.conclusion === 'stale')
    return rejected(ctx, 'Invalid request.\n\nOnly GitHub can set the conclusion "stale".')
  const conclusion = b.conclusion ?? (b.status === 'completed' ? run.conclusion : null)
  if ((b.status === 'completed' || b.completed_at !== undefined) && conclusion === null) {
    return rejected(ctx, `Invalid request.\n\n"conclusion" wasn't supplied.`)
  }
  if (b.name !== undefined) run.name = b.name
  if (b.details_url !== undefined) run.detailsUrl = b.details_url
  if (b.external_id !== undefined) run.externalId = b.external_id
  if (b.started_at !== undefined) run.startedAt = b.started_at
  if (conclusion !== null) {
    run.status = 'completed'
    run.conclusion = conclusion
    run.completedAt = b.completed_at ?? run.completedAt ?? ctx.state.tick()
  } else if (b.status !== undefined) {
    run.status = b.status
    run.conclusion = null
    run.completedAt = null
  }
  if (b.output !== undefined) {
    run.output = {
      title: b.output.title,
      summary: b.output.summary,
      text: b.output.text ?? run.output.text,
      annotationsCount: run.output.annotationsCount + (b.output.annotations?.length ?? 0),
    }
  }
  return undefined
}

function findRun(ctx: RouteContext): CheckRunRecord | undefined {
  return ctx.state.checkRuns.find((r) => r.repo === ctx.repo && r.id === ctx.path.check_run_id)
}

function findDeployment(ctx: RouteContext): DeploymentRecord | undefined {
  return ctx.state.deployments.find((d) => d.repo === ctx.repo && d.id === ctx.path.deployment_id)
}

/** The latest check run per name on a commit, the way GitHub judges a ref's checks. */
function latestRunsPerName(runs: CheckRunRecord[]): CheckRunRecord[] {
  const latest = new Map<string, CheckRunRecord>()
  for (const run of runs) if ((latest.get(run.name)?.id ?? -1) < run.id) latest.set(run.name, run)
  return [...latest.values()]
}

export const checkRoutes: Record<string, RouteHandler> = {
  'checks/create': (ctx) => {
    const headSha = ctx.body.head_sha as string
    if (!ctx.repo.commits.has(headSha)) return rejected(ctx, `No commit found for SHA: ${headSha}`)
    const run: CheckRunRecord = {
      repo: ctx.repo,
      id: ctx.state.newId(),
      checkSuiteId: ctx.state.checkSuiteId(ctx.repo, headSha),
      name: ctx.body.name as string,
      headSha,
      status: 'queued',
      conclusion: null,
      startedAt: ctx.state.tick(),
      completedAt: null,
      detailsUrl: null,
      externalId: '',
      output: { title: null, summary: null, text: null, annotationsCount: 0 },
    }
    const refused = applyCheckRunBody(ctx, run)
    if (refused !== undefined) return refused
    ctx.state.checkRuns.push(run)
    return { status: 201, body: renderRun(ctx, run) }
  },

  'checks/get': (ctx) => {
    const run = findRun(ctx)
    return run === undefined ? notFound(ctx) : { status: 200, body: renderRun(ctx, run) }
  },

  'checks/update': (ctx) => {
    const run = findRun(ctx)
    if (run === undefined) return notFound(ctx)
    const updated = { ...run, output: { ...run.output } }
    const refused = applyCheckRunBody(ctx, updated)
    if (refused !== undefined) return refused
    Object.assign(run, updated)
    return { status: 200, body: renderRun(ctx, run) }
  },

  'checks/list-for-ref': (ctx) => {
    const ref = ctx.path.ref as string
    const sha = ctx.state.resolveRef(ctx.repo, ref)
    if (sha === undefined) return rejected(ctx, `No commit found for SHA: ${ref}`)
    let runs = ctx.state.checkRunsFor(ctx.repo, sha)
    if (ctx.query.filter !== 'all') runs = latestRunsPerName(runs)
    if (ctx.query.check_name !== undefined) runs = runs.filter((r) => r.name === ctx.query.check_name)
    if (ctx.query.status !== undefined) runs = runs.filter((r) => r.status === ctx.query.status)
    runs.sort((a, b) => b.id - a.id)
    const page = pageOf(runs, ctx)
    const body = { total_count: runs.length, check_runs: page.items.map((r) => renderRun(ctx, r)) }
    return { status: 200, body, headers: page.headers }
  },

  'repos/create-deployment': (ctx) => {
    const b = ctx.body as {
      ref: string
      task?: string
      required_contexts?: string[]
      payload?: Record<string, unknown> | string
      environment?: string
      description?: string | null
      transient_environment?: boolean
      production_environment?: boolean
    }
    const sha = ctx.state.resolveRef(ctx.repo, b.ref)
    if (sha === undefined) return rejected(ctx, `No ref found for: ${b.ref}`)
    // By default every check on the commit must have passed (required_contexts: [] skips the check).
    const runs = latestRunsPerName(ctx.state.checkRunsFor(ctx.repo, sha))
    const required = b.required_contexts ?? runs.map((r) => r.name)
    const passing = (name: string): boolean =>
      runs.some((r) => r.name === name && PASSING.has(r.conclusion ?? ''))
    if (!required.every(passing)) {
      return {
        status: 409,
        body: errorBody(409, `Conflict: Commit status checks failed for ${b.ref}.`, ctx.docsUrl),
      }
    }
    const environment = b.environment ?? 'production'
    const at = ctx.state.tick()
    const deployment: DeploymentRecord = {
      repo: ctx.repo,
      id: ctx.state.newId(),
      sha,
      ref: b.ref,
      task: b.task ?? 'deploy',
      payload: b.payload ?? {},
      environment,
      description: b.description ?? '',
      transient: b.transient_environment ?? false,
      production: b.production_environment ?? environment === 'production',
      creator: ctx.actor,
      createdAt: at,
      updatedAt: at,
    }
    ctx.state.deployments.push(deployment)
    return { status: 201, body: renderDeployment(ctx.render, deployment) }
  },

  'repos/list-deployments': (ctx) => {
    const q = ctx.query
    const matches = (field: unknown, value: string): boolean => field === undefined || field === value
    const found = ctx.state.deployments
      .filter(
        (d) =>
          d.repo === ctx.repo && matches(q.sha, d.sha) && matches(q.ref, d.ref) && matches(q.task, d.task),
      )
      .filter((d) => q.environment === undefined || q.environment === null || q.environment === d.environment)
      .sort((a, b) => b.id - a.id)
    const page = pageOf(found, ctx)
    return {
      status: 200,
      body: page.items.map((d) => renderDeployment(ctx.render, d)),
      headers: page.headers,
    }
  },

  'repos/get-deployment': (ctx) => {
    const deployment = findDeployment(ctx)
    return deployment === undefined
      ? notFound(ctx)
      : { status: 200, body: renderDeployment(ctx.render, deployment) }
  },

  'repos/create-deployment-status': (ctx) => {
    const deployment = findDeployment(ctx)
    if (deployment === undefined) return notFound(ctx)
    const b = ctx.body as {
      state: string
      target_url?: string
      log_url?: string
      description?: string
      environment?: string
      environment_url?: string
      auto_inactive?: boolean
    }
    if ((b.description ?? '').length > MAX_STATUS_DESCRIPTION) {
      return rejected(ctx, 'Validation Failed', [
        {
          resource: 'DeploymentStatus',
          code: 'custom',
          field: 'description',
          message: 'description is too long (maximum is 140 characters)',
        },
      ])
    }
    if (b.environment !== undefined) deployment.environment = b.environment
    const at = ctx.state.tick()
    deployment.updatedAt = at
    const make = (target: DeploymentRecord, state: string, requested: typeof b | null): void => {
      ctx.state.deploymentStatuses.push({
        deployment: target,
        id: ctx.state.newId(),
        state,
        description: requested?.description ?? '',
        environment: target.environment,
        targetUrl: requested?.target_url ?? null,
        logUrl: requested?.log_url ?? null,
        environmentUrl: requested?.environment_url ?? null,
        creator: ctx.actor,
        createdAt: at,
      })
    }
    if (b.state === 'success' && b.auto_inactive !== false) {
      // "Adds an inactive status to all prior non-transient, non-production deployments with the same
      // repository and environment name ... only to deployments that had a success state."
      for (const prior of ctx.state.deployments) {
        if (prior === deployment || prior.repo !== ctx.repo || prior.environment !== deployment.environment)
          continue
        if (prior.transient || prior.production || ctx.state.statusesOf(prior)[0]?.state !== 'success')
          continue
        make(prior, 'inactive', null)
      }
    }
    make(deployment, b.state, b)
    const created = ctx.state.statusesOf(deployment)[0]! // the status `make` just added
    return { status: 201, body: renderDeploymentStatus(ctx.render, created) }
  },

  'repos/list-deployment-statuses': (ctx) => {
    const deployment = findDeployment(ctx)
    if (deployment === undefined) return notFound(ctx)
    const page = pageOf(ctx.state.statusesOf(deployment), ctx)
    return {
      status: 200,
      body: page.items.map((s) => renderDeploymentStatus(ctx.render, s)),
      headers: page.headers,
    }
  },
}
