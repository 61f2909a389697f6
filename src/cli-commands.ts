import { promises as fs } from 'node:fs'
import path from 'node:path'
import { readCsv } from './data/csv.js'
import { UserError } from './errors.js'
import { FAIL_ON, failsRun } from './gate/outcome.js'
import { predictionsCsv } from './evaluate/predictions-csv.js'
import { scoreRows, type LoadedModel } from './evaluate/score.js'
import { predictImages } from './pipeline/predict-images.js'
import { DEFAULT_SEEDS, findSpec, runCalibration } from './pipeline/calibrate.js'
import { calibrationText } from './report/calibration-table.js'
import { CHAMPION, loadStoredModel } from './pipeline/champion.js'
import { familyEnv } from './pipeline/family-env.js'
import { loadSpecs, resultsJson, runAll } from './pipeline/run-all.js'
import { buildPlan, matrixOf } from './pipeline/fanout-plan.js'
import { execGit } from './util/git.js'
import type { PipelineDeps, RunMeta } from './pipeline/types.js'
import { applyGc, planGc } from './store/gc.js'
import type { RunManifest } from './store/registry.js'
import { int, num, verdictLabel } from './report/format.js'
import { renderHtmlReport } from './report/html/report.js'
import { renderReport, summaryLines } from './report/markdown.js'
import { alignTables, runFooter } from './report/terminal.js'
import { PRODUCTION } from './action/constants.js'
import { checkOutputFile } from './util/safe-paths.js'
import { driftCommand } from './cli/drift-command.js'
import { explainCommand, explanationText } from './cli/explain-command.js'
import { checkPredictInput, spreadPredictions } from './cli/predict-validation.js'
import { deployToProduction, rollbackProduction } from './deploy/production.js'
import type { ObjectStore } from './store/object-store.js'
import { openStore, parseStoreUrl, type StoreLocation } from './store/store-url.js'
import type { Clock } from './util/clock.js'
import type { GitRunner } from './util/git.js'
import type { Logger } from './util/logger.js'
import type { RandomSource } from './util/random.js'

const METRICS_JSON = 'metrics.json'

/** What the CLI gets from the process (or a test): streams, directory, environment, and optional fakes. */
export interface CliIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WriteStream
  cwd: string
  env: NodeJS.ProcessEnv
  clock?: Clock
  /** Run ids, lock tokens, retry jitter (default: the OS's CSPRNG; tests may pass seededRandom). */
  random?: RandomSource
  logger?: Logger
  /** How git is asked for the commit, branch, dirty state and repository root (tests pass a fake). */
  git?: GitRunner
  /** Opens the store --store names (tests pass one with test options); default: openStore with io.env. */
  openStore?: (location: StoreLocation) => Promise<ObjectStore>
}

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
  const reportFile = stringOption(values, 'report')
  const jsonFile = stringOption(values, 'json')
  const htmlFile = stringOption(values, 'html')
  // Checked before training, so that a typo in a path does not cost the whole run.
  if (reportFile)
    await checkOutputFile(path.resolve(io.cwd, reportFile), { flag: '--report', given: reportFile })
  if (htmlFile) await checkOutputFile(path.resolve(io.cwd, htmlFile), { flag: '--html', given: htmlFile })
  if (jsonFile) await checkOutputFile(path.resolve(io.cwd, jsonFile), { flag: '--json', given: jsonFile })
  const specs = await loadSpecs(args, io.cwd, {
    root,
    allowOutsideWorkspace: values['allow-outside-workspace'] === true,
  })
  const timeout = stringOption(values, 'timeout-minutes')
  if (timeout !== undefined) {
    const minutes = Number(timeout)
    if (!(minutes > 0) || !Number.isFinite(minutes))
      throw new UserError(`--timeout-minutes "${timeout}": expected a positive number of minutes`)
    for (const spec of specs) spec.model.timeout_minutes = minutes
  }
  const promote = values.promote === true
  const results = await runAll(specs, deps, { promote })
  // Mermaid charts only where something renders them (the file the Action posts); not in a terminal.
  const report = renderReport(results.models, { charts: reportFile !== undefined })
  // A directory store inside the working directory is named as the user would type it.
  const inside = path.relative(io.cwd, results.store)
  const store = path.isAbsolute(results.store) && !inside.startsWith('..') && inside ? inside : results.store
  const footer = runFooter(results.models, { store, jsonFile, reportFile, htmlFile, promote })
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
  if (htmlFile)
    await writeFile(
      htmlFile,
      renderHtmlReport(results.models, { generatedAt: deps.clock.now().toISOString() }),
    )
  if (results.models.some((m) => failsRun(m, failOn))) return 1
  // Something asked of the store did not happen (not stored, or the promotion failed): never exit 0.
  const storeFailures = results.models.filter((m) => m.storeFailure)
  for (const m of storeFailures) io.stderr.write(`modelgate: ${m.name}: ${m.storeFailure}\n`)
  return storeFailures.length > 0 ? 4 : 0
}

