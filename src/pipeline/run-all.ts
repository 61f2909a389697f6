import { confineSpec } from '../config/confine.js'
import { findModelDirs, loadSpec, type ModelSpec } from '../config/load-spec.js'
import { SpecError } from '../errors.js'
import { worstVerdict } from '../gate/outcome.js'
import type { ModelVerdict } from '../gate/types.js'
import { checkSpecColumnsEarly } from '../data/spec-columns.js'
import { withLocalData } from './remote-data.js'
import { runModel } from './run-model.js'
import type { ModelResult, NotTrained, PipelineDeps } from './types.js'

/** The machine-readable results of one `modelgate run` (the --json file and the Action's `results` output). */
export interface RunResults {
  schema: 1
  tool: { name: 'modelgate'; version: string }
  commit: string | null
  ref: string | null
  store: string
  createdAt: string
  verdict: ModelVerdict
  models: ModelResult[]
  /** Models a fan-out's plan left out (`changed-only`: nothing they are made from changed), with why. */
  notTrained?: NotTrained[]
}

/** Load every spec first, so a bad spec fails the run before any model trains or anything is stored. */
export async function loadSpecs(
  patterns: string[],
  cwd: string,
  options: { root?: string; allowOutsideWorkspace?: boolean } = {},
): Promise<ModelSpec[]> {
  const dirs = await findModelDirs(patterns, cwd)
  const specs: ModelSpec[] = []
  for (const dir of dirs) {
    const spec = await loadSpec(dir, options.root ?? cwd)
    await confineSpec(spec, cwd, options.allowOutsideWorkspace ?? false)
    specs.push(spec)
  }
  const names = new Map<string, string>()
  for (const spec of specs) {
    const other = names.get(spec.name)
    if (other)
      throw new SpecError(
        spec.specFile,
        `${spec.specFile}: model name "${spec.name}" is also used by ${other}; names must be unique`,
      )
    names.set(spec.name, spec.specFile)
  }
  for (const spec of specs) await checkSpecColumnsEarly(spec)
  return specs
}

export async function runAll(
  specs: ModelSpec[],
  deps: PipelineDeps,
  options: { promote: boolean },
): Promise<RunResults> {
  const models: ModelResult[] = []
  for (const spec of specs)
    models.push(
      await withLocalData(
        spec,
        deps.registry.store,
        (local) => runModel(local, deps, options),
        deps.commandEnv,
      ),
    )
  return runResults(models, deps)
}

/** The results envelope of one invocation (the CLI's --json, the Action's results file, the fan-out report). */
export function runResults(
  models: ModelResult[],
  deps: Pick<PipelineDeps, 'toolVersion' | 'git' | 'registry' | 'clock'>,
): RunResults {
  return {
    schema: 1,
    tool: { name: 'modelgate', version: deps.toolVersion },
    commit: deps.git.commit,
    ref: deps.git.ref,
    store: deps.registry.store.location,
    createdAt: deps.clock.now().toISOString(),
    verdict: worstVerdict(models.map((m) => m.verdict)),
    models,
  }
}

/** Results as JSON, NaN/Infinity as null (JSON has neither); the CLI's --json and the Action's results file. */
export function resultsJson(results: RunResults): string {
  return `${JSON.stringify(results, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`
}
