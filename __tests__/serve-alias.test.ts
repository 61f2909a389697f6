import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { ServedModel } from '../src/serve/served-model.js'
import { Registry } from '../src/store/registry.js'
import { systemClock } from '../src/util/clock.js'
import { openStore, parseStoreUrl } from '../src/store/store-url.js'
import { setAwsEnv, testCredentialsEnv } from './harness/aws-env.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'
import { csvRows, startTestServer, testFamilyEnv, type Answer, type TestServer } from './helpers/serve.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const BUCKET = 'serve-models'
const PREFIX = 'team'
let s3: FauxS3Server
let restoreEnv: () => void
let root: string
let rows: Record<string, string | number>[]
const runs: Record<'a' | 'b' | 'corrupt' | 'edited', string> = { a: '', b: '', corrupt: '', edited: '' }

const storeArgs = (): string[] => [
  '--store',
  `s3://${BUCKET}/${PREFIX}`,
  '--s3-endpoint',
  s3.endpoint,
  '--s3-force-path-style',
]

async function cli(args: string[]): Promise<string> {
  const out = await runCli(root, [...args, ...storeArgs()])
  if (out.code !== 0) throw new Error(`modelgate ${args.join(' ')}: ${out.stderr}`)
  return out.stdout
}

/** Train a run on new data without promoting it; its run id. */
async function trainRun(seed: number, shift: number): Promise<string> {
  await fs.writeFile(path.join(root, 'models', 'toy', 'data.csv'), syntheticCsv(400, seed, { shift }))
  await cli(['run', '--json', 'run.json', '--fail-on', 'never'])
  return JSON.parse(await fs.readFile(path.join(root, 'run.json'), 'utf8')).models[0].runId as string
}

/** `modelgate predict --run ID` on the rows: P(yes) per row. */
async function cliPredictions(runId: string): Promise<number[]> {
  await cli(['predict', '--model', 'toy', '--run', runId, '--input', 'score.csv', '--output', 'out.csv'])
  const lines = (await fs.readFile(path.join(root, 'out.csv'), 'utf8')).trim().split('\n')
  return lines.slice(1).map((l) => Number(l.split(',')[1]))
}

beforeAll(async () => {
  restoreEnv = setAwsEnv(testCredentialsEnv())
  s3 = await startS3Server([BUCKET])
  root = await makeWorkspace()
  await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(400, 21) })
  await cli(['run', '--promote', '--json', 'run.json'])
  runs.a = JSON.parse(await fs.readFile(path.join(root, 'run.json'), 'utf8')).models[0].runId
  runs.b = await trainRun(31, 1.5)
  runs.corrupt = await trainRun(41, -1.5)
  // Damage the stored weights behind the store's back (fauxqs checks no signatures): the manifest's sha256 no
  // longer matches, as after a bad copy or tampering.
  const key = `${PREFIX}/models/toy/runs/${runs.corrupt}/model/weights.bin`
  const put = await fetch(`${s3.endpoint}/${BUCKET}/${key}`, { method: 'PUT', body: new Uint8Array(64) })
  expect(put.ok).toBe(true)
  runs.edited = await trainRun(43, 0.5)
  const score = syntheticCsv(12, 77)
  await fs.writeFile(path.join(root, 'score.csv'), score)
  rows = csvRows(score)
})
afterAll(async () => {
  await s3.stop()
  restoreEnv()
})

/** A beforeScore hook that holds the next request once armed, until released. */
function holdOne(): {
  arm: () => void
  entered: Promise<ServedModel>
  release: () => void
  hook: (m: ServedModel) => Promise<void>
} {
  let armed = false
  let onEnter!: (m: ServedModel) => void
  let release!: () => void
  const entered = new Promise<ServedModel>((resolve) => (onEnter = resolve))
  const gate = new Promise<void>((resolve) => (release = resolve))
  return {
    arm: () => void (armed = true),
    entered,
    release,
    hook: async (m) => {
      if (!armed) return
      armed = false
      onEnter(m)
      await gate
    },
  }
}

async function s3Server(hook?: (m: ServedModel) => Promise<void>): Promise<TestServer> {
  const location = parseStoreUrl(`s3://${BUCKET}/${PREFIX}`, {
    s3Endpoint: s3.endpoint,
    s3ForcePathStyle: true,
  })
  return startTestServer(await openStore(location), ['toy'], hook ? { hooks: { beforeScore: hook } } : {})
}

const p = (answer: { json: Answer }): number[] => answer.json.predictions!.map((x) => x.probabilities.yes!)

