/**
 * A deploy racing a rollback: two processes, many rounds, on the local S3 server behind the conditional-write
 * proxy. Each round both processes read `production` and are held inside the compare-and-swap (a barrier, not
 * timing) until both have read it, so they always race for the same version. The test then lets one write first
 * (the deploy in even rounds, the rollback in odd ones) and the other after it: the first moves production, the
 * second is refused instead of overwriting it, and the alias history, its version and the deploy-to pointer
 * stay consistent.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { setAwsEnv, testCredentialsEnv } from './harness/aws-env.js'
import { startCasProxy, type CasProxy } from './harness/cas-proxy.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'
import type { DeploymentPointer } from '../src/deploy/deliver-store.js'
import { Registry, rollbackTarget } from '../src/store/registry.js'
import { openStore, parseStoreUrl } from '../src/store/store-url.js'
import { systemClock } from '../src/util/clock.js'

const harnessDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'harness')
const BUCKET = 'race-models'
let s3: FauxS3Server
let proxy: CasProxy
let restoreEnv: () => void

beforeAll(async () => {
  restoreEnv = setAwsEnv(testCredentialsEnv())
  s3 = await startS3Server([BUCKET])
  proxy = await startCasProxy({ upstream: s3.endpoint })
})
afterAll(async () => {
  await proxy.stop()
  await s3.stop()
  restoreEnv()
})

interface Worker {
  name: string
  child: ChildProcessWithoutNullStreams
  /** The next line the worker prints. */
  line(): Promise<string>
  send(text: string): void
  /** Resolves with the exit line once the process has ended. */
  exited: Promise<string>
}

function startWorker(kind: 'deploy' | 'rollback'): Worker {
  const child = spawn(
    process.execPath,
    [
      '--import',
      path.join(harnessDir, 'ts-loader.mjs'),
      path.join(harnessDir, 'deploy-race-worker.ts'),
      kind,
      `s3://${BUCKET}/registry`,
      `s3://${BUCKET}/serving`,
      proxy.endpoint,
    ],
    { env: { ...process.env, NODE_NO_WARNINGS: '1' }, stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let buffer = ''
  let stderr = ''
  const waiting: ((line: string) => void)[] = []
  const queued: string[] = []
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  child.stdout.on('data', (c: Buffer) => {
    buffer += c.toString()
    let nl
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, nl)
      buffer = buffer.slice(nl + 1)
      const waiter = waiting.shift()
      if (waiter) waiter(line)
      else queued.push(line)
    }
  })
  const exited = new Promise<string>((resolve) =>
    child.on('exit', (code) => resolve(`__exit ${String(code)} ${stderr}`)),
  )
  return {
    name: kind,
    child,
    line: () =>
      queued.length > 0
        ? Promise.resolve(queued.shift()!)
        : Promise.race([new Promise<string>((resolve) => waiting.push(resolve)), exited]),
    send: (text) => void child.stdin.write(`${text}\n`),
    exited,
  }
}

