import { binomialLowerTail } from '../../src/gate/stats/binomial.js'
import { wilsonInterval } from '../../src/gate/stats/mcnemar.js'
import { criticalValue } from '../../src/gate/stats/normal.js'
import { failProbability } from '../../src/gate/stats/power.js'
import { studentTQuantile } from '../../src/gate/stats/student-t.js'
import { METRICS } from '../../src/evaluate/metrics.js'
import { RULES, type ChallengerOutcome, type Rule, type ScenarioRun } from './trials.js'

/** Rates over trials with 95% Wilson intervals (one-sided Clopper–Pearson bounds for false alarms). */

export interface Rate {
  count: number
  trials: number
  share: number
  lower: number
  upper: number
  /** One-sided 95% Clopper–Pearson upper bound: the largest rate under which ≤ count events has prob ≥ 5%. */
  upperOneSided: number
}

export function clopperPearsonUpper(count: number, trials: number, alpha = 0.05): number {
  if (count >= trials) return 1
  let lo = count / trials
  let hi = 1
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2
    if (binomialLowerTail(count, trials, mid) > alpha) lo = mid
    else hi = mid
  }
  return hi
}

export function rate(count: number, trials: number): Rate {
  const ci = wilsonInterval(count, trials, criticalValue(0.95))
  return {
    count,
    trials,
    share: trials ? count / trials : Number.NaN,
    lower: ci.lower,
    upper: ci.upper,
    upperOneSided: clopperPearsonUpper(count, trials),
  }
}

export interface ChallengerSummary {
  /** 0 = harmless, else the multiple of the margin the regression was calibrated to. */
  multiple: number
  /** Mean and sd over trials of the true drop measured on the held-out set. */
  trueDrop: number
  trueDropSd: number
  fail: Partial<Record<Rule, Rate>>
  inconclusive: Partial<Record<Rule, Rate>>
  /** Mean over trials of failProbability(that trial's true drop, δ, its pair se): what the reports imply. */
  predictedHoldout: number
  /** Mean over trials of the eval split's estimated drop −Δ̂. */
  meanEstimate: number
  meanDetectable: number
  meanSe: number
  crossfitMeanSe: number | null
  /** Cross-fitting plans evaluated on the same fits (ChallengerOutcome.variants), by name. */
  variants: Record<string, VariantSummary>
}

/**
 * One cross-fitting plan over a challenger's trials: its fail and inconclusive rates, and whether its stated
 * se is the spread its Δ̂ really has from trial to trial (each trial a fresh pool of labelled rows).
 */
export interface VariantSummary {
  fail: Rate
  inconclusive: Rate
  meanSe: number
  /** Sd over trials of the plan's Δ̂. */
  sdDiff: number
  /**
   * Share of trials whose interval Δ̂ ± t·se covers the centre: 0 for a harmless challenger (the same spec,
   * so exactly 0 is the truth), else the mean of Δ̂ over the trials.
   */
  coverage: number
}

export interface ScenarioSummary {
  name: string
  modelType: string
  evalRows: number
  poolRows: number
  heldOutRows: number
  keyMetric: string
  margin: number
  trials: number
  /** What gate.method: auto ran, e.g. "crossfit 10×5 (… row-fits)" or "holdout (why)". */
  auto: string
  /** Median seconds of auto's cross-fitting per gate run (both specs on every split), or null. */
  crossfitSeconds: number | null
  challengers: ChallengerSummary[]
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length
const median = (v: number[]): number | null => {
  if (v.length === 0) return null
  const s = [...v].sort((a, b) => a - b)
  const h = s.length >> 1
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2
}
const sd = (v: number[]): number => {
  const m = mean(v)
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1))
}

