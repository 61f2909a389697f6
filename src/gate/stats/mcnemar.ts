/**
 * Paired accuracy: the exact McNemar test and a confidence interval for accA − accB on the same rows.
 *
 * Test: exact conditional McNemar test — under H0 the b discordant rows where only A is right and the c rows
 * where only B is right split Binomial(b + c, ½); two-sided p = min(1, 2·P(X ≤ min(b, c))).
 *
 * Interval: Newcombe's hybrid score interval for a difference of paired proportions, method 10 of
 * R. G. Newcombe (1998), "Improved confidence intervals for the difference between binomial proportions
 * based on paired data", Statistics in Medicine 17:2635–2650. It combines the Wilson score intervals
 * (l1, u1) for accA and (l2, u2) for accB with the estimated correlation φ of the two proportions:
 *   L = θ − sqrt((accA − l1)² − 2φ(accA − l1)(u2 − accB) + (u2 − accB)²)
 *   U = θ + sqrt((u1 − accA)² − 2φ(u1 − accA)(accB − l2) + (accB − l2)²)
 * with φ = (ad − bc − n/2)/sqrt((a+b)(c+d)(a+c)(b+d)) if ad − bc > n/2, 0 if 0 ≤ ad − bc ≤ n/2,
 * (ad − bc)/sqrt(…) if ad − bc < 0, and 0 if any margin is empty (Newcombe 1998; the same rule is used in
 * Fagerland, Lydersen & Laake, "Statistical Analysis of Contingency Tables" (2017), ch. 8). Chosen because
 * Newcombe's evaluation found it close to nominal coverage (unlike the Wald interval, which under-covers and
 * can leave [−1, 1] when discordant pairs are few), while being closed-form (Tango's score interval needs a
 * root search).
 */
import { UserError } from '../../errors.js'
import { exactMcNemarPValue } from './binomial.js'
import { criticalValue } from './normal.js'

export interface McNemarResult {
  accA: number
  accB: number
  /** accA − accB. */
  diff: number
  /** Weighted count of rows A got right and B got wrong. */
  b: number
  /** Weighted count of rows B got right and A got wrong. */
  c: number
  /** Weighted count of rows both got right / both got wrong (the concordant cells). */
  bothCorrect: number
  bothWrong: number
  /** Total weight (rows × multiplicity). */
  n: number
  /** Exact two-sided McNemar p-value. */
  pValue: number
  /** Newcombe (1998) method 10 interval for accA − accB. */
  lower: number
  upper: number
  /**
   * Wald standard error of diff, sqrt(b + c − (b − c)²/n)/n. Reported for sizing (power.ts); the interval
   * above does not use it because the Wald interval under-covers with few discordant pairs.
   */
  se: number
}

/** Wilson score interval for x successes in n trials (Wilson 1927), two-sided, critical value z. */
export function wilsonInterval(x: number, n: number, z: number): { lower: number; upper: number } {
  const z2 = z * z
  const denominator = n + z2
  const center = (x + z2 / 2) / denominator
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / denominator
  // Exact endpoints at the boundaries (the formula gives them up to rounding).
  return { lower: x === 0 ? 0 : Math.max(0, center - half), upper: x === n ? 1 : Math.min(1, center + half) }
}

/**
 * Newcombe's method 10 interval from the four cells of the paired table:
 * a = both right, b = only A right, c = only B right, d = both wrong.
 */
export function newcombePairedInterval(
  a: number,
  b: number,
  c: number,
  d: number,
  confidence = 0.95,
): { lower: number; upper: number } {
  const z = criticalValue(confidence)
  const n = a + b + c + d
  const p1 = (a + b) / n
  const p2 = (a + c) / n
  const w1 = wilsonInterval(a + b, n, z)
  const w2 = wilsonInterval(a + c, n, z)
  const marginProduct = (a + b) * (c + d) * (a + c) * (b + d)
  let phi = 0
  if (marginProduct > 0) {
    const cross = a * d - b * c
    if (cross > n / 2) phi = (cross - n / 2) / Math.sqrt(marginProduct)
    else if (cross < 0) phi = cross / Math.sqrt(marginProduct)
  }
  const theta = p1 - p2
  const dl1 = p1 - w1.lower
  const du1 = w1.upper - p1
  const dl2 = p2 - w2.lower
  const du2 = w2.upper - p2
  // The radicands are ≥ 0 for |φ| ≤ 1; clamp rounding noise below 0.
  const lower = theta - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2))
  const upper = theta + Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2))
  return { lower: Math.max(-1, lower), upper: Math.min(1, upper) }
}

/**
 * Exact McNemar test and Newcombe interval for paired accuracy. `correctA[i]` / `correctB[i]` are 1 when
 * that model classified row i correctly, else 0. `weight[i]` (optional) is a non-negative integer
 * multiplicity of row i (e.g. a deduplicated eval set); fractional weights are rejected because the exact
 * binomial test counts rows.
 */
export function mcnemarPaired(
  correctA: Uint8Array,
  correctB: Uint8Array,
  weight?: ArrayLike<number>,
  confidence = 0.95,
): McNemarResult {
  const where = 'mcnemarPaired'
  criticalValue(confidence)
  const rows = correctA.length
  if (correctB.length !== rows) {
    throw new UserError(
      `${where}: correctA has ${rows} rows but correctB has ${correctB.length}; they must be the same rows`,
    )
  }
  if (weight !== undefined && weight.length !== rows) {
    throw new UserError(`${where}: weight has ${weight.length} rows but correctA has ${rows}`)
  }
  let bothCorrect = 0
  let b = 0
  let c = 0
  let bothWrong = 0
  for (let i = 0; i < rows; i++) {
    const ai = correctA[i]!
    const bi = correctB[i]!
    if (ai > 1) throw new UserError(`${where}: correctA[${i}] is ${ai}; expected 0 or 1`)
    if (bi > 1) throw new UserError(`${where}: correctB[${i}] is ${bi}; expected 0 or 1`)
    let w = 1
    if (weight !== undefined) {
      w = weight[i]!
      if (!Number.isSafeInteger(w) || w < 0) {
        throw new UserError(
          `${where}: weight[${i}] is ${w}; weights must be non-negative integers (row multiplicities)`,
        )
      }
    }
    if (ai === 1) {
      if (bi === 1) bothCorrect += w
      else b += w
    } else if (bi === 1) c += w
    else bothWrong += w
  }
  const n = bothCorrect + b + c + bothWrong
  if (n === 0) throw new UserError(`${where}: no rows (or all weights are 0); accuracy is undefined`)
  const accA = (bothCorrect + b) / n
  const accB = (bothCorrect + c) / n
  const { lower, upper } = newcombePairedInterval(bothCorrect, b, c, bothWrong, confidence)
  return {
    accA,
    accB,
    diff: (b - c) / n,
    b,
    c,
    bothCorrect,
    bothWrong,
    n,
    pValue: exactMcNemarPValue(b, c),
    lower,
    upper,
    se: Math.sqrt(Math.max(0, b + c - ((b - c) * (b - c)) / n)) / n,
  }
}
