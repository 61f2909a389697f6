/**
 * A run's data profile and input schema (profile.json), and what comparing two profiles finds (drift and
 * schema changes): plain data shared by the pipeline, the gate, the report, `drift`, `explain` and `predict`.
 */

export type FeatureKind = 'numeric' | 'categorical'

export interface NumericProfile {
  kind: 'numeric'
  count: number
  missing: number
  min: number
  max: number
  /** Inner bin edges (the reference's deciles, duplicates removed): bin i is (edges[i-1], edges[i]]. */
  edges: number[]
  /** Rows per bin (edges.length + 1 bins). */
  counts: number[]
  /** Quantiles at 0, 1/(SKETCH_POINTS−1), …, 1 (linear interpolation, numpy's default). */
  sketch: number[]
}

export interface CategoricalProfile {
  kind: 'categorical'
  count: number
  missing: number
  /** Rows per category. */
  categories: Record<string, number>
}

export type FeatureProfile = NumericProfile | CategoricalProfile

/** One raw input column as the model was trained on it. */
export interface SchemaFeature {
  name: string
  kind: FeatureKind
  /** Categorical: the categories training saw, sorted. */
  categories?: string[]
  /** Numeric: the training rows' smallest and largest present value. */
  min?: number
  max?: number
}

export type OnInvalid = 'warn' | 'reject'

export interface InputSchema {
  features: SchemaFeature[]
  /** Columns an input may carry besides the features (the target, the id) without being "extra". */
  passthrough: string[]
  /** The spec's policies for `predict` when the run was made (data.on_invalid, range_tolerance, unseen_category). */
  validation?: { onInvalid: OnInvalid; rangeTolerance: number; unseenCategory: 'zeros' | 'error' }
}

/** Fraction of the training range a value may lie beyond it before predict calls it out of range. */
export const DEFAULT_RANGE_TOLERANCE = 0.05

/** profile.json: what a run knew about its data, compact enough to keep with every run. */
export interface RunProfile {
  format: 1
  schema: InputSchema
  /** Per feature, in schema order. */
  train: Record<string, FeatureProfile>
  eval: Record<string, FeatureProfile>
}

/** How far one feature moved between a reference profile and new data. */
export interface FeatureDrift {
  feature: string
  kind: FeatureKind
  /** Population stability index over the reference's bins (numeric) or categories. */
  psi: number
  /** Numeric: the Kolmogorov–Smirnov statistic against the reference's quantile sketch. */
  ks?: number
  /** Categorical: Pearson's chi-square statistic of the two count vectors, its degrees of freedom and p-value. */
  chiSquare?: { statistic: number; dof: number; pValue: number }
  missingRate: { reference: number; actual: number }
  /** PSI above the threshold. */
  flagged: boolean
}

export type SchemaChange =
  | { change: 'added'; feature: string; kind: FeatureKind }
  | { change: 'removed'; feature: string; kind: FeatureKind }
  | { change: 'kind'; feature: string; from: FeatureKind; to: FeatureKind }
  | { change: 'new-categories'; feature: string; categories: string[] }
  | { change: 'dropped-categories'; feature: string; categories: string[] }

/** A drift check: new data against a stored run's profile. */
export interface DriftReport {
  /** What the data was compared with ("champion run 2026…", "production run …"). */
  reference: string
  /** What was compared: the challenger's training rows, a batch file, … */
  subject: string
  threshold: number
  features: FeatureDrift[]
  schemaChanges: SchemaChange[]
  /** Features over the threshold, largest PSI first. */
  flagged: string[]
}

/** The drift gate's finding (src/gate/drift-check.ts). */
export interface DriftCheck {
  verdict: 'pass' | 'fail'
  maxPsi: number
  /** Features over max_psi, largest PSI first. */
  over: { feature: string; psi: number }[]
  /** The largest PSI of any feature (null when no feature could be compared). */
  largest: { feature: string; psi: number } | null
  /** Plain text (the report escapes it). */
  sentence: string
}

/** PSI at which a feature is flagged when nothing else is configured (the usual "large shift"). */
export const DEFAULT_PSI_THRESHOLD = 0.25