export function summarize(run: ScenarioRun): ScenarioSummary {
  const confidence = 0.95
  const challengers = [0, ...run.levels.map((l) => l.multiple)].map((multiple, i): ChallengerSummary => {
    const o: ChallengerOutcome[] = run.records.map((r) => r.challengers[i]!)
    const n = o.length
    const fail: ChallengerSummary['fail'] = {}
    const inconclusive: ChallengerSummary['inconclusive'] = {}
    for (const rule of RULES) {
      const judged = o.filter((x) => x.verdicts[rule] !== undefined)
      if (judged.length === 0) continue
      fail[rule] = rate(judged.filter((x) => x.verdicts[rule] === 'fail').length, judged.length)
      inconclusive[rule] = rate(
        judged.filter((x) => x.verdicts[rule] === 'inconclusive').length,
        judged.length,
      )
    }
    const trueDrop = mean(o.map((x) => x.trueDrop))
    const cf = o.filter((x) => x.crossfit).map((x) => x.crossfit!.se)
    const variants: ChallengerSummary['variants'] = {}
    for (const name of Object.keys(o[0]?.variants ?? {})) {
      const v = o.map((x) => x.variants?.[name]).filter((x) => x !== undefined)
      if (v.length !== n) continue
      // "R×K×m…": J = R·K splits, df J − 1.
      const [r, k] = name.split(/[×\s]/).map(Number)
      const t = studentTQuantile(1 - (1 - confidence) / 2, r! * k! - 1)
      const centre = multiple === 0 ? 0 : mean(v.map((x) => x.diff))
      variants[name] = {
        fail: rate(v.filter((x) => x.verdict === 'fail').length, n),
        inconclusive: rate(v.filter((x) => x.verdict === 'inconclusive').length, n),
        meanSe: mean(v.map((x) => x.se)),
        sdDiff: sd(v.map((x) => x.diff)),
        coverage: v.filter((x) => Math.abs(x.diff - centre) <= t * x.se).length / n,
      }
    }
    return {
      multiple,
      trueDrop,
      trueDropSd: sd(o.map((x) => x.trueDrop)),
      fail,
      inconclusive,
      predictedHoldout: mean(o.map((x) => failProbability(x.trueDrop, run.margin, x.se, confidence))),
      meanEstimate: mean(o.map((x) => -x.diff)),
      meanDetectable: mean(o.map((x) => x.detectableDrop)),
      meanSe: mean(o.map((x) => x.se)),
      crossfitMeanSe: cf.length === n ? mean(cf) : null,
      variants,
    }
  })
  return {
    name: run.name,
    modelType: run.modelType,
    evalRows: run.evalRows,
    poolRows: run.poolRows,
    heldOutRows: run.heldOutRows,
    keyMetric: run.keyMetric,
    margin: run.margin,
    trials: run.records.length,
    auto:
      run.auto.method === 'crossfit'
        ? `crossfit ${run.auto.repeats}×${run.auto.folds}${(run.auto.seeds ?? 1) > 1 ? ` × ${run.auto.seeds} seeds` : ''}, ${run.auto.work.toLocaleString('en-US')} training row-fits`
        : `holdout: ${run.auto.why}`,
    crossfitSeconds: median(
      run.records.flatMap((r) =>
        r.challengers.flatMap((c) => (c.crossfitSeconds === undefined ? [] : [c.crossfitSeconds])),
      ),
    ),
    challengers,
  }
}

const pc = (x: number): string => `${Math.round(x * 100)}%`
const pct = (r: Rate | undefined): string =>
  r ? `${pc(r.share)} (${r.count}/${r.trials}; ${pc(r.lower)}–${pc(r.upper)})` : '—'
const falseAlarm = (r: Rate | undefined): string =>
  r ? `${pc(r.share)} (${r.count}/${r.trials}; ≤ ${(r.upperOneSided * 100).toFixed(1)}%)` : '—'
const f4 = (v: number): string => v.toFixed(4).replace('-', '−')
const row = (cells: string[]): string => `| ${cells.join(' | ')} |`
const header = (cells: string[]): string[] => [row(cells), row(cells.map(() => '---'))]

const RULE_LABEL: Record<Rule, string> = {
  naive: 'naive Δ̂ < −δ',
  wholeCi: 'previous rule (CI < −δ)',
  holdout: 'holdout rule (signif. worse & Δ̂ < −δ)',
  failClosed: 'holdout + fail closed',
  crossfit: 'crossfit 2×5, one seed (previous default)',
  auto: 'auto',
}

