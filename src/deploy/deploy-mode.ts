import type { Plan } from '../action/dispatch.js'
import { writeOutputs } from '../action/outputs.js'
import { repositoryOf, type Session } from '../action/session.js'
import { describeError, UserError } from '../errors.js'
import { githubCall, type Octokit, type RepoRef } from '../github/api.js'
import { CHAMPION } from '../pipeline/champion.js'
import { loadSpecs } from '../pipeline/run-all.js'
import { shortSha, table } from '../report/format.js'
import { credentialsAbsent } from '../store/open-registry.js'
import type { ObjectStore } from '../store/object-store.js'
import { Registry, rollbackTarget, type AliasRecord } from '../store/registry.js'
import { deliverToStore } from './deliver-store.js'
import {
  createDeployment,
  listModelgateDeployments,
  setDeploymentStatus,
  type RecordedDeployment,
} from './deployments.js'
import { checkDeployable, type DeployableRun } from './gate-record.js'
import { moveAlias, PRODUCTION } from './production.js'
import { attachAsset, modelCard, notesSection, withNotesSection, type ReleasedModel } from './release.js'
import { postWebhook, SECRET_VARIABLE } from './webhook.js'

/**
 * `mode: deploy` (a published release): check each model's champion passed its gate on a commit the release
 * contains, move `production` to it, deliver it (deploy-to copy + pointer, deploy-webhook), and record a GitHub
 * deployment with statuses, release assets and a section of the release notes. `mode: rollback` moves
 * `production` back and delivers that. Everything that can refuse is checked before anything changes.
 */

interface Move {
  model: string
  from: string | null
  to: string
  run: DeployableRun
}

interface Delivery {
  session: Session
  registry: Registry
  target: ObjectStore | null
  secret: string | null
  kind: 'deploy' | 'rollback'
  release: string | null
  by: string
}

async function writableRegistry(session: Session, what: string): Promise<Registry> {
  const store = await session.services.openStore(session.settings.store)
  if (await credentialsAbsent(store)) {
    throw new UserError(
      `mode: ${what} changes the ${PRODUCTION} alias in ${store.location}, but this job has no AWS credentials`,
    )
  }
  return new Registry(store, session.services.clock)
}

async function modelNames(session: Session): Promise<string[]> {
  if (session.settings.model) return [session.settings.model]
  const specs = await loadSpecs(session.settings.models, session.ctx.workspace)
  return specs.map((s) => s.name)
}

/** The delivery targets, opened (and the webhook secret read) before anything changes. */
async function deliveryTargets(
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

async function deliver(
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
    const result = await deliverToStore(registry, d.target, run.manifest, {
      alias: PRODUCTION,
      aliasVersion: record.version,
      release: d.release,
      deployedAt: services.clock.now().toISOString(),
      by: d.by,
    })
    deployedTo = result.pointer.location
    notes.push(`${d.target.location}: ${result.note}`)
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
      { fetch: services.fetch, sleep: (ms) => services.sleep(ms), logger: services.logger },
    )
    notes.push(`webhook: HTTP ${sent.status}${sent.attempts > 1 ? ` after ${sent.attempts} attempts` : ''}`)
  }
  return notes
}

