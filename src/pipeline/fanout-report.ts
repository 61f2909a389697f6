import type { ModelSpec } from '../config/load-spec.js'
import { selectionMetric, trialSpec } from '../config/sweep.js'
import { loadDataset } from '../data/dataset.js'
import { UserError } from '../errors.js'
import { METRICS } from '../evaluate/metrics.js'
import { compareModels } from '../gate/compare.js'
import { seedMeanEstimates } from '../gate/seed-mean.js'
import type { GateResult } from '../gate/types.js'
import { formatMetric as fmt } from '../util/numbers.js'
import { mean, sampleVariance } from '../util/sample-stats.js'
import { scoreChampion } from './champion.js'
import type { FanoutPlan, PlanEntry } from './fanout-plan.js'
import { readEntryRecord, type EntryRecord } from './fanout-records.js'
import { promoteRun } from './promote.js'
import { withLocalData } from './remote-data.js'
import { runResults, type RunResults } from './run-all.js'
import type { ModelResult, PipelineDeps } from './types.js'

/** Sample standard deviation (n − 1); 0 for a single value. */
function sd(values: number[]): number {
  return Math.sqrt(sampleVariance(values))
}

function describeParams(params: PlanEntry['params']): string {
  const parts = Object.entries(params).map(([k, v]) => `model.${k}=${JSON.stringify(v)}`)
  return parts.length ? parts.join(', ') : 'the spec as written'
}

/** The trial with the best mean selection value over its seeds (ties: the lower trial number). */
function bestTrial(spec: ModelSpec, ok: EntryRecord[]): { trial: number; note: string | null } {
  const trials = [...new Set(ok.map((r) => r.trial))].sort((a, b) => a - b)
  if (!spec.sweep) return { trial: trials[0]!, note: null }
  const metric = selectionMetric(spec)
  const higher = METRICS[metric]?.higherIsBetter ?? true
  const scores = trials.map((t) => ({
    trial: t,
    value: mean(ok.filter((r) => r.trial === t).map((r) => r.selection?.value ?? Number.NaN)),
  }))
  const ranked = scores
    .filter((s) => !Number.isNaN(s.value))
    .sort((a, b) => (higher ? b.value - a.value : a.value - b.value) || a.trial - b.trial)
  if (ranked.length === 0) throw new UserError(`${spec.name}: no trial has a validation ${metric}`)
  const best = ranked[0]!
  const record = ok.find((r) => r.trial === best.trial)!
  const label = METRICS[metric]?.label ?? metric
  const others = ranked
    .slice(1, 6)
    .map((s) => `trial ${s.trial} ${fmt(s.value)}`)
    .join(', ')
  return {
    trial: best.trial,
    note: `sweep: trial ${best.trial} of ${trials.length} chosen (${describeParams(record.params)}) by validation ${label} ${fmt(best.value)} on ${record.selection!.rows} rows (${record.selection!.source}); the eval rows played no part in the choice${others ? `; next: ${others}` : ''}`,
  }
}

/**
 * With seeds: the gate decides on the seeds' mean (seedMeanGate); the seed nearest the seeds' mean of the key
 * metric on the eval rows is the one promoted and whose slices are shown, so the model that ships is a typical
 * seed, not the luckiest one; mean ± sd of every metric is shown.
 */
function representativeSeed(
  records: EntryRecord[],
  keyMetric: string,
): { record: EntryRecord; note: string | null } {
  if (records.length === 1) return { record: records[0]!, note: null }
  const values = records.map((r) => r.result!.challenger.metrics[keyMetric] ?? Number.NaN)
  const m = mean(values)
  let at = 0
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i]! - m) < Math.abs(values[at]! - m)) at = i
  const metricNames = Object.keys(records[0]!.result!.challenger.metrics)
  const spread = metricNames
    .map((name) => {
      const v = records.map((r) => r.result!.challenger.metrics[name] ?? Number.NaN)
      return `${METRICS[name]?.label ?? name} ${fmt(mean(v))} ± ${fmt(sd(v))}`
    })
    .join(', ')
  return {
    record: records[at]!,
    note: `seeds: over ${records.length} seeds (mean ± sd on the eval rows): ${spread}; gated: the mean over the seeds; promoted: seed ${records[at]!.seed} (run ${records[at]!.runId}), the seed whose ${METRICS[keyMetric]?.label ?? keyMetric} is nearest the mean`,
  }
}

