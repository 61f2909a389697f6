import { z } from 'zod'
import type { FanoutPlan } from '../pipeline/fanout-plan.js'

export type { FanoutPlan }

const params = z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.number())]))
const planSchema = z
  .object({
    schema: z.literal(1),
    entries: z.array(
      z.object({
        entry: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
        model: z.string().min(1),
        trial: z.number().int().nonnegative(),
        seed: z.number().int().nonnegative(),
        params,
      }),
    ),
    skipped: z.array(z.object({ model: z.string(), reason: z.string() })),
    reasons: z.array(z.object({ model: z.string(), reason: z.string() })),
  })
  .strict()

/** The plan job's `plan-json` output, as the report job gets it back; a message when it is not one. */
export function parsePlanJson(text: string): FanoutPlan | string {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return "is not JSON; pass the plan job's plan-json output"
  }
  const parsed = planSchema.safeParse(raw)
  if (!parsed.success)
    return `is not a modelgate plan (${parsed.error.issues[0]?.path.join('.') || 'top level'}: ${parsed.error.issues[0]?.message}); pass the plan job's plan-json output`
  return parsed.data
}
