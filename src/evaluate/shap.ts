import type { RawTable } from '../data/csv.js'
import { transform, type Preprocessor } from '../data/preprocess.js'
import { UserError } from '../errors.js'
import type { Contribution, RowExplanation, ShapSummary } from '../types/explain.js'
import type { FeatureProfile } from '../types/profile.js'

/**
 * Exact SHAP values for a linear model (Lundberg & Lee 2017, the linear explainer with independent features):
 * φ_j = w_j · (x_j − E[x_j]) in the model's input space (after modelgate's preprocessing), with E over the
 * training rows, so base + Σ φ_j is the model's output before its link (the logit for logistic models).
 * One-hot columns are summed back into their raw feature, so a categorical column gets one value.
 */

export interface LinearWeights {
  /** Row-major inputs × units. */
  kernel: Float64Array
  bias: Float64Array
  inputs: number
  units: number
}

interface WeightSpec {
  name: string
  shape: number[]
  dtype: string
}

/** The one dense layer of a stored logistic or linear model (tfjs layers format: model.json + weights.bin). */
export function readLinearWeights(
  modelJson: Uint8Array,
  weightsBin: Uint8Array,
  label: string,
): LinearWeights {
  let specs: WeightSpec[]
  try {
    const parsed = JSON.parse(new TextDecoder().decode(modelJson)) as {
      weightsManifest: { weights: WeightSpec[] }[]
    }
    specs = parsed.weightsManifest.flatMap((g) => g.weights)
  } catch {
    throw new UserError(`${label}: model/model.json is not a tfjs layers model`)
  }
  const [kernel, bias] = specs
  if (
    specs.length !== 2 ||
    kernel?.shape.length !== 2 ||
    bias?.shape.length !== 1 ||
    specs.some((s) => s.dtype !== 'float32')
  )
    throw new UserError(
      `${label}: the stored model is not one dense layer; exact SHAP needs a logistic or linear model`,
    )
  const [inputs, units] = kernel.shape as [number, number]
  const floats = new Float32Array(
    weightsBin.buffer.slice(weightsBin.byteOffset, weightsBin.byteOffset + weightsBin.byteLength),
  )
  if (floats.length !== inputs * units + units)
    throw new UserError(
      `${label}: model/weights.bin holds ${floats.length} numbers, the manifest ${inputs * units + units}`,
    )
  return {
    kernel: Float64Array.from(floats.subarray(0, inputs * units)),
    bias: Float64Array.from(floats.subarray(inputs * units)),
    inputs,
    units,
  }
}

/**
 * E[x] over the training rows in the model's input space: 0 for a standardised numeric column (its mean is
 * the training mean after imputation), each category's training share (imputed cells counted as the fill).
 */
export function trainingMeans(pre: Preprocessor, train: Record<string, FeatureProfile>): Float64Array {
  const means: number[] = []
  for (const state of pre.features) {
    if (state.kind === 'numeric') {
      means.push(0)
      continue
    }
    const p = train[state.name]
    if (p?.kind !== 'categorical')
      throw new UserError(`the run's profile has no categorical profile of "${state.name}"`)
    for (const c of state.categories)
      means.push(((p.categories[c] ?? 0) + (c === state.fill ? p.missing : 0)) / p.count)
  }
  return Float64Array.from(means)
}

export interface ShapOptions {
  task: 'binary' | 'multiclass' | 'regression'
  classes: readonly string[]
}

function outputName(options: ShapOptions, unit: number): string {
  if (options.task === 'binary') return `logit of P(${options.classes[1]})`
  if (options.task === 'regression') return 'predicted value'
  return `logit of class ${options.classes[unit]} (softmax input)`
}

/**
 * SHAP values of `rows` (1-based numbers `rowNumbers` for the output). Binary: the logit; regression: the
 * prediction; multiclass: the predicted class's softmax input.
 */
export function linearShap(
  weights: LinearWeights,
  pre: Preprocessor,
  means: Float64Array,
  table: RawTable,
  rows: Uint32Array,
  options: ShapOptions,
  rowNumbers: readonly number[] = Array.from(rows, (r) => r + 1),
): RowExplanation[] {
  const { x, n, d } = transform(pre, table, rows)
  if (d !== weights.inputs || means.length !== d)
    throw new UserError(`the model has ${weights.inputs} inputs but its preprocessing produces ${d}`)
  const { kernel, bias, units } = weights
  const out: RowExplanation[] = []
  for (let i = 0; i < n; i++) {
    let unit = 0
    if (units > 1) {
      let best = -Infinity
      for (let k = 0; k < units; k++) {
        let z = bias[k]!
        for (let j = 0; j < d; j++) z += x[i * d + j]! * kernel[j * units + k]!
        if (z > best) [best, unit] = [z, k]
      }
    }
    let base = bias[unit]!
    for (let j = 0; j < d; j++) base += means[j]! * kernel[j * units + unit]!
    const contributions: Contribution[] = []
    let offset = 0
    for (const state of pre.features) {
      const width = state.kind === 'numeric' ? 1 : state.categories.length
      let phi = 0
      for (let j = offset; j < offset + width; j++)
        phi += kernel[j * units + unit]! * (x[i * d + j]! - means[j]!)
      contributions.push({
        feature: state.name,
        value: table.columns[table.header.indexOf(state.name)]![rows[i]!]!,
        contribution: phi,
      })
      offset += width
    }
    const value = base + contributions.reduce((s, c) => s + c.contribution, 0)
    contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    out.push({ row: rowNumbers[i]!, output: outputName(options, unit), base, value, contributions })
  }
  return out
}

/** Mean |φ| per raw feature over explained rows, largest first. */
export function shapSummary(rows: readonly RowExplanation[]): ShapSummary {
  const totals = new Map<string, number>()
  for (const r of rows)
    for (const c of r.contributions)
      totals.set(c.feature, (totals.get(c.feature) ?? 0) + Math.abs(c.contribution))
  return {
    output: rows[0]?.output ?? '',
    rows: rows.length,
    features: [...totals]
      .map(([feature, total]) => ({ feature, meanAbs: total / Math.max(1, rows.length) }))
      .sort((a, b) => b.meanAbs - a.meanAbs),
  }
}