/** Create the deployment, run `apply` under in_progress, and end with success or failure. */
async function recorded(
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

async function report(
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

function byOf(session: Session): string {
  return `${session.ctx.actor} via modelgate Action (${session.ctx.eventName})`
}

export async function deployMode(session: Session, plan: Extract<Plan, { kind: 'deploy' }>): Promise<void> {
  const { ctx, settings, services } = session
  const { logger } = services
  const registry = await writableRegistry(session, 'deploy')
  const targets = await deliveryTargets(session)
  const git = services.gitReader(ctx.workspace)
  const reach = plan.tag
    ? { ref: `refs/tags/${plan.tag}`, label: `the release tag ${plan.tag}`, git }
    : { ref: ctx.sha, label: `commit ${shortSha(ctx.sha)}`, git }

  // Every model's gate record first: one refusal leaves everything as it was.
  const moves: Move[] = []
  const refusals: string[] = []
  const currents = new Map<string, AliasRecord | null>()
  for (const model of await modelNames(session)) {
    const champion = await registry.getAlias(model, CHAMPION)
    if (!champion) {
      refusals.push(`model "${model}" has no champion to deploy; a passing run must be promoted first`)
      continue
    }
    try {
      const run = await checkDeployable(registry, model, champion.record.runId, {
        allowInconclusive: settings.allowInconclusive,
        reachableFrom: reach,
      })
      const current = (await registry.getAlias(model, PRODUCTION))?.record ?? null
      currents.set(model, current)
      moves.push({ model, from: current?.runId ?? null, to: run.runId, run })
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      refusals.push(error.message)
    }
  }
  if (refusals.length === 1) throw new UserError(refusals[0])
  if (refusals.length > 1)
    throw new UserError(
      `${refusals.length} models cannot be deployed, so nothing was: ${refusals.join('; ')}`,
    )

  // Idempotent: a release deploys once, and the runs already in production are not deployed again.
  const octokit = await session.github()
  const where = { owner: ctx.owner, repo: ctx.repo }
  const existing = await listModelgateDeployments(octokit, where, settings.deployEnvironment)
  const done = plan.tag
    ? existing.find((d) => d.kind === 'deploy' && d.release === plan.tag && d.states.includes('success'))
    : undefined
  if (done) {
    const message = `release ${plan.tag} was already deployed (deployment ${done.id}, now ${done.state}); nothing to do`
    logger.info(message)
    return report(session, 'deploy', moves, message)
  }
  const latest = existing[0]
  if (
    moves.every((m) => m.from === m.to) &&
    latest?.state === 'success' &&
    moves.every((m) => latest.models[m.model] === m.to)
  ) {
    const message = `${moves.map((m) => `${m.model}: run ${m.to}`).join(', ')} already in ${PRODUCTION} (deployment ${latest.id}); nothing to deploy`
    logger.info(message)
    return report(session, 'deploy', moves, message)
  }

  const by = byOf(session)
  const reason = plan.tag ? `release ${plan.tag}` : `deploy of ${plan.ref}`
  const delivery: Delivery = { session, registry, ...targets, kind: 'deploy', release: plan.tag, by }
  const { id, notes } = await recorded(
    session,
    { ref: plan.ref, kind: 'deploy', moves, release: plan.tag },
    async () => {
      const out: string[] = []
      for (const move of moves) {
        const record =
          move.from === move.to
            ? currents.get(move.model)!
            : await moveAlias(
                registry,
                { model: move.model, alias: PRODUCTION, from: move.from, to: move.to, by, reason },
                'promote',
              )
        out.push(...(await deliver(delivery, move.run, record, move.from)))
      }
      return out
    },
  )
  for (const note of notes) logger.info(note)
  if (plan.tag) await annotateRelease(session, octokit, where, plan.tag, moves, registry)
  logger.info(`${PRODUCTION}: ${moves.map((m) => `${m.model} → ${m.to}`).join(', ')} (deployment ${id})`)
  await report(
    session,
    'deploy',
    moves,
    `GitHub deployment ${id} of ${plan.ref}.${notes.length ? `\n\n${notes.map((n) => `- ${n}`).join('\n')}` : ''}`,
  )
}

/** Model card and metrics as release assets, and the model table in the notes' modelgate section. */
async function annotateRelease(
  session: Session,
  octokit: Octokit,
  where: RepoRef,
  tag: string,
  moves: Move[],
  registry: Registry,
): Promise<void> {
  const { logger } = session.services
  let release
  try {
    ;({ data: release } = await octokit.rest.repos.getReleaseByTag({ ...where, tag }))
  } catch (error) {
    if ((error as { status?: number }).status === 404) {
      logger.info(`no published release for tag ${tag}: no assets or notes`)
      return
    }
    throw error
  }
  const released: ReleasedModel[] = moves.map((m) => ({
    model: m.model,
    runId: m.to,
    standing: m.run.standing,
    manifest: m.run.manifest,
  }))
  const asset = { ...where, releaseId: release.id, uploadUrl: release.upload_url }
  const encoder = new TextEncoder()
  for (const model of released) {
    await attachAsset(
      octokit,
      asset,
      `${model.model}-model-card.md`,
      encoder.encode(await modelCard(registry, model)),
      'text/markdown',
    )
    const metrics = model.manifest.files.some((f) => f.path === 'metrics.json')
      ? await registry.readRunFile(model.manifest, 'metrics.json')
      : encoder.encode(`${JSON.stringify({ metrics: model.manifest.meta.metrics }, null, 2)}\n`)
    await attachAsset(octokit, asset, `${model.model}-metrics.json`, metrics, 'application/json')
  }
  const body = withNotesSection(
    release.body ?? null,
    notesSection(released, session.settings.deployEnvironment),
  )
  if (body !== release.body) {
    await githubCall(`updating the notes of release ${tag}`, () =>
      octokit.rest.repos.updateRelease({ ...where, release_id: release.id, body }),
    )
  }
  logger.info(`release ${tag}: model card and metrics attached, notes updated`)
}

export async function rollbackMode(
  session: Session,
  plan: Extract<Plan, { kind: 'rollback' }>,
): Promise<void> {
  const { ctx, settings, services } = session
  const registry = await writableRegistry(session, 'rollback')
  const targets = await deliveryTargets(session)
  const moves: Move[] = []
  for (const model of await modelNames(session)) {
    const current = await registry.getAlias(model, PRODUCTION)
    if (!current)
      throw new UserError(`model "${model}" has no ${PRODUCTION} alias to roll back (deploy a release first)`)
    const to = settings.toRun ?? rollbackTarget(current.record.history)
    if (!to)
      throw new UserError(
        `model "${model}": ${PRODUCTION} has no earlier run to roll back to (it has only ever pointed at ${current.record.runId})`,
      )
    if (to === current.record.runId)
      throw new UserError(`model "${model}": ${PRODUCTION} is already at run ${to}; nothing to roll back`)
    // The run rolled back to must itself have passed its gate (an explicit to-run most of all).
    const run = await checkDeployable(registry, model, to, { allowInconclusive: settings.allowInconclusive })
    moves.push({ model, from: current.record.runId, to, run })
  }
  const octokit = await session.github()
  const where = { owner: ctx.owner, repo: ctx.repo }
  const existing = await listModelgateDeployments(octokit, where, settings.deployEnvironment)
  // The new deployment is of the ref that first shipped these runs (its release tag), when GitHub still has it.
  const shipped = existing.find(
    (d) => d.states.includes('success') && moves.every((m) => d.models[m.model] === m.to),
  )
  const rolledBack = existing.find(
    (d) => d.state === 'success' && moves.some((m) => d.models[m.model] === m.from),
  )
  const by = byOf(session)
  const reason = `rollback requested by ${ctx.actor} in workflow ${ctx.workflow}${ctx.runUrl ? ` (${ctx.runUrl})` : ''}${settings.toRun ? ` to run ${settings.toRun}` : ''}`
  const delivery: Delivery = {
    session,
    registry,
    ...targets,
    kind: 'rollback',
    release: shipped?.release ?? null,
    by,
  }
  const { id, notes } = await recorded(
    session,
    { ref: shipped?.ref ?? plan.ref, kind: 'rollback', moves, release: shipped?.release ?? null },
    async () => {
      const out: string[] = []
      for (const move of moves) {
        const record = await moveAlias(
          registry,
          { model: move.model, alias: PRODUCTION, from: move.from, to: move.to, by, reason },
          'rollback',
        )
        out.push(...(await deliver(delivery, move.run, record, move.from)))
      }
      return out
    },
  )
  if (rolledBack) await markInactive(session, octokit, where, rolledBack, id)
  for (const note of notes) services.logger.info(note)
  services.logger.info(
    `${PRODUCTION}: ${moves.map((m) => `${m.model} → ${m.to}`).join(', ')} (deployment ${id})`,
  )
  await report(
    session,
    'rollback',
    moves,
    `GitHub deployment ${id}${rolledBack ? `; deployment ${rolledBack.id} marked inactive` : ''}.`,
  )
}

async function markInactive(
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
