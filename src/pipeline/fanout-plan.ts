import path from 'node:path'
import type { ModelSpec } from '../config/load-spec.js'
import { trialEntries, trialSpec, type TrialParams } from '../config/sweep.js'
import { contentHash } from '../data/read-table.js'
import { describeError, UserError } from '../errors.js'
import { sha256Hex, type Registry } from '../store/registry.js'
import { SPEC_RUN_FILE } from '../types/run-layout.js'
import type { GitRunner } from '../util/git.js'
import { CHAMPION } from './champion.js'
import { withLocalData } from './remote-data.js'
import type { NotTrained, RunMeta } from './types.js'

/** One matrix job: a model's trial and seed. `entry` is its id (artifact names, store keys, the train input). */
export interface PlanEntry {
  entry: string
  model: string
  trial: number
  /** 0 … seeds−1 (added to model.seed). */
  seed: number
  params: TrialParams
}

/** The output of `modelgate plan`: what to train, and which models need nothing and why. */
export interface FanoutPlan {
  schema: 1
  entries: PlanEntry[]
  /** Models `changed-only` left out: nothing they are made from changed against their champion. */
  skipped: NotTrained[]
  /** Models that train, with why (a first run, what changed), for the log and the report. */
  reasons: { model: string; reason: string }[]
}

/** GitHub Actions' `strategy.matrix` for a plan: one `include` item per entry (the ids only). */
export function matrixOf(plan: FanoutPlan): { include: { entry: string; model: string }[] } {
  return { include: plan.entries.map(({ entry, model }) => ({ entry, model })) }
}

export function entryId(model: string, trial: number, seed: number): string {
  return `${model}.t${trial}.s${seed}`
}

/** Every entry of one model (trials × seeds); each trial's spec is built once, so a bad value fails here. */
export function modelEntries(spec: ModelSpec): PlanEntry[] {
  return trialEntries(spec).map((t) => {
    trialSpec(spec, t)
    return {
      entry: entryId(spec.name, t.trial, t.seedIndex),
      model: spec.name,
      trial: t.trial,
      seed: t.seedIndex,
      params: t.params,
    }
  })
}

export interface ChangeProbe {
  registry: Registry
  git: GitRunner
  /** The repository's work tree (the code check asks git about the model folder in it). */
  cwd: string
  toolVersion: string
}

/**
 * Why a model must train again, or null when its champion was made from this very spec (one of its trials),
 * the same data bytes, the same model-folder code and the same modelgate version.
 */
async function changeReason(spec: ModelSpec, probe: ChangeProbe): Promise<string> {
  const alias = await probe.registry.getAlias(spec.name, CHAMPION)
  if (!alias) return 'no champion yet'
  const manifest = await probe.registry.readManifest<RunMeta>(spec.name, alias.record.runId)
  const meta = manifest.meta
  const stored = manifest.files.find((f) => f.path === SPEC_RUN_FILE)?.sha256
  const trials = trialEntries(spec).map((t) => sha256Hex(trialSpec(spec, t).specBytes))
  // A spec without fan-out keys is its own only trial only when it has neither sweep nor seeds.
  if (!spec.sweep && spec.seeds === undefined) trials.push(spec.specHash)
  if (!stored || !trials.includes(stored))
    return `the spec changed (champion ${alias.record.runId} was trained from another ${path.basename(spec.specFile)})`
  const data = await withLocalData(spec, probe.registry.store, (local) =>
    dataHashOf(local.trainFiles, local.evalFiles),
  )
  if (data !== meta.data.sha256) return `the data changed (sha256 ${data.slice(0, 12)}… ≠ the champion's)`
  if (meta.tool.version !== probe.toolVersion)
    return `modelgate changed (${meta.tool.version} → ${probe.toolVersion})`
  const commit = meta.git?.commit
  if (!commit)
    return `the champion ${alias.record.runId} records no commit, so code changes cannot be ruled out`
  if (meta.git.dirty) return `the champion ${alias.record.runId} was trained from uncommitted changes`
  const rel = path.relative(probe.cwd, spec.dir) || '.'
  const diff = await probe.git(['diff', '--name-only', commit, '--', rel], probe.cwd)
  if (diff === null)
    return `cannot tell whether the code in ${rel} changed since ${commit.slice(0, 7)} (git does not know that commit; check out with fetch-depth: 0)`
  const ignored = new Set(
    [spec.specFile, ...spec.trainFiles, ...(spec.evalFiles ?? [])].map((f) => path.resolve(f)),
  )
  // git prints paths relative to the repository's top (the workspace); spec and data were compared by content.
  const changed = diff.split('\n').filter((f) => f !== '' && !ignored.has(path.resolve(probe.cwd, f)))
  if (changed.length > 0) return `code changed in ${rel}: ${changed.slice(0, 5).join(', ')}`
  return ''
}

/**
 * The plan for these specs: every model's entries, or with `changedOnly` only those of models whose spec,
 * data or code changed against their champion (each skipped model is listed with the reason).
 */
export async function buildPlan(
  specs: ModelSpec[],
  options: { changedOnly: boolean; probe?: ChangeProbe },
): Promise<FanoutPlan> {
  const plan: FanoutPlan = { schema: 1, entries: [], skipped: [], reasons: [] }
  for (const spec of specs) {
    const entries = modelEntries(spec)
    if (options.changedOnly) {
      if (!options.probe) throw new Error('changed-only needs the store and git')
      let reason: string
      try {
        reason = await changeReason(spec, options.probe)
      } catch (error) {
        if (!(error instanceof UserError)) throw error
        reason = `the champion could not be compared (${describeError(error)}), so it trains`
      }
      if (reason === '') {
        plan.skipped.push({
          model: spec.name,
          reason:
            'unchanged: its champion was trained from this spec, the same data bytes, code and modelgate version',
        })
        continue
      }
      plan.reasons.push({ model: spec.name, reason })
    }
    plan.entries.push(...entries)
  }
  return plan
}

/** RunMeta.data.sha256 for these files, without parsing them (loadDataset's `<train>` or `<train>+<eval>`). */
async function dataHashOf(trainFiles: string[], evalFiles: string[] | undefined): Promise<string> {
  const train = await contentHash(trainFiles)
  return evalFiles ? `${train}+${await contentHash(evalFiles)}` : train
}
