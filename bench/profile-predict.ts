/**
 * Where batch prediction's time goes (issue 6), measured, not part of `npm run bench`:
 *   node --import ./__tests__/harness/ts-loader.mjs bench/profile-predict.ts <workdir from `npm run bench -- --keep`>
 * For the saved logistic and MLP models of the bench: `transform`, then `predictTf` (what scoreRows does)
 * split into its Float64→Float32 copy and the tfjs call, and the same network evaluated without tfjs by
 * src/train/forward.ts `predictNet` on weights read back from the tfjs model (the saved format unchanged).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { readCsv } from '../src/data/csv.js'
import { transform } from '../src/data/preprocess.js'
import { loadModelFiles } from '../src/evaluate/score.js'
import { predictNet } from '../src/train/forward.js'
import { predictTf } from '../src/train/model-io.js'
import type { Activation, DenseNet } from '../src/train/model-types.js'
import { loadTf } from '../src/train/tf-runtime.js'
import { silentLogger } from '../src/util/logger.js'
import { cpuMs } from './bench-data.js'

function timed<T>(label: string, f: () => T): T {
  const t = cpuMs()
  const result = f()
  console.log(`  ${label.padEnd(58)} ${(cpuMs() - t).toFixed(1).padStart(7)} ms CPU`)
  return result
}

async function main(): Promise<void> {
  const dir = process.argv[2]
  if (!dir) throw new Error('usage: profile-predict.ts <workdir>')
  const runtime = await loadTf({ cwd: process.cwd(), logger: silentLogger, backend: 'wasm' })
  const { tf } = runtime
  const table = await readCsv([path.join(dir, 'flights-1m.csv')])
  const rows = Uint32Array.from({ length: table.rowCount }, (_, i) => i)
  for (const kind of ['logistic', 'mlp']) {
    console.log(`${kind} (${runtime.backend} backend), ${rows.length} rows:`)
    const root = path.join(dir, `mg-${kind}`)
    const loaded = await loadModelFiles(
      runtime,
      (f) => Promise.resolve(readFileSync(path.join(root, f))),
      kind,
    )
    const { x, n, d } = timed('transform (parse strings, standardise)', () =>
      transform(loaded.preprocessor, table, rows),
    )
    const viaTf = timed('predictTf (scoreRows today)', () => predictTf(tf, loaded.model, x, n, d))
    timed('  of which Float32Array.from(x) for all blocks', () => {
      for (let s = 0; s < n; s += 65536) Float32Array.from(x.subarray(s * d, Math.min(n, s + 65536) * d))
    })
    timed('  a plain copy loop into one Float32Array instead', () => {
      const f = new Float32Array(n * d)
      for (let i = 0; i < f.length; i++) f[i] = x[i]!
      return f
    })
    timed('predictTf again (JIT-warm)', () => predictTf(tf, loaded.model, x, n, d))
    const dense = loaded.model.layers.filter((l) => l.getWeights().length === 2)
    const net: DenseNet = {
      dropout: 0,
      layers: dense.map((layer) => {
        const [kernel, bias] = layer.getWeights()
        const shape = kernel.shape as [number, number]
        const activation = (layer.getConfig().activation as Activation | undefined) ?? 'linear'
        return {
          kernel: Float64Array.from(kernel.dataSync()),
          bias: Float64Array.from(bias.dataSync()),
          inputs: shape[0],
          units: shape[1],
          activation,
        }
      }),
    }
    const viaJs = timed('predictNet: forward.ts on the same weights, Float64', () => predictNet(net, x, n))
    timed('predictNet again (JIT-warm)', () => predictNet(net, x, n))
    let maxDiff = 0
    for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs(viaTf[i] - viaJs[i]))
    console.log(`  max |predictTf − predictNet| = ${maxDiff.toExponential(2)} (tfjs computes in float32)`)
  }
}

await main()
