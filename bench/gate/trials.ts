import { existsSync } from 'node:fs'
import path from 'node:path'
import { loadSpec, type ModelSpec } from '../../src/config/load-spec.js'
import { loadDataset, type Dataset } from '../../src/data/dataset.js'
import { compareModels } from '../../src/gate/compare.js'
import type { GateResult, MetricComparison, Verdict } from '../../src/gate/types.js'
import { featuresByImportance, fitAndScore, trialDataset, type Corruption } from './fit.js'

/**
 * One dataset's trials. Per trial t: a champion and a harmless challenger (same spec, another seed and
 * another training subsample), and a regressed challenger (the harmless challenger's seed and subsample,
 * with the most important training features partly shuffled). Both challengers go through the real gate
 * (compareModels with the spec's own gate: slices, Holm, floors) and through a naive point-threshold gate.
 */

export interface TrialOptions {
  trials: number
  /** Share of the training rows each model is trained on. */
  share: number
  pilotTrials: number
  /** The regression is tuned until the pilot's mean key-metric drop ≥ this × the mean stated detectable drop. */
  targetRatio: number
  /** At most this many features are shuffled. */
  maxFeatures: number
  /** Weaker regressions at these fractions of the tuned strength, to check the detectable drop's predictions. */
  weaker: number[]
  log: (line: string) => void
}

/** A dataset run: a model directory and, optionally, an eval size other than the spec's. */
export interface Scenario {
  model: string
  evalSize?: number
}

/** "credit" or "credit@300" (300 eval rows per trial). */
export function parseScenario(text: string): Scenario {
  const [model, size] = text.split('@')
  if (!model || !/^[A-Za-z0-9._-]+$/.test(model))
    throw new Error(`--models "${text}": expected NAME or NAME@EVAL_ROWS`)
  if (size === undefined) return { model }
  const evalSize = Number(size)
  if (!Number.isSafeInteger(evalSize) || evalSize < 20)
    throw new Error(`--models "${text}": EVAL_ROWS must be a whole number ≥ 20`)
  return { model, evalSize }
}

export interface KeyMetric {
  /** Oriented challenger − champion (negative = worse). */
  diff: number
  se: number
  halfWidth: number
  margin: number
  detectableDrop: number
  verdict: Verdict | 'not-gated'
}

export interface Outcome {
  verdict: Verdict
  /** Worst verdict of the tests on all eval rows only (no slices, no gaps). */
  overallVerdict: Verdict
  naive: 'pass' | 'fail'
  key: KeyMetric
}

export interface TrialRecord {
  trial: number
  harmless: Outcome
  /** At the tuned strength. */
  regressed: Outcome
  /** At each weaker strength (DatasetRun.weaker), in order. */
  weaker: Outcome[]
}

export interface DatasetRun {
  /** "credit" or "credit@300". */
  name: string
  model: string
  modelType: string
  trainRows: number
  evalRows: number
  /** Whether every trial used the same eval rows (a separate eval file) instead of its own draw. */
  fixedEval: boolean
  keyMetric: string
  gate: { confidence: number; adjust: string; family: number; metrics: ModelSpec['gate']['metrics'] }
  regression: Corruption & {
    importance: { name: string; drop: number }[]
    pilot: { strength: number; meanDrop: number; meanDetectable: number }[]
  }
  weaker: { fraction: number; strength: number }[]
  options: Omit<TrialOptions, 'log'>
  records: TrialRecord[]
  seconds: number
}

function worst(verdicts: Verdict[]): Verdict {
  return verdicts.includes('fail') ? 'fail' : verdicts.includes('inconclusive') ? 'inconclusive' : 'pass'
}

/** "challenger − champion < −δ on the point estimates" for each gated metric on all eval rows; floors on the point value. */
function naiveVerdict(overall: MetricComparison[]): 'pass' | 'fail' {
  for (const c of overall) {
    if (c.verdict === 'not-gated') continue
    if (c.margin !== null && c.diff < -c.margin) return 'fail'
    if (c.floor !== null && (c.higherIsBetter ? c.challenger < c.floor : c.challenger > c.floor))
      return 'fail'
  }
  return 'pass'
}

