import { PreconditionFailedError, UserError } from '../errors.js'
import type { ObjectStore } from '../store/object-store.js'
import { MANIFEST, type ManifestFile, type Registry, type RunManifest } from '../store/registry.js'

/** The pointer serving code reads: `<prefix>/<model>/current.json`. */
export const POINTER = 'current.json'
const POINTER_RETRIES = 12

export interface DeploymentPointer {
  schema: 1
  model: string
  alias: string
  runId: string
  /** The alias version this pointer shows: a pointer is only ever replaced by one of a later version. */
  aliasVersion: number
  /** Where the run's files are, relative to the deploy-to prefix: `<model>/<runId>/`. */
  path: string
  location: string
  release: string | null
  deployedAt: string
  by: string
  files: ManifestFile[]
}

const encoder = new TextEncoder()
const json = (value: unknown): Uint8Array => encoder.encode(`${JSON.stringify(value, null, 2)}\n`)

/**
 * Copy a run's files (each checked against its manifest's sha256 on the way) under `<model>/<runId>/` of the
 * target, then write `<model>/current.json` last, so a reader that follows the pointer never finds a half-copied
 * model. Copies are never deleted: a rollback only moves the pointer back. The pointer is written with
 * compare-and-swap and only over an older alias version, so a slow deploy can never overwrite the pointer a
 * later rollback wrote.
 */
export async function deliverToStore(
  registry: Registry,
  target: ObjectStore,
  manifest: RunManifest<unknown>,
  pointer: Omit<DeploymentPointer, 'schema' | 'path' | 'location' | 'files' | 'model' | 'runId'>,
): Promise<{ pointer: DeploymentPointer; written: boolean; note: string }> {
  const dir = `${manifest.model}/${manifest.runId}/`
  for (const file of manifest.files) {
    await target.put(`${dir}${file.path}`, await registry.readRunFile(manifest, file.path))
  }
  await target.put(`${dir}${MANIFEST}`, json(manifest))
  const record: DeploymentPointer = {
    schema: 1,
    model: manifest.model,
    runId: manifest.runId,
    path: dir,
    location: `${target.location.replace(/\/+$/, '')}/${dir}`,
    files: manifest.files,
    ...pointer,
  }
  const key = `${manifest.model}/${POINTER}`
  for (let attempt = 0; attempt < POINTER_RETRIES; attempt++) {
    const current = await target.get(key)
    if (current) {
      const shown = readPointer(current.body, `${target.location}/${key}`)
      if (shown.aliasVersion >= record.aliasVersion && shown.alias === record.alias) {
        const note =
          shown.runId === record.runId
            ? `${key} already points at ${record.runId}`
            : `${key} was not changed: it shows a later change (${shown.runId}, version ${shown.aliasVersion})`
        return { pointer: shown, written: false, note }
      }
    }
    try {
      await target.put(key, json(record), current ? { ifMatch: current.etag } : { ifNoneMatch: '*' })
      return { pointer: record, written: true, note: `${key} → ${record.runId}` }
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error
    }
  }
  throw new UserError(`${target.location}/${key} kept changing under ${POINTER_RETRIES} attempts; try again`)
}

export function readPointer(body: Uint8Array, where: string): DeploymentPointer {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(body)) as DeploymentPointer
    if (typeof parsed.runId !== 'string' || typeof parsed.aliasVersion !== 'number') throw new Error()
    return parsed
  } catch {
    throw new UserError(
      `${where}: not a modelgate deployment pointer (damaged, or written by something else)`,
    )
  }
}
