/**
 * Every verdict path of the non-inferiority gate on synthetic paired predictions, with specs loaded through
 * the real modelgate.yml loader: the drop test (pass / inconclusive / fail) checked against a brute-force
 * DeLong interval, floors, lower-is-better metrics in both directions, and informational metrics.
 */
import type { Verdict } from '../src/gate/types.js'
import {
  binaryScenario,
  bruteDelong,
  gateCase,
  overall,
  perturb,
  phi,
  rng,
  runGate,
  Z975,
} from './gate-fixtures.js'

/**
 * The gate's rule, applied to an interval computed independently: pass when the drop is shown within the
 * margin; fail when the challenger is significantly worse (CI below 0) and its estimate is beyond the margin.
 */
function ruleVerdict(diff: number, lower: number, upper: number, margin: number): Verdict {
  return lower >= -margin ? 'pass' : upper < 0 && diff < -margin ? 'fail' : 'inconclusive'
}

function logLoss(y: ArrayLike<number>, p: Float64Array): number {
  let s = 0
  for (let i = 0; i < p.length; i++) s -= y[i] ? Math.log(p[i]!) : Math.log(1 - p[i]!)
  return s / p.length
}

function brier(y: ArrayLike<number>, p: Float64Array): number {
  let s = 0
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2
  return s / p.length
}

function rmse(y: Float64Array, p: Float64Array): number {
  let s = 0
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2
  return Math.sqrt(s / p.length)
}

const { labels, champion } = binaryScenario(400, 2, 1)

describe('ROC AUC drop test (DeLong)', () => {
  test.each([
    [0.1, 'pass'],
    [0.2, 'inconclusive'],
    [0.3, 'fail'],
    [1.0, 'fail'],
  ] as const)(
    'challenger noise %s gives %s, matching a brute-force DeLong interval',
    async (noise, expected) => {
      const c = await gateCase({
        labels,
        yaml: 'gate:\n  adjust: none\n  metrics:\n    roc_auc: { max_drop: 0.01 }',
      })
      const challenger = perturb(champion, noise, 7)
      const result = runGate(c, champion, challenger)
      const k = overall(result, 'roc_auc')
      const oracle = bruteDelong(labels, challenger, champion)
      const se = Math.sqrt(oracle.varDiff)
      const diff = oracle.aucA - oracle.aucB
      expect(k.method).toBe('delong')
      expect(k.champion).toBeCloseTo(oracle.aucB, 12)
      expect(k.challenger).toBeCloseTo(oracle.aucA, 12)
      expect(k.diff).toBeCloseTo(diff, 12)
      expect(k.se).toBeCloseTo(se, 10)
      expect(k.lower).toBeCloseTo(diff - Z975 * se, 9)
      expect(k.upper).toBeCloseTo(diff + Z975 * se, 9)
      expect(ruleVerdict(diff, diff - Z975 * se, diff + Z975 * se, 0.01)).toBe(expected)
      expect(k.verdict).toBe(expected)
      expect(result.verdict).toBe(expected)
      expect(result.family).toBe(1)
    },
  )

  test('significantly worse and estimated beyond the margin fails although the CI reaches above −margin', async () => {
    const c = await gateCase({ labels, yaml: 'gate:\n  metrics:\n    roc_auc: { max_drop: 0.01 }' })
    const challenger = perturb(champion, 0.3, 7)
    const oracle = bruteDelong(labels, challenger, champion)
    const diff = oracle.aucA - oracle.aucB
    const upper = diff + Z975 * Math.sqrt(oracle.varDiff)
    // Preconditions: the old rule ("whole CI below −margin") would have called this inconclusive.
    expect(upper).toBeGreaterThan(-0.01)
    expect(upper).toBeLessThan(0)
    expect(diff).toBeLessThan(-0.01)
    const k = overall(runGate(c, champion, challenger), 'roc_auc')
    expect(k.significantlyWorse).toBe(true)
    expect(k.verdict).toBe('fail')
    // The fail claim's p-value is that of H₀ "not worse than the champion": Φ(Δ̂/se).
    expect(k.pFail).toBeCloseTo(phi(diff / Math.sqrt(oracle.varDiff)), 6)
  })

  test('significantly worse but with the estimate within the margin stays inconclusive', async () => {
    const c = await gateCase({ labels, yaml: 'gate:\n  metrics:\n    roc_auc: { max_drop: 0.01 }' })
    const k = overall(runGate(c, champion, perturb(champion, 0.2, 9)), 'roc_auc')
    expect(k.upper).toBeLessThan(0)
    expect(k.diff).toBeGreaterThan(-0.01)
    expect(k.significantlyWorse).toBe(true)
    expect(k.verdict).toBe('inconclusive')
  })

  test('an identical challenger passes with a zero-width interval', async () => {
    const c = await gateCase({ labels, yaml: 'gate:\n  metrics:\n    roc_auc: { max_drop: 0 }' })
    const k = overall(runGate(c, champion, champion.slice()), 'roc_auc')
    expect([k.diff, k.lower, k.upper, k.se]).toEqual([0, 0, 0, 0])
    expect(k.verdict).toBe('pass')
  })
})

