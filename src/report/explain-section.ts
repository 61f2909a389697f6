import { METRICS } from '../evaluate/metrics.js'
import type {
  ImportanceChange,
  ImportanceComparison,
  ImportanceResult,
  RunInsights,
} from '../types/explain.js'
import { mdCode, mdText } from './escape.js'
import { int, num, signed, table } from './format.js'

/** Features listed in the report's importance table. */
const SHOWN = 8

/** A feature's importance as mean ± sd, or — when the run has none for it. */
export function importanceCell(result: ImportanceResult | null, feature: string): string {
  const f = result?.features.find((x) => x.feature === feature)
  return f ? `${num(f.mean)} ± ${num(f.sd)}` : '—'
}

/** The challenger's rank, with the champion's when it differs ("3 (was 4)", "(new)", "(=)"). */
export function rankCell(c: ImportanceChange): string {
  if (c.championRank === null) return c.challengerRank === null ? '—' : `${c.challengerRank} (new)`
  if (c.challengerRank === null) return `— (was ${c.championRank})`
  if (c.challengerRank === c.championRank) return `${c.challengerRank} (=)`
  return `${c.challengerRank} (was ${c.championRank})`
}

/** The importance table (Markdown): top features, the champion beside the challenger when there is one. */
export function importanceMarkdown(comparison: ImportanceComparison): string {
  const { challenger, champion } = comparison
  const label = METRICS[comparison.metric]?.label ?? comparison.metric
  const intro = `Permutation importance: the drop in ${mdText(label)} when a feature's values are shuffled across ${int(challenger.rows)} eval rows (mean ± sd over ${challenger.repeats} shuffles${champion ? `; champion run ${mdCode(comparison.championRunId ?? '')} on the same rows and shuffles` : ''}).`
  const changes = comparison.changes.filter((c) => c.challengerRank !== null || c.championRank !== null)
  const shown = changes.slice(0, SHOWN)
  const rows = shown.map((c) =>
    champion
      ? [
          c.feature,
          importanceCell(challenger, c.feature),
          importanceCell(champion, c.feature),
          c.challenger !== null && c.champion !== null ? signed(c.challenger - c.champion) : '—',
          rankCell(c),
        ]
      : [
          c.feature,
          importanceCell(challenger, c.feature),
          c.challengerRank === null ? '—' : String(c.challengerRank),
        ],
  )
  const header = champion
    ? ['feature', 'challenger', 'champion', 'Δ', 'rank']
    : ['feature', 'importance', 'rank']
  const more =
    changes.length > shown.length ? `\n\n${int(changes.length - shown.length)} more features below.` : ''
  return `${intro}\n\n${table(header, rows)}${more}`
}

/** The report's explanation section for a run, or its note, or null. */
export function explainSection(insights: RunInsights | undefined): string | null {
  if (!insights) return null
  const parts = ['**Feature importance**']
  if (insights.importance) parts.push(importanceMarkdown(insights.importance))
  if (insights.importanceNote) parts.push(`⚠️ ${mdText(insights.importanceNote)}`)
  return parts.length > 1 ? parts.join('\n\n') : null
}
