import type { RunInsights } from '../types/explain.js'
import type { DriftReport, FeatureDrift, SchemaChange } from '../types/profile.js'
import { mdText } from './escape.js'
import { int, num, table, VERDICT_ICON } from './format.js'

/** Rows shown in the drift table: every flagged feature, then the largest PSIs up to this many. */
const SHOWN = 8

function pct(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`
}

function testCell(f: FeatureDrift): string {
  if (f.kind === 'numeric') return `KS ${num(f.ks, 3)}`
  const c = f.chiSquare
  if (!c || Number.isNaN(c.statistic)) return 'χ² n/a'
  return `χ² ${num(c.statistic, 1)} (df ${c.dof}, p ${c.pValue < 1e-4 ? '< 0.0001' : num(c.pValue, 4)})`
}

/** One schema change as plain text. */
export function schemaChangeText(c: SchemaChange): string {
  const list = (values: string[]): string =>
    `${values.slice(0, 10).join(', ')}${values.length > 10 ? `, … (${int(values.length)} in all)` : ''}`
  switch (c.change) {
    case 'added':
      return `${c.feature}: new feature (${c.kind})`
    case 'removed':
      return `${c.feature}: feature removed (was ${c.kind})`
    case 'kind':
      return `${c.feature}: ${c.from} → ${c.to}`
    case 'new-categories':
      return `${c.feature}: new categories ${list(c.categories)}`
    case 'dropped-categories':
      return `${c.feature}: categories no longer seen ${list(c.categories)}`
  }
}

/** The drift table and schema changes of one report (Markdown; every name escaped). */
export function driftMarkdown(report: DriftReport): string {
  const out: string[] = []
  const ranked = [...report.features].sort((a, b) => (b.psi || 0) - (a.psi || 0))
  const shown = ranked.filter((f, i) => f.flagged || i < SHOWN)
  const largest = ranked[0]
  if (report.flagged.length === 0 && largest)
    out.push(
      `No feature over PSI ${num(report.threshold, 2)} (${mdText(report.subject)} vs ${mdText(report.reference)}); the largest is ${num(largest.psi, 3)} (${mdText(largest.feature)}).`,
    )
  else if (report.flagged.length)
    out.push(
      `${report.flagged.length} feature${report.flagged.length > 1 ? 's' : ''} over PSI ${num(report.threshold, 2)} (${mdText(report.subject)} vs ${mdText(report.reference)}): ${mdText(report.flagged.join(', '))}.`,
    )
  if (shown.length)
    out.push(
      table(
        ['feature', 'kind', 'PSI', 'test', 'missing (reference → new)', ''],
        shown.map((f) => [
          f.feature,
          f.kind,
          num(f.psi, 3),
          testCell(f),
          `${pct(f.missingRate.reference)} → ${pct(f.missingRate.actual)}`,
          f.flagged ? '⚠️ drift' : '',
        ]),
      ),
    )
  if (ranked.length > shown.length) out.push(`${int(ranked.length - shown.length)} more features below.`)
  if (report.schemaChanges.length)
    out.push(
      `Schema changes:\n${report.schemaChanges.map((c) => `- ${mdText(schemaChangeText(c))}`).join('\n')}`,
    )
  return out.join('\n\n')
}

/** The report's drift section for a run: the gate's finding, the table, the schema changes; or the note. */
export function driftSection(insights: RunInsights | undefined): string | null {
  if (!insights) return null
  if (!insights.drift) return insights.driftNote ? `**Data drift**: ${mdText(insights.driftNote)}.` : null
  const { report, check } = insights.drift
  const head = check ? `${VERDICT_ICON[check.verdict]} ${mdText(check.sentence)}` : null
  return [`**Data drift**`, head, driftMarkdown(report)].filter(Boolean).join('\n\n')
}