describe('modelgate serve follows the alias (S3 store, fauxqs on 127.0.0.1)', () => {
  it('alias moved during a stream of requests: zero failures, the held request finishes on the old run, the new run answers after the swap', async () => {
    const hold = holdOne()
    const t = await s3Server(hold.hook)
    try {
      await t.server.holder.pollOnce()
      const [fromA, fromB] = [await cliPredictions(runs.a), await cliPredictions(runs.b)]
      expect(fromA).not.toEqual(fromB)
      const batch = (): Promise<{ status: number; json: Answer }[]> =>
        Promise.all(rows.map((row) => t.post('/v1/models/toy/predict', { rows: [row] })))

      const before = await batch()
      expect(before.map((a) => a.status)).toEqual(rows.map(() => 200))
      expect(before.map((a) => a.json.run_id)).toEqual(rows.map(() => runs.a))
      before.forEach((a, i) => expect(p(a)[0]).toBeCloseTo(fromA[i]!, 6))

      hold.arm()
      const held = t.post('/v1/models/toy/predict', { rows })
      expect((await hold.entered).runId).toBe(runs.a)

      await cli(['promote', 'toy', runs.b])
      expect(await t.server.holder.pollOnce()).toEqual([
        { model: 'toy', outcome: 'swapped', from: runs.a, to: runs.b },
      ])

      const after = await batch()
      expect(after.map((a) => a.status)).toEqual(rows.map(() => 200))
      expect(after.map((a) => a.json.run_id)).toEqual(rows.map(() => runs.b))
      after.forEach((a, i) => expect(p(a)[0]).toBeCloseTo(fromB[i]!, 6))

      hold.release()
      const heldAnswer = await held
      expect(heldAnswer.status).toBe(200)
      expect(heldAnswer.json.run_id).toBe(runs.a)
      expect(p(heldAnswer)).toEqual(fromA)
      const metrics = (await t.get('/metrics')).text
      expect(metrics).toContain(
        `modelgate_serve_model_info{model="toy",alias="champion",run_id="${runs.b}"} 1`,
      )
      expect(metrics).not.toContain(`run_id="${runs.a}"`)
      expect(metrics).not.toMatch(/status="5\d\d"/)
    } finally {
      await t.server.close()
    }
  })

  it('a corrupted new run: the old run keeps serving, /metrics and the log report the failed load; a rollback is followed', async () => {
    const t = await s3Server()
    try {
      await t.server.holder.pollOnce()
      expect(t.server.holder.current('toy')!.runId).toBe(runs.b)
      await cli(['promote', 'toy', runs.corrupt])
      const [outcome] = await t.server.holder.pollOnce()
      expect(outcome).toMatchObject({ model: 'toy', outcome: 'failed', runId: runs.corrupt })
      expect((outcome as { error: string }).error).toMatch(
        new RegExp(
          `runs/${runs.corrupt}/model/weights.bin is corrupted: sha256 .* does not match the manifest's`,
        ),
      )
      const answer = await t.post('/v1/models/toy/predict', { rows })
      expect(answer.status).toBe(200)
      expect(answer.json.run_id).toBe(runs.b)
      expect((await t.get('/ready')).status).toBe(200)
      const metrics = (await t.get('/metrics')).text
      expect(metrics).toContain('modelgate_serve_model_load_failed{model="toy"} 1')
      expect(metrics).toContain(
        `modelgate_serve_model_load_failures_total{model="toy",run_id="${runs.corrupt}"} 1`,
      )
      expect(metrics).toContain(
        `modelgate_serve_model_info{model="toy",alias="champion",run_id="${runs.b}"} 1`,
      )
      expect(t.logs().find((l) => l.msg === 'load failed; still serving the previous run')).toMatchObject({
        level: 'error',
        model: 'toy',
        run_id: runs.corrupt,
        serving: runs.b,
      })
      // Not retried while the alias stays on the broken run.
      expect(await t.server.holder.pollOnce()).toEqual([{ model: 'toy', outcome: 'unchanged' }])

      await cli(['rollback', 'toy']) // corrupt → b: already served
      expect(await t.server.holder.pollOnce()).toEqual([{ model: 'toy', outcome: 'unchanged' }])
      expect((await t.get('/metrics')).text).toContain('modelgate_serve_model_load_failed{model="toy"} 0')
      await cli(['rollback', 'toy']) // b → a
      expect(await t.server.holder.pollOnce()).toEqual([
        { model: 'toy', outcome: 'swapped', from: runs.b, to: runs.a },
      ])
      expect((await t.post('/v1/models/toy/predict', { rows })).json.run_id).toBe(runs.a)
      expect((await t.get('/metrics')).text).toContain('modelgate_serve_model_load_failed{model="toy"} 0')
    } finally {
      await t.server.close()
    }
  })

  it("a run whose files and manifest were edited together after promotion is refused by the alias's recorded manifest hash; the old run keeps serving", async () => {
    const t = await s3Server()
    try {
      await t.server.holder.pollOnce()
      const serving = t.server.holder.current('toy')!.runId
      await cli(['promote', 'toy', runs.edited])
      // Behind the store's back: run a's weights copied in, and the manifest's sha256 for them updated, so every
      // file matches the manifest — only the hash the alias recorded at promotion tells.
      const object = (key: string): string => `${s3.endpoint}/${BUCKET}/${PREFIX}/models/toy/runs/${key}`
      const weights = new Uint8Array(await (await fetch(object(`${runs.a}/model/weights.bin`))).arrayBuffer())
      const manifest = (await (await fetch(object(`${runs.edited}/manifest.json`))).json()) as {
        files: { path: string; sha256: string }[]
      }
      const entry = manifest.files.find((f) => f.path === 'model/weights.bin')!
      entry.sha256 = createHash('sha256').update(weights).digest('hex')
      for (const [key, body] of [
        [`${runs.edited}/model/weights.bin`, weights],
        [`${runs.edited}/manifest.json`, JSON.stringify(manifest)],
      ] as const)
        expect((await fetch(object(key), { method: 'PUT', body })).ok).toBe(true)

      const [outcome] = await t.server.holder.pollOnce()
      expect(outcome).toMatchObject({ model: 'toy', outcome: 'failed', runId: runs.edited })
      expect((outcome as { error: string }).error).toMatch(
        new RegExp(`runs/${runs.edited}/manifest.json was changed after the run was put under its alias`),
      )
      const answer = await t.post('/v1/models/toy/predict', { rows })
      expect(answer.status).toBe(200)
      expect(answer.json.run_id).toBe(serving)
      await cli(['rollback', 'toy'])
    } finally {
      await t.server.close()
    }
  })

  it('close (what SIGTERM does) during a held request: the request completes, then the server refuses connections', async () => {
    const hold = holdOne()
    const t = await s3Server(hold.hook)
    await t.server.holder.pollOnce()
    hold.arm()
    const held = t.post('/v1/models/toy/predict', { rows })
    await hold.entered
    const closed = t.server.close()
    hold.release()
    const answer = await held
    expect(answer.status).toBe(200)
    expect(answer.json.predictions).toHaveLength(rows.length)
    await closed
    await expect(fetch(`${t.url}/health`)).rejects.toThrow()
  })
})

