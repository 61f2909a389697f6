import type { ModelSpec } from '../config/load-spec.js'
import type { Dataset } from '../data/dataset.js'
import type { TransformNotes } from '../data/preprocess.js'
import { formatCount } from '../util/numbers.js'

/** What the data policies did on this run, counted per column, for the report, the results JSON and the log. */
export interface DataNotes {
  /** Missing cells filled in, per column, on the training rows and on the eval rows (counted separately). */
  imputed: { training: Record<string, number>; eval: Record<string, number> }
  /** Eval rows per column whose category training never saw (scored as all-zero, data.unseen_category: zeros). */
  unseen: Record<string, number>
  /** Binary tasks: the label treated as positive, and whether the spec set it or it was inferred. */
  positiveClass: { label: string; inferred: boolean } | null
}

function counts(record: Record<string, number>): string {
  return Object.entries(record)
    .map(([column, n]) => `${column} ${formatCount(n)}`)
    .join(', ')
}

export function dataNotes(
  spec: ModelSpec,
  dataset: Dataset,
  training: TransformNotes,
  evaluation: TransformNotes,
): DataNotes {
  const classes = dataset.target.classes
  return {
    imputed: { training: training.imputed, eval: evaluation.imputed },
    unseen: evaluation.unseen,
    positiveClass:
      spec.task === 'binary'
        ? { label: classes[1]!, inferred: spec.data.positive_class === undefined }
        : null,
  }
}

/** Training rows in the positive class (binary targets are 0/1). */
function positiveCount(dataset: Dataset): number {
  const y = dataset.train.y
  let positives = 0
  for (let i = 0; i < y.length; i++) positives += y[i]!
  return positives
}

/** One warning per thing a reviewer should know: unseen eval categories and a guessed positive class. */
export function dataWarnings(spec: ModelSpec, dataset: Dataset, notes: DataNotes): string[] {
  const out: string[] = []
  const evalRows = formatCount(dataset.eval.rows.length)
  if (Object.keys(notes.unseen).length > 0)
    out.push(
      `eval rows with categories training never saw, scored as all-zero (data.unseen_category: zeros), per column of ${evalRows} eval rows: ${counts(notes.unseen)}`,
    )
  const positive = notes.positiveClass
  if (positive?.inferred) {
    const [negative, label] = dataset.target.classes as [string, string]
    const positives = positiveCount(dataset)
    const rows = dataset.train.rows.length
    const majority =
      positives * 2 > rows
        ? `; it is the majority class (${Math.round((positives / rows) * 100)}% of training rows: ${formatCount(positives)} of ${formatCount(rows)})`
        : ''
    out.push(
      `the positive class was inferred as "${label}" (the other is "${negative}")${majority}; precision, recall, F1 and average precision describe "${label}"; set data.positive_class in ${spec.specPath} to choose it`,
    )
  }
  return out
}
