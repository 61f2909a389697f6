/**
 * Holm's adjustment over the gate's family of fail claims: a CI-level fail that does not survive Holm is
 * downgraded to inconclusive, stays fail with `adjust: none`, and the adjusted p-values equal Holm's
 * definition applied to the raw one-sided p-values of "not worse than the champion" (checked against Φ(Δ/se)).
 */
import {
  binaryScenario,
  gateCase,
  holmByDefinition,
  overall,
  perturb,
  phi,
  runGate,
} from './gate-fixtures.js'

const { labels, champion } = binaryScenario(400, 2, 1)
const twoMetrics = (adjust: string): string =>
  `gate:\n  adjust: ${adjust}\n  metrics:\n    roc_auc: { max_drop: 0.01 }\n    brier: { max_drop: 0.05 }`

/**
 * A challenger whose AUC drop is estimated beyond the margin and significant on its own (raw one-sided
 * p < α/2 = 0.025) but not after Holm over two claims: searched on a grid of noise
 * levels and seeds, so the test does not hang on one draw.
 */
async function borderline() {
  const c = await gateCase({ labels, yaml: twoMetrics('holm') })
  for (let step = 0; step <= 20; step++)
    for (const seed of [7, 8, 9, 10, 11]) {
      const challenger = perturb(champion, 0.2 + 0.01 * step, seed)
      const auc = overall(runGate(c, champion, challenger), 'roc_auc')
      if (auc.diff < -0.01 && auc.pFail! < 0.025 && auc.pFailAdjusted! >= 0.025) return challenger
    }
  throw new Error('no borderline challenger on the grid')
}

describe("Holm's adjustment", () => {
  test('a CI-level fail that does not survive Holm over the family is downgraded to inconclusive', async () => {
    const c = await gateCase({ labels, yaml: twoMetrics('holm') })
    const result = runGate(c, champion, await borderline())
    const auc = overall(result, 'roc_auc')
    const brier = overall(result, 'brier')
    // Preconditions: significantly worse by the interval alone, estimated beyond the margin.
    expect(auc.upper).toBeLessThan(0)
    expect(auc.diff).toBeLessThan(-0.01)
    expect(auc.pFail!).toBeCloseTo(phi(auc.diff / auc.se), 6)
    expect(result.adjustment).toBe('holm')
    expect(result.family).toBe(2)
    const expected = holmByDefinition([auc.pFail!, brier.pFail!])
    expect(auc.pFailAdjusted).toBeCloseTo(expected[0]!, 12)
    expect(brier.pFailAdjusted).toBeCloseTo(expected[1]!, 12)
    expect(auc.pFailAdjusted!).toBeGreaterThanOrEqual(0.025)
    expect(auc.verdict).toBe('inconclusive')
    expect(result.verdict).toBe('inconclusive')
    expect(auc.sentence).toContain(
      'estimated beyond the allowed −0.0100 drop, but not significantly worse than the champion once all tests are counted',
    )
    expect(auc.sentence).toContain('after Holm')
  })

  test('with adjust: none the same comparison stays fail', async () => {
    const c = await gateCase({ labels, yaml: twoMetrics('none') })
    const result = runGate(c, champion, await borderline())
    const auc = overall(result, 'roc_auc')
    expect(result.adjustment).toBe('none')
    expect(auc.pFailAdjusted).toBeNull()
    expect(auc.verdict).toBe('fail')
    expect(result.verdict).toBe('fail')
    expect(auc.sentence).toContain('significantly worse than the champion (one-sided p=0.0')
    expect(auc.sentence).toContain('estimated beyond the allowed −0.0100 drop')
    expect(auc.sentence).not.toContain('Holm')
  })

  test('a clear regression survives Holm and fails', async () => {
    const c = await gateCase({ labels, yaml: twoMetrics('holm') })
    const result = runGate(c, champion, perturb(champion, 1.0, 7))
    const auc = overall(result, 'roc_auc')
    expect(auc.pFailAdjusted!).toBeLessThan(0.025)
    expect(auc.verdict).toBe('fail')
    expect(result.verdict).toBe('fail')
  })

  test.each([
    [0.5, 'downgraded'],
    [0.6, 'surviving'],
  ] as const)(
    'over metrics × slices (noise %s: %s fails) the adjusted p-values are Holm by definition and decide every fail',
    async (noise, kind) => {
      const groups = Array.from({ length: 400 }, (_, i) => (i % 4 < 2 ? 'a' : 'b'))
      const yaml =
        'slices: { columns: [group], min_size: 50 }\ngate:\n  resamples: 300\n  metrics:\n    roc_auc: { max_drop: 0.01 }\n    log_loss: { max_drop: 0.02 }'
      const c = await gateCase({ labels, groups, yaml })
      const result = runGate(c, champion, perturb(champion, noise, 3))
      const gated = result.comparisons.filter((x) => x.verdict !== 'not-gated')
      expect(gated).toHaveLength(6)
      expect(result.family).toBe(6)
      gated.forEach((x) => expect(x.pFail!).toBeCloseTo(phi(x.diff / x.se), 6))
      const expected = holmByDefinition(gated.map((x) => x.pFail!))
      gated.forEach((x, i) => expect(x.pFailAdjusted).toBeCloseTo(expected[i]!, 12))
      for (const x of gated) {
        const rule =
          x.lower >= -x.margin!
            ? 'pass'
            : x.upper < 0 && x.diff < -x.margin! && x.pFailAdjusted! < 0.025
              ? 'fail'
              : 'inconclusive'
        expect(x.verdict).toBe(rule)
      }
      // Non-vacuous: the family holds interval-level fails that Holm downgrades or keeps.
      const ciFails = gated.filter((x) => x.upper < 0 && x.diff < -x.margin!)
      expect(ciFails.length).toBeGreaterThan(0)
      expect(ciFails.some((x) => x.verdict === (kind === 'downgraded' ? 'inconclusive' : 'fail'))).toBe(true)
      const verdicts = gated.map((x) => x.verdict)
      expect(result.verdict).toBe(
        verdicts.includes('fail') ? 'fail' : verdicts.includes('inconclusive') ? 'inconclusive' : 'pass',
      )
    },
  )

  test('with adjust: none the interval alone decides where a percentile interval and the normal p-value disagree', async () => {
    // Small eval set, skewed log-loss differences: search a grid for pairs where the bootstrap percentile
    // interval and Φ(Δ/se) disagree about significance (the grid makes this robust to resampling details).
    const small = binaryScenario(120, 1.5, 1)
    const c = await gateCase({
      labels: small.labels,
      yaml: 'gate:\n  adjust: none\n  resamples: 300\n  metrics:\n    log_loss: { max_drop: 0.005 }',
    })
    const disagreements: { ciFail: boolean; verdict: string }[] = []
    for (let step = 0; step <= 30; step++) {
      for (const seed of [1, 2, 3]) {
        const k = overall(
          runGate(c, small.champion, perturb(small.champion, 0.1 + 0.02 * step, seed)),
          'log_loss',
        )
        if (!(k.diff < -0.005) || k.lower >= -0.005) continue
        const ciFail = k.upper < 0
        if (ciFail !== k.pFail! < 0.025) disagreements.push({ ciFail, verdict: k.verdict })
      }
    }
    expect(disagreements.length).toBeGreaterThan(0)
    for (const d of disagreements) expect(d.verdict).toBe(d.ciFail ? 'fail' : 'inconclusive')
  })
})
