import { isUtf8 } from 'node:buffer'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { UserError } from '../errors.js'
import { DEFAULT_CSV_LIMITS, type CsvEncoding, type CsvLimits } from '../types/csv-limits.js'
import { CsvScanner, ScanError } from './csv-scan.js'
import { rememberParsedColumn, type ParsedColumn } from './values.js'

export { DEFAULT_CSV_LIMITS, type CsvLimits } from '../types/csv-limits.js'

/** Rows from one or more CSV files with the same header, stored column by column as strings. */
export interface RawTable {
  header: string[]
  columns: string[][]
  rowCount: number
  /** Where each row came from, for messages: the file and its line number (1-based, header is line 1). */
  sources: {
    file: string
    firstRow: number
    rowCount: number
    lines: Int32Array | null
    /** Parquet: the first row of each row group (messages say "row group G, row R" instead of a line). */
    rowGroups?: Int32Array
  }[]
  /** sha256 over every file's bytes, in order. */
  sha256: string
}

/** One CSV field, quoted when it holds a comma, quote, line break or surrounding space (RFC 4180). */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value
}

/** "row 17 (line 18)" for a row index of the table; messages put the file in front (see rowFile). */
export function rowLocation(table: RawTable, row: number): string {
  for (const source of table.sources) {
    if (row < source.firstRow + source.rowCount) {
      const local = row - source.firstRow
      if (source.rowGroups) {
        let g = 0
        while (g + 1 < source.rowGroups.length && source.rowGroups[g + 1]! <= local) g++
        return `row group ${g}, row ${local - source.rowGroups[g]! + 1}`
      }
      const line = source.lines ? source.lines[local]! : local + 2
      return `row ${local + 1} (line ${line})`
    }
  }
  return `row ${row + 1}`
}

/** The file a row came from (full path), for messages that must name the file. */
export function rowFile(table: RawTable, row: number): string {
  return table.sources.find((s) => row < s.firstRow + s.rowCount)?.file ?? table.sources[0]?.file ?? ''
}

interface ParsedFile {
  header: string[]
  rows: string[][]
  lines: Int32Array | null
}

const CSV_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: false, trim: false }

/** The full parser, for files the fast scanner hands back (and for the wording of every error it finds). */
function parseFileFully(file: string, text: string, limits: CsvLimits): ParsedFile {
  let records: string[][]
  try {
    // Without `columns`, csv-parse returns one array of strings per record.
    const parsed: unknown = parse(text, CSV_OPTIONS)
    records = parsed as string[][]
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string; record?: unknown[] }
    if (
      e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' &&
      e.lines !== undefined &&
      Array.isArray(e.record)
    ) {
      throw new UserError(
        `${file}: line ${e.lines}: ${e.record.length} fields, but the header has a different number; quote fields that contain commas`,
      )
    }
    const where = e.lines !== undefined ? `line ${e.lines}: ` : ''
    throw new UserError(`${file}: ${where}${(e.message ?? String(error)).replace(/^Invalid [^:]*: /, '')}`)
  }
  if (records.length === 0)
    throw new UserError(`${file}: the file is empty (expected a header row and data rows)`)
  const header = records[0]!
  const rows = records.slice(1)
  // Quoted fields may span lines; only then are line numbers not "row + 1", and only then pay for them.
  const withInfo = parse(text, { ...CSV_OPTIONS, info: true }) as unknown as { info: { lines: number } }[]
  const lines = Int32Array.from(withInfo.slice(1), (r) => r.info.lines)
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!
    for (let c = 0; c < row.length; c++) {
      if (row[c]!.length > limits.maxFieldLength)
        throw new UserError(
          `${file}: line ${lines[r]}, column "${header[c]}": a field of ${row[c]!.length.toLocaleString('en-US')} characters is longer than the limit of ${limits.maxFieldLength.toLocaleString('en-US')} (data.max_field_length in modelgate.yml)`,
        )
    }
  }
  return { header, rows, lines }
}