/** The fan-out plan as JSON: `{ matrix, plan }`, the two outputs `mode: plan` sets. */
const plan: Command = async ({ args, values, deps, io, root, write, writeFile }) => {
  const specs = await loadSpecs(args, io.cwd, {
    root,
    allowOutsideWorkspace: values['allow-outside-workspace'] === true,
  })
  const changedOnly = values['changed-only'] === true
  const probe = changedOnly
    ? { registry: deps.registry, git: io.git ?? execGit, cwd: root, toolVersion: deps.toolVersion }
    : undefined
  const fanout = await buildPlan(specs, { changedOnly, probe })
  for (const { model, reason } of fanout.skipped)
    io.stderr.write(`modelgate: ${model}: skipped (${reason})\n`)
  const json = `${JSON.stringify({ matrix: matrixOf(fanout), plan: fanout }, null, 2)}\n`
  const jsonFile = stringOption(values, 'json')
  if (jsonFile) await writeFile(jsonFile, json)
  else write(json)
  return 0
}

/** Names of the models that have runs or aliases in the store (keys models/<name>/…), sorted. */
async function storedModels(deps: PipelineDeps): Promise<string[]> {
  const keys = await deps.registry.store.list('models/')
  return [...new Set(keys.map((k) => k.split('/')[1]!).filter((name) => name))].sort()
}

const predict: Command = async ({ values, deps, io, write }) => {
  const model = stringOption(values, 'model')
  const input = stringOption(values, 'input')
  const output = stringOption(values, 'output')
  if (!model || !input)
    throw new UserError('predict needs --model NAME --input CSV --output CSV (image models: --input PATH)')
  const alias = stringOption(values, 'alias') ?? CHAMPION
  const source = path.resolve(io.cwd, input)
  const target = output === undefined ? undefined : path.resolve(io.cwd, output)
  if (target !== undefined)
    await checkOutputFile(target, {
      flag: '--output',
      given: output!,
      inputs: [{ flag: '--input', file: source }],
    })
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
  if (loaded.modelType === 'cnn')
    return predictImagesCommand({ loaded, runId, model, source, input, target, deps, write })
  if (target === undefined) throw new UserError('predict needs --output CSV for a model of table rows')
  const table = await readCsv([source])
  const rows = Uint32Array.from({ length: table.rowCount }, (_, i) => i)
  let checked
  let scored
  try {
    checked = await checkPredictInput({
      registry: deps.registry,
      manifest: stored.manifest,
      table,
      input,
      onInvalid: stringOption(values, 'on-invalid'),
      fallback: spec?.data.on_invalid,
    })
    scored = await scoreRows(loaded, table, checked.rows)
  } finally {
    loaded.scorer.dispose()
  }
  const csv = predictionsCsv({
    table,
    rows,
    idColumn: loaded.idColumn && table.header.includes(loaded.idColumn) ? loaded.idColumn : undefined,
    target: loaded.target,
    predictions: spreadPredictions(scored.predictions, checked.rows, rows.length, loaded.target),
    ...(checked.reasons ? { reasons: checked.reasons } : {}),
  })
  // Write beside the target and rename, so a failed run never leaves half a file.
  const tmp = `${target}.tmp-${process.pid}`
  await fs.writeFile(tmp, csv)
  await fs.rename(tmp, target)
  if (checked.reasons) deps.logger.warn(`predict: ${input}: ${checked.summary}`)
  else deps.logger.info(checked.summary)
  const unseen = Object.entries(scored.notes.unseen).map(([c, n]) => `${c}: ${n}`)
  deps.logger.info(
    `predicted ${int(rows.length)} rows with ${model} run ${runId} (${loaded.scorer.runtime}) → ${output}${unseen.length ? `; unseen categories scored as all-zero (${unseen.join(', ')})` : ''}`,
  )
  return 0
}

/**
 * An image model's predictions: one JSON line per image (file, predicted_class, confidence, all_confidences),
 * to --output (written whole or not at all) or stdout. An unreadable file gets a line with `error` and the
 * others are scored; exit code 1 when any file failed.
 */
