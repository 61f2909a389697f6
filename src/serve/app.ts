import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import { describeError, UserError } from '../errors.js'
import type { Registry } from '../store/registry.js'
import type { FamilyEnv } from '../train/family.js'
import type { ServeContext, ServeHooks } from './context.js'
import { predictionLog, type JsonLog } from './json-log.js'
import { ServeMetrics } from './metrics.js'
import { intervalTimer, ModelHolder, type PollTimer } from './model-holder.js'
import { openApiDocument } from './openapi.js'
import type { RouteDef } from './route-def.js'
import { opsRoutes } from './routes-ops.js'
import { v1Routes } from './routes-v1.js'
import { v2Routes } from './routes-v2.js'
import { BadInput } from './rows.js'
import { loadServedModel, type ServedModel } from './served-model.js'
import type { Clock } from '../util/clock.js'

export const DEFAULT_MAX_ROWS = 10_000
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024

export interface ServeOptions {
  registry: Registry
  /** What the model families may use (TensorFlow.js on first use, the logger). */
  familyEnv: FamilyEnv
  models: string[]
  alias: string
  log: JsonLog
  clock: Clock
  maxRows?: number
  /** Largest request body in bytes. */
  bodyLimit?: number
  pollMs?: number
  /** Defaults to a real interval; tests pass one that never fires and call `holder.pollOnce()`. */
  timer?: PollTimer
  /** `--log-predictions FILE` */
  predictionsFile?: string
  hooks?: ServeHooks
  /** Process metrics (CPU, memory, event loop) in /metrics; off in tests. */
  processMetrics?: boolean
  /** Replaces the loader (tests); defaults to loadServedModel on the registry. */
  load?: (name: string, runId: string, manifestSha256?: string) => Promise<ServedModel>
}

export interface ModelServer {
  app: FastifyInstance
  holder: ModelHolder
  metrics: ServeMetrics
  /** Listen, load every model (not awaited: /ready says when), start following the alias. Returns the URL. */
  start(host: string, port: number): Promise<string>
  /** Stop accepting, let in-flight requests finish, stop polling, release the models. */
  close(): Promise<void>
}

const ROW_CELL = /^\/rows\/(\d+)\/(.+)$/

/** A schema error at /rows/<i>/<column> says "row i+1, column …", as the boundary checks do. */
function schemaFailure(e: FastifyError, body: unknown): { status: number; reason: string; message: string } {
  const first = e.validation?.[0]
  const at = first ? ROW_CELL.exec(first.instancePath) : null
  if (!first || !at) return { status: 400, reason: 'schema', message: e.message }
  const row = Number(at[1])
  const column = at[2]!.replace(/~1/g, '/').replace(/~0/g, '~')
  const value = (body as { rows?: Record<string, unknown>[] })?.rows?.[row]?.[column]
  // JSON has no NaN, but 1e999 parses to Infinity, which the schema's "number" refuses.
  if (typeof value === 'number' && !Number.isFinite(value))
    return {
      status: 400,
      reason: 'not_finite',
      message: `row ${row + 1}, column "${column}": ${value} is not a finite number`,
    }
  return {
    status: 400,
    reason: 'schema',
    message: `row ${row + 1}, column "${column}": ${first.message ?? 'invalid'}`,
  }
}

function failure(
  error: FastifyError | BadInput | Error,
  body: unknown,
): { status: number; reason: string; message: string } {
  if (error instanceof BadInput) return { status: error.status, reason: error.reason, message: error.message }
  const e = error as FastifyError
  if (e.validation) return schemaFailure(e, body)
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { status: 413, reason: 'body_too_large', message: e.message }
  if (
    e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    e instanceof SyntaxError
  )
    return { status: 400, reason: 'invalid_json', message: `the body is not valid JSON: ${e.message}` }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return { status: e.statusCode, reason: 'schema', message: e.message }
  // The scoring path's own checks (the same as `modelgate predict`'s): the input, not the server, is at fault.
  if (error instanceof UserError) return { status: 400, reason: 'bad_input', message: error.message }
  return { status: 500, reason: 'internal', message: 'internal error (see the server log)' }
}

export function createModelServer(options: ServeOptions): ModelServer {
  const metrics = new ServeMetrics({ defaults: options.processMetrics })
  const { log } = options
  const holder = new ModelHolder(
    {
      registry: options.registry,
      alias: options.alias,
      load:
        options.load ??
        ((name, runId, sha) => loadServedModel(options.registry, options.familyEnv, name, runId, sha)),
      log,
      metrics,
    },
    options.models,
  )
  const context: ServeContext = {
    holder,
    metrics,
    log,
    maxRows: options.maxRows ?? DEFAULT_MAX_ROWS,
    hooks: options.hooks ?? {},
    predictions: options.predictionsFile ? predictionLog(options.predictionsFile, options.clock) : null,
  }
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    ajv: {
      customOptions: { allowUnionTypes: true, coerceTypes: false, removeAdditional: false, allErrors: false },
    },
  })
  app.decorateRequest('served', null)
  // While draining, answers to in-flight requests close their connection: a keep-alive client would
  // otherwise hold the server open until its keep-alive timeout.
  let closing = false
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close')
    done(null, payload)
  })

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched'
    const served = request.served
    const model = served?.model ?? ''
    const seconds = reply.elapsedTime / 1000
    metrics.requests.inc({ route, model, status: reply.statusCode })
    metrics.latency.observe({ route, model }, seconds)
    if (served?.rows) metrics.rows.inc({ model }, served.rows)
    log.info('request', {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Number(reply.elapsedTime.toFixed(3)),
      ...(served ? { model, run_id: served.runId, rows: served.rows } : {}),
    })
    done()
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, reason, message } = failure(error, request.body)
    metrics.errors.inc({ route: request.routeOptions.url ?? 'unmatched', reason })
    if (status >= 500 && !(error instanceof BadInput))
      log.error('request failed', { url: request.url, error: describeError(error), stack: error.stack })
    return reply.code(status).send({ error: message, reason })
  })
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: `no route ${request.method} ${request.url.split('?')[0]}`, reason: 'no_route' }),
  )

  const routes: RouteDef[] = [...v1Routes(context), ...v2Routes(context)]
  const all: RouteDef[] = [...routes, ...opsRoutes(context, (): object => openApiDocument(all))]
  for (const route of all) {
    app.route({
      method: route.method,
      url: route.url,
      schema: route.produces ? {} : route.schema,
      handler: route.handler,
    })
  }

  return {
    app,
    holder,
    metrics,
    async start(host, port) {
      const url = await app.listen({ host, port })
      void holder.pollOnce()
      holder.start(options.timer ?? intervalTimer, options.pollMs ?? 10_000)
      return url
    },
    async close() {
      closing = true
      await app.close()
      await holder.close()
      await context.predictions?.close()
    },
  }
}
