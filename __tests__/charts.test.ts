/**
 * Curves against scikit-learn (roc_curve, precision_recall_curve, calibration_curve; __fixtures__/curves.json
 * from scripts/fixtures/curves_fixtures.py), and every Mermaid chart checked by mermaid's own parser, so a
 * broken chart never reaches a pull request.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseMermaid } from './helpers/mermaid.js'
import {
  comparisonCurves,
  precisionRecallCurve,
  reliabilityBins,
  rocCurve,
  rocOnGrid,
} from '../src/evaluate/curves.js'
import {
  historyChart,
  intervalPlot,
  mermaidLabel,
  precisionRecallChart,
  reliabilityChart,
  resample,
  rocChart,
} from '../src/report/charts.js'

interface Case {
  y: number[]
  score: number[]
  roc: { fpr: number[]; tpr: number[] }
  pr: { recall: number[]; precision: number[] }
  calibration: { observed: number[]; predicted: number[] }
}
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__', 'curves.json')
let cases: Case[]

beforeAll(async () => {
  cases = (JSON.parse(await fs.readFile(FIXTURE, 'utf8')) as { cases: Case[] }).cases
})

const data = (c: Case): { y: Uint8Array; score: Float64Array } => ({
  y: Uint8Array.from(c.y),
  score: Float64Array.from(c.score),
})
const close = (ours: ArrayLike<number>, theirs: number[]): void => {
  expect(ours.length).toBe(theirs.length)
  theirs.forEach((v, i) => expect(ours[i]).toBeCloseTo(v, 12))
}
const mermaidBody = (block: string): string => block.replace(/^```mermaid\n/, '').replace(/\n```$/, '')

describe('curves equal scikit-learn 1.2.1', () => {
  test('ROC points equal roc_curve(drop_intermediate=False), ties included', () => {
    for (const c of cases) {
      const { x, y } = rocCurve(data(c).y, data(c).score)
      close(x, c.roc.fpr)
      close(y, c.roc.tpr)
    }
  })

  test('precision–recall points equal precision_recall_curve at every threshold', () => {
    for (const c of cases) {
      const { x, y } = precisionRecallCurve(data(c).y, data(c).score)
      close(x, c.pr.recall)
      close(y, c.pr.precision)
    }
  })

  test('reliability bins equal calibration_curve(n_bins=10), scores on bin edges included', () => {
    for (const c of cases) {
      const bins = reliabilityBins(data(c).y, data(c).score, 10)
      close(
        bins.map((b) => b.observed),
        c.calibration.observed,
      )
      close(
        bins.map((b) => b.predicted),
        c.calibration.predicted,
      )
    }
  })

  test('the ROC on a grid passes through the curve and runs from (0, 0) to (1, 1)', () => {
    const c = cases[1]!
    const curve = rocCurve(data(c).y, data(c).score)
    const onGrid = rocOnGrid(curve, 20)
    expect(onGrid[0]).toBeGreaterThanOrEqual(0)
    expect(onGrid[20]).toBe(1)
    for (let s = 1; s <= 20; s++) expect(onGrid[s]!).toBeGreaterThanOrEqual(onGrid[s - 1]!)
  })
})

describe('charts', () => {
  test("every chart parses with mermaid's own parser, with and without a champion", async () => {
    const [a, b] = [cases[1]!, cases[2]!]
    const y = data(b).y
    // Two score vectors on the same rows: case b's labels, scored by case b and by a shuffle of case a's scores.
    const other = Float64Array.from(y, (_, i) => data(a).score[i % data(a).score.length]!)
    const both = comparisonCurves(y, data(b).score, other)!
    const alone = comparisonCurves(y, data(b).score, null)!
    const blocks = [
      rocChart(both),
      rocChart(alone),
      precisionRecallChart(both),
      reliabilityChart(both),
      reliabilityChart(alone),
      historyChart('ROC AUC', [
        { label: '11-30 10:00', value: 0.84 },
        { label: '12-01 09:12', value: null },
        { label: 'this run', value: 0.845 },
      ])!,
    ]
    for (const block of blocks) expect(block).toMatch(/^```mermaid\nxychart-beta\n/)
    const parsed = await parseMermaid(blocks.map(mermaidBody))
    expect(parsed).toEqual(blocks.map(() => ({ ok: true, type: 'xychart' })))
    expect(blocks[0]!.match(/\n {2}line \[/g)).toHaveLength(2)
    expect(blocks[1]!.match(/\n {2}line \[/g)).toHaveLength(1)
    expect(blocks[3]!.match(/\n {2}line \[/g)).toHaveLength(3)
  })

  test('stored curves are the exact curves on the grid, and charts resample them', () => {
    const c = cases[1]!
    const curves = comparisonCurves(data(c).y, data(c).score, null, 40)!
    const exact = rocOnGrid(rocCurve(data(c).y, data(c).score), 40)
    curves.challenger.roc.forEach((v, i) => expect(v).toBeCloseTo(exact[i]!, 6))
    expect(resample(curves.challenger.roc, 20)).toEqual(curves.challenger.roc.filter((_, i) => i % 2 === 0))
    expect(comparisonCurves(Uint8Array.of(1, 1, 1), Float64Array.of(0.1, 0.2, 0.3), null)).toBeNull()
  })

  test('a label from results cannot break out of its Mermaid string', async () => {
    const hostile = 'x"]\n```\n<img src=x>'
    expect(mermaidLabel(hostile)).not.toMatch(/["\n`<>[\]]/)
    const block = historyChart(hostile, [
      { label: hostile, value: 0.5 },
      { label: 'this run', value: 0.6 },
    ])!
    const [result] = await parseMermaid([mermaidBody(block)])
    expect(result).toEqual({ ok: true, type: 'xychart' })
  })

  test('a malformed chart is caught by the parser (the check can fail)', async () => {
    const [result] = await parseMermaid(['xychart-beta\n  line [0, 1, oops]'])
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/Parse error/) })
  })

  test('the interval plot puts zero, the margin and the interval where they belong', () => {
    const plot = intervalPlot([
      { label: 'ROC AUC', diff: -0.02, lower: -0.03, upper: -0.015, margin: 0.01 },
      { label: 'Log loss', diff: 0.001, lower: -0.004, upper: 0.006, margin: 0.012 },
    ])
    const [fail, pass] = plot.split('\n').slice(1, 3) as [string, string]
    // the failing interval lies entirely left of the margin; the passing one straddles zero, right of the margin
    expect(fail.indexOf(']')).toBeLessThan(fail.indexOf('┆'))
    expect(pass.indexOf('[')).toBeGreaterThan(pass.indexOf('┆'))
    expect(pass.indexOf('[')).toBeLessThan(pass.indexOf('│'))
    expect(pass.indexOf(']')).toBeGreaterThan(pass.indexOf('│'))
    expect(fail).toMatch(/−0\.0200$/)
  })
})
