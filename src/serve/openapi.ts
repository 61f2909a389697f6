import { VERSION } from '../version.js'
import type { RouteDef } from './route-def.js'

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Bad input: the message names the row and column',
  404: 'No such model',
  413: 'Body or row count over the limit',
  501: 'Not available for this model family',
  503: 'Not loaded yet',
}

/** The OpenAPI 3.1 document of the routes, from the same schemas fastify validates with. */
export function openApiDocument(routes: RouteDef[]): object {
  const paths: Record<string, Record<string, object>> = {}
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}')
    const params = route.schema.params as { properties?: Record<string, object> } | undefined
    const responses: Record<string, object> = {}
    for (const [status, schema] of Object.entries(route.schema.response)) {
      responses[status] = {
        description: STATUS_TEXT[Number(status)] ?? 'Response',
        content: { [route.produces ?? 'application/json']: { schema } },
      }
    }
    paths[path] ??= {}
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      ...(params?.properties
        ? {
            parameters: Object.entries(params.properties).map(([name, schema]) => ({
              name,
              in: 'path',
              required: true,
              schema,
            })),
          }
        : {}),
      ...(route.schema.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: route.schema.body } } } }
        : {}),
      responses,
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'modelgate serve',
      version: VERSION,
      description:
        "The run behind each model's alias, served over HTTP: modelgate's own /v1 API and the Open Inference Protocol (KServe v2) under /v2.",
    },
    paths,
  }
}