/** Where the first byte that is not UTF-8 is, as "line L, column C" (C counts characters). */
function invalidUtf8At(bytes: Uint8Array, from: number): { line: number; column: number; byte: number } {
  let line = 1
  let column = 1
  for (let i = from; i < bytes.length;) {
    const b = bytes[i]!
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    let ok = need >= 0 && i + need < bytes.length
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80
    if (ok && need === 2) {
      const b1 = bytes[i + 1]!
      ok = !(b === 0xe0 && b1 < 0xa0) && !(b === 0xed && b1 >= 0xa0) // overlong, surrogate
    } else if (ok && need === 3) {
      const b1 = bytes[i + 1]!
      ok = !(b === 0xf0 && b1 < 0x90) && !(b === 0xf4 && b1 >= 0x90)
    }
    if (!ok) return { line, column, byte: b }
    if (b === 0x0a) {
      line++
      column = 1
    } else column++
    i += need + 1
  }
  return { line, column, byte: 0 }
}

/** Text chunks of about this many bytes are decoded and scanned one after the other (no second copy of a big file). */
const CHUNK_BYTES = 8 * 1024 * 1024

function decodeChecked(
  file: string,
  bytes: Buffer,
  encoding: CsvEncoding,
): { text: () => Generator<[string, boolean]> } {
  if (encoding === 'utf-8') {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    if (!isUtf8(bytes)) {
      const at = invalidUtf8At(bytes, bom)
      throw new UserError(
        `${file}: line ${at.line}, column ${at.column}: byte 0x${at.byte.toString(16).toUpperCase().padStart(2, '0')} is not UTF-8; ` +
          `save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8) or declare its encoding (data.encoding: latin1, windows-1252 or utf-16le in modelgate.yml)`,
      )
    }
    return {
      *text() {
        // Chunks end after a line feed, which is never inside a multi-byte character.
        for (let pos = bom; pos < bytes.length;) {
          let end = Math.min(bytes.length, pos + CHUNK_BYTES)
          if (end < bytes.length) {
            const lf = bytes.lastIndexOf(0x0a, end - 1)
            end = lf >= pos ? lf + 1 : bytes.indexOf(0x0a, end) + 1 || bytes.length
          }
          yield [bytes.toString('utf8', pos, end), end === bytes.length]
          pos = end
        }
      },
    }
  }
  // A declared single-byte or UTF-16 encoding: every byte sequence decodes, so there is nothing to refuse.
  const text = new TextDecoder(encoding === 'latin1' ? 'windows-1252' : encoding).decode(bytes)
  return {
    *text() {
      yield [text, true]
    },
  }
}

interface ReadFile extends ParsedFile {
  columns: string[][] | null
  parsed: ParsedColumn[] | null
  rowCount: number
}

/** Rows in a file, extrapolated from the line feeds in its first 64 KiB (a hint; a little over is cheap). */
function estimateRows(bytes: Buffer): number {
  const sample = Math.min(bytes.length, 65536)
  let lines = 0
  for (let at = bytes.indexOf(0x0a, 0); at >= 0 && at < sample; at = bytes.indexOf(0x0a, at + 1)) lines++
  return Math.ceil((((lines + 1) * bytes.length) / Math.max(1, sample)) * 1.05)
}

function readFileText(file: string, bytes: Buffer, limits: CsvLimits): ReadFile {
  const source = decodeChecked(file, bytes, limits.encoding)
  const scanner = new CsvScanner({ maxFieldLength: limits.maxFieldLength, expectedRows: estimateRows(bytes) })
  let carry = ''
  let fast = true
  try {
    for (const [chunk, last] of source.text()) {
      const text = carry ? carry + chunk : chunk
      const read = scanner.feed(text, last)
      if (read < 0) {
        fast = false
        break
      }
      carry = text.slice(read)
    }
  } catch (error) {
    if (error instanceof ScanError) throw new UserError(`${file}: ${error.message}`)
    throw error
  }
  const scanned = fast ? scanner.result() : null
  if (scanned) {
    const header = scanned.header.map((h) => h.trim())
    return {
      header,
      rows: [],
      lines: scanned.lines,
      columns: scanned.columns,
      parsed: scanned.parsed,
      rowCount: scanned.rowCount,
    }
  }
  // The scanner declined (an irregular quote, a field count that differs, bare CRs): csv-parse decides.
  let whole = ''
  for (const [chunk] of source.text()) whole += chunk
  const parsed = parseFileFully(file, whole, limits)
  return {
    ...parsed,
    header: parsed.header.map((h) => h.trim()),
    columns: null,
    parsed: null,
    rowCount: parsed.rows.length,
  }
}

/**
 * Read CSV files that share one header. Errors name the file and line. `readBytes` replaces reading a file
 * as it is (the gzip reader decompresses through it); the size check on the file itself applies either way.
 */
