/**
 * A data value as an error message may quote it (a CSV cell, a label, a column name): JSON-quoted, so
 * control characters and quotes are visible and cannot end the message or forge a line, and cut to
 * EXCERPT_MAX_CHARS characters with "…" and the full length. A message never carries a file's contents.
 */
export const EXCERPT_MAX_CHARS = 40

export function excerpt(value: string, max = EXCERPT_MAX_CHARS): string {
  const chars = [...String(value)]
  if (chars.length <= max) return JSON.stringify(chars.join(''))
  return `${JSON.stringify(chars.slice(0, max).join(''))}… (${chars.length} characters)`
}

/** The same cap without the quotes, for lists of known labels ("known: blue, green, red"). */
export function clip(value: string, max = EXCERPT_MAX_CHARS): string {
  const quoted = excerpt(value, max)
  return quoted.replace(/^"((?:[^"\\]|\\.)*)"/, '$1')
}
