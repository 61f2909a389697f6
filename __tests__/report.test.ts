import { mdText } from '../src/report/escape.js'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { ModelResult } from '../src/pipeline/types.js'
import { headline, keyLine, renderReport, summaryLines } from '../src/report/markdown.js'
import { int, interval, signed } from '../src/report/format.js'
import { binaryScenario, gateCase, perturb, runGate } from './gate-fixtures.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

/** Real results from two runs of a small model: the first without a champion, the second against it. */
async function results(): Promise<{ first: ModelResult; second: ModelResult; shifted: ModelResult }> {
  const root = await makeWorkspace()
  await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(500, 8) })
  expect((await runCli(root, ['run', '--promote', '--json', '1.json'])).code).toBe(0)
  expect((await runCli(root, ['run', '--json', '2.json'])).code).toBe(0)
  // A challenger with much stronger regularisation, scored on the same eval rows (the split key is the id).
  // Cross-fitted on these seeded rows it is a hair better (ROC AUC Δ ≈ +0.0015), within max_drop 0.05: a pass,
  // so the CLI exits 0.
  await writeModel(root, 'toy', SMALL_SPEC.replace('type: logistic', 'type: logistic\n  C: 0.001'), {})
  expect((await runCli(root, ['run', '--json', '3.json'])).code).toBe(0)
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
    expect(r.shifted.verdict).toBe('pass')
    expect(summaryLines([r.shifted])).toMatch(
      /^- \*\*toy\*\*: ✅ pass — ROC AUC 0\.\d{4} → 0\.\d{4} \(Δ [−+]?0\.\d{4}, 95% CI [−+]?0\.\d{4} … [−+]?0\.\d{4}\)$/,
    )
  })

  it('says plainly when the challenger predicts exactly what the champion predicts', () => {
    const text = renderReport([r.second])
    expect(text).toContain('The challenger predicts exactly what the champion predicts on all')
    expect(text).not.toContain('Resolution:')
  })

  it('states the resolution and the detectable drop for a real difference, for the two specs compared', () => {
    // A spec change on the champion's data: gate.method auto cross-fits both specs on all 500 labelled rows.
    const text = renderReport([r.shifted])
    expect(r.shifted.gate!.method).toBe('crossfit')
    expect(text).toMatch(
      /Resolution: ROC AUC: for these two specs retrained on the folds of all 500 labelled rows the CI is ±0\.\d{4}; a true drop of 0\.\d{4} would fail 9 times in 10 at this standard error/,
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

/**
 * The verdict wording on the rendered text: each case is a real gate result (compareModels on seeded scores)
 * placed into a real run's result, so the report renders exactly what a reviewer would read.
 */
describe('verdict wording of the report', () => {
  let base: ModelResult
  const { labels, champion } = binaryScenario(400, 2, 1)
  beforeAll(async () => {
    base = (await results()).shifted
  })
  async function withGate(
    challenger: Float64Array,
    yaml: string,
    groups?: string[],
  ): Promise<{ result: ModelResult; text: string }> {
    const gate = runGate(await gateCase({ labels, groups, yaml }), champion, challenger)
    const result: ModelResult = { ...base, gate, verdict: gate.verdict, keyMetric: 'roc_auc' }
    return { result, text: renderReport([result]) }
  }
  const margin01 = 'gate:\n  metrics:\n    roc_auc: { max_drop: 0.01 }'
  /** Everything outside <details>…</details>: what a reviewer sees without a click. */
  const visible = (text: string): string => text.replace(/<details>[\s\S]*?<\/details>/g, '')

  it('a significantly worse challenger is never merely "inconclusive": first line, summary line, check title', async () => {
    const { result, text } = await withGate(perturb(champion, 0.2, 9), margin01)
    expect(result.verdict).toBe('inconclusive')
    const k = result.gate!.comparisons[0]!
    const worse = `significantly worse than the champion (ROC AUC Δ ${signed(k.diff)}, 95% CI ${interval(k.lower, k.upper)}), but the estimated drop is within the allowed −0.0100 drop and the interval reaches past it`
    expect(text.split('\n')[0]).toBe(`## modelgate: ⚠️ inconclusive — ${worse}`)
    expect(summaryLines([result])).toBe(`- **toy**: ⚠️ inconclusive — ${worse}; ${keyLine(result)}`)
    expect(`${result.verdict}: ${headline(result)}`.startsWith(`inconclusive: ${worse}`)).toBe(true)
  })

  it('a pass that is significantly worse says both', async () => {
    const { result, text } = await withGate(
      perturb(champion, 0.2, 9),
      'gate:\n  metrics:\n    roc_auc: { max_drop: 0.02 }',
    )
    expect(result.verdict).toBe('pass')
    expect(text.split('\n')[0]).toMatch(
      /^## modelgate: ✅ pass — significantly worse than the champion \(ROC AUC Δ −0\.\d{4}, 95% CI −0\.\d{4} … −0\.\d{4}\), but shown to be within the allowed −0\.0200 drop$/,
    )
  })

  it('a plain pass or fail first line has no "significantly worse … but"', async () => {
    // Small noise on the champion's scores passes; heavy noise fails (both decided, so nothing to qualify).
    for (const [noise, line] of [
      [0.1, '## modelgate: ✅ pass'],
      [1, '## modelgate: ❌ fail'],
    ] as const) {
      const { text, result } = await withGate(perturb(champion, noise, 7), margin01)
      expect(result.verdict).toBe(line.includes('pass') ? 'pass' : 'fail')
      expect(text.split('\n')[0]).toBe(line)
    }
  })

  it('names the p-value by its null hypothesis (no backwards "p(drop > margin)")', async () => {
    const { text, result } = await withGate(perturb(champion, 1, 7), margin01)
    expect(result.verdict).toBe('fail')
    expect(text).not.toContain('p(drop > margin)')
    // `<` is escaped for Markdown (it renders as "p<0.001")
    expect(text).toContain('| DeLong, one-sided p\\<0.001 (H₀: not worse than the champion) | ❌ fail |')
    expect(text).not.toContain('p=<')
  })

  it('prints row counts only under undecided verdicts, sized for 9 in 10, with what would settle it', async () => {
    for (const noise of [0.1, 1]) {
      const { text } = await withGate(perturb(champion, noise, 7), margin01)
      expect(text).toContain('Resolution: ROC AUC: for this pair of models on these rows the CI is ±')
      expect(text).not.toMatch(/eval rows would|cannot be shown|What would settle it/)
    }
    // Narrower than the margin but reaching past it: still says what would settle it.
    const { text, result } = await withGate(perturb(champion, 0.15, 10), margin01)
    const k = result.gate!.comparisons[0]!
    expect(k.verdict).toBe('inconclusive')
    expect(k.halfWidth).toBeLessThan(0.01)
    expect(text).toContain(
      `What would settle it: If the true Δ is the estimate ${signed(k.diff)}, about ${int(k.settleRows!)} eval rows would show it within the margin 9 times in 10; a challenger truly as good as the champion would pass 9 times in 10 with about ${int(k.rowsNeeded!)} eval rows (at this pair's variability).`,
    )
  })

  it('shows every failing gated slice test without a click; small ungated slices are collapsed', async () => {
    // Slice a: the challenger is badly broken there; slice b: untouched; slice c: too small to gate.
    const groups = Array.from({ length: 400 }, (_, i) => (i < 30 ? 'c' : i % 4 < 2 ? 'a' : 'b'))
    const broken = perturb(champion, 0.05, 7)
    const noisy = perturb(champion, 3, 8)
    for (let i = 0; i < 400; i++) if (groups[i] === 'a') broken[i] = noisy[i]!
    const yaml = `slices: { columns: [group], min_size: 50 }\ngate:\n  resamples: 200\n  metrics:\n    roc_auc: { max_drop: 0.01 }`
    const { text, result } = await withGate(broken, yaml, groups)
    const failing = result.gate!.comparisons.filter((c) => c.scope.kind === 'slice' && c.verdict === 'fail')
    expect(failing.length).toBeGreaterThan(0)
    for (const c of failing) expect(visible(text)).toContain(`- ❌ ${mdText(c.sentence)}`)
    expect(result.gate!.notes).toHaveLength(1)
    expect(visible(text)).not.toContain(result.gate!.notes[0]!)
    expect(text).toContain(result.gate!.notes[0]!)
  })
})
