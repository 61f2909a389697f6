import { buildApp } from 'fauxqs'

export interface FauxS3Server {
  /** http://127.0.0.1:<port> */
  endpoint: string
  port: number
  createBucket(name: string): Promise<void>
  stop(): Promise<void>
}

/**
 * An in-memory S3 (fauxqs) on 127.0.0.1 and a free port. fauxqs's own startFauxqs() always listens on
 * 0.0.0.0, so the app is built and bound here instead. Buckets are created over its HTTP API (it checks no
 * signatures), the same way any client would.
 */
export async function startS3Server(buckets: string[] = []): Promise<FauxS3Server> {
  const app = buildApp({ logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('fauxqs did not report a TCP address')
  const endpoint = `http://127.0.0.1:${address.port}`
  const createBucket = async (name: string): Promise<void> => {
    const response = await fetch(`${endpoint}/${name}`, { method: 'PUT' })
    if (!response.ok) throw new Error(`creating bucket ${name} on fauxqs failed: HTTP ${response.status}`)
  }
  for (const bucket of buckets) await createBucket(bucket)
  return { endpoint, port: address.port, createBucket, stop: () => app.close() }
}
