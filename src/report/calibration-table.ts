/** What `modelgate calibrate` prints: the calibration of each gated metric as a table, and where it was stored. */
import type { CalibrationResult, CalibrationRun, MetricCalibration } from '../pipeline/calibrate.js'
import { int, num, table } from './format.js'

/** The readable table `modelgate calibrate` prints. */
export function calibrationTable(result: CalibrationResult): string {
  const how =
    result.method === 'seeds'
      ? `${result.seeds.length} retrains with seeds ${result.seeds[0]}…${result.seeds[result.seeds.length - 1]}`
      : `${result.seeds.length} retrains on bootstrap draws of the ${int(result.trainRows)} training rows (a seed does not change this model)`
  const pctOf = (value: number, r: MetricCalibration): string =>
    r.marginPct !== null ? ` (${((100 * value) / Math.abs(r.mean)).toFixed(1)}%)` : ''
  const rows = result.metrics.map((r) => [
    r.label,
    num(r.mean),
    num(r.sd),
    num(r.sdDiff),
    `±${num(r.halfWidth)}`,
    r.margin === null ? '—' : `${num(r.margin)}${pctOf(r.margin, r)}`,
    r.passRateAtMargin === null ? '—' : `${Math.round(100 * r.passRateAtMargin)}%`,
    r.detectableDrop === null ? '—' : num(r.detectableDrop),
    `${num(r.suggestedMargin)}${pctOf(r.suggestedMargin, r)}`,
  ])
  const header = [
    'metric',
    'mean',
    'sd (retrains)',
    'sd (paired Δ)',
    'CI half-width',
    'margin',
    'harmless passes',
    'detectable drop',
    'suggested margin',
  ]
  const notes = result.metrics
    .filter((r) => r.margin !== null && r.margin < r.suggestedMargin)
    .map(
      (r) =>
        `- ${r.label}: the configured margin ${num(r.margin)} is below the suggested ${num(r.suggestedMargin)}, so a harmless retrain passes this metric less than 9 times in 10.`,
    )
  return [
    `${result.model}: ${how}, scored on ${int(result.evalRows)} eval rows.`,
    '',
    table(header, rows),
    '',
    `- ${result.rule}.`,
    '- CI half-width and detectable drop: median over adjacent retrains compared by the gate (champion = one retrain, challenger = the next); harmless passes = Φ((margin − half-width) / sd(paired Δ)).',
    ...notes,
  ].join('\n')
}

/** The command's whole output: the table, then where the calibration was stored. */
export function calibrationText(run: CalibrationRun): string {
  const where =
    run.storedKey === null
      ? `not stored: ${run.location} is read-only here`
      : `stored at ${run.location}/${run.storedKey}; run reports show it`
  return `${calibrationTable(run.result)}\n- ${where}.\n`
}