export async function readCsv(
  files: string[],
  limits: CsvLimits = DEFAULT_CSV_LIMITS,
  readBytes: (file: string) => Promise<Buffer> = (file) => fs.readFile(file),
): Promise<RawTable> {
  const hash = createHash('sha256')
  let header: string[] | null = null
  let columns: string[][] = []
  const parts: (ParsedColumn[] | null)[] = []
  const sources: RawTable['sources'] = []
  let rowCount = 0
  for (const file of files) {
    let bytes: Buffer
    try {
      const stat = await fs.stat(file)
      if (stat.isFile() && stat.size > limits.maxFileBytes)
        throw new UserError(
          `${file}: ${megabytes(stat.size)} is larger than the limit of ${megabytes(limits.maxFileBytes)} for a data file (data.max_file_mb in modelgate.yml raises it)`,
        )
      bytes = await readBytes(file)
    } catch (error) {
      if (error instanceof UserError) throw error
      throw new UserError(
        `${file}: cannot read the data file (check data paths in modelgate.yml; they are relative to it)`,
      )
    }
    hash.update(bytes)
    const read = readFileText(file, bytes, limits)
    const seen = new Set<string>()
    for (const name of read.header) {
      if (name === '') throw new UserError(`${file}: line 1: a column has an empty name`)
      if (seen.has(name)) throw new UserError(`${file}: line 1: column "${name}" appears twice`)
      seen.add(name)
    }
    if (header === null) {
      header = read.header
      columns = read.columns ?? header.map(() => [])
    } else if (read.header.join('\u0000') !== header.join('\u0000')) {
      throw new UserError(
        `${file}: line 1: the header differs from ${files[0]}'s (all data files of a model must share one header)`,
      )
    } else if (read.columns) {
      for (let c = 0; c < columns.length; c++) {
        const target = columns[c]!
        for (const v of read.columns[c]!) target.push(v)
      }
    }
    // Rows that csv-parse read (the scanner's come as columns).
    for (const row of read.rows) {
      for (let c = 0; c < row.length; c++) columns[c]!.push(row[c]!)
    }
    parts.push(read.parsed)
    sources.push({ file, firstRow: rowCount, rowCount: read.rowCount, lines: read.lines })
    rowCount += read.rowCount
  }
  if (header === null || rowCount === 0) {
    throw new UserError(
      `${files.join(', ')}: no data rows (expected a header row followed by at least one row)`,
    )
  }
  // The scanner read the plain numbers already; keep them when every file went through it.
  const scanned = parts.filter((p) => p !== null)
  if (scanned.length === parts.length) {
    for (let c = 0; c < columns.length; c++) {
      const pieces = scanned.map((p) => p[c]!)
      rememberParsedColumn(columns[c]!, pieces.length === 1 ? pieces[0]! : concatParsed(pieces))
    }
  }
  return { header, columns, rowCount, sources, sha256: hash.digest('hex') }
}

/**
 * The header line of a CSV file (names trimmed), read from the file's start only; null when the file cannot
 * be read or parsed (readCsv reports that with the line).
 */
export async function readHeader(file: string): Promise<string[] | null> {
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(file, 'r')
    const chunk = Buffer.alloc(1 << 20)
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, 0)
    const records: string[][] = parse(chunk.subarray(0, bytesRead), {
      bom: true,
      to_line: 1,
      relax_column_count: true,
    })
    const first = records[0]
    return first ? first.map((h) => h.trim()) : null
  } catch {
    return null
  } finally {
    await handle?.close()
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

function concatParsed(pieces: ParsedColumn[]): ParsedColumn {
  const n = pieces.reduce((sum, p) => sum + p.value.length, 0)
  const value = new Float64Array(n)
  const kind = new Uint8Array(n)
  let at = 0
  for (const p of pieces) {
    value.set(p.value, at)
    kind.set(p.kind, at)
    at += p.value.length
  }
  return { value, kind }
}

/** A column's values by name; a missing column is a UserError naming the files, the use and the columns there are. */
export function columnOf(table: RawTable, name: string, context: string): string[] {
  const index = table.header.indexOf(name)
  if (index < 0) {
    const files = [...new Set(table.sources.map((s) => s.file))].join(', ')
    throw new UserError(
      `${files}: missing column "${name}" (${context}); columns are: ${table.header.join(', ')}`,
    )
  }
  return table.columns[index]!
}
