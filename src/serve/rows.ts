import type { RawTable } from '../data/csv.js'
import type { Preprocessor, TransformNotes } from '../data/preprocess.js'
import { categoryOf, isMissing } from '../data/values.js'
import { UserError } from '../errors.js'

/** Why a request was refused: the label of the errors counter in /metrics. */
export type BadInputReason =
  | 'schema'
  | 'invalid_json'
  | 'body_too_large'
  | 'too_many_rows'
  | 'missing_column'
  | 'wrong_type'
  | 'not_finite'
  | 'missing_value'
  | 'unseen_category'
  | 'unknown_model'
  | 'not_ready'
  | 'not_implemented'

/** A request the client must fix (4xx), or that cannot be answered yet (501, 503); never a server fault. */
export class BadInput extends UserError {
  override readonly name = 'BadInput'
  constructor(
    readonly status: number,
    readonly reason: BadInputReason,
    message: string,
  ) {
    super(message)
  }
}

export type JsonRow = Record<string, unknown>

const SOURCE = 'request'
const NON_FINITE = /^\s*[+-]?(nan|inf|infinity)\s*$/i

function cell(row: number, column: string, reason: BadInputReason, why: string): BadInput {
  return new BadInput(400, reason, `row ${row + 1}, column "${column}": ${why}`)
}

/**
 * JSON rows (objects keyed by column) → the string table the scoring path reads, validated against the run's
 * own preprocessing first so every refusal names the row and column: a missing column, a value of the wrong
 * type, NaN or ±Infinity, a missing value the run's policy does not impute, a category the run never saw
 * when its unseen_category policy is "error". Numbers become their shortest round-trip text (String(v)), so
 * scoring reads exactly the number sent. Columns the model does not use are ignored.
 */
export function rowsToTable(
  rows: readonly JsonRow[],
  pre: Preprocessor,
  maxRows: number,
): { table: RawTable; notes: TransformNotes } {
  if (rows.length === 0) throw new BadInput(400, 'schema', 'no rows: send at least one row')
  if (rows.length > maxRows)
    throw new BadInput(413, 'too_many_rows', `${rows.length} rows: at most ${maxRows} per request`)
  const header = pre.features.map((f) => f.name)
  const notes: TransformNotes = { imputed: {}, unseen: {} }
  const count = (what: Record<string, number>, column: string): void =>
    void (what[column] = (what[column] ?? 0) + 1)
  const columns = pre.features.map((feature) => {
    const out = new Array<string>(rows.length)
    const known = feature.kind === 'categorical' ? new Set(feature.categories) : null
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!
      if (!Object.prototype.hasOwnProperty.call(row, feature.name))
        throw cell(
          i,
          feature.name,
          'missing_column',
          `missing (the model needs columns ${header.join(', ')})`,
        )
      const v = row[feature.name]
      if (v === null || (typeof v === 'string' && feature.kind === 'categorical' && isMissing(v))) {
        if (feature.fill === null)
          throw cell(
            i,
            feature.name,
            'missing_value',
            `${JSON.stringify(v)} is a missing value, and the run's missing-value policy is "error"`,
          )
        count(notes.imputed, feature.name)
        out[i] = ''
      } else if (feature.kind === 'numeric') {
        if (typeof v === 'number') {
          // JSON has no NaN, but 1e999 parses to Infinity.
          if (!Number.isFinite(v)) throw cell(i, feature.name, 'not_finite', `${v} is not a finite number`)
          out[i] = String(v)
        } else if (typeof v === 'string' && NON_FINITE.test(v))
          throw cell(i, feature.name, 'not_finite', `"${v}" is not a finite number`)
        else
          throw cell(i, feature.name, 'wrong_type', `expected a number (or null), got ${JSON.stringify(v)}`)
      } else {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
          throw cell(
            i,
            feature.name,
            'wrong_type',
            `expected a string category (or null), got ${JSON.stringify(v)}`,
          )
        const category = categoryOf(String(v))
        if (!known!.has(category)) {
          if (pre.unseenCategory !== 'error') count(notes.unseen, feature.name)
          else
            throw cell(
              i,
              feature.name,
              'unseen_category',
              `category "${category}" was not seen in training (known: ${feature.categories.slice(0, 8).join(', ')}${feature.categories.length > 8 ? ', …' : ''})`,
            )
        }
        out[i] = category
      }
    }
    return out
  })
  const table: RawTable = {
    header,
    columns,
    rowCount: rows.length,
    sources: [{ file: SOURCE, firstRow: 0, rowCount: rows.length, lines: null }],
    sha256: '',
  }
  return { table, notes }
}
