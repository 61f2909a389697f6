import type { RawTable } from '../data/csv.js'
import { columnOf, csvField } from '../data/csv.js'
import type { TargetEncoding, Targets } from '../data/dataset.js'

/** Column names of a prediction file: probabilities per class for classifiers, one value for regression. */
export function predictionColumns(target: TargetEncoding): string[] {
  if (target.task === 'regression') return [`predicted_${target.column}`]
  if (target.task === 'binary') return [`p_${target.classes[1]}`]
  return target.classes.map((c) => `p_${c}`)
}

/** The column predict adds: why a row is invalid against the run's input schema (empty when valid). */
export const INVALID_REASON = 'invalid_reason'

/**
 * Rows as CSV: the id column (or the 1-based row number), optionally the true label, then the predictions.
 * Numbers are written with full precision so stored predictions can be re-checked exactly.
 */
export function predictionsCsv(options: {
  table: RawTable
  rows: Uint32Array
  idColumn: string | undefined
  target: TargetEncoding
  predictions: Float64Array
  truth?: Targets
  /** predict's validation: a last column `invalid_reason` per row; rows not scored (NaN) are left blank. */
  reasons?: readonly string[]
}): Uint8Array {
  const { table, rows, idColumn, target, predictions, truth, reasons } = options
  const ids = idColumn ? columnOf(table, idColumn, 'data.id') : null
  const columns = predictionColumns(target)
  const width = target.task === 'multiclass' ? target.classes.length : 1
  const header = [
    idColumn ?? 'row',
    ...(truth ? [target.column] : []),
    ...columns,
    ...(reasons ? [INVALID_REASON] : []),
  ]
    .map(csvField)
    .join(',')
  const lines: string[] = [header]
  for (let i = 0; i < rows.length; i++) {
    const fields: string[] = [ids ? csvField(ids[rows[i]!]!) : String(rows[i]! + 1)]
    if (truth)
      fields.push(csvField(target.task === 'regression' ? String(truth[i]) : target.classes[truth[i]!]!))
    for (let k = 0; k < width; k++) {
      const v = predictions[i * width + k]!
      fields.push(reasons && Number.isNaN(v) ? '' : String(v))
    }
    if (reasons) fields.push(csvField(reasons[i] ?? ''))
    lines.push(fields.join(','))
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`)
}
