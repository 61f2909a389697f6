import { promises as fs } from 'node:fs'
import path from 'node:path'
import { readCsv } from './data/csv.js'
import { UserError } from './errors.js'
import { FAIL_ON, failsRun } from './gate/outcome.js'
import { predictionsCsv } from './evaluate/predictions-csv.js'
import { scoreRows } from './evaluate/score.js'
import { DEFAULT_SEEDS, findSpec, runCalibration } from './pipeline/calibrate.js'
import { CHAMPION, loadStoredModel } from './pipeline/champion.js'
import { familyEnv } from './pipeline/family-env.js'
import { loadSpecs, resultsJson, runAll } from './pipeline/run-all.js'
import type { PipelineDeps, RunMeta } from './pipeline/types.js'
import { int, num, verdictLabel } from './report/format.js'
import { renderReport, summaryLines } from './report/markdown.js'
import { alignTables, runFooter } from './report/terminal.js'
import { PRODUCTION } from './action/constants.js'
import { drainOnSignal, runServe, serveSettings } from './serve/serve-command.js'
import type { CliIo } from './cli.js'

export interface CommandContext {
  args: string[]
  /** The repository root (git's top level, else the working directory): spec paths are stored relative to it. */
  root: string
  values: Record<string, string | boolean | string[] | undefined>
  deps: PipelineDeps
  io: CliIo
  write: (text: string) => void
  writeFile: (file: string, text: string) => Promise<void>
}

type Command = (context: CommandContext) => Promise<number>

function stringOption(values: CommandContext['values'], name: string): string | undefined {
  const v = values[name]
  // --model may be repeated (for serve); every other command takes one.
  if (Array.isArray(v)) {
    if (v.length > 1) throw new UserError(`--${name} given ${v.length} times; this command takes one`)
    return v[0]
  }
  return typeof v === 'string' ? v : undefined
}

function requireArgs(args: string[], names: string[], usage: string): string[] {
  if (args.length !== names.length) throw new UserError(`expected ${names.join(' ')}: modelgate ${usage}`)
  return args
}

const run: Command = async ({ args, values, deps, io, root, write, writeFile }) => {
  const failOnValue = stringOption(values, 'fail-on') ?? 'fail'
  const failOn = FAIL_ON.find((f) => f === failOnValue)
  if (!failOn) throw new UserError(`--fail-on "${failOnValue}": expected one of ${FAIL_ON.join(', ')}`)
  const specs = await loadSpecs(args, io.cwd, root)
  const promote = values.promote === true
  const results = await runAll(specs, deps, { promote })
  const report = renderReport(results.models)
  const reportFile = stringOption(values, 'report')
  const jsonFile = stringOption(values, 'json')
  // A directory store inside the working directory is named as the user would type it.
  const inside = path.relative(io.cwd, results.store)
  const store = path.isAbsolute(results.store) && !inside.startsWith('..') && inside ? inside : results.store
  const footer = runFooter(results.models, { store, jsonFile, reportFile, promote })
  if (reportFile) {
    // The file is the Markdown the Action posts; stdout keeps the verdict lines (and CI logs show them).
    await writeFile(reportFile, report)
    // The verdict lines still reach the terminal (and CI logs) when the report goes to a file.
    write(`${summaryLines(results.models)}\n\n${footer}`)
  } else {
    // stdout (a terminal or a pipe alike) gets tables padded by display width: still Markdown, but readable raw.
    write(`${alignTables(report)}\n${footer}`)
  }
  if (jsonFile) await writeFile(jsonFile, resultsJson(results))
  return results.models.some((m) => failsRun(m, failOn)) ? 1 : 0
}

/** Names of the models that have runs or aliases in the store (keys models/<name>/…), sorted. */
async function storedModels(deps: PipelineDeps): Promise<string[]> {
  const keys = await deps.registry.store.list('models/')
  return [...new Set(keys.map((k) => k.split('/')[1]!).filter((name) => name))].sort()
}

