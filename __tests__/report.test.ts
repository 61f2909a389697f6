import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { ModelResult } from '../src/pipeline/types.js'
import { renderReport, summaryLines } from '../src/report/markdown.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

/** Real results from two runs of a small model: the first without a champion, the second against it. */
async function results(): Promise<{ first: ModelResult; second: ModelResult; shifted: ModelResult }> {
  const root = await makeWorkspace()
  await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(500, 8) })
  expect((await runCli(root, ['run', '--promote', '--json', '1.json'])).code).toBe(0)
  expect((await runCli(root, ['run', '--json', '2.json'])).code).toBe(0)
  // A challenger with much stronger regularisation, scored on the same eval rows (the split key is the id).
  await writeModel(root, 'toy', SMALL_SPEC.replace('type: logistic', 'type: logistic\n  C: 0.001'), {})
  expect((await runCli(root, ['run', '--json', '3.json'])).code).toBeLessThan(2)
  const read = async (f: string): Promise<ModelResult> =>
    (JSON.parse(await fs.readFile(path.join(root, f), 'utf8')) as { models: ModelResult[] }).models[0]!
  return { first: await read('1.json'), second: await read('2.json'), shifted: await read('3.json') }
}

describe('the Markdown report', () => {
  let r: Awaited<ReturnType<typeof results>>
  beforeAll(async () => {
    r = await results()
  })

  it('leads with one line per model: verdict, key metric, difference with its interval', () => {
    expect(summaryLines([r.first])).toMatch(/^- \*\*toy\*\*: 🆕 no-champion — ROC AUC 0\.\d{4}$/)
    expect(summaryLines([r.shifted])).toMatch(
      /^- \*\*toy\*\*: (✅ pass|⚠️ inconclusive|❌ fail) — ROC AUC 0\.\d{4} → 0\.\d{4} \(Δ [−+]?0\.\d{4}, 95% CI [−+]?0\.\d{4} … [−+]?0\.\d{4}\)$/,
    )
  })

  it('says plainly when the challenger predicts exactly what the champion predicts', () => {
    const text = renderReport([r.second])
    expect(text).toContain('The challenger predicts exactly what the champion predicts on all')
    expect(text).not.toContain('Resolution:')
  })

  it('states the resolution and the detectable drop for a real difference', () => {
    const text = renderReport([r.shifted])
    expect(text).toMatch(
      /Resolution: ROC AUC: this eval set resolves ±0\.\d{4}; the smallest drop it catches 9 times in 10 is 0\.\d{4}/,
    )
    expect(text).toContain('_95% confidence intervals on paired differences; no multiplicity adjustment._')
  })

  it('shows the confusion matrix with labels, the champion beside the challenger', () => {
    const text = renderReport([r.shifted])
    expect(text).toContain("Challenger counts, the champion's in parentheses; predicted = P(positive) ≥ 0.5.")
    expect(text).toMatch(/\| {2}\| predicted no \| predicted yes \|/)
    const cells = [...text.matchAll(/\| true (no|yes) \| (\d+) \((\d+)\) \| (\d+) \((\d+)\) \|/g)]
    expect(cells).toHaveLength(2)
    const total = cells.reduce((s, m) => s + Number(m[2]) + Number(m[4]), 0)
    expect(total).toBe(r.shifted.data.evalRows)
  })

  it('cuts details, never the verdict lines, to stay under a size limit', () => {
    const full = renderReport([r.shifted, r.second])
    const cut = renderReport([r.shifted, r.second], { maxChars: 1800 })
    expect(cut.length).toBeLessThanOrEqual(1800)
    expect(full.length).toBeGreaterThan(1800)
    expect(cut).toContain(summaryLines([r.shifted, r.second]))
    expect(cut).toContain('Details were cut to stay within the size limit')
    const tiny = renderReport([r.shifted, r.second], { maxChars: 400 })
    expect(tiny.length).toBeLessThanOrEqual(400)
    expect(tiny).toContain('- **toy**:')
  })
})
