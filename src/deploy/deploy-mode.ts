import type { Plan } from '../action/dispatch.js'
import type { Session } from '../action/session.js'
import { UserError } from '../errors.js'
import { CHAMPION } from '../pipeline/champion.js'
import { shortSha } from '../util/numbers.js'
import type { AliasRecord } from '../store/registry.js'
import { listModelgateDeployments } from './deployments.js'
import { checkDeployable } from './gate-record.js'
import { moveAlias, PRODUCTION } from './production.js'
import {
  byOf,
  deliver,
  deliveryTargets,
  modelNames,
  recorded,
  report,
  writableRegistry,
  type Delivery,
  type Move,
} from './recorded.js'
import { annotateRelease } from './release.js'

/**
 * `mode: deploy` (a published release): check each model's champion passed its gate on a commit the release
 * contains, move `production` to it, deliver it (deploy-to copy + pointer, deploy-webhook), and record a GitHub
 * deployment with statuses, release assets and a section of the release notes. `mode: rollback` moves
 * `production` back and delivers that. Everything that can refuse is checked before anything changes.
 */

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
  if (plan.tag) {
    const released = moves.map((m) => ({
      model: m.model,
      runId: m.to,
      standing: m.run.standing,
      manifest: m.run.manifest,
    }))
    await annotateRelease(octokit, where, plan.tag, released, {
      registry,
      environment: settings.deployEnvironment,
      logger,
    })
  }
  logger.info(`${PRODUCTION}: ${moves.map((m) => `${m.model} → ${m.to}`).join(', ')} (deployment ${id})`)
  await report(
    session,
    'deploy',
    moves,
    `GitHub deployment ${id} of ${plan.ref}.${notes.length ? `\n\n${notes.map((n) => `- ${n}`).join('\n')}` : ''}`,
  )
}