describe('floors', () => {
  const challenger = perturb(champion, 0.3, 7)
  const oracle = bruteDelong(labels, challenger, champion)
  const low = oracle.aucA - Z975 * Math.sqrt(oracle.varA)
  const high = oracle.aucA + Z975 * Math.sqrt(oracle.varA)

  test.each([
    ['below the challenger CI', low - 0.005, 'pass'],
    ['inside the challenger CI', oracle.aucA, 'inconclusive'],
    ['above the challenger CI', high + 0.005, 'fail'],
  ] as const)('a ROC AUC floor %s (%d) gives %s', async (_where, floor, expected) => {
    const c = await gateCase({ labels, yaml: `gate:\n  metrics:\n    roc_auc: { min: ${floor} }` })
    const result = runGate(c, champion, challenger)
    const k = overall(result, 'roc_auc')
    expect(k.floor).toBe(floor)
    expect(k.margin).toBeNull()
    expect(k.challengerLower).toBeCloseTo(low, 9)
    expect(k.challengerUpper).toBeCloseTo(high, 9)
    expect(k.verdict).toBe(expected)
    expect(result.verdict).toBe(expected)
  })

  test.each([
    [0.9, 'pass'],
    [0.01, 'fail'],
  ] as const)('a Brier ceiling (lower is better) at %s gives %s', async (ceiling, expected) => {
    const c = await gateCase({ labels, yaml: `gate:\n  metrics:\n    brier: { min: ${ceiling} }` })
    const k = overall(runGate(c, champion, challenger), 'brier')
    expect(k.higherIsBetter).toBe(false)
    expect(k.challenger).toBeCloseTo(brier(labels, challenger), 12)
    // A ceiling passes when the challenger's whole CI is at or under it, fails when the whole CI is above.
    expect(expected === 'pass' ? k.challengerUpper <= ceiling : k.challengerLower > ceiling).toBe(true)
    expect(k.verdict).toBe(expected)
    expect(k.sentence).toContain(`the ceiling ${ceiling.toFixed(4)}`)
  })

  test('a Brier ceiling at the challenger value is inconclusive', async () => {
    const value = brier(labels, challenger)
    const c = await gateCase({ labels, yaml: `gate:\n  metrics:\n    brier: { min: ${value} }` })
    const k = overall(runGate(c, champion, challenger), 'brier')
    expect(k.challengerLower).toBeLessThan(value)
    expect(k.challengerUpper).toBeGreaterThan(value)
    expect(k.verdict).toBe('inconclusive')
  })
})

