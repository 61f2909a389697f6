import { columnOf, type RawTable } from '../data/csv.js'
import type { FeatureColumn } from '../data/dataset.js'
import { CELL_TEXT, parseColumn } from '../data/values.js'
import type {
  CategoricalProfile,
  DriftReport,
  FeatureDrift,
  FeatureProfile,
  InputSchema,
  SchemaChange,
} from '../types/profile.js'
import { chiSquareHomogeneity } from './chi-square.js'
import { categoricalPsi, ksAgainstSketch, profileCategorical, psi, binCounts } from './drift.js'
import { categoryValues, inputSchema, numericValues, profileRows } from './profile.js'

/**
 * New data against a stored profile: per feature PSI on the reference's bins or categories, KS against its
 * quantile sketch (numeric) or Pearson's chi-square (categorical), and the schema changes between the two.
 */

function rate(p: FeatureProfile): number {
  return p.count > 0 ? p.missing / p.count : 0
}

function categoryCounts(names: string[], p: CategoricalProfile): number[] {
  return names.map((n) => p.categories[n] ?? 0)
}

/** One feature of new data (raw values at `rows`) against its reference profile of the same kind. */
export function featureDrift(
  name: string,
  reference: FeatureProfile,
  table: RawTable,
  rows: Uint32Array,
  threshold: number,
): FeatureDrift {
  if (reference.kind === 'numeric') {
    const values = numericValues(table, rows, name)
    const counts = binCounts(reference.edges, values)
    const present = counts.reduce((a, b) => a + b, 0)
    const value = psi(reference.counts, counts)
    return {
      feature: name,
      kind: 'numeric',
      psi: value,
      ks: ksAgainstSketch(reference.sketch, values),
      missingRate: { reference: rate(reference), actual: rows.length ? 1 - present / rows.length : 0 },
      flagged: value > threshold,
    }
  }
  const actual = profileCategorical(categoryValues(table, rows, name))
  const names = [...new Set([...Object.keys(reference.categories), ...Object.keys(actual.categories)])].sort()
  const value = categoricalPsi(reference, actual)
  return {
    feature: name,
    kind: 'categorical',
    psi: value,
    chiSquare: chiSquareHomogeneity(categoryCounts(names, reference), categoryCounts(names, actual)),
    missingRate: { reference: rate(reference), actual: rate(actual) },
    flagged: value > threshold,
  }
}

/** What differs between two input schemas: features added or removed, kinds changed, categories new or gone. */
export function schemaChanges(reference: InputSchema, actual: InputSchema): SchemaChange[] {
  const before = new Map(reference.features.map((f) => [f.name, f]))
  const after = new Map(actual.features.map((f) => [f.name, f]))
  const changes: SchemaChange[] = []
  for (const f of actual.features)
    if (!before.has(f.name)) changes.push({ change: 'added', feature: f.name, kind: f.kind })
  for (const f of reference.features) {
    const now = after.get(f.name)
    if (!now) {
      changes.push({ change: 'removed', feature: f.name, kind: f.kind })
      continue
    }
    if (now.kind !== f.kind) {
      changes.push({ change: 'kind', feature: f.name, from: f.kind, to: now.kind })
      continue
    }
    if (f.kind !== 'categorical') continue
    const known = new Set(f.categories ?? [])
    const seen = new Set(now.categories ?? [])
    const added = [...seen].filter((c) => !known.has(c)).sort()
    const dropped = [...known].filter((c) => !seen.has(c)).sort()
    if (added.length) changes.push({ change: 'new-categories', feature: f.name, categories: added })
    if (dropped.length) changes.push({ change: 'dropped-categories', feature: f.name, categories: dropped })
  }
  return changes
}

/**
 * The features a batch carries, read against a reference schema: a column keeps the reference's kind unless
 * a numeric one holds text (then it has become categorical); columns the reference does not know are inferred.
 */
export function batchFeatures(reference: InputSchema, table: RawTable): FeatureColumn[] {
  const kinds = new Map(reference.features.map((f) => [f.name, f.kind]))
  const skip = new Set(reference.passthrough)
  return table.header
    .filter((h) => !skip.has(h))
    .map((name) => {
      const { kind } = parseColumn(columnOf(table, name, 'feature'))
      const hasText = kind.some((k) => k === CELL_TEXT)
      const declared = kinds.get(name)
      return { name, kind: hasText ? 'categorical' : (declared ?? 'numeric') }
    })
}

export interface DriftInput {
  reference: { label: string; profile: Record<string, FeatureProfile>; schema: InputSchema }
  subject: string
  table: RawTable
  rows: Uint32Array
  /** The new data's features; their schema is profiled from these rows. */
  features: readonly FeatureColumn[]
  threshold: number
}

/** The whole comparison: every feature both sides have with the same kind, and the schema changes. */
export function driftReport(input: DriftInput): DriftReport {
  const { reference, table, rows, threshold } = input
  const actualSchema = inputSchema(
    input.features,
    profileRows(table, rows, input.features),
    reference.schema.passthrough,
  )
  const kinds = new Map(input.features.map((f) => [f.name, f.kind]))
  const features = reference.schema.features
    .filter((f) => kinds.get(f.name) === f.kind && reference.profile[f.name])
    .map((f) => featureDrift(f.name, reference.profile[f.name]!, table, rows, threshold))
  return {
    reference: reference.label,
    subject: input.subject,
    threshold,
    features,
    schemaChanges: schemaChanges(reference.schema, actualSchema),
    flagged: features
      .filter((f) => f.flagged)
      .sort((a, b) => b.psi - a.psi)
      .map((f) => f.feature),
  }
}
