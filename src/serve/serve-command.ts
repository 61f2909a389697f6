import path from 'node:path'
import { UserError } from '../errors.js'
import { familyEnv } from '../pipeline/family-env.js'
import type { PipelineDeps } from '../pipeline/types.js'
import type { Registry } from '../store/registry.js'
import { createModelServer, DEFAULT_BODY_LIMIT, DEFAULT_MAX_ROWS, type ModelServer } from './app.js'
import { jsonLog } from './json-log.js'

export interface ServeSettings {
  models: string[]
  alias: string
  host: string
  port: number
  pollMs: number
  maxRows: number
  bodyLimit: number
  predictionsFile: string | undefined
}

type Values = Record<string, string | boolean | string[] | undefined>

function positiveInt(values: Values, name: string, fallback: number, min = 1): number {
  const raw = values[name]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < min)
    throw new UserError(`--${name} "${String(raw)}": expected a whole number ≥ ${min}`)
  return n
}

/** `modelgate serve` flags → typed settings (like actions' input-helper). */
export function serveSettings(values: Values, defaultAlias: string, cwd: string): ServeSettings {
  const model = values.model
  const pollSeconds = values['poll-seconds'] === undefined ? 10 : Number(values['poll-seconds'])
  if (!(pollSeconds > 0))
    throw new UserError(`--poll-seconds "${String(values['poll-seconds'])}": expected a number > 0`)
  const log = values['log-predictions']
  return {
    models: Array.isArray(model) ? model : typeof model === 'string' ? [model] : [],
    alias: typeof values.alias === 'string' ? values.alias : defaultAlias,
    host: typeof values.host === 'string' ? values.host : '127.0.0.1',
    port: positiveInt(values, 'port', 8080, 0),
    pollMs: pollSeconds * 1000,
    maxRows: positiveInt(values, 'max-rows', DEFAULT_MAX_ROWS),
    bodyLimit: positiveInt(values, 'max-body-bytes', DEFAULT_BODY_LIMIT),
    predictionsFile: typeof log === 'string' ? path.resolve(cwd, log) : undefined,
  }
}

/** Every model in the store that has the alias (when no --model is given). */
export async function modelsWithAlias(registry: Registry, alias: string): Promise<string[]> {
  const keys = await registry.store.list('models/')
  const suffix = `/aliases/${alias}.json`
  return keys.filter((k) => k.endsWith(suffix) && k.split('/').length === 4).map((k) => k.split('/')[1]!)
}

/** Start serving; resolves once SIGTERM or SIGINT has drained the server. */
export async function runServe(
  settings: ServeSettings,
  deps: PipelineDeps,
  stdout: NodeJS.WritableStream,
): Promise<ModelServer> {
  const models = settings.models.length
    ? settings.models
    : await modelsWithAlias(deps.registry, settings.alias)
  if (models.length === 0)
    throw new UserError(
      `no model in ${deps.registry.store.location} has a "${settings.alias}" alias; pass --model NAME (served once the alias exists), or --alias champion to serve the champions`,
    )
  const log = jsonLog(stdout, deps.clock)
  const server = createModelServer({
    registry: deps.registry,
    familyEnv: familyEnv(deps),
    models,
    alias: settings.alias,
    log,
    clock: deps.clock,
    maxRows: settings.maxRows,
    bodyLimit: settings.bodyLimit,
    pollMs: settings.pollMs,
    predictionsFile: settings.predictionsFile,
    processMetrics: true,
  })
  const url = await server.start(settings.host, settings.port)
  log.info('listening', { url, models, alias: settings.alias, store: deps.registry.store.location })
  return server
}

/** Wait for SIGTERM / SIGINT, then close gracefully: in-flight requests complete, new ones are refused. */
export function drainOnSignal(server: ModelServer, log: (signal: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', stop)
      process.off('SIGINT', stop)
      log(signal)
      server.close().then(resolve, reject)
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  })
}
