import { UserError } from '../errors.js'
import { CHAMPION } from '../pipeline/champion.js'
import type { ObjectStore } from '../store/object-store.js'
import { rollbackTarget, type AliasRecord, type Registry } from '../store/registry.js'
import type { Clock } from '../util/clock.js'
import { deliverToStore } from './deliver-store.js'
import { checkDeployable, type DeployableRun } from './gate-record.js'

/** The registry alias deploys move and rollbacks step back (also the default GitHub environment). */
export { PRODUCTION } from '../action/constants.js'

export interface AliasMove {
  model: string
  alias: string
  /** The run the caller saw the alias at (null: it did not exist): the move is refused if it changed since. */
  from: string | null
  to: string
  by: string
  reason: string
  /**
   * Called once inside the compare-and-swap, after the alias was read and before it is written. Tests hold
   * two processes here to force the interleaving a deploy racing a rollback has.
   */
  beforeWrite?: () => Promise<void>
}

function changedWhile(move: AliasMove, now: string | null, doing: string): UserError {
  return new UserError(
    `model "${move.model}": ${move.alias} changed to ${now ?? 'nothing'} while ${doing} (it was ${move.from ?? 'unset'}); look at \`modelgate history ${move.model}\` and retry`,
  )
}

/** Point the alias at `to` (compare-and-swap), refusing if it is no longer at `from`. */
export async function moveAlias(
  registry: Registry,
  move: AliasMove,
  action: 'promote' | 'rollback',
): Promise<AliasRecord> {
  let held = false
  const update = await registry.setAlias(move.model, move.alias, move.to, {
    action,
    by: move.by,
    reason: move.reason,
    check: async (current) => {
      if (!held && move.beforeWrite) {
        held = true
        await move.beforeWrite()
        // The alias may have changed while this process waited: setAlias writes only the version read
        // before the hook, so a change in between makes this write lose and be re-checked below.
      }
      const now = current?.runId ?? null
      if (now !== move.from)
        throw changedWhile(move, now, action === 'promote' ? 'deploying' : 'rolling back')
    },
  })
  return update.record
}

export interface ProductionChange {
  model: string
  alias: string
  by: string
  reason: string
  allowInconclusive: boolean
  /** deploy-to, opened: the run is copied there and the pointer moved. */
  target: ObjectStore | null
  release: string | null
  beforeWrite?: () => Promise<void>
  clock: Clock
}

export interface ProductionOutcome {
  from: string | null
  record: AliasRecord
  changed: boolean
  /** What the delivery did (the pointer), or null without deploy-to. */
  delivered: string | null
}

/** Copy the run to deploy-to and move its pointer to this alias version (see deliverToStore). */
export async function deliverCopy(
  registry: Registry,
  target: ObjectStore,
  run: DeployableRun,
  record: AliasRecord,
  about: { release: string | null; by: string; clock: Clock },
): Promise<{ location: string; note: string }> {
  const result = await deliverToStore(registry, target, run.manifest, {
    alias: record.alias,
    aliasVersion: record.version,
    release: about.release,
    deployedAt: about.clock.now().toISOString(),
    by: about.by,
  })
  return { location: result.pointer.location, note: `${target.location}: ${result.note}` }
}

async function finish(
  registry: Registry,
  change: ProductionChange,
  run: DeployableRun,
  from: string | null,
  record: AliasRecord,
  changed: boolean,
): Promise<ProductionOutcome> {
  const delivered = change.target
    ? (await deliverCopy(registry, change.target, run, record, change)).note
    : null
  return { from, record, changed, delivered }
}

/**
 * Point the alias at a run that passed its gate (the champion when `runId` is omitted), then deliver it. The
 * CLI's `deploy` and the deploy-versus-rollback race test use this; the Action adds GitHub around the same steps.
 */
export async function deployToProduction(
  registry: Registry,
  change: ProductionChange & { runId?: string },
): Promise<ProductionOutcome> {
  const runId = change.runId ?? (await registry.getAlias(change.model, CHAMPION))?.record.runId
  if (!runId)
    throw new UserError(`model "${change.model}" has no champion to deploy; pass a run id or promote a run`)
  const run = await checkDeployable(registry, change.model, runId, {
    allowInconclusive: change.allowInconclusive,
  })
  const current = await registry.getAlias(change.model, change.alias)
  const from = current?.record.runId ?? null
  if (current && from === runId) return finish(registry, change, run, from, current.record, false)
  const record = await moveAlias(registry, { ...change, from, to: runId }, 'promote')
  return finish(registry, change, run, from, record, true)
}

/** One step back in the alias's history (or to `to`, which must have passed its gate), then deliver that. */
export async function rollbackProduction(
  registry: Registry,
  change: ProductionChange & { to?: string },
): Promise<ProductionOutcome> {
  const current = await registry.getAlias(change.model, change.alias)
  if (!current) throw new UserError(`model "${change.model}" has no ${change.alias} to roll back`)
  const from = current.record.runId
  const to = change.to ?? rollbackTarget(current.record.history)
  if (!to)
    throw new UserError(
      `model "${change.model}": ${change.alias} has no earlier run to roll back to (it has only ever pointed at ${from})`,
    )
  if (to === from) throw new UserError(`model "${change.model}": ${change.alias} is already at run ${to}`)
  const run = await checkDeployable(registry, change.model, to, {
    allowInconclusive: change.allowInconclusive,
  })
  const record = await moveAlias(registry, { ...change, from, to }, 'rollback')
  return finish(registry, change, run, from, record, true)
}
