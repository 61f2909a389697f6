import type { ModelSpec } from '../config/load-spec.js'
import { columnOf } from '../data/csv.js'
import type { RowSet } from '../data/dataset.js'
import { categoryOf, isMissing, sortLabels } from '../data/values.js'
import { argsort, computeMetrics, METRICS } from '../evaluate/metrics.js'
import { formatInterval, formatMetric } from '../util/numbers.js'
import { pairedBootstrap } from './stats/bootstrap.js'
import { subsetInput, type PairedInput } from './paired.js'
import type { GapComparison, Verdict } from './types.js'

export interface SliceGroup {
  column: string
  value: string
  /** Positions within the eval rows. */
  positions: Uint32Array
  minSize: number
}

export const MISSING_SLICE = '(missing)'

/** Eval rows grouped by each slice column's values, in sorted value order. */
export function sliceGroups(spec: ModelSpec, evalRows: RowSet): SliceGroup[] {
  const config = spec.slices
  if (!config) return []
  const groups: SliceGroup[] = []
  for (const column of config.columns) {
    const values = columnOf(evalRows.table, column, 'slices.columns')
    const byValue = new Map<string, number[]>()
    evalRows.rows.forEach((row, i) => {
      const raw = values[row]!
      const key = isMissing(raw) ? MISSING_SLICE : categoryOf(raw)
      let list = byValue.get(key)
      if (!list) byValue.set(key, (list = []))
      list.push(i)
    })
    for (const value of sortLabels([...byValue.keys()])) {
      groups.push({
        column,
        value,
        positions: Uint32Array.from(byValue.get(value)!),
        minSize: config.min_size,
      })
    }
  }
  return groups
}

/** A gap test with what the multiplicity adjustment needs: the bootstrap standard error of the gap. */
export interface GapTest {
  comparison: GapComparison
  se: number
}

export function describeGap(g: GapComparison): string {
  const label = METRICS[g.metric]?.label ?? g.metric
  return `${label} gap across ${g.column}: ${formatMetric(g.gap)} between ${g.column}=${g.best} and ${g.column}=${g.worst} (CI ${formatInterval(g.lower, g.upper)}), allowed ${formatMetric(g.maxGap)}: ${g.verdict}`
}

/**
 * `slices.max_gap`: the challenger's gap between its best and worst gated slice on a metric, with a
 * bootstrap CI (each slice resampled within itself). pass when the CI's upper bound ≤ max_gap, fail when its
 * lower bound > max_gap, inconclusive otherwise. compareModels puts the fail claims into the Holm family.
 */
export function sliceGaps(spec: ModelSpec, sliceRows: SliceGroup[], base: PairedInput): GapTest[] {
  const config = spec.slices
  if (!config) return []
  const out: GapTest[] = []
  const groups = sliceRows.filter((g) => g.positions.length >= g.minSize)
  for (const [metric, maxGap] of Object.entries(config.max_gap)) {
    const info = METRICS[metric]!
    const sign = info.higherIsBetter ? 1 : -1
    for (const column of config.columns) {
      const scored = groups
        .filter((g) => g.column === column)
        .map((g) => {
          const sub = subsetInput(base, g.positions)
          const value = computeMetrics(spec.task, sub.y, sub.challenger, {
            classes: base.classes,
            threshold: base.threshold,
            names: [metric],
          })[metric]!
          return { g, sub, value }
        })
        .filter((s) => Number.isFinite(s.value))
      if (scored.length < 2) continue
      scored.sort((a, b) => sign * (b.value - a.value))
      const best = scored[0]!
      const worst = scored[scored.length - 1]!
      // Both slices in one resampling frame; strata keep each slice's (and class's) size fixed.
      const positions = Uint32Array.from([...best.g.positions, ...worst.g.positions])
      const both = subsetInput(base, positions)
      const nBest = best.g.positions.length
      const strata = new Int32Array(positions.length)
      const classes = spec.task === 'regression' ? 1 : base.classes
      for (let i = 0; i < positions.length; i++)
        strata[i] = (i < nBest ? 0 : classes) + (spec.task === 'regression' ? 0 : Number(both.y[i]))
      const w1 = new Float64Array(positions.length)
      const w2 = new Float64Array(positions.length)
      const order = spec.task === 'binary' ? argsort(both.challenger) : undefined
      const metricOf = (w: Float64Array): number =>
        computeMetrics(spec.task, both.y, both.challenger, {
          classes: base.classes,
          threshold: base.threshold,
          names: [metric],
          weight: w,
          order,
        })[metric]!
      const boot = pairedBootstrap({
        n: positions.length,
        strata,
        resamples: spec.gate.resamples,
        seed: spec.gate.seed,
        confidence: spec.gate.confidence,
        statistic: (w) => {
          for (let i = 0; i < positions.length; i++) {
            w1[i] = i < nBest ? w[i]! : 0
            w2[i] = i < nBest ? 0 : w[i]!
          }
          return sign * (metricOf(w1) - metricOf(w2))
        },
      })
      const gap = sign * (best.value - worst.value)
      const verdict: Verdict = boot.upper <= maxGap ? 'pass' : boot.lower > maxGap ? 'fail' : 'inconclusive'
      const comparison: GapComparison = {
        metric,
        column,
        best: best.g.value,
        worst: worst.g.value,
        gap,
        lower: boot.lower,
        upper: boot.upper,
        maxGap,
        verdict,
        sentence: '',
      }
      comparison.sentence = describeGap(comparison)
      out.push({ comparison, se: boot.se })
    }
  }
  return out
}
