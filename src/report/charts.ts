/**
 * Charts GitHub renders from the Markdown itself (Mermaid `xychart-beta` blocks), so a PR comment shows curves
 * without uploading images anywhere, and a Unicode interval plot of each gated difference against its margin.
 * Titles and labels are fixed text: nothing user-controlled enters a Mermaid block.
 */
import { precisionOnGrid, reliabilityBins, rocOnGrid, type CurvePoints } from '../evaluate/curves.js'
import { signed } from './format.js'

/** Points per curve in a chart: enough to see its shape, few enough to keep the comment small. */
export const CHART_STEPS = 20

const round = (v: number): string => (Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '0')
const series = (values: ArrayLike<number>): string => `[${Array.from(values, round).join(', ')}]`
const grid = (steps: number): string =>
  `[${Array.from({ length: steps + 1 }, (_, s) => round(s / steps)).join(', ')}]`

function xychart(title: string, xLabel: string, xs: string, yLabel: string, lines: string[]): string {
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis "${xLabel}" ${xs}`,
    `  y-axis "${yLabel}" 0 --> 1`,
    ...lines.map((l) => `  line ${l}`),
    '```',
  ].join('\n')
}

export interface CurvePair {
  champion: CurvePoints | null
  challenger: CurvePoints
}

/** Mermaid draws lines in its palette order; the legend says which is which. */
function legend(pair: CurvePair): string {
  return pair.champion ? 'first line: champion, second: challenger' : 'challenger (no champion yet)'
}

export function rocChart(pair: CurvePair): string {
  const lines = [pair.champion, pair.challenger]
    .filter((c): c is CurvePoints => c !== null)
    .map((c) => series(rocOnGrid(c, CHART_STEPS)))
  return `${xychart(`ROC curve (${legend(pair)})`, 'false positive rate', grid(CHART_STEPS), 'true positive rate', lines)}`
}

export function precisionRecallChart(pair: CurvePair): string {
  const lines = [pair.champion, pair.challenger]
    .filter((c): c is CurvePoints => c !== null)
    .map((c) => series(precisionOnGrid(c, CHART_STEPS)))
  return xychart(`Precision–recall (${legend(pair)})`, 'recall', grid(CHART_STEPS), 'precision', lines)
}

/** Observed positive rate per predicted-probability bin (empty bins drawn at the diagonal), and the diagonal. */
export function reliabilityChart(y: Uint8Array, score: Float64Array, bins = 10): string {
  const found = reliabilityBins(y, score, bins)
  const mids = Array.from({ length: bins }, (_, b) => (b + 0.5) / bins)
  const observed = mids.map((mid, b) => found.find((f) => f.bin === b)?.observed ?? mid)
  return xychart(
    'Reliability (first line: challenger, second: perfect calibration)',
    'predicted probability',
    series(mids),
    'observed positive rate',
    [series(observed), series(mids)],
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
  const labelWidth = Math.max(...rows.map((r) => r.label.length))
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
    return `${r.label.padEnd(labelWidth)}  ${cells.join('')}  ${signed(r.diff)}`
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
