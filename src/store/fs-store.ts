import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PreconditionFailedError, UserError } from '../errors.js'
import { systemClock, type Clock } from '../util/clock.js'
import { cryptoRandom, type RandomSource } from '../util/random.js'
import type { ObjectStore, PutCondition, StoredObject } from './object-store.js'

export interface FsStoreOptions {
  clock?: Clock
  /** Temporary file names and lock tokens (default: the OS's CSPRNG). */
  random?: RandomSource
  /** How long a write waits for a lock held by a live process before giving up (default 10 s). */
  lockWaitMs?: number
  /**
   * A lock older than this is stale whoever holds it (default 5 min): it guards one rename, which takes
   * milliseconds, so only a hung or dead process holds it that long (e.g. one on another host sharing the disk).
   */
  lockStaleMs?: number
  /** This machine's name and the liveness check, injectable for tests of the cross-host rules. */
  host?: string
  isAlive?: (pid: number) => boolean
  /** Test hook: called while the lock is held, before the write it guards (forces interleavings in tests). */
  onLockHeld?: (lockFile: string) => Promise<void>
}

/** What a lock file records about its owner. */
export interface LockOwner {
  pid: number
  host: string
  /** ISO time the lock was taken. */
  at: string
  /** Random: the breaker re-reads it to be sure it removes the very lock it judged stale. */
  token: string
}

