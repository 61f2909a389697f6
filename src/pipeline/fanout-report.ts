import type { ModelSpec } from '../config/load-spec.js'
import { selectionMetric, trialSpec } from '../config/sweep.js'
import { loadDataset, type Dataset } from '../data/dataset.js'
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

/** The chosen trial's representative run, its data loaded once and the run scored on the eval rows once. */
interface ChosenRun {
  spec: ModelSpec
  dataset: Dataset
  predictions: Float64Array
}

/** Runs `work` with the chosen record's trial spec, its data (downloaded when remote) and its eval predictions. */
function withChosenRun<T>(
  spec: ModelSpec,
  record: EntryRecord,
  deps: PipelineDeps,
  work: (chosen: ChosenRun) => Promise<T>,
): Promise<T> {
  const trial = trialSpec(spec, { trial: record.trial, params: record.params, seedIndex: record.seed })
  return withLocalData(
    trial,
    deps.registry.store,
    async (local) => {
      const dataset = await loadDataset(local)
      const scored = await scoreChampion(local, deps, dataset, record.runId!)
      return work({ spec: local, dataset, predictions: scored!.predictions })
    },
    deps.commandEnv,
  )
}

/** The seeds' gates when they can be pooled: two or more, each compared with one and the same champion. */
function poolableSeeds(seeds: EntryRecord[]): { gates: GateResult[]; championRun: string } | null {
  const gates = seeds.map((r) => r.result!.gate)
  const championRuns = new Set(seeds.map((r) => r.result!.champion?.runId ?? null))
  const championRun = championRuns.size === 1 ? [...championRuns][0] : null
  if (seeds.length < 2 || !championRun || gates.some((g) => g === null)) return null
  return { gates: gates as GateResult[], championRun }
}

/**
 * The gate on the mean over the seeds of one trial: every seed was compared with the same champion on the
 * same eval rows by its train job; their overall estimates are pooled (gate/seed-mean.ts) and the gate decides
 * on the pooled estimate, with the representative seed's predictions for the slices.
 */
async function seedMeanGate(
  chosen: ChosenRun,
  pool: { gates: GateResult[]; championRun: string },
  representativeSeed: number,
  deps: PipelineDeps,
): Promise<GateResult> {
  const { spec, dataset } = chosen
  const k = pool.gates.length
  const champion = await scoreChampion(spec, deps, dataset, pool.championRun)
  const methods = [...new Set(pool.gates.map((g) => g.method))].join(' / ')
  return compareModels({
    spec,
    y: dataset.eval.y,
    classes: dataset.target.classes.length,
    challenger: chosen.predictions,
    champion: champion!.predictions,
    eval: dataset.eval,
    override: {
      method: 'seed-mean',
      estimates: seedMeanEstimates(pool.gates, spec.gate.confidence),
      note: `gated on the mean over ${k} seeds, each compared with champion ${pool.championRun} (${methods}); standard error = the seeds' mean standard error (a bound for any correlation between them) combined with their spread / √${k}; slices are seed ${representativeSeed}'s`,
    },
  })
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
  chosen: ChosenRun,
  record: EntryRecord,
  result: ModelResult,
  deps: PipelineDeps,
): Promise<ModelResult> {
  const outcome = await promoteRun({
    spec: chosen.spec,
    deps,
    runId: record.runId!,
    stored: true,
    verdict: result.verdict,
    comparedChampion: result.champion?.runId ?? null,
    challenger: chosen.predictions,
    dataset: chosen.dataset,
  })
  return {
    ...result,
    promoted: outcome.promoted,
    promoteNote: outcome.note,
    storeFailure: outcome.failed ? outcome.note : result.storeFailure,
  }
}

/** The verdict with the entries' notes, at best inconclusive while an expected entry is missing or failed. */
function withEntryNotes(result: ModelResult, notes: string[], problems: string[]): ModelResult {
  let verdict = result.verdict
  const added = [...notes]
  // An expected entry that did not arrive might have been the best trial: never a pass without it.
  if (problems.length > 0 && (verdict === 'pass' || verdict === 'no-champion')) {
    added.push(
      `verdict ${verdict} lowered to inconclusive: ${problems.length} expected entr${problems.length === 1 ? 'y is' : 'ies are'} missing or failed`,
    )
    verdict = 'inconclusive'
  }
  return { ...result, verdict, warnings: [...added, ...result.warnings] }
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
    const notes = [chosen.note, note, ...problems].filter((n): n is string => n !== null)
    const pool = poolableSeeds(seeds)
    if (!pool && !options.promote) {
      models.push(withEntryNotes({ ...record.result! }, notes, problems))
      continue
    }
    // Pooling and promotion both need the chosen run's data and predictions: read and score them once.
    const result = await withChosenRun(spec, record, deps, async (run) => {
      let r: ModelResult = { ...record.result! }
      if (pool) {
        const pooled = await seedMeanGate(run, pool, record.seed, deps)
        // A seed failed by gate.drift rather than by its gate (the data is every seed's) stays failed.
        const driftFailed = seeds.some(
          (e) => e.result!.verdict === 'fail' && e.result!.gate?.verdict !== 'fail',
        )
        r = { ...r, gate: pooled, verdict: driftFailed ? 'fail' : pooled.verdict }
      }
      r = withEntryNotes(r, notes, problems)
      return options.promote ? promoteChosen(run, record, r, deps) : r
    })
    models.push(result)
  }
  return runResults(models, deps)
}
