/**
 * Parquet and gzip-CSV ingestion into typed columns (`npm run bench`, issue 17): `mg-ingest-format.ts <file>`
 * reads a .parquet or .csv.gz file with readTable (hyparquet, or the CSV reader over the decompressed bytes)
 * and gets every column's numbers (parseColumn), the work pandas.read_csv does on the plain CSV. Prints one
 * BENCH line; the time covers reading the file through typed columns.
 */
import { readTable } from '../src/data/read-table.js'
import { parseColumn } from '../src/data/values.js'
import { report } from './bench-data.js'

const file = process.argv[2]
if (!file) throw new Error('usage: mg-ingest-format.ts <file.parquet|file.csv.gz>')
const cpu = process.cpuUsage()
const started = performance.now()
const table = await readTable([file])
let numbers = 0
for (const column of table.columns) numbers += parseColumn(column).value.length
const seconds = (performance.now() - started) / 1000
const used = process.cpuUsage(cpu)
report({ seconds, cpuSeconds: (used.user + used.system) / 1e6, rows: table.rowCount, cells: numbers })
