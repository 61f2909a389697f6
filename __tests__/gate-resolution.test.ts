/**
 * "Honest resolution": the CI half-width, the detectable drop (margin + (z_fail + z₀.₉₀)·se, with z_fail
 * the threshold a fail must really clear, Holm's first step included) and the eval rows needed, against hand
 * computation from a brute-force DeLong standard error; and the plain sentences reviewers read.
 */
import {
  binaryScenario,
  bruteDelong,
  gateCase,
  overall,
  perturb,
  phi,
  runGate,
  Z90,
  Z975,
} from './gate-fixtures.js'

/** Signed, 4 decimals, Unicode minus: how the report writes a difference. */
function s(v: number): string {
  const text = v.toFixed(4).replace('-', '−')
  return v > 0 && text !== '0.0000' ? `+${text}` : text
}

describe('resolution numbers', () => {
  const small = binaryScenario(100, 2, 3)
  const challenger = perturb(small.champion, 0.2, 4)
  const se = Math.sqrt(bruteDelong(small.labels, challenger, small.champion).varDiff)

  test('one test (no adjustment): half-width z·se, detectable drop max(δ, z₀.₉₇₅·se) + z₀.₉₀·se, rows for 9 in 10', async () => {
    const c = await gateCase({
      labels: small.labels,
      yaml: 'gate:\n  metrics:\n    roc_auc: { max_drop: 0.01 }',
    })
    const k = overall(runGate(c, small.champion, challenger), 'roc_auc')
    expect(k.se).toBeCloseTo(se, 10)
    const halfWidth = Z975 * se
    expect(halfWidth).toBeGreaterThan(0.01) // precondition: this eval set cannot show a 0.01 margin
    expect(k.halfWidth).toBeCloseTo(halfWidth, 9)
    expect(k.detectableDrop).toBeCloseTo(Math.max(0.01, Z975 * se) + Z90 * se, 9)
    expect(k.verdict).toBe('inconclusive')
    // A truly equal challenger passes 9 times in 10 where (z₀.₉₇₅ + z₀.₉₀)·se_N = δ: ≈ 2.7× the rows where hw = δ.
    expect(k.rowsNeeded).toBe(Math.ceil(100 * (((Z975 + Z90) * se) / 0.01) ** 2))
    const halfWidthRows = 100 * (halfWidth / 0.01) ** 2
    expect(k.rowsNeeded! / halfWidthRows).toBeCloseTo(((Z975 + Z90) / Z975) ** 2, 2)
    // The estimate is beyond the margin but not significant: rows that would make it fail 9 times in 10.
    expect(k.diff).toBeLessThan(-0.01)
    const drop = -k.diff
    const seTarget = Math.min((drop - 0.01) / Z90, drop / (Z975 + Z90))
    expect(k.settleRows).toBe(Math.ceil((se * 10) ** 2 / seTarget ** 2))
    expect(k.sentence).toBe(
      `ROC AUC ${s(k.diff)} (95% CI ${s(k.lower)} … ${s(k.upper)}): cannot be shown within the allowed −0.0100 drop: on these rows this pair of models is resolved only to ±${halfWidth.toFixed(4)}.`,
    )
  })

  test("with Holm over two tests the detectable drop uses Holm's first-step threshold z_{1−α/4}", async () => {
    const z = 2.241402727604947 // Φ⁻¹(1 − 0.05/4), standard table value
    expect(phi(z)).toBeCloseTo(1 - 0.0125, 6)
    const c = await gateCase({
      labels: small.labels,
      yaml: 'gate:\n  resamples: 200\n  metrics:\n    roc_auc: { max_drop: 0.01 }\n    brier: { max_drop: 0.05 }',
    })
    const result = runGate(c, small.champion, challenger)
    const k = overall(result, 'roc_auc')
    expect(result.family).toBe(2)
    expect(k.detectableDrop).toBeCloseTo(Math.max(0.01, z * se) + Z90 * se, 9)
    // The half-width (the interval itself) does not change with the adjustment.
    expect(k.halfWidth).toBeCloseTo(Z975 * se, 9)
  })

  test('row counts only for undecided tests, and a margin of 0 cannot be sized', async () => {
    const { labels, champion } = binaryScenario(400, 2, 1)
    const near = perturb(champion, 0.1, 7)
    const c = await gateCase({ labels, yaml: 'gate:\n  metrics:\n    roc_auc: { max_drop: 0.01 }' })
    const k = overall(runGate(c, champion, near), 'roc_auc')
    expect(k.verdict).toBe('pass')
    expect(k.rowsNeeded).toBeNull()
    expect(k.settleRows).toBeNull()
    const failing = overall(runGate(c, champion, perturb(champion, 1, 7)), 'roc_auc')
    expect(failing.verdict).toBe('fail')
    expect(failing.rowsNeeded).toBeNull()
    const zero = await gateCase({ labels, yaml: 'gate:\n  metrics:\n    roc_auc: { max_drop: 0 }' })
    const z = overall(runGate(zero, champion, near), 'roc_auc')
    expect(z.halfWidth).toBeGreaterThan(0)
    expect(z.rowsNeeded).toBeNull()
    expect(z.detectableDrop).toBeCloseTo((Z975 + Z90) * z.se, 9)
  })
})

