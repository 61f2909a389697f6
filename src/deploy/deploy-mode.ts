import { PRODUCTION } from '../action/constants.js'
import type { Plan } from '../action/dispatch.js'
import { writeOutputs } from '../action/outputs.js'
import type { Session } from '../action/session.js'
import { UserError } from '../errors.js'
import { CHAMPION } from '../pipeline/champion.js'
import { loadSpecs } from '../pipeline/run-all.js'
import { mdText } from '../report/escape.js'
import { table } from '../report/format.js'
import { credentialsAbsent } from '../store/open-registry.js'
import { Registry, rollbackTarget } from '../store/registry.js'
import { createDeployment, setDeploymentStatus } from './deployments.js'

/**
 * `mode: deploy` points each model's `production` alias at its current champion (compare-and-swap) and records a
 * GitHub deployment of the release; `mode: rollback` steps `production` back one change and records that too.
 * The deployment is created first and marked failure if moving an alias fails, so GitHub shows what happened.
 */

interface Move {
  model: string
  from: string | null
  to: string
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
  const specs = await loadSpecs(session.settings.models, session.ctx.workspace, {
    allowOutsideWorkspace: session.settings.allowOutsideWorkspace,
  })
  return specs.map((s) => s.name)
}

/** Record the deployment, apply the moves, and mark it success or failure. */
async function recordDeployment(
  session: Session,
  ref: string,
  moves: Move[],
  kind: 'deploy' | 'rollback',
  apply: () => Promise<void>,
): Promise<void> {
  const { ctx, services } = session
  const octokit = await session.github()
  const where = { owner: ctx.owner, repo: ctx.repo }
  const summaryText = moves.map((m) => `${m.model} → ${m.to}`).join(', ')
  const deploymentId = await createDeployment(octokit, where, {
    ref,
    environment: PRODUCTION,
    description: `modelgate ${kind}: ${summaryText}`,
    payload: { tool: 'modelgate', kind, models: Object.fromEntries(moves.map((m) => [m.model, m.to])) },
  })
  const status = { environment: PRODUCTION, logUrl: ctx.runUrl }
  try {
    await apply()
  } catch (error) {
    await setDeploymentStatus(
      octokit,
      { ...where, deploymentId },
      { ...status, state: 'failure', description: `modelgate ${kind} failed` },
    ).catch(() => undefined)
    throw error
  }
  await setDeploymentStatus(
    octokit,
    { ...where, deploymentId },
    {
      ...status,
      state: 'success',
      description: `${kind === 'deploy' ? 'deployed' : 'rolled back'}: ${summaryText}`,
    },
  )
  writeOutputs(services.setOutput, {
    championChanged: false,
    runIds: Object.fromEntries(moves.map((m) => [m.model, m.to])),
  })
  const rows = moves.map((m) => [m.model, m.from ?? '—', m.to, m.from === m.to ? 'unchanged' : 'moved'])
  await services.appendSummary(
    `## modelgate ${kind} (${PRODUCTION})\n\n${table(['model', 'before', 'now', ''], rows)}\n\nGitHub deployment ${deploymentId} of ${mdText(ref)}.\n`,
  )
  services.logger.info(`${PRODUCTION}: ${summaryText} (deployment ${deploymentId})`)
}

export async function deployMode(session: Session, plan: Extract<Plan, { kind: 'deploy' }>): Promise<void> {
  const registry = await writableRegistry(session, 'deploy')
  const by = `${session.ctx.actor} via modelgate Action (${session.ctx.eventName})`
  const reason = plan.tag ? `release ${plan.tag}` : `deploy of ${plan.ref}`
  const moves: Move[] = []
  for (const model of await modelNames(session)) {
    const champion = await registry.getAlias(model, CHAMPION)
    if (!champion)
      throw new UserError(`model "${model}" has no champion to deploy; a passing run must be promoted first`)
    const current = await registry.getAlias(model, PRODUCTION)
    moves.push({ model, from: current?.record.runId ?? null, to: champion.record.runId })
  }
  await recordDeployment(session, plan.ref, moves, 'deploy', async () => {
    for (const move of moves) {
      if (move.from === move.to) continue
      await registry.setAlias(move.model, PRODUCTION, move.to, {
        action: 'promote',
        by,
        reason,
        check: (now) => {
          if ((now?.runId ?? null) !== move.from) {
            throw new UserError(
              `model "${move.model}": ${PRODUCTION} changed to ${now?.runId ?? 'nothing'} while deploying; look at its history and retry`,
            )
          }
        },
      })
    }
  })
}

export async function rollbackMode(
  session: Session,
  plan: Extract<Plan, { kind: 'rollback' }>,
): Promise<void> {
  const registry = await writableRegistry(session, 'rollback')
  const by = `${session.ctx.actor} via modelgate Action (${session.ctx.eventName})`
  const moves: Move[] = []
  for (const model of await modelNames(session)) {
    const current = await registry.getAlias(model, PRODUCTION)
    if (!current)
      throw new UserError(`model "${model}" has no ${PRODUCTION} alias to roll back (deploy a release first)`)
    const target = rollbackTarget(current.record.history)
    if (!target)
      throw new UserError(
        `model "${model}": ${PRODUCTION} has no earlier run to roll back to (it has only ever pointed at ${current.record.runId})`,
      )
    moves.push({ model, from: current.record.runId, to: target })
  }
  await recordDeployment(session, plan.ref, moves, 'rollback', async () => {
    for (const move of moves) {
      // `from` makes the registry refuse, before writing, if production moved since it was read above.
      const record = await registry.rollback(
        move.model,
        PRODUCTION,
        by,
        `rollback from workflow ${session.ctx.workflow}`,
        move.from ?? undefined,
      )
      if (record.runId !== move.to)
        throw new UserError(
          `model "${move.model}": ${PRODUCTION} rolled back to ${record.runId}, expected ${move.to}`,
        )
    }
  })
}
