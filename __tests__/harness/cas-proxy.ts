import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { pipeline } from 'node:stream/promises'

/** An S3 error the proxy answers for every request touching keys under `keyPrefix` (AccessDenied, redirects). */
export interface InjectedFault {
  keyPrefix: string
  status: number
  code: string
  message: string
  headers?: Record<string, string>
  /** Only these HTTP methods (e.g. ['PUT', 'POST'] for read-only credentials); all methods when absent. */
  methods?: string[]
}

export interface CasProxyOptions {
  /** The S3 server behind the proxy, e.g. http://127.0.0.1:4566 */
  upstream: string
  faults?: InjectedFault[]
}

export interface CasProxy {
  endpoint: string
  port: number
  /** Counters so tests can show the conditions were really evaluated here. */
  stats: {
    conditionalWrites: number
    preconditionFailures: number
    missingForIfMatch: number
    listRequests: number
  }
  stop(): Promise<void>
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'expect',
  'te',
])

function forwardableHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers))
    if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value
  return out
}

function stripEtag(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '')
}

function s3ErrorXml(code: string, message: string, resource: string): string {
  const requestId = randomBytes(8).toString('hex').toUpperCase()
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
    `<Resource>${resource.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Resource>` +
    `<RequestId>${requestId}</RequestId><HostId>cas-proxy</HostId></Error>`
  )
}

/**
 * An HTTP proxy in front of fauxqs (which ignores conditional writes) that gives PutObject and
 * CompleteMultipartUpload S3's documented conditional-write semantics:
 *   If-None-Match: *   -> 412 PreconditionFailed when the key exists
 *   If-Match: <etag>   -> 412 PreconditionFailed when the current ETag differs, 404 NoSuchKey when there is none
 * Every object write (conditional or not) holds a per-key lock from the check until the upstream has answered,
 * so check-then-write is atomic against other writes through this proxy. Bodies are streamed, never buffered;
 * all other requests are forwarded unchanged. Path-style requests only (clients use forcePathStyle).
 */
export async function startCasProxy(options: CasProxyOptions): Promise<CasProxy> {
  const upstream = new URL(options.upstream)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  const locks = new Map<string, Promise<void>>()
  const stats = { conditionalWrites: 0, preconditionFailures: 0, missingForIfMatch: 0, listRequests: 0 }

  const withKeyLock = async <T>(lockKey: string, work: () => Promise<T>): Promise<T> => {
    const previous = locks.get(lockKey) ?? Promise.resolve()
    let release!: () => void
    const mine = previous.then(() => new Promise<void>((resolve) => (release = resolve)))
    locks.set(lockKey, mine)
    await previous
    try {
      return await work()
    } finally {
      release()
      if (locks.get(lockKey) === mine) locks.delete(lockKey)
    }
  }

  const headUpstream = (path: string): Promise<{ status: number; etag?: string }> =>
    new Promise((resolve, reject) => {
      const request = http.request(
        { host: upstream.hostname, port: upstream.port, method: 'HEAD', path, agent },
        (response) => {
          response.resume()
          const etag = response.headers.etag
          resolve({ status: response.statusCode ?? 0, ...(etag && { etag }) })
        },
      )
      request.on('error', reject)
      request.end()
    })

  const answerError = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    status: number,
    code: string,
    message: string,
    extra?: Record<string, string>,
  ) => {
    req.resume() // drain the unread body so the client's connection stays usable
    const body = req.method === 'HEAD' ? '' : s3ErrorXml(code, message, req.url ?? '/')
    res.writeHead(status, {
      'content-type': 'application/xml',
      'content-length': Buffer.byteLength(body),
      ...extra,
    })
    res.end(body)
  }

  const forward = (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> =>
    new Promise((resolve) => {
      const upstreamReq = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: forwardableHeaders(req.headers),
          agent,
        },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, forwardableHeaders(upstreamRes.headers))
          pipeline(upstreamRes, res).then(resolve, () => resolve())
        },
      )
      upstreamReq.on('error', (error) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
        res.end(`cas-proxy: upstream failed: ${error.message}`)
        resolve()
      })
      pipeline(req, upstreamReq).catch(() => upstreamReq.destroy())
    })

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://proxy')
    const [, bucket = '', ...keyParts] = url.pathname.split('/')
    const rawKey = keyParts.join('/')
    const key = decodeURIComponent(rawKey)
    const listedPrefix = !rawKey && req.method === 'GET' ? (url.searchParams.get('prefix') ?? '') : undefined

    for (const fault of options.faults ?? []) {
      const hit = rawKey ? key.startsWith(fault.keyPrefix) : listedPrefix?.startsWith(fault.keyPrefix)
      if (hit && (!fault.methods || fault.methods.includes(req.method ?? '')))
        return answerError(req, res, fault.status, fault.code, fault.message, fault.headers)
    }

    if (listedPrefix !== undefined && url.searchParams.get('list-type') === '2') stats.listRequests++
    const isPutObject =
      req.method === 'PUT' &&
      rawKey &&
      !url.searchParams.has('partNumber') &&
      !req.headers['x-amz-copy-source']
    const isComplete = req.method === 'POST' && rawKey && url.searchParams.has('uploadId')
    const isDelete = req.method === 'DELETE' && rawKey && !url.searchParams.has('uploadId')
    if (!isPutObject && !isComplete && !isDelete) return forward(req, res)

    await withKeyLock(`${bucket}/${key}`, async () => {
      const ifNoneMatch = req.headers['if-none-match']
      const ifMatch = req.headers['if-match']
      if ((ifNoneMatch !== undefined || ifMatch !== undefined) && !isDelete) {
        stats.conditionalWrites++
        if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
          return answerError(req, res, 501, 'NotImplemented', 'If-None-Match on writes supports only *')
        }
        const current = await headUpstream(`/${bucket}/${rawKey}`)
        if (ifNoneMatch !== undefined && current.status === 200) {
          stats.preconditionFailures++
          return answerError(
            req,
            res,
            412,
            'PreconditionFailed',
            'At least one of the pre-conditions you specified did not hold',
          )
        }
        if (ifMatch !== undefined && current.status === 404) {
          if ((await headUpstream(`/${bucket}`)).status === 404) {
            return answerError(req, res, 404, 'NoSuchBucket', 'The specified bucket does not exist')
          }
          stats.missingForIfMatch++
          return answerError(req, res, 404, 'NoSuchKey', 'The specified key does not exist.')
        }
        if (
          ifMatch !== undefined &&
          (current.etag === undefined || stripEtag(current.etag) !== stripEtag(ifMatch))
        ) {
          stats.preconditionFailures++
          return answerError(
            req,
            res,
            412,
            'PreconditionFailed',
            'At least one of the pre-conditions you specified did not hold',
          )
        }
      }
      await forward(req, res)
    })
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`cas-proxy: ${String(error)}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('cas-proxy did not report a TCP address')
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stats,
    stop: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      agent.destroy()
    },
  }
}