function outcome(gate: GateResult, keyMetric: string): Outcome {
  const overall = gate.comparisons.filter((c) => c.scope.kind === 'overall')
  const key = overall.find((c) => c.metric === keyMetric)
  if (!key || key.margin === null || key.detectableDrop === null)
    throw new Error(`the key metric ${keyMetric} has no margin on all eval rows`)
  return {
    verdict: gate.verdict,
    overallVerdict: worst(overall.filter((c) => c.verdict !== 'not-gated').map((c) => c.verdict as Verdict)),
    naive: naiveVerdict(overall),
    key: {
      diff: key.diff,
      se: key.se,
      halfWidth: key.halfWidth,
      margin: key.margin,
      detectableDrop: key.detectableDrop,
      verdict: key.verdict,
    },
  }
}

/** One trial's world: its eval draw and training pool, and the spec's gate on it. */
class Trial {
  readonly dataset: Dataset
  constructor(
    readonly spec: ModelSpec,
    base: Dataset,
    readonly seed: number,
    readonly share: number,
    evalSize: number | undefined,
  ) {
    this.dataset = trialDataset(base, seed, evalSize).dataset
  }

  predict(seed: number, corruption: Corruption | null = null): Float64Array {
    return fitAndScore(this.spec, this.dataset, { seed, share: this.share, corruption }).eval
  }

  gate(champion: Float64Array, challenger: Float64Array): GateResult {
    const { spec, dataset } = this
    return compareModels({
      spec,
      y: dataset.eval.y,
      classes: dataset.target.classes.length,
      challenger,
      champion,
      eval: dataset.eval,
    })
  }
}

type Pilot = { trial: Trial; champion: Float64Array }

/** Mean key-metric drop and mean stated detectable drop of the regressed challengers at one strength. */
function pilotAt(pilots: Pilot[], features: string[], strength: number, keyMetric: string) {
  let drop = 0
  let detectable = 0
  for (const { trial, champion } of pilots) {
    const o = outcome(trial.gate(champion, trial.predict(trial.seed + 1, { features, strength })), keyMetric)
    drop += -o.key.diff
    detectable += o.key.detectableDrop
  }
  return { strength, meanDrop: drop / pilots.length, meanDetectable: detectable / pilots.length }
}

/**
 * The smallest strength (bisection, on pilot seeds disjoint from the measured trials) whose mean drop reaches
 * targetRatio × the mean stated detectable drop; the maximum strength when even that falls short.
 */
function tuneStrength(
  spec: ModelSpec,
  base: Dataset,
  scenario: Scenario,
  features: string[],
  keyMetric: string,
  options: TrialOptions,
) {
  const pilots = Array.from({ length: options.pilotTrials }, (_, i) => {
    const trial = new Trial(spec, base, 1_000_000 + 10 * i, options.share, scenario.evalSize)
    return { trial, champion: trial.predict(trial.seed) }
  })
  const history: ReturnType<typeof pilotAt>[] = []
  const reaches = (s: number): boolean => {
    const r = pilotAt(pilots, features, s, keyMetric)
    history.push(r)
    options.log(
      `  ${spec.name}${scenario.evalSize ? `@${scenario.evalSize}` : ''} pilot strength ${s.toFixed(3)}: mean drop ${r.meanDrop.toFixed(4)}, mean detectable ${r.meanDetectable.toFixed(4)}`,
    )
    return r.meanDrop >= options.targetRatio * r.meanDetectable
  }
  let hi = features.length
  if (!reaches(hi)) return { strength: hi, history }
  let lo = 0
  for (let i = 0; i < 7; i++) {
    const mid = (lo + hi) / 2
    if (reaches(mid)) hi = mid
    else lo = mid
  }
  return { strength: hi, history }
}

