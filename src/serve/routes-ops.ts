import type { ServeContext } from './context.js'
import type { RouteDef } from './route-def.js'
import { liveBody, readyBody } from './schemas.js'

/** Health, readiness, Prometheus metrics and the OpenAPI document. */
export function opsRoutes(context: ServeContext, document: () => object): RouteDef[] {
  const { holder, metrics } = context
  const models = (): Record<string, string | null> =>
    Object.fromEntries(holder.names().map((n) => [n, holder.current(n)?.runId ?? null]))
  let cached: object | null = null
  return [
    {
      method: 'GET',
      url: '/health',
      summary: 'The process is up and answering (liveness)',
      schema: { response: { 200: liveBody } },
      handler: () => Promise.resolve({ live: true }),
    },
    {
      method: 'GET',
      url: '/ready',
      summary: 'Every model has a loaded run (readiness): 200, else 503; the run per model',
      schema: { response: { 200: readyBody, 503: readyBody } },
      handler: (_request, reply) => {
        const ready = holder.ready()
        return Promise.resolve(reply.code(ready ? 200 : 503).send({ ready, models: models() }))
      },
    },
    {
      method: 'GET',
      url: '/metrics',
      summary: 'Prometheus metrics: requests, latency, errors by reason, the run and alias per model, loads',
      produces: 'text/plain',
      schema: { response: { 200: { type: 'string' } } },
      handler: async (_request, reply) =>
        reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    },
    {
      method: 'GET',
      url: '/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      schema: { response: { 200: { type: 'object', additionalProperties: true } } },
      handler: () => Promise.resolve((cached ??= document())),
    },
  ]
}
