import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { describeError, UserError } from './errors.js'
import { openRegistry } from './store/open-registry.js'
import { openStore, parseStoreUrl } from './store/store-url.js'
import { commandEnvironment } from './train/external/command-env.js'
import { loadTf, type BackendName } from './train/tf-runtime.js'
import { systemClock, type Clock } from './util/clock.js'
import { readGitInfo } from './util/git.js'
import { streamLogger, type Logger } from './util/logger.js'
import { VERSION } from './version.js'
import type { PipelineDeps } from './pipeline/types.js'
import { COMMANDS, type CommandContext } from './cli-commands.js'

const USAGE = `modelgate ${VERSION}: train, evaluate and gate ML models against their champion

Usage:
  modelgate run [MODEL_DIR...] [--promote] [--json FILE] [--report FILE] [--fail-on fail|inconclusive|never]
  modelgate predict --model NAME [--alias champion | --run ID] --input CSV --output CSV
  modelgate promote NAME RUN_ID
  modelgate rollback NAME
  modelgate history NAME
  modelgate show NAME
  modelgate calibrate NAME [--seeds K]

Common options:
  --store DIR|s3://BUCKET/PREFIX   where runs and champions live (default: .modelgate)
  --s3-endpoint URL  --s3-region REGION  --s3-force-path-style
  --backend auto|wasm|cpu|tensorflow   TensorFlow.js backend for scoring (default auto)
  --debug   stack traces on errors
Without MODEL_DIR, run uses every models/<name>/modelgate.yml.`

const OPTIONS = {
  store: { type: 'string' },
  's3-endpoint': { type: 'string' },
  's3-region': { type: 'string' },
  's3-force-path-style': { type: 'boolean' },
  backend: { type: 'string' },
  promote: { type: 'boolean' },
  json: { type: 'string' },
  report: { type: 'string' },
  'fail-on': { type: 'string' },
  model: { type: 'string' },
  alias: { type: 'string' },
  run: { type: 'string' },
  input: { type: 'string' },
  output: { type: 'string' },
  seeds: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const

export interface CliIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WriteStream
  cwd: string
  env: NodeJS.ProcessEnv
  clock?: Clock
  logger?: Logger
}

function parse(
  argv: string[],
): ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UserError(`${describeError(error)} (see modelgate --help)`)
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
  const { registry, writable } = await openRegistry(await openStore(location), clock, logger)
  return {
    registry,
    storeWritable: writable,
    logger,
    clock,
    runtime: () => loadTf({ cwd: io.cwd, logger, backend: backend as BackendName | 'auto' }),
    commandEnv: commandEnvironment(io.env, []),
    git: await readGitInfo(io.cwd),
    actor: `${io.env.USER ?? os.userInfo().username} via modelgate CLI`,
    toolVersion: VERSION,
  }
}

/** The CLI: returns the exit code (0 ok, 1 gate failed, 2 usage or input error, 3 unexpected error). */
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
    if (values.help || !command) {
      io.stdout.write(`${USAGE}\n`)
      return command || values.help ? 0 : 2
    }
    const handler = COMMANDS[command]
    if (!handler)
      throw new UserError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')})`)
    const deps = await createDeps(values, io, logger)
    const context: CommandContext = {
      args,
      values,
      deps,
      io,
      write: (text) => void io.stdout.write(text),
      writeFile: (file, text) => fs.writeFile(path.resolve(io.cwd, file), text),
    }
    return await handler(context)
  } catch (error) {
    const message = describeError(error)
    if (error instanceof UserError) {
      io.stderr.write(`modelgate: ${message}\n`)
      if (debug && error.stack) io.stderr.write(`${error.stack}\n`)
      return 2
    }
    io.stderr.write(`modelgate: unexpected error: ${message}\n`)
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`)
    else io.stderr.write('(run again with --debug for the stack trace)\n')
    return 3
  }
}
