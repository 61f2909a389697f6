import { UserError } from '../errors.js'
import type { AliasRecord, Registry } from '../store/registry.js'

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
  return registry.setAlias(move.model, move.alias, move.to, {
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
}
