/**
 * Could the MLP step hand its products to the tfjs wasm backend (XNNPACK) instead of JS loops? Measures the
 * eight matrix products of one (64, 32) training step at batch 512 through tf.matMul on the wasm backend,
 * including the copies in (tensor from a Float32Array) and out (dataSync), which a JS training loop would pay.
 *   node --import ./__tests__/harness/ts-loader.mjs bench/profile-tfjs-matmul.ts [inputs]
 */
import { loadTf } from '../src/train/tf-runtime.js'
import { silentLogger } from '../src/util/logger.js'
import { cpuMs } from './bench-data.js'

async function main(): Promise<void> {
  const d = Number(process.argv[2] ?? 20)
  const { tf, backend } = await loadTf({ cwd: process.cwd(), logger: silentLogger, backend: 'wasm' })
  const batch = 512
  const sizes = [d, 64, 32, 1]
  const rand = (n: number): Float32Array =>
    Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5)
  const acts = sizes.map((s) => rand(batch * s))
  const weights = sizes.slice(0, -1).map((s, l) => rand(s * sizes[l + 1]))
  const step = (): number => {
    let sink = 0
    // forward: a[l+1] = a[l] · W[l]
    for (let l = 0; l < 3; l++) {
      const y = tf.tidy(() =>
        tf.matMul(tf.tensor2d(acts[l], [batch, sizes[l]]), tf.tensor2d(weights[l], [sizes[l], sizes[l + 1]])),
      )
      sink += y.dataSync()[0]
      y.dispose()
    }
    // weight grads: a[l]ᵀ · δ[l+1]; input grads: δ[l+1] · W[l]ᵀ (l > 0)
    for (let l = 2; l >= 0; l--) {
      const g = tf.tidy(() =>
        tf.matMul(
          tf.tensor2d(acts[l], [batch, sizes[l]]),
          tf.tensor2d(acts[l + 1], [batch, sizes[l + 1]]),
          true,
          false,
        ),
      )
      sink += g.dataSync()[0]
      g.dispose()
      if (l > 0) {
        const p = tf.tidy(() =>
          tf.matMul(
            tf.tensor2d(acts[l + 1], [batch, sizes[l + 1]]),
            tf.tensor2d(weights[l], [sizes[l], sizes[l + 1]]),
            false,
            true,
          ),
        )
        sink += p.dataSync()[0]
        p.dispose()
      }
    }
    return sink
  }
  for (let i = 0; i < 50; i++) step()
  const steps = 500
  const cpu = cpuMs()
  const wall = performance.now()
  for (let i = 0; i < steps; i++) step()
  console.log(
    `tfjs ${backend}: 8 matMuls of a (${d}, 64, 32) step at batch 512: ${((cpuMs() - cpu) / steps).toFixed(3)} ms CPU, ${((performance.now() - wall) / steps).toFixed(3)} ms wall per step; tensors left ${tf.memory().numTensors}`,
  )
}

await main()
