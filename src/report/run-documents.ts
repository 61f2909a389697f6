/**
 * The documents stored with every run: its self-contained HTML report and its model card. The entry points
 * hand this to the pipeline (PipelineDeps.runDocuments), which cannot import the report layer itself.
 */
import type { ModelResult } from '../pipeline/types.js'
import { RUN_CARD_FILE, RUN_REPORT_FILE } from '../types/run-layout.js'
import type { Clock } from '../util/clock.js'
import { renderHtmlReport } from './html/report.js'
import { renderModelCard } from './model-card.js'

export function runDocuments(clock: Clock): (result: ModelResult) => Record<string, string> {
  return (result) => ({
    [RUN_REPORT_FILE]: renderHtmlReport([result], {
      title: `modelgate run ${result.runId}`,
      generatedAt: clock.now().toISOString(),
    }),
    [RUN_CARD_FILE]: renderModelCard(result),
  })
}
