/**
 * The gate's bootstrap of log loss and Brier score evaluates a resample as a dot product with per-row terms
 * (src/gate/paired.ts, binaryRowTerms in src/evaluate/metrics-binary.ts). Checked against the definition:
 * the terms' weighted mean is the weighted metric, and the interval equals the one the generic bootstrap
 * gives when it recomputes both metrics on every resample (same seed, same strata, same resamples).
 */
import { brierScore, computeMetrics, logLoss } from '../src/evaluate/metrics.js'
import { binaryRowTerms } from '../src/evaluate/metrics-binary.js'
import { pairedEstimate } from '../src/gate/paired.js'
import { pairedBootstrap } from '../src/gate/stats/bootstrap.js'
import { Rng } from '../src/util/rng.js'

const rng = new Rng(23)
const n = 900
const y = Uint8Array.from({ length: n }, () => (rng.uniform(0, 1) < 0.3 ? 1 : 0))
// Scores including the clipped extremes 0 and 1, where log loss is clipped.
const score = (lift: number) =>
  Float64Array.from(y, (label, i) =>
    i % 97 === 0 ? label : Math.min(1, Math.max(0, 0.3 + lift * (label - 0.3) + rng.uniform(-0.3, 0.3))),
  )
const challenger = score(0.5)
const champion = score(0.4)

describe('binaryRowTerms', () => {
  test.each([
    ['log_loss', logLoss],
    ['brier', brierScore],
  ] as const)('%s: the weighted mean of the terms is the weighted metric', (metric, fn) => {
    const w = Float64Array.from({ length: n }, () => Math.floor(rng.uniform(0, 4)))
    const terms = binaryRowTerms(metric, y, challenger)
    let sum = 0
    let total = 0
    for (let i = 0; i < n; i++) {
      sum += w[i]! * terms[i]!
      total += w[i]!
    }
    expect(sum / total).toBeCloseTo(fn(y, challenger, w), 14)
  })
})

describe('pairedEstimate of a mean metric', () => {
  test.each(['log_loss', 'brier'])(
    '%s: interval and se equal the bootstrap that recomputes both metrics per resample',
    (metric) => {
      const input = {
        task: 'binary' as const,
        y,
        challenger,
        champion,
        classes: 2,
        threshold: 0.5,
        confidence: 0.95,
        resamples: 400,
        seed: 5,
        needChallengerInterval: true,
      }
      const fast = pairedEstimate(metric, input)
      const value = (p: Float64Array, w: Float64Array) =>
        computeMetrics('binary', y, p, { names: [metric], weight: w })[metric]!
      const common = { n, strata: Int32Array.from(y), resamples: 400, seed: 5, confidence: 0.95 }
      const diff = pairedBootstrap({
        ...common,
        statistic: (w) => value(challenger, w) - value(champion, w),
      })
      const own = pairedBootstrap({ ...common, statistic: (w) => value(challenger, w) })
      expect(fast.method).toBe('bootstrap')
      for (const [got, want] of [
        [fast.lower, diff.lower],
        [fast.upper, diff.upper],
        [fast.se, diff.se],
        [fast.challengerLower, own.lower],
        [fast.challengerUpper, own.upper],
        [fast.challengerSe, own.se],
      ] as const)
        expect(Math.abs(got - want)).toBeLessThan(1e-13)
      expect(fast.lower).toBeLessThan(fast.upper)
    },
  )
})
