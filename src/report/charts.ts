/**
 * Charts GitHub renders from the Markdown itself (Mermaid `xychart-beta` blocks), so a PR comment shows curves
 * without uploading images anywhere, and a Unicode interval plot of each gated difference against its margin.
 * Titles are fixed text; the few labels that come from results (a metric's label, run ids) pass through
 * mermaidLabel, which keeps only characters that cannot end a quoted string or a block.
 */
import type { ComparisonCurves, ReliabilityBin } from '../evaluate/curves.js'
import { signed } from './format.js'

/** Points per curve in a chart: enough to see its shape, few enough to keep the comment small. */
export const CHART_STEPS = 20

const round = (v: number): string => (Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '0')
const series = (values: ArrayLike<number>): string => `[${Array.from(values, round).join(', ')}]`
const grid = (steps: number): string =>
  `[${Array.from({ length: steps + 1 }, (_, s) => round(s / steps)).join(', ')}]`

/** Letters, digits, spaces and a little punctuation: never a quote, bracket, newline or backtick. */
export function mermaidLabel(text: string): string {
  return String(text)
    .replace(/[^\p{L}\p{N} .,:+()²_–-]/gu, ' ')
    .slice(0, 40)
}

function xychart(title: string, xAxis: string, yAxis: string, lines: string[], bars: string[] = []): string {
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis ${xAxis}`,
    `  y-axis ${yAxis}`,
    ...bars.map((b) => `  bar ${b}`),
    ...lines.map((l) => `  line ${l}`),
    '```',
  ].join('\n')
}

/** A curve stored on a grid of `from` steps, read at `to` evenly spaced points (linear in between). */
export function resample(values: readonly number[], to: number): number[] {
  const from = values.length - 1
  return Array.from({ length: to + 1 }, (_, s) => {
    const at = (s / to) * from
    const lo = Math.floor(at)
    const hi = Math.min(from, lo + 1)
    return values[lo]! + (at - lo) * (values[hi]! - values[lo]!)
  })
}

/** Mermaid draws lines in its palette order; the title says which is which. */
function legend(curves: ComparisonCurves): string {
  return curves.champion ? 'first line: champion, second: challenger' : 'challenger (no champion yet)'
}

function curveChart(
  curves: ComparisonCurves,
  pick: (c: ComparisonCurves['challenger']) => number[],
  title: string,
  xLabel: string,
  yLabel: string,
): string {
  const lines = [curves.champion, curves.challenger]
    .filter((c) => c !== null)
    .map((c) => series(resample(pick(c), CHART_STEPS)))
  return xychart(
    `${title} (${legend(curves)})`,
    `"${xLabel}" ${grid(CHART_STEPS)}`,
    `"${yLabel}" 0 --> 1`,
    lines,
  )
}

export function rocChart(curves: ComparisonCurves): string {
  return curveChart(curves, (c) => c.roc, 'ROC curve', 'false positive rate', 'true positive rate')
}

export function precisionRecallChart(curves: ComparisonCurves): string {
  return curveChart(curves, (c) => c.pr, 'Precision–recall', 'recall', 'precision')
}

/** Observed positive rate per predicted-probability bin (empty bins drawn on the diagonal), and the diagonal. */
export function reliabilityChart(curves: ComparisonCurves, bins = 10): string {
  const mids = Array.from({ length: bins }, (_, b) => (b + 0.5) / bins)
  const observed = (found: ReliabilityBin[]): number[] =>
    mids.map((mid, b) => found.find((f) => f.bin === b)?.observed ?? mid)
  const lines = [
    ...(curves.champion ? [series(observed(curves.champion.reliability))] : []),
    series(observed(curves.challenger.reliability)),
    series(mids),
  ]
  const who = curves.champion ? 'champion, challenger' : 'challenger'
  return xychart(
    `Reliability (lines: ${who}, perfect calibration)`,
    `"predicted probability" ${series(mids)}`,
    '"observed positive rate" 0 --> 1',
    lines,
  )
}

export interface HistoryPoint {
  /** A short name for the x axis (a run id's date, or "this PR"). */
  label: string
  value: number | null
}

/** The key metric of the champion's last promotions, oldest first, and the challenger's as the last bar. */
export function historyChart(metricLabel: string, points: HistoryPoint[]): string | null {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v))
  if (values.length < 2) return null
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const pad = Math.max((hi - lo) * 0.25, Math.abs(hi) * 0.005, 1e-4)
  const categories = points.map((p) => `"${mermaidLabel(p.label)}"`).join(', ')
  const name = mermaidLabel(metricLabel)
  return xychart(
    `${name} of the champion at its last promotions, and this challenger`,
    `[${categories}]`,
    `"${name}" ${round(lo - pad)} --> ${round(hi + pad)}`,
    [],
    [series(points.map((p) => p.value ?? lo - pad))],
  )
}

export interface IntervalRow {
  label: string
  diff: number
  lower: number
  upper: number
  /** The allowed drop (positive), or null for a metric without a margin. */
  margin: number | null
}

/**
 * One text line per gated difference on a shared axis: `┆` the margin, `│` zero, `[━●━]` the interval and its
 * point estimate — so why a verdict is pass, fail or inconclusive is visible at a glance.
 */
export function intervalPlot(rows: IntervalRow[], confidence = 0.95, width = 41): string {
  if (rows.length === 0) return ''
  const extent =
    Math.max(1e-9, ...rows.flatMap((r) => [Math.abs(r.lower), Math.abs(r.upper), r.margin ?? 0])) * 1.1
  const col = (v: number): number => Math.round(((v + extent) / (2 * extent)) * (width - 1))
  // Labels sit in a ```text fence: no backtick may close it, no newline may break a row.
  const clean = (label: string): string => label.replace(/[`\r\n\t]/g, ' ')
  const labelWidth = Math.max(...rows.map((r) => clean(r.label).length))
  const lines = rows.map((r) => {
    const cells = Array.from({ length: width }, () => '·')
    const lo = col(r.lower)
    const hi = col(r.upper)
    for (let c = lo; c <= hi; c++) cells[c] = '━'
    cells[lo] = '['
    cells[hi] = ']'
    cells[col(r.diff)] = '●'
    // Zero and the margin stay visible inside the interval; the bounds and the estimate win where they meet.
    const mark = (c: number, glyph: string): void => {
      if (cells[c] === '·' || cells[c] === '━') cells[c] = glyph
    }
    mark(col(0), '│')
    if (r.margin !== null) mark(col(-r.margin), '┆')
    return `${clean(r.label).padEnd(labelWidth)}  ${cells.join('')}  ${signed(r.diff)}`
  })
  const axis = `${''.padEnd(labelWidth)}  ${signed(-extent, 3).padEnd(width - 6)}${signed(extent, 3)}`
  return [
    '```text',
    ...lines,
    axis,
    `│ no change   ┆ the allowed drop   [━●━] the ${Math.round(confidence * 100)}% interval and the estimate`,
    '```',
  ].join('\n')
}
