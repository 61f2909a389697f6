import { createHash } from 'node:crypto'
import { PreconditionFailedError, UserError } from '../errors.js'
import { compactTimestamp, type Clock } from '../util/clock.js'
import { cryptoRandom, type RandomSource } from '../util/random.js'
import type { ObjectStore } from './object-store.js'
import {
  aliasChangeSchema,
  aliasRecordSchema,
  manifestSchema,
  parseStored,
  refuseNewerFormat,
  STORE_FORMAT,
} from './schemas.js'

/**
 * Runs, manifests and aliases on any ObjectStore.
 *
 *   models/<model>/runs/<runId>/<file>          immutable, written create-only
 *   models/<model>/runs/<runId>/manifest.json   written last: a run without it is incomplete and invisible
 *   models/<model>/aliases/<alias>.json         the pointer and its whole history, changed by compare-and-swap
 *
 * The alias object carries its own history, so one conditional write changes both: two racing promotions
 * can never lose a history entry or leave pointer and history disagreeing. Each change carries a write id, so
 * a write whose response was lost (the SDK retried and got 412 for its own write) is recognised as done.
 */

export const MANIFEST = 'manifest.json'
const ALIAS_RETRIES = 12

export interface ManifestFile {
  path: string
  sha256: string
  bytes: number
}

export interface RunManifest<Meta = Record<string, unknown>> {
  /** Store format version (schemas.ts); absent in runs written before it existed. */
  format?: number
  schema?: 1
  model: string
  runId: string
  createdAt: string
  files: ManifestFile[]
  meta: Meta
}

export interface AliasChange {
  /** 'repair': set by `modelgate repair-alias` after the alias object was found damaged. */
  action: 'promote' | 'rollback' | 'repair'
  runId: string
  previous: string | null
  at: string
  by: string
  reason: string
  /** Random per setAlias call: a retried write finds its own entry instead of writing a second one. */
  writeId?: string
  /** sha256 of the run's manifest.json when it was put under the alias (tamper evidence, see README). */
  manifestSha256?: string
}

export interface AliasRecord {
  format?: number
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

/** The outcome of setAlias: the alias as it now is, and whether this call changed it. */
export interface AliasUpdate {
  record: AliasRecord
  changed: boolean
  /** Why nothing changed ("champion is already r1"), when changed is false. */
  unchanged?: string
}

/** What a setAlias `check` may return to end the change without writing, as a no-op that is not an error. */
export interface NoChange {
  noChange: string
}

/** Test hooks: pauses inside the compare-and-swap, so a test can force the interleaving it checks. */
export interface RegistryHooks {
  /** After the alias was read and the new record built, before the conditional write. */
  beforeAliasWrite?: (attempt: number) => Promise<void>
}

/** The registry's sources beyond the clock: randomness for ids and retry jitter, and the test hooks. */
export interface RegistryOptions extends RegistryHooks {
  /** Run ids, write ids, the pause between compare-and-swap retries (default: the OS's CSPRNG). */
  random?: RandomSource
}

const encoder = new TextEncoder()
const json = (value: unknown): Uint8Array => encoder.encode(`${JSON.stringify(value, null, 2)}\n`)

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

export class Registry {
  constructor(
    readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly hooks: RegistryOptions = {},
  ) {
    this.random = hooks.random ?? cryptoRandom
  }

  private readonly random: RandomSource

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
    return `${compactTimestamp(this.clock.now())}-${this.random.hex(3)}`
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
      format: STORE_FORMAT,
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

  /**
   * A create-only write. A 412 can be this very write: the server stored the object, the response was lost,
   * the SDK retried and the retry found the key taken. So on 412 the stored object is read back and accepted
   * when it is byte-for-byte what was sent; anything else is another run's file and is refused.
   */
  private async putCreateOnly(key: string, body: Uint8Array): Promise<void> {
    try {
      await this.store.put(key, body, { ifNoneMatch: '*' })
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error
      const stored = await this.store.get(key)
      if (stored && sha256Hex(stored.body) === sha256Hex(body)) return
      throw new UserError(
        `${this.store.location}: ${key} already exists; runs are immutable and are never overwritten`,
      )
    }
  }

  /**
   * A run's manifest, checked against its schema. With `expectedSha256` (what an alias recorded when it was
   * pointed at the run) a manifest edited since is refused.
   */
  async readManifest<Meta = Record<string, unknown>>(
    model: string,
    runId: string,
    expectedSha256?: string,
  ): Promise<RunManifest<Meta>> {
    return (await this.readManifestObject<Meta>(model, runId, expectedSha256)).manifest
  }

