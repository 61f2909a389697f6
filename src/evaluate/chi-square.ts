/**
 * Pearson's chi-square test of homogeneity for two count vectors over the same categories (a 2 × K table),
 * as scipy.stats.chi2_contingency(..., correction=False), with the p-value from the regularized upper
 * incomplete gamma function Q(dof/2, x/2) (Numerical Recipes §6.2: series below a + 1, Lentz's continued
 * fraction above).
 */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
]

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let a = 0.99999999999980993
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i + 1)
  const t = z + LANCZOS.length - 0.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

/** Q(a, x) = Γ(a, x) / Γ(a), the upper regularized incomplete gamma function. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1
  const lead = -x + a * Math.log(x) - logGamma(a)
  if (x < a + 1) {
    let term = 1 / a
    let sum = term
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n)
      sum += term
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break
    }
    return Math.max(0, 1 - sum * Math.exp(lead))
  }
  const tiny = 1e-300
  let b = x + 1 - a
  let c = 1 / tiny
  let d = 1 / b
  let h = d
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < tiny) d = tiny
    c = b + an / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-16) break
  }
  return Math.exp(lead) * h
}

export interface ChiSquareResult {
  statistic: number
  dof: number
  pValue: number
}

/**
 * Homogeneity of two samples' category counts. Categories with no count in either sample are dropped (they
 * add nothing and have no expected count). NaN when either sample is empty or only one category is left.
 */
export function chiSquareHomogeneity(a: readonly number[], b: readonly number[]): ChiSquareResult {
  if (a.length !== b.length)
    throw new Error('chiSquareHomogeneity: the two samples must use the same categories')
  const keep = a.map((v, i) => v + b[i]! > 0)
  const x = a.filter((_, i) => keep[i])
  const y = b.filter((_, i) => keep[i])
  const na = x.reduce((s, v) => s + v, 0)
  const nb = y.reduce((s, v) => s + v, 0)
  const dof = x.length - 1
  if (na === 0 || nb === 0 || dof < 1) return { statistic: NaN, dof: Math.max(dof, 0), pValue: NaN }
  const n = na + nb
  let statistic = 0
  for (let i = 0; i < x.length; i++) {
    const column = x[i]! + y[i]!
    const ea = (na * column) / n
    const eb = (nb * column) / n
    statistic += (x[i]! - ea) ** 2 / ea + (y[i]! - eb) ** 2 / eb
  }
  return { statistic, dof, pValue: gammaQ(dof / 2, statistic / 2) }
}
