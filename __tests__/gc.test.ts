/**
 * `modelgate gc` on both stores: leftovers of interrupted runs and old unreferenced runs go, in a dry run
 * only listed; runs an alias or its history points at, runs within the retention and runs still being
 * written stay.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FsObjectStore } from '../src/store/fs-store.js'
import { applyGc, planGc } from '../src/store/gc.js'
import type { ObjectStore } from '../src/store/object-store.js'
import { Registry } from '../src/store/registry.js'
import { S3ObjectStore } from '../src/store/s3-store.js'
import { testCredentialsEnv } from './harness/aws-env.js'
import { startCasProxy, type CasProxy } from './harness/cas-proxy.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'
import { runCli } from './helpers/workspace.js'

const BUCKET = 'gc-tests'
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
let server: FauxS3Server
let proxy: CasProxy
beforeAll(async () => {
  server = await startS3Server([BUCKET])
  proxy = await startCasProxy({ upstream: server.endpoint })
})
afterAll(async () => {
  await proxy.stop()
  await server.stop()
})

const NOW = new Date('2026-06-30T00:00:00Z')
const RUNS = {
  oldUnreferenced: '20260101T000000Z-aaaaaa',
  oldPullRequest: '20260601T000000Z-pr0001',
  recent: '20260629T000000Z-new001',
  champion: '20260101T000000Z-champ1',
  previousChampion: '20260102T000000Z-prev01',
  crashed: '20260101T000000Z-crash1',
  beingWritten: '20260629T233000Z-inprog',
}
const runTime = (runId: string): Date => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(runId)!
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`)
}

/** A store with one run of each kind, written at the time its id says; the clock then stands at NOW. */
async function populate(store: ObjectStore): Promise<{ registry: Registry; clock: { now: () => Date } }> {
  let time = NOW
  const clock = { now: () => time }
  const registry = new Registry(store, clock)
  for (const runId of [RUNS.oldUnreferenced, RUNS.recent, RUNS.champion, RUNS.previousChampion]) {
    time = runTime(runId)
    await registry.writeRun('m', runId, { 'model/weights.bin': bytes(runId) }, { git: { ref: 'main' } })
  }
  time = runTime(RUNS.oldPullRequest)
  await registry.writeRun(
    'm',
    RUNS.oldPullRequest,
    { f: bytes('pr') },
    { git: { ref: 'feature/x', pullRequest: 7 } },
  )
  time = NOW
  await registry.setAlias('m', 'champion', RUNS.previousChampion, { action: 'promote', by: 't', reason: 'x' })
  await registry.setAlias('m', 'champion', RUNS.champion, { action: 'promote', by: 't', reason: 'y' })
  // Files of runs that never got their manifest.
  await store.put(`models/m/runs/${RUNS.crashed}/model/weights.bin`, bytes('half'))
  await store.put(`models/m/runs/${RUNS.beingWritten}/model/weights.bin`, bytes('in progress'))
  return { registry, clock }
}

type Kind = 'filesystem' | 's3'
async function openKind(kind: Kind, name: string): Promise<{ store: ObjectStore; dir?: string }> {
  if (kind === 'filesystem') {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), `modelgate-gc-${name}-`))
    return { store: new FsObjectStore(dir), dir }
  }
  const store = new S3ObjectStore({
    bucket: BUCKET,
    prefix: name,
    endpoint: proxy.endpoint,
    forcePathStyle: true,
    env: testCredentialsEnv(),
  })
  return { store }
}

const runsIn = async (store: ObjectStore): Promise<string[]> => [
  ...new Set((await store.list('models/m/runs/')).map((k) => k.split('/')[3]!)),
]

describe.each<Kind>(['filesystem', 's3'])('gc on the %s store', (kind) => {
  it('removes interrupted runs and old unreferenced runs (PR runs sooner), never what an alias or its history names', async () => {
    const { store, dir } = await openKind(kind, 'retention')
    const { registry, clock } = await populate(store)
    let tmpKey: string | null = null
    if (dir) {
      // An interrupted write's temporary file, from a process that is gone, last touched long ago.
      tmpKey = `models/m/runs/${RUNS.champion}/model/weights.bin.tmp-999999999-0abc12`
      const file = path.join(dir, ...tmpKey.split('/'))
      await fs.writeFile(file, 'partial')
      await fs.utimes(file, runTime(RUNS.champion), runTime(RUNS.champion))
    }
    const before = await store.list('models/')

    const plan = await planGc(registry, clock, { keepDays: 90, keepPrDays: 14, apply: false })
    expect(plan.items.map((i) => `${i.what} ${i.reason}`).sort()).toEqual(
      [
        `models/m/runs/${RUNS.oldUnreferenced}/ run older than 90 days, referenced by no alias`,
        `models/m/runs/${RUNS.oldPullRequest}/ pull-request run older than 14 days, referenced by no alias`,
        `models/m/runs/${RUNS.crashed}/ no manifest: an interrupted run`,
        ...(tmpKey ? [`${tmpKey} temporary file of an interrupted write`] : []),
      ].sort(),
    )
    expect(await store.list('models/')).toEqual(before) // planning deletes nothing

    await applyGc(registry, plan)
    expect((await runsIn(store)).sort()).toEqual(
      [RUNS.recent, RUNS.champion, RUNS.previousChampion, RUNS.beingWritten].sort(),
    )
    // What stays is intact: the champion and the rollback target still load and verify.
    for (const runId of [RUNS.champion, RUNS.previousChampion]) {
      const manifest = await registry.readManifest('m', runId)
      expect(new TextDecoder().decode(await registry.readRunFile(manifest, 'model/weights.bin'))).toBe(runId)
    }
    if (dir && tmpKey) await expect(fs.access(path.join(dir, ...tmpKey.split('/')))).rejects.toThrow(/ENOENT/)
  })

  it('without a retention only leftovers are removed, and a damaged alias stops gc before it deletes anything', async () => {
    const { store } = await openKind(kind, 'leftovers-only')
    const { registry, clock } = await populate(store)
    const plan = await planGc(registry, clock, { apply: false })
    expect(plan.items.map((i) => i.what)).toEqual([`models/m/runs/${RUNS.crashed}/`])
    await store.put('models/m/aliases/champion.json', bytes('{"runId": 12}'))
    await expect(planGc(registry, clock, { keepDays: 1, apply: false })).rejects.toThrow('is damaged: ')
  })
})

describe('modelgate gc (CLI)', () => {
  it('is a dry run by default and deletes with --apply', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-gc-cli-'))
    await populate(new FsObjectStore(dir))
    const clock = { now: () => NOW }
    const dry = await runCli(dir, ['gc', '--keep-days', '90', '--store', dir], { clock })
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain(`gc would delete 2 item(s)`)
    expect(dry.stdout).toContain('(dry run: nothing deleted; add --apply to delete)')
    expect((await runsIn(new FsObjectStore(dir))).length).toBe(7)
    const applied = await runCli(dir, ['gc', '--keep-days', '90', '--apply', '--store', dir], { clock })
    expect(applied.stdout).toMatch(/gc deleted \d+ object\(s\) in 2 item\(s\)/)
    expect(await runsIn(new FsObjectStore(dir))).not.toContain(RUNS.oldUnreferenced)
    const bad = await runCli(dir, ['gc', '--keep-days', 'soon', '--store', dir], { clock })
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'modelgate: --keep-days "soon": expected a number of days, e.g. 30\n',
    ])
  })
})
