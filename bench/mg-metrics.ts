/**
 * modelgate side of the metrics row: `node bench/mg-metrics.ts <workdir>` (via the ts-loader or the harness's
 * precompiled copy). The full binary metric suite on both scores of 1,000,000 rows, then the statistics the
 * gate runs for two gated metrics (src/gate/paired.ts `pairedEstimate`): DeLong's paired test for ROC AUC and
 * the class-stratified paired bootstrap (1,000 resamples, one thread) of log loss. Prints one BENCH line.
 */
import path from 'node:path'
import { computeMetrics, metricsForTask } from '../src/evaluate/metrics.js'
import { pairedEstimate, type PairedInput } from '../src/gate/paired.js'
import { cpuMs, readF64, readU8, report } from './bench-data.js'

export const RESAMPLES = 1000

function main(): void {
  const [dir] = process.argv.slice(2)
  if (!dir) throw new Error('usage: mg-metrics.ts <workdir>')
  const y = readU8(path.join(dir, 'pred-y.u8'))
  const a = readF64(path.join(dir, 'pred-a.f64'))
  const b = readF64(path.join(dir, 'pred-b.f64'))
  const names = metricsForTask('binary')
  const started = performance.now()
  const cpuStart = cpuMs()
  const suiteA = computeMetrics('binary', y, a, { names })
  computeMetrics('binary', y, b, { names })
  const suiteSeconds = (performance.now() - started) / 1000
  const input: PairedInput = {
    task: 'binary',
    y,
    challenger: a,
    champion: b,
    classes: 2,
    threshold: 0.5,
    confidence: 0.95,
    resamples: RESAMPLES,
    seed: 0,
    needChallengerInterval: false,
  }
  const delongStart = performance.now()
  const auc = pairedEstimate('roc_auc', input)
  const delongSeconds = (performance.now() - delongStart) / 1000
  const bootStart = performance.now()
  const loss = pairedEstimate('log_loss', input)
  const bootstrapSeconds = (performance.now() - bootStart) / 1000
  const cpuSeconds = (cpuMs() - cpuStart) / 1000 // all threads of the process
  report({
    seconds: suiteSeconds + delongSeconds + bootstrapSeconds,
    cpuSeconds,
    suiteSeconds,
    delongSeconds,
    bootstrapSeconds,
    auc: suiteA.roc_auc,
    aucDiff: [auc.diff, auc.lower, auc.upper],
    lossDiff: [loss.diff, loss.lower, loss.upper],
    metrics: names.length,
  })
}

main()
