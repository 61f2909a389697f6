import type { ModelVerdict } from '../gate/types.js'

/** Number formatting shared by every report surface (CLI, PR comment, check run, job summary). */

export const VERDICT_ICON: Record<ModelVerdict | 'not-gated', string> = {
  pass: '✅',
  fail: '❌',
  inconclusive: '⚠️',
  'no-champion': '🆕',
  'not-gated': '·',
}

export function verdictLabel(verdict: ModelVerdict | 'not-gated'): string {
  return `${VERDICT_ICON[verdict]} ${verdict}`
}

/** Four significant decimals for metric values in [0, 1]-ish ranges, more digits for large ones. */
export function num(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞'
  const abs = Math.abs(value)
  const text = abs >= 1000 ? value.toFixed(1) : abs >= 100 ? value.toFixed(2) : value.toFixed(digits)
  return text.replace('-', '−')
}

export function signed(value: number, digits = 4): string {
  const text = num(value, digits)
  return value > 0 && text !== num(0, digits) ? `+${text}` : text
}

export function interval(lower: number, upper: number, digits = 4): string {
  return `${signed(lower, digits)} … ${signed(upper, digits)}`
}

export function int(value: number): string {
  return value.toLocaleString('en-US')
}

export function shortSha(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 7) : 'unknown commit'
}

export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/**
 * Text as a Markdown code span whatever it holds: the fence is one backtick longer than the longest run of
 * backticks inside (CommonMark), padded when the text starts or ends with one; newlines become spaces.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ')
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n')
}

/** The worst verdict over models: fail > inconclusive > pass > no-champion. */
export function worstVerdict(verdicts: ModelVerdict[]): ModelVerdict {
  const order: ModelVerdict[] = ['fail', 'inconclusive', 'pass', 'no-champion']
  for (const v of order) if (verdicts.includes(v)) return v
  return 'no-champion'
}
