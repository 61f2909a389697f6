import type { FastifyReply, FastifyRequest } from 'fastify'

/** A route as the app registers it and the OpenAPI document describes it: one definition, both uses. */
export interface RouteDef {
  method: 'GET' | 'POST'
  /** fastify syntax: /v1/models/:model/predict */
  url: string
  summary: string
  schema: {
    params?: object
    body?: object
    response: Record<number, object>
  }
  /** Response content type when not JSON (the Prometheus text format). */
  produces?: string
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>
}
