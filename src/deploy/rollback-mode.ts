import type { Plan } from '../action/dispatch.js'
import type { Session } from '../action/session.js'
import { UserError } from '../errors.js'
import { rollbackTarget } from '../store/registry.js'
import { listModelgateDeployments } from './deployments.js'
import { checkDeployable } from './gate-record.js'
import { moveAlias, PRODUCTION } from './production.js'
import {
  byOf,
  deliver,
  deliveryTargets,
  markInactive,
  modelNames,
  recorded,
  report,
  writableRegistry,
  type Delivery,
  type Move,
} from './recorded.js'

/**
 * `mode: rollback`: `production` back one step (or to `to-run`, which must have passed its gate), delivered to
 * the same targets; the new GitHub deployment gets success and the rolled-back one inactive.
 */

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
