import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadSpec, type ModelSpec } from '../../src/config/load-spec.js'
import { encodeTargets, loadDataset, type Dataset } from '../../src/data/dataset.js'
import { compareModels, type CompareInput } from '../../src/gate/compare.js'
import { crossfitEstimates, crossfitSplits } from '../../src/gate/crossfit.js'
import { Rng } from '../../src/util/rng.js'
import { featuresByImportance, fitRows, metricOn, type Corruption } from './fit.js'

/**
 * One scenario's trials (issue 9). The labelled rows are split once into a large held-out set H, used only to
 * measure true drops, and a population; every trial draws its own labelled pool from the population (eval
 * rows + training rows, as a repository would have). Per trial: a champion (the spec on a random 80% of the
 * training rows), a harmless challenger (the same spec on another 80% draw, another seed) and regressed
 * challengers (the harmless draw with the most important features shuffled across a share of the training
 * rows), the share calibrated on pilot seeds so that the true drop measured on H is 1×, 2× and 3× the margin.
 * Each challenger is judged by several candidate rules on the same trial:
 *   naive        Δ̂ < −δ on the eval split
 *   whole-CI     the previous rule: fail when the CI's upper end < −δ
 *   holdout      modelgate's rule on the eval split: fail when significantly worse (CI upper < 0) and Δ̂ < −δ
 *   fail-closed  holdout, plus fail when undecided and the CI half-width exceeds δ (cannot resolve the margin)
 *   crossfit     both specs retrained on R×K cross-fitting folds of the whole pool (the same folds, each model
 *                on its own 80% draw of the fold's training rows), per-fold Δ of the metric, Nadeau–Bengio
 *                corrected t interval, then the holdout rule on that interval
 *   auto         what gate.method: auto runs: crossfit for logistic/linear specs, holdout for MLPs
 */

export interface TrialOptions {
  trials: number
  pilotTrials: number
  /** Cross-fitting: repetitions × folds. */
  repeats: number
  folds: number
  log: (line: string) => void
}

export interface Scenario {
  /** Spec directory under bench/gate/specs or models/, or "synthetic". */
  model: string
  evalSize: number
  /** Labelled rows per trial (eval + training). */
  poolSize: number
  crossfit: boolean
}

/** "credit-logistic@300" → 300 eval rows, a pool of 5× that (a 20% eval split); "+cf" adds cross-fitting. */
export function parseScenario(text: string): Scenario {
  const m = /^([A-Za-z0-9._-]+)@(\d+)(\+cf)?$/.exec(text)
  if (!m) throw new Error(`--models "${text}": expected NAME@EVAL_ROWS or NAME@EVAL_ROWS+cf`)
  const evalSize = Number(m[2])
  if (evalSize < 50) throw new Error(`--models "${text}": EVAL_ROWS must be ≥ 50`)
  return { model: m[1]!, evalSize, poolSize: evalSize * 5, crossfit: m[3] === '+cf' }
}

export type RuleVerdict = 'pass' | 'fail' | 'inconclusive'
export const RULES = ['naive', 'wholeCi', 'holdout', 'failClosed', 'crossfit', 'auto'] as const
export type Rule = (typeof RULES)[number]

export interface ChallengerOutcome {
  /** Champion − challenger of the key metric on the held-out set H (oriented: + = challenger worse). */
  trueDrop: number
  diff: number
  se: number
  halfWidth: number
  detectableDrop: number
  crossfit: { mean: number; lower: number; upper: number; se: number } | null
  verdicts: Partial<Record<Rule, RuleVerdict>>
}

export interface TrialRecord {
  trial: number
  /** harmless, then each regression level in order. */
  challengers: ChallengerOutcome[]
}

export interface ScenarioRun {
  name: string
  modelType: string
  evalRows: number
  poolRows: number
  heldOutRows: number
  keyMetric: string
  margin: number
  crossfit: boolean
  folds: number
  repeats: number
  levels: { multiple: number; strength: number; pilotDrop: number }[]
  features: string[]
  records: TrialRecord[]
  seconds: number
}

