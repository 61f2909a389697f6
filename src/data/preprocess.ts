import { clip, excerpt } from '../util/excerpt.js'
import type { DataConfig } from '../config/spec-schema.js'
import { UserError } from '../errors.js'
import { columnOf, rowFile, rowLocation, type RawTable } from './csv.js'
import type { FeatureColumn } from './dataset.js'
import { CELL_INFINITE, CELL_MISSING, CELL_NUMBER, categoryOf, isMissing, parseColumn } from './values.js'

/**
 * Preprocessing fitted on training rows only and saved with the run (preprocess.json), so any later scoring
 * of that run on new rows is exactly reproducible: numeric → impute → standardise; categorical → impute →
 * one-hot (all categories kept, sorted like scikit-learn's OneHotEncoder).
 */
export interface NumericState {
  name: string
  kind: 'numeric'
  /** Value used for a missing cell (median or mean of the training rows), null when missing is an error. */
  fill: number | null
  mean: number
  /** Population standard deviation (ddof 0, like StandardScaler); 1 when the column is constant. */
  scale: number
}

export interface CategoricalState {
  name: string
  kind: 'categorical'
  /** Category used for a missing cell: the most frequent one, the "__missing__" category, or null (error). */
  fill: string | null
  categories: string[]
}

export type FeatureState = NumericState | CategoricalState

export interface Preprocessor {
  version: 1
  features: FeatureState[]
  /** Policies recorded with the run. */
  missing: DataConfig['missing']
  unseenCategory: DataConfig['unseen_category']
  /** Names of the output columns (one per numeric feature, one per category). */
  outputColumns: string[]
}

/** Counts of what the policies did while transforming, recorded with the run. */
export interface TransformNotes {
  imputed: Record<string, number>
  unseen: Record<string, number>
}

export const MISSING_CATEGORY = '__missing__'

function cellError(table: RawTable, row: number, column: string, why: string): UserError {
  return new UserError(
    `${rowFile(table, row)}: ${rowLocation(table, row)}, column ${excerpt(column)}: ${why}`,
  )
}

/** Read a numeric cell: NaN for missing, an error for text or an infinite value. */
function numericCell(table: RawTable, values: string[], row: number, column: string): number {
  const { value, kind } = parseColumn(values)
  const k = kind[row]!
  if (k === CELL_NUMBER) return value[row]!
  if (k === CELL_MISSING) return Number.NaN
  const raw = values[row]!
  if (k === CELL_INFINITE) throw cellError(table, row, column, `${excerpt(raw)} is not a finite number`)
  throw cellError(
    table,
    row,
    column,
    `${excerpt(raw)} is not a number (the column is numeric; declare data.types: { ${clip(column)}: categorical } if it is a category)`,
  )
}

function median(sorted: Float64Array): number {
  const n = sorted.length
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2
}

function fitNumeric(
  table: RawTable,
  rows: Uint32Array,
  name: string,
  policy: DataConfig['missing'],
): NumericState {
  const values = columnOf(table, name, 'feature')
  const present = new Float64Array(rows.length)
  let count = 0
  let firstMissing = -1
  for (let i = 0; i < rows.length; i++) {
    const v = numericCell(table, values, rows[i]!, name)
    if (Number.isNaN(v)) {
      if (firstMissing < 0) firstMissing = rows[i]!
    } else present[count++] = v
  }
  if (firstMissing >= 0 && policy.numeric === 'error') {
    throw cellError(
      table,
      firstMissing,
      name,
      'missing value (data.missing.numeric is "error"; use median or mean to impute)',
    )
  }
  if (count === 0)
    throw new UserError(
      `${rowFile(table, rows[0] ?? 0)}: column "${name}" has no values in the training rows; exclude it`,
    )
  const data = present.subarray(0, count).sort()
  let sum = 0
  for (let i = 0; i < count; i++) sum += data[i]!
  const fill = policy.numeric === 'error' ? null : policy.numeric === 'mean' ? sum / count : median(data)
  // Mean and scale after imputation, as a SimpleImputer → StandardScaler pipeline computes them.
  const missing = rows.length - count
  const total = sum + (fill ?? 0) * missing
  const mean = total / rows.length
  let ss = 0
  for (let i = 0; i < count; i++) ss += (data[i]! - mean) ** 2
  ss += missing * ((fill ?? mean) - mean) ** 2
  const std = Math.sqrt(ss / rows.length)
  return { name, kind: 'numeric', fill, mean, scale: std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1 }
}

