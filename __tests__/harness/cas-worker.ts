/**
 * One contender in the compare-and-swap test, run as its own Node process:
 *   node --import ts-loader.mjs cas-worker.ts <endpoint> <bucket> <prefix> <key> <workerId> <rounds>
 * Each round reads the JSON list, appends "<workerId>-<round>" and writes it back with If-Match (If-None-Match
 * when the object does not exist yet), re-reading and retrying whenever the write loses the race.
 * It prints "ready" once loaded and starts when a line arrives on stdin, so the test can release all workers
 * at the same moment (module loading takes longer than the whole loop; without the barrier they would not
 * overlap). Prints {"worker":..,"rounds":..,"retries":..} on success.
 */
import { once } from 'node:events'
import { PreconditionFailedError } from '../../src/errors.js'
import { S3ObjectStore } from '../../src/store/s3-store.js'

const [endpoint, bucket, prefix, key, workerId, roundsText] = process.argv.slice(2)
if (!endpoint || !bucket || prefix === undefined || !key || !workerId || !roundsText) {
  throw new Error('usage: cas-worker.ts <endpoint> <bucket> <prefix> <key> <workerId> <rounds>')
}
const store = new S3ObjectStore({ bucket, prefix, endpoint, forcePathStyle: true })
const rounds = Number(roundsText)
process.stdout.write('ready\n')
await once(process.stdin, 'data')
process.stdin.pause()
let retries = 0
for (let round = 0; round < rounds; round++) {
  for (;;) {
    const current = await store.get(key)
    const entries = current
      ? (JSON.parse(new TextDecoder().decode(current.body)) as { entries: string[] }).entries
      : []
    const body = new TextEncoder().encode(JSON.stringify({ entries: [...entries, `${workerId}-${round}`] }))
    try {
      await store.put(key, body, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' })
      break
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error
      retries++
    }
  }
}
process.stdout.write(JSON.stringify({ worker: workerId, rounds, retries }) + '\n')