/** Logistic data with 8 numeric features of falling weight and a 3-level category: 40,000 rows. */
function syntheticSpecDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-gate-synthetic-'))
  const rng = new Rng(9)
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
  const weights = [1.0, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1, 0]
  const lines = [`${weights.map((_, i) => `x${i + 1}`).join(',')},group,y`]
  for (let r = 0; r < 40_000; r++) {
    const x = weights.map(() => normal())
    const group = rng.int(3)
    const z = -0.8 + x.reduce((a, v, i) => a + v * weights[i]!, 0) + [0, 0.4, -0.4][group]!
    const y = rng.next() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no'
    lines.push(`${x.map((v) => v.toFixed(4)).join(',')},${'abc'[group]},${y}`)
  }
  writeFileSync(path.join(dir, 'data.csv'), `${lines.join('\n')}\n`)
  writeFileSync(
    path.join(dir, 'modelgate.yml'),
    "task: binary\ndata:\n  train: data.csv\n  target: y\n  positive_class: 'yes'\n  split: { fraction: 0.2, seed: 1 }\nmodel:\n  type: logistic\ngate:\n  metrics:\n    roc_auc: { max_drop: 0.01 }\n",
  )
  return dir
}

function shuffled(rows: Uint32Array, seed: number): Uint32Array {
  return new Rng(seed ^ 0x27d4eb2f).shuffle(rows.slice())
}

