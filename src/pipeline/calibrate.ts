import { promises as fs } from 'node:fs'
import path from 'node:path'
import { confineSpec } from '../config/confine.js'
import { findModelDirs, loadSpec, MODELS_DIR, SPEC_FILE, type ModelSpec } from '../config/load-spec.js'
import { UserError } from '../errors.js'
import { computeMetrics, METRICS } from '../evaluate/metrics.js'
import { compareModels } from '../gate/compare.js'
import { normalCdf, normalQuantile } from '../gate/stats/normal.js'
import { familyFor } from '../train/families.js'
import type { FamilyEnv } from '../train/family.js'
import type { Logger } from '../util/logger.js'
import { formatCount } from '../util/numbers.js'
import { Rng } from '../util/rng.js'
import { prepareData } from './prepare.js'
import { storeCalibration, type CalibrationSummary } from './calibration-store.js'
import { familyEnv } from './family-env.js'
import type { PipelineDeps } from './types.js'

/**
 * `modelgate calibrate NAME --seeds K`: how much a harmless retrain moves each gated metric on this eval set.
 * The spec is retrained K times by its model family — an MLP (or an external command) with seeds seed+1 …
 * seed+K, a logistic/linear model (which a seed does not change) on K seeded bootstrap draws of the training
 * rows — and every retrain is scored on the eval rows with the model as trained. Adjacent retrains are put through the real gate (compareModels) as champion and challenger, which
 * gives the CI half-width and the detectable drop a report would state for a challenger this close.
 *
 * Suggested margin δ* = typical half-width + z₀.₉₀ · sd(paired Δ). A harmless challenger passes when the
 * CI's lower end Δ − hw ≥ −δ; with Δ ~ N(0, sd(paired Δ)²) over retrains, P(pass) = Φ((δ − hw)/sd(paired Δ)),
 * which is 0.9 at δ*. It is per metric; with several gated metrics and slices all of them must pass.
 */

export const SUGGESTION_RULE =
  'suggested margin = typical CI half-width + z₀.₉₀ × sd(paired Δ): the smallest margin at which a harmless retrain passes this metric about 9 times in 10'

const Z90 = normalQuantile(0.9)
export const DEFAULT_SEEDS = 10

export interface MetricCalibration {
  metric: string
  label: string
  /** The metric of each retrain on the eval rows. */
  values: number[]
  mean: number
  /** Standard deviation across retrains (divisor K − 1). */
  sd: number
  /** sd of the (oriented) differences over all pairs of retrains; √2·sd, computed from the pairs. */
  sdDiff: number
  /** Median over adjacent pairs of the gate's CI half-width and standard error. */
  halfWidth: number
  se: number
  /** Configured margin (max_drop, or max_drop_pct of the mean), null when the metric only has a floor. */
  margin: number | null
  marginPct: number | null
  /** Median detectable drop the gate states for adjacent retrains at the configured margin. */
  detectableDrop: number | null
  suggestedMargin: number
  /** Φ((margin − halfWidth)/sd(paired Δ)): how often a harmless retrain passes at the configured margin. */
  passRateAtMargin: number | null
}

export interface CalibrationResult {
  schema: 1
  model: string
  createdAt: string
  spec: { file: string; sha256: string }
  method: 'seeds' | 'bootstrap'
  /** Seeds (MLP) or bootstrap seeds (linear models) of the retrains. */
  seeds: number[]
  trainRows: number
  evalRows: number
  confidence: number
  rule: string
  metrics: MetricCalibration[]
  /** What the run report shows (ModelResult['calibration']). */
  summary: CalibrationSummary
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

function sampleSd(values: number[]): number {
  const m = values.reduce((a, b) => a + b, 0) / values.length
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1))
}

/** Row multiplicities of one bootstrap draw of n rows (n draws with replacement). */
export function bootstrapWeights(n: number, seed: number): Float64Array {
  const rng = new Rng(seed)
  const weight = new Float64Array(n)
  for (let i = 0; i < n; i++) weight[rng.int(n)]! += 1
  return weight
}

