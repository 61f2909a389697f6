import { promises as fs } from 'node:fs'
import path from 'node:path'
import { readCsv } from './data/csv.js'
import { UserError } from './errors.js'
import { FAIL_ON, failsRun } from './gate/outcome.js'
import { predictionsCsv } from './evaluate/predictions-csv.js'
import { scoreRows } from './evaluate/score.js'
import { runCalibration } from './pipeline/calibrate.js'
import { CHAMPION, loadStoredModel } from './pipeline/champion.js'
import { loadSpecs, resultsJson, runAll } from './pipeline/run-all.js'
import type { PipelineDeps, RunMeta } from './pipeline/types.js'
import { applyGc, planGc } from './store/gc.js'
import type { RunManifest } from './store/registry.js'
import { int, num, verdictLabel } from './report/format.js'
import { renderReport } from './report/markdown.js'
import type { CliIo } from './cli.js'

const METRICS_JSON = 'metrics.json'

export interface CommandContext {
  args: string[]
  values: Record<string, string | boolean | undefined>
  deps: PipelineDeps
  io: CliIo
  write: (text: string) => void
  writeFile: (file: string, text: string) => Promise<void>
}

type Command = (context: CommandContext) => Promise<number>

function stringOption(values: CommandContext['values'], name: string): string | undefined {
  const v = values[name]
  return typeof v === 'string' ? v : undefined
}

function requireArgs(args: string[], names: string[], usage: string): string[] {
  if (args.length !== names.length) throw new UserError(`expected ${names.join(' ')}: modelgate ${usage}`)
  return args
}

const run: Command = async ({ args, values, deps, io, write, writeFile }) => {
  const failOnValue = stringOption(values, 'fail-on') ?? 'fail'
  const failOn = FAIL_ON.find((f) => f === failOnValue)
  if (!failOn) throw new UserError(`--fail-on "${failOnValue}": expected one of ${FAIL_ON.join(', ')}`)
  const specs = await loadSpecs(args, io.cwd)
  const results = await runAll(specs, deps, { promote: values.promote === true })
  const report = renderReport(results.models)
  const reportFile = stringOption(values, 'report')
  if (reportFile) await writeFile(reportFile, report)
  else write(report)
  const jsonFile = stringOption(values, 'json')
  if (jsonFile) await writeFile(jsonFile, resultsJson(results))
  if (results.models.some((m) => failsRun(m, failOn))) return 1
  // Something asked of the store did not happen (not stored, or the promotion failed): never exit 0.
  const storeFailures = results.models.filter((m) => m.storeFailure)
  for (const m of storeFailures) io.stderr.write(`modelgate: ${m.name}: ${m.storeFailure}\n`)
  return storeFailures.length > 0 ? 4 : 0
}

const predict: Command = async ({ values, deps, io }) => {
  const model = stringOption(values, 'model')
  const input = stringOption(values, 'input')
  const output = stringOption(values, 'output')
  if (!model || !input || !output) throw new UserError('predict needs --model NAME --input CSV --output CSV')
  const alias = stringOption(values, 'alias') ?? CHAMPION
  const runtime = await deps.runtime()
  const stored = await loadStoredModel(deps.registry, runtime, model, {
    runId: stringOption(values, 'run'),
    alias,
  })
  if (!stored)
    throw new UserError(
      `model "${model}" has no ${alias} in ${deps.registry.store.location}; pass --run ID or promote a run`,
    )
  const { runId, loaded } = stored
  const table = await readCsv([path.resolve(io.cwd, input)])
  const rows = Uint32Array.from({ length: table.rowCount }, (_, i) => i)
  const scored = scoreRows(runtime, loaded, table, rows)
  loaded.model.dispose()
  const csv = predictionsCsv({
    table,
    rows,
    idColumn: loaded.idColumn && table.header.includes(loaded.idColumn) ? loaded.idColumn : undefined,
    target: loaded.target,
    predictions: scored.predictions,
  })
  // Write beside the target and rename, so a failed run never leaves half a file.
  const target = path.resolve(io.cwd, output)
  const tmp = `${target}.tmp-${process.pid}`
  await fs.writeFile(tmp, csv)
  await fs.rename(tmp, target)
  const unseen = Object.entries(scored.notes.unseen).map(([c, n]) => `${c}: ${n}`)
  deps.logger.info(
    `predicted ${int(rows.length)} rows with ${model} run ${runId} (${runtime.backend}) → ${output}${unseen.length ? `; unseen categories scored as all-zero (${unseen.join(', ')})` : ''}`,
  )
  return 0
}

const promote: Command = async ({ args, deps, write }) => {
  const [model, runId] = requireArgs(args, ['NAME', 'RUN_ID'], 'promote NAME RUN_ID')
  const { record, changed, unchanged } = await deps.registry.setAlias(model!, CHAMPION, runId!, {
    action: 'promote',
    by: deps.actor,
    reason: 'manual promotion',
  })
  if (!changed) write(`${model}: nothing to change: ${unchanged}\n`)
  else write(`${model}: champion is now ${record.runId} (change ${record.version})\n`)
  return 0
}

const rollback: Command = async ({ args, values, deps, write }) => {
  const [model] = requireArgs(args, ['NAME'], 'rollback NAME')
  const alias = stringOption(values, 'alias') ?? CHAMPION
  const record = await deps.registry.rollback(model!, alias, deps.actor, 'manual rollback')
  write(`${model}: ${alias} rolled back to ${record.runId} (from ${record.history.at(-1)!.previous})\n`)
  return 0
}

