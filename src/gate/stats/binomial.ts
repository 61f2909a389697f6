/**
 * Exact binomial probabilities with full relative accuracy for large n (McNemar on 10⁶ rows can have 10⁵
 * discordant pairs, where naive log-gamma differences lose 8+ digits).
 *
 * The point probability uses Catherine Loader's saddle-point form, "Fast and accurate computation of
 * binomial probabilities" (2000), the algorithm behind R's dbinom: the Stirling-series error terms
 * (`stirlingError`) and the deviance term (`bd0`) are each computed without cancellation. Tail sums run
 * downward from the point probability with the exact ratio P(j−1)/P(j) = j / (n − j + 1).
 */

/** ln(n!) − ln(√(2πn)·(n/e)ⁿ) for integer n ≥ 0 (Loader; exact table for n ≤ 15, series above). */
const STIRLING_ERROR_TABLE = [
  0.0, 0.0810614667953272582196702, 0.0413406959554092940938221, 0.02767792568499833914878929,
  0.02079067210376509311152277, 0.01664469118982119216319487, 0.01387612882307074799874573,
  0.01189670994589177009505572, 0.010411265261972096497478567, 0.009255462182712732917728637,
  0.008330563433362871256469318, 0.007573675487951840794972024, 0.006942840107209529865664152,
  0.006408994188004207068439631, 0.005951370112758847735624416, 0.00555473355196280137103869,
]
const S0 = 1 / 12
const S1 = 1 / 360
const S2 = 1 / 1260
const S3 = 1 / 1680
const S4 = 1 / 1188
const S5 = 691 / 360360
const S6 = 1 / 156

export function stirlingError(n: number): number {
  if (n <= 15) {
    const tabled = STIRLING_ERROR_TABLE[n]
    if (tabled === undefined) throw new RangeError(`stirlingError: n is ${n}; expected an integer >= 0`)
    return tabled
  }
  const nn = n * n
  if (n > 15.7e6) return S0 / n
  if (n > 6180) return (S0 - S1 / nn) / n
  if (n > 205) return (S0 - (S1 - S2 / nn) / nn) / n
  if (n > 86) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n
  if (n > 27) return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
  // 15 < n ≤ 27: two more terms of the asymptotic series (Loader/R use order 7 up to 23.5).
  return (S0 - (S1 - (S2 - (S3 - (S4 - (S5 - S6 / nn) / nn) / nn) / nn) / nn) / nn) / n
}

/** Deviance term x·ln(x/np) + np − x, by a series when x ≈ np (where the direct form cancels). */
export function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np)
    let s = (x - np) * v
    if (Math.abs(s) < Number.MIN_VALUE) return s
    let ej = 2 * x * v
    v *= v
    for (let j = 1; j < 1000; j++) {
      ej *= v
      const s1 = s + ej / (2 * j + 1)
      if (s1 === s) return s1
      s = s1
    }
  }
  return x * Math.log(x / np) + np - x
}

/** P(X = x) for X ~ Binomial(n, p), integers 0 ≤ x ≤ n, 0 < p < 1. */
export function binomialPmf(x: number, n: number, p: number): number {
  const q = 1 - p
  if (x === 0) return n === 0 ? 1 : Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q))
  if (x === n) return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p))
  const lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x) - bd0(x, n * p) - bd0(n - x, n * q)
  const lf = Math.log(2 * Math.PI) + Math.log(x) + Math.log1p(-x / n)
  return Math.exp(lc - 0.5 * lf)
}

/**
 * P(X ≤ k) for X ~ Binomial(n, p) with k ≤ n·p (the lower tail, where terms shrink going down).
 * Returns 0 only if P(X = k) underflows (below ~1e-308).
 */
export function binomialLowerTail(k: number, n: number, p: number): number {
  if (k >= n) return 1
  const oddsRatio = (1 - p) / p
  let term = binomialPmf(k, n, p)
  let sum = term
  for (let j = k; j > 0 && term > sum * 1e-17; j--) {
    term *= (j / (n - j + 1)) * oddsRatio
    sum += term
  }
  return Math.min(1, sum)
}

/**
 * Exact two-sided p-value of b successes out of b + c trials under p = ½ (the exact McNemar test):
 * min(1, 2·P(X ≤ min(b, c))). For p = ½ the distribution is symmetric, so doubling the smaller tail equals
 * the "sum of outcomes no more likely than observed" definition (scipy's binomtest, R's binom.test).
 */
export function exactMcNemarPValue(b: number, c: number): number {
  const n = b + c
  if (n === 0) return 1
  return Math.min(1, 2 * binomialLowerTail(Math.min(b, c), n, 0.5))
}
