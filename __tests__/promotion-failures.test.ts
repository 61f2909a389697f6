/**
 * Promotions that cannot happen, and locks left behind: a process killed with SIGKILL while it holds the
 * filesystem store's alias lock, locks held by a live process or by another host, and what the CLI and the
 * Action say when a promotion that was asked for did not happen (never a quiet exit 0).
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FsObjectStore } from '../src/store/fs-store.js'
import { Registry } from '../src/store/registry.js'
import { systemClock } from '../src/util/clock.js'
import { errorLines, eventCall, MAIN_SHA, OWNER, REPO, runActionInProcess } from './helpers/action-runner.js'
import { startGitHubStandIn } from './harness/github-standin.js'
import { startSteppedWorker } from './harness/stepped-worker.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const LOCK = path.join('models', 'm', 'aliases', 'champion.json.lock')

async function storeWithChampion(): Promise<{ dir: string; registry: Registry }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-lock-'))
  const registry = new Registry(new FsObjectStore(dir), systemClock)
  for (const r of ['A', 'B', 'C']) await registry.writeRun('m', r, { f: bytes(r) }, {})
  await registry.setAlias('m', 'champion', 'A', { action: 'promote', by: 'test', reason: 'first' })
  return { dir, registry }
}

/** A lock file as another process would have left it. */
const plantLock = (dir: string, owner: { pid: number; host: string; at: Date }): Promise<void> =>
  fs.writeFile(
    path.join(dir, LOCK),
    JSON.stringify({ pid: owner.pid, host: owner.host, at: owner.at.toISOString(), token: 'planted' }),
  )

describe('the filesystem store lock', () => {
  it('a promotion killed with SIGKILL while holding the lock does not block the next one: the dead owner is recognised', async () => {
    const { dir, registry } = await storeWithChampion()
    const worker = startSteppedWorker('killed', 'lock-worker.ts', [dir, 'm', 'B'])
    expect(await worker.next()).toBe('paused') // the worker holds the lock now (its onLockHeld hook)
    const lock = JSON.parse(await fs.readFile(path.join(dir, LOCK), 'utf8')) as { pid: number; host: string }
    expect(lock).toMatchObject({ pid: worker.pid, host: os.hostname() })
    worker.kill('SIGKILL')
    await expect(worker.done).rejects.toThrow(/SIGKILL/)
    await fs.access(path.join(dir, LOCK)) // still there: kill -9 runs no cleanup

    const update = await registry.setAlias('m', 'champion', 'C', {
      action: 'promote',
      by: 'test',
      reason: 'next',
    })
    expect(update.changed).toBe(true)
    const alias = (await registry.getAlias('m', 'champion'))!.record
    expect(alias.history.map((h) => h.runId)).toEqual(['A', 'C']) // the killed promotion wrote nothing
    await expect(fs.access(path.join(dir, LOCK))).rejects.toThrow(/ENOENT/)
  })

  it('a lock held by a live process is waited for and then refused, naming its owner', async () => {
    const { dir } = await storeWithChampion()
    await plantLock(dir, { pid: process.pid, host: os.hostname(), at: new Date() })
    const registry = new Registry(new FsObjectStore(dir, { lockWaitMs: 100 }), systemClock)
    await expect(
      registry.setAlias('m', 'champion', 'B', { action: 'promote', by: 'test', reason: 'x' }),
    ).rejects.toThrow(
      new RegExp(
        `store lock .*champion\\.json\\.lock is held by process ${process.pid} on ${os.hostname()} since`,
      ),
    )
    expect((await registry.getAlias('m', 'champion'))!.record.runId).toBe('A')
  })

  it("another host's lock is broken only once it is older than the bound", async () => {
    const { dir } = await storeWithChampion()
    const taken = new Date('2026-01-01T00:00:00Z')
    await plantLock(dir, { pid: 1, host: 'other-runner', at: taken })
    const at = (ms: number) => ({ now: () => new Date(taken.getTime() + ms) })
    const fresh = new Registry(
      new FsObjectStore(dir, { lockWaitMs: 0, lockStaleMs: 60_000, clock: at(30_000) }),
      systemClock,
    )
    await expect(
      fresh.setAlias('m', 'champion', 'B', { action: 'promote', by: 'test', reason: 'x' }),
    ).rejects.toThrow('is held by process 1 on other-runner')
    const later = new Registry(
      new FsObjectStore(dir, { lockWaitMs: 0, lockStaleMs: 60_000, clock: at(61_000) }),
      systemClock,
    )
    expect(
      (await later.setAlias('m', 'champion', 'B', { action: 'promote', by: 'test', reason: 'x' })).changed,
    ).toBe(true)
  })
})

