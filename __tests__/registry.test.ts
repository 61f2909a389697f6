import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FsObjectStore } from '../src/store/fs-store.js'
import type { ObjectStore } from '../src/store/object-store.js'
import { loadCalibration } from '../src/pipeline/calibration-store.js'
import { Registry, rollbackTarget, sha256Hex, type AliasChange } from '../src/store/registry.js'
import { S3ObjectStore } from '../src/store/s3-store.js'
import { systemClock } from '../src/util/clock.js'
import { setAwsEnv, testCredentialsEnv } from './harness/aws-env.js'
import { startCasProxy, type CasProxy } from './harness/cas-proxy.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'
import { raceInLockstep, startSteppedWorker, type SteppedWorker } from './harness/stepped-worker.js'

const BUCKET = 'registry-tests'
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

let server: FauxS3Server
let proxy: CasProxy
let restoreEnv: () => void
beforeAll(async () => {
  restoreEnv = setAwsEnv(testCredentialsEnv())
  server = await startS3Server([BUCKET])
  proxy = await startCasProxy({ upstream: server.endpoint })
})
afterAll(async () => {
  await proxy.stop()
  await server.stop()
  restoreEnv()
})

type Kind = 'filesystem' | 's3'
async function openKind(kind: Kind, name: string): Promise<{ store: ObjectStore; arg: string }> {
  if (kind === 'filesystem') {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), `modelgate-registry-${name}-`))
    return { store: new FsObjectStore(dir), arg: dir }
  }
  return {
    store: new S3ObjectStore({
      bucket: BUCKET,
      prefix: name,
      endpoint: proxy.endpoint,
      forcePathStyle: true,
    }),
    arg: `s3://${BUCKET}/${name}`,
  }
}

describe.each<Kind>(['filesystem', 's3'])('registry on the %s store', (kind) => {
  it('writes runs create-only, verifies every file against the manifest, hides incomplete runs', async () => {
    const { store } = await openKind(kind, 'runs')
    const registry = new Registry(store, systemClock)
    const manifest = await registry.writeRun(
      'm',
      'r1',
      { 'a.txt': bytes('alpha'), 'dir/b.bin': bytes('beta') },
      { note: 1 },
    )
    expect(manifest.files.map((f) => f.path)).toEqual(['a.txt', 'dir/b.bin'])
    expect(new TextDecoder().decode(await registry.readRunFile(manifest, 'dir/b.bin'))).toBe('beta')
    await expect(registry.writeRun('m', 'r1', { 'a.txt': bytes('other') }, {})).rejects.toThrow(
      `${store.location}: models/m/runs/r1/a.txt already exists; runs are immutable and are never overwritten`,
    )
    // A file written without its manifest (a crashed run) is not a run.
    await store.put('models/m/runs/r2/a.txt', bytes('orphan'))
    expect(await registry.listRuns('m')).toEqual(['r1'])
    // Corruption behind the manifest's back is refused.
    await store.put('models/m/runs/r1/a.txt', bytes('tampered'))
    await expect(registry.readRunFile(manifest, 'a.txt')).rejects.toThrow(
      /models\/m\/runs\/r1\/a\.txt is corrupted: sha256 [0-9a-f]{12}… does not match the manifest's [0-9a-f]{12}…; refusing to use it/,
    )
  })

  it('two processes promoting 25 runs each, made to conflict every round: every change is in the history, none lost, the chain is consistent', async () => {
    const { store, arg } = await openKind(kind, 'race')
    const registry = new Registry(store, systemClock)
    const rounds = 25
    for (const w of ['A', 'B'])
      for (let r = 0; r < rounds; r++)
        await registry.writeRun('m', `run-${w}-${r}`, { f: bytes(`${w}${r}`) }, {})
    const workers = (['A', 'B'] as const).map((id) =>
      startSteppedWorker(id, 'promote-worker.ts', [
        arg,
        'm',
        id,
        String(rounds),
        ...(kind === 's3' ? [proxy.endpoint] : []),
      ]),
    ) as [SteppedWorker, SteppedWorker]
    // Each worker pauses inside the compare-and-swap; both read the same version, one writes, the other's
    // write is then stale: a forced conflict every round, whatever the scheduler does.
    await raceInLockstep(workers)
    const outputs = await Promise.all(workers.map((w) => w.done))
    const retries = outputs.map((lines) => (JSON.parse(lines.at(-1)!) as { retries: number }).retries)
    const alias = (await registry.getAlias('m', 'champion'))!.record
    expect(alias.version).toBe(2 * rounds)
    expect(alias.history).toHaveLength(2 * rounds)
    expect(new Set(alias.history.map((h) => h.runId)).size).toBe(2 * rounds)
    alias.history.forEach((h, i) => expect(h.previous).toBe(i === 0 ? null : alias.history[i - 1]!.runId))
    expect(alias.runId).toBe(alias.history.at(-1)!.runId)
    // The forced schedule: the writers alternate, and every change but the last cost the other a lost race.
    expect(alias.history.map((h) => h.by.slice(-1)).join('')).toBe('AB'.repeat(rounds))
    expect(retries[0]! + retries[1]!).toBe(2 * rounds - 1)
    // Each worker's own changes stay in its order.
    for (const w of ['A', 'B']) {
      const mine = alias.history.filter((h) => h.by === `worker ${w}`).map((h) => h.runId)
      expect(mine).toEqual(Array.from({ length: rounds }, (_, r) => `run-${w}-${r}`))
    }
  })
})

