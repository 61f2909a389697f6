import { UserError } from '../errors.js'
import type { Clock } from '../util/clock.js'
import { MANIFEST, Registry } from './registry.js'

/**
 * `modelgate gc`: what interrupted runs left behind, and old runs nothing points at.
 *
 *   - leftovers: run folders without a manifest (a run that crashed while storing) and `*.tmp-*` files (a
 *     write interrupted between the temporary file and the rename), once older than LEFTOVER_GRACE_MS and,
 *     for temporary files, once their writer is not running: a run being stored right now is never touched;
 *   - unreferenced runs: complete runs older than the retention that no alias points at and that no alias
 *     history names (as the run or as its previous run), so every rollback target survives;
 *   - pull-request runs (git ref refs/pull/…, or a pull request number recorded by the Action) may get a shorter
 *     retention than other runs.
 *
 * A damaged alias stops gc before it deletes anything: what it references cannot be known.
 */
export interface GcOptions {
  /** Delete complete unreferenced runs older than this many days; undefined: keep every complete run. */
  keepDays?: number
  /** The same for pull-request runs; defaults to keepDays. */
  keepPrDays?: number
  /** Actually delete; without it, only report. */
  apply: boolean
}

export interface GcItem {
  model: string
  /** The run folder or the single key. */
  what: string
  reason: string
  keys: string[]
}

export interface GcPlan {
  items: GcItem[]
  kept: { model: string; runId: string; reason: string }[]
}

/** Leftovers younger than this may belong to a run still being stored. */
export const LEFTOVER_GRACE_MS = 60 * 60_000
const DAY_MS = 24 * 60 * 60_000

/** The time in a run id ("20261122T223501Z-ab12cd"), or null for ids modelgate did not make. */
export function runIdTime(runId: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(runId)
  if (!m) return null
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`)
  return Number.isNaN(date.getTime()) ? null : date
}

function isPullRequestRun(meta: Record<string, unknown>): boolean {
  const git = meta.git as { ref?: unknown; pullRequest?: unknown } | undefined
  const ref = typeof git?.ref === 'string' ? git.ref : ''
  return ref.startsWith('refs/pull/') || typeof git?.pullRequest === 'number'
}

export async function planGc(registry: Registry, clock: Clock, options: GcOptions): Promise<GcPlan> {
  const store = registry.store
  const now = clock.now().getTime()
  const keys = await store.list('models/')
  const items: GcItem[] = []
  const kept: GcPlan['kept'] = []
  const models = [...new Set(keys.map((k) => k.split('/')[1]!).filter(Boolean))]

  for (const leftover of (await store.listLeftovers?.('models/')) ?? []) {
    if (leftover.writerAlive || now - leftover.modified.getTime() < LEFTOVER_GRACE_MS) continue
    items.push({
      model: leftover.key.split('/')[1] ?? '',
      what: leftover.key,
      reason: 'temporary file of an interrupted write',
      keys: [leftover.key],
    })
  }

  for (const model of models) {
    const referenced = new Set<string>()
    for (const key of keys.filter((k) => k.startsWith(`models/${model}/aliases/`) && k.endsWith('.json'))) {
      const alias = key.slice(`models/${model}/aliases/`.length, -'.json'.length)
      // Throws (naming repair-alias) on a damaged alias: gc must not guess what it references.
      const current = await registry.getAlias(model, alias)
      if (!current) continue
      referenced.add(current.record.runId)
      for (const h of current.record.history) {
        referenced.add(h.runId)
        if (h.previous) referenced.add(h.previous)
      }
    }
    const runs = new Map<string, string[]>()
    for (const key of keys) {
      const parts = key.split('/')
      if (parts[0] !== 'models' || parts[1] !== model || parts[2] !== 'runs' || parts.length < 5) continue
      const runId = parts[3]!
      runs.set(runId, [...(runs.get(runId) ?? []), key])
    }
    for (const [runId, runKeys] of runs) {
      const manifestKey = `models/${model}/runs/${runId}/${MANIFEST}`
      const made = runIdTime(runId)
      const ageMs = made ? now - made.getTime() : null
      if (referenced.has(runId)) {
        kept.push({ model, runId, reason: 'an alias or its history points at it' })
        continue
      }
      if (!runKeys.includes(manifestKey)) {
        if (ageMs !== null && ageMs >= LEFTOVER_GRACE_MS)
          items.push({
            model,
            what: `models/${model}/runs/${runId}/`,
            reason: 'no manifest: an interrupted run',
            keys: runKeys,
          })
        else kept.push({ model, runId, reason: 'no manifest yet: it may be being stored now' })
        continue
      }
      let manifest
      try {
        manifest = await registry.readManifest(model, runId)
      } catch (error) {
        kept.push({ model, runId, reason: `manifest unreadable, kept: ${(error as Error).message}` })
        continue
      }
      const pr = isPullRequestRun(manifest.meta)
      const days = pr ? (options.keepPrDays ?? options.keepDays) : options.keepDays
      const created = Date.parse(manifest.createdAt)
      const age = Number.isFinite(created) ? now - created : ageMs
      if (days === undefined || age === null || age < days * DAY_MS) {
        kept.push({ model, runId, reason: days === undefined ? 'no retention set' : 'within the retention' })
        continue
      }
      // The manifest goes first: the run disappears as a whole, and a half-deleted run is a leftover.
      items.push({
        model,
        what: `models/${model}/runs/${runId}/`,
        reason: `${pr ? 'pull-request run' : 'run'} older than ${days} days, referenced by no alias`,
        keys: [manifestKey, ...runKeys.filter((k) => k !== manifestKey)],
      })
    }
  }
  return { items, kept }
}

/** Delete what the plan lists, re-reading each model's aliases just before deleting its runs. */
export async function applyGc(registry: Registry, plan: GcPlan): Promise<number> {
  let deleted = 0
  for (const item of plan.items) {
    const runId = /\/runs\/([^/]+)\/$/.exec(item.what)?.[1]
    if (runId) {
      const aliases = await registry.store.list(`models/${item.model}/aliases/`)
      for (const key of aliases.filter((k) => k.endsWith('.json'))) {
        const alias = key.split('/').at(-1)!.slice(0, -'.json'.length)
        const current = await registry.getAlias(item.model, alias)
        const refs = current
          ? [current.record.runId, ...current.record.history.flatMap((h) => [h.runId, h.previous])]
          : []
        if (refs.includes(runId))
          throw new UserError(
            `gc: ${alias} of "${item.model}" now points at ${runId}; stopped, nothing more deleted`,
          )
      }
    }
    for (const key of item.keys) {
      await registry.store.delete(key)
      deleted++
    }
  }
  return deleted
}
