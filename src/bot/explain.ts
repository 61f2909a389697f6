import { UserError } from '../errors.js'
import { MODEL_DIR } from '../evaluate/score.js'
import type { Preprocessor } from '../data/preprocess.js'
import type { RunMeta } from '../pipeline/types.js'
import { formatSigned } from '../util/numbers.js'
import type { Registry, RunManifest } from '../store/registry.js'

export interface FeatureWeight {
  /** The model input column (a numeric feature, or `feature=category` for one-hot columns). */
  column: string
  weight: number
}

interface LayersJson {
  weightsManifest?: { weights: { name: string; shape: number[]; dtype: string }[] }[]
}

/**
 * A linear (logistic / linear regression) run's weights per input column, read straight from its stored
 * tfjs files: the first weight of model.json is the kernel, float32, inputs × units. Inputs are standardized
 * (numeric) or one-hot, so weights are comparable in size. Multiclass: the largest |weight| over classes.
 */
export async function linearWeights(
  registry: Registry,
  manifest: RunManifest<RunMeta>,
): Promise<FeatureWeight[]> {
  const type = manifest.meta.modelType
  if (type !== 'logistic' && type !== 'linear')
    throw new UserError(
      `run ${manifest.runId} is a ${type} model; explain shows linear models' weights only, for now`,
    )
  const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes))
  const layers = decode(await registry.readRunFile(manifest, `${MODEL_DIR}/model.json`)) as LayersJson
  const pre = decode(await registry.readRunFile(manifest, 'preprocess.json')) as {
    preprocessor: Preprocessor
  }
  const kernel = layers.weightsManifest?.[0]?.weights[0]
  if (!kernel || kernel.dtype !== 'float32' || kernel.shape.length !== 2)
    throw new UserError(`run ${manifest.runId}: model.json does not start with a float32 kernel`)
  const [inputs, units] = kernel.shape as [number, number]
  const columns = pre.preprocessor.outputColumns
  if (columns.length !== inputs)
    throw new UserError(
      `run ${manifest.runId}: ${inputs} model inputs but ${columns.length} preprocessed columns`,
    )
  const bin = await registry.readRunFile(manifest, `${MODEL_DIR}/weights.bin`)
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength)
  return columns.map((column, i) => {
    let weight = 0
    for (let u = 0; u < units; u++) {
      const w = view.getFloat32((i * units + u) * 4, true)
      if (Math.abs(w) > Math.abs(weight)) weight = w
    }
    return { column, weight }
  })
}

/** The challenger's largest weights, each with the champion's weight for the same column and the change. */
export function weightTable(
  challenger: FeatureWeight[],
  champion: FeatureWeight[] | null,
  top = 8,
): string[][] {
  const theirs = new Map(champion?.map((f) => [f.column, f.weight]) ?? [])
  return [...challenger]
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || (a.column < b.column ? -1 : 1))
    .slice(0, top)
    .map((f) => {
      const before = theirs.get(f.column)
      return [
        f.column,
        formatSigned(f.weight, 3),
        before === undefined ? '—' : formatSigned(before, 3),
        before === undefined ? 'new' : formatSigned(f.weight - before, 3),
      ]
    })
}
