import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { pipeline } from 'node:stream/promises'

/**
 * A fault for requests touching keys under `keyPrefix`: an S3 error answered instead of the request
 * (AccessDenied, redirects, 409, 503), or — with `drop: true` — the request is carried out upstream (the object
 * IS stored) and then the client's connection is destroyed before any response: a lost response.
 */
export interface InjectedFault {
  keyPrefix: string
  status?: number
  code?: string
  message?: string
  headers?: Record<string, string>
  /** Only these HTTP methods (e.g. ['PUT', 'POST'] for read-only credentials); all methods when absent. */
  methods?: string[]
  /** Forward, let the server store it, then destroy the socket instead of answering. */
  drop?: boolean
  /** Apply to this many matching requests, then stop (all of them when absent). */
  times?: number
  /** Only requests carrying this header (e.g. 'if-match' for the alias compare-and-swap). */
  withHeader?: string
  /** How many requests it has hit so far. */
  hits?: number
}

/** A request the proxy holds before forwarding it, until the test releases it. */
export interface HeldRequest {
  /** Resolves when a matching request has arrived and is being held. */
  reached: Promise<void>
  release(): void
}

export interface CasProxyOptions {
  /** The S3 server behind the proxy, e.g. http://127.0.0.1:4566 */
  upstream: string
  faults?: InjectedFault[]
}

export interface CasProxy {
  endpoint: string
  port: number
  /** Add a fault at run time (the same object is returned; its `hits` counts matches). */
  inject(fault: InjectedFault): InjectedFault
  /** Hold the next request to a key under `keyPrefix` (and method) until released. */
  holdNext(keyPrefix: string, method?: string): HeldRequest
  /** Counters so tests can show the conditions were really evaluated here. */
  stats: {
    conditionalWrites: number
    preconditionFailures: number
    missingForIfMatch: number
    listRequests: number
    /** Object writes and deletes (PUT, multipart completion, DELETE) that reached the proxy. */
    writes: number
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
  const faults: InjectedFault[] = [...(options.faults ?? [])]
  const holds: { keyPrefix: string; method?: string; arrived: () => void; released: Promise<void> }[] = []
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  const locks = new Map<string, Promise<void>>()
  const stats = {
    conditionalWrites: 0,
    preconditionFailures: 0,
    missingForIfMatch: 0,
    listRequests: 0,
    writes: 0,
  }

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

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, drop = false): Promise<void> =>
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
          if (drop) {
            // The server has done the work; the client never hears of it.
            upstreamRes.resume()
            upstreamRes.on('end', () => {
              req.socket.destroy()
              resolve()
            })
            return
          }
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

    const matches = (keyPrefix: string): boolean | undefined =>
      rawKey ? key.startsWith(keyPrefix) : listedPrefix?.startsWith(keyPrefix)
    const hold = holds.find((h) => matches(h.keyPrefix) && (!h.method || h.method === req.method))
    if (hold) {
      holds.splice(holds.indexOf(hold), 1)
      hold.arrived()
      await hold.released
    }
    let drop = false
    for (const fault of faults) {
      if (!matches(fault.keyPrefix)) continue
      if (fault.methods && !fault.methods.includes(req.method ?? '')) continue
      if (fault.withHeader && req.headers[fault.withHeader] === undefined) continue
      if (fault.times !== undefined && (fault.hits ?? 0) >= fault.times) continue
      fault.hits = (fault.hits ?? 0) + 1
      if (fault.drop) {
        drop = true
        break
      }
      return answerError(
        req,
        res,
        fault.status ?? 500,
        fault.code ?? 'InternalError',
        fault.message ?? 'injected fault',
        fault.headers,
      )
    }

    if (listedPrefix !== undefined && url.searchParams.get('list-type') === '2') stats.listRequests++
    const isPutObject =
      req.method === 'PUT' &&
      rawKey &&
      !url.searchParams.has('partNumber') &&
      !req.headers['x-amz-copy-source']
    const isComplete = req.method === 'POST' && rawKey && url.searchParams.has('uploadId')
    const isDelete = req.method === 'DELETE' && rawKey && !url.searchParams.has('uploadId')
    if (!isPutObject && !isComplete && !isDelete) return forward(req, res, drop)
    stats.writes++

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
      await forward(req, res, drop)
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
    inject: (fault) => {
      faults.push(fault)
      return fault
    },
    holdNext: (keyPrefix, method) => {
      let arrived!: () => void
      let release!: () => void
      const reached = new Promise<void>((resolve) => (arrived = resolve))
      const released = new Promise<void>((resolve) => (release = resolve))
      holds.push({ keyPrefix, ...(method && { method }), arrived, released })
      return { reached, release }
    },
    stop: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      agent.destroy()
    },
  }
}
