/**
 * Shared pieces of the gate tests: a model spec built through the real loader (a modelgate.yml and CSVs in a
 * temp dir), seeded synthetic scores, and independent oracles (brute-force DeLong, Holm by definition, an
 * erf-based normal CDF) written here without the code under test.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadSpec, type ModelSpec } from '../src/config/load-spec.js'
import { loadDataset, type RowSet } from '../src/data/dataset.js'
import { compareModels } from '../src/gate/compare.js'
import type { GateResult, MetricComparison } from '../src/gate/types.js'

export interface GateCase {
  spec: ModelSpec
  eval: RowSet
}

/**
 * A spec whose eval file holds `labels` (and a `group` column when given); `yaml` is appended verbatim
 * (the `gate:` and `slices:` sections). The training file only has to satisfy the loader.
 */
export async function gateCase(options: {
  labels: ArrayLike<number>
  groups?: string[]
  yaml: string
  task?: 'binary' | 'regression'
}): Promise<GateCase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gate-test-'))
  const task = options.task ?? 'binary'
  const groups = options.groups ?? Array.from({ length: options.labels.length }, () => 'all')
  const header = 'x,group,label'
  const trainRows =
    task === 'binary' ? ['0.1,a,0', '0.2,b,1', '0.3,a,1', '0.4,b,0'] : ['0.1,a,1.5', '0.2,b,2.5', '0.3,a,0.5']
  writeFileSync(path.join(dir, 'train.csv'), `${header}\n${trainRows.join('\n')}\n`)
  const evalLines = Array.from(options.labels, (label, i) => `${(i % 7) / 10},${groups[i]},${label}`)
  writeFileSync(path.join(dir, 'eval.csv'), `${header}\n${evalLines.join('\n')}\n`)
  const yaml = [
    `task: ${task}`,
    'data:',
    '  train: train.csv',
    '  eval: eval.csv',
    '  target: label',
    'model: { type: logistic }',
    options.yaml,
  ].join('\n')
  writeFileSync(path.join(dir, 'modelgate.yml'), `${yaml}\n`)
  const spec = await loadSpec(dir)
  const dataset = await loadDataset(spec)
  return { spec, eval: dataset.eval }
}

export function runGate(c: GateCase, champion: Float64Array, challenger: Float64Array): GateResult {
  const classes = c.spec.task === 'regression' ? 1 : 2
  return compareModels({ spec: c.spec, y: c.eval.y, classes, challenger, champion, eval: c.eval })
}

export function overall(result: GateResult, metric: string): MetricComparison {
  const c = result.comparisons.find((x) => x.metric === metric && x.scope.kind === 'overall')
  if (!c) throw new Error(`no overall comparison for ${metric}`)
  return c
}

export function slice(result: GateResult, metric: string, column: string, value: string): MetricComparison {
  const c = result.comparisons.find(
    (x) =>
      x.metric === metric && x.scope.kind === 'slice' && x.scope.column === column && x.scope.value === value,
  )
  if (!c) throw new Error(`no comparison for ${metric} on ${column}=${value}`)
  return c
}

/** Deterministic uniform generator (mulberry32) and standard normals from it (Box–Muller). */
export function rng(seed: number): { uniform: () => number; normal: () => number } {
  let a = seed >>> 0
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
  return { uniform, normal }
}

/** n labels alternating 1, 0 (exact balance) and a champion score: signal·y + N(0, 1), squashed into (0, 1). */
export function binaryScenario(
  n: number,
  signal: number,
  seed: number,
): { labels: Uint8Array; champion: Float64Array } {
  const r = rng(seed)
  const labels = Uint8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0))
  const champion = Float64Array.from(labels, (y) => sigmoid(signal * y + r.normal()))
  return { labels, champion }
}

/** A challenger: the champion's logit plus `noise`·N(0, 1) (noise 0 = the same model), squashed again. */
export function perturb(champion: Float64Array, noise: number, seed: number): Float64Array {
  const r = rng(seed)
  return Float64Array.from(champion, (p) => sigmoid(logit(p) + noise * r.normal()))
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z))
}

export function logit(p: number): number {
  return Math.log(p / (1 - p))
}

/** DeLong 1988 by definition: ψ kernel over all positive/negative pairs; AUCs and their covariance matrix. */
export function bruteDelong(
  y: Uint8Array,
  a: Float64Array,
  b: Float64Array,
): { aucA: number; aucB: number; varA: number; varDiff: number } {
  const pos: number[] = []
  const neg: number[] = []
  y.forEach((v, i) => (v === 1 ? pos : neg).push(i))
  const psi = (x: number, z: number): number => (x > z ? 1 : x === z ? 0.5 : 0)
  const placements = (s: Float64Array) => ({
    v10: pos.map((i) => neg.reduce((acc, j) => acc + psi(s[i]!, s[j]!), 0) / neg.length),
    v01: neg.map((j) => pos.reduce((acc, i) => acc + psi(s[i]!, s[j]!), 0) / pos.length),
  })
  const pa = placements(a)
  const pb = placements(b)
  const mean = (v: number[]): number => v.reduce((x, z) => x + z, 0) / v.length
  const cov = (u: number[], v: number[]): number => {
    const mu = mean(u)
    const mv = mean(v)
    return u.reduce((acc, x, i) => acc + (x - mu) * (v[i]! - mv), 0) / (u.length - 1)
  }
  const c = (p: typeof pa, q: typeof pa): number =>
    cov(p.v10, q.v10) / pos.length + cov(p.v01, q.v01) / neg.length
  return {
    aucA: mean(pa.v10),
    aucB: mean(pb.v10),
    varA: c(pa, pa),
    varDiff: c(pa, pa) + c(pb, pb) - 2 * c(pa, pb),
  }
}

/** Φ(x) via erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7): independent of src/gate/stats/normal.ts. */
export function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * z)
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z)
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf)
}

/** Holm's adjusted p-values by definition: p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎). */
export function holmByDefinition(p: number[]): number[] {
  const m = p.length
  const order = p.map((_, i) => i).sort((x, y) => p[x]! - p[y]!)
  const out = new Array<number>(m)
  order.forEach((index, rank) => {
    let best = 0
    for (let j = 0; j <= rank; j++) best = Math.max(best, Math.min(1, (m - j) * p[order[j]!]!))
    out[index] = best
  })
  return out
}

/** z quantiles used in the hand computations (standard tables). */
export const Z975 = 1.959963984540054
export const Z90 = 1.2815515655446004
