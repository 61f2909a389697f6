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
import { int, num, verdictLabel } from './report/format.js'
import { renderReport } from './report/markdown.js'
import type { CliIo } from './cli.js'
import { deployToProduction, rollbackProduction } from './deploy/production.js'
import type { ObjectStore } from './store/object-store.js'
import { openStore, parseStoreUrl } from './store/store-url.js'

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
  const record = await deps.registry.setAlias(model!, CHAMPION, runId!, {
    action: 'promote',
    by: deps.actor,
    reason: 'manual promotion',
  })
  write(`${model}: champion is now ${record.runId} (change ${record.version})\n`)
  return 0
}

const PRODUCTION_ALIAS = 'production'

/** --deploy-to: the same kinds of location as --store (the S3 flags apply to both). */
async function deployTarget(values: CommandContext['values'], io: CliIo): Promise<ObjectStore | null> {
  const raw = stringOption(values, 'deploy-to')
  if (!raw) return null
  const location = parseStoreUrl(
    raw,
    raw.startsWith('s3://')
      ? {
          s3Endpoint: stringOption(values, 's3-endpoint'),
          s3Region: stringOption(values, 's3-region'),
          s3ForcePathStyle: values['s3-force-path-style'] === true ? true : undefined,
        }
      : {},
  )
  if (location.kind === 'fs') location.dir = path.resolve(io.cwd, location.dir)
  return openStore(location)
}

function change(
  context: CommandContext,
  model: string,
  alias: string,
  target: ObjectStore | null,
  reason: string,
) {
  return {
    model,
    alias,
    by: context.deps.actor,
    reason,
    allowInconclusive: context.values['allow-inconclusive'] === true,
    target,
    release: null,
    clock: context.deps.clock,
  }
}

const deploy: Command = async (context) => {
  const [model] = requireArgs(context.args, ['NAME'], 'deploy NAME [--run ID]')
  const target = await deployTarget(context.values, context.io)
  const runId = stringOption(context.values, 'run')
  const outcome = await deployToProduction(context.deps.registry, {
    ...change(context, model!, PRODUCTION_ALIAS, target, 'manual deploy'),
    ...(runId ? { runId } : {}),
  })
  context.write(
    outcome.changed
      ? `${model}: ${PRODUCTION_ALIAS} is now ${outcome.record.runId} (was ${outcome.from ?? 'none'}; change ${outcome.record.version})\n`
      : `${model}: run ${outcome.record.runId} is already in ${PRODUCTION_ALIAS}; nothing changed\n`,
  )
  if (outcome.delivered) context.write(`${outcome.delivered}\n`)
  return 0
}

const rollback: Command = async (context) => {
  const { args, values, deps, write } = context
  const [model] = requireArgs(args, ['NAME'], 'rollback NAME [--to RUN] [--alias champion|production]')
  const alias = stringOption(values, 'alias') ?? CHAMPION
  const to = stringOption(values, 'to')
  const target = await deployTarget(values, context.io)
  // production (and any named run) goes only to a run that passed its gate; champion steps back as it was.
  if (alias === PRODUCTION_ALIAS || to || target) {
    const outcome = await rollbackProduction(deps.registry, {
      ...change(context, model!, alias, target, to ? `manual rollback to ${to}` : 'manual rollback'),
      ...(to ? { to } : {}),
    })
    write(`${model}: ${alias} rolled back to ${outcome.record.runId} (from ${outcome.from})\n`)
    if (outcome.delivered) write(`${outcome.delivered}\n`)
    return 0
  }
  const record = await deps.registry.rollback(model!, alias, deps.actor, 'manual rollback')
  write(`${model}: ${alias} rolled back to ${record.runId} (from ${record.history.at(-1)!.previous})\n`)
  return 0
}

const history: Command = async ({ args, values, deps, write }) => {
  const [model] = requireArgs(args, ['NAME'], 'history NAME')
  const named = stringOption(values, 'alias')
  const out: string[] = []
  for (const alias of named ? [named] : [CHAMPION, PRODUCTION_ALIAS]) {
    const current = await deps.registry.getAlias(model!, alias)
    if (!current) {
      if (named) throw new UserError(`model "${model}" has no ${alias} in ${deps.registry.store.location}`)
      out.push(`${model} ${alias}: none yet\n`)
      continue
    }
    const lines = current.record.history.map(
      (h, i) =>
        `${i + 1}. ${h.at}  ${h.action.padEnd(8)} ${h.runId}  (was ${h.previous ?? 'none'})  by ${h.by}: ${h.reason}`,
    )
    out.push(`${model} ${alias} history (${current.record.history.length} changes):\n${lines.join('\n')}\n`)
  }
  if (!named && out.every((o) => o.endsWith('none yet\n')))
    throw new UserError(`model "${model}" has no ${CHAMPION} in ${deps.registry.store.location}`)
  write(out.join('\n'))
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

export const COMMANDS: Record<string, Command> = {
  run,
  predict,
  promote,
  rollback,
  history,
  show,
  calibrate,
  deploy,
}
