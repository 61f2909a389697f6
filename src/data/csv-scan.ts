import { FieldDictionary, HASH_START, foldChar } from './field-dictionary.js'
import { CELL_MISSING, CELL_NUMBER, classifyCell, type ParsedColumn } from './values.js'

/**
 * The fast CSV reader: one pass over the decoded text that splits RFC 4180 records (quoted fields with
 * `""` escapes and line breaks included), makes each field's string, and reads the plain decimals among them
 * as numbers on the way, so that `parseColumn` never parses them again. Anything it does not handle exactly
 * as csv-parse would (a quote inside an unquoted field, text after a closing quote, a field count that
 * differs from the header's, a bare CR, line ends that change style) makes it return null, and the caller
 * hands the whole file to csv-parse, whose result or error message then stands.
 */

export interface ScannedTable {
  header: string[]
  columns: string[][]
  parsed: ParsedColumn[]
  rowCount: number
  /** The line on which each data row starts, or null when that is simply row + 2. */
  lines: Int32Array | null
}

/** Raised for the errors the scanner reports itself (the caller prefixes the file). */
export class ScanError extends Error {}

export interface ScanLimits {
  /** Longest field, in characters. */
  maxFieldLength: number
  /** About how many rows the text has (a hint for preallocation). */
  expectedRows?: number
}

const COMMA = 44
const QUOTE = 34
const LF = 10
const CR = 13
const MINUS = 45
const PLUS = 43
const DOT = 46
const ZERO = 48
const NINE = 57

/** Exact powers of ten: a mantissa below 2^53 divided by one of them is correctly rounded (Clinger's fast path). */
const POW10 = Float64Array.from({ length: 16 }, (_, i) => 10 ** i)

/** Distinct non-numeric values remembered per column (beyond this, a column is more like ids than categories). */
const MAX_DISTINCT_TEXTS = 4096

class Growable {
  value: Float64Array
  kind: Uint8Array
  constructor(capacity: number) {
    this.value = new Float64Array(capacity)
    this.kind = new Uint8Array(capacity)
  }
  ensure(n: number): void {
    if (n <= this.value.length) return
    const capacity = Math.max(n, this.value.length * 2)
    const value = new Float64Array(capacity)
    value.set(this.value)
    const kind = new Uint8Array(capacity)
    kind.set(this.kind)
    this.value = value
    this.kind = kind
  }
  finish(n: number): ParsedColumn {
    return { value: this.value.slice(0, n), kind: this.kind.slice(0, n) }
  }
}

/**
 * Incremental state: text arrives in chunks that end after a line feed; a record cut by a chunk is re-read
 * with the next one (its fields were stored at index `rows`, which advances only when a record is complete).
 */
export class CsvScanner {
  header: string[] | null = null
  private columns: string[][] = []
  private numbers: Growable[] = []
  /** Distinct unquoted texts per column, and distinct quoted ones (rarer: a Map suffices). */
  private dictionaries: FieldDictionary[] = []
  private texts: Map<string, { text: string; kind: number; value: number }>[] = []
  private rows = 0
  /** The line the next record starts on (1-based). */
  private line = 1
  private lines: Int32Array | null = null
  /** Record ends are "\r\n" (true) or "\n" (false), decided by the first one. */
  private crlf: boolean | null = null
  /** Where an unterminated quoted field opened, when the last chunk ends inside it. */
  openQuoteLine = 0

  constructor(private readonly limits: ScanLimits) {}

