/** How a workload's samples become a table row with a ratio to the peer (shared by the harness-*.mjs rows). */
import { median } from './harness-run.mjs'

export const secs = (samples, field = 'seconds') => median(samples.map((s) => s[field]))
const firstError = (samples) => samples.find((s) => s.error)?.error

/** A side's summary: its median, or the error/absence that replaces the number. */
export function side(samples, field, missing) {
  if (missing) return { missing }
  const error = firstError(samples)
  if (error) return { error }
  return { seconds: secs(samples, field), n: samples.length }
}

function aucOf(samples) {
  return median(samples.map((s) => s.auc))
}

/** A row with a ratio target (modelgate time ≤ ratio × peer time) and optionally an AUC tolerance. */
export function ratioRow(title, samples, { field = 'seconds', ratio, auc, missing, note = '' }) {
  const mg = side(samples.mg, field)
  const peer = side(samples.peer, field, missing)
  const row = { title, mg, peer, target: ratio === undefined ? '—' : `≤ ${ratio}×`, note }
  if (mg.seconds !== undefined && peer.seconds !== undefined) {
    row.ratio = mg.seconds / peer.seconds
    if (ratio !== undefined) row.met = row.ratio <= ratio
  }
  if (field === 'seconds') {
    const cpu = (list) => median(list.map((s) => s.cpuSeconds))
    row.cpu = {
      mg: mg.seconds === undefined ? null : cpu(samples.mg),
      peer: peer.seconds === undefined ? null : cpu(samples.peer),
    }
  }
  if (auc !== undefined) {
    row.target += `, |ΔAUC| ≤ ${auc}`
    const a = aucOf(samples.mg)
    const b = aucOf(samples.peer)
    if (a !== null) row.quality = `AUC ${a.toFixed(4)}${b !== null && !missing ? ` vs ${b.toFixed(4)}` : ''}`
    if (a !== null && b !== null && row.met !== undefined) row.met = row.met && Math.abs(a - b) <= auc
  }
  return row
}
