import { confineToWorkspace } from '../util/safe-paths.js'
import { isDataUrl, type ModelSpec } from './load-spec.js'

/** How a user allows paths outside the workspace: the CLI flag and the Action input say the same. */
export const ALLOW_OUTSIDE_OPT_IN =
  '--allow-outside-workspace (CLI) or allow-outside-workspace: true (Action)'

/**
 * A spec's model folder and every data file must lie inside the workspace (the repository) once symlinks
 * are followed: a spec from a pull request must not be able to read `/etc/passwd`, `/proc/self/environ` or
 * `../../outside/secret.csv` into a model, a report or an error message.
 */
export async function confineSpec(spec: ModelSpec, workspace: string, allowOutside: boolean): Promise<void> {
  const optIn = ALLOW_OUTSIDE_OPT_IN
  await confineToWorkspace(spec.dir, workspace, { what: 'model folder', allowOutside, optIn })
  // An s3:// location is no path on this machine; it is read with the store's credentials (data/s3.ts).
  for (const file of [...spec.trainFiles, ...(spec.evalFiles ?? [])].filter((f) => !isDataUrl(f))) {
    await confineToWorkspace(file, workspace, { what: `${spec.specFile}: data file`, allowOutside, optIn })
  }
}
