import { clip, excerpt } from '../util/excerpt.js'
import path from 'node:path'
import type { ModelSpec } from '../config/load-spec.js'
import { SpecError, UserError } from '../errors.js'
import { checkSpecColumns } from './spec-columns.js'
import { csvLimitsOf } from '../types/csv-limits.js'
import { columnOf, rowFile, rowLocation, type RawTable } from './csv.js'
import { readTable } from './read-table.js'
import {
  CELL_MISSING,
  CELL_TEXT,
  hashJoined,
  hashString,
  isMissing,
  parseColumn,
  parseNumber,
  sortLabels,
} from './values.js'

export type FeatureKind = 'numeric' | 'categorical'

export interface FeatureColumn {
  name: string
  kind: FeatureKind
}

/** How the target is encoded: class labels in index order (classification) or none (regression). */
export interface TargetEncoding {
  column: string
  task: ModelSpec['task']
  /** Class labels; index = encoded value. Binary: [negative, positive]. Empty for regression. */
  classes: string[]
}

/** Encoded targets: Uint8Array (binary 0/1), Int32Array (class index) or Float64Array (regression). */
export type Targets = Uint8Array | Int32Array | Float64Array

/** Rows of a table picked out by index, with their encoded targets. */
export interface RowSet {
  table: RawTable
  rows: Uint32Array
  y: Targets
}

export interface Dataset {
  features: FeatureColumn[]
  target: TargetEncoding
  train: RowSet
  eval: RowSet
  /** sha256 of the train (and eval) files' bytes. */
  dataHash: string
  /** How the eval rows were chosen, in words, for the report. */
  evalSource: string
  /** A sweep trial's validation rows (held out of `train`, never part of `eval`); see validation-split.ts. */
  validation?: RowSet & { source: string }
}

function describeFiles(files: string[]): string {
  return files.map((f) => path.basename(f)).join(', ')
}

/** Numeric when every present value is a number; an almost-numeric column with a stray value is an error. */
function inferKind(table: RawTable, name: string, rows: Uint32Array): FeatureKind {
  const values = columnOf(table, name, 'feature')
  const { kind } = parseColumn(values)
  let numbers = 0
  let others = 0
  let firstOther = -1
  for (let i = 0; i < rows.length; i++) {
    const k = kind[rows[i]!]!
    if (k === CELL_MISSING) continue
    if (k !== CELL_TEXT) numbers++
    else if (others++ === 0) firstOther = rows[i]!
  }
  if (others === 0) return numbers > 0 ? 'numeric' : 'categorical'
  if (numbers > others * 4) {
    throw new UserError(
      `${rowFile(table, firstOther)}: ${rowLocation(table, firstOther)}, column ${excerpt(name)}: ${excerpt(values[firstOther]!)} is not a number, ` +
        `but most of the column is numeric; fix the value or declare data.types: { ${name}: categorical }`,
    )
  }
  return 'categorical'
}

export function selectFeatures(spec: ModelSpec, table: RawTable, rows: Uint32Array): FeatureColumn[] {
  const { data } = spec
  const excluded = new Set([data.target, ...(data.id ? [data.id] : []), ...data.exclude])
  const names = data.features ?? table.header.filter((h) => !excluded.has(h))
  for (const name of [...names, ...data.exclude, ...Object.keys(data.types)])
    columnOf(table, name, 'named in modelgate.yml')
  if (names.length === 0)
    throw new SpecError(
      spec.specFile,
      `${spec.specFile}: data: no feature columns left after excluding target, id and exclude`,
    )
  return names.map((name) => ({ name, kind: data.types[name] ?? inferKind(table, name, rows) }))
}

function defaultPositive(labels: string[]): string {
  const lower = labels.map((l) => l.toLowerCase())
  for (const candidate of ['1', 'true', 'yes', 'y', 'positive', 'pos']) {
    const i = lower.indexOf(candidate)
    if (i >= 0) return labels[i]!
  }
  return labels[1]!
}

export function encodeTargetClasses(spec: ModelSpec, table: RawTable, rows: Uint32Array): TargetEncoding {
  const column = spec.data.target
  const values = columnOf(table, column, 'data.target')
  if (spec.task === 'regression') return { column, task: spec.task, classes: [] }
  const seen = new Set<string>()
  for (let i = 0; i < rows.length; i++) {
    const raw = values[rows[i]!]!
    if (!isMissing(raw)) seen.add(raw.trim())
  }
  const labels = sortLabels([...seen])
  const files = describeFiles(spec.trainFiles)
  if (labels.length < 2) {
    throw new UserError(
      `${files}: target column "${column}" has ${labels.length === 0 ? 'no values' : `one class only (${excerpt(labels[0]!)})`} in the training rows; a classifier needs at least two`,
    )
  }
  if (spec.task === 'binary') {
    if (labels.length > 2) {
      throw new UserError(
        `${files}: target column "${column}" has ${labels.length} classes (${labels
          .slice(0, 5)
          .map((l) => clip(l))
          .join(', ')}${labels.length > 5 ? ', …' : ''}); use task: multiclass`,
      )
    }
    const positive = spec.data.positive_class ?? defaultPositive(labels)
    if (!labels.includes(positive)) {
      throw new SpecError(
        spec.specFile,
        `${spec.specFile}: data.positive_class: ${excerpt(positive)} is not a label of ${excerpt(column)} (labels: ${labels
          .slice(0, 20)
          .map((l) => clip(l))
          .join(', ')}${labels.length > 20 ? ', …' : ''})`,
      )
    }
    return { column, task: spec.task, classes: [labels.find((l) => l !== positive)!, positive] }
  }
  return { column, task: spec.task, classes: labels }
}

