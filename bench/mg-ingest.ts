/**
 * CSV ingestion into typed columns (`npm run bench`, issue 18): `mg-ingest.ts <file.csv>` reads the file with
 * readCsv and gets every column's numbers (parseColumn: the reader fills them as it splits fields), the work
 * pandas.read_csv does. Prints one BENCH line; the time covers reading the file through typed columns.
 */
import { readCsv } from '../src/data/csv.js'
import { parseColumn } from '../src/data/values.js'
import { report } from './bench-data.js'

const file = process.argv[2]
if (!file) throw new Error('usage: mg-ingest.ts <file.csv>')
const cpu = process.cpuUsage()
const started = performance.now()
const table = await readCsv([file])
let numbers = 0
for (const column of table.columns) numbers += parseColumn(column).value.length
const seconds = (performance.now() - started) / 1000
const used = process.cpuUsage(cpu)
report({ seconds, cpuSeconds: (used.user + used.system) / 1e6, rows: table.rowCount, cells: numbers })
