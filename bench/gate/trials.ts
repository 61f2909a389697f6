import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadSpec, type ModelSpec } from '../../src/config/load-spec.js'
import { encodeTargets, loadDataset, type Dataset } from '../../src/data/dataset.js'
import { compareModels, type CompareInput } from '../../src/gate/compare.js'
import { crossfitEstimates, crossfitSplits, SEED_STRIDE } from '../../src/gate/crossfit.js'
import { correctedResampledT } from '../../src/gate/stats/nadeau-bengio.js'
import { autoChoice, type AutoChoice } from '../../src/gate/crossfit-plan.js'
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
 *   crossfit     the previous default: both specs retrained on 2×5 cross-fitting folds of the whole pool (the
 *                same folds, each model on its own 80% draw of the fold's training rows), per-fold Δ of the
 *                metric, Nadeau–Bengio corrected t interval, then the holdout rule on that interval
 *   auto         what gate.method: auto runs (gate/crossfit-plan.ts's autoChoice for the model type and the
 *                pool's labelled rows): cross-fitting with the budget's repetitions (whose first two are the
 *                crossfit column's folds), or the holdout rule where auto does not cross-fit
 */

export interface TrialOptions {
  trials: number
  /** Index of the first trial (a shard of a scenario runs trials firstTrial … firstTrial + trials − 1). */
  firstTrial?: number
  pilotTrials: number
  /** Cross-fitting folds, and repetitions (absent: auto's budget, as without gate.crossfit.repeats). */
  repeats?: number
  /** Fits per spec and split (absent: auto's plan), as gate.crossfit.seeds would set. */
  seeds?: number
  /** Extra seeds fitted per split beyond the plan's, to evaluate other seed counts from the same fits. */
  extraSeeds?: number
  folds: number
  log: (line: string) => void
  /** Called after every trial with the run so far (the worker saves it, so a cut-short run keeps its trials). */
  onTrial?: (run: ScenarioRun) => void
}

export interface Scenario {
  /** Spec directory under bench/gate/specs or models/, or "synthetic". */
  model: string
  evalSize: number
  /** Labelled rows per trial (eval + training). */
  poolSize: number
}

/** One scenario's shards (the same scenario, disjoint trials) as one run: trials in order, seconds added. */
export function mergeShards(shards: ScenarioRun[]): ScenarioRun {
  const records = shards.flatMap((r) => r.records).sort((a, b) => a.trial - b.trial)
  return { ...shards[0]!, records, seconds: shards.reduce((a, r) => a + r.seconds, 0) }
}

/** "credit-logistic@300" → 300 eval rows, a pool of 5× that (a 20% eval split). */
export function parseScenario(text: string): Scenario {
  const m = /^([A-Za-z0-9._-]+)@(\d+)$/.exec(text)
  if (!m) throw new Error(`--models "${text}": expected NAME@EVAL_ROWS`)
  const evalSize = Number(m[2])
  if (evalSize < 50) throw new Error(`--models "${text}": EVAL_ROWS must be ≥ 50`)
  return { model: m[1]!, evalSize, poolSize: evalSize * 5 }
}

/** The crossfit column: the previous default plan, 2 repetitions of the same folds. */
export const REFERENCE_REPEATS = 2

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
  /** Seconds of auto's cross-fitting for this gate run: the champion's fold fits plus this challenger's. */
  crossfitSeconds?: number
  crossfit: {
    mean: number
    lower: number
    upper: number
    se: number
    /** Per-split Δ (split order), so other repeat counts can be re-evaluated from the same fits. */
    diffs: number[]
    /** Per split, per seed Δ (all fitted seeds, the plan's first); only when more than one seed was fitted. */
    seedDiffs?: number[][]
    trainRows: number
    testRows: number
  } | null
  verdicts: Partial<Record<Rule, RuleVerdict>>
  /**
   * Other cross-fitting plans evaluated on the same fits: "R×K×m" (m seeds per split, Δ̄'s variance split
   * into rows and seeds) and "R×K×m plain" (the plain correction on the split means).
   */
  variants?: Record<string, { verdict: RuleVerdict; diff: number; se: number }>
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
  /** gate.method: auto's choice (its repetitions; crossfit's column is the first REFERENCE_REPEATS of them). */
  auto: AutoChoice
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

  // gate.method: auto's choice for this model type and labelled row count (gate/crossfit-plan.ts), with the
  // repetitions the --repeats flag sets as gate.crossfit.repeats would.
  const choice = autoChoice(spec.model.type, scenario.poolSize, {
    folds: options.folds,
    repeats: options.repeats,
    seeds: options.seeds,
  })
  options.log(
    `${name}: auto → ${choice.method === 'crossfit' ? `crossfit ${choice.repeats}×${choice.folds} (${choice.repeats} repetitions: ${choice.why}; ${choice.work.toLocaleString('en-US')} used)` : `holdout (${choice.why})`}`,
  )
  const plan = choice.method === 'crossfit' ? choice : null
  const records: TrialRecord[] = []
  const runSoFar = (): ScenarioRun => ({
    name,
    modelType: spec.model.type,
    evalRows: scenario.evalSize,
    poolRows: scenario.poolSize,
    heldOutRows: heldOut.length,
    keyMetric,
    margin,
    auto: choice,
    folds: options.folds,
    repeats: choice.method === 'crossfit' ? choice.repeats : 0,
    levels,
    features,
    records,
    seconds: (performance.now() - started) / 1000,
  })
  const firstTrial = options.firstTrial ?? 0
  for (let t = firstTrial; t < firstTrial + options.trials; t++) {
    const seed = 1000 + 10 * t
    const { pool, evalRows, trainRows } = poolOf(seed)
    const [championEval, championH] = fit(trainRows, seed, null, [evalRows, heldOut])
    const championTrue = score(heldOut, championH!)
    const evalSet = {
      table: dataset.train.table,
      rows: evalRows,
      y: encodeTargets(dataset.target, dataset.train.table, evalRows),
    }
    // Cross-fitting splits over the whole pool (the product's crossfitSplits, with auto's plan); the
    // champion's fold predictions are shared by every challenger of this trial.
    const splits = plan ? crossfitSplits(pool, { folds: plan.folds, repeats: plan.repeats, seed }) : null
    const fitted = plan ? plan.seeds + (options.extraSeeds ?? 0) : 0
    // Fits of one model on every split with `count` seeds: [split][seed]; seed 0 is the previous harness's.
    const foldFits = (base: number, corruption: Corruption | null, count: number) =>
      splits!.splits.map((f, j) =>
        Array.from(
          { length: count },
          (_, s) => fit(f.train, base + j + s * SEED_STRIDE, corruption, [f.test])[0]!,
        ),
      )
    const championStarted = performance.now()
    const championFolds = splits ? foldFits(seed * 100, null, fitted) : null
    const championSeconds = ((performance.now() - championStarted) / 1000) * (plan ? plan.seeds / fitted : 1)
    const corruptions: (Corruption | null)[] = [
      null,
      ...levels.map((l) => ({ features, strength: l.strength })),
    ]
    const challengers = corruptions.map((corruption): ChallengerOutcome => {
      const [challengerEval, challengerH] = fit(trainRows, seed + 1, corruption, [evalRows, heldOut])
      /** The product's gate on this trial's eval rows: the key metric on all rows. */
      const keyComparison = (override?: CompareInput['override']) =>
        compareModels({
          spec,
          y: evalSet.y,
          classes: dataset.target.classes.length,
          challenger: challengerEval!,
          champion: championEval!,
          eval: evalSet,
          override,
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
      let crossfitSeconds: number | undefined
      let outcomeVariants: ChallengerOutcome['variants']
      if (plan && splits && championFolds) {
        const challengerStarted = performance.now()
        const challengerFolds = foldFits(seed * 100 + 50_000, corruption, fitted)
        const challengerSeconds = ((performance.now() - challengerStarted) / 1000) * (plan.seeds / fitted)
        // The product's estimate and rule: crossfitEstimates (Nadeau–Bengio) fed to compareModels, on the
        // first `repeats` repetitions and `seeds` seeds of the same fits (a smaller plan has the same splits).
        const crossfitComparison = (repeats: number, seeds = plan.seeds, plain = false) => {
          const used = { splits: splits.splits.slice(0, repeats * plan.folds) }
          const estimates = crossfitEstimates({
            metrics: [keyMetric],
            splits: used,
            seeds,
            fit: (which, _train, _test, j, s) =>
              (which === 'champion' ? championFolds : challengerFolds)[j]![s]!,
            score: (test, pred) => score(test, pred),
            confidence: spec.gate.confidence,
            trainShare: 0.8,
          })
          const k = estimates[keyMetric]!
          if (plain) {
            const nb = correctedResampledT({
              diffs: k.diffs,
              trainRows: Math.round(used.splits[0]!.train.length * 0.8),
              testRows: used.splits[0]!.test.length,
              confidence: spec.gate.confidence,
            })
            Object.assign(k, { lower: nb.lower, upper: nb.upper, se: nb.se })
          }
          return { e: keyComparison({ method: 'crossfit', estimates, note: 'harness' }), diffs: k.diffs }
        }
        const { e, diffs } = crossfitComparison(plan.repeats)
        crossfitSeconds = championSeconds + challengerSeconds
        // Other plans only where seeds matter (a deterministic trainer's seeds would all be alike).
        const variants: NonNullable<ChallengerOutcome['variants']> = {}
        for (let r = REFERENCE_REPEATS; fitted > 1 && r <= plan.repeats; r++)
          for (let m = 1; m <= fitted; m *= 2)
            for (const plain of m > 1 ? [false, true] : [false]) {
              const v = crossfitComparison(r, m, plain).e
              variants[`${r}×${plan.folds}×${m}${plain ? ' plain' : ''}`] = {
                verdict: v.verdict as RuleVerdict,
                diff: v.diff,
                se: v.se,
              }
            }
        const first = splits.splits[0]!
        crossfit = {
          mean: e.diff,
          lower: e.lower,
          upper: e.upper,
          se: e.se,
          diffs,
          seedDiffs:
            fitted > 1
              ? challengerFolds.map((split, j) =>
                  split.map(
                    (pred, s) =>
                      score(splits.splits[j]!.test, pred) -
                      score(splits.splits[j]!.test, championFolds[j]![s]!),
                  ),
                )
              : undefined,
          trainRows: Math.round(first.train.length * 0.8),
          testRows: first.test.length,
        }
        verdicts.auto = e.verdict as RuleVerdict
        if (plan.repeats >= REFERENCE_REPEATS)
          verdicts.crossfit = crossfitComparison(REFERENCE_REPEATS, 1).e.verdict as RuleVerdict
        if (fitted > 1) outcomeVariants = variants
      } else verdicts.auto = holdout
      return {
        trueDrop: championTrue - score(heldOut, challengerH!),
        diff: k.diff,
        se: k.se,
        halfWidth: k.halfWidth,
        detectableDrop: k.detectableDrop!,
        crossfitSeconds,
        crossfit,
        verdicts,
        variants: outcomeVariants,
      }
    })
    records.push({ trial: t, challengers })
    options.log(
      `${name} trial ${t + 1} (${t - firstTrial + 1}/${options.trials} of this process): ${challengers
        .map(
          (c, i) =>
            `${i === 0 ? 'harmless' : `${i}×`} ${c.verdicts.holdout}${c.verdicts.crossfit ? `/${c.verdicts.crossfit}` : ''} (Δ ${c.diff.toFixed(4)}, true ${(-c.trueDrop).toFixed(4)})`,
        )
        .join('; ')}`,
    )
    options.onTrial?.(runSoFar())
  }

  return runSoFar()
}
