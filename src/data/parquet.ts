import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { parquetMetadata, parquetRead, parquetSchema, type FileMetaData } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { UserError } from '../errors.js'
import type { CsvLimits } from '../types/csv-limits.js'
import type { RawTable } from './csv.js'
import {
  CELL_INFINITE,
  CELL_MISSING,
  CELL_NUMBER,
  classifyCell,
  rememberParsedColumn,
  type ParsedColumn,
} from './values.js'

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

function tooLarge(file: string, size: number, limits: CsvLimits, what: string): UserError {
  return new UserError(
    `${file}: ${what} of ${megabytes(size)} is larger than the limit of ${megabytes(limits.maxFileBytes)} for a data file (data.max_file_mb in modelgate.yml raises it)`,
  )
}

/** "row group 2, row 17": where a row of a Parquet file is, for messages. */
function whereInFile(groupStarts: number[], row: number): string {
  let g = 0
  while (g + 1 < groupStarts.length && groupStarts[g + 1]! <= row) g++
  return `row group ${g}, row ${row - groupStarts[g]! + 1}`
}

/**
 * One Parquet file as a RawTable (the typed-column form the CSV reader produces): each value as the text a
 * CSV would hold, and numeric columns' numbers recorded directly (no re-parse). The file's size and its
 * uncompressed size (from the footer) are checked against data.max_file_mb before any column is decoded.
 * Nested columns (lists, structs, maps) and raw binary are refused, naming the column.
 */
export async function readParquet(file: string, limits: CsvLimits): Promise<RawTable> {
  let bytes: Buffer
  try {
    const stat = await fs.stat(file)
    if (stat.isFile() && stat.size > limits.maxFileBytes) throw tooLarge(file, stat.size, limits, 'the file')
    bytes = await fs.readFile(file)
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(
      `${file}: cannot read the data file (check data paths in modelgate.yml; they are relative to it)`,
    )
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  let metadata: FileMetaData
  try {
    metadata = parquetMetadata(buffer)
  } catch (error) {
    throw new UserError(`${file}: not a readable Parquet file (${(error as Error).message})`)
  }
  const uncompressed = metadata.row_groups.reduce((sum, g) => sum + Number(g.total_byte_size), 0)
  if (uncompressed > limits.maxFileBytes) throw tooLarge(file, uncompressed, limits, 'the uncompressed data')
  const fields = parquetSchema(metadata).children
  const header = fields.map((f) => f.element.name)
  for (const f of fields) {
    if (f.children.length > 0 || (f.element.type === 'FIXED_LEN_BYTE_ARRAY' && !f.element.logical_type))
      throw new UserError(
        `${file}: column "${f.element.name}" is a nested or binary Parquet column; only flat columns of numbers, strings, booleans and dates can be read`,
      )
  }
  const rowCount = Number(metadata.num_rows)
  if (rowCount === 0) throw new UserError(`${file}: no data rows (the Parquet file has none)`)
  const groupStarts: number[] = []
  let start = 0
  for (const g of metadata.row_groups) {
    groupStarts.push(start)
    start += Number(g.num_rows)
  }
  const columns = header.map(() => new Array<string>(rowCount))
  const parsed: ParsedColumn[] = header.map(() => ({
    value: new Float64Array(rowCount),
    kind: new Uint8Array(rowCount),
  }))
  const failure: { error: UserError | null } = { error: null }
  const fail = (column: string, row: number, why: string): void => {
    failure.error ??= new UserError(`${file}: ${whereInFile(groupStarts, row)}, column "${column}": ${why}`)
  }
  try {
    await parquetRead({
      file: buffer,
      metadata,
      compressors,
      onChunk: ({ columnName, columnData, rowStart }) => {
        const c = header.indexOf(columnName)
        const text = columns[c]!
        const { value, kind } = parsed[c]!
        for (let i = 0; i < columnData.length; i++) {
          const r = rowStart + i
          const v: unknown = columnData[i]
          if (v === null || v === undefined) {
            text[r] = ''
            kind[r] = CELL_MISSING
            value[r] = Number.NaN
          } else if (typeof v === 'number' || typeof v === 'bigint') {
            const n = Number(v)
            text[r] = String(v)
            kind[r] = Number.isNaN(n) ? CELL_MISSING : Number.isFinite(n) ? CELL_NUMBER : CELL_INFINITE
            value[r] = kind[r] === CELL_NUMBER ? n : Number.NaN
          } else {
            const s =
              typeof v === 'string'
                ? v
                : v instanceof Date
                  ? v.toISOString()
                  : typeof v === 'boolean'
                    ? String(v)
                    : null
            if (s === null) {
              fail(columnName, r, 'holds a value that is not a number, string, boolean or date')
              continue
            }
            if (s.length > limits.maxFieldLength)
              fail(
                columnName,
                r,
                `a field of ${s.length.toLocaleString('en-US')} characters is longer than the limit of ${limits.maxFieldLength.toLocaleString('en-US')} (data.max_field_length in modelgate.yml)`,
              )
            text[r] = s
            ;[kind[r], value[r]] = classifyCell(s)
          }
        }
      },
    })
  } catch (error) {
    throw new UserError(`${file}: the Parquet data cannot be decoded (${(error as Error).message})`)
  }
  if (failure.error) throw failure.error
  for (let c = 0; c < columns.length; c++) rememberParsedColumn(columns[c]!, parsed[c]!)
  return {
    header,
    columns,
    rowCount,
    sources: [{ file, firstRow: 0, rowCount, lines: null, rowGroups: Int32Array.from(groupStarts) }],
    sha256: createHash('sha256').update(bytes).digest('hex'),
  }
}
