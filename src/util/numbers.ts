/**
 * Numbers as every surface writes them (report, sentences, logs, CLI): a leaf module, so the gate and the
 * pipeline can phrase a number without importing the report.
 */

/** A metric value: four decimals in [0, 1]-ish ranges, fewer for large values; "n/a" for NaN; "−" for minus. */
export function formatMetric(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞'
  const abs = Math.abs(value)
  const text = abs >= 1000 ? value.toFixed(1) : abs >= 100 ? value.toFixed(2) : value.toFixed(digits)
  return text.replace('-', '−')
}

/** A difference with its sign: "+0.0012", "−0.0040", "0.0000". */
export function formatSigned(value: number, digits = 4): string {
  const text = formatMetric(value, digits)
  return value > 0 && text !== formatMetric(0, digits) ? `+${text}` : text
}

/** A confidence interval: "−0.0047 … +0.0015". */
export function formatInterval(lower: number, upper: number, digits = 4): string {
  return `${formatSigned(lower, digits)} … ${formatSigned(upper, digits)}`
}

/** A count with thousands separators: "1,430". */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US')
}

/** A commit as people read it: its first seven hex digits. */
export function shortSha(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 7) : 'unknown commit'
}
