/**
 * Holm's step-down procedure for a family of m hypotheses: S. Holm (1979), "A simple sequentially rejective
 * multiple test procedure", Scandinavian Journal of Statistics 6:65–70. It controls the family-wise error
 * rate at α under any dependence between the tests (paired metrics on the same rows are dependent) and is
 * uniformly more powerful than Bonferroni.
 *
 * Adjusted p-values (Wright 1992, "Adjusted p-values for simultaneous inference", Biometrics 48:1005–1013):
 * with p₍₁₎ ≤ … ≤ p₍ₘ₎, p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎). Hypothesis i is rejected iff
 * p̃ᵢ ≤ α, which is exactly the step-down rule "reject p₍₁₎, p₍₂₎, … while p₍ⱼ₎ ≤ α/(m − j + 1)".
 */
import { UserError } from '../../errors.js'

export interface HolmResult {
  /** Holm-adjusted p-values, in the input order. */
  adjusted: number[]
  /** adjusted[i] ≤ alpha, in the input order. */
  rejected: boolean[]
}

export function holm(pValues: readonly number[], alpha = 0.05): HolmResult {
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
    throw new UserError(`holm: alpha must be strictly between 0 and 1, got ${String(alpha)}`)
  }
  pValues.forEach((p, i) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new UserError(`holm: p-value #${i} is ${String(p)}; p-values must be numbers in [0, 1]`)
    }
  })
  const m = pValues.length
  // Stable ascending order; ties keep input order (their adjusted values are equal anyway).
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]! || a - b)
  const adjusted = new Array<number>(m)
  let running = 0
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!))
    adjusted[index] = running
  })
  return { adjusted, rejected: adjusted.map((p) => p <= alpha) }
}
