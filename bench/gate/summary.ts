import { wilsonInterval } from '../../src/gate/stats/mcnemar.js'
import { criticalValue, normalCdf, normalQuantile } from '../../src/gate/stats/normal.js'
import { METRICS } from '../../src/evaluate/metrics.js'
import type { DatasetRun, Outcome } from './trials.js'

/** Rates over trials, with 95% Wilson intervals, and the Markdown table of the gate harness. */

export interface Rate {
  count: number
  trials: number
  share: number
  lower: number
  upper: number
}

export interface SideSummary {
  gate: { fail: Rate; inconclusive: Rate; pass: Rate }
  overallOnly: { fail: Rate; inconclusive: Rate }
  naive: { fail: Rate }
  key: { meanDiff: number; sdDiff: number; fail: Rate; meanDetectable: number; meanHalfWidth: number }
}

/** One regression strength: its true drop, what the report predicted, and what happened. */
export interface LevelSummary {
  /** Fraction of the tuned strength (1 = tuned). */
  fraction: number
  strength: number
  /** Mean key-metric drop of the regressed challengers over the trials (each on its own eval draw). */
  trueDrop: number
  meanDetectable: number
  /** Mean of Φ((trueDrop − stated detectable drop)/se + z₀.₉₀) over trials: the key-metric detection the reports imply. */
  predictedKey: number
  side: SideSummary
}

export interface DatasetSummary {
  name: string
  model: string
  modelType: string
  trials: number
  trainRows: number
  evalRows: number
  fixedEval: boolean
  keyMetric: string
  margin: number
  family: number
  regression: string
  harmless: SideSummary
  /** Weaker levels first, the tuned level last. */
  levels: LevelSummary[]
  targets: { falseAlarmMet: boolean; detectionMet: boolean; trueDropAtLeastDetectable: boolean }
}

const Z95 = criticalValue(0.95)
const Z90 = normalQuantile(0.9)

function rate(count: number, trials: number): Rate {
  const w = wilsonInterval(count, trials, Z95)
  return { count, trials, share: count / trials, lower: w.lower, upper: w.upper }
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length
}

function sd(values: number[]): number {
  const m = mean(values)
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, values.length - 1))
}

function side(o: Outcome[]): SideSummary {
  const n = o.length
  const count = (f: (x: Outcome) => boolean): Rate => rate(o.filter(f).length, n)
  return {
    gate: {
      fail: count((x) => x.verdict === 'fail'),
      inconclusive: count((x) => x.verdict === 'inconclusive'),
      pass: count((x) => x.verdict === 'pass'),
    },
    overallOnly: {
      fail: count((x) => x.overallVerdict === 'fail'),
      inconclusive: count((x) => x.overallVerdict === 'inconclusive'),
    },
    naive: { fail: count((x) => x.naive === 'fail') },
    key: {
      meanDiff: mean(o.map((x) => x.key.diff)),
      sdDiff: sd(o.map((x) => x.key.diff)),
      fail: count((x) => x.key.verdict === 'fail'),
      meanDetectable: mean(o.map((x) => x.key.detectableDrop)),
      meanHalfWidth: mean(o.map((x) => x.key.halfWidth)),
    },
  }
}

function level(fraction: number, strength: number, outcomes: Outcome[]): LevelSummary {
  const summary = side(outcomes)
  const trueDrop = -summary.key.meanDiff
  const predictedKey = mean(
    outcomes.map((o) => normalCdf((trueDrop - o.key.detectableDrop) / o.key.se + Z90)),
  )
  return {
    fraction,
    strength,
    trueDrop,
    meanDetectable: summary.key.meanDetectable,
    predictedKey,
    side: summary,
  }
}

export function summarize(run: DatasetRun): DatasetSummary {
  const harmless = side(run.records.map((r) => r.harmless))
  const levels = [
    ...run.weaker.map((w, i) =>
      level(
        w.fraction,
        w.strength,
        run.records.map((r) => r.weaker[i]!),
      ),
    ),
    level(
      1,
      run.regression.strength,
      run.records.map((r) => r.regressed),
    ),
  ]
  const tuned = levels[levels.length - 1]!
  const { features, strength } = run.regression
  const shuffled = features
    .map((f, k) => `${f} ${Math.round(Math.min(1, Math.max(0, strength - k)) * 100)}%`)
    .filter((t) => !t.endsWith(' 0%'))
  return {
    name: run.name,
    model: run.model,
    modelType: run.modelType,
    trials: run.records.length,
    trainRows: run.trainRows,
    evalRows: run.evalRows,
    fixedEval: run.fixedEval,
    keyMetric: run.keyMetric,
    margin: mean(run.records.map((r) => r.regressed.key.margin)),
    family: run.gate.family,
    regression: `shuffled in training: ${shuffled.join(', ')}`,
    harmless,
    levels,
    targets: {
      falseAlarmMet: harmless.gate.fail.share <= 0.05,
      detectionMet: tuned.side.gate.fail.share >= 0.9,
      trueDropAtLeastDetectable: tuned.trueDrop >= tuned.meanDetectable,
    },
  }
}

const pct = (r: Rate): string =>
  `${Math.round(r.share * 100)}% (${r.count}/${r.trials}; ${Math.round(r.lower * 100)}–${Math.round(r.upper * 100)}%)`