  /**
   * Reads the complete records of `text` and returns the index where the unread rest starts (a record that
   * the chunk cut); -1 when the file needs the full parser. `last`: no more text follows.
   */
  feed(text: string, last: boolean): number {
    let i = 0
    const n = text.length
    const maxField = this.limits.maxFieldLength
    while (i < n) {
      const recordStart = i
      const recordLine = this.line
      let line = recordLine
      let ch = text.charCodeAt(i)
      // skip_empty_lines, as csv-parse: a record delimiter right at the start of a record.
      if (ch === LF || (ch === CR && text.charCodeAt(i + 1) === LF)) {
        if (this.crlf === null) this.crlf = ch === CR
        if ((ch === CR) !== this.crlf) return -1
        i += ch === CR ? 2 : 1
        this.line++
        continue
      }
      if (ch === CR && i + 1 >= n && !last) return recordStart
      const fields: string[] | null = this.header === null ? [] : null
      const width = this.header === null ? Number.MAX_SAFE_INTEGER : this.columns.length
      let column = 0
      let complete = false
      while (column < width) {
        const start = i
        ch = i < n ? text.charCodeAt(i) : -1
        let value: string
        if (ch === QUOTE) {
          let j = i + 1
          let escaped = false
          let close = -1
          for (;;) {
            const k = text.indexOf('"', j)
            if (k < 0) break
            if (text.charCodeAt(k + 1) === QUOTE) {
              escaped = true
              j = k + 2
              continue
            }
            if (k + 1 >= n && !last) break // the closing quote may be an escape whose second half is unread
            close = k
            break
          }
          if (close < 0) {
            if (!last) return recordStart
            this.openQuoteLine = line
            throw new ScanError(
              `line ${line}: a quoted field opens here and is never closed (an unbalanced " in column ${column + 1})`,
            )
          }
          for (let p = text.indexOf('\n', i + 1); p >= 0 && p < close; p = text.indexOf('\n', p + 1)) line++
          value = text.slice(i + 1, close)
          if (escaped) value = value.replaceAll('""', '"')
          i = close + 1
          if (value.length > maxField) throw this.tooLong(recordLine, column, value.length)
          if (fields) fields.push(value)
          else this.storeQuoted(column, value)
        } else {
          // An unquoted field: scan to the delimiter, reading a plain decimal on the way.
          let mantissa = 0
          let digits = 0
          let fraction = -1
          let negative = false
          let plain = true
          let hash = HASH_START
          if (ch === MINUS || ch === PLUS) {
            negative = ch === MINUS
            hash = foldChar(hash, ch)
            i++
          }
          for (; i < n; i++) {
            ch = text.charCodeAt(i)
            if (ch >= ZERO && ch <= NINE) {
              mantissa = mantissa * 10 + (ch - ZERO)
              digits++
              if (fraction >= 0) fraction++
            } else if (ch === COMMA || ch === LF || ch === CR) break
            else if (ch === QUOTE) return -1
            else if (ch === DOT && fraction < 0) fraction = 0
            else plain = false
            hash = foldChar(hash, ch)
          }
          if (i - start > maxField) throw this.tooLong(recordLine, column, i - start)
          const isNumber = plain && digits > 0 && digits <= 15
          if (fields) fields.push(text.slice(start, i))
          else this.storeUnquoted(column, text, start, i, hash, isNumber, mantissa, fraction, negative)
        }
        column++
        // After a field: a comma (another field follows), a record end, or the end of the text.
        ch = i < n ? text.charCodeAt(i) : -1
        if (ch === COMMA) {
          i++
          continue
        }
        if (ch === LF || ch === CR) {
          if (ch === CR && text.charCodeAt(i + 1) !== LF) {
            if (i + 1 >= n && !last) return recordStart
            return -1 // a bare CR: csv-parse's business
          }
          if (this.crlf === null) this.crlf = ch === CR
          if ((ch === CR) !== this.crlf) return -1
          i += ch === CR ? 2 : 1
          complete = true
          break
        }
        if (ch === -1) {
          if (!last) return recordStart
          complete = true
          break
        }
        return -1 // text after a closing quote
      }
      if (!complete || column !== width) {
        if (this.header !== null) return -1 // too many or too few fields: csv-parse words the error
      }
      if (this.header === null) {
        this.header = fields!
        // Sized from the caller's estimate: growing millions of slots by doubling copies them over and over.
        const capacity = Math.max(16, this.limits.expectedRows ?? 1024)
        this.columns = fields!.map(() => new Array<string>(capacity))
        this.numbers = fields!.map(() => new Growable(capacity))
        this.texts = fields!.map(() => new Map<string, { text: string; kind: number; value: number }>())
        this.dictionaries = fields!.map(() => new FieldDictionary())
      } else {
        this.rows++
        this.recordLine(recordLine)
      }
      this.line = line + 1
    }
    return n
  }