/** Metrics the gate tests (not informational), in the spec's order. */
function gatedMetrics(spec: ModelSpec): string[] {
  return Object.entries(spec.gate.metrics)
    .filter(([, g]) => !g.informational)
    .map(([m]) => m)
}

export async function calibrateModel(
  spec: ModelSpec,
  options: { seeds: number; logger: Logger; now: Date; env?: FamilyEnv },
): Promise<CalibrationResult> {
  const k = options.seeds
  if (!Number.isSafeInteger(k) || k < 2)
    throw new UserError(`--seeds ${String(k)}: calibration needs at least 2 retrains`)
  const metrics = gatedMetrics(spec)
  if (metrics.length === 0)
    throw new UserError(`${spec.specFile}: gate.metrics has no gated (non-informational) metric to calibrate`)
  const { dataset, preprocessor, training } = await prepareData(spec)
  const family = familyFor(spec.model.type)
  const method = family.retrain
  const base = spec.model.seed
  const seeds = Array.from({ length: k }, (_, i) => base + i + 1)
  const what = method === 'seeds' ? 'seed' : 'bootstrap draw'
  options.logger.info(
    `${spec.name}: calibrating with ${k} retrains (${method === 'seeds' ? `seeds ${seeds[0]}…${seeds[k - 1]}` : `bootstrap draws of the ${formatCount(training.n)} training rows; a seed does not change a ${spec.model.type} model`})`,
  )

  // K trainings' epoch lines would bury the table: they go to --debug; one progress line per retrain stays.
  const { logger } = options
  const quiet: Logger = {
    info: (m) => logger.debug(m),
    warn: (m) => logger.warn(m),
    progress: (m) => logger.debug(m),
    debug: (m) => logger.debug(m),
  }
  // Retrains score in memory with the model as trained; a family that needs tfjs to do so would load it here.
  const env: FamilyEnv = {
    ...(options.env ??
      familyEnv({ runtime: () => Promise.reject(new Error('calibration does not load tfjs')), logger })),
    spec,
    logger: quiet,
  }
  const predictions: Float64Array[] = []
  for (const [i, seed] of seeds.entries()) {
    const weight = method === 'seeds' ? undefined : bootstrapWeights(training.n, seed)
    const fitted = await family.fit(
      { spec, dataset, preprocessor, training, seed, logger: quiet, ...(weight ? { weight } : {}) },
      env,
    )
    try {
      predictions.push((await fitted.scorer.score(dataset.eval.table, dataset.eval.rows)).predictions)
    } finally {
      fitted.scorer.dispose()
    }
    logger.progress(`  retrain ${i + 1}/${k} (${what} ${seed}) done`)
  }

  const classes = dataset.target.classes.length
  const metricOptions = { classes, threshold: spec.threshold, names: metrics }
  const values = predictions.map((p) => computeMetrics(spec.task, dataset.eval.y, p, metricOptions))
  // Adjacent retrains through the real gate: the half-width and detectable drop a report would state.
  const gates = predictions.slice(1).map((challenger, i) =>
    compareModels({
      spec,
      y: dataset.eval.y,
      classes,
      champion: predictions[i]!,
      challenger,
      eval: dataset.eval,
    }),
  )
  const results: MetricCalibration[] = metrics.map((metric) => {
    const v = values.map((row) => row[metric]!)
    const sign = METRICS[metric]!.higherIsBetter ? 1 : -1
    const diffs: number[] = []
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) diffs.push(sign * (v[j]! - v[i]!))
    const sdDiff = Math.sqrt(diffs.reduce((a, d) => a + d * d, 0) / diffs.length)
    const overall = gates
      .map((g) => g.comparisons.find((c) => c.metric === metric && c.scope.kind === 'overall'))
      .filter((c) => c !== undefined)
    if (overall.length === 0 || overall.some((c) => Number.isNaN(c.halfWidth))) {
      throw new UserError(
        `${spec.name}: ${METRICS[metric]!.label} is undefined on the eval rows; it cannot be calibrated`,
      )
    }
    const halfWidth = median(overall.map((c) => c.halfWidth))
    const margins = overall.map((c) => c.margin).filter((m) => m !== null)
    const detectable = overall.map((c) => c.detectableDrop).filter((d) => d !== null)
    const mean = v.reduce((a, b) => a + b, 0) / k
    const pct = spec.gate.metrics[metric]!.max_drop_pct
    const margin = margins.length ? median(margins) : null
    return {
      metric,
      label: METRICS[metric]!.label,
      values: v,
      mean,
      sd: sampleSd(v),
      sdDiff,
      halfWidth,
      se: median(overall.map((c) => c.se)),
      margin,
      marginPct: pct ?? null,
      detectableDrop: detectable.length ? median(detectable) : null,
      suggestedMargin: halfWidth + Z90 * sdDiff,
      passRateAtMargin:
        margin === null
          ? null
          : sdDiff > 0
            ? normalCdf((margin - halfWidth) / sdDiff)
            : margin >= halfWidth
              ? 1
              : 0,
    }
  })
  return {
    schema: 1,
    model: spec.name,
    createdAt: options.now.toISOString(),
    spec: { file: path.basename(spec.specFile), sha256: spec.specHash },
    method,
    seeds,
    trainRows: training.n,
    evalRows: dataset.eval.rows.length,
    confidence: spec.gate.confidence,
    rule: SUGGESTION_RULE,
    metrics: results,
    summary: {
      seeds: k,
      sd: Object.fromEntries(results.map((r) => [r.metric, r.sd])),
      suggestedMargin: Object.fromEntries(results.map((r) => [r.metric, r.suggestedMargin])),
    },
  }
}