function etagOf(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex')
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

/** Whether a process with this pid exists on this machine (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return isCode(error, 'EPERM')
  }
}

/** `<file>.tmp-<pid>-<random>`: temporary files carry their writer's pid, so leftovers can be told apart. */
const TMP_PID = /\.tmp-(\d+)-[0-9a-f]+$/

/**
 * An ObjectStore in a local directory. Writes go to a temporary file first and are linked or renamed into
 * place, so a reader never sees half an object. Conditional writes on one key are serialised with a lock
 * file, which makes compare-and-swap safe between processes on the same machine. The lock file says who
 * holds it (pid, host, time); a lock whose owner is gone (same host, pid not running) or that is older than
 * `lockStaleMs` is broken, so a process killed with SIGKILL inside the lock does not block later writes.
 */
export class FsObjectStore implements ObjectStore {
  readonly location: string
  private readonly clock: Clock
  private readonly random: RandomSource
  private readonly lockWaitMs: number
  private readonly lockStaleMs: number
  private readonly host: string
  private readonly isAlive: (pid: number) => boolean

  constructor(
    private readonly root: string,
    private readonly options: FsStoreOptions = {},
  ) {
    this.location = root
    this.clock = options.clock ?? systemClock
    this.random = options.random ?? cryptoRandom
    this.lockWaitMs = options.lockWaitMs ?? 10_000
    this.lockStaleMs = options.lockStaleMs ?? 5 * 60_000
    this.host = options.host ?? os.hostname()
    this.isAlive = options.isAlive ?? processAlive
  }

  private file(key: string): string {
    if (key.startsWith('/') || key.split('/').includes('..')) throw new Error(`invalid store key: ${key}`)
    return path.join(this.root, ...key.split('/'))
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      const body = new Uint8Array(await fs.readFile(this.file(key)))
      return { body, etag: etagOf(body) }
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null
      throw error
    }
  }

  async put(key: string, body: Uint8Array, condition?: PutCondition): Promise<{ etag: string }> {
    const target = this.file(key)
    await fs.mkdir(path.dirname(target), { recursive: true })
    const tmp = `${target}.tmp-${process.pid}-${this.random.hex(6)}`
    await fs.writeFile(tmp, body)
    try {
      if (condition && 'ifNoneMatch' in condition) {
        // link() fails when the target exists: an atomic create-only write.
        try {
          await fs.link(tmp, target)
        } catch (error) {
          if (isCode(error, 'EEXIST')) throw new PreconditionFailedError(key)
          throw error
        }
      } else if (condition && 'ifMatch' in condition) {
        await this.withLock(target, async () => {
          const current = await this.get(key)
          if (!current || current.etag !== condition.ifMatch) throw new PreconditionFailedError(key)
          await fs.rename(tmp, target)
        })
      } else {
        await this.withLock(target, () => fs.rename(tmp, target))
      }
    } finally {
      await fs.rm(tmp, { force: true })
    }
    return { etag: etagOf(body) }
  }

  async delete(key: string): Promise<void> {
    const target = this.file(key)
    await fs.rm(target, { force: true })
    // Remove directories left empty, up to (not including) the store root.
    for (let dir = path.dirname(target); dir.startsWith(this.root) && dir !== this.root;) {
      try {
        await fs.rmdir(dir)
      } catch {
        break // not empty (or gone): stop
      }
      dir = path.dirname(dir)
    }
  }

  async list(prefix: string): Promise<string[]> {
    return (await this.walk(prefix)).filter((k) => !k.includes('.tmp-') && !/\.lock(\.break)?$/.test(k))
  }

  async listLeftovers(prefix: string): Promise<{ key: string; modified: Date; writerAlive: boolean }[]> {
    const out: { key: string; modified: Date; writerAlive: boolean }[] = []
    for (const key of await this.walk(prefix)) {
      const pid = TMP_PID.exec(key)?.[1]
      if (!pid) continue
      const stat = await fs.stat(this.file(key)).catch(() => null)
      if (stat) out.push({ key, modified: stat.mtime, writerAlive: this.isAlive(Number(pid)) })
    }
    return out
  }

  private async walk(prefix: string): Promise<string[]> {
    const keys: string[] = []
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries
      try {
        entries = await fs.readdir(dir, { withFileTypes: true })
      } catch (error) {
        if (isCode(error, 'ENOENT')) return
        throw error
      }
      for (const entry of entries) {
        const key = rel ? `${rel}/${entry.name}` : entry.name
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), key)
        else keys.push(key)
      }
    }
    // Walk only the directory the prefix names, then filter by the full prefix.
    const dirPart = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : ''
    await walk(dirPart ? this.file(dirPart) : this.root, dirPart)
    return keys.filter((k) => k.startsWith(prefix)).sort()
  }

  /** Why the lock's owner can no longer be holding it, or null when it may still be. */
  private staleness(owner: LockOwner | null, ageMs: number): string | null {
    if (ageMs > this.lockStaleMs) return `it is ${Math.round(ageMs / 1000)}s old`
    if (!owner) return ageMs > 1000 ? 'it records no owner' : null // a lock being written right now
    if (owner.host === this.host && !this.isAlive(owner.pid))
      return `its owner, process ${owner.pid} on ${owner.host}, is not running`
    return null
  }

  private async readLock(lock: string): Promise<{ owner: LockOwner | null; ageMs: number } | null> {
    try {
      const [text, stat] = await Promise.all([fs.readFile(lock, 'utf8'), fs.stat(lock)])
      let owner: LockOwner | null = null
      try {
        const value = JSON.parse(text) as Partial<LockOwner>
        if (
          typeof value.pid === 'number' &&
          typeof value.host === 'string' &&
          typeof value.token === 'string'
        )
          owner = value as LockOwner
      } catch {
        owner = null // half-written or foreign: judged by age alone
      }
      const taken = owner ? Date.parse(owner.at) : stat.mtimeMs
      const since = Number.isFinite(taken) ? Math.min(taken, stat.mtimeMs) : stat.mtimeMs
      return { owner, ageMs: this.clock.now().getTime() - since }
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null
      throw error
    }
  }

  /**
   * Remove a stale lock, only if it is still the one judged stale: breakers serialise on `<lock>.break`
   * (created exclusively, and itself stale after a few seconds, since breaking takes milliseconds), and
   * re-read the lock's token under it. A live owner only ever removes its own lock.
   */
  private async breakStale(lock: string, judged: LockOwner | null): Promise<void> {
    const breaker = `${lock}.break`
    try {
      await fs.writeFile(breaker, String(process.pid), { flag: 'wx' })
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error
      const stat = await fs.stat(breaker).catch(() => null)
      if (stat && this.clock.now().getTime() - stat.mtimeMs > 5000) await fs.rm(breaker, { force: true })
      return // someone else is breaking it; the caller retries
    }
    try {
      const now = await this.readLock(lock)
      if (now && (now.owner?.token ?? null) === (judged?.token ?? null)) await fs.rm(lock, { force: true })
    } finally {
      await fs.rm(breaker, { force: true })
    }
  }

  private async withLock<T>(target: string, work: () => Promise<T>): Promise<T> {
    const lock = `${target}.lock`
    // Waiting is counted in the pauses taken, not by the clock, so an injected fixed clock cannot stall it.
    let waited = 0
    const owner: LockOwner = {
      pid: process.pid,
      host: this.host,
      at: this.clock.now().toISOString(),
      token: this.random.hex(8),
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await fs.writeFile(lock, JSON.stringify(owner), { flag: 'wx' })
        break
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error
      }
      const held = await this.readLock(lock)
      if (!held) continue // released between our attempt and the read
      if (this.staleness(held.owner, held.ageMs)) {
        await this.breakStale(lock, held.owner)
        continue
      }
      if (waited >= this.lockWaitMs) {
        const who = held.owner
          ? `process ${held.owner.pid} on ${held.owner.host} since ${held.owner.at}`
          : 'unknown'
        throw new UserError(
          `store lock ${lock} is held by ${who} for more than ${this.lockWaitMs / 1000}s; if that process is not running any more, delete the lock file`,
        )
      }
      const pause = Math.min(50, 2 + attempt * 2)
      waited += pause
      await new Promise((resolve) => setTimeout(resolve, pause))
    }
    try {
      await this.options.onLockHeld?.(lock)
      return await work()
    } finally {
      // Only our own lock: had we hung past lockStaleMs, another process may have broken it and taken it.
      const now = await this.readLock(lock).catch(() => null)
      if (now?.owner?.token === owner.token) await fs.rm(lock, { force: true })
    }
  }
}
