import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { describeError, UserError } from './errors.js'
import { openRegistry } from './store/open-registry.js'
import { openStore, parseStoreUrl } from './store/store-url.js'
import { commandEnvironment } from './train/external/command-env.js'
import { loadTf, type BackendName } from './train/tf-runtime.js'
import { systemClock } from './util/clock.js'
import { cryptoRandom } from './util/random.js'
import { execGit, readGitInfo, readRepoRoot } from './util/git.js'
import { runDocuments } from './report/run-documents.js'
import { redactSecrets } from './util/redact.js'
import { streamLogger, type Logger } from './util/logger.js'
import { VERSION } from './version.js'
import type { PipelineDeps } from './pipeline/types.js'
import { COMMANDS, COMMON_OPTIONS, OPTION_HELP, type CliIo, type CommandContext } from './cli-commands.js'

const COMMON_HELP = `Common options:
  --store DIR|s3://BUCKET/PREFIX   where runs and champions live (default: .modelgate, or $MODELGATE_STORE)
  --s3-endpoint URL  --s3-region REGION  --s3-force-path-style
  --debug   stack traces on errors
  -h, --help   this text`

/** `modelgate --help` / `modelgate help`: every command's usage line. */
export function globalUsage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  modelgate ${name} ${c.usage}`)
  return `modelgate ${VERSION}: train, evaluate and gate ML models against their champion

Usage:
${lines.join('\n')}
  modelgate help [COMMAND]

${COMMON_HELP}
  ${OPTION_HELP.backend} (run, predict, calibrate)
Without MODEL_DIR, run uses every models/<name>/modelgate.yml. \`modelgate help COMMAND\` explains one command.`
}

/** `modelgate CMD --help` / `modelgate help CMD`: that command's usage and options. */
export function commandUsage(name: string): string {
  const command = COMMANDS[name]!
  const options = command.options.map((o) => `  ${OPTION_HELP[o]}`)
  return `modelgate ${name} ${command.usage}

${command.summary}.
${options.length ? `\nOptions:\n${options.join('\n')}\n` : ''}
${COMMON_HELP}`
}

const OPTIONS = {
  store: { type: 'string' },
  's3-endpoint': { type: 'string' },
  's3-region': { type: 'string' },
  's3-force-path-style': { type: 'boolean' },
  backend: { type: 'string' },
  promote: { type: 'boolean' },
  json: { type: 'string' },
  report: { type: 'string' },
  html: { type: 'string' },
  'fail-on': { type: 'string' },
  model: { type: 'string', multiple: true },
  alias: { type: 'string' },
  run: { type: 'string' },
  input: { type: 'string' },
  output: { type: 'string' },
  seeds: { type: 'string' },
  row: { type: 'string' },
  'max-psi': { type: 'string' },
  'on-invalid': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'poll-seconds': { type: 'string' },
  'log-predictions': { type: 'string' },
  'max-rows': { type: 'string' },
  'max-body-bytes': { type: 'string' },
  to: { type: 'string' },
  'allow-inconclusive': { type: 'boolean' },
  'deploy-to': { type: 'string' },
  apply: { type: 'boolean' },
  'changed-only': { type: 'boolean' },
  'keep-days': { type: 'string' },
  'keep-pr-days': { type: 'string' },
  debug: { type: 'boolean' },
  'allow-outside-workspace': { type: 'boolean' },
  'timeout-minutes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const

export type { CliIo } from './cli-commands.js'

function parse(
  argv: string[],
): ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    const command = argv.find((a) => !a.startsWith('-'))
    const help = command && COMMANDS[command] ? `modelgate ${command} --help` : 'modelgate --help'
    throw new UserError(`${describeError(error)} (see ${help})`)
  }
}

const BACKENDS = ['auto', 'wasm', 'cpu', 'tensorflow'] as const