async function predictImagesCommand(context: {
  loaded: LoadedModel
  runId: string
  model: string
  source: string
  input: string
  target: string | undefined
  deps: PipelineDeps
  write: (text: string) => void
}): Promise<number> {
  const { loaded, target, deps } = context
  let answers
  try {
    answers = await predictImages(loaded, context.source, context.input)
  } finally {
    loaded.scorer.dispose()
  }
  const lines = answers.map((a) => `${JSON.stringify(a)}\n`).join('')
  if (target === undefined) context.write(lines)
  else {
    const tmp = `${target}.tmp-${process.pid}`
    await fs.writeFile(tmp, lines)
    await fs.rename(tmp, target)
  }
  const failed = answers.filter((a) => 'error' in a)
  for (const f of failed) deps.logger.warn(`${f.file}: ${'error' in f ? f.error : ''}`)
  deps.logger.info(
    `predicted ${int(answers.length - failed.length)} images with ${context.model} run ${context.runId} (${loaded.scorer.runtime})${target ? ` → ${target}` : ''}${failed.length ? `; ${int(failed.length)} file(s) could not be read` : ''}`,
  )
  return failed.length > 0 ? 1 : 0
}

/** --json FILE for explain and drift: the machine-readable result there (`-`: stdout instead of the text). */
async function writeJsonOrText(context: CommandContext, value: unknown, text: string): Promise<void> {
  const file = stringOption(context.values, 'json')
  const json = `${JSON.stringify(value, null, 2)}\n`
  if (file === '-') return context.write(json)
  if (file) await context.writeFile(file, json)
  context.write(text)
}

const explain: Command = async (context) => {
  const { args, values, deps, io } = context
  const [model] = requireArgs(args, ['NAME'], `explain ${COMMANDS.explain!.usage}`)
  const input = stringOption(values, 'input')
  const row = stringOption(values, 'row')
  const result = await explainCommand(deps, {
    model: model!,
    runId: stringOption(values, 'run'),
    row,
    input,
    cwd: io.cwd,
    specData: async () => (await findSpec(model!, io.cwd).catch(() => null))?.trainFiles ?? [],
  })
  await writeJsonOrText(context, result, explanationText(result))
  return 0
}

const drift: Command = async (context) => {
  const { args, values, deps, io } = context
  const [model] = requireArgs(args, ['NAME'], `drift ${COMMANDS.drift!.usage}`)
  const input = stringOption(values, 'input')
  if (!input) throw new UserError(`drift needs --input CSV: modelgate drift ${COMMANDS.drift!.usage}`)
  const result = await driftCommand(deps, {
    model: model!,
    input,
    runId: stringOption(values, 'run'),
    alias: stringOption(values, 'alias'),
    maxPsi: stringOption(values, 'max-psi'),
    cwd: io.cwd,
  })
  await writeJsonOrText(context, { model, runId: result.runId, ...result.report }, result.text)
  return result.drifted ? 1 : 0
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
  const run = await runCalibration(
    model!,
    stringOption(values, 'seeds'),
    deps,
    io.cwd,
    values['allow-outside-workspace'] === true,
  )
  write(calibrationText(run))
  return 0
}

