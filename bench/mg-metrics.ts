/**
 * modelgate side of the metrics row: `node bench/mg-metrics.ts <workdir> [--threads N]` (via the ts-loader or
 * the harness's precompiled copy). The full binary metric suite on both scores of 1,000,000 rows, then the
 * 1,000-resample paired bootstrap of ROC AUC (unstratified, like the numpy peer). Prints one BENCH line.
 */
import path from 'node:path'
import { computeMetrics, metricsForTask } from '../src/evaluate/metrics.js'
import { pairedBootstrapAuc } from '../src/gate/stats/bootstrap-auc.js'
import { cpuMs, readF64, readU8, report } from './bench-data.js'

export const RESAMPLES = 1000

async function main(): Promise<void> {
  const [dir, flag, value] = process.argv.slice(2)
  if (!dir) throw new Error('usage: mg-metrics.ts <workdir> [--threads N]')
  const threads = flag === '--threads' ? Number(value) : undefined
  const y = readU8(path.join(dir, 'pred-y.u8'))
  const a = readF64(path.join(dir, 'pred-a.f64'))
  const b = readF64(path.join(dir, 'pred-b.f64'))
  const names = metricsForTask('binary')
  const started = performance.now()
  const cpuStart = cpuMs()
  const suiteA = computeMetrics('binary', y, a, { names })
  computeMetrics('binary', y, b, { names })
  const suiteSeconds = (performance.now() - started) / 1000
  const bootStart = performance.now()
  const boot = await pairedBootstrapAuc(y, a, b, {
    resamples: RESAMPLES,
    seed: 0,
    ...(threads ? { threads } : {}),
  })
  const bootstrapSeconds = (performance.now() - bootStart) / 1000
  const cpuSeconds = (cpuMs() - cpuStart) / 1000 // all threads of the process
  report({
    seconds: suiteSeconds + bootstrapSeconds,
    cpuSeconds,
    suiteSeconds,
    bootstrapSeconds,
    auc: suiteA.roc_auc,
    estimate: boot.estimate,
    interval: [boot.lower, boot.upper],
    metrics: names.length,
  })
}

await main()
