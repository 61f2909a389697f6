/**
 * modelgate side of the upload row: `mg-upload.ts <endpoint> <bucket> <key> <file>` writes the file with
 * `S3ObjectStore.put` create-only (If-None-Match: *), as the registry writes run artifacts, path-style, to
 * the harness's fauxqs server. Credentials come from the environment (the harness sets fake ones).
 * Timed: reading the file plus the put, which is what `aws s3 cp <file>` does.
 */
import { readFile } from 'node:fs/promises'
import { S3ObjectStore } from '../src/store/s3-store.js'
import { cpuMs, report } from './bench-data.js'

async function main(): Promise<void> {
  const [endpoint, bucket, key, file] = process.argv.slice(2)
  if (!endpoint || !bucket || !key || !file)
    throw new Error('usage: mg-upload.ts <endpoint> <bucket> <key> <file>')
  const store = new S3ObjectStore({ bucket, prefix: '', endpoint, region: 'us-east-1', forcePathStyle: true })
  const started = performance.now()
  const cpuStart = cpuMs()
  const body = await readFile(file)
  const readSeconds = (performance.now() - started) / 1000
  const { etag } = await store.put(key, body, { ifNoneMatch: '*' })
  const seconds = (performance.now() - started) / 1000
  const cpuSeconds = (cpuMs() - cpuStart) / 1000
  store.client.destroy()
  report({ seconds, cpuSeconds, readSeconds, bytes: body.byteLength, etag })
}

await main()
