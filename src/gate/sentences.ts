import { formatInterval, formatMetric, formatSigned } from '../util/numbers.js'
import type { MetricComparison } from './types.js'

/** "p=0.012" or "p<0.001" (never "p=<0.001"). */
export function pValue(p: number): string {
  return p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`
}

/**
 * One sentence a reviewer understands, e.g.
 * "ROC AUC −0.0040 (95% CI −0.0110 … +0.0030): within the allowed −0.0100 drop."
 */
export function describeComparison(c: MetricComparison, confidence: number, adjusted: boolean): string {
  const ci = `${Math.round(confidence * 100)}% CI ${formatInterval(c.lower, c.upper)}`
  // Lower-is-better metrics are oriented too (champion − challenger): say so where the sign could mislead.
  const orientation = c.higherIsBetter ? '' : '+ = better; '
  const head = `${c.label}${c.scope.kind === 'slice' ? ` [${c.scope.column}=${c.scope.value}]` : ''} ${formatSigned(c.diff)} (${orientation}${ci})`
  if (c.verdict === 'not-gated') return `${head}: not gated (${c.reason}).`
  const parts: string[] = []
  if (c.margin !== null) {
    const allowed = `the allowed −${formatMetric(c.margin)} drop`
    const p = c.pFailAdjusted ?? c.pFail
    const pText = p === null ? '' : ` (one-sided ${pValue(p)}${adjusted ? ' after Holm' : ''})`
    if (c.lower >= -c.margin)
      parts.push(
        c.significantlyWorse
          ? `significantly worse than the champion, but shown to be within ${allowed}`
          : `within ${allowed}`,
      )
    else if (c.significantlyWorse && c.diff < -c.margin) {
      // Decided on the drop claim itself, not the metric's combined verdict (a failing floor must not make
      // a drop that did not survive Holm read as significant).
      const significant = !adjusted || (c.pFailAdjusted !== null && c.pFailAdjusted < (1 - confidence) / 2)
      const beyond =
        c.upper < -c.margin
          ? `worse than ${allowed} by more than chance explains`
          : `estimated beyond ${allowed}`
      parts.push(
        significant
          ? `significantly worse than the champion${pText} and ${beyond}`
          : `estimated beyond ${allowed}, but not significantly worse than the champion once all tests are counted${pText}`,
      )
    } else if (c.significantlyWorse)
      parts.push(
        `significantly worse than the champion${pText}, but the estimated drop is within ${allowed} and the interval reaches past it`,
      )
    else if (c.halfWidth > c.margin)
      parts.push(
        `cannot be shown within ${allowed}: on these rows this pair of models is resolved only to ±${formatMetric(c.halfWidth)}`,
      )
    else parts.push(`cannot tell yet whether the drop exceeds ${allowed}: the interval reaches past it`)
  }
  if (c.floor !== null) {
    const word = c.higherIsBetter ? 'floor' : 'ceiling'
    const own = `challenger ${formatMetric(c.challenger)} (CI ${formatMetric(c.challengerLower)} … ${formatMetric(c.challengerUpper)})`
    const ok = c.higherIsBetter ? c.challengerLower >= c.floor : c.challengerUpper <= c.floor
    const bad = c.higherIsBetter ? c.challengerUpper < c.floor : c.challengerLower > c.floor
    parts.push(
      ok
        ? `${own} clears the ${word} ${formatMetric(c.floor)}`
        : bad
          ? `${own} misses the ${word} ${formatMetric(c.floor)}`
          : `${own} may not clear the ${word} ${formatMetric(c.floor)}`,
    )
  }
  return `${head}: ${parts.join('; ')}.`
}
