import type { RawTable } from '../data/csv.js'
import { CELL_INFINITE, CELL_MISSING, CELL_TEXT, categoryOf, isMissing, parseColumn } from '../data/values.js'
import { clip, excerpt } from '../util/excerpt.js'
import type { InputSchema } from '../types/profile.js'

/**
 * `predict`'s input checked against the run's schema (profile.json): columns missing or extra, cells of the
 * wrong kind, infinite numbers and NaN, numbers outside the training range by more than a tolerance, and
 * categories training never saw. Per row: the reasons, and whether the row can be scored at all.
 */
export interface InputValidation {
  /** Features the input lacks: nothing can be scored. */
  missingColumns: string[]
  /** Columns the model does not use (ignored). */
  extraColumns: string[]
  /** Per input row: "; "-joined reasons, or "" when the row is valid. */
  reasons: string[]
  /** Rows that cannot be scored (text in a numeric column, an infinite number). */
  unscoreable: Uint8Array
  invalidRows: number
  /** Invalid cells per kind of problem, for the summary line. */
  counts: Record<string, number>
}

export interface ValidationPolicy {
  /** Fraction of the training range (max − min) a value may lie beyond it. */
  rangeTolerance: number
  /** The run's unseen-category policy: with "error" an unseen category cannot be scored. */
  unseenCategory: 'zeros' | 'error'
}

export function validateInput(
  schema: InputSchema,
  table: RawTable,
  policy: ValidationPolicy,
): InputValidation {
  const header = new Set(table.header)
  const known = new Set([...schema.features.map((f) => f.name), ...schema.passthrough])
  const n = table.rowCount
  const reasons: string[][] = Array.from({ length: n }, () => [])
  const unscoreable = new Uint8Array(n)
  const counts: Record<string, number> = {}
  const add = (row: number, kind: string, text: string, blocks = false): void => {
    reasons[row]!.push(text)
    counts[kind] = (counts[kind] ?? 0) + 1
    if (blocks) unscoreable[row] = 1
  }
  for (const f of schema.features) {
    if (!header.has(f.name)) continue
    const values = table.columns[table.header.indexOf(f.name)]!
    const name = clip(f.name)
    if (f.kind === 'numeric') {
      const { value, kind } = parseColumn(values)
      const min = f.min ?? -Infinity
      const max = f.max ?? Infinity
      const slack = policy.rangeTolerance * (max - min)
      for (let r = 0; r < n; r++) {
        const k = kind[r]!
        if (k === CELL_TEXT) add(r, 'wrong kind', `${name}: ${excerpt(values[r]!)} is not a number`, true)
        else if (k === CELL_INFINITE)
          add(r, 'not finite', `${name}: ${excerpt(values[r]!)} is not a finite number`, true)
        else if (k === CELL_MISSING) {
          if (/^\s*nan\s*$/i.test(values[r]!)) add(r, 'NaN', `${name}: NaN (scored as a missing value)`)
        } else if (value[r]! < min - slack || value[r]! > max + slack)
          add(r, 'out of range', `${name}: ${value[r]!} is outside the training range ${min} … ${max}`)
      }
    } else {
      const categories = new Set(f.categories ?? [])
      for (let r = 0; r < n; r++) {
        const raw = values[r]!
        if (isMissing(raw) || categories.has(categoryOf(raw))) continue
        add(
          r,
          'unseen category',
          `${name}: category ${excerpt(categoryOf(raw))} was not seen in training`,
          policy.unseenCategory === 'error',
        )
      }
    }
  }
  const joined = reasons.map((r) => r.join('; '))
  return {
    missingColumns: schema.features.filter((f) => !header.has(f.name)).map((f) => f.name),
    extraColumns: table.header.filter((h) => !known.has(h)),
    reasons: joined,
    unscoreable,
    invalidRows: joined.filter((r) => r !== '').length,
    counts,
  }
}

/** The stderr summary: "3 of 120 rows invalid (out of range 2, unseen category 1); extra columns ignored: foo". */
export function validationSummary(v: InputValidation, rows: number): string {
  const kinds = Object.entries(v.counts)
    .map(([k, c]) => `${k} ${c}`)
    .join(', ')
  const extra = v.extraColumns.length
    ? `; extra columns ignored: ${v.extraColumns.map((c) => clip(c)).join(', ')}`
    : ''
  return `${v.invalidRows} of ${rows} rows invalid${kinds ? ` (${kinds})` : ''}${extra}`
}
