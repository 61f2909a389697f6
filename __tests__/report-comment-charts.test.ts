/**
 * The PR comment's charts, from real runs of a small binary model: the interval plot sits with the verdict,
 * the Mermaid charts (ROC, precision–recall, reliability, the champion's history) are collapsed below it and
 * every block parses with mermaid's own parser; a comment with many slices stays under GitHub's limit by
 * dropping the charts first, and says so.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { commentBody, COMMENT_MAX_CHARS } from '../src/github/comment.js'
import { jobSummary } from '../src/github/summary.js'
import type { MetricComparison } from '../src/gate/types.js'
import type { ModelResult } from '../src/pipeline/types.js'
import type { RunInsights } from '../src/types/explain.js'
import { renderReport } from '../src/report/markdown.js'
import { mermaidBlocks, parseMermaid } from './helpers/mermaid.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const GITHUB_LIMIT = 65_536
const CONTEXT = { workflow: 'ci', commit: 'a'.repeat(40), runUrl: null, toolVersion: '0.1.0' }

async function runs(): Promise<{ first: ModelResult; second: ModelResult }> {
  const root = await makeWorkspace()
  await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(500, 8) })
  expect((await runCli(root, ['run', '--promote', '--json', '1.json'])).code).toBe(0)
  await writeModel(root, 'toy', SMALL_SPEC.replace('type: logistic', 'type: logistic\n  C: 0.01'), {})
  expect((await runCli(root, ['run', '--json', '2.json', '--fail-on', 'never'])).code).toBe(0)
  const read = async (f: string): Promise<ModelResult> =>
    (JSON.parse(await fs.readFile(path.join(root, f), 'utf8')) as { models: ModelResult[] }).models[0]!
  const out = { first: await read('1.json'), second: await read('2.json') }
  await fs.rm(root, { recursive: true, force: true })
  return out
}

/** The same result with `count` more slice comparisons (copies of a real one, each its own slice value). */
function withManySlices(result: ModelResult, count: number): ModelResult {
  const overall = result.gate!.comparisons.find((c) => c.scope.kind === 'overall')!
  const slices: MetricComparison[] = Array.from({ length: count }, (_, i) => ({
    ...overall,
    scope: { kind: 'slice', column: 'region', value: `region-${i}` },
    verdict: 'inconclusive',
    sentence: `ROC AUC on region=region-${i}: the interval reaches past the allowed drop (slice ${i} of ${count}).`,
  }))
  return { ...result, gate: { ...result.gate!, comparisons: [...result.gate!.comparisons, ...slices] } }
}

