import type { ModelSpec } from '../config/load-spec.js'
import { commandEnvironment } from '../train/external/command-env.js'
import type { FamilyEnv } from '../train/family.js'
import type { PipelineDeps } from './types.js'

/** What a model family may use of the pipeline's dependencies. */
export function familyEnv(
  deps: Pick<PipelineDeps, 'runtime' | 'commandEnv' | 'logger'>,
  spec?: ModelSpec,
): FamilyEnv {
  return {
    ...(spec ? { spec } : {}),
    tf: deps.runtime,
    // Entry points pass the job's environment without the token; a bare PipelineDeps (tests) gets none of it.
    commandEnv: deps.commandEnv ?? commandEnvironment({ PATH: process.env.PATH }, []),
    logger: deps.logger,
  }
}