export async function runDataset(
  root: string,
  scenario: Scenario,
  options: TrialOptions,
): Promise<DatasetRun> {
  const started = performance.now()
  // Example models live in models/; harness-only variants (e.g. the issue's logistic credit scenario) in bench/gate/specs/.
  const own = path.join(root, 'bench', 'gate', 'specs', scenario.model)
  const spec = await loadSpec(existsSync(own) ? own : path.join(root, 'models', scenario.model))
  const name = scenario.evalSize ? `${spec.name}@${scenario.evalSize}` : spec.name
  const dataset = await loadDataset(spec)
  // The first metric with a margin: the one the regression is tuned on and the detectable drop is checked for.
  const keyMetric = Object.entries(spec.gate.metrics).find(
    ([, g]) => !g.informational && (g.max_drop !== undefined || g.max_drop_pct !== undefined),
  )?.[0]
  if (!keyMetric) throw new Error(`${spec.specFile}: no gated metric with a margin`)
  const importance = featuresByImportance(spec, dataset, keyMetric, spec.model.seed)
  const features = importance.slice(0, options.maxFeatures).map((f) => f.name)
  options.log(
    `${name}: features by importance ${importance.map((f) => `${f.name} ${f.drop.toFixed(4)}`).join(', ')}`,
  )
  const tuned = tuneStrength(spec, dataset, scenario, features, keyMetric, options)
  const corruption: Corruption = { features, strength: tuned.strength }
  const weaker = options.weaker.map((fraction) => ({ fraction, strength: fraction * tuned.strength }))
  options.log(`${name}: regression = shuffle ${features.join(', ')} at strength ${tuned.strength.toFixed(3)}`)

  const { dataset: sample, fixedEval } = trialDataset(dataset, 0, scenario.evalSize)
  const records: TrialRecord[] = []
  let family = 0
  for (let t = 0; t < options.trials; t++) {
    const trial = new Trial(spec, dataset, 1000 + 10 * t, options.share, scenario.evalSize)
    const champion = trial.predict(trial.seed)
    const regressedAt = (strength: number): Outcome =>
      outcome(trial.gate(champion, trial.predict(trial.seed + 1, { features, strength })), keyMetric)
    const harmlessGate = trial.gate(champion, trial.predict(trial.seed + 1))
    family = harmlessGate.family
    const record: TrialRecord = {
      trial: t,
      harmless: outcome(harmlessGate, keyMetric),
      regressed: regressedAt(corruption.strength),
      weaker: weaker.map((w) => regressedAt(w.strength)),
    }
    records.push(record)
    const h = record.harmless
    const r = record.regressed
    options.log(
      `${name} trial ${t + 1}/${options.trials}: harmless ${h.verdict} (Δ ${h.key.diff.toFixed(4)}, naive ${h.naive}); regressed ${r.verdict} (Δ ${r.key.diff.toFixed(4)}, detectable ${r.key.detectableDrop.toFixed(4)}, naive ${r.naive}); weaker ${record.weaker.map((w) => `${w.verdict} Δ ${w.key.diff.toFixed(4)}`).join(', ')}`,
    )
  }
  return {
    name,
    model: spec.name,
    modelType: spec.model.type,
    trainRows: sample.train.rows.length,
    evalRows: sample.eval.rows.length,
    fixedEval,
    keyMetric,
    gate: { confidence: spec.gate.confidence, adjust: spec.gate.adjust, family, metrics: spec.gate.metrics },
    regression: { ...corruption, importance, pilot: tuned.history },
    weaker,
    options: {
      trials: options.trials,
      share: options.share,
      pilotTrials: options.pilotTrials,
      targetRatio: options.targetRatio,
      maxFeatures: options.maxFeatures,
      weaker: options.weaker,
    },
    records,
    seconds: (performance.now() - started) / 1000,
  }
}
