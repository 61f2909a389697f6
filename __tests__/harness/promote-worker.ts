/**
 * One contender in the promotion race, as its own process:
 *   node --import ts-loader.mjs promote-worker.ts <store> <model> <workerId> <rounds> [endpoint]
 * <store> is a directory or s3://bucket/prefix (endpoint then required). Each round promotes the next of
 * this worker's pre-written runs ("<workerId>-<round>") to champion through Registry.setAlias (compare-and-
 * swap with retries). Prints "ready", waits for a line on stdin (so both start together), then prints a JSON
 * summary.
 */
import { once } from 'node:events'
import { Registry } from '../../src/store/registry.js'
import { openStore, parseStoreUrl } from '../../src/store/store-url.js'
import { systemClock } from '../../src/util/clock.js'

const [storeArg, model, workerId, roundsText, endpoint] = process.argv.slice(2)
if (!storeArg || !model || !workerId || !roundsText)
  throw new Error('usage: promote-worker.ts <store> <model> <workerId> <rounds> [endpoint]')
const location = parseStoreUrl(storeArg, endpoint ? { s3Endpoint: endpoint, s3ForcePathStyle: true } : {})
const registry = new Registry(await openStore(location), systemClock)
process.stdout.write('ready\n')
await once(process.stdin, 'data')
process.stdin.pause()
for (let round = 0; round < Number(roundsText); round++) {
  // A pause of a few ms between promotions, as between real CI jobs: without it one process can finish
  // its whole loop on a fast filesystem before the other starts, and nothing would race.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 4))
  await registry.setAlias(model, 'champion', `run-${workerId}-${round}`, {
    action: 'promote',
    by: `worker ${workerId}`,
    reason: `round ${round}`,
  })
}
process.stdout.write(`${JSON.stringify({ worker: workerId })}\n`)