function fitCategorical(
  table: RawTable,
  rows: Uint32Array,
  name: string,
  policy: DataConfig['missing'],
  maxCategories = Infinity,
): CategoricalState {
  const values = columnOf(table, name, 'feature')
  const counts = new Map<string, number>()
  let missing = 0
  for (let i = 0; i < rows.length; i++) {
    const raw = values[rows[i]!]!
    if (isMissing(raw)) {
      if (policy.categorical === 'error')
        throw cellError(table, rows[i]!, name, 'missing value (data.missing.categorical is "error")')
      missing++
      continue
    }
    const c = categoryOf(raw)
    counts.set(c, (counts.get(c) ?? 0) + 1)
    // Stopped as soon as the limit is passed: 50,000 categories one-hot encoded exhaust the memory.
    if (counts.size > maxCategories) {
      throw new UserError(
        `${rowFile(table, rows[0] ?? 0)}: column ${excerpt(name)} has more than data.max_categories = ${maxCategories} distinct values in the training rows (each would become one input); raise data.max_categories in the spec, exclude the column (data.exclude: it may be an id), or declare it numeric (data.types)`,
      )
    }
  }
  let fill: string | null = null
  if (policy.categorical === 'category') fill = MISSING_CATEGORY
  else if (policy.categorical === 'most_frequent') {
    // Ties go to the smallest value, as in scikit-learn's SimpleImputer.
    let best = -1
    for (const [c, n] of counts)
      if (n > best || (n === best && fill !== null && c < fill)) [fill, best] = [c, n]
  }
  if (fill !== null && missing > 0) counts.set(fill, (counts.get(fill) ?? 0) + missing)
  const categories = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  if (categories.length === 0)
    throw new UserError(
      `${rowFile(table, rows[0] ?? 0)}: column "${name}" has no values in the training rows; exclude it`,
    )
  return { name, kind: 'categorical', fill, categories }
}

export function fitPreprocessor(
  table: RawTable,
  rows: Uint32Array,
  features: FeatureColumn[],
  config: Pick<DataConfig, 'missing' | 'unseen_category'> & { max_categories?: number },
): Preprocessor {
  const states = features.map((f) =>
    f.kind === 'numeric'
      ? fitNumeric(table, rows, f.name, config.missing)
      : fitCategorical(table, rows, f.name, config.missing, config.max_categories),
  )
  const outputColumns = states.flatMap((s) =>
    s.kind === 'numeric' ? [s.name] : s.categories.map((c) => `${s.name}=${c}`),
  )
  return {
    version: 1,
    features: states,
    missing: config.missing,
    unseenCategory: config.unseen_category,
    outputColumns,
  }
}

/** What a categorical cell's text stands for: missing or not, its category (the fill when missing) and its index. */
interface ResolvedCategory {
  missing: boolean
  category: string
  k: number | undefined
}

/** Distinct texts per column whose resolution transform remembers (unseen values may be unbounded). */
const MAX_RESOLVED_TEXTS = 65536

function resolveCategory(raw: string, fill: string | null, index: Map<string, number>): ResolvedCategory {
  const missing = isMissing(raw)
  const category = missing ? fill : categoryOf(raw)
  return { missing, category: category ?? '', k: category === null ? undefined : index.get(category) }
}

/**
 * Rows → a dense row-major Float64Array (n × d) with the fitted preprocessing. Each feature is first read
 * into a column of its own (standardised values, or category indices), then the matrix is written row by
 * row: writing it feature by feature strides through all of it once per feature, which on 200,000 × 72
 * took most of the data stage.
 */
