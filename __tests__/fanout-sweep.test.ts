/**
 * Sweeps and seeds: the plan's trials (grid and seeded random search), the spec each trial trains, the
 * validation split trials are ranked on (never the eval rows), and a sweep over two hyperparameters of the
 * example churn model through plan → train entries → report on a push, which promotes the chosen trial.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { parseSpec, type ModelSpec } from '../src/config/load-spec.js'
import { trialEntries, trialSpec } from '../src/config/sweep.js'
import { loadDataset } from '../src/data/dataset.js'
import { holdOutValidation } from '../src/data/validation-split.js'
import { buildPlan } from '../src/pipeline/fanout-plan.js'
import {
  MAIN_SHA,
  OWNER,
  REPO,
  eventCall,
  requiredOutput,
  runActionInProcess,
} from './helpers/action-runner.js'
import { startGitHubStandIn, type GitHubStandIn } from './harness/github-standin.js'
import { makeWorkspace, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const ROOT = process.cwd()

function specOf(yaml: string, dir = '/work/m'): ModelSpec {
  return parseSpec(new TextEncoder().encode(yaml), path.join(dir, 'modelgate.yml'))
}

describe('trials', () => {
  const grid = `${SMALL_SPEC}sweep:\n  params:\n    C: [0.1, 1]\n    max_iter: [10, 50, 100]\nseeds: 2\n`

  test('a grid over two parameters is their product, each trial trained with every seed (model.seed + k)', () => {
    const spec = specOf(grid)
    const entries = trialEntries(spec)
    expect(entries.map((e) => [e.trial, e.seedIndex, e.params])).toEqual([
      [0, 0, { C: 0.1, max_iter: 10 }],
      [0, 1, { C: 0.1, max_iter: 10 }],
      [1, 0, { C: 0.1, max_iter: 50 }],
      [1, 1, { C: 0.1, max_iter: 50 }],
      [2, 0, { C: 0.1, max_iter: 100 }],
      [2, 1, { C: 0.1, max_iter: 100 }],
      [3, 0, { C: 1, max_iter: 10 }],
      [3, 1, { C: 1, max_iter: 10 }],
      [4, 0, { C: 1, max_iter: 50 }],
      [4, 1, { C: 1, max_iter: 50 }],
      [5, 0, { C: 1, max_iter: 100 }],
      [5, 1, { C: 1, max_iter: 100 }],
    ])
    const trial = trialSpec(spec, entries[3]!)
    expect(trial.model).toMatchObject({ type: 'logistic', C: 0.1, max_iter: 50, seed: 1 })
    expect(trial.sweep).toBeUndefined()
    expect(trial.holdout).toEqual({ fraction: 0.2, seed: 1 })
    // What the run stores as spec.yml is the trial's own spec: it parses back to the same model.
    expect(specOf(new TextDecoder().decode(trial.specBytes)).model).toEqual(trial.model)
  })

  test('random search draws the budget from ranges and lists, reproducibly under its seed', () => {
    const yaml = (seed: number): string =>
      `${SMALL_SPEC}sweep:\n  method: random\n  trials: 6\n  seed: ${seed}\n  params:\n    C: { min: 0.001, max: 100, log: true }\n    max_iter: { min: 10, max: 300, int: true }\n    tol: [0.0001, 0.001]\n`
    const first = trialEntries(specOf(yaml(3))).map((e) => e.params)
    expect(first).toHaveLength(6)
    expect(trialEntries(specOf(yaml(3))).map((e) => e.params)).toEqual(first)
    expect(trialEntries(specOf(yaml(4))).map((e) => e.params)).not.toEqual(first)
    for (const p of first) {
      expect(p.C).toBeGreaterThanOrEqual(0.001)
      expect(p.C).toBeLessThanOrEqual(100)
      expect(Number.isInteger(p.max_iter)).toBe(true)
      expect([0.0001, 0.001]).toContain(p.tol)
    }
    // Log-uniform over 5 decades: the draws are not all in the top decade, as a uniform draw's would be.
    expect(first.some((p) => (p.C as number) < 10)).toBe(true)
  })

  test('a grid over the budget, a range in a grid, and a bad value are refused naming the key and the trial', async () => {
    expect(() =>
      trialEntries(
        specOf(`${SMALL_SPEC}sweep:\n  trials: 3\n  params:\n    C: [1, 2]\n    tol: [0.1, 0.01]\n`),
      ),
    ).toThrow(
      '/work/m/modelgate.yml: sweep: the grid has 4 combinations, more than sweep.trials (3); raise the budget or drop values',
    )
    expect(() => trialEntries(specOf(`${SMALL_SPEC}sweep:\n  params:\n    C: { min: 1, max: 2 }\n`))).toThrow(
      '/work/m/modelgate.yml: sweep.params.C: a grid needs a list of values (a range {min, max} is for method: random)',
    )
    await expect(
      buildPlan([specOf(`${SMALL_SPEC}sweep:\n  params:\n    C: [1, -1]\n`)], { changedOnly: false }),
    ).rejects.toThrow(/model\.C: .* \(in sweep trial 1: model\.C=-1\)$/)
    await expect(
      buildPlan([specOf(`${SMALL_SPEC}sweep:\n  params:\n    Cx: [1]\n`)], { changedOnly: false }),
    ).rejects.toThrow('model: unknown key(s) "Cx" (in sweep trial 0: model.Cx=1)')
  })

  test('the validation split is carved from the training rows only: disjoint from the eval rows, the rest still trains', async () => {
    const dir = await makeWorkspace()
    try {
      await fs.writeFile(path.join(dir, 'data.csv'), syntheticCsv(600, 5))
      const spec = specOf(
        `${SMALL_SPEC}sweep:\n  params:\n    C: [1]\n  validation: { fraction: 0.25, seed: 4 }\n`,
        dir,
      )
      const full = await loadDataset(spec)
      const trial = trialSpec(spec, trialEntries(spec)[0]!)
      const split = holdOutValidation(trial, await loadDataset(trial))
      const validation = [...split.validation!.rows]
      const evalRows = new Set(full.eval.rows)
      expect(validation.filter((r) => evalRows.has(r))).toEqual([])
      expect([...split.eval.rows]).toEqual([...full.eval.rows])
      expect([...split.train.rows, ...validation].sort((a, b) => a - b)).toEqual([...full.train.rows])
      expect(validation.length / full.train.rows.length).toBeGreaterThan(0.18)
      expect(validation.length / full.train.rows.length).toBeLessThan(0.32)
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })
})

describe('the example churn model with a sweep over C and max_iter', () => {
  let standIn: GitHubStandIn
  let workspace: string
  beforeEach(async () => {
    standIn = await startGitHubStandIn()
    standIn.state.addRepo({ owner: OWNER, name: REPO, headSha: MAIN_SHA })
    workspace = await makeWorkspace()
    const source = await fs.readFile(path.join(ROOT, 'models', 'churn', 'modelgate.yml'), 'utf8')
    const spec = `${source}sweep:\n  params:\n    C: [0.001, 1.0]\n    max_iter: [2, 100]\n`
    await writeModel(workspace, 'churn', spec, {
      'telco_churn.csv': await fs.readFile(path.join(ROOT, 'models', 'churn', 'telco_churn.csv'), 'utf8'),
    })
  })
  afterEach(async () => {
    await standIn.stop()
    await fs.rm(workspace, { recursive: true, force: true })
    expect(standIn.violations).toEqual([])
  })

  test('plan → four entries → report on a push promotes the trial with the best validation ROC AUC', async () => {
    const call = (inputs: Record<string, string>) =>
      eventCall('push', { workspace, apiUrl: standIn.url }, inputs)
    const plan = await runActionInProcess(await call({ mode: 'plan' }))
    const entries = (
      JSON.parse(requiredOutput(plan, 'matrix')) as { include: { entry: string }[] }
    ).include.map((i) => i.entry)
    expect(entries).toEqual(['churn.t0.s0', 'churn.t1.s0', 'churn.t2.s0', 'churn.t3.s0'])
    const selection: { trial: number; value: number; runId: string }[] = []
    for (const [trial, entry] of entries.entries()) {
      const run = await runActionInProcess(await call({ mode: 'train', entry }))
      expect(run.exitCode).toBe(0)
      const record = JSON.parse(
        await fs.readFile(path.join(workspace, '.modelgate', 'fanout', '30433642', `${entry}.json`), 'utf8'),
      ) as { runId: string; selection: { value: number; metric: string } }
      expect(record.selection.metric).toBe('roc_auc')
      selection.push({ trial, value: record.selection.value, runId: record.runId })
    }
    const best = selection.reduce((a, b) => (b.value > a.value ? b : a))
    // The sweep matters: two iterations of L-BFGS do not reach the optimum.
    expect(
      Math.max(...selection.map((s) => s.value)) - Math.min(...selection.map((s) => s.value)),
    ).toBeGreaterThan(0.001)

    const report = await runActionInProcess(
      await call({ mode: 'report', plan: requiredOutput(plan, 'plan-json') }),
    )
    expect(report.exitCode).toBe(0)
    expect(report.outputs['champion-changed']).toBe('true')
    const alias = JSON.parse(
      await fs.readFile(
        path.join(workspace, '.modelgate', 'models', 'churn', 'aliases', 'champion.json'),
        'utf8',
      ),
    ) as { runId: string }
    expect(alias.runId).toBe(best.runId)
    expect(report.summary).toContain(`sweep: trial ${best.trial} of 4 chosen`)
  })
})

describe('seeds: K', () => {
  let standIn: GitHubStandIn
  let workspace: string
  beforeEach(async () => {
    standIn = await startGitHubStandIn()
    standIn.state.addRepo({ owner: OWNER, name: REPO, headSha: MAIN_SHA })
    workspace = await makeWorkspace()
    const spec = SMALL_SPEC.replace(
      'type: logistic',
      'type: mlp\n  hidden: [4]\n  epochs: 15\n  early_stopping: false',
    )
    await writeModel(workspace, 'churn', `${spec}seeds: 3\n`, { 'data.csv': syntheticCsv(400, 5) })
  })
  afterEach(async () => {
    await standIn.stop()
    await fs.rm(workspace, { recursive: true, force: true })
  })

  test('the report shows mean ± sd over the seeds and gates and promotes the seed nearest the mean', async () => {
    const call = (inputs: Record<string, string>) =>
      eventCall('push', { workspace, apiUrl: standIn.url }, inputs)
    const plan = await runActionInProcess(await call({ mode: 'plan' }))
    const entries = ['churn.t0.s0', 'churn.t0.s1', 'churn.t0.s2']
    expect(JSON.parse(requiredOutput(plan, 'matrix'))).toEqual({
      include: entries.map((entry) => ({ entry, model: 'churn' })),
    })
    const auc: number[] = []
    const runIds: string[] = []
    for (const entry of entries) {
      expect((await runActionInProcess(await call({ mode: 'train', entry }))).exitCode).toBe(0)
      const record = JSON.parse(
        await fs.readFile(path.join(workspace, '.modelgate', 'fanout', '30433642', `${entry}.json`), 'utf8'),
      ) as { runId: string; result: { challenger: { metrics: { roc_auc: number } } } }
      auc.push(record.result.challenger.metrics.roc_auc)
      runIds.push(record.runId)
    }
    expect(new Set(auc).size).toBe(3) // the seeds train different networks
    const mean = auc.reduce((a, b) => a + b, 0) / 3
    const sd = Math.sqrt(auc.reduce((a, v) => a + (v - mean) ** 2, 0) / 2)
    const nearest = auc.map((v, i) => [Math.abs(v - mean), i] as const).sort((a, b) => a[0] - b[0])[0]![1]
    const report = await runActionInProcess(
      await call({ mode: 'report', plan: requiredOutput(plan, 'plan-json') }),
    )
    expect(report.exitCode).toBe(0)
    expect(report.summary).toContain(
      `over 3 seeds (mean ± sd on the eval rows): ROC AUC ${mean.toFixed(4)} ± ${sd.toFixed(4)}`,
    )
    expect(report.summary).toContain(
      `gated: the mean over the seeds; promoted: seed ${nearest} (run ${runIds[nearest]})`,
    )
    expect(JSON.parse(requiredOutput(report, 'run-ids')).churn).toBe(runIds[nearest])
  })

  test('against a champion the report gates the seeds’ mean: Δ is the mean of the seeds’ Δs, its SE pools their SEs and spread', async () => {
    const call = (inputs: Record<string, string>) =>
      eventCall('push', { workspace, apiUrl: standIn.url }, inputs)
    const specFile = path.join(workspace, 'models', 'churn', 'modelgate.yml')
    const seeded = await fs.readFile(specFile, 'utf8')
    // A champion from the spec without seeds (a plain push run promotes it), then the seeded spec.
    await fs.writeFile(specFile, seeded.replace('seeds: 3\n', ''))
    expect((await runActionInProcess(await call({}))).exitCode).toBe(0)
    await fs.writeFile(specFile, seeded.replace('gate:\n', 'gate:\n  method: holdout\n'))
    const plan = await runActionInProcess(await call({ mode: 'plan' }))
    type Key = {
      metric: string
      scope: { kind: string }
      diff: number
      se: number
      lower: number
      upper: number
      verdict: string
      method: string
    }
    const keys: Key[] = []
    for (const entry of ['churn.t0.s0', 'churn.t0.s1', 'churn.t0.s2']) {
      expect((await runActionInProcess(await call({ mode: 'train', entry }))).exitCode).toBe(0)
      const record = JSON.parse(
        await fs.readFile(path.join(workspace, '.modelgate', 'fanout', '30433642', `${entry}.json`), 'utf8'),
      ) as { result: { gate: { comparisons: Key[] } } }
      keys.push(
        record.result.gate.comparisons.find((c) => c.metric === 'roc_auc' && c.scope.kind === 'overall')!,
      )
    }
    expect(keys.map((k) => k.method)).toEqual(['delong', 'delong', 'delong'])
    const report = await runActionInProcess(
      await call({ mode: 'report', plan: requiredOutput(plan, 'plan-json') }),
    )
    const results = JSON.parse(await fs.readFile(requiredOutput(report, 'results'), 'utf8')) as {
      models: { verdict: string; gate: { method: string; verdict: string; comparisons: Key[] } }[]
    }
    const gate = results.models[0]!.gate
    expect(gate.method).toBe('seed-mean')
    const pooled = gate.comparisons.find((c) => c.metric === 'roc_auc' && c.scope.kind === 'overall')!
    const diffs = keys.map((k) => k.diff)
    const mean = diffs.reduce((a, b) => a + b, 0) / 3
    const spread = diffs.reduce((a, d) => a + (d - mean) ** 2, 0) / 2
    const meanSe = keys.reduce((a, k) => a + k.se, 0) / 3
    expect(pooled.method).toBe('seed-mean')
    expect(pooled.diff).toBeCloseTo(mean, 12)
    expect(pooled.se).toBeCloseTo(Math.sqrt(meanSe ** 2 + spread / 3), 12)
    expect(pooled.lower).toBeCloseTo(mean - 1.959963984540054 * pooled.se, 9)
    // The verdict is the margin rule (max_drop 0.05) applied to the pooled interval.
    const expected =
      pooled.lower >= -0.05 ? 'pass' : pooled.upper < 0 && mean < -0.05 ? 'fail' : 'inconclusive'
    expect(gate.verdict).toBe(expected)
    expect(results.models[0]!.verdict).toBe(expected)
    expect(report.summary).toContain('gated on the mean over 3 seeds')
  })
})