describe('charts in the PR comment and job summary', () => {
  let r: Awaited<ReturnType<typeof runs>>
  beforeAll(async () => {
    r = await runs()
  })

  test('the comparison shows the interval plot by its table and four parsed charts, collapsed', async () => {
    const body = commentBody([r.second], CONTEXT)
    const plot = body.indexOf('```text\nROC AUC')
    const details = body.indexOf('<details><summary>Charts of toy</summary>')
    expect(plot).toBeGreaterThan(body.indexOf('| metric | champion | challenger |'))
    expect(details).toBeGreaterThan(plot)
    const blocks = mermaidBlocks(body)
    expect(blocks.map((b) => b.split('\n')[1])).toEqual([
      '  title "ROC curve (first line: champion, second: challenger)"',
      '  title "Precision–recall (first line: champion, second: challenger)"',
      '  title "Reliability (lines: champion, challenger, perfect calibration)"',
      '  title "ROC AUC of the champion at its last promotions, and this challenger"',
    ])
    // Every block sits inside the collapsed section.
    expect(body.indexOf('```mermaid')).toBeGreaterThan(details)
    expect(await parseMermaid(blocks)).toEqual(blocks.map(() => ({ ok: true, type: 'xychart' })))
    // The history's last bar is this run's key metric as recorded (3 decimals in the chart).
    expect(blocks[3]).toContain(`, ${Math.round(r.second.challenger.metrics.roc_auc! * 1000) / 1000}]`)
    expect(jobSummary([r.second])).toContain('<details><summary>Charts of toy</summary>')
  })

  test('a first run charts the challenger alone and has no interval plot', async () => {
    const text = renderReport([r.first])
    expect(text).not.toContain('```text')
    const blocks = mermaidBlocks(text)
    expect(blocks).toHaveLength(3)
    expect(blocks[0]).toContain('challenger (no champion yet)')
    expect(await parseMermaid(blocks)).toEqual(blocks.map(() => ({ ok: true, type: 'xychart' })))
  })

  test('the terminal report leaves the charts out', () => {
    expect(renderReport([r.second], { charts: false })).not.toContain('```mermaid')
  })

  test('many slices: the comment stays under 65,536 characters by dropping the charts first, and says so', () => {
    // The fewest slices (in steps of 5, a few hundred characters each) that push the full report over the
    // comment's budget: then leaving the charts out (several thousand characters) is enough.
    let count = 0
    while (renderReport([withManySlices(r.second, count)]).length <= COMMENT_MAX_CHARS) count += 5
    const many = withManySlices(r.second, count)
    const body = commentBody([many], CONTEXT)
    expect(body.length).toBeLessThanOrEqual(GITHUB_LIMIT)
    expect(body).not.toContain('```mermaid')
    expect(body).toContain(
      'The charts were left out to stay within the size limit; the HTML report has them.',
    )
    // The verdict, the table and the interval plot are still there.
    expect(body).toContain('### ')
    expect(body).toContain('```text\nROC AUC')
    // Beyond what dropping charts can save, details go too, with a note naming both.
    const huge = commentBody([withManySlices(r.second, 1500)], CONTEXT)
    expect(huge.length).toBeLessThanOrEqual(GITHUB_LIMIT)
    expect(huge).toContain('Details were cut to stay within the size limit (and the charts left out)')
  })

  test('links to the stored documents are escaped Markdown links, and only http(s)', () => {
    const text = renderReport([r.second], {
      links: {
        toy: {
          report: 'https://cdn.example.com/models/toy/runs/x (1)/report.html',
          card: 'javascript:alert(1)',
        },
      },
    })
    expect(text).toContain(
      '📄 [full HTML report](https://cdn.example.com/models/toy/runs/x%20%281%29/report.html)',
    )
    expect(text).not.toContain('javascript:')
  })

  test("the HTML report's importance, drift and schema sections escape feature names and category values", async () => {
    const HOSTILE = '<img src=x onerror=alert(1)>'
    const importance = {
      method: 'permutation' as const,
      metric: 'roc_auc',
      baseline: 0.8,
      repeats: 5,
      seed: 1,
      rows: 100,
    }
    const insights: RunInsights = {
      importance: {
        metric: 'roc_auc',
        challenger: { ...importance, features: [{ feature: HOSTILE, mean: 0.0412, sd: 0.003, drops: [] }] },
        champion: { ...importance, features: [{ feature: HOSTILE, mean: 0.05, sd: 0.004, drops: [] }] },
        championRunId: '<b>run</b>',
        changes: [
          { feature: HOSTILE, challenger: 0.0412, champion: 0.05, challengerRank: 1, championRank: 2 },
        ],
      },
      importanceNote: null,
      drift: {
        report: {
          reference: 'champion',
          subject: 'challenger',
          threshold: 0.25,
          features: [
            {
              feature: HOSTILE,
              kind: 'categorical',
              psi: 0.31,
              missingRate: { reference: 0, actual: 0 },
              flagged: true,
            },
          ],
          schemaChanges: [{ change: 'new-categories', feature: 'color', categories: [HOSTILE] }],
          flagged: [HOSTILE],
        },
        check: null,
      },
      driftNote: null,
    }
    const { renderHtmlReport } = await import('../src/report/html/report.js')
    const html = renderHtmlReport([{ ...r.second, insights }], { generatedAt: '2026-12-01T00:00:00Z' })
    expect(html).toContain('<h3>Feature importance</h3>')
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)&gt;</td>')
    expect(html).toContain('0.0412 ± 0.0030')
    expect(html).toContain('1 (was 2)')
    expect(html).toContain('<li>color: new categories &lt;img src=x onerror=alert(1)&gt;</li>')
    expect(html).toContain('&lt;b&gt;run&lt;/b&gt;')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>')
  })
})