describe('aliases', () => {
  it('a check that throws abandons the change and nothing is written', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-alias-'))
    const registry = new Registry(new FsObjectStore(dir), systemClock)
    await registry.writeRun('m', 'r1', { f: bytes('1') }, {})
    await expect(
      registry.setAlias('m', 'champion', 'r1', {
        action: 'promote',
        by: 't',
        reason: 'x',
        check: () => {
          throw new Error('no longer better')
        },
      }),
    ).rejects.toThrow('no longer better')
    expect(await registry.getAlias('m', 'champion')).toBeNull()
    await expect(
      registry.setAlias('m', 'champion', 'missing', { action: 'promote', by: 't', reason: 'x' }),
    ).rejects.toThrow('run missing of model "m" does not exist')
  })

  it('a rollback from a run the alias has left is refused before anything is written', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-alias-'))
    const registry = new Registry(new FsObjectStore(dir), systemClock)
    for (const r of ['A', 'B', 'C']) {
      await registry.writeRun('m', r, { f: bytes(r) }, {})
      await registry.setAlias('m', 'production', r, { action: 'promote', by: 't', reason: r })
    }
    await expect(registry.rollback('m', 'production', 't', 'x', 'B')).rejects.toThrow(
      'model "m": production changed to C while rolling back from B; look at the history and retry',
    )
    expect((await registry.getAlias('m', 'production'))!.record.version).toBe(3)
    expect((await registry.rollback('m', 'production', 't', 'x', 'C')).runId).toBe('B')
  })

  it('rollbacks stack: after A → B → C two rollbacks give B then A', () => {
    const change = (action: AliasChange['action'], runId: string, previous: string | null): AliasChange => ({
      action,
      runId,
      previous,
      at: '',
      by: '',
      reason: '',
    })
    const history = [change('promote', 'A', null), change('promote', 'B', 'A'), change('promote', 'C', 'B')]
    expect(rollbackTarget(history)).toBe('B')
    const once1 = [...history, change('rollback', 'B', 'C')]
    expect(rollbackTarget(once1)).toBe('A')
    expect(rollbackTarget([...once1, change('rollback', 'A', 'B')])).toBeNull()
  })
})