/**
 * The gate on the mean over the seeds of one trial: every seed was compared with the same champion on the
 * same eval rows by its train job; their overall estimates are pooled (gate/seed-mean.ts) and the gate decides
 * on the pooled estimate, with the representative seed's predictions for the slices. Null when there is
 * nothing to pool (one seed, no champion, or the seeds were compared with different champions).
 */
async function seedMeanGate(
  spec: ModelSpec,
  seeds: EntryRecord[],
  representative: EntryRecord,
  deps: PipelineDeps,
): Promise<GateResult | null> {
  const gates = seeds.map((r) => r.result!.gate)
  const championRuns = new Set(seeds.map((r) => r.result!.champion?.runId ?? null))
  if (seeds.length < 2 || gates.some((g) => g === null) || championRuns.size !== 1) return null
  const championRun = [...championRuns][0]!
  const seedGates = gates as GateResult[]
  const estimates = seedMeanEstimates(seedGates, spec.gate.confidence)
  const trial = trialSpec(spec, {
    trial: representative.trial,
    params: representative.params,
    seedIndex: representative.seed,
  })
  return withLocalData(
    trial,
    deps.registry.store,
    async (local) => {
      const dataset = await loadDataset(local)
      const challenger = await scoreChampion(local, deps, dataset, representative.runId!)
      const champion = await scoreChampion(local, deps, dataset, championRun)
      const methods = [...new Set(seedGates.map((g) => g.method))].join(' / ')
      return compareModels({
        spec: local,
        y: dataset.eval.y,
        classes: dataset.target.classes.length,
        challenger: challenger!.predictions,
        champion: champion!.predictions,
        eval: dataset.eval,
        override: {
          method: 'seed-mean',
          estimates,
          note: `gated on the mean over ${seeds.length} seeds, each compared with champion ${championRun} (${methods}); standard error = the seeds' mean standard error (a bound for any correlation between them) combined with their spread / √${seeds.length}; slices are seed ${representative.seed}'s`,
        },
      })
    },
    deps.commandEnv,
  )
}

/** A model none of whose entries arrived: reported inconclusive, naming them, never pass. */
function absentResult(spec: ModelSpec, problems: string[], commit: string | null): ModelResult {
  return {
    name: spec.name,
    task: spec.task,
    runId: '',
    verdict: 'inconclusive',
    stored: false,
    storeNote: 'no entry of this model finished',
    promoted: false,
    promoteNote: null,
    storeFailure: null,
    challenger: { runId: null, commit, metrics: {}, details: null },
    champion: null,
    championNote: `no entry of this model finished: ${problems.join('; ')}`,
    gate: null,
    data: { sha256: '', trainRows: 0, evalRows: 0, evalSource: '', features: 0, inputs: 0 },
    backend: { name: 'cpu', tfjs: '' },
    timings: {},
    warnings: problems,
    metricNames: spec.metricNames,
    onInconclusive: spec.gate.on_inconclusive,
    keyMetric: Object.keys(spec.gate.metrics)[0] ?? spec.metricNames[0]!,
    calibration: null,
    specPath: spec.specPath,
    dataNotes: { imputed: { training: {}, eval: {} }, unseen: {}, positiveClass: null },
    challengerSlices: null,
    changes: null,
    dirty: false,
  }
}

