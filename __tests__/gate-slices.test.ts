/**
 * Slices: each gated metric per slice with the same rule; slices below `min_size` reported with the reason
 * and never gated; a slice where ROC AUC is undefined; and `max_gap` on the challenger's best-vs-worst gap.
 */
import {
  binaryScenario,
  bruteDelong,
  gateCase,
  overall,
  perturb,
  rng,
  runGate,
  slice,
} from './gate-fixtures.js'

const { labels, champion } = binaryScenario(400, 2, 1)

describe('slices below min_size', () => {
  test('are reported with the reason, not gated, not counted in the family, and cannot fail the model', async () => {
    const groups = Array.from({ length: 400 }, (_, i) => (i < 40 ? 'small' : 'big'))
    const c = await gateCase({
      labels,
      groups,
      yaml: 'slices: { columns: [group], min_size: 100 }\ngate:\n  metrics:\n    roc_auc: { max_drop: 0.1 }',
    })
    // Harmless on the big slice, random scores on the 40-row slice.
    const challenger = perturb(champion, 0.1, 7)
    const r = rng(9)
    for (let i = 0; i < 40; i++) challenger[i] = r.uniform()
    const result = runGate(c, champion, challenger)
    const small = slice(result, 'roc_auc', 'group', 'small')
    expect(small.n).toBe(40)
    expect(small.upper).toBeLessThan(-0.1) // it would fail if it were gated
    expect(small.verdict).toBe('not-gated')
    expect(small.reason).toBe('40 rows < slices.min_size 100')
    expect(small.sentence).toContain('not gated (40 rows < slices.min_size 100)')
    expect(result.notes).toEqual([
      'slice group=small: 40 eval rows, below slices.min_size 100: reported, not gated',
    ])
    const big = slice(result, 'roc_auc', 'group', 'big')
    expect(big.n).toBe(360)
    expect(big.verdict).toBe('pass')
    expect(overall(result, 'roc_auc').verdict).toBe('pass')
    expect(result.family).toBe(2)
    expect(result.verdict).toBe('pass')
  })

  test('a gated slice uses the same rule and its regression fails the model', async () => {
    const groups = Array.from({ length: 400 }, (_, i) => (i < 200 ? 'x' : 'y'))
    const c = await gateCase({
      labels,
      groups,
      yaml: 'slices: { columns: [group], min_size: 100 }\ngate:\n  metrics:\n    roc_auc: { max_drop: 0.1 }',
    })
    const challenger = perturb(champion, 0.1, 7)
    const noisy = perturb(champion, 3, 8)
    for (let i = 0; i < 200; i++) challenger[i] = noisy[i]!
    const result = runGate(c, champion, challenger)
    const x = slice(result, 'roc_auc', 'group', 'x')
    const oracle = bruteDelong(labels.slice(0, 200), challenger.slice(0, 200), champion.slice(0, 200))
    expect(x.diff).toBeCloseTo(oracle.aucA - oracle.aucB, 12)
    expect(x.se).toBeCloseTo(Math.sqrt(oracle.varDiff), 10)
    expect(x.upper).toBeLessThan(-0.1)
    expect(x.verdict).toBe('fail')
    expect(slice(result, 'roc_auc', 'group', 'y').verdict).toBe('pass')
    expect(result.verdict).toBe('fail')
  })
})

describe('a slice where ROC AUC is undefined', () => {
  test('is reported as not gated with the reason; other metrics on it are still gated', async () => {
    // The first 100 negatives form slice "neg": one class only.
    let negatives = 0
    const groups = Array.from(labels, (y) => (y === 0 && negatives++ < 100 ? 'neg' : 'mixed'))
    const yaml =
      'slices: { columns: [group], min_size: 50 }\ngate:\n  resamples: 300\n  metrics:\n    roc_auc: { max_drop: 0.05 }\n    brier: { max_drop: 0.05 }'
    const c = await gateCase({ labels, groups, yaml })
    const result = runGate(c, champion, perturb(champion, 0.1, 7))
    const auc = slice(result, 'roc_auc', 'group', 'neg')
    expect(auc.n).toBe(100)
    expect(auc.verdict).toBe('not-gated')
    expect(auc.reason).toContain(
      'ROC AUC needs at least 2 rows of each class (here 0 positive, 100 negative)',
    )
    expect(Number.isNaN(auc.diff)).toBe(true)
    expect(slice(result, 'brier', 'group', 'neg').verdict).toBe('pass')
    expect(slice(result, 'roc_auc', 'group', 'mixed').verdict).toBe('pass')
    // overall ×2, mixed ×2, neg: brier only
    expect(result.family).toBe(5)
    expect(result.verdict).toBe('pass')
  })
})

describe('max_gap between the best and the worst slice', () => {
  const groups = Array.from({ length: 400 }, (_, i) => (i % 4 < 2 ? 'a' : 'b'))
  // The challenger is the champion on slice a and a much noisier model on slice b.
  const challenger = champion.slice()
  const noisy = perturb(champion, 2, 5)
  groups.forEach((g, i) => {
    if (g === 'b') challenger[i] = noisy[i]!
  })
  const pick = (arr: Uint8Array | Float64Array, value: string) => arr.filter((_, i) => groups[i] === value)
  const aucA = bruteDelong(
    pick(labels, 'a') as Uint8Array,
    pick(challenger, 'a') as Float64Array,
    pick(champion, 'a') as Float64Array,
  ).aucA
  const aucB = bruteDelong(
    pick(labels, 'b') as Uint8Array,
    pick(challenger, 'b') as Float64Array,
    pick(champion, 'b') as Float64Array,
  ).aucA

  test.each([
    [0.02, 'fail'],
    [0.5, 'pass'],
    [aucA - aucB, 'inconclusive'],
  ] as const)('max_gap %d gives %s', async (maxGap, expected) => {
    const yaml = `slices: { columns: [group], min_size: 50, max_gap: { roc_auc: ${maxGap} } }\ngate:\n  resamples: 500\n  metrics:\n    roc_auc: { max_drop: 0.5 }`
    const c = await gateCase({ labels, groups, yaml })
    const result = runGate(c, champion, challenger)
    expect(result.gaps).toHaveLength(1)
    const g = result.gaps[0]!
    expect(g.best).toBe('a')
    expect(g.worst).toBe('b')
    expect(g.gap).toBeCloseTo(aucA - aucB, 12)
    expect(g.lower).toBeLessThan(g.gap)
    expect(g.upper).toBeGreaterThan(g.gap)
    const rule = g.upper <= maxGap ? 'pass' : g.lower > maxGap ? 'fail' : 'inconclusive'
    expect(rule).toBe(expected)
    expect(g.verdict).toBe(expected)
    expect(g.sentence).toContain(`allowed ${maxGap.toFixed(4)}: ${expected}`)
    // The gap's fail claim is part of the Holm family: overall + 2 slices + 1 gap.
    expect(result.family).toBe(4)
    expect(result.verdict).toBe(expected)
  })
})
