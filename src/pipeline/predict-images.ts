import { readPredictInputs } from '../data/images/predict-inputs.js'
import type { ImageInput } from '../data/images/image-dataset.js'
import { UserError } from '../errors.js'
import type { LoadedModel } from '../evaluate/score.js'

/** One answer of `modelgate predict` on images, in the names of the product's image API. */
export type ImagePrediction =
  | { file: string; predicted_class: string; confidence: number; all_confidences: Record<string, number> }
  | { file: string; error: string }

/**
 * Score image files with a stored CNN run: one answer per image in input order; a file that cannot be read
 * gets an `error` answer and the others are still scored.
 */
export async function predictImages(
  loaded: LoadedModel,
  source: string,
  display: string,
): Promise<ImagePrediction[]> {
  const input = (loaded.modelMeta as { input?: ImageInput } | undefined)?.input
  if (!input)
    throw new UserError(`${loaded.label}: not an image model's run (its preprocess.json has no image input)`)
  const { table, items } = await readPredictInputs(source, input, display)
  const rows = Uint32Array.from({ length: table.rowCount }, (_, i) => i)
  const { predictions } =
    table.rowCount > 0 ? await loaded.scorer.score(table, rows) : { predictions: new Float64Array() }
  const classes = loaded.target.classes
  const K = classes.length
  return items.map((item) => {
    if ('error' in item) return item
    const p = predictions.subarray(item.row * K, (item.row + 1) * K)
    let best = 0
    for (let k = 1; k < K; k++) if (p[k]! > p[best]!) best = k
    return {
      file: item.file,
      predicted_class: classes[best]!,
      confidence: p[best]!,
      all_confidences: Object.fromEntries(classes.map((c, k) => [c, p[k]!])),
    }
  })
}
