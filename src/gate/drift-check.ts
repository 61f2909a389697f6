import { formatMetric } from '../util/numbers.js'
import type { DriftCheck, DriftReport } from '../types/profile.js'
import type { ModelVerdict } from './types.js'

/**
 * The drift gate (`gate: { drift: { max_psi } }`): the challenger's training rows against the champion's
 * stored profile. A feature whose PSI exceeds max_psi fails the model, whatever its metrics say: the model was
 * trained on data that is no longer the champion's, and a reviewer has to look.
 */
export type { DriftCheck } from '../types/profile.js'

export function checkDrift(report: DriftReport, maxPsi: number): DriftCheck {
  const compared = report.features.filter((f) => Number.isFinite(f.psi)).sort((a, b) => b.psi - a.psi)
  const over = compared.filter((f) => f.psi > maxPsi).map((f) => ({ feature: f.feature, psi: f.psi }))
  const largest = compared[0] ? { feature: compared[0].feature, psi: compared[0].psi } : null
  const where = `${report.subject} vs ${report.reference}`
  const sentence = over.length
    ? `Drift fails the gate: ${over.length} feature${over.length > 1 ? 's' : ''} moved by more than gate.drift.max_psi ${formatMetric(maxPsi, 2)} (${where}): ${over
        .map((f) => `${f.feature} PSI ${formatMetric(f.psi, 3)}`)
        .join(', ')}.`
    : largest
      ? `Drift within gate.drift.max_psi ${formatMetric(maxPsi, 2)}: the largest PSI is ${formatMetric(largest.psi, 3)} (${largest.feature}; ${where}).`
      : `Drift not checked: no feature could be compared (${where}).`
  return { verdict: over.length ? 'fail' : 'pass', maxPsi, over, largest, sentence }
}

/** A failed drift check fails a model that would otherwise pass or be inconclusive. */
export function withDriftVerdict(verdict: ModelVerdict, check: DriftCheck | null): ModelVerdict {
  return check?.verdict === 'fail' && verdict !== 'no-champion' ? 'fail' : verdict
}