export function markdownTable(summaries: ScenarioSummary[], meta: { command: string }): string {
  const lines: string[] = ['# Gate harness: false alarms and detection with the default gate (issue 9)', '']
  lines.push(
    `Generated by \`${meta.command}\`. Every spec names only \`gate.metrics.roc_auc.max_drop\` (δ = 0.01). Each scenario's labelled rows are split once into a held-out set (only for measuring true drops) and a population; each trial draws its own pool of labelled rows from the population (eval rows = the scenario's size, training rows = 4× that) and trains the champion and each challenger on their own random 80% of the training rows with their own seed. Harmless challenger: the champion's spec on another draw. Regressions: the harmless draw with the most important features shuffled across a share of the training rows, the share calibrated on separate pilot pools so the mean true drop on the held-out set is 1×, 2×, 3× δ; the table shows the true drop measured in the trials themselves. The held-out set is fixed per scenario, so its own sampling error (roughly ±0.005 AUC on 1,000–1,500 rows, ±0.002 on 10,000–20,000) is common to all trials of a scenario: the real-data scenarios' true drops are known only to about that.`,
    '',
    `Rules: **naive** fails when Δ̂ < −δ on the eval split; **previous rule** fails when the whole CI < −δ; **holdout rule** (modelgate's rule on the eval split) fails when the challenger is significantly worse than the champion (CI < 0) and Δ̂ < −δ; **fail closed** additionally fails when undecided with a CI half-width > δ; **crossfit 2×5** (the previous default plan, one fit per spec and split) retrains both specs on 2×5-fold cross-fitting of all the trial's labelled rows (the same folds for both; each on its own 80% draw of the fold's training rows and its own seed) and applies the holdout rule to the Nadeau–Bengio corrected resampled t interval of the per-fold Δ (the Δ̂ of the rule is the cross-fitted mean); **auto** is what the default \`gate.method: auto\` runs, chosen by the product's own \`autoChoice\` (src/gate/crossfit-plan.ts) for the model type and the trial's labelled rows: cross-fitting with as many repetitions (2–10) as the family's work budget allows and, for MLPs, 4 seeds per spec and split whose own variance is not inflated by the folds' overlap (src/gate/stats/nadeau-bengio.ts seedReplicatedT) — shown per scenario; its first two repetitions' first seeds are the crossfit 2×5 column's folds and fits — or the holdout rule where auto does not cross-fit. Fail rates with 95% Wilson intervals; for harmless challengers (false alarms) the one-sided 95% Clopper–Pearson upper bound (≤ …).`,
    '',
  )
  lines.push(
    ...header([
      'scenario',
      'challenger (true drop on held-out, mean ± sd)',
      ...(['naive', 'wholeCi', 'holdout', 'failClosed', 'crossfit', 'auto'] as Rule[]).map(
        (r) => `${RULE_LABEL[r]}: fails`,
      ),
      'holdout / auto inconclusive',
    ]),
  )
  for (const s of summaries) {
    const scenario = `${s.name} (${s.modelType}, ${s.evalRows} eval of ${s.poolRows} labelled rows; held-out ${s.heldOutRows}; auto: ${s.auto})`
    for (const c of s.challengers) {
      const cell = c.multiple === 0 ? falseAlarm : pct
      lines.push(
        row([
          scenario,
          `${c.multiple === 0 ? 'harmless' : `${c.multiple}× δ`} (${f4(c.trueDrop)} ± ${f4(c.trueDropSd)})`,
          ...(['naive', 'wholeCi', 'holdout', 'failClosed', 'crossfit', 'auto'] as Rule[]).map((r) =>
            cell(c.fail[r]),
          ),
          `${c.inconclusive.holdout ? pc(c.inconclusive.holdout.share) : '—'} / ${c.inconclusive.auto ? pc(c.inconclusive.auto.share) : '—'}`,
        ]),
      )
    }
  }
  lines.push('', '## Predicted vs observed power of the holdout rule', '')
  lines.push(
    "Predicted: the mean over trials of P(fail) = Φ((D − max(δ, z·se))/se) at each trial's true drop D (measured on the held-out set) and its own pair standard error se (what the report's \"a true drop of … would fail 9 times in 10\" rests on); observed: the share of trials that failed. A gap between them is the gap between the held-out drop and what the eval split estimates (the \"estimated drop\" column: the eval split's mean −Δ̂). The harmless pair's se is smaller than a regressed pair's (models that rank rows differently).",
    '',
  )
  lines.push(
    ...header([
      'scenario',
      'challenger',
      'true drop',
      'estimated drop on the eval split (mean)',
      'stated detectable drop (mean)',
      'predicted',
      'observed',
      'pair se (mean)',
      'auto crossfit se (mean)',
    ]),
  )
  for (const s of summaries)
    for (const c of s.challengers)
      lines.push(
        row([
          s.name,
          c.multiple === 0 ? 'harmless' : `${c.multiple}× δ`,
          f4(c.trueDrop),
          f4(c.meanEstimate),
          f4(c.meanDetectable),
          pc(c.predictedHoldout),
          pct(c.fail.holdout),
          f4(c.meanSe),
          c.crossfitMeanSe === null ? '—' : f4(c.crossfitMeanSe),
        ]),
      )
  lines.push('', "## What auto's cross-fitting costs per gate run", '')
  lines.push(
    "Median wall time of one gate run's cross-fitting in the harness (the champion's and one challenger's fits on every split, scoring included), on the machine and load of this run; the product fits on all of a fold's training rows where the harness fits on an 80% draw of them.",
    '',
    ...header(['scenario', 'auto', 'seconds per gate run (median)']),
    ...summaries.map((s) =>
      row([s.name, s.auto, s.crossfitSeconds === null ? '—' : s.crossfitSeconds.toFixed(1)]),
    ),
  )
  lines.push(...variantsSection(summaries))
  const label = METRICS[summaries[0]?.keyMetric ?? 'roc_auc']?.label ?? ''
  lines.push('', `Key metric: ${label}.`)
  return `${lines.join('\n')}\n`
}

