import type { ModelSpec } from '../config/load-spec.js'
import { AccessDeniedError, describeError } from '../errors.js'
import type { PipelineDeps, RunMeta } from './types.js'

/** Whether the run was stored; if not, why, and whether that is a failure the CLI and the Action exit on. */
export interface StoreOutcome {
  stored: boolean
  storeNote: string | null
  storeFailure: string | null
  /** The note again when writing failed (a read-only store is expected, not worth a warning). */
  warnings: string[]
}

/** The store stage: write the run's files and manifest, unless the store is read-only here. */
export async function storeRun(
  spec: ModelSpec,
  deps: Pick<PipelineDeps, 'registry' | 'storeWritable'>,
  runId: string,
  files: Record<string, Uint8Array>,
  meta: RunMeta,
): Promise<StoreOutcome> {
  const { registry } = deps
  if (!deps.storeWritable)
    return {
      stored: false,
      storeNote: `not stored: ${registry.store.location} is read-only here`,
      storeFailure: null,
      warnings: [],
    }
  try {
    await registry.writeRun(spec.name, runId, files, meta)
    return { stored: true, storeNote: null, storeFailure: null, warnings: [] }
  } catch (error) {
    // Read-only credentials (a fork's pull request): report without storing instead of failing the run.
    // Any other failure (S3 503 after the retries, a full disk) is reported the same way, so the verdict,
    // report and outputs are still written, and marked as a failure the CLI and the Action exit non-zero on.
    const storeNote = `not stored: ${describeError(error)}`
    return {
      stored: false,
      storeNote,
      storeFailure: error instanceof AccessDeniedError ? null : storeNote,
      warnings: [storeNote],
    }
  }
}
