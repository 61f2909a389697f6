import type { ModelSpec } from '../config/load-spec.js'
import { selectionMetric, trialSpec } from '../config/sweep.js'
import { loadDataset } from '../data/dataset.js'
import { holdOutValidation } from '../data/validation-split.js'
import { describeError, UserError } from '../errors.js'
import { computeMetrics } from '../evaluate/metrics.js'
import { scoreChampion } from './champion.js'
import { modelEntries, type PlanEntry } from './fanout-plan.js'
import { writeEntryRecord, type EntryRecord } from './fanout-records.js'
import { withLocalData } from './remote-data.js'
import { runAll } from './run-all.js'
import type { PipelineDeps } from './types.js'

/** The entry with this id among the specs' plan (the whole plan: a skipped model's entries are still valid). */
export function findEntry(specs: ModelSpec[], id: string): { spec: ModelSpec; entry: PlanEntry } {
  for (const spec of specs) {
    const entry = modelEntries(spec).find((e) => e.entry === id)
    if (entry) return { spec, entry }
  }
  const known = specs.flatMap((s) => modelEntries(s).map((e) => e.entry))
  throw new UserError(
    `entry "${id}" is not in the plan of these models (entries: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}); pass \${{ matrix.entry }} from the plan job's matrix`,
  )
}

/** The stored trial's score on its validation rows, by the sweep's selection metric. */
async function validationScore(
  spec: ModelSpec,
  deps: PipelineDeps,
  runId: string,
): Promise<NonNullable<EntryRecord['selection']>> {
  const metric = selectionMetric(spec)
  return withLocalData(
    spec,
    deps.registry.store,
    async (local) => {
      const dataset = holdOutValidation(local, await loadDataset(local))
      const validation = dataset.validation!
      const onValidation = { ...dataset, eval: validation }
      const scored = await scoreChampion(local, deps, onValidation, runId)
      const value = computeMetrics(spec.task, validation.y, scored!.predictions, {
        classes: dataset.target.classes.length,
        threshold: spec.threshold,
        names: [metric],
      })[metric]!
      return { metric, value, rows: validation.rows.length, source: validation.source }
    },
    deps.commandEnv,
  )
}

/**
 * `mode: train` for one matrix entry: train the entry's trial spec (without its validation rows when the
 * model has a sweep), compare it with the champion on the eval rows, store the run, score it on the
 * validation rows, and leave an entry record for the report job. Never promotes. A failure is recorded too
 * (so the report names it) and then rethrown.
 */
export async function trainEntry(
  specs: ModelSpec[],
  id: string,
  deps: PipelineDeps,
  workflowRun: string,
): Promise<EntryRecord> {
  const { spec, entry } = findEntry(specs, id)
  const base = {
    schema: 1 as const,
    workflowRun,
    entry: entry.entry,
    model: entry.model,
    trial: entry.trial,
    seed: entry.seed,
    params: entry.params,
    commit: deps.git.commit,
  }
  const store = deps.registry.store
  try {
    const trial = trialSpec(spec, { trial: entry.trial, params: entry.params, seedIndex: entry.seed })
    const results = await runAll([trial], deps, { promote: false })
    const result = results.models[0]!
    if (!result.stored) throw new UserError(`${entry.entry}: ${result.storeNote ?? 'the run was not stored'}`)
    const selection = trial.holdout ? await validationScore(trial, deps, result.runId) : null
    const record: EntryRecord = { ...base, status: 'ok', error: null, runId: result.runId, selection, result }
    await writeEntryRecord(store, record)
    return record
  } catch (error) {
    const failed: EntryRecord = {
      ...base,
      status: 'failed',
      error: describeError(error),
      runId: null,
      selection: null,
      result: null,
    }
    await writeEntryRecord(store, failed).catch((e: unknown) =>
      deps.logger.warn(`${entry.entry}: the failure could not be recorded in the store: ${describeError(e)}`),
    )
    throw error
  }
}
