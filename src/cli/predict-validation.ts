import type { RawTable } from '../data/csv.js'
import { rowLocation } from '../data/csv.js'
import { UserError } from '../errors.js'
import { parseProfile, PROFILE_JSON } from '../evaluate/profile.js'
import { validateInput, validationSummary } from '../evaluate/validate-input.js'
import type { RunMeta } from '../pipeline/types.js'
import type { Registry, RunManifest } from '../store/registry.js'
import { DEFAULT_RANGE_TOLERANCE, type OnInvalid } from '../types/profile.js'
import { clip } from '../util/excerpt.js'

export interface CheckedInput {
  /** Rows to score (all but the unscoreable ones). */
  rows: Uint32Array
  /** Per input row, why it is invalid ("" when valid); null when the run has no schema to check against. */
  reasons: string[] | null
  /** The stderr summary line, or a note that nothing was checked. */
  summary: string
}

/**
 * `predict`'s input against the run's input schema. Missing features are always an error; other problems are
 * reasons per row (warn: valid and merely suspicious rows are scored, unreadable ones left blank) or, with
 * reject, one error naming the first invalid row and nothing written.
 */
export async function checkPredictInput(options: {
  registry: Registry
  manifest: RunManifest<RunMeta>
  table: RawTable
  input: string
  onInvalid: string | undefined
  fallback: OnInvalid | undefined
}): Promise<CheckedInput> {
  const { manifest, table, input } = options
  const all = Uint32Array.from({ length: table.rowCount }, (_, i) => i)
  if (options.onInvalid !== undefined && options.onInvalid !== 'warn' && options.onInvalid !== 'reject')
    throw new UserError(`--on-invalid "${options.onInvalid}": expected warn or reject`)
  if (!manifest.files.some((f) => f.path === PROFILE_JSON))
    return {
      rows: all,
      reasons: null,
      summary: `run ${manifest.runId} has no input schema (made before profiles): input not validated`,
    }
  const profile = parseProfile(
    await options.registry.readRunFile(manifest, PROFILE_JSON),
    `run ${manifest.runId}`,
  )
  const schema = profile.schema
  const mode: OnInvalid = options.onInvalid ?? schema.validation?.onInvalid ?? options.fallback ?? 'warn'
  const v = validateInput(schema, table, {
    rangeTolerance: schema.validation?.rangeTolerance ?? DEFAULT_RANGE_TOLERANCE,
    unseenCategory: schema.validation?.unseenCategory ?? 'zeros',
  })
  if (v.missingColumns.length)
    throw new UserError(
      `${input}: missing column${v.missingColumns.length > 1 ? 's' : ''} ${v.missingColumns.map((c) => `"${clip(c)}"`).join(', ')} that run ${manifest.runId} was trained with`,
    )
  const summary = validationSummary(v, table.rowCount)
  if (mode === 'reject' && v.invalidRows > 0) {
    const first = v.reasons.findIndex((r) => r !== '')
    throw new UserError(
      `${input}: ${summary}; first: ${rowLocation(table, first)}: ${v.reasons[first]} (on_invalid: reject; nothing written)`,
    )
  }
  // The invalid_reason column appears only when a row has a reason: valid input keeps predict's usual output.
  return {
    rows: all.filter((r) => !v.unscoreable[r]),
    reasons: v.invalidRows > 0 ? v.reasons : null,
    summary,
  }
}

/** Predictions of the scored rows placed at their rows among `n`; rows not scored are NaN (written blank). */
export function spreadPredictions(
  scored: Float64Array,
  rows: Uint32Array,
  n: number,
  target: { task: string; classes: readonly string[] },
): Float64Array {
  if (rows.length === n) return scored
  const width = target.task === 'multiclass' ? target.classes.length : 1
  const out = new Float64Array(n * width).fill(NaN)
  rows.forEach((r, i) => out.set(scored.subarray(i * width, (i + 1) * width), r * width))
  return out
}