/** Encode the target of the given rows; a missing or unknown label is an error naming the row. */
export function encodeTargets(target: TargetEncoding, table: RawTable, rows: Uint32Array): Targets {
  const values = columnOf(table, target.column, 'data.target')
  const fail = (row: number, why: string): never => {
    throw new UserError(
      `${rowFile(table, row)}: ${rowLocation(table, row)}, column ${excerpt(target.column)}: ${why}`,
    )
  }
  if (target.task === 'regression') {
    const y = new Float64Array(rows.length)
    for (let i = 0; i < rows.length; i++) {
      const raw = values[rows[i]!]!
      if (isMissing(raw)) fail(rows[i]!, 'the target is missing')
      const v = parseNumber(raw)
      if (!Number.isFinite(v)) fail(rows[i]!, `${excerpt(raw)} is not a finite number`)
      y[i] = v
    }
    return y
  }
  const index = new Map(target.classes.map((c, i) => [c, i]))
  const y = target.task === 'binary' ? new Uint8Array(rows.length) : new Int32Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const raw = values[rows[i]!]!
    if (isMissing(raw)) fail(rows[i]!, 'the target is missing')
    const k = index.get(raw.trim())
    if (k === undefined)
      fail(
        rows[i]!,
        `label ${excerpt(raw)} was not seen in the training rows (known: ${target.classes
          .slice(0, 20)
          .map((c) => clip(c))
          .join(', ')}${target.classes.length > 20 ? ', …' : ''})`,
      )
    y[i] = k!
  }
  return y
}

function allRows(n: number): Uint32Array {
  const rows = new Uint32Array(n)
  for (let i = 0; i < n; i++) rows[i] = i
  return rows
}

/** Split by a hash of each row's key, so a row's side depends on that row alone. */
export function splitRows(
  spec: ModelSpec,
  table: RawTable,
): { train: Uint32Array; eval: Uint32Array; how: string } {
  const split = spec.data.split ?? { fraction: 0.2, seed: 0, key: undefined }
  const keyColumn = split.key ?? spec.data.id
  const keys = keyColumn ? columnOf(table, keyColumn, 'split key') : null
  const threshold = split.fraction * 2 ** 32
  const side = new Uint8Array(table.rowCount)
  let evalCount = 0
  for (let r = 0; r < table.rowCount; r++) {
    let hash: number
    if (keys) {
      const key = keys[r]!
      if (isMissing(key))
        throw new UserError(
          `${rowFile(table, r)}: ${rowLocation(table, r)}, column "${keyColumn}": the split key is missing`,
        )
      hash = hashString(key, split.seed)
    } else {
      // The whole row's fields joined by U+001F, hashed without making the joined string.
      hash = hashJoined(table.columns, r, 0x1f, split.seed)
    }
    if (hash < threshold) {
      side[r] = 1
      evalCount++
    }
  }
  const train = new Uint32Array(table.rowCount - evalCount)
  const evalRows = new Uint32Array(evalCount)
  for (let r = 0, t = 0, e = 0; r < table.rowCount; r++) {
    if (side[r]) evalRows[e++] = r
    else train[t++] = r
  }
  const by = keyColumn ? `column "${keyColumn}"` : 'the whole row'
  return {
    train,
    eval: evalRows,
    how: `${Math.round(split.fraction * 100)}% split by a hash of ${by} (seed ${split.seed})`,
  }
}

/** Read the spec's data, pick features, encode targets and choose the eval rows. */
export async function loadDataset(spec: ModelSpec): Promise<Dataset> {
  const trainTable = await readTable(spec.trainFiles, csvLimitsOf(spec.data))
  let train: Uint32Array
  let evalTable: RawTable
  let evalRows: Uint32Array
  let evalSource: string
  let dataHash = trainTable.sha256
  if (spec.evalFiles) {
    evalTable = await readTable(spec.evalFiles, csvLimitsOf(spec.data))
    train = allRows(trainTable.rowCount)
    evalRows = allRows(evalTable.rowCount)
    evalSource = `separate file ${describeFiles(spec.evalFiles)}`
    dataHash = `${trainTable.sha256}+${evalTable.sha256}`
    const missing = trainTable.header.filter((h) => !evalTable.header.includes(h) && h !== spec.data.id)
    if (missing.length > 0)
      throw new UserError(
        `${describeFiles(spec.evalFiles)}: missing column(s) ${missing.map((m) => `"${m}"`).join(', ')} that the training data has`,
      )
    checkSpecColumns(
      spec,
      { header: trainTable.header, files: spec.trainFiles },
      { header: evalTable.header, files: spec.evalFiles },
    )
  } else {
    checkSpecColumns(spec, { header: trainTable.header, files: spec.trainFiles })
    const split = splitRows(spec, trainTable)
    train = split.train
    evalTable = trainTable
    evalRows = split.eval
    evalSource = split.how
  }
  const where = describeFiles(spec.trainFiles)
  if (train.length === 0)
    throw new UserError(`${where}: no training rows (the split put every row in the eval set)`)
  if (evalRows.length === 0)
    throw new UserError(
      `${spec.evalFiles ? describeFiles(spec.evalFiles) : where}: no evaluation rows; raise data.split.fraction or add rows`,
    )
  const target = encodeTargetClasses(spec, trainTable, train)
  const features = selectFeatures(spec, trainTable, train)
  return {
    features,
    target,
    train: { table: trainTable, rows: train, y: encodeTargets(target, trainTable, train) },
    eval: { table: evalTable, rows: evalRows, y: encodeTargets(target, evalTable, evalRows) },
    dataHash,
    evalSource,
  }
}
