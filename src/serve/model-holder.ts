import { describeError } from '../errors.js'
import { Registry } from '../store/registry.js'
import type { JsonLog } from './json-log.js'
import type { ServeMetrics } from './metrics.js'
import type { ServedModel } from './served-model.js'

/** Schedules the alias polls; injected so tests poll when they choose (pollOnce) and never by the clock. */
export interface PollTimer {
  every(ms: number, fn: () => void): () => void
}

export const intervalTimer: PollTimer = {
  every(ms, fn) {
    const handle = setInterval(fn, ms)
    handle.unref()
    return () => clearInterval(handle)
  },
}

/** A model held for one request: it stays loaded until released, whatever the alias does meanwhile. */
export interface Lease {
  model: ServedModel
  release(): void
}

interface Slot {
  name: string
  current: ServedModel | null
  /** The alias object's version tag when `current` was chosen: an unchanged tag means nothing to do. */
  etag: string | null
  /** A run that failed to load: not retried until the alias moves again. */
  failed: { runId: string; etag: string } | null
  leases: Map<ServedModel, number>
  retired: Set<ServedModel>
}

export type PollOutcome =
  | { model: string; outcome: 'unchanged' | 'no-alias' }
  | { model: string; outcome: 'swapped'; from: string | null; to: string }
  | { model: string; outcome: 'failed'; runId: string; error: string }

/**
 * The models being served and the alias they follow. A poll reads each alias; when it names another run,
 * that run is loaded fully (every file sha256-checked) and only then swapped in, by one assignment: a request
 * holds the model it started with (a lease), and a replaced model is disposed when its last lease ends.
 * A failed load leaves the old model serving and is logged and counted.
 */
export class ModelHolder {
  private readonly slots = new Map<string, Slot>()
  private polling: Promise<PollOutcome[]> | null = null
  private stopTimer: (() => void) | null = null

  constructor(
    private readonly deps: {
      registry: Registry
      alias: string
      /** `manifestSha256`: what the alias recorded for the run, so a manifest edited since is refused. */
      load: (name: string, runId: string, manifestSha256?: string) => Promise<ServedModel>
      log: JsonLog
      metrics: ServeMetrics
    },
    models: string[],
  ) {
    for (const name of models)
      this.slots.set(name, {
        name,
        current: null,
        etag: null,
        failed: null,
        leases: new Map(),
        retired: new Set(),
      })
  }

  get alias(): string {
    return this.deps.alias
  }

  names(): string[] {
    return [...this.slots.keys()]
  }

  has(name: string): boolean {
    return this.slots.has(name)
  }

  /** Ready when every model has a loaded run. */
  ready(): boolean {
    return [...this.slots.values()].every((s) => s.current !== null)
  }

  current(name: string): ServedModel | null {
    return this.slots.get(name)?.current ?? null
  }

  /** The model to answer one request with; null when it is not loaded (yet). */
  acquire(name: string): Lease | null {
    const slot = this.slots.get(name)
    const model = slot?.current
    if (!slot || !model) return null
    slot.leases.set(model, (slot.leases.get(model) ?? 0) + 1)
    let released = false
    return {
      model,
      release: () => {
        if (released) return
        released = true
        const left = slot.leases.get(model)! - 1
        if (left > 0) slot.leases.set(model, left)
        else {
          slot.leases.delete(model)
          if (slot.retired.delete(model)) model.dispose()
        }
      },
    }
  }

  /** Read every alias once and swap in what moved. Concurrent calls share one poll. */
  pollOnce(): Promise<PollOutcome[]> {
    this.polling ??= (async () => {
      try {
        const outcomes: PollOutcome[] = []
        for (const slot of this.slots.values()) outcomes.push(await this.pollSlot(slot))
        return outcomes
      } finally {
        this.polling = null
      }
    })()
    return this.polling
  }

  private async pollSlot(slot: Slot): Promise<PollOutcome> {
    const { registry, alias, log, metrics } = this.deps
    const model = slot.name
    let pointer: Awaited<ReturnType<Registry['getAliasIfChanged']>>
    try {
      // The tag last seen (served or failed): a conditional read answers "unchanged" without a body.
      pointer = await registry.getAliasIfChanged(model, alias, slot.failed?.etag ?? slot.etag)
    } catch (error) {
      const message = describeError(error)
      log.error('alias read failed', { model, alias, error: message })
      metrics.errors.inc({ route: 'poll', reason: 'alias_read' })
      return { model, outcome: 'failed', runId: slot.current?.runId ?? '', error: message }
    }
    if (pointer === 'unchanged') return { model, outcome: 'unchanged' }
    if (!pointer) return { model, outcome: 'no-alias' }
    const { record, etag } = pointer
    if (record.runId === slot.current?.runId) {
      // Back on the run being served (e.g. rolled back from a broken one): nothing to load, nothing failing.
      slot.etag = etag
      if (slot.failed) metrics.lastLoadFailed.set({ model }, 0)
      slot.failed = null
      return { model, outcome: 'unchanged' }
    }
    if (etag === slot.etag || etag === slot.failed?.etag) return { model, outcome: 'unchanged' }
    let next: ServedModel
    try {
      next = await this.deps.load(model, record.runId, Registry.recordedManifestSha256(record))
    } catch (error) {
      const message = describeError(error)
      slot.failed = { runId: record.runId, etag }
      metrics.loadFailed(model, record.runId)
      log.error('load failed; still serving the previous run', {
        model,
        alias,
        run_id: record.runId,
        serving: slot.current?.runId ?? null,
        error: message,
      })
      return { model, outcome: 'failed', runId: record.runId, error: message }
    }
    const previous = slot.current
    slot.current = next
    slot.etag = etag
    slot.failed = null
    if (previous) {
      if (slot.leases.has(previous)) slot.retired.add(previous)
      else previous.dispose()
    }
    metrics.served(model, alias, next.runId, previous?.runId ?? null)
    log.info('serving run', { model, alias, run_id: next.runId, previous: previous?.runId ?? null })
    return { model, outcome: 'swapped', from: previous?.runId ?? null, to: next.runId }
  }

  start(timer: PollTimer, intervalMs: number): void {
    this.stopTimer = timer.every(intervalMs, () => void this.pollOnce())
  }

  /** Stop polling, wait for a poll under way, and dispose every model no request holds. */
  async close(): Promise<void> {
    this.stopTimer?.()
    this.stopTimer = null
    await this.polling?.catch(() => undefined)
    for (const slot of this.slots.values()) {
      if (slot.current) {
        if (slot.leases.has(slot.current)) slot.retired.add(slot.current)
        else slot.current.dispose()
      }
      slot.current = null
    }
  }
}
