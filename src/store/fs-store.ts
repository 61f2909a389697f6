import { createHash, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { PreconditionFailedError, UserError } from '../errors.js'
import type { ObjectStore, PutCondition, StoredObject } from './object-store.js'

const LOCK_WAIT_MS = 10_000

function etagOf(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex')
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

/**
 * An ObjectStore in a local directory. Writes go to a temporary file first and are linked or renamed into
 * place, so a reader never sees half an object. Conditional writes on one key are serialised with a lock
 * file, which makes compare-and-swap safe between processes on the same machine.
 */
export class FsObjectStore implements ObjectStore {
  readonly location: string

  constructor(private readonly root: string) {
    this.location = root
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
    const tmp = `${target}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`
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

  async list(prefix: string): Promise<string[]> {
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
        else if (!entry.name.includes('.tmp-') && !entry.name.endsWith('.lock')) keys.push(key)
      }
    }
    // Walk only the directory the prefix names, then filter by the full prefix.
    const dirPart = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : ''
    await walk(dirPart ? this.file(dirPart) : this.root, dirPart)
    return keys.filter((k) => k.startsWith(prefix)).sort()
  }

  private async withLock<T>(target: string, work: () => Promise<T>): Promise<T> {
    const lock = `${target}.lock`
    const started = Date.now()
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await fs.open(lock, 'wx')
        await handle.close()
        break
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error
        if (Date.now() - started > LOCK_WAIT_MS) {
          throw new UserError(
            `store lock ${lock} is held for more than ${LOCK_WAIT_MS / 1000}s; if no modelgate process is running, delete it`,
          )
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt * 2)))
      }
    }
    try {
      return await work()
    } finally {
      await fs.rm(lock, { force: true })
    }
  }
}
