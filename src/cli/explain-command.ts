import path from 'node:path'
import { readCsv, type RawTable } from '../data/csv.js'
import { UserError } from '../errors.js'
import { METRICS } from '../evaluate/metrics.js'
import { parseProfile, PROFILE_JSON } from '../evaluate/profile.js'
import { readScoringBundle } from '../evaluate/score.js'
import { linearShap, readLinearWeights, shapSummary, trainingMeans } from '../evaluate/shap.js'
import { EXPLAIN_JSON } from '../pipeline/insights.js'
import type { PipelineDeps } from '../pipeline/types.js'
import { int, num, signed } from '../report/format.js'
import type { ImportanceResult, RowExplanation, ShapSummary } from '../types/explain.js'
import { readJsonFile, resolveRun } from './stored-run.js'

export interface ExplainOptions {
  model: string
  runId?: string
  /** 1-based row of --input (or of the spec's data when there is no --input). */
  row?: string
  input?: string
  /** This checkout's training files of the model, for --row without --input. */
  specData?: () => Promise<string[]>
  cwd: string
}

export interface Explanation {
  model: string
  runId: string
  importance: ImportanceResult | null
  /** Linear models: SHAP values of the explained rows (at most ROWS_SHOWN in text; all in JSON). */
  rows: RowExplanation[]
  summary: ShapSummary | null
  note: string | null
}

const ROWS_SHOWN = 5
const TOP = 8
const LINEAR = ['logistic', 'linear']

function rowsToExplain(table: RawTable, row: string | undefined, file: string): Uint32Array {
  if (row === undefined) return Uint32Array.from({ length: table.rowCount }, (_, i) => i)
  const n = Number(row)
  if (!/^\d+$/.test(row) || n < 1 || n > table.rowCount)
    throw new UserError(
      `--row "${row}": expected a row number from 1 to ${table.rowCount} (${file} has ${table.rowCount} rows)`,
    )
  return Uint32Array.of(n - 1)
}

/** `modelgate explain`: the run's stored importance, and exact SHAP values of rows for a linear model. */
export async function explainCommand(deps: PipelineDeps, options: ExplainOptions): Promise<Explanation> {
  const { runId, manifest } = await resolveRun(deps, options.model, {
    runId: options.runId,
    aliases: ['champion'],
  })
  const has = (p: string): boolean => manifest.files.some((f) => f.path === p)
  const read = (p: string): Promise<Uint8Array> => deps.registry.readRunFile(manifest, p)
  const importance = has(EXPLAIN_JSON)
    ? readJsonFile<{ importance: ImportanceResult }>(
        await read(EXPLAIN_JSON),
        `run ${runId}: ${EXPLAIN_JSON}`,
      ).importance
    : null
  const out: Explanation = { model: options.model, runId, importance, rows: [], summary: null, note: null }
  if (!importance)
    out.note = `run ${runId} stored no ${EXPLAIN_JSON} (made before explanations, or with explain.importance: false in its spec)`
  if (options.input === undefined && options.row === undefined) return out

  const files = options.input
    ? [path.resolve(options.cwd, options.input)]
    : await (options.specData?.() ?? Promise.resolve([]))
  if (files.length === 0)
    throw new UserError(`--row needs --input CSV (no spec of "${options.model}" in this checkout)`)
  const table = await readCsv(files)
  const rows = rowsToExplain(table, options.row, options.input ?? path.basename(files[0]!))
  const bundle = await readScoringBundle(read, `run ${runId}`)
  const type = bundle.modelType ?? 'mlp'
  if (!LINEAR.includes(type)) {
    out.note = `per-row contributions are exact SHAP values of logistic and linear models; run ${runId} is ${type} (its permutation importance is global only)`
    return out
  }
  if (!has(PROFILE_JSON))
    throw new UserError(
      `run ${runId} stored no ${PROFILE_JSON}, which SHAP's training means come from; retrain it`,
    )
  const profile = parseProfile(await read(PROFILE_JSON), `run ${runId}`)
  const weights = readLinearWeights(
    await read('model/model.json'),
    await read('model/weights.bin'),
    `run ${runId}`,
  )
  out.rows = linearShap(
    weights,
    bundle.preprocessor,
    trainingMeans(bundle.preprocessor, profile.train),
    table,
    rows,
    { task: bundle.target.task, classes: bundle.target.classes },
  )
  out.summary = shapSummary(out.rows)
  return out
}

/** The explanation as text for a terminal. */
export function explanationText(e: Explanation): string {
  const lines: string[] = []
  if (e.importance) {
    const label = METRICS[e.importance.metric]?.label ?? e.importance.metric
    lines.push(
      `${e.model} run ${e.runId}: permutation importance (${label} drop; mean ± sd over ${e.importance.repeats} shuffles of ${int(e.importance.rows)} eval rows)`,
      ...e.importance.features
        .slice(0, TOP)
        .map((f) => `  ${f.feature.padEnd(24)} ${num(f.mean)} ± ${num(f.sd)}`),
    )
    if (e.importance.features.length > TOP) lines.push(`  … ${e.importance.features.length - TOP} more`)
  }
  if (e.summary && e.rows.length > 1) {
    lines.push(`mean |SHAP| over ${int(e.summary.rows)} rows (${e.summary.output}):`)
    lines.push(...e.summary.features.slice(0, TOP).map((f) => `  ${f.feature.padEnd(24)} ${num(f.meanAbs)}`))
  }
  for (const r of e.rows.slice(0, ROWS_SHOWN)) {
    lines.push(`row ${r.row}: ${r.output} ${num(r.value)} = base ${num(r.base)} + contributions:`)
    lines.push(
      ...r.contributions
        .slice(0, TOP)
        .map((c) => `  ${`${c.feature} = ${c.value}`.padEnd(40)} ${signed(c.contribution)}`),
    )
  }
  if (e.rows.length > ROWS_SHOWN) lines.push(`(${e.rows.length - ROWS_SHOWN} more rows in --json)`)
  if (e.note) lines.push(e.note)
  return `${lines.join('\n')}\n`
}