const predict: Command = async ({ values, deps, io }) => {
  const model = stringOption(values, 'model')
  const input = stringOption(values, 'input')
  const output = stringOption(values, 'output')
  if (!model || !input || !output) throw new UserError('predict needs --model NAME --input CSV --output CSV')
  const alias = stringOption(values, 'alias') ?? CHAMPION
  // This checkout's spec of the model, when there is one: an external model is scored by its predict command.
  const spec = await findSpec(model, io.cwd).catch(() => undefined)
  const doesNotExist = async (): Promise<UserError | null> => {
    const models = await storedModels(deps)
    if (models.includes(model)) return null
    const known = models.length ? `models there: ${models.join(', ')}` : 'it holds no models yet'
    return new UserError(`model "${model}" does not exist in ${deps.registry.store.location} (${known})`)
  }
  // Whatever failed (no alias, no such run), a model the store does not have at all is said first.
  const stored = await loadStoredModel(deps.registry, familyEnv(deps, spec), model, {
    runId: stringOption(values, 'run'),
    alias,
  }).catch(async (error: unknown) => {
    if (error instanceof UserError) throw (await doesNotExist()) ?? error
    throw error
  })
  if (!stored) {
    throw (
      (await doesNotExist()) ??
      new UserError(
        `model "${model}" has no ${alias} in ${deps.registry.store.location}; pass --run ID or promote a run`,
      )
    )
  }
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

const serve: Command = async ({ values, deps, io }) => {
  const server = await runServe(serveSettings(values, PRODUCTION, io.cwd), deps, io.stdout)
  await drainOnSignal(server, (signal) =>
    deps.logger.info(`${signal}: draining in-flight requests, then exiting`),
  )
  return 0
}

/** Options every subcommand takes. */
export const COMMON_OPTIONS = [
  'store',
  's3-endpoint',
  's3-region',
  's3-force-path-style',
  'debug',
  'help',
] as const

/** One line of help per command-specific option, for `modelgate CMD --help`. */
export const OPTION_HELP: Record<string, string> = {
  promote: '--promote   make a passing challenger (or a first run) the champion',
  json: '--json FILE   write machine-readable results',
  report: '--report FILE   write the Markdown report there (stdout keeps the verdict lines)',
  'fail-on': '--fail-on fail|inconclusive|never   which verdict exits 1 (default fail)',
  backend: '--backend auto|wasm|cpu|tensorflow   TensorFlow.js backend for scoring (default auto)',
  model: '--model NAME   the model to score with (serve: repeatable; default every model with the alias)',
  alias: '--alias NAME   the alias to use (default champion)',
  run: '--run ID   a stored run instead of an alias',
  input: '--input CSV   rows to score',
  output: '--output CSV   where the predictions go (written whole or not at all)',
  seeds: `--seeds K   how many retrains (default ${DEFAULT_SEEDS})`,
  host: '--host ADDRESS   where serve listens (default 127.0.0.1)',
  port: '--port N   the port serve listens on (default 8080)',
  'poll-seconds': '--poll-seconds N   how often serve checks whether the alias moved (default 10)',
  'log-predictions': "--log-predictions FILE   append every request's inputs and outputs as JSON lines",
  'max-rows': '--max-rows N   most rows one request may send (default 10000)',
  'max-body-bytes': '--max-body-bytes N   largest request body (default 10485760)',
}

export interface CommandSpec {
  /** Arguments and options after `modelgate <name>`, as the usage line shows them. */
  usage: string
  summary: string
  /** Options beyond COMMON_OPTIONS; any other is refused (exit 2), never silently ignored. */
  options: readonly string[]
  run: Command
}

export const COMMANDS: Record<string, CommandSpec> = {
  run: {
    usage:
      '[MODEL_DIR...] [--promote] [--json FILE] [--report FILE] [--fail-on fail|inconclusive|never] [--backend B]',
    summary:
      'train, evaluate and gate each model against its champion (every models/<name>/modelgate.yml without MODEL_DIR); exit 1 when a gate fails',
    options: ['promote', 'json', 'report', 'fail-on', 'backend'],
    run,
  },
  predict: {
    usage: '--model NAME [--alias champion | --run ID] --input CSV --output CSV [--backend B]',
    summary: 'score a CSV with a stored model (the champion by default) and its own preprocessing',
    options: ['model', 'alias', 'run', 'input', 'output', 'backend'],
    run: predict,
  },
  promote: { usage: 'NAME RUN_ID', summary: 'make a stored run the champion', options: [], run: promote },
  rollback: {
    usage: 'NAME [--alias champion]',
    summary: 'point the alias back at its previous run',
    options: ['alias'],
    run: rollback,
  },
  history: {
    usage: 'NAME [--alias champion]',
    summary: "list every change of the model's alias",
    options: ['alias'],
    run: history,
  },
  show: { usage: 'NAME', summary: "list the model's runs and its champion", options: [], run: show },
  calibrate: {
    usage: 'NAME [--seeds K] [--backend B]',
    summary: 'retrain with K seeds to measure retrain noise and suggest margins',
    options: ['seeds', 'backend'],
    run: calibrate,
  },
  serve: {
    usage:
      '[--model NAME ...] [--alias production] [--host 127.0.0.1] [--port 8080] [--poll-seconds 10] [--log-predictions FILE] [--max-rows 10000] [--max-body-bytes 10485760]',
    summary:
      'answer HTTP prediction requests (its own API and the Open Inference Protocol) with the run behind the alias, following it as it moves',
    options: [
      'model',
      'alias',
      'host',
      'port',
      'poll-seconds',
      'log-predictions',
      'max-rows',
      'max-body-bytes',
    ],
    run: serve,
  },
}
