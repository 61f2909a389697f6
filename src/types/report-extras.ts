/**
 * What the report shows beyond the comparison: the spec's model card keys, the data's sources, the champion's
 * history, and the run's documents (importance and drift are the run's insights, types/explain.ts). A leaf module, so the pipeline can carry these in its result and the report can render them
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
