import { UserError } from '../errors.js'
import { CHAMPION } from '../pipeline/champion.js'
import type { RunMeta } from '../pipeline/types.js'
import { shortSha } from '../util/numbers.js'
import type { Registry, RunManifest } from '../store/registry.js'
import type { GitReader } from './git-reader.js'

/** Why a run may go to production: it passed its gate, was the first champion, or was inconclusive (allowed). */
export type GateStanding = 'pass' | 'first champion' | 'inconclusive'

export interface DeployableRun {
  model: string
  runId: string
  manifest: RunManifest<RunMeta>
  commit: string | null
  standing: GateStanding
}

export interface GateRequirements {
  /** `allow-inconclusive: true`: an inconclusive verdict may be deployed. */
  allowInconclusive: boolean
  /** The run's commit must be reachable from this ref (the release tag), checked with `git`. */
  reachableFrom?: { ref: string; label: string; git: GitReader }
}

/**
 * Read a run's gate record (the verdict stored in its manifest when it was made) and refuse, with a message
 * that says what to do, a run that did not pass. A run never compared with a champion passes only if it was
 * the first champion (its promotion had no predecessor); else it has no gate record at all.
 */
export async function checkDeployable(
  registry: Registry,
  model: string,
  runId: string,
  requirements: GateRequirements,
): Promise<DeployableRun> {
  const manifest = await registry.readManifest<RunMeta>(model, runId)
  const compared = manifest.meta.comparedWith
  const refuse = (why: string, todo: string): UserError =>
    new UserError(`model "${model}": run ${runId} cannot be deployed: ${why}. ${todo}`)
  let standing: GateStanding
  if (compared) {
    const against = `against champion ${compared.runId}`
    if (compared.verdict === 'pass') standing = 'pass'
    else if (compared.verdict === 'inconclusive' && requirements.allowInconclusive) standing = 'inconclusive'
    else if (compared.verdict === 'inconclusive')
      throw refuse(
        `its gate verdict is inconclusive (${against})`,
        'Deploy a run that passed, or set allow-inconclusive: true to accept it',
      )
    else
      throw refuse(
        `its gate verdict is ${compared.verdict} (${against})`,
        'Only a run that passed its gate can be deployed: merge a change whose run passes, promote it, and release again',
      )
  } else {
    const champion = await registry.getAlias(model, CHAMPION)
    const promotion = champion?.record.history.find((h) => h.action === 'promote' && h.runId === runId)
    if (!promotion || promotion.previous !== null)
      throw refuse(
        'it has no gate record (it was never compared with a champion, and it was not the first champion)',
        'Deploy a run that passed its gate',
      )
    standing = 'first champion'
  }
  const commit = manifest.meta.git?.commit ?? null
  const reach = requirements.reachableFrom
  if (reach) {
    if (!commit)
      throw refuse(
        `it records no commit, so it cannot be shown to be part of ${reach.label}`,
        'Deploy a run trained in CI on a commit of this repository',
      )
    if (!(await reach.git.isAncestor(commit, reach.ref)))
      throw refuse(
        `it was trained on commit ${shortSha(commit)}, which is not reachable from ${reach.label}`,
        `Release a tag that contains ${shortSha(commit)}, or promote a run trained on the released code`,
      )
  }
  return { model, runId, manifest, commit, standing }
}
