/**
 * A local stand-in for api.github.com that checks every request and every response against GitHub's
 * official OpenAPI description (the committed subset in __fixtures__/github/openapi-subset.json).
 *
 * A request GitHub would reject gets GitHub's answer (404 unknown route, 403 no User-Agent, 401 no credentials,
 * 400 bad JSON, 422 invalid parameters or body, 422 for what GitHub refuses by rule) and is recorded in `violations`;
 * a response of the stand-in that does not match the description is recorded there too (a stand-in bug).
 * Tests end with `expect(standIn.violations).toEqual([])`. Not violations: 404 for a missing resource
 * (a normal answer, e.g. no release yet), 409 deployment conflicts, 403 to a read-only token, injected failures.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { admitRequest, bearerToken, type Violation, type ViolationDraft } from './github-gate.js'
import { OpenApiSubset } from './github-openapi.js'
import type { Reply, RouteContext, RouteHandler } from './github-reply.js'
import { checkRoutes } from './github-routes-checks.js'
import { issueRoutes } from './github-routes-issues.js'
import { releaseRoutes } from './github-routes-releases.js'
import { ACTIONS_BOT, GitHubState } from './github-state.js'

export type { Violation } from './github-gate.js'

export interface RecordedRequest {
  method: string
  path: string
  operationId: string | null
  status: number
  /** The token from the authorization header, or null. */
  token: string | null
  body: unknown
}

export interface FailureRule {
  /** e.g. `issues/create-comment`; every operation when omitted. */
  operationId?: string
  status: number
  /** How many matching requests fail (default 1). */
  times?: number
  /** The error body, or a function of the request's headers (a hostile server that echoes them back). */
  body?: unknown
  headers?: Record<string, string>
  /** Never answer: the request is held open until stop() (a server that hangs). `status` is ignored. */
  hang?: boolean
}

export interface StandInOptions {
  /** Tokens that may read but not write, like GITHUB_TOKEN on a pull request from a fork. */
  readOnlyTokens?: string[]
  /** Fixes the stand-in's clock (each write advances it one second). */
  startTime?: string
}

export interface GitHubStandIn {
  /** Base URL to give Octokit as `baseUrl` (stands for https://api.github.com). */
  url: string
  /** The upload host (stands for https://uploads.github.com): release `upload_url`s point here. */
  uploadsUrl: string
  state: GitHubState
  violations: Violation[]
  requests: RecordedRequest[]
  /** The `@octokit/openapi` version the checks come from. */
  openapiVersion: string
  /** The next `times` requests matching the rule get `status` (500/502/503...) instead of being served. */
  failNext(rule: FailureRule): void
  stop(): Promise<void>
}

const HANDLERS: Record<string, RouteHandler> = { ...issueRoutes, ...checkRoutes, ...releaseRoutes }
/** Operations GitHub serves on uploads.github.com only (and nothing else is served there). */
const UPLOAD_OPERATIONS = new Set(['repos/upload-release-asset'])
const WEB = 'https://github.com'

