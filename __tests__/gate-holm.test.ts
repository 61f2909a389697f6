/**
 * Holm's adjustment over the gate's family of fail claims: a CI-level fail that does not survive Holm is
 * downgraded to inconclusive, stays fail with `adjust: none`, and the adjusted p-values equal Holm's
 * definition applied to the raw one-sided p-values (themselves checked against Φ((Δ + δ)/se)).
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
// Noise 0.43 puts the AUC drop's interval just past the margin: z = (Δ + δ)/se ≈ −2.07, so the raw one-sided
// p ≈ 0.019 is below α/2 = 0.025 but twice it (Holm over two claims) is not.
const borderline = perturb(champion, 0.43, 7)
const twoMetrics = (adjust: string): string =>
  `gate:\n  adjust: ${adjust}\n  metrics:\n    roc_auc: { max_drop: 0.01 }\n    brier: { max_drop: 0.05 }`

describe("Holm's adjustment", () => {
  test('a CI-level fail that does not survive Holm over the family is downgraded to inconclusive', async () => {
    const c = await gateCase({ labels, yaml: twoMetrics('holm') })
    const result = runGate(c, champion, borderline)
    const auc = overall(result, 'roc_auc')
    const brier = overall(result, 'brier')
    // Preconditions: the interval alone says fail, and the raw p-value is significant on its own.
    expect(auc.upper).toBeLessThan(-0.01)
    expect(auc.pFail!).toBeLessThan(0.025)
    expect(auc.pFail!).toBeCloseTo(phi((auc.diff + 0.01) / auc.se), 6)
    expect(result.adjustment).toBe('holm')
    expect(result.family).toBe(2)
    const expected = holmByDefinition([auc.pFail!, brier.pFail!])
    expect(auc.pFailAdjusted).toBeCloseTo(expected[0]!, 12)
    expect(brier.pFailAdjusted).toBeCloseTo(expected[1]!, 12)
    expect(auc.pFailAdjusted!).toBeGreaterThanOrEqual(0.025)
    expect(auc.verdict).toBe('inconclusive')
    expect(result.verdict).toBe('inconclusive')
    expect(auc.sentence).toContain(
      'below the allowed −0.0100 drop, but not significant once all tests are counted',
    )
    expect(auc.sentence).toContain('after Holm')
  })

  test('with adjust: none the same comparison stays fail', async () => {
    const c = await gateCase({ labels, yaml: twoMetrics('none') })
    const result = runGate(c, champion, borderline)
    const auc = overall(result, 'roc_auc')
    expect(result.adjustment).toBe('none')
    expect(auc.pFailAdjusted).toBeNull()
    expect(auc.verdict).toBe('fail')
    expect(result.verdict).toBe('fail')
    expect(auc.sentence).toContain('worse than the allowed −0.0100 drop, beyond what chance explains')
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
      gated.forEach((x) => expect(x.pFail!).toBeCloseTo(phi((x.diff + x.margin!) / x.se), 6))
      const expected = holmByDefinition(gated.map((x) => x.pFail!))
      gated.forEach((x, i) => expect(x.pFailAdjusted).toBeCloseTo(expected[i]!, 12))
      for (const x of gated) {
        const rule =
          x.lower >= -x.margin!
            ? 'pass'
            : x.upper < -x.margin! && x.pFailAdjusted! < 0.025
              ? 'fail'
              : 'inconclusive'
        expect(x.verdict).toBe(rule)
      }
      // Non-vacuous: the family holds interval-level fails that Holm downgrades (noise 0.5) or keeps (0.6).
      const ciFails = gated.filter((x) => x.upper < -x.margin!)
      expect(ciFails.length).toBeGreaterThan(0)
      expect(ciFails.some((x) => x.verdict === (kind === 'downgraded' ? 'inconclusive' : 'fail'))).toBe(true)
      expect(result.verdict).toBe(kind === 'downgraded' ? 'inconclusive' : 'fail')
    },
  )

  test('with adjust: none the interval alone decides where a percentile interval and the normal p-value disagree', async () => {
    // Small eval set, skewed log-loss differences: search a grid for pairs where the bootstrap percentile
    // interval and Φ((Δ + δ)/se) disagree about a fail (the grid makes this robust to resampling details).
    const small = binaryScenario(120, 1.5, 1)
    const c = await gateCase({
      labels: small.labels,
      yaml: 'gate:\n  adjust: none\n  resamples: 300\n  metrics:\n    log_loss: { max_drop: 0.02 }',
    })
    const disagreements: { ciFail: boolean; verdict: string }[] = []
    for (let step = 0; step <= 15; step++) {
      for (const seed of [1, 2, 3]) {
        const k = overall(
          runGate(c, small.champion, perturb(small.champion, 0.4 + 0.02 * step, seed)),
          'log_loss',
        )
        const ciFail = k.upper < -0.02
        if (ciFail !== k.pFail! < 0.025) disagreements.push({ ciFail, verdict: k.verdict })
      }
    }
    expect(disagreements.some((d) => d.ciFail)).toBe(true)
    for (const d of disagreements) expect(d.verdict).toBe(d.ciFail ? 'fail' : 'inconclusive')
  })
})