/** NAME: a directory (or spec file), models/NAME, or the `name:` of a spec under models/. */
export async function findSpec(name: string, cwd: string): Promise<ModelSpec> {
  // MODELS_DIR, not a literal: ncc would take path.resolve(cwd, 'models', …) for an asset and copy the tree.
  const candidates = [path.resolve(cwd, name), path.resolve(cwd, MODELS_DIR, name)]
  for (const dir of candidates) {
    const file = dir.endsWith('.yml') || dir.endsWith('.yaml') ? dir : path.join(dir, SPEC_FILE)
    if (
      await fs.stat(file).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return loadSpec(file)
  }
  const dirs = await findModelDirs([], cwd).catch(() => [] as string[])
  const specs: ModelSpec[] = []
  for (const dir of dirs) specs.push(await loadSpec(dir))
  const match = specs.find((s) => s.name === name)
  if (match) return match
  const known = specs.map((s) => s.name).join(', ')
  throw new UserError(
    `calibrate "${name}": no ${name}/${SPEC_FILE}, models/${name}/${SPEC_FILE} or spec named "${name}"${known ? ` (models: ${known})` : ''}`,
  )
}

/** What the `calibrate` command did: the calibration, and where it was stored (null: the store is read-only). */
export interface CalibrationRun {
  result: CalibrationResult
  location: string
  storedKey: string | null
}

/** The `calibrate` command: find the spec, retrain, store models/<name>/calibration.json (report/ writes the text). */
export async function runCalibration(
  name: string,
  seedsOption: string | undefined,
  deps: PipelineDeps,
  cwd: string,
  allowOutsideWorkspace = false,
): Promise<CalibrationRun> {
  const seeds = seedsOption === undefined ? DEFAULT_SEEDS : Number(seedsOption)
  if (!Number.isSafeInteger(seeds) || seeds < 2 || seeds > 1000)
    throw new UserError(`--seeds "${seedsOption}": expected a whole number of retrains from 2 to 1000`)
  const spec = await findSpec(name, cwd)
  await confineSpec(spec, cwd, allowOutsideWorkspace)
  const result = await calibrateModel(spec, {
    seeds,
    logger: deps.logger,
    now: deps.clock.now(),
    env: familyEnv(deps),
  })
  const storedKey = deps.storeWritable ? await storeCalibration(deps.registry, spec.name, result) : null
  return { result, location: deps.registry.store.location, storedKey }
}
