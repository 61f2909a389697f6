import type { Dataset } from '../data/dataset.js'
import { IMAGE_FILE, isImageTable } from '../data/images/image-dataset.js'

/** Eval images of one true class that the challenger got wrong, most confident mistakes first. */
export interface MisclassifiedClass {
  trueClass: string
  /** How many eval images of the class were misclassified in all. */
  count: number
  examples: { file: string; predicted: string; confidence: number }[]
}

/**
 * For an image data set, up to `perClass` misclassified eval images per true class (their paths, what the
 * challenger predicted and how sure it was), so a reviewer can open the files; null for tables.
 */
export function misclassifiedImages(
  dataset: Dataset,
  predictions: Float64Array,
  perClass = 3,
): MisclassifiedClass[] | null {
  const { table, rows, y } = dataset.eval
  if (!isImageTable(table)) return null
  const classes = dataset.target.classes
  const K = classes.length
  const files = table.columns[table.header.indexOf(IMAGE_FILE)]!
  const wrong: { file: string; predicted: number; confidence: number }[][] = classes.map(() => [])
  for (let i = 0; i < rows.length; i++) {
    let best = 0
    for (let k = 1; k < K; k++) if (predictions[i * K + k]! > predictions[i * K + best]!) best = k
    if (best !== y[i])
      wrong[y[i]!]!.push({ file: files[rows[i]!]!, predicted: best, confidence: predictions[i * K + best]! })
  }
  return wrong
    .map((list, k) => ({
      trueClass: classes[k]!,
      count: list.length,
      examples: list
        .sort((a, b) => b.confidence - a.confidence)
        .slice(0, perClass)
        .map((w) => ({ file: w.file, predicted: classes[w.predicted]!, confidence: w.confidence })),
    }))
    .filter((c) => c.count > 0)
}

/** The data stage's warning for image files skipped under data.on_bad_file: skip (none for tables). */
export function skippedImagesWarning(dataset: Dataset): string | null {
  const tables = [dataset.train.table, dataset.eval.table].filter(isImageTable)
  const skipped = [...new Set(tables)].flatMap((t) => t.skipped)
  if (skipped.length === 0) return null
  const shown = skipped.slice(0, 5).map((s) => `${s.file} (${s.reason})`)
  return `${skipped.length} image file(s) could not be read and were skipped (data.on_bad_file: skip): ${shown.join('; ')}${skipped.length > 5 ? '; …' : ''}`
}
