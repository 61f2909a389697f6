import { reportedVerdict } from '../gate/outcome.js'
import type { ModelResult } from '../pipeline/types.js'

/**
 * The CLI's report: the same Markdown, with every table padded to its columns' display width (aligned
 * Markdown is still Markdown, so the text reads in a terminal and renders anywhere), and a closing part that
 * says where the results went and what to do next.
 */

/** Columns a code point takes in a terminal: 0 for combining marks and joiners, 2 for wide and emoji ones. */
function codePointWidth(ch: string, cp: number): number {
  if (/\p{M}/u.test(ch) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0
  if (/\p{Extended_Pictographic}/u.test(ch) && cp > 0x2000) return 2
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2
  return 1
}

/** The width of a string in terminal columns (East Asian wide characters and emoji count two). */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) width += codePointWidth(ch, ch.codePointAt(0)!)
  return width
}

/** Cells of a Markdown table row; `\|` (an escaped pipe inside a cell) does not split. */
function cellsOf(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim())
}

function alignTable(lines: string[]): string[] {
  const rows = lines.map(cellsOf)
  const columns = Math.max(...rows.map((r) => r.length))
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(3, ...rows.map((r, i) => (i === 1 ? 3 : displayWidth(r[c] ?? '')))),
  )
  return rows.map((row, i) => {
    const cells = widths.map((w, c) =>
      i === 1 ? '-'.repeat(w) : (row[c] ?? '') + ' '.repeat(w - displayWidth(row[c] ?? '')),
    )
    return `| ${cells.join(' | ')} |`
  })
}

/** Pad every Markdown table (a header line, a `|---|` line, rows) so its columns line up in a terminal. */
export function alignTables(markdown: string): string {
  const lines = markdown.split('\n')
  const out: string[] = []
  for (let i = 0; i < lines.length;) {
    if (lines[i]!.startsWith('|') && /^\|(\s*:?-+:?\s*\|)+\s*$/.test(lines[i + 1] ?? '')) {
      let end = i + 2
      while (end < lines.length && lines[end]!.startsWith('|')) end++
      out.push(...alignTable(lines.slice(i, end)))
      i = end
    } else out.push(lines[i++]!)
  }
  return out.join('\n')
}

export interface RunOutputs {
  /** Where runs are stored (the store location). */
  store: string
  jsonFile?: string
  reportFile?: string
  htmlFile?: string
  promote: boolean
}

/** What to do next for one model, from its (reported) verdict and what this run did. */
function nextStep(m: ModelResult, options: RunOutputs): string {
  const verdict = reportedVerdict(m.verdict, m.onInconclusive)
  const run = m.stored ? m.runId : null
  if (m.promoted)
    return `it is the champion now; \`modelgate history ${m.name}\` shows the change, \`modelgate rollback ${m.name}\` undoes it`
  if (verdict === 'fail')
    return `the champion stays; fix the regression (or widen the margin in ${m.specPath}) and run again`
  if (verdict === 'inconclusive')
    return `the eval set cannot settle it; add eval rows, or measure the retrain noise with \`modelgate calibrate ${m.name}\``
  if (!run) return `nothing was stored (${m.storeNote ?? 'read-only store'}), so there is nothing to promote`
  if (options.promote) return `not promoted: ${m.promoteNote ?? 'see above'}`
  return `make it the champion with \`modelgate promote ${m.name} ${run}\` (or \`modelgate run --promote\`)`
}

/** The report's closing part in a terminal: where each run and the files went, and the next step. */
export function runFooter(models: ModelResult[], options: RunOutputs): string {
  const lines = ['---', '', `Results in ${options.store}:`]
  for (const m of models) {
    const documents = m.documents ? ` (with ${m.documents.report} and ${m.documents.card})` : ''
    const where = m.stored
      ? `run \`${m.runId}\`${documents}`
      : `not stored (${m.storeNote ?? 'read-only store'})`
    lines.push(`- ${m.name}: ${where}; next: ${nextStep(m, options)}.`)
  }
  const files = [
    options.reportFile ? `report in ${options.reportFile}` : null,
    options.htmlFile ? `HTML report in ${options.htmlFile}` : null,
    options.jsonFile
      ? `machine-readable results in ${options.jsonFile}`
      : 'add `--json FILE` for machine-readable results',
  ].filter((f) => f !== null)
  lines.push('', `${files.join('; ')}.`)
  return `${lines.join('\n')}\n`
}