const short = (r: Rate): string => `${Math.round(r.share * 100)}%`
const f4 = (v: number): string => v.toFixed(4).replace('-', '−')

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`
}

function header(cells: string[]): string[] {
  return [row(cells), row(cells.map(() => '---'))]
}

export function markdownTable(
  summaries: DatasetSummary[],
  meta: { trials: number; share: number; command: string },
): string {
  const lines: string[] = []
  lines.push('# Gate harness: false alarms and detection on the example datasets', '')
  lines.push(
    `Generated by \`${meta.command}\`: ${meta.trials} trials per dataset. Each trial draws its own eval set (the spec's eval size unless the name says \`@rows\`; drawn anew from all rows, because the gate's intervals are statements over eval draws) and trains every model on its own ${Math.round(meta.share * 100)}% draw of the remaining rows with its own seed. The gate is each spec's own \`gate:\` and \`slices:\` config.`,
  )
  lines.push(
    "Harmless challenger: the champion's spec with another seed and another draw. Regressed challenger: the harmless challenger's seed and draw, with the most important features (permutation importance on the training rows) shuffled across a share of the training rows; the share is tuned on separate pilot seeds until the mean drop of the key metric reaches the detectable drop the report states.",
  )
  lines.push(
    'Rates are shares of trials with 95% Wilson intervals. "all-rows tests only" is the same gate ignoring its slice tests; "naive" fails when challenger − champion < −δ on the point estimates of the gated metrics (or a point value beyond a floor), as point-threshold gates do.',
    '',
  )
  lines.push(
    ...header([
      'dataset',
      'gate',
      'false alarms (harmless fails; target ≤ 5%)',
      'harmless inconclusive',
      'detection (regressed fails; target ≥ 90%)',
      'regressed inconclusive',
    ]),
  )
  for (const s of summaries) {
    const name = `${s.name} (${s.modelType}, ${s.evalRows} eval rows${s.fixedEval ? ', fixed' : ''})`
    const tuned = s.levels[s.levels.length - 1]!.side
    lines.push(
      row([
        name,
        `modelgate (Holm over ${s.family} tests)`,
        pct(s.harmless.gate.fail),
        short(s.harmless.gate.inconclusive),
        pct(tuned.gate.fail),
        short(tuned.gate.inconclusive),
      ]),
    )
    lines.push(
      row([
        name,
        'modelgate, all-rows tests only',
        pct(s.harmless.overallOnly.fail),
        short(s.harmless.overallOnly.inconclusive),
        pct(tuned.overallOnly.fail),
        short(tuned.overallOnly.inconclusive),
      ]),
    )
    lines.push(
      row([name, 'naive point threshold', pct(s.harmless.naive.fail), '—', pct(tuned.naive.fail), '—']),
    )
  }
  const met = (ok: (s: DatasetSummary) => boolean): string => {
    const yes = summaries.filter(ok).map((s) => s.name)
    const no = summaries.filter((s) => !ok(s)).map((s) => s.name)
    return no.length === 0
      ? `met on ${yes.join(', ')}`
      : `missed on ${no.join(', ')}${yes.length ? ` (met on ${yes.join(', ')})` : ''}`
  }
  lines.push(
    '',
    `Targets for modelgate's gate: false alarms ≤ 5% ${met((s) => s.targets.falseAlarmMet)}; detection ≥ 90% ${met((s) => s.targets.detectionMet)}; the regression's true drop ≥ the stated detectable drop ${met((s) => s.targets.trueDropAtLeastDetectable)}. Point estimates; with ${summaries[0]?.trials ?? 0} trials the Wilson intervals above show how far each rate is pinned down.`,
  )
  lines.push('', '## Does the stated detectable drop predict detection?', '')
  lines.push(
    'Each regression strength (the tuned one and weaker fractions of it) in the same trials. The true drop is the mean key-metric drop over the trials. "Predicted" is the key-metric detection rate that the reports\' standard errors and detectable drops imply for that true drop; "observed" is the share of trials whose key metric failed.',
    '',
  )
  lines.push(
    ...header([
      'dataset',
      'key metric (margin)',
      'strength',
      'true drop',
      'stated detectable drop (mean)',
      'true / stated',
      'predicted key-metric detection',
      'observed key-metric detection',
      'modelgate fails / inconclusive',
      'naive fails',
    ]),
  )
  for (const s of summaries) {
    const label = `${METRICS[s.keyMetric]?.label ?? s.keyMetric} (${f4(s.margin)})`
    for (const l of s.levels) {
      const strength =
        l.fraction === 1 ? `tuned (${l.strength.toFixed(2)})` : `${l.fraction}× (${l.strength.toFixed(2)})`
      lines.push(
        row([
          s.name,
          label,
          strength,
          f4(l.trueDrop),
          f4(l.meanDetectable),
          (l.trueDrop / l.meanDetectable).toFixed(2),
          `${Math.round(l.predictedKey * 100)}%`,
          pct(l.side.key.fail),
          `${short(l.side.gate.fail)} / ${short(l.side.gate.inconclusive)}`,
          short(l.side.naive.fail),
        ]),
      )
    }
  }
  lines.push('', '## Retrain noise and the regressions', '')
  lines.push(
    ...header([
      'dataset',
      'harmless key-metric Δ (mean ± sd)',
      'harmless CI half-width (mean)',
      'regression',
    ]),
  )
  for (const s of summaries)
    lines.push(
      row([
        s.name,
        `${f4(s.harmless.key.meanDiff)} ± ${f4(s.harmless.key.sdDiff)}`,
        f4(s.harmless.key.meanHalfWidth),
        s.regression,
      ]),
    )
  return `${lines.join('\n')}\n`
}
