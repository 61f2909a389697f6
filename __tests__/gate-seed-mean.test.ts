/**
 * The gate on a fan-out's seeds (gate/seed-mean.ts): the seeds' comparisons with one champion on the same eval
 * rows pooled into one estimate of the seeds' mean, checked against an independent DeLong oracle per seed, in
 * both metric orientations, and decided by the same margin rule as any comparison.
 */
import { compareModels } from '../src/gate/compare.js'
import { seedMeanEstimates } from '../src/gate/seed-mean.js'
import type { GateResult } from '../src/gate/types.js'
import {
  binaryScenario,
  bruteDelong,
  gateCase,
  overall,
  perturb,
  runGate,
  Z975,
  type GateCase,
} from './gate-fixtures.js'

const YAML =
  'gate:\n  adjust: none\n  metrics:\n    roc_auc: { max_drop: 0.01 }\n    log_loss: { max_drop: 0.02 }'

function pooledGate(c: GateCase, champion: Float64Array, seeds: Float64Array[]): GateResult {
  const gates = seeds.map((s) => runGate(c, champion, s))
  return compareModels({
    spec: c.spec,
    y: c.eval.y,
    classes: 2,
    challenger: seeds[0]!,
    champion,
    eval: c.eval,
    override: { method: 'seed-mean', estimates: seedMeanEstimates(gates, 0.95), note: 'test' },
  })
}

describe('the gate on the mean over seeds', () => {
  test('ROC AUC: Δ is the mean of the seeds’ DeLong differences and se² = (mean DeLong se)² + their variance / K', async () => {
    const { labels, champion } = binaryScenario(600, 1.2, 11)
    const c = await gateCase({ labels, yaml: YAML })
    const seeds = [21, 22, 23].map((s) => perturb(champion, 0.4, s))
    const oracle = seeds.map((s) => bruteDelong(labels, s, champion))
    const diffs = oracle.map((o) => o.aucA - o.aucB)
    const mean = diffs.reduce((a, b) => a + b, 0) / 3
    const spread = diffs.reduce((a, d) => a + (d - mean) ** 2, 0) / 2
    const meanSe = oracle.reduce((a, o) => a + Math.sqrt(o.varDiff), 0) / 3
    const se = Math.sqrt(meanSe ** 2 + spread / 3)
    const k = overall(pooledGate(c, champion, seeds), 'roc_auc')
    expect(k.method).toBe('seed-mean')
    expect(k.diff).toBeCloseTo(mean, 12)
    expect(k.se).toBeCloseTo(se, 12)
    expect(k.lower).toBeCloseTo(mean - Z975 * se, 12)
    expect(k.upper).toBeCloseTo(mean + Z975 * se, 12)
    expect(k.challenger).toBeCloseTo(oracle.reduce((a, o) => a + o.aucA, 0) / 3, 12)
  })

  test('identical seeds pool to the single seed’s estimate, in both orientations (log loss is lower-is-better)', async () => {
    const { labels, champion } = binaryScenario(500, 1.0, 5)
    const c = await gateCase({ labels, yaml: YAML })
    const seed = perturb(champion, 0.5, 9)
    const single = runGate(c, champion, seed)
    const pooled = pooledGate(c, champion, [seed, seed, seed])
    for (const metric of ['roc_auc', 'log_loss']) {
      const a = overall(single, metric)
      const b = overall(pooled, metric)
      expect(b.diff).toBeCloseTo(a.diff, 12)
      expect(b.se).toBeCloseTo(a.se, 12)
      expect(b.challenger).toBeCloseTo(a.challenger, 12)
      expect(b.champion).toBe(a.champion)
      // Oriented so + is better: a worse log loss is a negative Δ in both.
      expect(Math.sign(b.diff)).toBe(Math.sign(a.diff))
    }
  })

  test('seeds that disagree widen the interval: a verdict one seed passes alone is undecided for the mean', async () => {
    const { labels, champion } = binaryScenario(2000, 1.2, 3)
    const c = await gateCase({ labels, yaml: 'gate:\n  metrics:\n    roc_auc: { max_drop: 0.01 }' })
    const good = perturb(champion, 0.05, 1)
    const bad = perturb(champion, 1.4, 2)
    expect(overall(runGate(c, champion, good), 'roc_auc').verdict).toBe('pass')
    const k = overall(pooledGate(c, champion, [good, bad]), 'roc_auc')
    const oracleBad = bruteDelong(labels, bad, champion)
    const oracleGood = bruteDelong(labels, good, champion)
    expect(k.diff).toBeCloseTo((oracleBad.aucA - oracleBad.aucB + oracleGood.aucA - oracleGood.aucB) / 2, 12)
    expect(k.verdict).not.toBe('pass')
    expect(k.verdict).toBe(
      k.lower >= -0.01 ? 'pass' : k.upper < 0 && k.diff < -0.01 ? 'fail' : 'inconclusive',
    )
  })
})
