import { z } from 'zod'
import { UserError } from '../errors.js'

/**
 * The shapes of every object modelgate reads back from a store. A store is shared, long-lived and writable
 * by hand (an S3 console, a script), so nothing read from it is trusted to have the shape the code expects:
 * each object is checked here and a damaged one is refused with a message saying how to repair it.
 *
 * `format` is the store format version. Objects written before it existed have none and count as format 1;
 * an object from a newer modelgate is refused, naming both versions, rather than half-understood.
 */
export const STORE_FORMAT = 1

const format = z.number().int().positive().optional()

export const manifestFileSchema = z.object({
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits'),
  bytes: z.number().int().nonnegative(),
})

export const manifestSchema = z.object({
  format,
  schema: z.literal(1).optional(),
  model: z.string().min(1),
  runId: z.string().min(1),
  createdAt: z.string(),
  files: z.array(manifestFileSchema),
  meta: z.record(z.string(), z.unknown()),
})

export const aliasChangeSchema = z.object({
  action: z.enum(['promote', 'rollback', 'repair']),
  runId: z.string().min(1),
  previous: z.string().min(1).nullable(),
  at: z.string(),
  by: z.string(),
  reason: z.string(),
  /** A random id per setAlias call: a retried write recognises its own entry (see Registry.setAlias). */
  writeId: z.string().optional(),
  /** sha256 of the run's manifest when it was put under the alias: an edited manifest is noticed. */
  manifestSha256: z.string().optional(),
})

export const aliasRecordSchema = z.object({
  format,
  model: z.string().min(1),
  alias: z.string().min(1),
  runId: z.string().min(1),
  version: z.number().int().nonnegative(),
  updatedAt: z.string(),
  history: z.array(aliasChangeSchema),
})

export const calibrationSchema = z.looseObject({
  format,
  summary: z.object({
    sd: z.record(z.string(), z.number()),
    seeds: z.number().int().positive(),
    suggestedMargin: z.record(z.string(), z.number()),
  }),
})

/** The first problems zod found, as "history: expected array, received string". */
function problems(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
    .join('; ')
}

/** Throws when a parsed object says it was written by a newer modelgate than this one. */
export function refuseNewerFormat(value: unknown, where: string): void {
  const version =
    typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined
  if (typeof version === 'number' && version > STORE_FORMAT) {
    throw new UserError(
      `${where} was written by a newer modelgate (store format ${version}; this version reads format ${STORE_FORMAT}): upgrade modelgate to use this store`,
    )
  }
}

/**
 * Parse and check one stored object. `where` names it ("s3://b/p/models/m/aliases/champion.json"); `repair`
 * is the sentence that tells the user how to fix a damaged one.
 */
export function parseStored<T>(schema: z.ZodType<T>, body: Uint8Array, where: string, repair: string): T {
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch {
    throw new UserError(`${where} is damaged: not valid JSON; ${repair}`)
  }
  refuseNewerFormat(value, where)
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new UserError(`${where} is damaged: ${problems(parsed.error)}; ${repair}`)
  return parsed.data
}
