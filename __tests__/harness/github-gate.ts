/**
 * The checks GitHub makes before it serves a request, in GitHub's order: User-Agent, credentials, route,
 * path and query parameters, repository, write permission, JSON body. A request that fails one gets GitHub's
 * answer; when the failure is the caller's bug (not a missing resource or a read-only token) it also carries
 * the violation the stand-in records.
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { CompiledOperation, OpenApiSubset } from './github-openapi.js'
import { errorBody, type Reply } from './github-reply.js'
import type { GitHubState, RepoRecord } from './github-state.js'

export interface Violation {
  kind: 'unknown-route' | 'unauthenticated' | 'invalid-request' | 'rejected-by-github' | 'invalid-response'
  method: string
  /** Path and query of the request. */
  path: string
  operationId: string | null
  status: number
  messages: string[]
}

export type ViolationDraft = Pick<Violation, 'kind' | 'messages'>

export interface IncomingCall {
  method: string
  url: URL
  headers: IncomingHttpHeaders
  rawBody: string
}

export interface AdmittedCall {
  op: CompiledOperation
  repo: RepoRecord
  /** The request path with `/repositories/{id}` spelled as `/repos/{owner}/{repo}`. */
  pathname: string
  token: string
  path: Record<string, unknown>
  query: Record<string, unknown>
  body: Record<string, unknown>
}

export interface Refusal {
  refused: Reply
  violation?: ViolationDraft
  op?: CompiledOperation
  body?: unknown
}

export type GateResult = { admitted: AdmittedCall; refused?: undefined } | Refusal

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])
const REST_DOCS = 'https://docs.github.com/rest'

export function bearerToken(headers: IncomingHttpHeaders): string | null {
  return /^(?:token|bearer)\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1] ?? null
}

export function admitRequest(
  subset: OpenApiSubset,
  state: GitHubState,
  readOnlyTokens: Set<string>,
  call: IncomingCall,
): GateResult {
  const { method, url, headers } = call
  const refuse = (status: number, message: string, docsUrl: string, violation?: ViolationDraft): Refusal => ({
    refused: { status, body: errorBody(status, message, docsUrl) },
    ...(violation === undefined ? {} : { violation }),
  })
  if (headers['user-agent'] === undefined) {
    const message =
      'Request forbidden by administrative rules. Please make sure your request has a User-Agent header'
    return refuse(403, message, REST_DOCS, { kind: 'invalid-request', messages: ['no User-Agent header'] })
  }
  const token = bearerToken(headers)
  if (token === null) {
    const got = JSON.stringify(headers.authorization ?? null)
    return refuse(401, 'Requires authentication', REST_DOCS, {
      kind: 'unauthenticated',
      messages: [`authorization header missing or not "token <t>"/"Bearer <t>": ${got}`],
    })
  }
  // GitHub's Link headers point at /repositories/{id}/...; serve them as the owner/name route they stand for.
  let pathname = url.pathname
  const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(pathname)
  const aliased = byId === null ? undefined : state.repos.find((r) => r.id === Number(byId[1]))
  if (aliased !== undefined) pathname = `/repos/${aliased.owner.login}/${aliased.name}${byId?.[2] ?? ''}`

  const matched = subset.match(method, pathname)
  if (matched.op === undefined) {
    const what = matched.pathKnown ? `${method} is not an operation of this path` : 'no such route'
    return refuse(404, 'Not Found', REST_DOCS, {
      kind: 'unknown-route',
      messages: [`${method} ${pathname}: ${what} in the OpenAPI subset`],
    })
  }
  const op = matched.op
  const withOp = (result: Refusal, body?: unknown): Refusal => ({ ...result, op, body })
  const params = subset.validateParameters(op, matched.rawParams, url.searchParams)
  if (params.pathErrors.length > 0) {
    // GitHub routes on parameter shape, so a malformed path parameter is simply not found.
    return withOp(
      refuse(404, 'Not Found', op.docsUrl, { kind: 'invalid-request', messages: params.pathErrors }),
    )
  }
  if (params.queryErrors.length > 0) {
    const message = `Invalid request.\n\n${params.queryErrors.join('\n')}`
    return withOp(refuse(422, message, op.docsUrl, { kind: 'invalid-request', messages: params.queryErrors }))
  }
  const repo = state.findRepo(String(params.path.owner), String(params.path.repo))
  if (repo === undefined) return withOp(refuse(404, 'Not Found', op.docsUrl))
  if (WRITE_METHODS.has(method) && readOnlyTokens.has(token)) {
    return withOp(refuse(403, 'Resource not accessible by integration', op.docsUrl))
  }
  let body: unknown = {}
  const jsonBody = op.spec.requestBody?.contentType === 'application/json'
  if (op.spec.requestBody !== null && !jsonBody) {
    // A binary upload: GitHub needs a Content-Type and takes the bytes as they are.
    if (headers['content-type'] === undefined) {
      return withOp(
        refuse(422, 'Bad Content-Type', op.docsUrl, {
          kind: 'invalid-request',
          messages: ['upload without a Content-Type header'],
        }),
      )
    }
  } else if (op.spec.requestBody !== null) {
    if (call.rawBody !== '') {
      try {
        body = JSON.parse(call.rawBody)
      } catch {
        const messages = [`request body is not JSON: ${call.rawBody.slice(0, 200)}`]
        return withOp(
          refuse(400, 'Problems parsing JSON', op.docsUrl, { kind: 'invalid-request', messages }),
          call.rawBody,
        )
      }
    }
    // An empty body reads as `{}`, so its required fields are reported as not supplied.
    const problems = subset.validateBody(op, body)
    if (problems.length > 0) {
      const message = `Invalid request.\n\n${problems.join('\n')}`
      return withOp(refuse(422, message, op.docsUrl, { kind: 'invalid-request', messages: problems }), body)
    }
  }
  return {
    admitted: {
      op,
      repo,
      pathname,
      token,
      path: params.path,
      query: params.query,
      body: body as Record<string, unknown>,
    },
  }
}
