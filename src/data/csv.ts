import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { UserError } from '../errors.js'

/** Rows from one or more CSV files with the same header, stored column by column as strings. */
export interface RawTable {
  header: string[]
  columns: string[][]
  rowCount: number
  /** Where each row came from, for messages: the file and its line number (1-based, header is line 1). */
  sources: { file: string; firstRow: number; rowCount: number; lines: Int32Array | null }[]
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

function parseFile(file: string, bytes: Buffer): ParsedFile {
  const options = { bom: true, skip_empty_lines: true, relax_column_count: false, trim: false }
  let records: string[][]
  try {
    // Without `columns`, csv-parse returns one array of strings per record.
    const parsed: unknown = parse(bytes, options)
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
  const header = records[0]!.map((h) => h.trim())
  const rows = records.slice(1)
  // Quoted fields may span lines; only then are line numbers not "row + 1", and only then pay for them.
  let lines: Int32Array | null = null
  if (bytes.includes(0x22) && rows.some((r) => r.some((f) => f.includes('\n')))) {
    const withInfo = parse(bytes, { ...options, info: true }) as unknown as { info: { lines: number } }[]
    lines = Int32Array.from(withInfo.slice(1), (r) => r.info.lines)
  }
  return { header, rows, lines }
}

/** Read CSV files that share one header. Errors name the file and line. */
export async function readCsv(files: string[]): Promise<RawTable> {
  const hash = createHash('sha256')
  let header: string[] | null = null
  let columns: string[][] = []
  const sources: RawTable['sources'] = []
  let rowCount = 0
  for (const file of files) {
    let bytes: Buffer
    try {
      bytes = await fs.readFile(file)
    } catch {
      throw new UserError(
        `${file}: cannot read the data file (check data paths in modelgate.yml; they are relative to it)`,
      )
    }
    hash.update(bytes)
    const parsed = parseFile(file, bytes)
    const seen = new Set<string>()
    for (const name of parsed.header) {
      if (name === '') throw new UserError(`${file}: line 1: a column has an empty name`)
      if (seen.has(name)) throw new UserError(`${file}: line 1: column "${name}" appears twice`)
      seen.add(name)
    }
    if (header === null) {
      header = parsed.header
      columns = header.map(() => [])
    } else if (parsed.header.join('\u0000') !== header.join('\u0000')) {
      throw new UserError(
        `${file}: line 1: the header differs from ${files[0]}'s (all data files of a model must share one header)`,
      )
    }
    for (const row of parsed.rows) {
      for (let c = 0; c < row.length; c++) columns[c]!.push(row[c]!)
    }
    sources.push({ file, firstRow: rowCount, rowCount: parsed.rows.length, lines: parsed.lines })
    rowCount += parsed.rows.length
  }
  if (header === null || rowCount === 0) {
    throw new UserError(
      `${files.join(', ')}: no data rows (expected a header row followed by at least one row)`,
    )
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
