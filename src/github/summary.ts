import type { ModelResult, NotTrained } from '../pipeline/types.js'
import { mdText } from '../report/escape.js'
import { renderReport, type DocumentLinks } from '../report/markdown.js'

/** GitHub keeps at most 1 MiB of job summary per step; stay under it with room for the notes. */
export const JOB_SUMMARY_MAX_CHARS = 900_000

/** Appends Markdown to the job summary (GITHUB_STEP_SUMMARY); main.ts wires it to @actions/core. */
export type SummarySink = (markdown: string) => Promise<void>

/** The job summary's report: the full report, cut only if it nears GitHub's limit. */
export function jobSummary(
  models: ModelResult[],
  links: Record<string, DocumentLinks> = {},
  notTrained: NotTrained[] = [],
): string {
  return renderReport(models, { title: 'modelgate', maxChars: JOB_SUMMARY_MAX_CHARS, links, notTrained })
}

/**
 * Notes on what was (not) posted and why, as quoted paragraphs after the report. Each note is Markdown: the
 * caller escapes what it embeds (markdownNote), so that our own code spans and links stay formatted.
 */
export function summaryNotes(notes: string[]): string {
  return `${notes.map((n) => `> ${n}`).join('\n>\n')}\n`
}

/**
 * One note twice: plain for the log, Markdown for the summary. A tagged template: its literal text is our
 * own Markdown, every interpolated value is untrusted text and escaped (mdText).
 */
export function markdownNote(
  strings: TemplateStringsArray,
  ...values: string[]
): { plain: string; markdown: string } {
  const plain = strings.reduce((out, s, i) => out + s + (values[i] ?? ''), '')
  const markdown = strings.reduce((out, s, i) => out + s + (i < values.length ? mdText(values[i]!) : ''), '')
  return { plain, markdown }
}