test('deploy and rollback in two processes, held at the compare-and-swap each round: one wins, histories and pointer stay consistent', async () => {
  const registry = new Registry(
    await openStore(
      parseStoreUrl(`s3://${BUCKET}/registry`, {
        s3Endpoint: proxy.endpoint,
        s3ForcePathStyle: true,
        s3Region: 'us-east-1',
      }),
    ),
    systemClock,
  )
  const serving = await openStore(
    parseStoreUrl(`s3://${BUCKET}/serving`, {
      s3Endpoint: proxy.endpoint,
      s3ForcePathStyle: true,
      s3Region: 'us-east-1',
    }),
  )
  const runs = ['r0', 'r1', 'r2', 'r3'].map((r) => `20260105T0900${r.slice(1)}0Z-${r}aaaa`)
  const encoder = new TextEncoder()
  for (const runId of runs) {
    await registry.writeRun(
      'churn',
      runId,
      { 'model/weights.bin': encoder.encode(runId) },
      {
        git: { commit: null, ref: null },
        comparedWith: { runId: 'baseline', verdict: 'pass' },
      },
    )
  }
  // A production history deep enough that rollbacks never run out of earlier runs.
  const rounds = 12
  for (let i = 0; i <= rounds + 1; i++)
    await registry.setAlias('churn', 'production', runs[i % runs.length]!, {
      action: 'promote',
      by: 'setup',
      reason: `seed ${i}`,
    })
  const initial = (await registry.getAlias('churn', 'production'))!.record.version

  let bothRaced = 0
  const deployer = startWorker('deploy')
  const roller = startWorker('rollback')
  const workers = [deployer, roller]
  for (const w of workers) expect([w.name, await w.line()]).toEqual([w.name, 'ready'])

  type Result = { round: number; outcome: string; detail: string }
  for (let round = 0; round < rounds; round++) {
    const before = (await registry.getAlias('churn', 'production'))!.record
    // The deploy always has work: a run other than the one in production,
    // and not the rollback's target either, so the winner can be told from the history alone.
    const next = runs.find((r) => r !== before.runId && r !== rollbackTarget(before.history))!
    for (const w of workers) w.send(`start ${next}`)
    // Barrier: both have read version `before` and wait inside the compare-and-swap.
    expect(await Promise.all(workers.map((w) => w.line()))).toEqual(['hold', 'hold'])
    const [first, second] = round % 2 === 0 ? [deployer, roller] : [roller, deployer]
    first.send('go')
    const won = JSON.parse(await first.line()) as Result
    second.send('go')
    const lost = JSON.parse(await second.line()) as Result
    expect([first.name, won.outcome]).toEqual([first.name, 'moved'])
    expect([second.name, lost.outcome]).toEqual([second.name, 'refused'])
    expect(lost.detail).toMatch(
      /^model "churn": production changed to \S+ while (deploying|rolling back) \(it was \S+\)/,
    )
    const after = (await registry.getAlias('churn', 'production'))!.record
    expect(after.version).toBe(before.version + 1)
    expect(after.history.at(-1)!.by).toBe(`${first.name} worker`)
    expect(after.runId).toBe(first === deployer ? next : rollbackTarget(before.history))
    // The pointer shows what production is now, at its version.
    const pointer = JSON.parse(
      new TextDecoder().decode((await serving.get('churn/current.json'))!.body),
    ) as DeploymentPointer
    expect([pointer.runId, pointer.aliasVersion]).toEqual([after.runId, after.version])
    bothRaced++
  }
  for (const w of workers) w.send('stop')
  expect(await Promise.all(workers.map((w) => w.exited))).toEqual(['__exit 0 ', '__exit 0 '])

  expect(bothRaced).toBe(rounds)
  const moved = rounds
  const alias = (await registry.getAlias('churn', 'production'))!.record
  expect(alias.version).toBe(initial + moved)
  expect(alias.history).toHaveLength(alias.version)
  alias.history.forEach((h, i) =>
    expect([i, h.previous]).toEqual([i, i === 0 ? null : alias.history[i - 1]!.runId]),
  )
  const byDeploy = alias.history.filter((h) => h.by === 'deploy worker').length
  const byRollback = alias.history.filter((h) => h.by === 'rollback worker').length
  expect([byDeploy, byRollback]).toEqual([rounds / 2, rounds / 2])
  // Every rollback entry went to what the history before it says is one step back.
  for (const [i, h] of alias.history.entries()) {
    if (h.action !== 'rollback') continue
    expect([i, h.runId]).toEqual([i, rollbackTarget(alias.history.slice(0, i))])
  }
  const pointer = JSON.parse(
    new TextDecoder().decode((await serving.get('churn/current.json'))!.body),
  ) as DeploymentPointer
  expect([pointer.runId, pointer.aliasVersion]).toEqual([alias.runId, alias.version])
}, 120_000)