describe('damaged, foreign and tampered store objects', () => {
  async function promoted(): Promise<{ dir: string; registry: Registry }> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-damaged-'))
    const registry = new Registry(new FsObjectStore(dir), systemClock)
    for (const r of ['r1', 'r2']) await registry.writeRun('m', r, { f: bytes(r) }, {})
    await registry.setAlias('m', 'champion', 'r1', { action: 'promote', by: 't', reason: 'x' })
    await registry.setAlias('m', 'champion', 'r2', { action: 'promote', by: 't', reason: 'y' })
    return { dir, registry }
  }
  const aliasFile = (dir: string) => path.join(dir, 'models', 'm', 'aliases', 'champion.json')

  it('an alias of the wrong shape is refused with how to repair it, and repair-alias keeps its valid history', async () => {
    const { dir, registry } = await promoted()
    const good = JSON.parse(await fs.readFile(aliasFile(dir), 'utf8')) as { history: unknown[] }
    await fs.writeFile(aliasFile(dir), JSON.stringify({ runId: 12, history: 'nope' }))
    await expect(registry.getAlias('m', 'champion')).rejects.toThrow(
      /champion\.json is damaged: .*runId: Invalid input: expected string, received number; repair it with `modelgate repair-alias m --alias champion \[--to RUN_ID\]`/,
    )
    // promote must not write the characters of "nope" as history: it refuses too.
    await expect(
      registry.setAlias('m', 'champion', 'r1', { action: 'promote', by: 't', reason: 'x' }),
    ).rejects.toThrow('is damaged')
    // Nothing names a run: repair needs --to.
    await expect(registry.repairAlias('m', 'champion', 't')).rejects.toThrow(
      'is damaged and names no complete run; pass --to RUN_ID (the latest runs: r1, r2)',
    )
    // One valid entry survives a half-damaged history; the pointer is taken from it.
    await fs.writeFile(aliasFile(dir), JSON.stringify({ runId: 12, history: [good.history[0], 'junk'] }))
    const repaired = await registry.repairAlias('m', 'champion', 'fixer')
    expect([repaired.kept, repaired.dropped, repaired.record.runId]).toEqual([1, 1, 'r1'])
    const alias = (await registry.getAlias('m', 'champion'))!.record
    expect(alias.history.map((h) => `${h.action} ${h.runId}`)).toEqual(['promote r1', 'repair r1'])
    await expect(registry.repairAlias('m', 'champion', 't')).rejects.toThrow(
      'is not damaged; nothing to repair',
    )
  })

  it('the CLI repairs a damaged alias: repair-alias NAME --to RUN, after which history works', async () => {
    const { dir } = await promoted()
    await fs.writeFile(aliasFile(dir), '{"runId": 12, "history": "nope"}')
    const broken = await runCli(dir, ['history', 'm', '--store', dir])
    expect([broken.code, broken.stderr]).toEqual([2, expect.stringContaining('modelgate repair-alias m')])
    const repair = await runCli(dir, ['repair-alias', 'm', '--to', 'r2', '--store', dir])
    expect(repair).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('champion repaired; it points at r2'),
    })
    const history = await runCli(dir, ['history', 'm', '--store', dir])
    expect(history.code).toBe(0)
    expect(history.stdout).toContain('repair   r2')
  })

  it('objects from a newer store format are refused, naming both versions', async () => {
    const { dir, registry } = await promoted()
    const record = JSON.parse(await fs.readFile(aliasFile(dir), 'utf8')) as Record<string, unknown>
    await fs.writeFile(aliasFile(dir), JSON.stringify({ ...record, format: 2, somethingNew: true }))
    await expect(registry.getAlias('m', 'champion')).rejects.toThrow(
      `${dir}/models/m/aliases/champion.json was written by a newer modelgate (store format 2; this version reads format 1): upgrade modelgate`,
    )
    await expect(registry.repairAlias('m', 'champion', 't')).rejects.toThrow('store format 2')
  })

  it('a damaged manifest and a damaged calibration are refused with what to do', async () => {
    const { dir, registry } = await promoted()
    await fs.writeFile(path.join(dir, 'models/m/runs/r1/manifest.json'), '{"files": 3}')
    await expect(registry.readManifest('m', 'r1')).rejects.toThrow(
      /runs\/r1\/manifest\.json is damaged: .*the run cannot be used; promote another run/,
    )
    await fs.writeFile(path.join(dir, 'models/m/calibration.json'), '{"summary": {"sd": "x"}}')
    await expect(loadCalibration(registry, 'm')).rejects.toThrow(
      /calibration\.json is damaged: summary\.sd: .*; run `modelgate calibrate m` again to replace it/,
    )
  })

  it('an edited metrics.json is refused by show instead of displayed', async () => {
    const root = await makeWorkspace()
    await writeModel(root, 'm', SMALL_SPEC, { 'data.csv': syntheticCsv(300, 8) })
    const store = path.join(root, 'store')
    expect((await runCli(root, ['run', '--store', store])).code).toBe(0)
    const shown = await runCli(root, ['show', 'm', '--store', store])
    expect(shown.stdout).toMatch(/roc_auc 0\.\d+/)
    const [runId] = await fs.readdir(path.join(store, 'models/m/runs'))
    const file = path.join(store, 'models/m/runs', runId!, 'metrics.json')
    const metrics = JSON.parse(await fs.readFile(file, 'utf8')) as { metrics: Record<string, number> }
    metrics.metrics.roc_auc = 0.999
    await fs.writeFile(file, JSON.stringify(metrics))
    const tampered = await runCli(root, ['show', 'm', '--store', store])
    expect(tampered.code).toBe(2)
    expect(tampered.stderr).toMatch(
      /metrics\.json is corrupted: sha256 .* does not match the manifest's .*; refusing to use it/,
    )
  })

  it('a manifest edited after its run became champion is refused when the champion is loaded', async () => {
    const { dir, registry } = await promoted()
    const file = path.join(dir, 'models/m/runs/r2/manifest.json')
    // Weights and manifest edited together: every file still matches the manifest, but not the alias.
    await fs.writeFile(path.join(dir, 'models/m/runs/r2/f'), 'evil')
    const manifest = JSON.parse(await fs.readFile(file, 'utf8')) as { files: { sha256: string }[] }
    manifest.files[0]!.sha256 = sha256Hex(bytes('evil'))
    await fs.writeFile(file, JSON.stringify(manifest))
    const recorded = Registry.recordedManifestSha256((await registry.getAlias('m', 'champion'))!.record)
    await expect(registry.readManifest('m', 'r2', recorded)).rejects.toThrow(
      /manifest\.json was changed after the run was put under its alias .*; refusing to use it/,
    )
  })
})
