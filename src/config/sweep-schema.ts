import { z } from 'zod'

/**
 * The spec's fan-out keys: `sweep:` (hyperparameters to search) and `seeds:` (retrains of each trial). They
 * only change what `modelgate plan` lists; every entry of the plan is an ordinary run of the spec with some of
 * its `model.*` keys replaced (config/sweep.ts).
 */

/** A parameter's values: a list (grid, or a uniform choice for random search) or a range (random only). */
const paramValues = z.union([
  z.array(z.union([z.number(), z.string(), z.boolean(), z.array(z.number())])).min(1),
  z
    .object({
      min: z.number(),
      max: z.number(),
      /** Draw uniformly in log space (learning rates, regularisation strengths); min must be > 0. */
      log: z.boolean().default(false),
      /** Round each draw to an integer (epochs, layer widths). */
      int: z.boolean().default(false),
    })
    .strict()
    .refine((r) => r.max > r.min, { message: 'max must be greater than min' })
    .refine((r) => !r.log || r.min > 0, { message: 'a log range needs min > 0' }),
])

/** The validation split a sweep selects on: carved from the training rows, never the gate's eval rows. */
export const validationSchema = z
  .object({
    fraction: z.number().gt(0).lt(1).default(0.2),
    /** Hashed with the row key like data.split, under its own seed, so the two splits are independent. */
    seed: z.number().int().nonnegative().default(1),
  })
  .strict()

/** Most entries one model may put in a plan (a guard: each entry is a runner). */
export const MAX_TRIALS = 256

export const sweepSchema = z
  .object({
    method: z.enum(['grid', 'random']).default('grid'),
    /** The trial budget: random search draws this many; a grid larger than it is refused. */
    trials: z.number().int().min(1).max(MAX_TRIALS).optional(),
    /** Seed of the random search's draws. */
    seed: z.number().int().nonnegative().default(0),
    /** The metric trials are ranked by on the validation split; default: the first gated metric. */
    metric: z.string().min(1).optional(),
    validation: validationSchema.default(validationSchema.parse({})),
    /** `model.*` keys to vary ("C", "hidden", "optimizer.learning_rate") and their values. */
    params: z.record(z.string().regex(/^[a-z_A-Z][\w]*(\.[a-z_A-Z][\w]*)*$/), paramValues),
  })
  .strict()
  .refine((s) => Object.keys(s.params).length > 0, {
    message: 'sweep.params needs at least one parameter',
    path: ['params'],
  })

/** `seeds: K`: train every trial K times, with model.seed + 0 … K−1. */
export const seedsSchema = z.number().int().min(1).max(64)

export type SweepConfig = z.output<typeof sweepSchema>
export type ParamValues = z.output<typeof paramValues>