describe('conditional reads of the alias', () => {
  it('the S3 store answers "unchanged" to a poll with the current ETag (If-None-Match → 304), the record otherwise', async () => {
    const location = parseStoreUrl(`s3://${BUCKET}/${PREFIX}`, {
      s3Endpoint: s3.endpoint,
      s3ForcePathStyle: true,
    })
    const registry = new Registry(await openStore(location), systemClock)
    const current = (await registry.getAlias('toy', 'champion'))!
    expect(await registry.getAliasIfChanged('toy', 'champion', current.etag)).toBe('unchanged')
    const stale = await registry.getAliasIfChanged('toy', 'champion', '"not-the-etag"')
    expect(stale).toEqual(current)
    expect(await registry.getAliasIfChanged('nothing', 'champion', current.etag)).toBeNull()
  })
})

describe('readiness', () => {
  it('/ready and /v2/health/ready are 503 and predict answers 503 until every model is loaded', async () => {
    let finish!: () => void
    const loading = new Promise<void>((resolve) => (finish = resolve))
    const location = parseStoreUrl(`s3://${BUCKET}/${PREFIX}`, {
      s3Endpoint: s3.endpoint,
      s3ForcePathStyle: true,
    })
    const store = await openStore(location)
    const { loadServedModel } = await import('../src/serve/served-model.js')
    const env = testFamilyEnv()
    const t = await startTestServer(store, ['toy'], {
      load: async (name, runId) => {
        await loading
        return loadServedModel(new Registry(store, systemClock), env, name, runId)
      },
    })
    try {
      expect((await t.get('/ready')).status).toBe(503)
      expect(JSON.parse((await t.get('/ready')).text)).toEqual({ ready: false, models: { toy: null } })
      expect((await t.get('/v2/health/ready')).status).toBe(503)
      expect((await t.get('/v2/models/toy/ready')).status).toBe(503)
      expect((await t.get('/health')).status).toBe(200)
      const early = await t.post('/v1/models/toy/predict', { rows })
      expect(early).toMatchObject({ status: 503, json: { reason: 'not_ready' } })
      finish()
      await t.server.holder.pollOnce()
      expect((await t.get('/ready')).status).toBe(200)
      expect((await t.post('/v1/models/toy/predict', { rows })).status).toBe(200)
    } finally {
      await t.server.close()
    }
  })
})
