/**
 * Comparing specs by cross-fitting (gate.method): the splits partition the rows, the per-split differences
 * and the Nadeau–Bengio interval are what the formula says for known fold scores, and end to end a run
 * stores its spec (spec.yml, with its sha256 in the manifest) and a later run retrains the champion's
 * stored spec and says in the report which method it used.
 */
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { crossfitEstimates, crossfitSplits } from '../src/gate/crossfit.js'
import { seedReplicatedT } from '../src/gate/stats/nadeau-bengio.js'
import {
  ageStoredRun,
  makeWorkspace,
  runCli,
  SMALL_SPEC,
  syntheticCsv,
  writeModel,
} from './helpers/workspace.js'

describe('cross-fitting splits', () => {
  test('each repetition cuts the rows into disjoint test folds that cover every row once', () => {
    const rows = Uint32Array.from({ length: 103 }, (_, i) => i * 2 + 1)
    const { splits } = crossfitSplits(rows, { folds: 5, repeats: 3, seed: 4 })
    expect(splits).toHaveLength(15)
    for (let r = 0; r < 3; r++) {
      const tests = splits.slice(r * 5, r * 5 + 5).map((s) => [...s.test])
      expect(tests.flat().sort((a, b) => a - b)).toEqual([...rows])
      for (const s of splits.slice(r * 5, r * 5 + 5)) {
        expect(s.train.length + s.test.length).toBe(103)
        expect(s.train.some((x) => s.test.includes(x))).toBe(false)
      }
    }
    // Repetitions reshuffle.
    expect([...splits[0]!.test]).not.toEqual([...splits[5]!.test])
  })
})

describe('cross-fitting estimates', () => {
  test('per-split differences and the corrected t interval, for known fold scores', () => {
    const rows = Uint32Array.from({ length: 50 }, (_, i) => i)
    const splits = crossfitSplits(rows, { folds: 5, repeats: 2, seed: 1 })
    // The "metric" is the mean prediction; each model predicts a constant per split.
    const champ = [0.8, 0.82, 0.79, 0.81, 0.8, 0.83, 0.78, 0.8, 0.81, 0.79]
    const chal = [0.78, 0.81, 0.8, 0.78, 0.79, 0.8, 0.77, 0.79, 0.8, 0.76]
    const est = crossfitEstimates({
      metrics: ['m'],
      splits,
      fit: (which, _train, test, j) =>
        new Float64Array(test.length).fill(which === 'champion' ? champ[j]! : chal[j]!),
      score: (_test, pred) => pred[0]!,
      confidence: 0.95,
    }).m!
    const d = chal.map((v, i) => v - champ[i]!)
    const mean = d.reduce((a, b) => a + b, 0) / 10
    const s2 = d.reduce((a, x) => a + (x - mean) ** 2, 0) / 9
    const se = Math.sqrt((1 / 10 + 10 / 40) * s2)
    const t = 2.2621571627409915 // t_{9, 0.975} (scipy.stats.t.ppf)
    expect(est.diff).toBeCloseTo(mean, 14)
    expect(est.champion).toBeCloseTo(champ.reduce((a, b) => a + b, 0) / 10, 14)
    expect(est.se).toBeCloseTo(se, 14)
    expect(est.lower).toBeCloseTo(mean - t * se, 10)
    expect(est.upper).toBeCloseTo(mean + t * se, 10)
    expect(est.df).toBe(9)
    expect(est.diffs).toHaveLength(10)
    est.diffs.forEach((x, i) => expect(x).toBeCloseTo(d[i]!, 15))
    expect(est.rows).toBe(50)
    expect(est.method).toBe('crossfit')
  })
})