/** The plans evaluated on the same fits (--extra-seeds), if any scenario has them. */
function variantsSection(summaries: ScenarioSummary[]): string[] {
  const withVariants = summaries.filter((s) => s.challengers.some((c) => Object.keys(c.variants).length > 1))
  if (withVariants.length === 0) return []
  const lines = ['', '## Cross-fitting plans compared on the same fits', '']
  lines.push(
    "Each row is one plan applied to the same trials' fits: R×K×m is R repetitions of K folds with m seeds per spec and split (the first m of the seeds fitted), Δ̄'s variance split into the part of the rows (Nadeau–Bengio corrected) and the seeds' (independent; src/gate/stats/nadeau-bengio.ts seedReplicatedT); \"plain\" applies the plain correction to the split means. Calibration: the stated se (mean) beside the sd of Δ̂ from trial to trial, and the share of trials whose 95% interval covers the centre (0 for harmless challengers, the trials' mean Δ̂ for regressions). The trials' pools are drawn without replacement from one population (credit's is twice a pool's size), so they overlap and the spread of Δ̂ understates the part of its variance that comes from the rows, by a factor of up to 1/√(1 − pool/population) in sd (√2 for credit-tight); the seeds' part is not affected.",
    '',
    ...header([
      'scenario',
      'challenger',
      'plan',
      'fails',
      'inconclusive',
      'se (mean)',
      'sd of Δ̂',
      'coverage',
    ]),
  )
  for (const s of withVariants)
    for (const c of s.challengers)
      for (const [name, v] of Object.entries(c.variants))
        lines.push(
          row([
            s.name,
            c.multiple === 0 ? 'harmless' : `${c.multiple}× δ`,
            name,
            (c.multiple === 0 ? falseAlarm : pct)(v.fail),
            pc(v.inconclusive.share),
            f4(v.meanSe),
            f4(v.sdDiff),
            pc(v.coverage),
          ]),
        )
  return lines
}