const history: Command = async ({ args, values, deps, write }) => {
  const [model] = requireArgs(args, ['NAME'], 'history NAME')
  const alias = stringOption(values, 'alias') ?? CHAMPION
  const current = await deps.registry.getAlias(model!, alias)
  if (!current) throw new UserError(`model "${model}" has no ${alias} in ${deps.registry.store.location}`)
  const lines = current.record.history.map(
    (h, i) =>
      `${i + 1}. ${h.at}  ${h.action.padEnd(8)} ${h.runId}  (was ${h.previous ?? 'none'})  by ${h.by}: ${h.reason}`,
  )
  write(`${model} ${alias} history (${current.record.history.length} changes):\n${lines.join('\n')}\n`)
  return 0
}

const show: Command = async ({ args, deps, write }) => {
  const [model] = requireArgs(args, ['NAME'], 'show NAME')
  const runs = await deps.registry.listRuns(model!)
  const champion = await deps.registry.getAlias(model!, CHAMPION)
  if (runs.length === 0 && !champion)
    throw new UserError(`model "${model}" has no runs in ${deps.registry.store.location}`)
  const lines = [
    `${model} in ${deps.registry.store.location}: ${runs.length} run(s); champion ${champion?.record.runId ?? 'none'}`,
  ]
  for (const runId of runs.slice(-20)) {
    const manifest = await deps.registry.readManifest<RunMeta>(model!, runId)
    const m = manifest.meta
    const metrics = Object.entries(await storedMetrics(deps, manifest))
      .slice(0, 4)
      .map(([k, v]) => `${k} ${num(v)}`)
      .join(', ')
    const verdict = m.comparedWith ? verdictLabel(m.comparedWith.verdict) : verdictLabel('no-champion')
    lines.push(
      `${runId === champion?.record.runId ? '*' : ' '} ${runId}  ${(m.git?.commit ?? '').slice(0, 7).padEnd(7)}  ${verdict}  ${metrics}`,
    )
  }
  write(`${lines.join('\n')}\n`)
  return 0
}

/**
 * A run's metrics as shown: read from its metrics.json, verified against the manifest's sha256 like every
 * other run file (an edited metrics.json is refused, not shown). Runs without the file show the manifest's.
 */
async function storedMetrics(
  deps: PipelineDeps,
  manifest: RunManifest<RunMeta>,
): Promise<Record<string, number>> {
  if (!manifest.files.some((f) => f.path === METRICS_JSON)) return manifest.meta.metrics ?? {}
  const body = await deps.registry.readRunFile(manifest, METRICS_JSON)
  const parsed = JSON.parse(new TextDecoder().decode(body)) as { metrics?: Record<string, number> }
  return parsed.metrics ?? {}
}

const gc: Command = async ({ args, values, deps, write }) => {
  requireArgs(args, [], 'gc [--apply] [--keep-days N] [--keep-pr-days N]')
  const days = (name: string): number | undefined => {
    const text = stringOption(values, name)
    if (text === undefined) return undefined
    const n = Number(text)
    if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(n))
      throw new UserError(`--${name} "${text}": expected a number of days, e.g. 30`)
    return n
  }
  const keepDays = days('keep-days')
  const keepPrDays = days('keep-pr-days')
  const apply = values.apply === true
  const plan = await planGc(deps.registry, deps.clock, { keepDays, keepPrDays, apply })
  const lines = plan.items.map((i) => `  ${i.what}  (${i.reason}; ${i.keys.length} object(s))`)
  const objects = plan.items.reduce((n, i) => n + i.keys.length, 0)
  const where = deps.registry.store.location
  if (!apply) {
    write(
      `${where}: gc would delete ${plan.items.length} item(s), ${objects} object(s)${lines.length ? `:\n${lines.join('\n')}` : ''}\n` +
        `(dry run: nothing deleted; add --apply to delete${keepDays === undefined && keepPrDays === undefined ? '; complete runs are kept unless --keep-days or --keep-pr-days is given' : ''})\n`,
    )
    return 0
  }
  const deleted = await applyGc(deps.registry, plan)
  write(
    `${where}: gc deleted ${deleted} object(s) in ${plan.items.length} item(s)${lines.length ? `:\n${lines.join('\n')}` : ''}\n`,
  )
  return 0
}

const repairAlias: Command = async ({ args, values, deps, write }) => {
  const [model] = requireArgs(args, ['NAME'], 'repair-alias NAME [--alias champion] [--to RUN_ID]')
  const alias = stringOption(values, 'alias') ?? CHAMPION
  const { record, kept, dropped } = await deps.registry.repairAlias(
    model!,
    alias,
    deps.actor,
    stringOption(values, 'to'),
  )
  write(
    `${model}: ${alias} repaired; it points at ${record.runId} (kept ${kept} history entries, dropped ${dropped} damaged ones)\n`,
  )
  return 0
}

const calibrate: Command = async ({ args, values, deps, io, write }) => {
  const [model] = requireArgs(args, ['NAME'], 'calibrate NAME [--seeds K]')
  write(await runCalibration(model!, stringOption(values, 'seeds'), deps, io.cwd))
  return 0
}

export const COMMANDS: Record<string, Command> = {
  run,
  predict,
  promote,
  rollback,
  history,
  show,
  calibrate,
  gc,
  'repair-alias': repairAlias,
}
