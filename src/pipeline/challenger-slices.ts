import type { ModelSpec } from '../config/load-spec.js'
import type { RowSet } from '../data/dataset.js'
import { computeMetrics } from '../evaluate/metrics.js'
import { sliceGroups } from '../gate/slices.js'

/** One slice's metrics for the challenger alone (a first run has no champion to compare slices with). */
export interface ChallengerSlice {
  column: string
  value: string
  n: number
  metrics: Record<string, number>
}

/** The challenger's metrics on each slice of the eval rows (`slices.columns`), in the gate's slice order. */
export function challengerSliceMetrics(
  spec: ModelSpec,
  evalRows: RowSet,
  predictions: Float64Array,
  options: { classes: number; threshold: number },
): ChallengerSlice[] {
  const width = spec.task === 'multiclass' ? options.classes : 1
  return sliceGroups(spec, evalRows).map((g) => {
    const n = g.positions.length
    const y = new (evalRows.y.constructor as new (n: number) => RowSet['y'])(n)
    const pred = new Float64Array(n * width)
    for (let i = 0; i < n; i++) {
      const p = g.positions[i]!
      y[i] = evalRows.y[p]!
      for (let k = 0; k < width; k++) pred[i * width + k] = predictions[p * width + k]!
    }
    const metrics = computeMetrics(spec.task, y, pred, { ...options, names: spec.metricNames })
    return { column: g.column, value: g.value, n, metrics }
  })
}
