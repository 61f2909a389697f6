import type { ModelResult } from '../pipeline/types.js'
import { int, num, table } from './format.js'
import { htmlText } from './escape.js'

/** Image models: a collapsed table of a few misclassified eval images per true class (paths are user text). */
export function misclassifiedSection(result: ModelResult): string | null {
  const classes = result.misclassified
  if (!classes || classes.length === 0) return null
  const rows = classes.flatMap((c) =>
    c.examples.map((e, i) => [
      i === 0 ? `${c.trueClass} (${int(c.count)} wrong)` : '',
      e.file,
      e.predicted,
      num(e.confidence),
    ]),
  )
  // table() escapes every cell: the file names and class names go in as plain text.
  return `<details><summary>Misclassified eval images of ${htmlText(result.name)}</summary>\n\nThe challenger's most confident mistakes, up to ${int(Math.max(...classes.map((c) => c.examples.length)))} per true class.\n\n${table(['true class', 'file', 'predicted', 'confidence'], rows)}\n\n</details>`
}
