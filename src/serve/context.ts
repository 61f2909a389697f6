import type { FastifyRequest } from 'fastify'
import type { JsonLog, PredictionLog } from './json-log.js'
import type { ServeMetrics } from './metrics.js'
import type { Lease, ModelHolder } from './model-holder.js'
import { BadInput } from './rows.js'
import type { ServedModel } from './served-model.js'

/** Test hooks: run while a request holds its model, before scoring (to hold a request across a swap). */
export interface ServeHooks {
  beforeScore?: (model: ServedModel, request: FastifyRequest) => Promise<void>
}

/** What every route handler shares. */
export interface ServeContext {
  holder: ModelHolder
  metrics: ServeMetrics
  log: JsonLog
  maxRows: number
  hooks: ServeHooks
  predictions: PredictionLog | null
}

/** Who answered a request, for the request log line and the metrics labels. */
export interface Served {
  model: string
  runId: string | null
  rows: number
}

declare module 'fastify' {
  interface FastifyRequest {
    served: Served | null
  }
}

export function unknownModel(holder: ModelHolder, name: string): BadInput {
  return new BadInput(404, 'unknown_model', `no model "${name}" (served: ${holder.names().join(', ')})`)
}

/**
 * Lease the model a request names and run `answer` with it; the lease ends when the answer is built, so a
 * swap during the request leaves this request on the model it started with.
 */
export async function withModel<T>(
  context: ServeContext,
  request: FastifyRequest,
  name: string,
  answer: (model: ServedModel) => T | Promise<T>,
): Promise<T> {
  if (!context.holder.has(name))
    throw new BadInput(
      404,
      'unknown_model',
      `no model "${name}" (served: ${context.holder.names().join(', ')})`,
    )
  request.served = { model: name, runId: null, rows: 0 }
  const lease: Lease | null = context.holder.acquire(name)
  if (!lease) throw new BadInput(503, 'not_ready', `model "${name}" is not loaded yet`)
  try {
    request.served.runId = lease.model.runId
    await context.hooks.beforeScore?.(lease.model, request)
    // Awaited here, so the lease lasts until the answer is built.
    return await answer(lease.model)
  } finally {
    lease.release()
  }
}
