/**
 * A local stand-in for the runner's artifact service, speaking the protocol @actions/artifact uses: Twirp
 * JSON calls to ArtifactService (CreateArtifact → a signed upload URL, FinalizeArtifact → the artifact id)
 * and Azure Blob Storage block uploads to that URL (Put Block, then Put Block List). It keeps what was
 * uploaded so a test can open the zip.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'

export interface ArtifactStandIn {
  url: string
  /** The token @actions/artifact decodes (a JWT whose scp names the run's and job's backend ids). */
  runtimeToken: string
  uploads: { name: string; zip: Buffer; finalized: boolean; hash: string | null; backendIds: unknown }[]
  close(): Promise<void>
}

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/'

const body = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

export async function startArtifactStandIn(): Promise<ArtifactStandIn> {
  const uploads: ArtifactStandIn['uploads'] = []
  const blocks = new Map<string, Buffer>()
  let base = ''
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base)
      const data = await body(req)
      const json = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(value))
      }
      if (req.method === 'POST' && url.pathname === `${SERVICE}CreateArtifact`) {
        const request = JSON.parse(data.toString('utf8')) as { name: string }
        uploads.push({
          name: request.name,
          zip: Buffer.alloc(0),
          finalized: false,
          hash: null,
          backendIds: request,
        })
        return json(200, { ok: true, signedUploadUrl: `${base}/blob/${request.name}.zip?sv=stand-in&sig=x` })
      }
      if (req.method === 'POST' && url.pathname === `${SERVICE}FinalizeArtifact`) {
        const request = JSON.parse(data.toString('utf8')) as { name: string; hash?: string }
        const upload = uploads.find((u) => u.name === request.name)
        if (!upload) return json(404, { code: 'not_found', msg: 'no such artifact' })
        upload.finalized = true
        upload.hash = request.hash ?? null
        return json(200, { ok: true, artifactId: '4242' })
      }
      if (req.method === 'PUT' && url.pathname.startsWith('/blob/')) {
        const headers = {
          'x-ms-request-id': 'stand-in',
          'x-ms-version': '2024-11-04',
          etag: '"0x1"',
          'last-modified': new Date(0).toUTCString(),
          'content-length': '0',
        }
        const comp = url.searchParams.get('comp')
        if (comp === 'block') blocks.set(url.searchParams.get('blockid')!, data)
        else if (comp === 'blocklist') {
          const ids = [...data.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)]
          const name = decodeURIComponent(url.pathname.slice('/blob/'.length)).replace(/\.zip$/, '')
          const upload = uploads.find((u) => u.name === name)!
          upload.zip = Buffer.concat(ids.map((m) => blocks.get(m[1]!) ?? Buffer.alloc(0)))
        } else {
          // A single Put Blob (small bodies).
          const name = decodeURIComponent(url.pathname.slice('/blob/'.length)).replace(/\.zip$/, '')
          uploads.find((u) => u.name === name)!.zip = data
        }
        res.writeHead(201, headers)
        return res.end()
      }
      json(404, { code: 'not_found', msg: `${req.method} ${url.pathname}` })
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url')
  const runtimeToken = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ scp: 'Actions.Results:run-backend-1:job-backend-1' })}.sig`
  return {
    url: `${base}/`,
    runtimeToken,
    uploads,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
