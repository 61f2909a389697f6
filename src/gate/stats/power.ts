/**
 * "Honest resolution" helpers: how precise a paired comparison is, stated in metric units.
 *
 * All assume the estimate of the paired difference d̂ is approximately normal with standard error se (the
 * same assumption as the DeLong and Wald intervals) and that se shrinks like 1/√n with the number of rows.
 */
import { UserError } from '../../errors.js'
import { criticalValue, normalCdf, normalQuantile } from './normal.js'

function checkNonNegative(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new UserError(`${name} must be a finite number ≥ 0, got ${String(value)}`)
  }
}

function checkPositive(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new UserError(`${name} must be a finite number > 0, got ${String(value)}`)
  }
}

/** Half-width of the two-sided interval d̂ ± z_{1−α/2}·se. */
export function halfWidth(se: number, confidence = 0.95): number {
  checkNonNegative('se', se)
  return criticalValue(confidence) * se
}

/**
 * The smallest true drop (challenger worse by this much, in metric units, positive number) that the gate
 * detects — the interval's upper end falls below −margin — with probability `power`:
 *   margin + (z_{1−α/2} + z_power)·se.
 * Derivation: fail ⇔ d̂ + z·se < −margin; with true difference −D, P(fail) = Φ((D − margin − z·se)/se),
 * which equals `power` at D = margin + (z + z_power)·se.
 */
export function detectableDrop(margin: number, se: number, confidence = 0.95, power = 0.9): number {
  checkNonNegative('margin', margin)
  checkNonNegative('se', se)
  checkPower(power)
  return margin + (criticalValue(confidence) + normalQuantile(power)) * se
}

function checkPower(power: number): void {
  if (typeof power !== 'number' || !(power > 0 && power < 1)) {
    throw new UserError(`power must be strictly between 0 and 1 (e.g. 0.9), got ${String(power)}`)
  }
}

/**
 * The gate's fail rule: the challenger is significantly worse than the champion (the CI's upper end < 0) and
 * its estimated drop is beyond the margin (d̂ < −margin). Both hold ⇔ d̂ < −max(margin, z·se), so with true
 * difference −D, P(fail) = Φ((D − max(margin, z·se))/se). This is that probability.
 */
export function failProbability(drop: number, margin: number, se: number, confidence = 0.95): number {
  checkNonNegative('margin', margin)
  checkNonNegative('se', se)
  const bar = Math.max(margin, criticalValue(confidence) * se)
  if (se === 0) return drop > bar ? 1 : 0
  return normalCdf((drop - bar) / se)
}

/**
 * The smallest true drop the gate's fail rule (see failProbability) catches with probability `power`:
 * max(margin, z_{1−α/2}·se) + z_power·se.
 */
export function detectableDropSignificant(
  margin: number,
  se: number,
  confidence = 0.95,
  power = 0.9,
): number {
  checkNonNegative('margin', margin)
  checkNonNegative('se', se)
  checkPower(power)
  return Math.max(margin, criticalValue(confidence) * se) + normalQuantile(power) * se
}

/**
 * Eval rows needed, given standard error `se` measured on `n` rows (se ∝ 1/√rows):
 *  - without `power`: where the interval half-width equals `margin`, z·se·√(n/N) = margin ⇒ N = n·(z·se/margin)²
 *    (a truly equal challenger then passes only about half the time);
 *  - with `power`: where a truly equal challenger passes (lower bound ≥ −margin) with probability `power`,
 *    (z + z_power)·se_N = margin ⇒ N = n·((z + z_power)·se/margin)² (≈ 2.7× the former for 90%).
 * Rounded up to whole rows. Returns 0 when se is 0.
 */
export function rowsNeeded(se: number, n: number, margin: number, confidence = 0.95, power?: number): number {
  checkNonNegative('se', se)
  checkPositive('margin', margin)
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UserError(`n must be a positive integer row count, got ${String(n)}`)
  if (power !== undefined) checkPower(power)
  const z = criticalValue(confidence) + (power === undefined ? 0 : normalQuantile(power))
  const rows = n * ((z * se) / margin) ** 2
  // Forgive floating-point noise so that an exact answer such as 4·n is not rounded up to 4·n + 1.
  return Math.ceil(rows * (1 - 1e-12))
}
