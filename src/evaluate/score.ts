import type { RawTable } from '../data/csv.js'
import type { TargetEncoding } from '../data/dataset.js'
import type { Preprocessor } from '../data/preprocess.js'
import { UserError } from '../errors.js'
import { familyFor } from '../train/families.js'
import type { FamilyEnv, Scored, Scorer } from '../train/family.js'

export type { Scored } from '../train/family.js'

/** Everything needed to score new rows exactly as a run did: its preprocessing, target encoding and model kind. */
export interface ScoringBundle {
  preprocessor: Preprocessor
  target: TargetEncoding
  /** The spec's id column, echoed into prediction files. */
  idColumn: string | null
  /** The spec's `model.type`, which names the family that reads model/; absent in runs before families (dense). */
  modelType?: string
  /** The family's own metadata (Fitted.meta). */
  modelMeta?: Record<string, unknown>
}

export interface LoadedModel extends ScoringBundle {
  scorer: Scorer
  /** Where it came from, for messages ("run 2026…-a1b2c3" or "challenger"). */
  label: string
}

export const PREPROCESS_JSON = 'preprocess.json'
export const MODEL_DIR = 'model'

export function serializeBundle(bundle: ScoringBundle): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(bundle, null, 2)}\n`)
}

/** A run's preprocess.json, validated: what every loader of a stored run reads first. */
export async function readScoringBundle(
  read: (path: string) => Promise<Uint8Array>,
  label: string,
): Promise<ScoringBundle> {
  let bundle: ScoringBundle
  try {
    bundle = JSON.parse(new TextDecoder().decode(await read(PREPROCESS_JSON))) as ScoringBundle
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`${label}: ${PREPROCESS_JSON} is not valid JSON`)
  }
  if (bundle.preprocessor?.version !== 1 || !bundle.target)
    throw new UserError(`${label}: ${PREPROCESS_JSON} is not a modelgate preprocessing file`)
  return bundle
}

/**
 * Load a stored model from its files (as written by the run): preprocess.json and the family's files under
 * model/. `paths` lists the run's files; `read` checks each against the manifest.
 */
export async function loadModelFiles(
  env: FamilyEnv,
  read: (path: string) => Promise<Uint8Array>,
  paths: readonly string[],
  label: string,
): Promise<LoadedModel> {
  const bundle = await readScoringBundle(read, label)
  const family = familyFor(bundle.modelType ?? 'mlp')
  const prefix = `${MODEL_DIR}/`
  const scorer = await family.load(
    {
      read: (p) => read(`${prefix}${p}`),
      paths: paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)),
      preprocessor: bundle.preprocessor,
      features: bundle.preprocessor.features.map((f) => ({ name: f.name, kind: f.kind })),
      task: bundle.target.task,
      classes: bundle.target.classes,
      target: bundle.target.column,
      idColumn: bundle.idColumn,
      meta: bundle.modelMeta ?? {},
      label,
    },
    env,
  )
  return { ...bundle, scorer, label }
}

/** Score raw rows with a loaded model (its family applies the model's own preprocessing). */
export function scoreRows(loaded: LoadedModel, table: RawTable, rows: Uint32Array): Promise<Scored> {
  return loaded.scorer.score(table, rows)
}
