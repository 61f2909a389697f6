/**
 * The one redaction every log line and error message passes through (the loggers, describeError, the
 * top-level catches, GitHub API errors): credentials never reach a log, a job summary, a results file or a PR
 * comment, even when a value the user gave or a server's error body carries them. By pattern, because the
 * text may come from anywhere (an SDK message, a hostile server echoing request headers).
 */

export const REDACTED = '***'

const PATTERNS: [RegExp, string][] = [
  // userinfo in any URL: s3://AKIA…:secret@bucket, https://x-access-token:ghs_…@github.com. A password
  // may hold "/" and "+" (AWS secret keys do), so user:password runs to the "@" whatever it contains.
  [/\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^\s@"'<>:/]*:[^\s@"'<>]*@/g, `$1${REDACTED}@`],
  [/\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^\s/?#@"'<>]*@/g, `$1${REDACTED}@`],
  // Authorization header values, as a server may echo them ("authorization: token …", "Bearer …").
  [/\b(authorization["']?\s*[:=]\s*["']?)(?:(token|bearer|basic)\s+)?[^\s"',}]+/gi, `$1$2 ${REDACTED}`],
  [/\b(bearer|token)\s+[A-Za-z0-9._~+/=-]{16,}/gi, `$1 ${REDACTED}`],
  // GitHub tokens (classic, fine-grained, app installation, OAuth, refresh).
  [/\b(gh[opusr]_[A-Za-z0-9_]{8,}|github_pat_[A-Za-z0-9_]{8,})/g, REDACTED],
  // AWS access key ids.
  [/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, REDACTED],
]

export function redactSecrets(text: string): string {
  let out = text
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out.replace(/ {2,}\*\*\*/g, ` ${REDACTED}`)
}

/**
 * A plain log line of the Actions runner is parsed for workflow commands (`::error::`, `::add-mask::`,
 * `::stop-commands::`) at the start of every line: a data value with a newline could forge one. Lines that
 * would start with "::" get a word joiner between the colons.
 */
export function neutraliseWorkflowCommands(text: string): string {
  return text.replace(/(^|\n)(\s*):(?=:)/g, '$1$2:\u2060')
}
