import { createHash } from 'node:crypto'
import { createReadStream, promises as fs } from 'node:fs'
import { createGunzip, gunzip } from 'node:zlib'
import { promisify } from 'node:util'
import { UserError } from '../errors.js'
import { DEFAULT_CSV_LIMITS, type CsvLimits } from '../types/csv-limits.js'
import { readCsv, type RawTable } from './csv.js'
import { readParquet } from './parquet.js'
import { parseColumn, rememberParsedColumn } from './values.js'

const gunzipAsync = promisify(gunzip)

/** The data formats a spec's data files may have, told apart by extension. */
export type DataFormat = 'csv' | 'csv.gz' | 'parquet'

export function formatOf(file: string): DataFormat {
  const lower = file.toLowerCase()
  if (lower.endsWith('.parquet') || lower.endsWith('.parq')) return 'parquet'
  if (lower.endsWith('.gz')) return 'csv.gz'
  return 'csv'
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/**
 * A gzip file's bytes, decompressed up to data.max_file_mb: zlib stops at the limit, so a small file that
 * inflates to gigabytes is refused without ever being held in full.
 */
export function gunzipWithin(limits: CsvLimits): (file: string) => Promise<Buffer> {
  return async (file) => {
    const compressed = await fs.readFile(file)
    try {
      return await gunzipAsync(compressed, { maxOutputLength: limits.maxFileBytes })
    } catch (error) {
      const e = error as { code?: string; message?: string }
      if (e.code === 'ERR_BUFFER_TOO_LARGE' || /larger than/i.test(e.message ?? ''))
        throw new UserError(
          `${file}: decompresses to more than the limit of ${megabytes(limits.maxFileBytes)} for a data file (data.max_file_mb in modelgate.yml raises it)`,
        )
      throw new UserError(`${file}: not a valid gzip file (${e.message ?? String(error)})`)
    }
  }
}

/** What a data file holds as bytes for hashing: a gzip file's content, any other file as it is. */
function contentStream(file: string): AsyncIterable<Buffer> {
  const raw = createReadStream(file)
  return formatOf(file) === 'csv.gz' ? raw.pipe(createGunzip()) : raw
}

/**
 * sha256 over the files' content in order (gzip decompressed, Parquet as stored), streamed: the hash the
 * readers record for a table of these files (RawTable.sha256).
 */
export async function contentHash(files: string[]): Promise<string> {
  const hash = createHash('sha256')
  for (const file of files) {
    try {
      for await (const chunk of contentStream(file)) hash.update(chunk)
    } catch {
      throw new UserError(`${file}: cannot read the data file (check data paths in modelgate.yml)`)
    }
  }
  return hash.digest('hex')
}

/** Tables of files with one header, one after the other (the column parses kept). */
function concatTables(tables: RawTable[], files: string[], sha256: string): RawTable {
  const first = tables[0]!
  const header = first.header
  const columns = header.map(() => [] as string[])
  const sources: RawTable['sources'] = []
  let rowCount = 0
  for (const [i, table] of tables.entries()) {
    if (table.header.join('\u0000') !== header.join('\u0000'))
      throw new UserError(
        `${files[i]}: the header differs from ${files[0]}'s (all data files of a model must share one header)`,
      )
    for (let c = 0; c < header.length; c++) for (const v of table.columns[c]!) columns[c]!.push(v)
    for (const s of table.sources) sources.push({ ...s, firstRow: s.firstRow + rowCount })
    rowCount += table.rowCount
  }
  for (let c = 0; c < header.length; c++) {
    const parts = tables.map((t) => parseColumn(t.columns[c]!))
    const value = new Float64Array(rowCount)
    const kind = new Uint8Array(rowCount)
    let at = 0
    for (const p of parts) {
      value.set(p.value, at)
      kind.set(p.kind, at)
      at += p.value.length
    }
    rememberParsedColumn(columns[c]!, { value, kind })
  }
  return { header, columns, rowCount, sources, sha256 }
}

/**
 * A spec's data files as one table, whatever their format: CSV (the CSV reader), gzip CSV (the same reader
 * over the decompressed bytes) and Parquet (hyparquet). Every format gives the same RawTable, so validation,
 * types and errors downstream are the CSV path's.
 */
export async function readTable(files: string[], limits: CsvLimits = DEFAULT_CSV_LIMITS): Promise<RawTable> {
  const formats = files.map(formatOf)
  const csvBytes = async (file: string): Promise<Buffer> =>
    formatOf(file) === 'csv.gz' ? gunzipWithin(limits)(file) : fs.readFile(file)
  if (formats.every((f) => f !== 'parquet')) return readCsv(files, limits, csvBytes)
  const tables: RawTable[] = []
  for (const file of files)
    tables.push(
      formatOf(file) === 'parquet'
        ? await readParquet(file, limits)
        : await readCsv([file], limits, csvBytes),
    )
  if (tables.length === 1) return tables[0]!
  return concatTables(tables, files, await contentHash(files))
}
