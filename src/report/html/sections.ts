/**
 * The HTML report's sections beyond the headline comparison: slices, what changed, the model card, and the
 * (importance, drift and schema changes are in insights.ts). Every value from data, specs or results goes
 * through htmlText; numbers through the report's formatters.
 */
import type { ModelResult } from '../../pipeline/types.js'
import { htmlText } from '../escape.js'
import { int, interval, num, signed } from '../format.js'

export const cell = (text: string, numeric = false): string =>
  `<td${numeric ? ' class="num"' : ''}>${text}</td>`

/** A table whose cells are already HTML (escaped by the caller); headers are plain text. */
export function htmlTable(header: string[], rows: string[][], numeric: number[] = []): string {
  const head = header.map((h) => `<th>${htmlText(h)}</th>`).join('')
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => cell(c, numeric.includes(i))).join('')}</tr>`)
    .join('\n')
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`
}

export function slicesSection(result: ModelResult): string {
  const compared = result.gate?.comparisons.filter((c) => c.scope.kind === 'slice') ?? []
  if (compared.length === 0) {
    const own = result.challengerSlices ?? []
    if (own.length === 0) return ''
    return `<h3>Slices (challenger; no champion yet)</h3>${htmlTable(
      ['slice', 'rows', ...result.metricNames],
      own.map((s) => [
        `${htmlText(s.column)} = ${htmlText(s.value)}`,
        int(s.n),
        ...result.metricNames.map((m) => num(s.metrics[m])),
      ]),
      [1, ...result.metricNames.map((_, i) => i + 2)],
    )}`
  }
  return `<h3>Slices</h3>${htmlTable(
    ['slice', 'rows', 'metric', 'champion', 'challenger', 'Δ (CI)', 'verdict'],
    compared.map((c) => [
      c.scope.kind === 'slice' ? `${htmlText(c.scope.column)} = ${htmlText(c.scope.value)}` : '',
      int(c.n),
      htmlText(c.label),
      num(c.champion),
      num(c.challenger),
      `${signed(c.diff)} (${interval(c.lower, c.upper)})`,
      c.verdict === 'not-gated' ? `not gated: ${htmlText(c.reason)}` : htmlText(c.verdict),
    ]),
    [1, 3, 4, 5],
  )}`
}

export function changesSection(result: ModelResult): string {
  const changes = result.changes
  if (!changes) return ''
  const body =
    changes.spec === null
      ? `<p>Spec changes: unknown (${htmlText(changes.specNote ?? 'no stored spec')}).</p>`
      : changes.spec.length === 0
        ? "<p>Spec changes: none (the challenger's spec is the champion's).</p>"
        : `<ul>${changes.spec.map((c) => `<li><code>${htmlText(c)}</code></li>`).join('')}</ul>`
  const dirty = changes.dirty
    ? '<p class="warn">The working tree had uncommitted changes: the commit does not fully describe this challenger.</p>'
    : ''
  return `<h3>Spec and schema changes since the champion</h3>${body}${dirty}`
}

export function cardSection(result: ModelResult): string {
  const card = result.card ?? {}
  const list = (items: string[] | undefined, none: string): string =>
    items?.length
      ? `<ul>${items.map((i) => `<li>${htmlText(i)}</li>`).join('')}</ul>`
      : `<p class="muted">${none}</p>`
  const sources = htmlTable(
    ['role', 'files', 'sha256'],
    (result.sources ?? []).map((s) => [
      htmlText(s.role),
      htmlText(s.files.join(', ')),
      `<code>${htmlText(s.sha256)}</code>`,
    ]),
  )
  return `<div class="card"><h3>Model card</h3>
<h4>Intended use</h4>${card.intended_use ? `<p>${htmlText(card.intended_use)}</p>` : '<p class="muted">Not stated (card.intended_use).</p>'}
<h4>Owners</h4>${list(card.owners, 'Not stated (card.owners).')}
<h4>Data sources</h4>${sources}
<h4>Known limitations</h4>${list(card.limitations, 'None stated (card.limitations).')}
</div>`
}
