/**
 * The HTML report's importance, drift and schema-change sections, from the run's insights (the explain stage's
 * permutation importance and the drift stage's report). Feature names and category values are data: every one
 * goes through htmlText (schema-change sentences are built as plain text, then escaped whole).
 */
import { METRICS } from '../../types/metric-catalogue.js'
import type { RunInsights } from '../../types/explain.js'
import type { FeatureDrift } from '../../types/profile.js'
import { schemaChangeText } from '../drift-section.js'
import { importanceCell, rankCell } from '../explain-section.js'
import { htmlText } from '../escape.js'
import { int, num, signed } from '../format.js'
import { htmlTable } from './sections.js'

/** Features shown in the importance table (the rest are counted). */
const SHOWN = 15

/** An inline bar (SVG, no style attribute) proportional to value / largest; empty for missing or negative. */
function bar(value: number | null, largest: number): string {
  const width = value !== null && value > 0 && largest > 0 ? Math.round((value / largest) * 80) : 0
  return `<svg class="bar" width="80" height="8" viewBox="0 0 80 8" aria-hidden="true"><rect x="0" y="0" width="${width}" height="8"/></svg>`
}

export function importanceHtml(insights: RunInsights | undefined): string {
  if (!insights) return ''
  const note = insights.importanceNote ? `<p class="warn">${htmlText(insights.importanceNote)}</p>` : ''
  const comparison = insights.importance
  if (!comparison) return note ? `<h3>Feature importance</h3>${note}` : ''
  const { challenger, champion } = comparison
  const label = METRICS[comparison.metric]?.label ?? comparison.metric
  const changes = comparison.changes.filter((c) => c.challengerRank !== null || c.championRank !== null)
  const shown = changes.slice(0, SHOWN)
  const largest = Math.max(0, ...shown.map((c) => c.challenger ?? 0))
  const intro = `<p class="muted">Permutation importance: the drop in ${htmlText(label)} when a feature's values are shuffled across ${int(challenger.rows)} eval rows (mean ± sd over ${challenger.repeats} shuffles${champion ? `; champion run <code>${htmlText(comparison.championRunId ?? '')}</code> on the same rows and shuffles` : ''}).</p>`
  const rows = shown.map((c) => [
    htmlText(c.feature),
    `${bar(c.challenger, largest)} ${importanceCell(challenger, c.feature)}`,
    ...(champion
      ? [
          importanceCell(champion, c.feature),
          c.challenger !== null && c.champion !== null ? signed(c.challenger - c.champion) : '—',
        ]
      : []),
    rankCell(c),
  ])
  const header = champion
    ? ['feature', 'challenger', 'champion', 'Δ', 'rank']
    : ['feature', 'importance', 'rank']
  const more =
    changes.length > shown.length
      ? `<p class="muted">${int(changes.length - shown.length)} more features not shown.</p>`
      : ''
  return `<h3>Feature importance</h3>${intro}${note}${htmlTable(header, rows, champion ? [1, 2, 3] : [1])}${more}`
}

function testText(f: FeatureDrift): string {
  if (f.kind === 'numeric') return f.ks === undefined ? '—' : `KS ${num(f.ks, 3)}`
  const c = f.chiSquare
  if (!c || Number.isNaN(c.statistic)) return 'χ² n/a'
  return `χ² ${num(c.statistic, 1)} (df ${c.dof}, p ${c.pValue < 1e-4 ? '< 0.0001' : num(c.pValue, 4)})`
}

const pct = (rate: number): string => `${(rate * 100).toFixed(1)}%`

export function driftHtml(insights: RunInsights | undefined): string {
  if (!insights) return ''
  const note = insights.driftNote ? `<p class="warn">${htmlText(insights.driftNote)}</p>` : ''
  const drift = insights.drift
  if (!drift) return note ? `<h3>Data drift</h3>${note}` : ''
  const { report, check } = drift
  const ranked = [...report.features].sort((a, b) => (b.psi || 0) - (a.psi || 0))
  const verdict = check
    ? `<p class="verdict-${check.verdict}">${htmlText(check.sentence)}</p>`
    : `<p class="muted">${int(report.flagged.length)} of ${int(report.features.length)} features over PSI ${num(report.threshold, 2)} (not gated).</p>`
  const table = htmlTable(
    ['feature', 'kind', 'PSI', 'test', 'missing (reference → new)', 'over threshold'],
    ranked.map((f) => [
      htmlText(f.feature),
      htmlText(f.kind),
      num(f.psi, 3),
      testText(f),
      `${pct(f.missingRate.reference)} → ${pct(f.missingRate.actual)}`,
      f.flagged ? '<span class="verdict-fail">yes</span>' : 'no',
    ]),
    [2],
  )
  const schema = report.schemaChanges.length
    ? `<h3>Schema changes</h3><ul>${report.schemaChanges.map((c) => `<li>${htmlText(schemaChangeText(c))}</li>`).join('')}</ul>`
    : '<h3>Schema changes</h3><p class="muted">None: the same features, kinds and categories as the reference.</p>'
  return `<h3>Data drift (${htmlText(report.subject)} vs ${htmlText(report.reference)}, PSI threshold ${num(report.threshold, 2)})</h3>${note}${verdict}${table}${schema}`
}