describe('cross-fitting estimates with several seeds per split', () => {
  test("every split fits both specs once per seed, with the seed's index, and the interval is seedReplicatedT's", () => {
    const rows = Uint32Array.from({ length: 40 }, (_, i) => i)
    const splits = crossfitSplits(rows, { folds: 4, repeats: 2, seed: 3 })
    const calls: string[] = []
    // Known scores: the champion 0.8 on every fit; the challenger's depends on the split and the seed.
    const chal = (j: number, s: number): number => 0.79 + 0.004 * ((j * 7 + s * 3) % 5) - 0.002 * s
    const est = crossfitEstimates({
      metrics: ['m'],
      splits,
      seeds: 3,
      fit: (which, _train, test, j, s) => {
        calls.push(`${which}:${j}:${s}`)
        return new Float64Array(test.length).fill(which === 'champion' ? 0.8 : chal(j, s))
      },
      score: (_test, pred) => pred[0]!,
      confidence: 0.95,
    }).m!
    expect(calls).toHaveLength(8 * 3 * 2)
    expect(new Set(calls).size).toBe(48)
    const d = Array.from({ length: 8 }, (_, j) => [0, 1, 2].map((s) => chal(j, s) - 0.8))
    const r = seedReplicatedT({ diffs: d, trainRows: 30, testRows: 10, confidence: 0.95 })
    expect(est.seeds).toBe(3)
    expect(est.diff).toBeCloseTo(r.mean, 14)
    expect(est.se).toBeCloseTo(r.se, 14)
    expect(est.lower).toBeCloseTo(r.lower, 14)
    expect(est.splitVariance).toBeCloseTo(r.splitVariance, 14)
    expect(est.seedVariance).toBeCloseTo(r.seedVariance, 14)
    est.diffs.forEach((x, j) => expect(x).toBeCloseTo((d[j]![0]! + d[j]![1]! + d[j]![2]!) / 3, 14))
  })
})

