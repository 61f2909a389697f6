/**
 * What the report shows beyond the comparison: the spec's model card keys, the data's sources, the champion's
 * history, the run's documents, and optional sections other stages fill (feature importance, drift, schema
 * changes). A leaf module, so the pipeline can carry these in its result and the report can render them
 * without either importing the other's internals. Every field is optional: a report renders the slot when
 * it is present and leaves it out otherwise.
 */

/** The spec's optional `card:` keys (validated in config/spec-schema.ts). */
export interface ModelCardSpec {
  intended_use?: string
  owners?: string[]
  limitations?: string[]
}

/** One data source of a run: which files, and the sha256 of their bytes (the fingerprint). */
export interface DataSource {
  role: 'training' | 'eval'
  files: string[]
  sha256: string
}

/** The champion's key metric at each of its last promotions (stored numbers, each on its own eval set). */
export interface PromotionPoint {
  runId: string
  /** When it was promoted (ISO time). */
  at: string
  value: number | null
}

export interface ChampionHistory {
  metric: string
  points: PromotionPoint[]
}

/** Run files written for people (paths inside the run, listed in its manifest). */
export interface RunDocuments {
  report: string
  card: string
}

/** Per-feature importance, challenger and (when compared) champion: filled by the explain stage. */
export interface FeatureImportanceRow {
  feature: string
  challenger: number
  /** Spread of the challenger's importance over the repetitions (sd), when measured. */
  spread?: number | null
  champion?: number | null
}

export interface ReportImportance {
  /** e.g. "permutation importance (drop in ROC AUC, 5 repeats)". */
  method: string
  rows: FeatureImportanceRow[]
}

/** One feature's drift between the champion's data and the challenger's: filled by the drift stage. */
export interface DriftRow {
  feature: string
  kind: 'numeric' | 'categorical'
  psi: number
  /** Kolmogorov–Smirnov statistic (numeric) or chi-square p-value (categorical), when computed. */
  statistic?: { name: string; value: number } | null
  flagged: boolean
}

export interface ReportDrift {
  threshold: number
  rows: DriftRow[]
  /** Added / removed features, changed kinds, new categories: one sentence each. */
  schemaChanges?: string[]
}

/** Optional sections: a renderer shows each one that is present. */
export interface ReportExtras {
  importance?: ReportImportance | null
  drift?: ReportDrift | null
}
