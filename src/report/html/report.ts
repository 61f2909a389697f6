/**
 * The full report as one self-contained HTML file per run or comparison: inline CSS and SVG, no script, no
 * network (a Content-Security-Policy that forbids everything but inline styles), readable at phone width and in
 * dark mode. Every user-controlled string (model, column, category and class names, commits, notes) goes
 * through htmlText/htmlAttr.
 */
import type { ComparisonCurves, GridCurves } from '../../evaluate/curves.js'
import type { MetricComparison } from '../../gate/types.js'
import type { ModelResult } from '../../pipeline/types.js'
import { gatedIntervalPlot } from '../chart-sections.js'
import { htmlText } from '../escape.js'
import { int, interval, num, shortSha, signed, worstVerdict } from '../format.js'
import { cardSection, cell, changesSection, htmlTable, slicesSection } from './sections.js'
import { driftHtml, importanceHtml } from './insights.js'
import { confusionHeatMap, lineChart, type Series } from './svg.js'
import { REPORT_CSS } from './style.js'

export interface HtmlReportOptions {
  title?: string
  /** When the report was made (ISO time), shown in the footer. */
  generatedAt: string
}

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

/** Text symbols any system font has (the Markdown's emoji need an emoji font, which a page cannot assume). */
const HTML_ICON: Record<string, string> = { pass: '✔', fail: '✘', inconclusive: '⚠', 'no-champion': '★' }

function verdictSpan(verdict: string): string {
  const icon = HTML_ICON[verdict] ?? ''
  return `<span class="verdict-${htmlText(verdict)}">${icon} ${htmlText(verdict)}</span>`
}

/** The overall comparisons (slices have their own table). */
function comparisonRows(comparisons: MetricComparison[]): string {
  return comparisons
    .map((c) =>
      [
        '<tr>',
        cell(htmlText(c.label)),
        cell(int(c.n), true),
        cell(num(c.champion), true),
        cell(num(c.challenger), true),
        cell(`${signed(c.diff)} (${interval(c.lower, c.upper)})`, true),
        cell(c.margin === null ? '—' : `−${num(c.margin)}`, true),
        cell(c.verdict === 'not-gated' ? `not gated: ${htmlText(c.reason)}` : verdictSpan(c.verdict)),
        '</tr>',
      ].join(''),
    )
    .join('\n')
}

const onGrid = (values: number[], steps: number): { x: number[]; y: number[] } => ({
  x: values.map((_, s) => s / steps),
  y: values,
})

function charts(curves: ComparisonCurves | null | undefined): string {
  if (!curves) return ''
  const pair = (pick: (c: GridCurves) => number[]): Series[] => [
    ...(curves.champion
      ? [{ name: 'champion' as const, points: onGrid(pick(curves.champion), curves.steps) }]
      : []),
    { name: 'challenger', points: onGrid(pick(curves.challenger), curves.steps) },
  ]
  const bins = (c: GridCurves): { x: number[]; y: number[] } => ({
    x: c.reliability.map((b) => b.predicted),
    y: c.reliability.map((b) => b.observed),
  })
  const reliability: Series[] = [
    ...(curves.champion ? [{ name: 'champion' as const, points: bins(curves.champion) }] : []),
    { name: 'challenger', points: bins(curves.challenger) },
    { name: 'perfect calibration', points: { x: [0, 1], y: [0, 1] } },
  ]
  return `<div class="charts">${[
    lineChart(
      'ROC curve',
      'false positive rate',
      'true positive rate',
      pair((c) => c.roc),
    ),
    lineChart(
      'Precision–recall',
      'recall',
      'precision',
      pair((c) => c.pr),
    ),
    lineChart('Reliability', 'predicted probability', 'observed rate', reliability),
  ].join('\n')}</div>`
}

function historySection(result: ModelResult): string {
  const points = result.history?.points ?? []
  if (points.length === 0) return ''
  return `<h3>The champion's ${htmlText(result.history!.metric)} at its last promotions</h3>${htmlTable(
    ['promoted at', 'run', 'value'],
    points.map((p) => [htmlText(p.at), htmlText(p.runId), num(p.value)]),
    [2],
  )}`
}

