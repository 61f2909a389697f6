import { UserError } from '../errors.js'
import type { PipelineDeps, RunMeta } from '../pipeline/types.js'
import { Registry, type RunManifest } from '../store/registry.js'

/**
 * The run a command works on: --run ID, else the first of `aliases` the model has (drift: production, then
 * champion). The manifest read is the one the alias recorded (an edited manifest is refused).
 */
export async function resolveRun(
  deps: PipelineDeps,
  model: string,
  ref: { runId?: string; aliases: readonly string[] },
): Promise<{ runId: string; via: string; manifest: RunManifest<RunMeta> }> {
  if (ref.runId)
    return {
      runId: ref.runId,
      via: `run ${ref.runId}`,
      manifest: await deps.registry.readManifest<RunMeta>(model, ref.runId),
    }
  for (const alias of ref.aliases) {
    const current = await deps.registry.getAlias(model, alias)
    if (!current) continue
    const runId = current.record.runId
    const manifest = await deps.registry.readManifest<RunMeta>(
      model,
      runId,
      Registry.recordedManifestSha256(current.record),
    )
    return { runId, via: `${alias} run ${runId}`, manifest }
  }
  throw new UserError(
    `model "${model}" has no ${ref.aliases.join(' or ')} in ${deps.registry.store.location}; pass --run ID`,
  )
}

export function readJsonFile<T>(body: Uint8Array, label: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(body)) as T
  } catch {
    throw new UserError(`${label} is not valid JSON`)
  }
}