  private tooLong(line: number, column: number, length: number): ScanError {
    const name = this.header?.[column]
    return new ScanError(
      `line ${line}${name !== undefined ? `, column "${name}"` : ''}: a field of ${length.toLocaleString('en-US')} characters is longer than the limit of ${this.limits.maxFieldLength.toLocaleString('en-US')} (data.max_field_length in modelgate.yml)`,
    )
  }

  /**
   * An unquoted field `text[start, end)` of the current row; `hash` is over its characters, and the other
   * arguments are the plain decimal read on the way (used when `isNumber`).
   */
  private storeUnquoted(
    column: number,
    text: string,
    start: number,
    end: number,
    hash: number,
    isNumber: boolean,
    mantissa: number,
    fraction: number,
    negative: boolean,
  ): void {
    const row = this.rows
    const numbers = this.numbers[column]!
    numbers.ensure(row + 1)
    const dictionary = this.dictionaries[column]!
    const known = dictionary.find(hash, text, start, end)
    if (known >= 0) {
      this.columns[column]![row] = dictionary.texts[known]!
      numbers.value[row] = dictionary.values[known]!
      numbers.kind[row] = dictionary.kinds[known]!
      return
    }
    const value = text.slice(start, end)
    let kind: number
    let v: number
    if (isNumber) {
      const magnitude = fraction > 0 ? mantissa / POW10[fraction]! : mantissa
      kind = CELL_NUMBER
      v = negative ? -magnitude : magnitude
    } else if (value.length === 0) {
      kind = CELL_MISSING
      v = Number.NaN
    } else [kind, v] = classifyCell(value)
    dictionary.add(hash, value, kind, v)
    this.columns[column]![row] = value
    numbers.value[row] = v
    numbers.kind[row] = kind
  }

  /** A quoted field's (unescaped) text of the current row, classified as any cell. */
  private storeQuoted(column: number, value: string): void {
    const row = this.rows
    const numbers = this.numbers[column]!
    numbers.ensure(row + 1)
    // Text repeats (categories): classify each distinct value once, and keep one copy of its string.
    const seen = this.texts[column]!
    let known = seen.get(value)
    if (known === undefined) {
      const [kind, v] = classifyCell(value)
      known = { text: value, kind, value: v }
      if (seen.size < MAX_DISTINCT_TEXTS) seen.set(value, known)
    }
    this.columns[column]![row] = known.text
    numbers.value[row] = known.value
    numbers.kind[row] = known.kind
  }

  private recordLine(line: number): void {
    const row = this.rows - 1
    if (this.lines === null) {
      if (line === row + 2) return
      this.lines = new Int32Array(Math.max(1024, row * 2))
      for (let r = 0; r < row; r++) this.lines[r] = r + 2
    }
    if (row >= this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2)
      grown.set(this.lines)
      this.lines = grown
    }
    this.lines[row] = line
  }

  /** The table read so far; call after the last chunk. */
  result(): ScannedTable | null {
    if (this.header === null) return null
    return {
      header: this.header,
      columns: this.columns.map((c) => {
        c.length = this.rows
        return c
      }),
      parsed: this.numbers.map((g) => g.finish(this.rows)),
      rowCount: this.rows,
      lines: this.lines ? this.lines.slice(0, this.rows) : null,
    }
  }
}
