/**
 * The charts of one model's result as the comment shows them: the interval plot of each gated overall
 * difference against its margin (next to the verdict), and ROC, precision–recall, reliability and the
 * champion's history as Mermaid blocks in one collapsed section.
 */
import { METRICS } from '../evaluate/metrics.js'
import type { ModelResult } from '../pipeline/types.js'
import { historyChart, intervalPlot, precisionRecallChart, reliabilityChart, rocChart } from './charts.js'
import { htmlText } from './escape.js'

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v)

/** The plot of every gated overall difference with a margin, or null when there is none. */
export function gatedIntervalPlot(result: ModelResult): string | null {
  const rows = (result.gate?.comparisons ?? [])
    .filter(
      (c) =>
        c.scope.kind === 'overall' &&
        c.verdict !== 'not-gated' &&
        c.margin !== null &&
        finite(c.diff) &&
        finite(c.lower) &&
        finite(c.upper),
    )
    .map((c) => ({ label: c.label, diff: c.diff, lower: c.lower, upper: c.upper, margin: c.margin }))
  return rows.length ? intervalPlot(rows, result.gate!.confidence) : null
}

/** Short x-axis names for the history: the promotion's date and time, the challenger as "this run". */
function historyPoints(result: ModelResult): { label: string; value: number | null }[] {
  const points = (result.history?.points ?? []).map((p) => ({
    label: p.at.slice(5, 16).replace('T', ' '),
    value: p.value,
  }))
  const key = result.history?.metric ?? result.keyMetric
  return [...points, { label: 'this run', value: result.challenger.metrics[key] ?? null }]
}

/** The Mermaid charts of one model, or null when it has none (not binary, or a one-class eval set). */
export function chartBlocks(result: ModelResult): string[] {
  const blocks: string[] = []
  if (result.curves)
    blocks.push(rocChart(result.curves), precisionRecallChart(result.curves), reliabilityChart(result.curves))
  if (result.history && result.history.points.length > 0) {
    const metric = result.history.metric
    const chart = historyChart(METRICS[metric]?.label ?? metric, historyPoints(result))
    if (chart) blocks.push(chart)
  }
  return blocks
}

/** The collapsed charts section of one model, or null. */
export function chartsDetails(result: ModelResult): string | null {
  const blocks = chartBlocks(result)
  if (blocks.length === 0) return null
  return `<details><summary>Charts of ${htmlText(result.name)}</summary>\n\n${blocks.join('\n\n')}\n\n</details>`
}
