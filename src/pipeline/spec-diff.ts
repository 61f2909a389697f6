import { parse } from 'yaml'
import type { ModelSpec } from '../config/load-spec.js'
import { specSchema } from '../config/spec-schema.js'
import { describeError } from '../errors.js'
import type { Registry } from '../store/registry.js'
import type { RunChanges, RunMeta } from './types.js'

/** The run file that holds the spec's own bytes, so a later run can say what changed. */
export const SPEC_RUN_FILE = 'spec.yml'

function scalar(value: unknown): string {
  if (value === undefined) return '(unset)'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/**
 * Nested objects as "a.b.c" → value text. Arrays of scalars stay one value ("[x1, x2]"), arrays of objects
 * are indexed ("a[0].b"), so a list of feature names reads as one change, not one per shifted position.
 */
export function flattenSpec(
  value: unknown,
  prefix = '',
  out = new Map<string, string>(),
): Map<string, string> {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object'))
      out.set(prefix, `[${value.map(scalar).join(', ')}]`)
    else value.forEach((v, i) => flattenSpec(v, `${prefix}[${i}]`, out))
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length === 0 && prefix) out.set(prefix, '{}')
    for (const [key, v] of entries) flattenSpec(v, prefix ? `${prefix}.${key}` : key, out)
  } else if (prefix) out.set(prefix, scalar(value))
  return out
}

/** The spec as the pipeline sees it (defaults filled in), or as written when it no longer parses. */
function effectiveSpec(text: string): unknown {
  const raw: unknown = parse(text)
  const parsed = specSchema.safeParse(raw ?? {})
  return parsed.success ? parsed.data : raw
}

/** "key: before → after" for every flattened key that differs, in sorted key order. */
export function diffSpecs(championText: string, challengerText: string): string[] {
  const before = flattenSpec(effectiveSpec(championText))
  const after = flattenSpec(effectiveSpec(challengerText))
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort()
  return keys
    .filter((k) => before.get(k) !== after.get(k))
    .map((k) => `${k}: ${before.get(k) ?? '(unset)'} → ${after.get(k) ?? '(unset)'}`)
}

/** Compare the challenger's spec with the one stored with the champion run. */
export async function specChanges(
  registry: Registry,
  spec: ModelSpec,
  championRunId: string,
  dirty: boolean,
): Promise<RunChanges> {
  try {
    const manifest = await registry.readManifest<RunMeta>(spec.name, championRunId)
    if (manifest.meta.spec?.sha256 === spec.specHash) return { spec: [], specNote: null, dirty }
    if (!manifest.files.some((f) => f.path === SPEC_RUN_FILE))
      return {
        spec: null,
        specNote: `champion run ${championRunId} was stored without its spec (${SPEC_RUN_FILE}), so the spec difference is unknown`,
        dirty,
      }
    const text = new TextDecoder().decode(await registry.readRunFile(manifest, SPEC_RUN_FILE))
    return { spec: diffSpecs(text, new TextDecoder().decode(spec.specBytes)), specNote: null, dirty }
  } catch (error) {
    return { spec: null, specNote: `the champion's spec could not be read: ${describeError(error)}`, dirty }
  }
}
