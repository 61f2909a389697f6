import type { ModelSpec } from '../config/load-spec.js'
import type { Dataset } from '../data/dataset.js'
import { describeError, UserError } from '../errors.js'
import { MODEL_DIR, PREPROCESS_JSON } from '../evaluate/score.js'
import { compareModels } from '../gate/compare.js'
import type { ModelVerdict } from '../gate/types.js'
import type { AliasRecord, NoChange, Registry } from '../store/registry.js'
import { CHAMPION, scoreChampion } from './champion.js'
import type { PipelineDeps } from './types.js'

/** The files that make a model what it is: its preprocessing and its network, not its metrics or predictions. */
const isModelFile = (path: string): boolean => path === PREPROCESS_JSON || path.startsWith(`${MODEL_DIR}/`)

/** Whether two runs hold the very same model (every model file has the same sha256). */
export async function sameModel(registry: Registry, model: string, a: string, b: string): Promise<boolean> {
  const files = async (runId: string): Promise<string> =>
    (await registry.readManifest(model, runId)).files
      .filter((f) => isModelFile(f.path))
      .map((f) => `${f.path}\u0000${f.sha256}`)
      .sort()
      .join('\n')
  const [left, right] = await Promise.all([files(a), files(b)])
  return left !== '' && left === right
}

/**
 * The outcome of a promotion. `failed` is set when a promotion that should have happened did not (the alias
 * could not be written, the champion moved and now wins, the lock stayed held): the caller must not report
 * success. A no-op (the champion already is this model) is not a failure.
 */
export interface PromoteOutcome {
  promoted: boolean
  note: string
  failed: boolean
}

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
}): Promise<PromoteOutcome> {
  const { spec, deps, runId, verdict, comparedChampion } = args
  // Not stored: either the store is read-only here (documented: report, do not fail) or storing failed,
  // which the store stage already reports as a failure.
  if (!args.stored) return { promoted: false, note: 'not promoted: the run was not stored', failed: false }
  if (verdict !== 'pass' && verdict !== 'no-champion')
    return { promoted: false, note: `not promoted: the gate's verdict is ${verdict}`, failed: false }
  const check = async (current: AliasRecord | null): Promise<void | NoChange> => {
    const now = current?.runId ?? null
    if (now !== null && (await sameModel(deps.registry, spec.name, now, runId)))
      return { noChange: `the champion ${now} is the same model (every model file has the same sha256)` }
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
    const update = await deps.registry.setAlias(spec.name, CHAMPION, runId, {
      action: 'promote',
      by: deps.actor,
      reason,
      check,
    })
    if (!update.changed) {
      const note = `not promoted, nothing to change: ${update.unchanged ?? 'the champion is unchanged'}`
      deps.logger.info(`  ${note}`)
      return { promoted: false, note, failed: false }
    }
    deps.logger.info(`  promoted ${runId} to champion of ${spec.name}`)
    return { promoted: true, note: `promoted to champion (${reason})`, failed: false }
  } catch (error) {
    // Whatever stopped it (a held lock, a damaged alias, a store error, a rival champion), it is reported as a
    // promotion that did not happen, never as a quiet pass.
    const note = `not promoted: ${describeError(error)}`
    deps.logger.warn(`${spec.name}: ${note}`)
    return { promoted: false, note, failed: true }
  }
}