export async function runScenario(
  root: string,
  scenario: Scenario,
  options: TrialOptions,
): Promise<ScenarioRun> {
  const started = performance.now()
  const own = path.join(root, 'bench', 'gate', 'specs', scenario.model)
  const dir =
    scenario.model === 'synthetic'
      ? syntheticSpecDir()
      : existsSync(own)
        ? own
        : path.join(root, 'models', scenario.model)
  const spec: ModelSpec = await loadSpec(dir)
  const dataset: Dataset = await loadDataset(spec)
  const [keyMetric, gate] = Object.entries(spec.gate.metrics).find(([, g]) => g.max_drop !== undefined) ?? []
  if (!keyMetric || gate?.max_drop === undefined) throw new Error(`${dir}: no metric with max_drop`)
  const margin = gate.max_drop
  if (dataset.eval.table !== dataset.train.table)
    throw new Error(`${dir}: the harness needs a spec that splits one table (data.split)`)
  const name = `${scenario.model}@${scenario.evalSize}`
  const all = shuffled(Uint32Array.from([...dataset.train.rows, ...dataset.eval.rows]), 1)
  const populationSize = Math.min(
    all.length - 1000,
    Math.max(scenario.poolSize * 2, Math.round(all.length / 2)),
  )
  if (populationSize < scenario.poolSize) throw new Error(`${name}: ${all.length} rows are too few`)
  const population = all.slice(0, populationSize)
  const heldOut = all.slice(populationSize).sort()
  const features = featuresByImportance(spec, dataset, population, keyMetric, 5).map((f) => f.name)
  const score = (rows: Uint32Array, pred: Float64Array): number =>
    metricOn(spec, dataset, rows, pred, keyMetric)
  const poolOf = (seed: number) => {
    const pool = shuffled(population, seed).slice(0, scenario.poolSize)
    return {
      pool,
      evalRows: pool.slice(0, scenario.evalSize).sort(),
      trainRows: pool.slice(scenario.evalSize).sort(),
    }
  }
  const fit = (train: Uint32Array, seed: number, corruption: Corruption | null, rows: Uint32Array[]) =>
    fitRows(spec, dataset, train, { seed, share: 0.8, corruption }, rows)

  // Calibration: the strength whose mean true drop on H (over pilot pools) is each multiple of the margin.
  const pilots = Array.from({ length: options.pilotTrials }, (_, i) => {
    const { trainRows } = poolOf(900_000 + i)
    return {
      trainRows,
      seed: 900_000 + i,
      clean: score(heldOut, fit(trainRows, 900_000 + i, null, [heldOut])[0]!),
    }
  })
  const pilotDrop = (strength: number): number =>
    pilots.reduce(
      (a, p) => a + p.clean - score(heldOut, fit(p.trainRows, p.seed, { features, strength }, [heldOut])[0]!),
      0,
    ) / pilots.length
  const levels = [1, 2, 3].map((multiple) => {
    let lo = 0
    let hi = features.length
    for (let i = 0; i < 8; i++) {
      const mid = (lo + hi) / 2
      if (pilotDrop(mid) >= multiple * margin) hi = mid
      else lo = mid
    }
    const level = { multiple, strength: hi, pilotDrop: pilotDrop(hi) }
    options.log(
      `${name}: ${multiple}× margin → strength ${hi.toFixed(3)}, pilot true drop ${level.pilotDrop.toFixed(4)}`,
    )
    return level
  })

  const records: TrialRecord[] = []
  for (let t = 0; t < options.trials; t++) {
    const seed = 1000 + 10 * t
    const { pool, evalRows, trainRows } = poolOf(seed)
    const [championEval, championH] = fit(trainRows, seed, null, [evalRows, heldOut])
    const championTrue = score(heldOut, championH!)
    const evalSet = {
      table: dataset.train.table,
      rows: evalRows,
      y: encodeTargets(dataset.target, dataset.train.table, evalRows),
    }
    // Cross-fitting splits over the whole pool (the product's crossfitSplits); the champion's fold
    // predictions are shared by every challenger of this trial.
    const splits = scenario.crossfit
      ? crossfitSplits(pool, { folds: options.folds, repeats: options.repeats, seed })
      : null
    const championFolds = splits?.splits.map((f, j) => fit(f.train, seed * 100 + j, null, [f.test])[0]!)
    const corruptions: (Corruption | null)[] = [
      null,
      ...levels.map((l) => ({ features, strength: l.strength })),
    ]
    const challengers = corruptions.map((corruption): ChallengerOutcome => {
      const [challengerEval, challengerH] = fit(trainRows, seed + 1, corruption, [evalRows, heldOut])
      /** The product's gate on this trial's eval rows: the key metric on all rows. */
      const keyComparison = (crossfit?: CompareInput['crossfit']) =>
        compareModels({
          spec,
          y: evalSet.y,
          classes: dataset.target.classes.length,
          challenger: challengerEval!,
          champion: championEval!,
          eval: evalSet,
          crossfit,
        }).comparisons.find((c) => c.metric === keyMetric && c.scope.kind === 'overall')!
      const k = keyComparison()
      const holdout = k.verdict as RuleVerdict
      const verdicts: ChallengerOutcome['verdicts'] = {
        naive: k.diff < -margin ? 'fail' : 'pass',
        wholeCi: k.upper < -margin ? 'fail' : k.lower >= -margin ? 'pass' : 'inconclusive',
        holdout,
        failClosed: holdout === 'inconclusive' && k.halfWidth > margin ? 'fail' : holdout,
      }
      let crossfit: ChallengerOutcome['crossfit'] = null
      if (splits && championFolds) {
        // The product's estimate and rule: crossfitEstimates (Nadeau–Bengio) fed to compareModels.
        const estimates = crossfitEstimates({
          metrics: [keyMetric],
          splits,
          fit: (which, train, test, j) =>
            which === 'champion'
              ? championFolds[j]!
              : fit(train, seed * 100 + j + 50_000, corruption, [test])[0]!,
          score: (test, pred) => score(test, pred),
          confidence: spec.gate.confidence,
          trainShare: 0.8,
        })
        const e = keyComparison({ estimates, note: 'harness' })
        crossfit = { mean: e.diff, lower: e.lower, upper: e.upper, se: e.se }
        verdicts.crossfit = e.verdict as RuleVerdict
      }
      // gate.method: auto's choice (pipeline/gate-method.ts): crossfit for cheap models, holdout for MLPs.
      verdicts.auto = spec.model.type === 'mlp' ? holdout : verdicts.crossfit
      return {
        trueDrop: championTrue - score(heldOut, challengerH!),
        diff: k.diff,
        se: k.se,
        halfWidth: k.halfWidth,
        detectableDrop: k.detectableDrop!,
        crossfit,
        verdicts,
      }
    })
    records.push({ trial: t, challengers })
    options.log(
      `${name} trial ${t + 1}/${options.trials}: ${challengers
        .map(
          (c, i) =>
            `${i === 0 ? 'harmless' : `${i}×`} ${c.verdicts.holdout}${c.verdicts.crossfit ? `/${c.verdicts.crossfit}` : ''} (Δ ${c.diff.toFixed(4)}, true ${(-c.trueDrop).toFixed(4)})`,
        )
        .join('; ')}`,
    )
  }

  return {
    name,
    modelType: spec.model.type,
    evalRows: scenario.evalSize,
    poolRows: scenario.poolSize,
    heldOutRows: heldOut.length,
    keyMetric,
    margin,
    crossfit: scenario.crossfit,
    folds: options.folds,
    repeats: options.repeats,
    levels,
    features,
    records,
    seconds: (performance.now() - started) / 1000,
  }
}
