#!/usr/bin/env node
// The flights CSV as Parquet (hyparquet-writer: INT32 columns, snappy, row groups of 100,000) and as gzip CSV,
// for the ingestion rows of `npm run bench`. Usage: node bench/write-formats.mjs <flights.csv> <out-dir>
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { parquetWriteBuffer } from 'hyparquet-writer'

const [csvFile, out] = process.argv.slice(2)
if (!csvFile || !out) throw new Error('usage: write-formats.mjs <flights.csv> <out-dir>')
const text = readFileSync(csvFile, 'utf8')
const lines = text.trimEnd().split('\n')
const header = lines[0].split(',')
const columns = header.map(() => new Int32Array(lines.length - 1))
for (let r = 1; r < lines.length; r++) {
  const cells = lines[r].split(',')
  for (let c = 0; c < header.length; c++) columns[c][r - 1] = Number(cells[c])
}
const columnData = header.map((name, c) => ({ name, data: columns[c], type: 'INT32', nullable: false }))
const base = path.basename(csvFile, '.csv')
writeFileSync(
  path.join(out, `${base}.parquet`),
  new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: 100_000 })),
)
writeFileSync(path.join(out, `${base}.csv.gz`), gzipSync(text, { level: 6 }))