describe('sentences', () => {
  const { labels, champion } = binaryScenario(400, 2, 1)
  const yaml = 'gate:\n  adjust: none\n  metrics:\n    roc_auc: { max_drop: 0.01 }'

  test('pass: "within the allowed −0.0100 drop"', async () => {
    const k = overall(
      runGate(await gateCase({ labels, yaml }), champion, perturb(champion, 0.1, 7)),
      'roc_auc',
    )
    expect(k.sentence).toBe(
      `ROC AUC ${s(k.diff)} (95% CI ${s(k.lower)} … ${s(k.upper)}): within the allowed −0.0100 drop.`,
    )
  })

  test('inconclusive with enough resolution: "cannot tell yet"', async () => {
    const k = overall(
      runGate(await gateCase({ labels, yaml }), champion, perturb(champion, 0.15, 10)),
      'roc_auc',
    )
    expect(k.halfWidth).toBeLessThanOrEqual(0.01)
    expect(k.verdict).toBe('inconclusive')
    expect(k.sentence).toBe(
      `ROC AUC ${s(k.diff)} (95% CI ${s(k.lower)} … ${s(k.upper)}): cannot tell yet whether the drop exceeds the allowed −0.0100 drop: the interval reaches past it.`,
    )
  })

  test('fail beyond the margin: significantly worse, with "p<0.001" (never "p=<0.001")', async () => {
    const k = overall(runGate(await gateCase({ labels, yaml }), champion, perturb(champion, 1, 7)), 'roc_auc')
    expect(k.pFail!).toBeLessThan(0.001)
    expect(k.sentence).toBe(
      `ROC AUC ${s(k.diff)} (95% CI ${s(k.lower)} … ${s(k.upper)}): significantly worse than the champion (one-sided p<0.001) and worse than the allowed −0.0100 drop by more than chance explains.`,
    )
    expect(k.sentence).not.toContain('p=<')
  })

  test('fail on the estimate: significantly worse and estimated beyond the margin, with p=0.xxx', async () => {
    const k = overall(
      runGate(await gateCase({ labels, yaml }), champion, perturb(champion, 0.3, 8)),
      'roc_auc',
    )
    // perturb(…, 0.3, 8) is not significant; 0.4, 11 is (CI … −0.0002) with its estimate beyond −0.01.
    const f = overall(
      runGate(await gateCase({ labels, yaml }), champion, perturb(champion, 0.4, 11)),
      'roc_auc',
    )
    expect(k.verdict).toBe('inconclusive')
    expect(f.verdict).toBe('fail')
    expect(f.upper).toBeGreaterThan(-0.01)
    expect(f.sentence).toBe(
      `ROC AUC ${s(f.diff)} (95% CI ${s(f.lower)} … ${s(f.upper)}): significantly worse than the champion (one-sided p=${f.pFail!.toFixed(3)}) and estimated beyond the allowed −0.0100 drop.`,
    )
  })

  test('significantly worse but within the margin on the estimate: said so, not merely inconclusive', async () => {
    const k = overall(
      runGate(await gateCase({ labels, yaml }), champion, perturb(champion, 0.2, 9)),
      'roc_auc',
    )
    expect(k.verdict).toBe('inconclusive')
    expect(k.sentence).toBe(
      `ROC AUC ${s(k.diff)} (95% CI ${s(k.lower)} … ${s(k.upper)}): significantly worse than the champion (one-sided p=${k.pFail!.toFixed(3)}), but the estimated drop is within the allowed −0.0100 drop and the interval reaches past it.`,
    )
  })

  test('floors, slices and informational metrics', async () => {
    const groups = Array.from({ length: 400 }, (_, i) => (i % 4 < 2 ? 'a' : 'b'))
    const y =
      'slices: { columns: [group], min_size: 50 }\ngate:\n  resamples: 200\n  metrics:\n    roc_auc: { max_drop: 0.01, min: 0.8 }\n    accuracy: { informational: true }'
    const result = runGate(await gateCase({ labels, groups, yaml: y }), champion, perturb(champion, 0.1, 7))
    const k = overall(result, 'roc_auc')
    expect(k.sentence).toBe(
      `ROC AUC ${s(k.diff)} (95% CI ${s(k.lower)} … ${s(k.upper)}): within the allowed −0.0100 drop; challenger ${k.challenger.toFixed(4)} (CI ${k.challengerLower.toFixed(4)} … ${k.challengerUpper.toFixed(4)}) clears the floor 0.8000.`,
    )
    const a = result.comparisons.find(
      (x) => x.metric === 'roc_auc' && x.scope.kind === 'slice' && x.scope.value === 'a',
    )!
    expect(a.sentence.startsWith(`ROC AUC [group=a] ${s(a.diff)} (95% CI`)).toBe(true)
    expect(a.floor).toBeNull() // floors apply to the whole model, not per slice
    expect(overall(result, 'accuracy').sentence).toBe(
      `Accuracy ${s(overall(result, 'accuracy').diff)} (95% CI ${s(overall(result, 'accuracy').lower)} … ${s(overall(result, 'accuracy').upper)}): not gated (informational).`,
    )
  })
})
