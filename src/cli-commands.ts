import { promises as fs } from 'node:fs'
import path from 'node:path'
import { readCsv } from './data/csv.js'
import { UserError } from './errors.js'
import { FAIL_ON, failsRun } from './gate/outcome.js'
import { predictionsCsv } from './evaluate/predictions-csv.js'
import { scoreRows } from './evaluate/score.js'
import { findSpec, runCalibration } from './pipeline/calibrate.js'
import { CHAMPION, loadStoredModel } from './pipeline/champion.js'
import { familyEnv } from './pipeline/family-env.js'
import { loadSpecs, resultsJson, runAll } from './pipeline/run-all.js'
import type { PipelineDeps, RunMeta } from './pipeline/types.js'
import { int, num, verdictLabel } from './report/format.js'
import { renderReport } from './report/markdown.js'
import type { CliIo } from './cli.js'

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
  return results.models.some((m) => failsRun(m, failOn)) ? 1 : 0
}

const predict: Command = async ({ values, deps, io }) => {
  const model = stringOption(values, 'model')
  const input = stringOption(values, 'input')
  const output = stringOption(values, 'output')
  if (!model || !input || !output) throw new UserError('predict needs --model NAME --input CSV --output CSV')
  const alias = stringOption(values, 'alias') ?? CHAMPION
  // This checkout's spec of the model, when there is one: an external model is scored by its predict command.
  const spec = await findSpec(model, io.cwd).catch(() => undefined)
  const stored = await loadStoredModel(deps.registry, familyEnv(deps, spec), model, {
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
  let scored
  try {
    scored = await scoreRows(loaded, table, rows)
  } finally {
    loaded.scorer.dispose()
  }
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
    `predicted ${int(rows.length)} rows with ${model} run ${runId} (${loaded.scorer.runtime}) → ${output}${unseen.length ? `; unseen categories scored as all-zero (${unseen.join(', ')})` : ''}`,
  )
  return 0
}

const promote: Command = async ({ args, deps, write }) => {
  const [model, runId] = requireArgs(args, ['NAME', 'RUN_ID'], 'promote NAME RUN_ID')
  const record = await deps.registry.setAlias(model!, CHAMPION, runId!, {
    action: 'promote',
    by: deps.actor,
    reason: 'manual promotion',
  })
  write(`${model}: champion is now ${record.runId} (change ${record.version})\n`)
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
    const metrics = Object.entries(m.metrics ?? {})
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

const calibrate: Command = async ({ args, values, deps, io, write }) => {
  const [model] = requireArgs(args, ['NAME'], 'calibrate NAME [--seeds K]')
  write(await runCalibration(model!, stringOption(values, 'seeds'), deps, io.cwd))
  return 0
}

export const COMMANDS: Record<string, Command> = { run, predict, promote, rollback, history, show, calibrate }