async function promoteChosen(
  spec: ModelSpec,
  record: EntryRecord,
  result: ModelResult,
  deps: PipelineDeps,
): Promise<ModelResult> {
  const trial = trialSpec(spec, { trial: record.trial, params: record.params, seedIndex: record.seed })
  const outcome = await withLocalData(
    trial,
    deps.registry.store,
    async (local) => {
      const dataset = await loadDataset(local)
      const scored = await scoreChampion(local, deps, dataset, record.runId!)
      return promoteRun({
        spec: local,
        deps,
        runId: record.runId!,
        stored: true,
        verdict: result.verdict,
        comparedChampion: result.champion?.runId ?? null,
        challenger: scored!.predictions,
        dataset,
      })
    },
    deps.commandEnv,
  )
  return {
    ...result,
    promoted: outcome.promoted,
    promoteNote: outcome.note,
    storeFailure: outcome.failed ? outcome.note : result.storeFailure,
  }
}

/**
 * `mode: report` of a fan-out: read every entry the plan expected from the store, pick each model's best trial
 * on its validation split, take that trial's comparison with the champion (made on the eval rows by its train
 * job), name every missing or failed entry (the verdict is then at best inconclusive), and promote when asked.
 */
export async function gatherReport(
  specs: ModelSpec[],
  plan: FanoutPlan,
  deps: PipelineDeps,
  workflowRun: string,
  options: { promote: boolean },
): Promise<RunResults> {
  const byName = new Map(specs.map((s) => [s.name, s]))
  const models: ModelResult[] = []
  const names = [...new Set(plan.entries.map((e) => e.model))]
  for (const name of names) {
    const spec = byName.get(name)
    if (!spec)
      throw new UserError(`the plan names model "${name}", but no spec in input "models" has that name`)
    const ok: EntryRecord[] = []
    const problems: string[] = []
    for (const entry of plan.entries.filter((e) => e.model === name)) {
      const record = await readEntryRecord(deps.registry.store, workflowRun, entry.entry)
      if (record === null)
        problems.push(`entry ${entry.entry} is missing (its job left no record for run ${workflowRun})`)
      else if ('unreadable' in record)
        problems.push(`entry ${entry.entry} is unreadable: ${record.unreadable}`)
      else if (record.status === 'failed') problems.push(`entry ${entry.entry} failed: ${record.error}`)
      else ok.push(record)
    }
    for (const p of problems) deps.logger.warn(`${name}: ${p}`)
    if (ok.length === 0) {
      models.push(absentResult(spec, problems, deps.git.commit))
      continue
    }
    const chosen = bestTrial(spec, ok)
    const seeds = ok.filter((r) => r.trial === chosen.trial).sort((a, b) => a.seed - b.seed)
    const { record, note } = representativeSeed(seeds, seeds[0]!.result!.keyMetric)
    let result: ModelResult = { ...record.result! }
    const pooled = await seedMeanGate(spec, seeds, record, deps)
    if (pooled) {
      // A seed failed by gate.drift rather than by its gate (the data is every seed's) stays failed.
      const driftFailed = seeds.some(
        (r) => r.result!.verdict === 'fail' && r.result!.gate?.verdict !== 'fail',
      )
      result = { ...result, gate: pooled, verdict: driftFailed ? 'fail' : pooled.verdict }
    }
    const notes = [chosen.note, note, ...problems].filter((n): n is string => n !== null)
    // An expected entry that did not arrive might have been the best trial: never a pass without it.
    if (problems.length > 0 && (result.verdict === 'pass' || result.verdict === 'no-champion')) {
      notes.push(
        `verdict ${result.verdict} lowered to inconclusive: ${problems.length} expected entr${problems.length === 1 ? 'y is' : 'ies are'} missing or failed`,
      )
      result.verdict = 'inconclusive'
    }
    result = { ...result, warnings: [...notes, ...result.warnings] }
    if (options.promote) result = await promoteChosen(spec, record, result, deps)
    models.push(result)
  }
  return runResults(models, deps)
}
