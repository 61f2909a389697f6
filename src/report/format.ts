import type { ModelVerdict } from '../gate/types.js'
import { mdCell } from './escape.js'

/** Verdict labels, tables and numbers for every report surface (CLI, PR comment, check run, job summary). */

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

// The report's short names for the number formatters (src/util/numbers.ts is the one definition).
export {
  formatMetric as num,
  formatSigned as signed,
  formatInterval as interval,
  formatCount as int,
  shortSha,
} from '../util/numbers.js'

/** A GFM table; every cell is plain text and escaped here (values, labels and names come from data). */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(mdCell).join(' | ')} |`
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n')
}

export { worstVerdict } from '../gate/outcome.js'
