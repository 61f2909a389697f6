import type { RunMeta } from '../../src/pipeline/types.js'
import type { Registry } from '../../src/store/registry.js'

/**
 * A copy of a stored run (the same files) under a new id with another gate record, as if it had been trained
 * and compared with that outcome: how the tests make a champion or a PR run that failed or was inconclusive.
 */
export async function copyRunWithVerdict(
  registry: Registry,
  model: string,
  fromRun: string,
  newRun: string,
  comparedWith: RunMeta['comparedWith'],
): Promise<string> {
  const manifest = await registry.readManifest<RunMeta>(model, fromRun)
  const files: Record<string, Uint8Array> = {}
  for (const f of manifest.files) files[f.path] = await registry.readRunFile(manifest, f.path)
  await registry.writeRun(model, newRun, files, { ...manifest.meta, comparedWith })
  return newRun
}
