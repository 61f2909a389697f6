/**
 * gate.method: auto's plan (gate/crossfit-plan.ts): which models it cross-fits, how many repetitions the work
 * budget buys, and that the work it counts is the training rows the splits really fit on.
 */
import { parseSpec } from '../src/config/load-spec.js'
import { crossfitSplits } from '../src/gate/crossfit.js'
import {
  AUTO_CROSSFIT_MAX_ROWS,
  autoChoice,
  budgetRepeats,
  CROSSFIT_BUDGET,
  CROSSFIT_SEEDS,
  crossfitPlanFor,
  crossfitWork,
  MAX_REPEATS,
  MIN_REPEATS,
} from '../src/gate/crossfit-plan.js'

describe('cross-fitting work', () => {
  test('2·R·(K−1)·N equals the training rows of both specs summed over the splits crossfitSplits makes', () => {
    const rows = Uint32Array.from({ length: 1500 }, (_, i) => i)
    const { splits } = crossfitSplits(rows, { folds: 5, repeats: 3, seed: 2 })
    const fitted = 2 * splits.reduce((a, s) => a + s.train.length, 0)
    expect(crossfitWork(1500, 5, 3)).toBe(fitted)
    // m seeds per split fit every training row m times.
    expect(crossfitWork(1500, 5, 3, 4)).toBe(4 * fitted)
  })
})

describe('repetitions from the work budget', () => {
  test('as many as the budget allows: 10 on 2,000 logistic rows, 5 on 3,570, 3 MLP repetitions of 4 seeds on 1,500', () => {
    expect(budgetRepeats('linear', 2000, 5)).toBe(10) // 160,000 / (2·4·2,000) = 10
    expect(budgetRepeats('linear', 3570, 5)).toBe(5) // 160,000 / 28,560 = 5.6
    expect(budgetRepeats('mlp', 1500, 5, CROSSFIT_SEEDS.mlp)).toBe(3) // 160,000 / (2·4·1,500·4) = 3.3
  })

  test('never more than the budget, except at the minimum of 2', () => {
    for (const family of ['linear', 'mlp'] as const)
      for (const rows of [50, 300, 999, 1500, 2000, 3570, 5000, 15000, 50000]) {
        const m = CROSSFIT_SEEDS[family]
        const r = budgetRepeats(family, rows, 5, m)
        expect(r).toBeGreaterThanOrEqual(MIN_REPEATS)
        expect(r).toBeLessThanOrEqual(MAX_REPEATS)
        if (r > MIN_REPEATS) expect(crossfitWork(rows, 5, r, m)).toBeLessThanOrEqual(CROSSFIT_BUDGET[family])
        if (r < MAX_REPEATS) expect(crossfitWork(rows, 5, r + 1, m)).toBeGreaterThan(CROSSFIT_BUDGET[family])
      }
  })

  test('clamped: 10 on a tiny set, 2 on 15,000 logistic rows (the 2×5 of before)', () => {
    expect(budgetRepeats('linear', 100, 5)).toBe(MAX_REPEATS)
    expect(budgetRepeats('linear', 15000, 5)).toBe(MIN_REPEATS)
    expect(budgetRepeats('mlp', 5000, 5, CROSSFIT_SEEDS.mlp)).toBe(MIN_REPEATS)
    // Over budget at the minimum: the reason says so rather than "as many as the budget allows".
    expect(crossfitPlanFor('mlp', 4454, { folds: 5 })).toMatchObject({
      repeats: 2,
      work: 285_056,
      why: 'the minimum, 2: a budget of 160,000 training row-fits allows fewer',
    })
  })

  test('gate.crossfit.repeats, when set, wins over the budget and is named as the reason', () => {
    const plan = crossfitPlanFor('linear', 2000, { folds: 5, repeats: 2 })
    expect(plan).toEqual({ folds: 5, repeats: 2, seeds: 1, work: 32000, why: 'set by gate.crossfit.repeats' })
    expect(crossfitPlanFor('linear', 2000, { folds: 5 }).why).toBe(
      'as many (2–10) as a budget of 160,000 training row-fits allows',
    )
  })

  test('seeds per split: 1 for deterministic linear fits, 4 for MLPs; gate.crossfit.seeds wins and the budget buys fewer repetitions', () => {
    expect(crossfitPlanFor('linear', 2000, { folds: 5 }).seeds).toBe(1)
    expect(crossfitPlanFor('mlp', 1500, { folds: 5 })).toMatchObject({ seeds: 4, repeats: 3, work: 144_000 })
    // 8 seeds: 160,000 / (2·4·500·8) = 5 repetitions on 500 rows, where 4 seeds buy 10.
    expect(crossfitPlanFor('mlp', 500, { folds: 5 })).toMatchObject({ seeds: 4, repeats: 10 })
    expect(crossfitPlanFor('mlp', 500, { folds: 5, seeds: 8 })).toMatchObject({
      seeds: 8,
      repeats: 5,
      work: 160_000,
    })
  })
})

describe("auto's choice of method", () => {
  test('logistic and linear up to 50,000 labelled rows, then the eval split', () => {
    expect(autoChoice('logistic', AUTO_CROSSFIT_MAX_ROWS.linear, { folds: 5 }).method).toBe('crossfit')
    expect(autoChoice('linear', 2000, { folds: 5 })).toMatchObject({ method: 'crossfit', repeats: 10 })
    expect(autoChoice('logistic', 50_001, { folds: 5 })).toEqual({
      method: 'holdout',
      why: '50,001 labelled rows are more than auto cross-fits on, 50,000',
    })
  })

  test('MLPs up to 5,000 labelled rows (with the MLP budget), then the eval split', () => {
    expect(autoChoice('mlp', 1500, { folds: 5 })).toEqual({
      method: 'crossfit',
      folds: 5,
      repeats: 3,
      seeds: 4,
      work: 144_000,
      why: 'as many (2–10) as a budget of 160,000 training row-fits allows',
    })
    expect(autoChoice('mlp', 5000, { folds: 5 }).method).toBe('crossfit')
    expect(autoChoice('mlp', 5001, { folds: 5 })).toEqual({
      method: 'holdout',
      why: '5,001 labelled rows are more than auto cross-fits an MLP on, 5,000',
    })
  })

  test('external models are never cross-fitted by auto', () => {
    expect(autoChoice('external', 500, { folds: 5 })).toEqual({
      method: 'holdout',
      why: 'an external model cannot be retrained on every fold',
    })
  })
})

describe('gate.crossfit.seeds in a spec', () => {
  const spec = (crossfit: string): Uint8Array =>
    new TextEncoder().encode(
      `task: binary\ndata:\n  train: d.csv\n  target: y\nmodel:\n  type: mlp\n  hidden: [4]\ngate:\n  crossfit: ${crossfit}\n  metrics:\n    roc_auc: { max_drop: 0.01 }\n`,
    )
  test('is read into the plan', () => {
    const parsed = parseSpec(spec('{ folds: 5, seeds: 2 }'), 'm/modelgate.yml')
    expect(parsed.gate.crossfit).toEqual({ folds: 5, seeds: 2 })
    expect(crossfitPlanFor('mlp', 1500, parsed.gate.crossfit)).toMatchObject({ seeds: 2, repeats: 6 })
  })
  test('0 seeds is refused, naming the file and the key', () => {
    expect(() => parseSpec(spec('{ folds: 5, seeds: 0 }'), 'm/modelgate.yml')).toThrow(
      /m\/modelgate\.yml.*gate\.crossfit\.seeds/,
    )
  })
})