const serve: Command = async ({ values, deps, io }) => {
  // Loaded on use: the HTTP server's modules (fastify, prom-client) take ~0.25 s to load, which every other
  // command would pay at start-up.
  const { drainOnSignal, runServe, serveSettings } = await import('./serve/serve-command.js')
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
  json: '--json FILE   write machine-readable results (explain, drift: - for stdout instead of the text)',
  report: '--report FILE   write the Markdown report there (stdout keeps the verdict lines)',
  html: '--html FILE   write the self-contained HTML report there (charts, slices, model card)',
  'fail-on': '--fail-on fail|inconclusive|never   which verdict exits 1 (default fail)',
  backend: '--backend auto|wasm|cpu|tensorflow   TensorFlow.js backend for scoring (default auto)',
  model: '--model NAME   the model to score with (serve: repeatable; default every model with the alias)',
  alias: '--alias NAME   the alias to use (default champion)',
  run: '--run ID   a stored run instead of an alias',
  input:
    '--input CSV|PATH   rows to score; for an image model an image file, a folder of images or an IDX file',
  output:
    '--output CSV   where the predictions go (written whole or not at all; image models: JSON lines, stdout without it)',
  row: "--row N   explain one row (1-based) of --input, or of the spec's data without --input",
  'on-invalid':
    "--on-invalid warn|reject   rows that break the run's input schema: score and give the reason (warn), or refuse the file (default: the spec's data.on_invalid, else warn)",
  'max-psi': '--max-psi X   PSI above which a feature counts as drifted (default 0.25)',
  seeds: `--seeds K   how many retrains (default ${DEFAULT_SEEDS})`,
  'changed-only':
    "--changed-only   leave out models whose spec, data and code match their champion's (and say why)",
  'allow-outside-workspace':
    '--allow-outside-workspace   read spec data files and model folders outside the current directory',
  'timeout-minutes':
    '--timeout-minutes N   wall time per model (overrides model.timeout_minutes; default 60)',
  host: '--host ADDRESS   where serve listens (default 127.0.0.1)',
  port: '--port N   the port serve listens on (default 8080)',
  'poll-seconds': '--poll-seconds N   how often serve checks whether the alias moved (default 10)',
  'log-predictions': "--log-predictions FILE   append every request's inputs and outputs as JSON lines",
  'max-rows': '--max-rows N   most rows one request may send (default 10000)',
  'max-body-bytes': '--max-body-bytes N   largest request body (default 10485760)',
  to: '--to RUN   roll back to this run (which must have passed its gate) instead of one step',
  'allow-inconclusive': '--allow-inconclusive   deploy a champion whose gate verdict was inconclusive',
  'deploy-to':
    "--deploy-to DIR|s3://BUCKET/PREFIX   copy the run there and move <model>/current.json (serving code's pointer)",
  apply: '--apply   delete what gc lists (without it, gc only lists: a dry run)',
  'keep-days': '--keep-days N   also delete runs no alias or alias history names, older than N days',
  'keep-pr-days': '--keep-pr-days N   the same for pull-request runs, usually shorter than --keep-days',
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
      '[MODEL_DIR...] [--promote] [--json FILE] [--report FILE] [--html FILE] [--fail-on fail|inconclusive|never] [--backend B] [--timeout-minutes N] [--allow-outside-workspace]',
    summary:
      'train, evaluate and gate each model against its champion (every models/<name>/modelgate.yml without MODEL_DIR); exit 1 when a gate fails',
    options: [
      'promote',
      'json',
      'report',
      'html',
      'fail-on',
      'backend',
      'allow-outside-workspace',
      'timeout-minutes',
    ],
    run,
  },
  plan: {
    usage: '[MODEL_DIR...] [--changed-only] [--json FILE] [--allow-outside-workspace]',
    summary:
      'print the fan-out plan: the GitHub Actions matrix (one entry per model, sweep trial and seed) and the plan mode: report reads',
    options: ['changed-only', 'json', 'allow-outside-workspace'],
    run: plan,
  },
  predict: {
    usage:
      '--model NAME [--alias champion | --run ID] --input CSV|PATH [--output CSV] [--on-invalid warn|reject] [--backend B]',
    summary:
      "score a CSV (checked against the run's input schema) or, for an image model, images (one JSON line each; exit 1 if a file failed) with a stored model (the champion by default) and its own preprocessing",
    options: ['model', 'alias', 'run', 'input', 'output', 'on-invalid', 'backend'],
    run: predict,
  },
  explain: {
    usage: 'NAME [--run ID] [--row N | --input CSV] [--json FILE|-]',
    summary:
      "the run's permutation importance, and exact SHAP contributions per row (logistic and linear models)",
    options: ['run', 'row', 'input', 'json'],
    run: explain,
  },
  drift: {
    usage: 'NAME --input CSV [--run ID | --alias A] [--max-psi 0.25] [--json FILE|-]',
    summary:
      "compare a batch with the production (else champion) run's training profile; exit 1 when a feature drifted or the schema changed",
    options: ['input', 'run', 'alias', 'max-psi', 'json'],
    run: drift,
  },
  promote: { usage: 'NAME RUN_ID', summary: 'make a stored run the champion', options: [], run: promote },
  deploy: {
    usage: 'NAME [--run ID] [--allow-inconclusive] [--deploy-to DIR|s3://BUCKET/PREFIX]',
    summary:
      'move production to the champion (or --run), which must have passed its gate, and deliver it to --deploy-to',
    options: ['run', 'allow-inconclusive', 'deploy-to'],
    run: deploy,
  },
  rollback: {
    usage: 'NAME [--to RUN] [--alias champion|production] [--deploy-to DIR|s3://BUCKET/PREFIX]',
    summary: 'point the alias back at its previous run (or --to RUN) and deliver that run to --deploy-to',
    options: ['to', 'alias', 'deploy-to'],
    run: rollback,
  },
  history: {
    usage: 'NAME [--alias ALIAS]',
    summary: "list every change of the model's aliases (champion and production unless --alias)",
    options: ['alias'],
    run: history,
  },
  show: { usage: 'NAME', summary: "list the model's runs and its champion", options: [], run: show },
  calibrate: {
    usage: 'NAME [--seeds K] [--backend B] [--allow-outside-workspace]',
    summary: 'retrain with K seeds to measure retrain noise and suggest margins',
    options: ['seeds', 'backend', 'allow-outside-workspace'],
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
  gc: {
    usage: '[--apply] [--keep-days N] [--keep-pr-days N]',
    summary:
      'list (or with --apply delete) leftovers of interrupted runs and unreferenced runs past their retention; runs any alias or its history names are never deleted',
    options: ['apply', 'keep-days', 'keep-pr-days'],
    run: gc,
  },
  'repair-alias': {
    usage: 'NAME [--alias champion] [--to RUN_ID]',
    summary: 'rewrite a damaged alias object from its valid history entries (or point it at --to RUN_ID)',
    options: ['alias', 'to'],
    run: repairAlias,
  },
}