function modelSection(result: ModelResult): string {
  const parts: string[] = [
    `<h2 id="model-${htmlText(result.name)}">${htmlText(result.name)}: ${verdictSpan(result.verdict)}</h2>`,
  ]
  const challenger = `challenger ${htmlText(shortSha(result.challenger.commit))}, run ${htmlText(result.runId)}`
  const champion = result.champion
    ? ` vs champion run ${htmlText(result.champion.runId ?? '')} (${htmlText(shortSha(result.champion.commit))}), scored on the same rows`
    : result.championNote
      ? ` — the champion could not be compared: ${htmlText(result.championNote)}`
      : ' — no champion yet'
  parts.push(
    `<p>${challenger}${champion}. Eval: ${int(result.data.evalRows)} rows (${htmlText(result.data.evalSource)}); trained on ${int(result.data.trainRows)} rows.</p>`,
  )
  if (result.gate) {
    const gate = result.gate
    parts.push(
      `<div class="scroll"><table class="metrics"><thead><tr><th>metric</th><th>rows</th><th>champion</th><th>challenger</th><th>Δ (${Math.round(gate.confidence * 100)}% CI, + = better)</th><th>margin</th><th>verdict</th></tr></thead><tbody>
${comparisonRows(gate.comparisons.filter((c) => c.scope.kind === 'overall'))}</tbody></table></div>`,
    )
    const sentences = gate.comparisons
      .filter((c) => c.scope.kind === 'overall')
      .map((c) => `<li>${htmlText(c.sentence)}</li>`)
    const gaps = gate.gaps.map((g) => `<li>${verdictSpan(g.verdict)} ${htmlText(g.sentence)}</li>`)
    const notes = gate.notes.map((n) => `<li class="muted">${htmlText(n)}</li>`)
    parts.push(`<ul>${[...sentences, ...gaps, ...notes].join('')}</ul>`)
    const plot = gatedIntervalPlot(result)
    // htmlText makes one line of its input, so each line of the plot is escaped on its own.
    const lines = plot?.split('\n').slice(1, -1).map(htmlText)
    if (lines) parts.push(`<pre class="intervals">${lines.join('\n')}</pre>`)
  } else {
    const rows = result.metricNames.map(
      (m) => `<tr>${cell(htmlText(m))}${cell(num(result.challenger.metrics[m]), true)}</tr>`,
    )
    parts.push(
      `<div class="scroll"><table><thead><tr><th>metric</th><th>challenger</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    )
  }
  parts.push(charts(result.curves))
  const details = result.challenger.details
  if (details && details.task !== 'regression' && details.confusion.length <= 20) {
    const labels = details.classes.map((k) => result.classLabels?.[k] ?? String(k))
    parts.push(
      `<h3>Confusion matrix (challenger)</h3><div class="scroll">${confusionHeatMap(labels, details.confusion)}</div>`,
    )
  }
  parts.push(slicesSection(result), historySection(result), changesSection(result))
  parts.push(importanceHtml(result.insights), driftHtml(result.insights))
  parts.push(cardSection(result))
  if (result.warnings.length)
    parts.push(`<ul class="warnings">${result.warnings.map((w) => `<li>${htmlText(w)}</li>`).join('')}</ul>`)
  parts.push(
    `<p class="muted">${result.backend.name ? `backend ${htmlText(result.backend.name)} (tfjs ${htmlText(result.backend.tfjs ?? '')})` : 'tfjs not started'}; data sha256 ${htmlText(result.data.sha256)}</p>`,
  )
  return `<section>${parts.join('\n')}</section>`
}

export function renderHtmlReport(results: ModelResult[], options: HtmlReportOptions): string {
  const worst = worstVerdict(results.map((r) => r.verdict))
  const title = `${options.title ?? 'modelgate'}: ${worst}`
  const toc = results.map(
    (r) => `<li><a href="#model-${htmlText(r.name)}">${htmlText(r.name)}</a>: ${verdictSpan(r.verdict)}</li>`,
  )
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${htmlText(title)}</title>
<style>${REPORT_CSS}</style></head>
<body><header><h1>${htmlText(options.title ?? 'modelgate')}: ${verdictSpan(worst)}</h1><ul>${toc.join('')}</ul></header>
<main>${results.map((r) => modelSection(r)).join('\n')}</main>
<footer class="muted">Generated by modelgate at ${htmlText(options.generatedAt)}. This file is self-contained: it loads nothing from the network.</footer>
</body></html>
`
}
