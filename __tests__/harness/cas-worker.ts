/**
 * One contender in the compare-and-swap test, run as its own Node process:
 *   node --import ts-loader.mjs cas-worker.ts <endpoint> <bucket> <prefix> <key> <workerId> <rounds>
 * Each round reads the JSON list, appends "<workerId>-<round>" and writes it back with If-Match (If-None-Match
 * when the object does not exist yet), re-reading and retrying whenever the write loses the race. Between the
 * read and the write it pauses until the test lets it go (stepped-worker.ts), so the test forces the
 * conflicts it checks. Prints {"worker":..,"rounds":..,"retries":..} on success.
 */
import { PreconditionFailedError } from '../../src/errors.js'
import { S3ObjectStore } from '../../src/store/s3-store.js'
import { pauseOnStdin } from './stepped-worker.js'

const [endpoint, bucket, prefix, key, workerId, roundsText] = process.argv.slice(2)
if (!endpoint || !bucket || prefix === undefined || !key || !workerId || !roundsText) {
  throw new Error('usage: cas-worker.ts <endpoint> <bucket> <prefix> <key> <workerId> <rounds>')
}
const store = new S3ObjectStore({ bucket, prefix, endpoint, forcePathStyle: true })
const rounds = Number(roundsText)
const { pause, close } = pauseOnStdin()
let retries = 0
for (let round = 0; round < rounds; round++) {
  for (;;) {
    const current = await store.get(key)
    const entries = current
      ? (JSON.parse(new TextDecoder().decode(current.body)) as { entries: string[] }).entries
      : []
    const body = new TextEncoder().encode(JSON.stringify({ entries: [...entries, `${workerId}-${round}`] }))
    await pause()
    try {
      await store.put(key, body, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' })
      break
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error
      retries++
    }
  }
}
close()
process.stdout.write(JSON.stringify({ worker: workerId, rounds, retries }) + '\n')
