/**
 * One side of the deploy-versus-rollback race, as its own process:
 *   node --import ts-loader.mjs deploy-race-worker.ts <deploy|rollback> <registry> <target> <endpoint>
 * Per round it waits for "start <runId>" on stdin, then deploys that run (deploy) or rolls production back
 * one step (rollback; the run id is ignored) through src/deploy/production.ts, with deploy-to = <target>. Inside the
 * alias compare-and-swap, after reading the alias and before writing it, it prints "hold" and waits for "go":
 * the test releases both processes only when both have read, which forces them to race for the same version.
 * Each round ends with one line: {"round":n,"outcome":"moved"|"unchanged"|"refused","detail":...}.
 */
import { createInterface } from 'node:readline'
import { UserError } from '../../src/errors.js'
import { deployToProduction, rollbackProduction } from '../../src/deploy/production.js'
import { Registry } from '../../src/store/registry.js'
import { openStore, parseStoreUrl } from '../../src/store/store-url.js'
import { systemClock } from '../../src/util/clock.js'

const [kind, registryUrl, targetUrl, endpoint] = process.argv.slice(2)
if ((kind !== 'deploy' && kind !== 'rollback') || !registryUrl || !targetUrl || !endpoint)
  throw new Error('usage: deploy-race-worker.ts <deploy|rollback> <registry> <target> <endpoint>')
const flags = { s3Endpoint: endpoint, s3ForcePathStyle: true, s3Region: 'us-east-1' }
const registry = new Registry(await openStore(parseStoreUrl(registryUrl, flags)), systemClock)
const target = await openStore(parseStoreUrl(targetUrl, flags))

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
async function nextLine(): Promise<string> {
  const { value, done } = await lines.next()
  if (done) process.exit(0)
  return value
}
const say = (text: string): void => void process.stdout.write(`${text}\n`)

say('ready')
for (let round = 0; ; round++) {
  const start = await nextLine()
  if (start === 'stop') break
  const runId = start.slice('start '.length)
  const change = {
    model: 'churn',
    alias: 'production',
    by: `${kind} worker`,
    reason: `round ${round}`,
    allowInconclusive: false,
    target,
    release: null,
    clock: systemClock,
    beforeWrite: async () => {
      say('hold')
      if ((await nextLine()) !== 'go') throw new Error('expected go')
    },
  }
  try {
    const outcome =
      kind === 'deploy'
        ? await deployToProduction(registry, { ...change, runId })
        : await rollbackProduction(registry, change)
    say(
      JSON.stringify({
        round,
        outcome: outcome.changed ? 'moved' : 'unchanged',
        detail: outcome.record.runId,
      }),
    )
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    say(JSON.stringify({ round, outcome: 'refused', detail: error.message }))
  }
}
process.exit(0)
