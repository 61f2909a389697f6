import type { ModelSpec } from '../config/load-spec.js'
import type { Dataset } from '../data/dataset.js'
import { UserError } from '../errors.js'
import { compareModels } from '../gate/compare.js'
import type { ModelVerdict } from '../gate/types.js'
import type { AliasRecord } from '../store/registry.js'
import { CHAMPION, scoreChampion } from './champion.js'
import type { PipelineDeps } from './types.js'

/**
 * Make a passing (or first) run the champion with compare-and-swap. If another promotion won the race and
 * the champion is now a different run, the challenger is re-compared with that run and promoted only if it
 * still passes.
 */
export async function promoteRun(args: {
  spec: ModelSpec
  deps: PipelineDeps
  runId: string
  stored: boolean
  verdict: ModelVerdict
  comparedChampion: string | null
  challenger: Float64Array
  dataset: Dataset
}): Promise<{ promoted: boolean; note: string }> {
  const { spec, deps, runId, verdict, comparedChampion } = args
  if (!args.stored) return { promoted: false, note: 'not promoted: the run was not stored' }
  if (verdict !== 'pass' && verdict !== 'no-champion')
    return { promoted: false, note: `not promoted: the gate's verdict is ${verdict}` }
  const check = async (current: AliasRecord | null): Promise<void> => {
    const now = current?.runId ?? null
    if (now === comparedChampion) return
    if (now === null)
      throw new UserError(`the champion of "${spec.name}" was removed while promoting; not promoting`)
    const rival = await scoreChampion(spec, deps, args.dataset, now)
    const gate = compareModels({
      spec,
      y: args.dataset.eval.y,
      classes: args.dataset.target.classes.length,
      challenger: args.challenger,
      champion: rival!.predictions,
      eval: args.dataset.eval,
    })
    if (gate.verdict !== 'pass') {
      throw new UserError(
        `the champion changed to ${now} while promoting, and this run's verdict against it is ${gate.verdict}; not promoting`,
      )
    }
  }
  try {
    const reason =
      verdict === 'no-champion' ? 'first run: no champion yet' : `gate passed against ${comparedChampion}`
    await deps.registry.setAlias(spec.name, CHAMPION, runId, {
      action: 'promote',
      by: deps.actor,
      reason,
      check,
    })
    deps.logger.info(`  promoted ${runId} to champion of ${spec.name}`)
    return { promoted: true, note: `promoted to champion (${reason})` }
  } catch (error) {
    if (error instanceof UserError) return { promoted: false, note: `not promoted: ${error.message}` }
    throw error
  }
}
