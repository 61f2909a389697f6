import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { columnOf, csvField, readCsv, type RawTable } from '../../data/csv.js'
import { UserError } from '../../errors.js'

/** What a user command is told about the model, as MODELGATE_* variables (README "Bring your own model"). */
export interface ModelDescription {
  target: string
  task: 'binary' | 'multiclass' | 'regression'
  /** Class labels in index order (binary: [negative, positive]); empty for regression. */
  classes: readonly string[]
  features: readonly { name: string; kind: 'numeric' | 'categorical' }[]
  idColumn: string | null
}

export function describeEnv(model: ModelDescription): Record<string, string> {
  return {
    MODELGATE_TARGET: model.target,
    MODELGATE_TASK: model.task,
    MODELGATE_CLASSES: JSON.stringify(model.classes),
    MODELGATE_POSITIVE_CLASS: model.task === 'binary' ? model.classes[1]! : '',
    MODELGATE_FEATURES: JSON.stringify(model.features.map((f) => f.name)),
    MODELGATE_CATEGORICAL_FEATURES: JSON.stringify(
      model.features.filter((f) => f.kind === 'categorical').map((f) => f.name),
    ),
    MODELGATE_ID_COLUMN: model.idColumn ?? '',
  }
}

/** Rows of `table` as CSV with the given columns, cells exactly as read (missing cells stay empty). */
export async function writeRowsCsv(
  file: string,
  table: RawTable,
  rows: Uint32Array,
  columns: readonly string[],
  context: string,
): Promise<void> {
  const values = columns.map((c) => columnOf(table, c, context))
  const lines = [columns.map(csvField).join(',')]
  for (const r of rows) lines.push(values.map((v) => csvField(v[r]!)).join(','))
  await fs.writeFile(file, `${lines.join('\n')}\n`)
}

/** Every file under dir (relative paths with "/"), read into memory, refusing more than maxBytes in all. */
export async function collectFiles(
  dir: string,
  maxBytes: number,
  what: string,
): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {}
  let total = 0
  const walk = async (sub: string): Promise<void> => {
    const entries = await fs.readdir(path.join(dir, sub), { withFileTypes: true })
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name
      if (entry.isDirectory()) await walk(rel)
      else if (entry.isFile()) {
        const body = new Uint8Array(await fs.readFile(path.join(dir, rel)))
        total += body.length
        if (total > maxBytes)
          throw new UserError(
            `${what} wrote more than ${Number((maxBytes / 1e6).toPrecision(3))} MB to MODELGATE_OUTPUT_DIR; raise model.max_output_mb or write less`,
          )
        out[rel] = body
      } else throw new UserError(`${what} left ${rel} in MODELGATE_OUTPUT_DIR, which is not a regular file`)
    }
  }
  await walk('')
  return out
}

export function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex')
}

/** Columns a `predict` command writes: p_<label> per class in class order, or `prediction` (regression). */
export function outputColumns(model: Pick<ModelDescription, 'task' | 'classes'>): string[] {
  return model.task === 'regression' ? ['prediction'] : model.classes.map((c) => `p_${c}`)
}

const SUM_TOLERANCE = 1e-6

/**
 * Read a predict command's output strictly: the documented columns (any order, no others), one row per input
 * row, finite numbers; probabilities in [0, 1] summing to 1 ± 1e-6. Returns what scoreRows returns: P(positive)
 * (binary), n × K probabilities (multiclass) or values (regression).
 */
export async function readPredictOutput(
  file: string,
  model: Pick<ModelDescription, 'task' | 'classes'>,
  expectedRows: number,
  what: string,
): Promise<Float64Array> {
  if (
    !(await fs.stat(file).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    throw new UserError(`${what} did not write MODELGATE_OUTPUT_CSV (${file})`)
  let table: RawTable
  try {
    table = await readCsv([file])
  } catch (error) {
    throw new UserError(`${what}: output ${(error as Error).message}`)
  }
  const wanted = outputColumns(model)
  const missing = wanted.filter((c) => !table.header.includes(c))
  const extra = table.header.filter((c) => !wanted.includes(c))
  if (missing.length || extra.length) {
    throw new UserError(
      `${what}: output columns [${table.header.join(', ')}] must be exactly [${wanted.join(', ')}]${missing.length ? ` (missing ${missing.join(', ')})` : ''}${extra.length ? ` (unexpected ${extra.join(', ')})` : ''}`,
    )
  }
  if (table.rowCount !== expectedRows)
    throw new UserError(`${what}: output has ${table.rowCount} rows for ${expectedRows} input rows`)
  const k = wanted.length
  const values = wanted.map((c) => columnOf(table, c, 'output'))
  const matrix = new Float64Array(expectedRows * k)
  for (let i = 0; i < expectedRows; i++) {
    let sum = 0
    for (let j = 0; j < k; j++) {
      const raw = values[j]![i]!
      const v = raw.trim() === '' ? Number.NaN : Number(raw)
      const where = `${what}: output row ${i + 1} (line ${i + 2}), column ${wanted[j]}`
      if (!Number.isFinite(v)) throw new UserError(`${where}: "${raw}" is not a finite number`)
      if (model.task !== 'regression' && (v < 0 || v > 1))
        throw new UserError(`${where}: probability ${raw} is outside [0, 1]`)
      matrix[i * k + j] = v
      sum += v
    }
    if (model.task !== 'regression' && Math.abs(sum - 1) > SUM_TOLERANCE)
      throw new UserError(
        `${what}: output row ${i + 1} (line ${i + 2}): probabilities sum to ${sum}, not 1 (± ${SUM_TOLERANCE})`,
      )
  }
  if (model.task !== 'binary') return matrix
  const positive = new Float64Array(expectedRows)
  for (let i = 0; i < expectedRows; i++) positive[i] = matrix[i * 2 + 1]!
  return positive
}