  private async readManifestObject<Meta>(
    model: string,
    runId: string,
    expectedSha256?: string,
  ): Promise<{ manifest: RunManifest<Meta>; sha256: string }> {
    const key = this.runKey(model, runId, MANIFEST)
    const object = await this.store.get(key)
    if (!object)
      throw new UserError(
        `${this.store.location}: run ${runId} of model "${model}" does not exist (no ${key})`,
      )
    const where = `${this.store.location}/${key}`
    const manifest = parseStored(
      manifestSchema,
      object.body,
      where,
      `the run cannot be used; promote another run (\`modelgate show ${model}\` lists them)`,
    ) as RunManifest<Meta>
    if (manifest.model !== model || manifest.runId !== runId)
      throw new UserError(
        `${where} is damaged: it describes run ${manifest.runId} of "${manifest.model}"; the run cannot be used`,
      )
    const sha256 = sha256Hex(object.body)
    if (expectedSha256 && sha256 !== expectedSha256)
      throw new UserError(
        `${where} was changed after the run was put under its alias (sha256 ${sha256.slice(0, 12)}…, recorded ${expectedSha256.slice(0, 12)}…); refusing to use it`,
      )
    return { manifest, sha256 }
  }

  /** The manifest hash recorded when the alias was last pointed at its current run (undefined for old entries). */
  static recordedManifestSha256(record: AliasRecord): string | undefined {
    return record.history.findLast((h) => h.runId === record.runId)?.manifestSha256
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
    return object ? { record: this.parseAlias(model, alias, object.body), etag: object.etag } : null
  }

  /** An alias object as read from the store, validated: a damaged one is refused with how to repair it. */
  private parseAlias(model: string, alias: string, body: Uint8Array): AliasRecord {
    return parseStored(
      aliasRecordSchema,
      body,
      `${this.store.location}/${this.aliasKey(model, alias)}`,
      `repair it with \`modelgate repair-alias ${model} --alias ${alias} [--to RUN_ID]\` (see README, "Reliability")`,
    )
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
    return { record: this.parseAlias(model, alias, object.body), etag: object.etag }
  }

