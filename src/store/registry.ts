import { createHash, randomBytes } from 'node:crypto'
import { PreconditionFailedError, UserError } from '../errors.js'
import { compactTimestamp, type Clock } from '../util/clock.js'
import type { ObjectStore } from './object-store.js'

/**
 * Runs, manifests and aliases on any ObjectStore.
 *
 *   models/<model>/runs/<runId>/<file>          immutable, written create-only
 *   models/<model>/runs/<runId>/manifest.json   written last: a run without it is incomplete and invisible
 *   models/<model>/aliases/<alias>.json         the pointer and its whole history, changed by compare-and-swap
 *
 * The alias object carries its own history, so one conditional write changes both: two racing promotions
 * can never lose a history entry or leave pointer and history disagreeing.
 */

export const MANIFEST = 'manifest.json'
const ALIAS_RETRIES = 12

export interface ManifestFile {
  path: string
  sha256: string
  bytes: number
}

export interface RunManifest<Meta = Record<string, unknown>> {
  schema: 1
  model: string
  runId: string
  createdAt: string
  files: ManifestFile[]
  meta: Meta
}

export interface AliasChange {
  action: 'promote' | 'rollback'
  runId: string
  previous: string | null
  at: string
  by: string
  reason: string
}

export interface AliasRecord {
  model: string
  alias: string
  runId: string
  /** Number of changes so far; the history has this many entries. */
  version: number
  updatedAt: string
  history: AliasChange[]
}

export function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex')
}

const encoder = new TextEncoder()
const json = (value: unknown): Uint8Array => encoder.encode(`${JSON.stringify(value, null, 2)}\n`)