export function transform(
  pre: Preprocessor,
  table: RawTable,
  rows: Uint32Array,
): { x: Float64Array; n: number; d: number; notes: TransformNotes } {
  const n = rows.length
  const d = pre.outputColumns.length
  const notes: TransformNotes = { imputed: {}, unseen: {} }
  const columns = pre.features.map((state) =>
    state.kind === 'numeric'
      ? numericFeature(table, rows, state, notes)
      : categoricalFeature(pre, table, rows, state, notes),
  )
  const x = new Float64Array(n * d)
  const offsets = new Int32Array(columns.length)
  for (let f = 0, offset = 0; f < columns.length; f++) {
    offsets[f] = offset
    const state = pre.features[f]!
    offset += state.kind === 'numeric' ? 1 : state.categories.length
  }
  const numeric = columns.map((c) => (c instanceof Float64Array ? c : null))
  const categorical = columns.map((c) => (c instanceof Int32Array ? c : null))
  for (let i = 0; i < n; i++) {
    const at = i * d
    for (let f = 0; f < columns.length; f++) {
      const values = numeric[f]
      if (values) x[at + offsets[f]!] = values[i]!
      else {
        const k = categorical[f]![i]!
        if (k >= 0) x[at + offsets[f]! + k] = 1
      }
    }
  }
  return { x, n, d, notes }
}

/** A numeric feature of the rows imputed and standardised. */
function numericFeature(
  table: RawTable,
  rows: Uint32Array,
  state: NumericState,
  notes: TransformNotes,
): Float64Array {
  const values = columnOf(table, state.name, 'feature the model was trained with')
  const { value, kind } = parseColumn(values)
  const { fill, mean, scale } = state
  const n = rows.length
  const out = new Float64Array(n)
  let imputed = 0
  for (let i = 0; i < n; i++) {
    const row = rows[i]!
    let v = kind[row] === CELL_NUMBER ? value[row]! : numericCell(table, values, row, state.name)
    if (Number.isNaN(v)) {
      if (fill === null)
        throw cellError(table, row, state.name, 'missing value (data.missing.numeric is "error")')
      v = fill
      imputed++
    }
    out[i] = (v - mean) / scale
  }
  if (imputed) notes.imputed[state.name] = imputed
  return out
}

/** A categorical feature of the rows as category indices (−1: an unseen category, scored as all zeros). */
function categoricalFeature(
  pre: Preprocessor,
  table: RawTable,
  rows: Uint32Array,
  state: CategoricalState,
  notes: TransformNotes,
): Int32Array {
  const values = columnOf(table, state.name, 'feature the model was trained with')
  const n = rows.length
  const out = new Int32Array(n)
  const index = new Map(state.categories.map((c, k) => [c, k]))
  let imputed = 0
  let unseen = 0
  // Each distinct text is read once (the CSV reader shares one string per text, so cells repeat them).
  const resolved = new Map<string, ResolvedCategory>()
  for (let i = 0; i < n; i++) {
    const raw = values[rows[i]!]!
    let cell = resolved.get(raw)
    if (cell === undefined) {
      cell = resolveCategory(raw, state.fill, index)
      if (resolved.size < MAX_RESOLVED_TEXTS) resolved.set(raw, cell)
    }
    if (cell.missing) {
      if (state.fill === null)
        throw cellError(table, rows[i]!, state.name, 'missing value (data.missing.categorical is "error")')
      imputed++
    }
    const { category, k } = cell
    if (k === undefined) {
      if (pre.unseenCategory === 'error') {
        throw cellError(
          table,
          rows[i]!,
          state.name,
          `category ${excerpt(category)} was not seen in training (known: ${state.categories
            .slice(0, 8)
            .map((c) => clip(c))
            .join(
              ', ',
            )}${state.categories.length > 8 ? ', …' : ''}); set data.unseen_category: zeros to score it as all-zero`,
        )
      }
      unseen++
      out[i] = -1
      continue
    }
    out[i] = k
  }
  if (imputed) notes.imputed[state.name] = imputed
  if (unseen) notes.unseen[state.name] = unseen
  return out
}