let subsetCache: OpenApiSubset | undefined

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export async function startGitHubStandIn(options: StandInOptions = {}): Promise<GitHubStandIn> {
  subsetCache ??= OpenApiSubset.load()
  const subset = subsetCache
  for (const operationId of Object.keys(HANDLERS)) {
    if (!subset.operations.some((op) => op.spec.operationId === operationId)) {
      throw new Error(`stand-in handles ${operationId}, which is not in the OpenAPI subset`)
    }
  }
  const state = new GitHubState(options.startTime)
  const readOnly = new Set(options.readOnlyTokens ?? [])
  const violations: Violation[] = []
  const requests: RecordedRequest[] = []
  const failures: FailureRule[] = []
  let requestCount = 0
  let url = ''
  let uploadsUrl = ''

  function responseHeaders(reply: Reply): Record<string, string> {
    requestCount += 1
    return {
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `0000:${requestCount.toString(16).toUpperCase().padStart(6, '0')}:STANDIN`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - requestCount)),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(requestCount),
      'x-ratelimit-resource': 'core',
      ...(reply.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      ...reply.headers,
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, host: 'api' | 'uploads'): Promise<void> {
    const method = req.method ?? 'GET'
    const requestUrl = new URL(req.url ?? '/', host === 'api' ? url : uploadsUrl)
    const fullPath = `${requestUrl.pathname}${requestUrl.search}`
    const rawBytes = await readBody(req)
    const rawBody = rawBytes.toString('utf8')
    let gate = admitRequest(subset, state, readOnly, {
      method,
      url: requestUrl,
      headers: req.headers,
      rawBody,
    })
    const gateOp = gate.refused === undefined ? gate.admitted.op : gate.op
    if (gateOp !== undefined && UPLOAD_OPERATIONS.has(gateOp.spec.operationId) !== (host === 'uploads')) {
      const where =
        host === 'uploads'
          ? 'uploads.github.com serves only asset uploads'
          : 'uploads go to the upload_url host (uploads.github.com), not the API host'
      gate = {
        refused: { status: 404, body: { message: 'Not Found', documentation_url: gateOp.docsUrl } },
        violation: { kind: 'unknown-route', messages: [`${method} ${requestUrl.pathname}: ${where}`] },
        op: gateOp,
      }
    }
    const op = gate.refused === undefined ? gate.admitted.op : gate.op
    // What the request carried: the parsed JSON where the operation takes a body, else the raw text if any.
    let requestBody: unknown = rawBody || undefined
    if (gate.refused !== undefined) requestBody = gate.body ?? requestBody
    else if (gate.admitted.op.spec.requestBody !== null) requestBody = gate.admitted.body
    const operationId = op?.spec.operationId ?? null

    const send = (reply: Reply, violation?: ViolationDraft, validate = true): void => {
      requests.push({
        method,
        path: fullPath,
        operationId,
        status: reply.status,
        token: bearerToken(req.headers),
        body: requestBody,
      })
      const record = (v: ViolationDraft): void => {
        violations.push({ ...v, method, path: fullPath, operationId, status: reply.status })
      }
      if (violation !== undefined) record(violation)
      if (reply.rejection !== undefined) record({ kind: 'rejected-by-github', messages: [reply.rejection] })
      if (op !== undefined && validate) {
        const problems = subset.validateResponse(op, reply.status, reply.body, reply.headers ?? {})
        if (problems.length > 0) record({ kind: 'invalid-response', messages: problems })
      }
      res.writeHead(reply.status, responseHeaders(reply))
      res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body))
    }

    if (gate.refused !== undefined) {
      send(gate.refused, gate.violation)
      return
    }
    const call = gate.admitted
    // Only requests that pass every check can be failed on purpose, so a bad request is never hidden by one.
    const failure = failures.find((f) => f.operationId === undefined || f.operationId === operationId)
    if (failure !== undefined) {
      failure.times = (failure.times ?? 1) - 1
      if (failure.times <= 0) failures.splice(failures.indexOf(failure), 1)
      if (failure.hang) {
        requests.push({
          method,
          path: fullPath,
          operationId,
          status: 0,
          token: bearerToken(req.headers),
          body: requestBody,
        })
        return
      }
      const body =
        typeof failure.body === 'function'
          ? (failure.body as (h: IncomingMessage['headers']) => unknown)(req.headers)
          : (failure.body ?? { message: 'Server Error' })
      send(
        { status: failure.status, body, ...(failure.headers ? { headers: failure.headers } : {}) },
        undefined,
        false,
      )
      return
    }
    const repoPrefix = `/repos/${call.repo.owner.login}/${call.repo.name}`
    const ctx: RouteContext = {
      state,
      render: { api: url, web: WEB, uploads: uploadsUrl, canPush: !readOnly.has(call.token) },
      repo: call.repo,
      path: call.path,
      query: call.query,
      body: call.body,
      rawBody: rawBytes,
      contentType: req.headers['content-type'],
      docsUrl: call.op.docsUrl,
      actor: ACTIONS_BOT,
      pageUrl: (page) => {
        const query = new URLSearchParams(requestUrl.searchParams)
        query.set('page', String(page))
        return `${url}/repositories/${call.repo.id}${call.pathname.slice(repoPrefix.length)}?${query.toString()}`
      },
    }
    const handler = HANDLERS[call.op.spec.operationId]
    if (handler === undefined) throw new Error(`stand-in has no handler for ${call.op.spec.operationId}`)
    send(handler(ctx))
  }

  const serve = (host: 'api' | 'uploads') =>
    createServer((req, res) => {
      handle(req, res, host).catch((error: unknown) => {
        violations.push({
          kind: 'invalid-response',
          method: req.method ?? 'GET',
          path: req.url ?? '',
          operationId: null,
          status: 500,
          messages: [
            `stand-in crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          ],
        })
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify({ message: 'Server Error' }))
      })
    })
  const server = serve('api')
  const uploads = serve('uploads')
  const listen = async (s: ReturnType<typeof createServer>): Promise<string> => {
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`
  }
  url = await listen(server)
  uploadsUrl = await listen(uploads)

  const close = (s: ReturnType<typeof createServer>): Promise<void> => {
    s.closeAllConnections()
    return new Promise<void>((resolve, reject) => s.close((error) => (error ? reject(error) : resolve())))
  }
  return {
    url,
    uploadsUrl,
    state,
    violations,
    requests,
    openapiVersion: subset.version,
    failNext(rule) {
      if (
        rule.operationId !== undefined &&
        !subset.operations.some((op) => op.spec.operationId === rule.operationId)
      ) {
        throw new Error(`failNext: ${rule.operationId} is not an operation of the OpenAPI subset`)
      }
      failures.push({ ...rule, times: rule.times ?? 1 })
    },
    async stop() {
      await Promise.all([close(server), close(uploads)])
    },
  }
}
