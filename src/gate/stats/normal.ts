/**
 * Standard normal distribution: CDF, upper tail and quantile, accurate to double precision including the
 * far tails (a gate's p-values and critical values must not be off in the 3rd digit at z = 8).
 *
 * - `normalCdf` is W. J. Cody's rational Chebyshev approximation, "Rational Chebyshev approximations for
 *   the error function", Math. Comp. 23 (1969) 631–637, as implemented in ACM TOMS Algorithm 715
 *   (SPECFUN, 1993) and used by R's `pnorm`. Relative error ≈ 1e-16 in both tails down to the underflow
 *   limit (x ≈ −37.5), because the tail branch evaluates exp(−x²/2) with the x² split trick instead of
 *   computing 1 − Φ(|x|) by cancellation.
 * - `normalQuantile` is Wichura's AS 241 (PPND16), Applied Statistics 37 (1988) 477–484, relative
 *   accuracy ≈ 1e-16 for p in [1e-300, 1 − 1e-16]. Acklam's algorithm would need a refinement step to
 *   reach 1e-15; AS 241 gets there without one.
 *
 * Coefficients are the published ones (identical to R's nmath/pnorm.c and nmath/qnorm.c).
 */
import { UserError } from '../../errors.js'

const SQRT_32 = 5.656854249492380195206754896838
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934

const A = [
  2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
  0.065682337918207449113,
] as const
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956] as const
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
] as const
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
  18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
] as const
const P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
  2.9112874951168792e-5, 0.02307344176494017303,
] as const
const Q = [
  1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
  7.29751555083966205e-5,
] as const

/** exp(−y²/2)·factor without losing the low bits of y² (Cody: split y at a multiple of 1/16). */
function gaussianTail(y: number, factor: number): number {
  const ySplit = Math.trunc(y * 16) / 16
  const del = (y - ySplit) * (y + ySplit)
  return Math.exp(-ySplit * ySplit * 0.5) * Math.exp(-del * 0.5) * factor
}

/** Φ(x) = P(Z ≤ x) for a standard normal Z. NaN in, NaN out; ±Infinity give 0 and 1. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN
  const y = Math.abs(x)
  if (y <= 0.67448975) {
    // |x| ≤ Φ⁻¹(3/4): Φ(x) = 1/2 + x·R(x²), no cancellation issue.
    let num = 0
    let den = 0
    if (y > 1.1102230246251565e-16) {
      const xsq = x * x
      num = A[4] * xsq
      den = xsq
      for (let i = 0; i < 3; i++) {
        num = (num + A[i]!) * xsq
        den = (den + B[i]!) * xsq
      }
    }
    return 0.5 + (x * (num + A[3])) / (den + B[3])
  }
  let tail: number // P(Z > |x|)
  if (y <= SQRT_32) {
    let num = C[8] * y
    let den = y
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y
      den = (den + D[i]!) * y
    }
    tail = gaussianTail(y, (num + C[7]) / (den + D[7]))
  } else if (y < 38.5) {
    // Asymptotic-series branch; beyond 38.5 the tail underflows to 0 in doubles anyway.
    const xsq = 1 / (x * x)
    let num = P[5] * xsq
    let den = xsq
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]!) * xsq
      den = (den + Q[i]!) * xsq
    }
    const r = (xsq * (num + P[4])) / (den + Q[4])
    tail = gaussianTail(y, (ONE_OVER_SQRT_2PI - r) / y)
  } else {
    tail = 0
  }
  return x > 0 ? 1 - tail : tail
}

/** P(Z > x), computed without cancellation (so normalSf(10) ≈ 7.6e-24 with full relative accuracy). */
export function normalSf(x: number): number {
  return normalCdf(-x)
}

/** Two-sided p-value of a z statistic: 2·P(Z > |z|), at most 1. */
export function twoSidedNormalPValue(z: number): number {
  if (Number.isNaN(z)) return NaN
  return Math.min(1, 2 * normalCdf(-Math.abs(z)))
}

/**
 * Φ⁻¹(p) by Wichura's AS 241. p = 0 → −Infinity, p = 1 → +Infinity. A p outside [0, 1] is a programming
 * error (RangeError); user-supplied confidence levels go through `criticalValue`, which names the input.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return NaN
  if (p < 0 || p > 1) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`)
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  const q = p - 0.5
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    )
  }
  // Tails: work with r = sqrt(−log(min(p, 1 − p))). For p > 1/2, 1 − p is exact in binary floating point
  // (Sterbenz), so the upper tail is as accurate as p itself allows.
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p))
  let value: number
  if (r <= 5) {
    r -= 1.6
    value =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1)
  } else {
    r -= 5
    value =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1)
  }
  return q < 0 ? -value : value
}

/**
 * Validates a two-sided confidence level (e.g. 0.95) and returns z_{1−α/2}. Throws a UserError that names
 * the input, because the usual mistake is writing 95 for 0.95.
 */
export function criticalValue(confidence: number, inputName = 'confidence'): number {
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence <= 0 || confidence >= 1) {
    throw new UserError(
      `${inputName} must be a number strictly between 0 and 1 (e.g. 0.95), got ${String(confidence)}`,
    )
  }
  // −Φ⁻¹(α/2) rather than Φ⁻¹(1 − α/2): α/2 is exact, 1 − α/2 would round.
  return -normalQuantile((1 - confidence) / 2)
}