describe('lower-is-better metrics are oriented so that + is better', () => {
  test('log loss: a worse challenger fails, the same pair swapped passes', async () => {
    const worse = perturb(champion, 1.5, 11)
    const c = await gateCase({
      labels,
      yaml: 'gate:\n  adjust: none\n  resamples: 400\n  metrics:\n    log_loss: { max_drop: 0.02 }',
    })
    const forward = overall(runGate(c, champion, worse), 'log_loss')
    expect(forward.method).toBe('bootstrap')
    expect(forward.champion).toBeCloseTo(logLoss(labels, champion), 12)
    expect(forward.challenger).toBeCloseTo(logLoss(labels, worse), 12)
    // Oriented difference: champion − challenger for a lower-is-better metric.
    expect(forward.diff).toBeCloseTo(logLoss(labels, champion) - logLoss(labels, worse), 12)
    expect(forward.diff).toBeLessThan(-0.1)
    expect(forward.lower).toBeLessThanOrEqual(forward.diff)
    expect(forward.upper).toBeGreaterThanOrEqual(forward.diff)
    expect(forward.upper).toBeLessThan(-0.02)
    expect(forward.verdict).toBe('fail')

    const backward = overall(runGate(c, worse, champion), 'log_loss')
    expect(backward.diff).toBeCloseTo(-forward.diff, 12)
    expect(backward.lower).toBeGreaterThanOrEqual(-0.02)
    expect(backward.verdict).toBe('pass')
  })

  test('RMSE (regression) with a relative margin: worse fails, better passes, margin = pct × champion', async () => {
    const r = rng(5)
    const y = Float64Array.from({ length: 300 }, () => r.normal())
    const good = Float64Array.from(y, (v) => v + 0.3 * r.normal())
    const bad = Float64Array.from(y, (v) => v + 0.6 * r.normal())
    const c = await gateCase({
      labels: y,
      task: 'regression',
      yaml: 'gate:\n  adjust: none\n  resamples: 400\n  metrics:\n    rmse: { max_drop_pct: 5 }',
    })
    const worse = overall(runGate(c, good, bad), 'rmse')
    expect(worse.higherIsBetter).toBe(false)
    expect(worse.champion).toBeCloseTo(rmse(y, good), 12)
    expect(worse.margin).toBeCloseTo(0.05 * rmse(y, good), 12)
    expect(worse.diff).toBeCloseTo(rmse(y, good) - rmse(y, bad), 12)
    expect(worse.upper).toBeLessThan(-worse.margin!)
    expect(worse.verdict).toBe('fail')
    const better = overall(runGate(c, bad, good), 'rmse')
    expect(better.margin).toBeCloseTo(0.05 * rmse(y, bad), 12)
    expect(better.diff).toBeGreaterThan(0)
    expect(better.lower).toBeGreaterThanOrEqual(-better.margin!)
    expect(better.verdict).toBe('pass')
  })
})

describe('informational metrics never gate', () => {
  test.each(['{ informational: true }', '{ max_drop: 0.001, informational: true }'])(
    'brier %s: a much worse Brier score is reported, not gated',
    async (config) => {
      // Same ranking (AUC identical), probabilities squashed towards 0.5: a far worse Brier score.
      const squashed = Float64Array.from(champion, (p) => 0.5 + (p - 0.5) * 0.01)
      const c = await gateCase({
        labels,
        yaml: `gate:\n  metrics:\n    roc_auc: { max_drop: 0.01 }\n    brier: ${config}`,
      })
      const result = runGate(c, champion, squashed)
      const b = overall(result, 'brier')
      expect(b.challenger - b.champion).toBeGreaterThan(0.05)
      expect(b.verdict).toBe('not-gated')
      expect(b.reason).toBe('informational')
      expect(b.sentence).toContain('not gated (informational)')
      expect(overall(result, 'roc_auc').verdict).toBe('pass')
      expect(result.verdict).toBe('pass')
      expect(result.family).toBe(1)
    },
  )
})