function parseJson<T>(body: Uint8Array, where: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(body)) as T
  } catch {
    throw new UserError(`${where}: not valid JSON (the store object is damaged)`)
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

export class Registry {
  constructor(
    readonly store: ObjectStore,
    private readonly clock: Clock,
  ) {}

  private runKey(model: string, runId: string, file = ''): string {
    if (!NAME.test(model)) throw new UserError(`model name "${model}": use letters, digits, ".", "_" and "-"`)
    if (!NAME.test(runId)) throw new UserError(`run id "${runId}" is not valid`)
    return `models/${model}/runs/${runId}/${file}`
  }

  private aliasKey(model: string, alias: string): string {
    if (!NAME.test(alias)) throw new UserError(`alias "${alias}" is not valid`)
    return `models/${model}/aliases/${alias}.json`
  }

  newRunId(): string {
    return `${compactTimestamp(this.clock.now())}-${randomBytes(3).toString('hex')}`
  }

  /** Write every file create-only, then the manifest; returns the manifest. */
  async writeRun<Meta>(
    model: string,
    runId: string,
    files: Record<string, Uint8Array>,
    meta: Meta,
  ): Promise<RunManifest<Meta>> {
    const entries = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))
    for (const [path] of entries) {
      if (path === MANIFEST || path.startsWith('/') || path.split('/').includes('..'))
        throw new Error(`invalid run file path ${path}`)
    }
    const manifest: RunManifest<Meta> = {
      schema: 1,
      model,
      runId,
      createdAt: this.clock.now().toISOString(),
      files: entries.map(([path, body]) => ({ path, sha256: sha256Hex(body), bytes: body.byteLength })),
      meta,
    }
    for (const [path, body] of entries) {
      await this.putCreateOnly(this.runKey(model, runId, path), body)
    }
    await this.putCreateOnly(this.runKey(model, runId, MANIFEST), json(manifest))
    return manifest
  }

  private async putCreateOnly(key: string, body: Uint8Array): Promise<void> {
    try {
      await this.store.put(key, body, { ifNoneMatch: '*' })
    } catch (error) {
      if (error instanceof PreconditionFailedError) {
        throw new UserError(
          `${this.store.location}: ${key} already exists; runs are immutable and are never overwritten`,
        )
      }
      throw error
    }
  }

  async readManifest<Meta = Record<string, unknown>>(
    model: string,
    runId: string,
  ): Promise<RunManifest<Meta>> {
    const key = this.runKey(model, runId, MANIFEST)
    const object = await this.store.get(key)
    if (!object)
      throw new UserError(
        `${this.store.location}: run ${runId} of model "${model}" does not exist (no ${key})`,
      )
    return parseJson<RunManifest<Meta>>(object.body, `${this.store.location}/${key}`)
  }

  /** Read a run's file and check it against the manifest's sha256. */
  async readRunFile(manifest: RunManifest<unknown>, path: string): Promise<Uint8Array> {
    const entry = manifest.files.find((f) => f.path === path)
    const key = this.runKey(manifest.model, manifest.runId, path)
    if (!entry) throw new UserError(`${this.store.location}: run ${manifest.runId} has no file ${path}`)
    const object = await this.store.get(key)
    if (!object)
      throw new UserError(
        `${this.store.location}: ${key} is listed in the manifest but missing from the store`,
      )
    const actual = sha256Hex(object.body)
    if (actual !== entry.sha256) {
      throw new UserError(
        `${this.store.location}: ${key} is corrupted: sha256 ${actual.slice(0, 12)}… does not match the manifest's ${entry.sha256.slice(0, 12)}…; refusing to use it`,
      )
    }
    return object.body
  }

  /** Complete runs (those with a manifest), oldest first. */
  async listRuns(model: string): Promise<string[]> {
    const prefix = `models/${model}/runs/`
    const keys = await this.store.list(prefix)
    return keys
      .filter((k) => k.endsWith(`/${MANIFEST}`) && k.split('/').length === 5)
      .map((k) => k.split('/')[3]!)
  }

  async getAlias(model: string, alias: string): Promise<{ record: AliasRecord; etag: string } | null> {
    const key = this.aliasKey(model, alias)
    const object = await this.store.get(key)
    if (!object) return null
    return { record: parseJson<AliasRecord>(object.body, `${this.store.location}/${key}`), etag: object.etag }
  }

  /**
   * getAlias for a poller that has seen the alias at `etag`: 'unchanged' when the store can answer that with a
   * conditional read (S3: 304 Not Modified, no body transferred); a plain read otherwise.
   */
  async getAliasIfChanged(
    model: string,
    alias: string,
    etag: string | null,
  ): Promise<{ record: AliasRecord; etag: string } | null | 'unchanged'> {
    if (etag === null || !this.store.getIfChanged) return this.getAlias(model, alias)
    const key = this.aliasKey(model, alias)
    const object = await this.store.getIfChanged(key, etag)
    if (object === 'unchanged' || object === null) return object
    return { record: parseJson<AliasRecord>(object.body, `${this.store.location}/${key}`), etag: object.etag }
  }

  /**
   * Point an alias at a run with compare-and-swap. `check` sees the alias as it is at each attempt (null when
   * it does not exist yet) and throws to abandon the change (e.g. "the champion changed and now beats you").
   * Lost races are retried with a fresh read, up to a bound.
   */
  async setAlias(
    model: string,
    alias: string,
    runId: string,
    change: {
      action: AliasChange['action']
      by: string
      reason: string
      check?: (current: AliasRecord | null) => void | Promise<void>
    },
  ): Promise<AliasRecord> {
    await this.readManifest(model, runId) // the target must be a complete run
    const key = this.aliasKey(model, alias)
    for (let attempt = 0; attempt < ALIAS_RETRIES; attempt++) {
      const current = await this.getAlias(model, alias)
      await change.check?.(current?.record ?? null)
      const at = this.clock.now().toISOString()
      const entry: AliasChange = {
        action: change.action,
        runId,
        previous: current?.record.runId ?? null,
        at,
        by: change.by,
        reason: change.reason,
      }
      const history = [...(current?.record.history ?? []), entry]
      const record: AliasRecord = { model, alias, runId, version: history.length, updatedAt: at, history }
      try {
        await this.store.put(key, json(record), current ? { ifMatch: current.etag } : { ifNoneMatch: '*' })
        return record
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error
        await new Promise((resolve) => setTimeout(resolve, Math.random() * (10 + attempt * 20)))
      }
    }
    throw new UserError(
      `${this.store.location}: ${key} kept changing under ${ALIAS_RETRIES} attempts to update it; try again`,
    )
  }

  /**
   * One step back: the run that held the alias before the current one was promoted. Rollbacks stack, so
   * after A → B → C two rollbacks give B, then A.
   */
  async rollback(
    model: string,
    alias: string,
    by: string,
    reason: string,
    /** The run the caller saw the alias at: the rollback is refused, before writing, if it has moved since. */
    from?: string,
  ): Promise<AliasRecord> {
    const current = await this.getAlias(model, alias)
    if (!current) throw new UserError(`model "${model}" has no ${alias} to roll back`)
    const expected = from ?? current.record.runId
    const moved = (now: string | undefined): UserError =>
      new UserError(
        `model "${model}": ${alias} changed to ${now ?? 'nothing'} while rolling back from ${expected}; look at the history and retry`,
      )
    if (current.record.runId !== expected) throw moved(current.record.runId)
    const previous = rollbackTarget(current.record.history)
    if (!previous)
      throw new UserError(
        `model "${model}": ${alias} has no earlier run to roll back to (it has only ever pointed at ${current.record.runId})`,
      )
    return this.setAlias(model, alias, previous, {
      action: 'rollback',
      by,
      reason,
      check: (now) => {
        if (now?.runId !== expected) throw moved(now?.runId)
      },
    })
  }
}

/** Replay the history as a stack (promote pushes, rollback pops); the target is the entry below the top. */
export function rollbackTarget(history: AliasChange[]): string | null {
  const stack: string[] = []
  for (const change of history) {
    if (change.action === 'promote') stack.push(change.runId)
    else {
      stack.pop()
      // A rollback's target is the new top; keep the stack consistent if history was edited by hand.
      if (stack.at(-1) !== change.runId) stack.push(change.runId)
    }
  }
  return stack.length >= 2 ? stack[stack.length - 2]! : null
}