/** Build the side-effect interfaces for the CLI: a store from --store, stderr logging, the system clock. */
async function createDeps(
  values: ReturnType<typeof parse>['values'],
  io: CliIo,
  logger: Logger,
): Promise<PipelineDeps> {
  const location = parseStoreUrl(values.store ?? io.env.MODELGATE_STORE ?? '.modelgate', {
    s3Endpoint: values['s3-endpoint'],
    s3Region: values['s3-region'],
    s3ForcePathStyle: values['s3-force-path-style'],
  })
  if (location.kind === 'fs') location.dir = path.resolve(io.cwd, location.dir)
  const backend = values.backend ?? 'auto'
  if (!(BACKENDS as readonly string[]).includes(backend))
    throw new UserError(`--backend "${backend}": expected one of ${BACKENDS.join(', ')}`)
  const clock = io.clock ?? systemClock
  const random = io.random ?? cryptoRandom
  const store = io.openStore
    ? await io.openStore(location)
    : await openStore(location, { env: io.env, random })
  const { registry, writable } = await openRegistry(store, clock, logger, { random })
  return {
    registry,
    storeWritable: writable,
    logger,
    clock,
    runtime: () => loadTf({ cwd: io.cwd, logger, backend: backend as BackendName | 'auto' }),
    commandEnv: commandEnvironment(io.env, []),
    git: await readGitInfo(io.cwd, io.git ?? execGit),
    actor: `${io.env.USER ?? os.userInfo().username} via modelgate CLI`,
    toolVersion: VERSION,
    runDocuments: runDocuments(clock),
  }
}

/**
 * The CLI: returns the exit code (0 ok, 1 gate failed, 2 usage or input error, 3 unexpected error, 4 the run
 * could not be stored or a promotion asked for did not happen — after the report was written).
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug')
  const logger = io.logger ?? streamLogger(io.stderr, { debug })
  try {
    const { values, positionals } = parse(argv)
    if (values.version) {
      io.stdout.write(`${VERSION}\n`)
      return 0
    }
    const [command, ...args] = positionals
    if (!command) {
      io.stdout.write(`${globalUsage()}\n`)
      return values.help ? 0 : 2
    }
    const unknown = (name: string): UserError =>
      new UserError(
        `unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}, help; see modelgate --help)`,
      )
    if (command === 'help') {
      const topic = args[0]
      if (topic === undefined) io.stdout.write(`${globalUsage()}\n`)
      else if (COMMANDS[topic]) io.stdout.write(`${commandUsage(topic)}\n`)
      else throw unknown(topic)
      return 0
    }
    const handler = COMMANDS[command]
    if (!handler) throw unknown(command)
    if (values.help) {
      io.stdout.write(`${commandUsage(command)}\n`)
      return 0
    }
    const allowed = new Set<string>([...COMMON_OPTIONS, ...handler.options])
    const refused = Object.keys(values).filter((name) => !allowed.has(name))
    if (refused.length > 0) {
      const takes = handler.options.length
        ? handler.options.map((o) => `--${o}`).join(', ')
        : 'only the common options'
      throw new UserError(
        `${command} does not take ${refused.map((o) => `--${o}`).join(', ')} (it takes ${takes}; see modelgate ${command} --help)`,
      )
    }
    const [deps, gitRoot] = await Promise.all([
      createDeps(values, io, logger),
      readRepoRoot(io.cwd, io.git ?? execGit),
    ])
    const context: CommandContext = {
      args,
      root: gitRoot ?? io.cwd,
      values,
      deps,
      io,
      write: (text) => void io.stdout.write(text),
      writeFile: (file, text) => fs.writeFile(path.resolve(io.cwd, file), text),
    }
    return await handler.run(context)
  } catch (error) {
    const message = describeError(error)
    if (error instanceof UserError) {
      io.stderr.write(`modelgate: ${message}\n`)
      if (debug && error.stack) io.stderr.write(`${redactSecrets(error.stack)}\n`)
      return 2
    }
    io.stderr.write(`modelgate: unexpected error: ${message}\n`)
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${redactSecrets(error.stack)}\n`)
    else io.stderr.write('(run again with --debug for the stack trace)\n')
    return 3
  }
}
