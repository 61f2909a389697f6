import type { ModelConfig } from '../config/spec-schema.js'

/**
 * How much cross-fitting `gate.method: auto` does, and for which models. Pure functions of the model type
 * and the labelled row count, so the gate harness (bench/gate) runs exactly the product's choice.
 *
 * Work is counted in training row-fits: both specs are fitted on every split, each on (K−1)/K of the rows,
 * m times with m seeds, so R repetitions of K folds over N rows cost 2·R·(K−1)·N·m. More repetitions shrink
 * the Nadeau–Bengio variance factor 1/J + n_test/n_train (J = R·K) and raise the t quantile's degrees of
 * freedom (J − 1), which is what raised detection of 2× the margin to ≥ 80% on 300–400 eval rows
 * (bench/results/gate.md). Repetitions are therefore chosen as many as a work budget allows, between MIN and
 * MAX; seeds (CROSSFIT_SEEDS) are what the MLP needed.
 */

export const MIN_REPEATS = 2
export const MAX_REPEATS = 10

/**
 * Row-fit budgets per family, from the harness's measurements. Logistic/linear: L-BFGS takes 15–60 ms per fit
 * on 1,000 rows, so 160,000 row-fits (10×5 folds of 2,000 rows) are a few seconds; at 2,000 labelled rows
 * (400 eval rows) 2×5 folds caught 2× the margin 43% of the time, 8×5 and 10×5 93%. MLP: its per-fold
 * differences vary mostly by the seed (init, batch order, early-stopping split): with one fit per split, 2, 3
 * and 4 repetitions detected 2× the margin alike (45%), because Nadeau–Bengio's n_test/n_train term inflates
 * that noise too. Four seeds per split let seedReplicatedT separate it (bench/results/gate.md: the seeds'
 * comparison table), so the MLP budget pays for 4 seeds: 160,000 row-fits are 3×5 folds × 4 seeds of 1,500
 * rows (144,000), tens of milliseconds per fit on the harness's 1,200-row folds.
 */
export const CROSSFIT_BUDGET = { linear: 160_000, mlp: 160_000 } as const

/** Above these labelled row counts auto compares on the eval split (cost; and the split is large there). */
export const AUTO_CROSSFIT_MAX_ROWS = { linear: 50_000, mlp: 5_000 } as const

export type CrossfitFamily = keyof typeof CROSSFIT_BUDGET

/** The budget family of a model type, or null for models auto does not retrain per fold (external, CNN). */
export function crossfitFamily(type: ModelConfig['type']): CrossfitFamily | null {
  return type === 'mlp' ? 'mlp' : type === 'logistic' || type === 'linear' ? 'linear' : null
}

/** Training row-fits of R×K cross-fitting of both specs, m seeds each, over N labelled rows: 2·R·(K−1)·N·m. */
export function crossfitWork(rows: number, folds: number, repeats: number, seeds = 1): number {
  return 2 * repeats * (folds - 1) * rows * seeds
}

/** As many repetitions as the family's budget allows, clamped to [MIN_REPEATS, MAX_REPEATS]. */
export function budgetRepeats(family: CrossfitFamily, rows: number, folds: number, seeds = 1): number {
  const fit = Math.floor(CROSSFIT_BUDGET[family] / crossfitWork(rows, folds, 1, seeds))
  return Math.min(MAX_REPEATS, Math.max(MIN_REPEATS, fit))
}

/**
 * Fits of each spec per split. Logistic/linear fits are deterministic given the rows (L-BFGS from zero), so
 * one; an MLP's depends on its seed (init, batch order, early-stopping split), so four: enough for the
 * within-split variance to have J·3 degrees of freedom (45 on 3×5 folds). Not cut by the budget: fewer than
 * two would leave the seeds' noise inside the corrected split variance.
 */
export const CROSSFIT_SEEDS = { linear: 1, mlp: 4 } as const

export interface CrossfitSettings {
  folds: number
  /** Absent: chosen by the budget. */
  repeats?: number
  /** Absent: the family's CROSSFIT_SEEDS. */
  seeds?: number
}

export interface CrossfitChoice {
  folds: number
  repeats: number
  seeds: number
  work: number
  why: string
}

export type AutoChoice = ({ method: 'crossfit' } & CrossfitChoice) | { method: 'holdout'; why: string }

/**
 * Whether `auto` may cross-fit this model on `rows` labelled rows, and with how many repetitions (the spec's
 * `gate.crossfit.repeats` when set, else the budget's). The other conditions of auto (the data is the
 * champion's, the spec is not) are the pipeline's (pipeline/gate-method.ts).
 */
export function autoChoice(type: ModelConfig['type'], rows: number, settings: CrossfitSettings): AutoChoice {
  const family = crossfitFamily(type)
  if (family === null)
    return {
      method: 'holdout',
      why:
        type === 'cnn'
          ? 'a CNN is not cheap enough to retrain on every fold'
          : 'an external model cannot be retrained on every fold',
    }
  const max = AUTO_CROSSFIT_MAX_ROWS[family]
  if (rows > max)
    return {
      method: 'holdout',
      why: `${rows.toLocaleString('en-US')} labelled rows are more than auto cross-fits ${family === 'mlp' ? 'an MLP on' : 'on'}, ${max.toLocaleString('en-US')}`,
    }
  return { method: 'crossfit', ...crossfitPlanFor(family, rows, settings) }
}

/** Folds, repetitions and work of cross-fitting (explicit `gate.method: crossfit` too), and why so many. */
export function crossfitPlanFor(
  family: CrossfitFamily | null,
  rows: number,
  settings: CrossfitSettings,
): CrossfitChoice {
  const { folds } = settings
  const seeds = settings.seeds ?? CROSSFIT_SEEDS[family ?? 'linear']
  const repeats = settings.repeats ?? (family ? budgetRepeats(family, rows, folds, seeds) : MIN_REPEATS)
  const work = crossfitWork(rows, folds, repeats, seeds)
  const budget = CROSSFIT_BUDGET[family ?? 'linear'].toLocaleString('en-US')
  const why =
    settings.repeats !== undefined
      ? 'set by gate.crossfit.repeats'
      : family && work > CROSSFIT_BUDGET[family]
        ? `the minimum, ${MIN_REPEATS}: a budget of ${budget} training row-fits allows fewer`
        : `as many (${MIN_REPEATS}–${MAX_REPEATS}) as a budget of ${budget} training row-fits allows`
  return { folds, repeats, seeds, work, why }
}
