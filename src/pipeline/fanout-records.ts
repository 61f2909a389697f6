import type { TrialParams } from '../config/sweep.js'
import type { ObjectStore } from '../store/object-store.js'
import type { ModelResult } from './types.js'

/**
 * What one matrix job leaves in the store for the report job: its entry, the run it stored, the selection
 * metric on its validation split, and its result (trained without the validation rows, compared with the
 * champion on the eval rows). Written once per entry at `fanout/<workflow run id>/<entry>.json`; a re-run of a
 * failed job overwrites its own record only.
 */
export interface EntryRecord {
  schema: 1
  workflowRun: string
  entry: string
  model: string
  trial: number
  seed: number
  params: TrialParams
  status: 'ok' | 'failed'
  /** Why the entry failed (status failed), or null. */
  error: string | null
  runId: string | null
  /** The sweep's selection metric on the validation split (null without a sweep). */
  selection: { metric: string; value: number; rows: number; source: string } | null
  result: ModelResult | null
  commit: string | null
}

const PREFIX = 'fanout'

export function entryKey(workflowRun: string, entry: string): string {
  return `${PREFIX}/${workflowRun}/${entry}.json`
}

const encoder = new TextEncoder()

export async function writeEntryRecord(store: ObjectStore, record: EntryRecord): Promise<void> {
  // NaN and ±Infinity become null, as in the results file.
  const json = JSON.stringify(record, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? null : v,
  )
  await store.put(entryKey(record.workflowRun, record.entry), encoder.encode(`${json}\n`))
}

/** An entry's record, null when there is none; a record that is not one is reported as unreadable. */
export async function readEntryRecord(
  store: ObjectStore,
  workflowRun: string,
  entry: string,
): Promise<EntryRecord | { unreadable: string } | null> {
  const object = await store.get(entryKey(workflowRun, entry))
  if (!object) return null
  try {
    const record = JSON.parse(new TextDecoder().decode(object.body)) as EntryRecord
    const ok =
      record.schema === 1 &&
      record.entry === entry &&
      record.workflowRun === workflowRun &&
      (record.status === 'failed' ||
        (record.status === 'ok' && record.result !== null && record.runId !== null))
    return ok ? record : { unreadable: `${entryKey(workflowRun, entry)} is not an entry record of this run` }
  } catch {
    return { unreadable: `${entryKey(workflowRun, entry)} is not valid JSON` }
  }
}
