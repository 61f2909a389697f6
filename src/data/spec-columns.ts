import path from 'node:path'
import type { ModelSpec } from '../config/load-spec.js'
import { SpecError } from '../errors.js'
import { readHeader } from './csv.js'
import { formatOf } from './read-table.js'

/** A data file's column names and the files they come from, for messages. */
export interface Header {
  header: string[]
  files: string[]
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), case-insensitive, for "did you
 * mean" hints: "lable" is one edit from "label".
 */
function editDistance(a: string, b: string): number {
  const s = a.toLowerCase()
  const t = b.toLowerCase()
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1)
      d[i]![j] = best
    }
  }
  return d[s.length]![t.length]!
}

/** The existing column closest to a misspelt one, when it is close enough to be a likely typo. */
export function nearestColumn(name: string, columns: string[]): string | null {
  let best: string | null = null
  let bestDistance = Infinity
  for (const column of columns) {
    const d = editDistance(name, column)
    if (d < bestDistance) [best, bestDistance] = [column, d]
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : null
}

/** Every column the spec names, with the key that names it ("slices.columns[0]", "data.types.age"). */
export function namedColumns(spec: ModelSpec): { key: string; column: string }[] {
  const { data } = spec
  const out: { key: string; column: string }[] = [{ key: 'data.target', column: data.target }]
  if (data.id) out.push({ key: 'data.id', column: data.id })
  if (data.split?.key) out.push({ key: 'data.split.key', column: data.split.key })
  data.features?.forEach((column, i) => out.push({ key: `data.features[${i}]`, column }))
  data.exclude.forEach((column, i) => out.push({ key: `data.exclude[${i}]`, column }))
  for (const column of Object.keys(data.types)) out.push({ key: `data.types.${column}`, column })
  spec.slices?.columns.forEach((column, i) => out.push({ key: `slices.columns[${i}]`, column }))
  return out
}

/**
 * Check every column the spec names against the data's header before anything is fitted or trained, on
 * every run (a first run too): one message naming the spec file, the key, the unknown column and the
 * nearest existing name. Slice columns must also be in the eval file, where slices are cut.
 */
export function checkSpecColumns(spec: ModelSpec, train: Header, evalTable?: Header): void {
  const problems: string[] = []
  const describe = (table: Header): string => table.files.map((f) => path.basename(f)).join(', ')
  for (const { key, column } of namedColumns(spec)) {
    // The id column may be absent from a separate eval file (it only labels prediction rows).
    const tables = key.startsWith('slices.') && evalTable ? [train, evalTable] : [train]
    for (const table of tables) {
      if (table.header.includes(column)) continue
      const hint = nearestColumn(column, table.header)
      problems.push(
        `${key}: no column "${column}" in ${describe(table)}${hint ? ` (did you mean "${hint}"?)` : ''}; columns are: ${table.header.join(', ')}`,
      )
      break
    }
  }
  if (problems.length === 0) return
  const head = problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join('; ')}`
  throw new SpecError(spec.specFile, `${spec.specFile}: ${head}`)
}

/**
 * The same check from the data files' header lines alone, so `loadSpecs` refuses a misspelt column of any
 * model before the first model trains. A file that cannot be read is left to the data stage to report.
 */
export async function checkSpecColumnsEarly(spec: ModelSpec): Promise<void> {
  // Images have no header: their folders and IDX files are checked as they are read.
  if (spec.data.type === 'images') return
  // Only a plain CSV's first line is cheap to read; Parquet, gzip and s3:// data are checked when read.
  const header = (file: string): Promise<string[] | null> =>
    formatOf(file) === 'csv' && !/^s3:\/\//.test(file) ? readHeader(file) : Promise.resolve(null)
  const train = await header(spec.trainFiles[0]!)
  if (!train) return
  const evalHeader = spec.evalFiles ? await header(spec.evalFiles[0]!) : null
  checkSpecColumns(
    spec,
    { header: train, files: spec.trainFiles },
    evalHeader ? { header: evalHeader, files: spec.evalFiles! } : undefined,
  )
}
