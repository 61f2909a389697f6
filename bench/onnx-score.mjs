/**
 * modelgate side of the ONNX row of `npm run bench:onnx`: score the 1,000,000 rows of <dir>/rows.f32 with
 * <dir>/mlp.onnx in-process, in the scorer's blocks of 65,536 rows, one thread, on onnxruntime-node (native)
 * or onnxruntime-web (wasm). Timed: session.run over all blocks (the session is created before, as the scorer
 * loads it once per run). Prints one `BENCH {json}` line.
 *   node bench/onnx-score.mjs <dir> node|web
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

const [dir, which] = process.argv.slice(2)
const FEATURES = 20
const BLOCK = 65536
const ort = which === 'web' ? await import('onnxruntime-web') : await import('onnxruntime-node')
if (which === 'web') ort.env.wasm.numThreads = 1
const bytes = readFileSync(path.join(dir, 'rows.f32'))
const x = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
const rows = x.length / FEATURES
const session = await ort.InferenceSession.create(path.join(dir, 'mlp.onnx'), {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
})
const started = performance.now()
let sum = 0
for (let start = 0; start < rows; start += BLOCK) {
  const n = Math.min(BLOCK, rows - start)
  const input = new ort.Tensor('float32', x.subarray(start * FEATURES, (start + n) * FEATURES), [n, FEATURES])
  const out = await session.run({ features: input })
  const p = out.probabilities.data
  for (let i = 0; i < n; i++) sum += p[i * 2 + 1]
}
const seconds = (performance.now() - started) / 1000
process.stdout.write(
  `BENCH ${JSON.stringify({ seconds, meanPrediction: sum / rows, threads: 1, runtime: `onnxruntime-${which} ${ort.env.versions.common}` })}\n`,
)