describe('gate.method end to end', () => {
  const crossfitSpec = SMALL_SPEC.replace('gate:\n', 'gate:\n  method: crossfit\n')
  let root: string
  beforeAll(async () => {
    root = await makeWorkspace()
    await writeModel(root, 'toy', crossfitSpec, { 'data.csv': syntheticCsv(500, 8) })
    expect((await runCli(root, ['run', '--promote', '--json', '1.json'])).code).toBe(0)
  })

  test("every run stores its spec's bytes as spec.yml, listed with its sha256 in the manifest", async () => {
    const first = JSON.parse(await fs.readFile(path.join(root, '1.json'), 'utf8')).models[0]
    const dir = path.join(root, '.modelgate', 'models', 'toy', 'runs', first.runId as string)
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8'))
    const bytes = await fs.readFile(path.join(root, 'models', 'toy', 'modelgate.yml'))
    const entry = manifest.files.find((f: { path: string }) => f.path === 'spec.yml')
    expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(await fs.readFile(path.join(dir, 'spec.yml'))).toEqual(bytes)
  })

  test("crossfit retrains the champion's stored spec and the new one on all labelled rows, and says so", async () => {
    // The champion's spec had the default C; the challenger regularises hard.
    await writeModel(root, 'toy', crossfitSpec.replace('type: logistic', 'type: logistic\n  C: 0.001'), {})
    const run = await runCli(root, ['run', '--json', '2.json', '--report', 'r.md'])
    expect(run.code).toBeLessThan(2)
    const result = JSON.parse(await fs.readFile(path.join(root, '2.json'), 'utf8')).models[0]
    expect(result.gate.method).toBe('crossfit')
    const k = result.gate.comparisons.find(
      (c: { metric: string; scope: { kind: string } }) =>
        c.metric === 'roc_auc' && c.scope.kind === 'overall',
    )
    expect(k.method).toBe('crossfit')
    expect(k.n).toBe(500) // every labelled row, not the 150 eval rows
    // No gate.crossfit.repeats: the logistic budget buys the maximum, 10 repetitions, on 500 rows (J − 1 = 49).
    expect(k.df).toBe(49)
    const report = await fs.readFile(path.join(root, 'r.md'), 'utf8')
    expect(report).toContain(
      "Method: compared by cross-fitting (gate.method: crossfit): this spec and the champion's stored spec retrained on 10×5 folds of all 500 labelled rows (10 repetitions: as many (2–10) as a budget of 160,000 training row-fits allows; 40,000 used)",
    )
    expect(report).toContain('cross-fitting, Nadeau–Bengio t')
    // The first line shows the values the Δ was computed from (cross-fitted), so the numbers add up.
    const f = (v: number): string => v.toFixed(4).replace('-', '−')
    expect(report).toContain(
      `ROC AUC ${f(k.champion)} → ${f(k.challenger)} (Δ ${k.diff > 0 ? '+' : ''}${f(k.diff)}`,
    )
    expect(k.challenger - k.champion).toBeCloseTo(k.diff, 12)
    expect(report).toContain(
      'for these two specs retrained on the folds of all 500 labelled rows the CI is ±',
    )
  })

  test('auto cross-fits a cheap (logistic) spec and says why', async () => {
    await writeModel(root, 'toy', SMALL_SPEC.replace('type: logistic', 'type: logistic\n  C: 0.5'), {})
    await runCli(root, ['run', '--json', '3.json'])
    const result = JSON.parse(await fs.readFile(path.join(root, '3.json'), 'utf8')).models[0]
    expect(result.gate.method).toBe('crossfit')
    expect(result.gate.methodNote).toMatch(
      /^compared by cross-fitting \(gate\.method: auto; on the eval split alone a drop of 0\.\d{4} would be needed to fail 9 times in 10\): this spec and the champion's stored spec retrained on 10×5 folds of all 500 labelled rows/,
    )
  })

  test('auto keeps the eval split when the data changed (a spec comparison cannot see that), and says why', async () => {
    await writeModel(root, 'toy', SMALL_SPEC.replace('type: logistic', 'type: logistic\n  C: 0.5'), {
      'data.csv': syntheticCsv(500, 9),
    })
    await runCli(root, ['run', '--json', '3b.json'])
    const result = JSON.parse(await fs.readFile(path.join(root, '3b.json'), 'utf8')).models[0]
    expect(result.gate.method).toBe('holdout')
    expect(result.gate.methodNote).toBe(
      "compared on the eval split (gate.method: auto; the data changed since the champion's run, and cross-fitting retrains both specs on the same current rows, so it cannot see a data change)",
    )
  })

  test('auto cross-fits an MLP on a small labelled set (≤ 5,000 rows) with 4 seeds per fold and the MLP budget, and says so', async () => {
    const mlp = SMALL_SPEC.replace(
      'type: logistic',
      'type: mlp\n  hidden: [4]\n  epochs: 5\n  early_stopping: false',
    )
    // The champion's data again (the previous test changed it).
    await writeModel(root, 'toy', mlp, { 'data.csv': syntheticCsv(500, 8) })
    await runCli(root, ['run', '--json', '4.json'])
    const result = JSON.parse(await fs.readFile(path.join(root, '4.json'), 'utf8')).models[0]
    expect(result.gate.method).toBe('crossfit')
    expect(result.gate.methodNote).toMatch(
      /retrained on 10×5 folds of all 500 labelled rows with 4 seeds each per fold \(10 repetitions: as many \(2–10\) as a budget of 160,000 training row-fits allows; 160,000 used\), Nadeau–Bengio corrected t interval with the seeds' own variance not inflated by the folds' overlap;/,
    )
    const k = result.gate.comparisons.find(
      (c: { metric: string; scope: { kind: string } }) =>
        c.metric === 'roc_auc' && c.scope.kind === 'overall',
    )
    expect(k.df).toBe(49)
  })

  test('holdout when asked, and crossfit falls back to the eval split, saying why, without a stored spec', async () => {
    const holdout = SMALL_SPEC.replace('gate:\n', 'gate:\n  method: holdout\n')
    await writeModel(root, 'toy', holdout, {})
    await runCli(root, ['run', '--json', '5.json'])
    const result = JSON.parse(await fs.readFile(path.join(root, '5.json'), 'utf8')).models[0]
    expect(result.gate.method).toBe('holdout')
    expect(result.gate.methodNote).toBe('compared on the eval split (gate.method: holdout)')
    // Remove spec.yml from the champion's manifest, as for a run stored by an earlier modelgate.
    const first = JSON.parse(await fs.readFile(path.join(root, '1.json'), 'utf8')).models[0]
    await ageStoredRun(path.join(root, '.modelgate'), 'toy', first.runId as string, ['spec.yml'])
    await writeModel(root, 'toy', crossfitSpec, {})
    await runCli(root, ['run', '--json', '6.json'])
    const old = JSON.parse(await fs.readFile(path.join(root, '6.json'), 'utf8')).models[0]
    expect(old.gate.method).toBe('holdout')
    expect(old.gate.methodNote).toBe(
      `compared on the eval split: cross-fitting (gate.method: crossfit) was not possible: champion run ${first.runId} was stored without its spec (spec.yml)`,
    )
  })
})
