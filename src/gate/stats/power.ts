/**
 * "Honest resolution" helpers: how precise a paired comparison is, stated in metric units.
 *
 * All assume the estimate of the paired difference d̂ is approximately normal with standard error se (the
 * same assumption as the DeLong and Wald intervals) and that se shrinks like 1/√n with the number of rows.
 */
import { UserError } from '../../errors.js'
import { criticalValue, normalQuantile } from './normal.js'

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
  if (typeof power !== 'number' || !(power > 0 && power < 1)) {
    throw new UserError(`power must be strictly between 0 and 1 (e.g. 0.9), got ${String(power)}`)
  }
  return margin + (criticalValue(confidence) + normalQuantile(power)) * se
}

/**
 * Eval-set size at which the interval half-width equals `margin`, given standard error `se` measured on `n`
 * rows: z·se·√(n/N) = margin ⇒ N = n·(z·se/margin)², rounded up to whole rows. Returns 0 when se is 0.
 */
export function rowsNeeded(se: number, n: number, margin: number, confidence = 0.95): number {
  checkNonNegative('se', se)
  checkPositive('margin', margin)
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UserError(`n must be a positive integer row count, got ${String(n)}`)
  const rows = n * ((criticalValue(confidence) * se) / margin) ** 2
  // Forgive floating-point noise so that an exact answer such as 4·n is not rounded up to 4·n + 1.
  return Math.ceil(rows * (1 - 1e-12))
}
