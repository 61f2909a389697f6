/**
 * One contender in the promotion race, as its own process:
 *   node --import ts-loader.mjs promote-worker.ts <store> <model> <workerId> <rounds> [endpoint]
 * <store> is a directory or s3://bucket/prefix (endpoint then required). Each round promotes the next of
 * this worker's pre-written runs ("run-<workerId>-<round>") to champion through Registry.setAlias. Inside
 * the compare-and-swap — after reading the alias, before writing it — the worker pauses until the test lets
 * it go (stepped-worker.ts), so the test decides the interleaving. Prints {"worker":..,"retries":..} at the end.
 */
import { Registry } from '../../src/store/registry.js'
import { openStore, parseStoreUrl } from '../../src/store/store-url.js'
import { systemClock } from '../../src/util/clock.js'
import { pauseOnStdin } from './stepped-worker.js'

const [storeArg, model, workerId, roundsText, endpoint] = process.argv.slice(2)
if (!storeArg || !model || !workerId || !roundsText)
  throw new Error('usage: promote-worker.ts <store> <model> <workerId> <rounds> [endpoint]')
const location = parseStoreUrl(storeArg, endpoint ? { s3Endpoint: endpoint, s3ForcePathStyle: true } : {})
const { pause, close } = pauseOnStdin()
let retries = 0
const registry = new Registry(await openStore(location), systemClock, {
  beforeAliasWrite: async (attempt) => {
    if (attempt > 0) retries++
    await pause()
  },
})
for (let round = 0; round < Number(roundsText); round++) {
  await registry.setAlias(model, 'champion', `run-${workerId}-${round}`, {
    action: 'promote',
    by: `worker ${workerId}`,
    reason: `round ${round}`,
  })
}
close()
process.stdout.write(`${JSON.stringify({ worker: workerId, retries })}\n`)
