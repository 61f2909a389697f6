import type { ModelResult } from '../pipeline/types.js'
import { mdText } from '../report/escape.js'
import { renderReport } from '../report/markdown.js'

/** GitHub keeps at most 1 MiB of job summary per step; stay under it with room for the notes. */
export const JOB_SUMMARY_MAX_CHARS = 900_000

/** Appends Markdown to the job summary (GITHUB_STEP_SUMMARY); main.ts wires it to @actions/core. */
export type SummarySink = (markdown: string) => Promise<void>

/** The job summary's report: the full report, cut only if it nears GitHub's limit. */
export function jobSummary(models: ModelResult[]): string {
  return renderReport(models, { title: 'modelgate', maxChars: JOB_SUMMARY_MAX_CHARS })
}

/** Notes (plain text, escaped here) on what was (not) posted and why, as quoted paragraphs after the report. */
export function summaryNotes(notes: string[]): string {
  return `${notes.map((n) => `> ${mdText(n)}`).join('\n>\n')}\n`
}
