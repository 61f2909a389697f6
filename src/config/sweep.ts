import { parseDocument } from 'yaml'
import { SpecError } from '../errors.js'
import { Rng } from '../util/rng.js'
import { parseSpec, type ModelSpec } from './load-spec.js'
import type { ParamValues, SweepConfig } from './sweep-schema.js'

/** One point of a sweep: `model.*` keys (dotted) and their values. Empty for a model without a sweep. */
export type TrialParams = Record<string, number | string | boolean | number[]>

/** One matrix entry of a model: a trial (its parameters) and a seed offset. */
export interface TrialEntry {
  trial: number
  params: TrialParams
  /** 0 … seeds−1, added to model.seed. */
  seedIndex: number
}

function isRange(v: ParamValues): v is Extract<ParamValues, { min: number }> {
  return !Array.isArray(v)
}

function gridPoints(spec: ModelSpec, sweep: SweepConfig): TrialParams[] {
  let points: TrialParams[] = [{}]
  for (const [name, values] of Object.entries(sweep.params)) {
    if (isRange(values))
      throw new SpecError(
        spec.specFile,
        `${spec.specFile}: sweep.params.${name}: a grid needs a list of values (a range {min, max} is for method: random)`,
      )
    points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })))
  }
  if (sweep.trials !== undefined && points.length > sweep.trials)
    throw new SpecError(
      spec.specFile,
      `${spec.specFile}: sweep: the grid has ${points.length} combinations, more than sweep.trials (${sweep.trials}); raise the budget or drop values`,
    )
  return points
}

function randomPoints(spec: ModelSpec, sweep: SweepConfig): TrialParams[] {
  if (sweep.trials === undefined)
    throw new SpecError(spec.specFile, `${spec.specFile}: sweep.trials: method random needs a trial budget`)
  const rng = new Rng(sweep.seed)
  const points: TrialParams[] = []
  for (let t = 0; t < sweep.trials; t++) {
    const point: TrialParams = {}
    // Parameters are drawn in the spec's key order, so a trial's values depend only on the seed and the keys.
    for (const [name, values] of Object.entries(sweep.params)) {
      if (!isRange(values)) {
        point[name] = values[Math.floor(rng.next() * values.length)]!
        continue
      }
      const u = rng.next()
      const v = values.log
        ? Math.exp(Math.log(values.min) + u * (Math.log(values.max) - Math.log(values.min)))
        : values.min + u * (values.max - values.min)
      // Six significant digits: the value reads well in the report and in the stored spec.yml.
      point[name] = values.int ? Math.round(v) : Number(v.toPrecision(6))
    }
    points.push(point)
  }
  return points
}

/** Every entry of a model's plan: trials × seeds, in a stable order (trial, then seed). */
export function trialEntries(spec: ModelSpec): TrialEntry[] {
  const sweep = spec.sweep
  const points = !sweep ? [{}] : sweep.method === 'grid' ? gridPoints(spec, sweep) : randomPoints(spec, sweep)
  const seeds = spec.seeds ?? 1
  return points.flatMap((params, trial) =>
    Array.from({ length: seeds }, (_, seedIndex) => ({ trial, params, seedIndex })),
  )
}

/**
 * The spec one entry trains: the model's YAML with the trial's `model.*` values and seed written in and the
 * fan-out keys removed, parsed (and so validated) again. Its bytes are what the run stores as spec.yml, so the
 * stored run can be retrained as it was. With a sweep, training holds out the validation split.
 */
export function trialSpec(spec: ModelSpec, entry: TrialEntry): ModelSpec {
  const doc = parseDocument(new TextDecoder().decode(spec.specBytes))
  for (const [name, value] of Object.entries(entry.params)) doc.setIn(['model', ...name.split('.')], value)
  if (spec.seeds !== undefined) doc.setIn(['model', 'seed'], spec.model.seed + entry.seedIndex)
  doc.delete('sweep')
  doc.delete('seeds')
  const bytes = new TextEncoder().encode(doc.toString())
  let parsed: ModelSpec
  try {
    parsed = parseSpec(bytes, spec.specFile)
  } catch (error) {
    if (!(error instanceof SpecError)) throw error
    const values = Object.entries(entry.params)
      .map(([k, v]) => `model.${k}=${JSON.stringify(v)}`)
      .join(', ')
    throw new SpecError(spec.specFile, `${error.message} (in sweep trial ${entry.trial}: ${values})`)
  }
  return {
    ...parsed,
    name: spec.name,
    specPath: spec.specPath,
    ...(spec.sweep ? { holdout: spec.sweep.validation } : {}),
  }
}

/** The metric a sweep ranks trials by (the spec's sweep.metric, else its first gated metric). */
export function selectionMetric(spec: ModelSpec): string {
  return spec.sweep?.metric ?? Object.keys(spec.gate.metrics)[0] ?? spec.metricNames[0]!
}