describe('a promotion that was asked for and did not happen', () => {
  /** A workspace whose first `run --promote` made a champion, and whose data then changed (a new model). */
  async function promotedOnce(store: string): Promise<string> {
    const root = await makeWorkspace()
    await writeModel(root, 'm', SMALL_SPEC, { 'data.csv': syntheticCsv(400, 11) })
    const first = await runCli(root, ['run', '--promote', '--store', store])
    expect([first.code, first.stderr]).toEqual([0, expect.stringContaining('promoted')])
    await fs.writeFile(path.join(root, 'models', 'm', 'data.csv'), syntheticCsv(400, 12))
    return root
  }

  it('the CLI exits 4 with the reason when the alias lock stays held; the JSON says not promoted', async () => {
    const store = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-lock-cli-'))
    const root = await promotedOnce(store)
    await plantLock(store, { pid: process.pid, host: os.hostname(), at: new Date() })
    const result = await runCli(root, ['run', '--promote', '--json', 'r.json', '--store', store], {
      openStore: () => Promise.resolve(new FsObjectStore(store, { lockWaitMs: 100 })),
    })
    expect(result.stderr).toMatch(/modelgate: m: not promoted: store lock .* is held by process/)
    expect(result.code).toBe(4)
    const model = JSON.parse(await fs.readFile(path.join(root, 'r.json'), 'utf8')).models[0]
    expect(model).toMatchObject({ verdict: 'pass', stored: true, promoted: false })
  })

  it('a second run on unchanged inputs is a no-op promotion with a message, exit 0, and no history entry', async () => {
    const store = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-noop-'))
    const root = await makeWorkspace()
    await writeModel(root, 'm', SMALL_SPEC, { 'data.csv': syntheticCsv(400, 11) })
    expect((await runCli(root, ['run', '--promote', '--store', store])).code).toBe(0)
    const again = await runCli(root, ['run', '--promote', '--json', 'r.json', '--store', store])
    expect(again.code).toBe(0)
    expect(again.stderr).toMatch(/not promoted, nothing to change: the champion \S+ is the same model/)
    const history = await runCli(root, ['history', 'm', '--store', store])
    expect(history.stdout).toContain('(1 changes)')
  })

  it("the Action's champion-changed output is false and the step fails with the reason", async () => {
    const standIn = await startGitHubStandIn()
    try {
      standIn.state.addRepo({ owner: OWNER, name: REPO, headSha: MAIN_SHA })
      const root = await makeWorkspace()
      await writeModel(root, 'churn', SMALL_SPEC, { 'data.csv': syntheticCsv(400, 11) })
      const store = path.join(root, '.modelgate')
      const call = await eventCall('push', { workspace: root, apiUrl: standIn.url })
      const first = await runActionInProcess(call)
      expect(first.outputs['champion-changed']).toBe('true')
      await fs.writeFile(path.join(root, 'models', 'churn', 'data.csv'), syntheticCsv(400, 12))
      await fs.writeFile(
        path.join(store, 'models', 'churn', 'aliases', 'champion.json.lock'),
        JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString(), token: 't' }),
      )
      const second = await runActionInProcess(call, {
        openStore: () => Promise.resolve(new FsObjectStore(store, { lockWaitMs: 100 })),
      })
      expect(second.outputs['champion-changed']).toBe('false')
      expect(second.outputs.verdict).toBe('pass')
      expect(second.exitCode).toBe(1)
      expect(errorLines(second.log).join('\n')).toMatch(
        /churn: not promoted: store lock .* is held by process/,
      )
      expect(standIn.violations).toEqual([])
    } finally {
      await standIn.stop()
    }
  })
})