  /**
   * Point an alias at a run with compare-and-swap. `check` sees the alias as it is at each attempt (null when
   * it does not exist yet) and throws to abandon the change (e.g. "the champion changed and now beats you"),
   * or returns { noChange } to end it as a no-op. Lost races are retried with a fresh read, up to a bound.
   *
   * Never a self-promotion: an alias already at the run is left alone. Every attempt carries the same write
   * id, so when a write landed but its answer was lost (a dropped connection, a timeout, a 412 to the SDK's
   * own retry), the next read finds the entry and the call returns it instead of writing a second one.
   */
  async setAlias(
    model: string,
    alias: string,
    runId: string,
    change: {
      action: AliasChange['action']
      by: string
      reason: string
      check?: (current: AliasRecord | null) => void | NoChange | Promise<void | NoChange>
    },
  ): Promise<AliasUpdate> {
    const { sha256: manifestSha256 } = await this.readManifestObject(model, runId) // a complete run
    const key = this.aliasKey(model, alias)
    const writeId = this.random.hex(8)
    for (let attempt = 0; attempt < ALIAS_RETRIES; attempt++) {
      const current = await this.getAlias(model, alias)
      if (current?.record.history.some((h) => h.writeId === writeId))
        return { record: current.record, changed: true }
      if (current?.record.runId === runId)
        return { record: current.record, changed: false, unchanged: `${alias} is already ${runId}` }
      const verdict = await change.check?.(current?.record ?? null)
      if (verdict && 'noChange' in verdict && current)
        return { record: current.record, changed: false, unchanged: verdict.noChange }
      const at = this.clock.now().toISOString()
      const entry: AliasChange = {
        action: change.action,
        runId,
        previous: current?.record.runId ?? null,
        at,
        by: change.by,
        reason: change.reason,
        writeId,
        manifestSha256,
      }
      const history = [...(current?.record.history ?? []), entry]
      const record: AliasRecord = {
        format: STORE_FORMAT,
        model,
        alias,
        runId,
        version: history.length,
        updatedAt: at,
        history,
      }
      await this.hooks.beforeAliasWrite?.(attempt)
      try {
        await this.store.put(key, json(record), current ? { ifMatch: current.etag } : { ifNoneMatch: '*' })
        return { record, changed: true }
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) {
          // The write may have landed before the failure (a timeout after the server stored it).
          const now = await this.getAlias(model, alias).catch(() => null)
          if (now?.record.history.some((h) => h.writeId === writeId))
            return { record: now.record, changed: true }
          throw error
        }
        await new Promise((resolve) => setTimeout(resolve, this.random.int(1, 10 + attempt * 20)))
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
    const update = await this.setAlias(model, alias, previous, {
      action: 'rollback',
      by,
      reason,
      check: (now) => {
        if (now?.runId !== expected) throw moved(now?.runId)
      },
    })
    return update.record
  }
  /**
   * Rewrite a damaged alias object (`modelgate repair-alias`): keep every history entry that is still valid,
   * point the alias at `to`, or else at the run it named if that run is complete, or else at the last valid
   * entry's run, and record the repair as a history entry. A valid alias is refused (use promote or rollback),
   * and so is one from a newer modelgate. The write is a compare-and-swap on the damaged object.
   */
  async repairAlias(
    model: string,
    alias: string,
    by: string,
    to?: string,
  ): Promise<{ record: AliasRecord; kept: number; dropped: number }> {
    const key = this.aliasKey(model, alias)
    const where = `${this.store.location}/${key}`
    const object = await this.store.get(key)
    if (!object) throw new UserError(`${where} does not exist; nothing to repair (promote a run instead)`)
    let raw: unknown = null
    try {
      raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(object.body))
    } catch {
      raw = null // not JSON at all: nothing to salvage but the target
    }
    refuseNewerFormat(raw, where)
    if (aliasRecordSchema.safeParse(raw).success)
      throw new UserError(
        `${where} is not damaged; nothing to repair (move it with \`modelgate promote\` or \`modelgate rollback\`)`,
      )
    const fields = (typeof raw === 'object' && raw !== null ? raw : {}) as {
      runId?: unknown
      history?: unknown
    }
    const entries: unknown[] = Array.isArray(fields.history) ? fields.history : []
    const kept = entries.flatMap((h) => {
      const parsed = aliasChangeSchema.safeParse(h)
      return parsed.success ? [parsed.data] : []
    })
    const complete = new Set(await this.listRuns(model))
    const named = typeof fields.runId === 'string' && complete.has(fields.runId) ? fields.runId : undefined
    const target = to ?? named ?? kept.findLast((h) => complete.has(h.runId))?.runId
    if (!target) {
      const recent = [...complete].slice(-5).join(', ') || 'none'
      throw new UserError(
        `${where} is damaged and names no complete run; pass --to RUN_ID (the latest runs: ${recent})`,
      )
    }
    const { sha256: manifestSha256 } = await this.readManifestObject(model, target)
    const at = this.clock.now().toISOString()
    const previous = typeof fields.runId === 'string' && NAME.test(fields.runId) ? fields.runId : null
    const history: AliasChange[] = [
      ...kept,
      {
        action: 'repair',
        runId: target,
        previous,
        at,
        by,
        reason: `repaired a damaged alias object: kept ${kept.length} of ${entries.length} history entries`,
        writeId: this.random.hex(8),
        manifestSha256,
      },
    ]
    const record: AliasRecord = {
      format: STORE_FORMAT,
      model,
      alias,
      runId: target,
      version: history.length,
      updatedAt: at,
      history,
    }
    try {
      await this.store.put(key, json(record), { ifMatch: object.etag })
    } catch (error) {
      if (error instanceof PreconditionFailedError)
        throw new UserError(
          `${where} changed while it was being repaired; look at it and run repair-alias again`,
        )
      throw error
    }
    return { record, kept: kept.length, dropped: entries.length - kept.length }
  }
}

/** Replay the history as a stack (promote pushes, rollback pops); the target is the entry below the top. */
export function rollbackTarget(history: AliasChange[]): string | null {
  const stack: string[] = []
  for (const change of history) {
    if (change.action === 'promote') stack.push(change.runId)
    else if (change.action === 'repair') {
      // A repair points the alias at a run without a rollback's meaning: it becomes the top.
      if (stack.at(-1) !== change.runId) stack.push(change.runId)
    } else {
      stack.pop()
      // A rollback's target is the new top; keep the stack consistent if history was edited by hand.
      if (stack.at(-1) !== change.runId) stack.push(change.runId)
    }
  }
  return stack.length >= 2 ? stack[stack.length - 2]! : null
}
