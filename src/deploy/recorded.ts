import { writeOutputs } from '../action/outputs.js'
import { repositoryOf, type Session } from '../action/session.js'
import { describeError, UserError } from '../errors.js'
import type { Octokit, RepoRef } from '../github/api.js'
import { loadSpecs } from '../pipeline/run-all.js'
import { table } from '../report/format.js'
import { credentialsAbsent } from '../store/open-registry.js'
import type { ObjectStore } from '../store/object-store.js'
import { Registry, type AliasRecord } from '../store/registry.js'
import { createDeployment, setDeploymentStatus, type RecordedDeployment } from './deployments.js'
import type { DeployableRun } from './gate-record.js'
import { deliverCopy, PRODUCTION } from './production.js'
import { postWebhook, SECRET_VARIABLE } from './webhook.js'

/**
 * What deploy and rollback share: the registry they may write, the delivery targets (opened and checked
 * before anything changes), delivery of one run, and the GitHub deployment around it (in_progress, then
 * success or failure).
 */

export interface Move {
  model: string
  from: string | null
  to: string
  run: DeployableRun
}

export interface Delivery {
  session: Session
  registry: Registry
  target: ObjectStore | null
  secret: string | null
  kind: 'deploy' | 'rollback'
  release: string | null
  by: string
}

export async function writableRegistry(session: Session, what: string): Promise<Registry> {
  const store = await session.services.openStore(session.settings.store)
  if (await credentialsAbsent(store)) {
    throw new UserError(
      `mode: ${what} changes the ${PRODUCTION} alias in ${store.location}, but this job has no AWS credentials`,
    )
  }
  return new Registry(store, session.services.clock, { random: session.services.random })
}

export async function modelNames(session: Session): Promise<string[]> {
  if (session.settings.model) return [session.settings.model]
  const specs = await loadSpecs(session.settings.models, session.ctx.workspace)
  return specs.map((s) => s.name)
}

/** The delivery targets, opened (and the webhook secret read) before anything changes. */
export async function deliveryTargets(
  session: Session,
): Promise<{ target: ObjectStore | null; secret: string | null }> {
  const { settings, services } = session
  let secret: string | null = null
  if (settings.deployWebhook) {
    secret = services.env[SECRET_VARIABLE] ?? ''
    if (secret === '')
      throw new UserError(
        `input "deploy-webhook" is set but ${SECRET_VARIABLE} is empty: pass it from a secret (env: ${SECRET_VARIABLE}: \${{ secrets.${SECRET_VARIABLE} }}) so the receiver can verify the payload`,
      )
    services.setSecret(secret)
  }
  const target = settings.deployTo ? await services.openStore(settings.deployTo) : null
  return { target, secret }
}

export async function deliver(
  d: Delivery,
  run: DeployableRun,
  record: AliasRecord,
  previous: string | null,
): Promise<string[]> {
  const { session, registry } = d
  const { settings, services, ctx } = session
  const notes: string[] = []
  let deployedTo: string | null = null
  if (d.target) {
    const copy = await deliverCopy(registry, d.target, run, record, { ...d, clock: services.clock })
    deployedTo = copy.location
    notes.push(copy.note)
  }
  if (settings.deployWebhook && d.secret !== null) {
    const sent = await postWebhook(
      settings.deployWebhook,
      d.secret,
      {
        event: d.kind,
        model: run.model,
        run: run.runId,
        previous,
        alias: PRODUCTION,
        release: d.release,
        repository: repositoryOf(ctx),
        store: `${registry.store.location}/models/${run.model}/runs/${run.runId}/`,
        deployedTo,
        files: run.manifest.files,
        by: d.by,
        at: services.clock.now().toISOString(),
      },
      {
        fetch: services.fetch,
        sleep: (ms) => services.sleep(ms),
        logger: services.logger,
        random: services.random,
      },
    )
    notes.push(`webhook: HTTP ${sent.status}${sent.attempts > 1 ? ` after ${sent.attempts} attempts` : ''}`)
  }
  return notes
}

/** Create the deployment, run `apply` under in_progress, and end with success or failure. */
export async function recorded(
  session: Session,
  request: { ref: string; kind: 'deploy' | 'rollback'; moves: Move[]; release: string | null },
  apply: () => Promise<string[]>,
): Promise<{ id: number; notes: string[] }> {
  const { ctx, settings } = session
  const octokit = await session.github()
  const where = { owner: ctx.owner, repo: ctx.repo }
  const environment = settings.deployEnvironment
  const summary = request.moves.map((m) => `${m.model} → ${m.to}`).join(', ')
  const id = await createDeployment(octokit, where, {
    ref: request.ref,
    environment,
    description: `modelgate ${request.kind}: ${summary}`,
    payload: {
      tool: 'modelgate',
      kind: request.kind,
      release: request.release,
      models: Object.fromEntries(request.moves.map((m) => [m.model, m.to])),
      previous: Object.fromEntries(request.moves.map((m) => [m.model, m.from])),
    },
  })
  const status = { environment, logUrl: ctx.runUrl }
  const target = { ...where, deploymentId: id }
  await setDeploymentStatus(octokit, target, {
    ...status,
    state: 'in_progress',
    description: `${request.kind}: ${summary}`,
  })
  let notes: string[]
  try {
    notes = await apply()
  } catch (error) {
    await setDeploymentStatus(octokit, target, {
      ...status,
      state: 'failure',
      description: `modelgate ${request.kind} failed: ${describeError(error)}`,
    }).catch(() => undefined)
    throw error
  }
  await setDeploymentStatus(octokit, target, {
    ...status,
    state: 'success',
    description: `${request.kind === 'deploy' ? 'deployed' : 'rolled back'}: ${summary}`,
    // A rollback says itself which deployment it replaces; GitHub's own marking would guess.
    ...(request.kind === 'rollback' ? { autoInactive: false } : {}),
  })
  return { id, notes }
}

export async function report(
  session: Session,
  kind: 'deploy' | 'rollback',
  moves: Move[],
  tail: string,
): Promise<void> {
  const { services } = session
  writeOutputs(services.setOutput, {
    championChanged: false,
    runIds: Object.fromEntries(moves.map((m) => [m.model, m.to])),
  })
  const rows = moves.map((m) => [m.model, m.from ?? '—', m.to, m.from === m.to ? 'unchanged' : 'moved'])
  await services.appendSummary(
    `## modelgate ${kind} (${PRODUCTION})\n\n${table(['model', 'before', 'now', ''], rows)}\n\n${tail}\n`,
  )
}

export function byOf(session: Session): string {
  return `${session.ctx.actor} via modelgate Action (${session.ctx.eventName})`
}

export async function markInactive(
  session: Session,
  octokit: Octokit,
  where: RepoRef,
  deployment: RecordedDeployment,
  replacedBy: number,
): Promise<void> {
  await setDeploymentStatus(
    octokit,
    { ...where, deploymentId: deployment.id },
    {
      state: 'inactive',
      description: `rolled back by deployment ${replacedBy}`,
      environment: session.settings.deployEnvironment,
      logUrl: session.ctx.runUrl,
    },
  )
}
