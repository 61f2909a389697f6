/** How raw CSV strings are read as values: one place, so training, scoring and validation agree. */

/** Tokens read as a missing value (pandas' defaults, minus the ambiguous ones). */
const MISSING = new Set(['', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', 'None', '#N/A'])

export function isMissing(raw: string): boolean {
  return MISSING.has(raw) || (raw.length > 0 && raw.trim() === '')
}

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/
const INFINITE = /^\s*[+-]?(inf|infinity)\s*$/i

/** A finite number, or NaN when the text is not one (including "Infinity", hex, "1,5"). */
export function parseNumber(raw: string): number {
  return NUMBER.test(raw) ? Number(raw) : Number.NaN
}

export function isInfinite(raw: string): boolean {
  return INFINITE.test(raw)
}

/** What a cell of a column read as numbers holds. */
export const CELL_NUMBER = 0
export const CELL_MISSING = 1
export const CELL_TEXT = 2
export const CELL_INFINITE = 3

export interface ParsedColumn {
  /** The cell's number; NaN unless its kind is CELL_NUMBER. */
  value: Float64Array
  kind: Uint8Array
}

const parsedColumns = new WeakMap<readonly string[], ParsedColumn>()

/** What one cell holds, and its number (NaN unless CELL_NUMBER): the single definition of reading a cell. */
export function classifyCell(raw: string): [kind: number, value: number] {
  if (isMissing(raw)) return [CELL_MISSING, Number.NaN]
  const v = parseNumber(raw)
  if (Number.isNaN(v)) return [isInfinite(raw) ? CELL_INFINITE : CELL_TEXT, Number.NaN]
  if (!Number.isFinite(v)) return [CELL_INFINITE, Number.NaN] // an overflowing literal like 1e999
  return [CELL_NUMBER, v]
}

/**
 * Every cell of a column read as a number, once: type inference, fitting and each transform of the same rows
 * (the challenger's and the champion's) would otherwise parse the same strings again. Cached per column array;
 * the CSV reader fills the cache as it reads (see rememberParsedColumn).
 */
export function parseColumn(values: readonly string[]): ParsedColumn {
  let parsed = parsedColumns.get(values)
  if (parsed) return parsed
  const value = new Float64Array(values.length)
  const kind = new Uint8Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const [k, v] = classifyCell(values[i]!)
    value[i] = v
    kind[i] = k
  }
  parsed = { value, kind }
  parsedColumns.set(values, parsed)
  return parsed
}

/** Records a column's parse made elsewhere (by the CSV reader, which reads plain decimals as it splits fields). */
export function rememberParsedColumn(values: readonly string[], parsed: ParsedColumn): void {
  if (parsed.value.length !== values.length) throw new Error('a parsed column must have one entry per value')
  parsedColumns.set(values, parsed)
}

/** A categorical value as stored: surrounding whitespace does not make a new category. */
export function categoryOf(raw: string): string {
  return raw.trim()
}

/** Ascending, numerically when every label is a number ("2" < "10"), else by code unit (like numpy). */
export function sortLabels(labels: string[]): string[] {
  const numeric = labels.every((l) => !Number.isNaN(parseNumber(l)))
  return [...labels].sort(
    numeric ? (a, b) => parseNumber(a) - parseNumber(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  )
}

/**
 * A 32-bit hash of a string (FNV-1a over UTF-16 code units, then murmur3's finaliser so that nearby keys
 * spread evenly). Used to put a row on the train or eval side from its key alone, so the side never
 * changes when other rows are added or removed.
 */
export function hashString(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}
