/**
 * Where fitMlp's time goes (issue 6), measured, not part of `npm run bench`:
 *   node --import ./__tests__/harness/ts-loader.mjs bench/profile-mlp.ts <workdir> [epochs] [synthetic|flights]
 * A copy of src/train/mlp.ts's training step for the benchmark's case (binary, ReLU, Adam, no dropout, no
 * early stopping), same initialisation and shuffles, with CPU time per phase, run with the reference loops
 * and with the proposals (4-row register blocking, Float32 storage). The reference copy must reproduce
 * fitMlp's final loss; the variants' AUC shows they train the same model up to rounding.
 */
import { rocAuc } from '../src/evaluate/metrics-binary.js'
import { fitMlp } from '../src/train/mlp.js'
import { silentLogger } from '../src/util/logger.js'
import { Rng } from '../src/util/rng.js'
import { cpuMs, mlpConfig, readMatrix, type Matrix } from './bench-data.js'
import { loadFlights, trainingData } from './mg-train.js'
import { blocked4, reference, type Kernels, type Vec } from './profile-mlp-kernels.js'
import { tiled } from './profile-mlp-tiles.js'
import { wasmArena } from './profile-wasm-gemm.js'

type Alloc = (n: number) => Vec
const PHASES = ['gather', 'forward', 'loss+delta', 'weight grads', 'input grads', 'adam update'] as const

interface Layer {
  w: Vec
  b: Vec
  inputs: number
  units: number
}

function train(m: Matrix, kernels: Kernels, alloc: Alloc, epochs: number) {
  const config = mlpConfig(epochs)
  const rng = new Rng(config.seed)
  const sizes = [m.d, ...config.hidden, 1]
  const trainIdx = rng.shuffle(Uint32Array.from({ length: m.n }, (_, i) => i)).slice(0)
  const layers: Layer[] = []
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l]
    const units = sizes[l + 1]
    const bound = Math.sqrt(6 / (inputs + units))
    const w = alloc(inputs * units)
    const b = alloc(units)
    for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-bound, bound)
    for (let i = 0; i < units; i++) b[i] = rng.uniform(-bound, bound)
    layers.push({ w, b, inputs, units })
  }
  const batch = config.batch_size
  const acts = sizes.map((s) => alloc(batch * s))
  const deltas = sizes.map((s) => alloc(batch * s))
  const grads = layers.map((l) => ({ w: alloc(l.w.length), b: alloc(l.units) }))
  const moments = layers.map((l) => ({
    mw: alloc(l.w.length),
    vw: alloc(l.w.length),
    mb: alloc(l.units),
    vb: alloc(l.units),
  }))
  const opt = config.optimizer
  const time = new Float64Array(PHASES.length)
  const batchY = new Float64Array(batch)
  let step = 0
  let lossSum = 0
  let mark = cpuMs()
  const lap = (phase: number): void => {
    const now = cpuMs()
    time[phase] += now - mark
    mark = now
  }
  for (let epoch = 1; epoch <= epochs; epoch++) {
    rng.shuffle(trainIdx)
    lossSum = 0
    for (let start = 0; start < m.n; start += batch) {
      const rows = Math.min(batch, m.n - start)
      const a0 = acts[0]
      for (let i = 0; i < rows; i++) {
        const r = trainIdx[start + i]
        for (let j = 0; j < m.d; j++) a0[i * m.d + j] = m.x[r * m.d + j]!
        batchY[i] = m.y[r]!
      }
      lap(0)
      for (let l = 0; l < layers.length; l++) {
        const L = layers[l]
        kernels.forward(acts[l], L.w, L.b, rows, L.inputs, L.units, acts[l + 1], l + 1 < layers.length)
      }
      lap(1)
      const out = acts[layers.length]
      const delta = deltas[layers.length]
      for (let i = 0; i < rows; i++) {
        const p = 1 / (1 + Math.exp(-out[i]))
        const q = Math.min(1 - 1e-15, Math.max(1e-15, p))
        lossSum -= batchY[i] ? Math.log(q) : Math.log(1 - q)
        delta[i] = p - batchY[i]
      }
      lap(2)
      for (let l = layers.length - 1; l >= 0; l--) {
        const L = layers[l]
        const g = grads[l]
        kernels.weightGrad(acts[l], deltas[l + 1], rows, L.inputs, L.units, g.w, g.b)
        for (let i = 0; i < g.w.length; i++) g.w[i] = (g.w[i] + config.alpha * L.w[i]) / rows
        for (let j = 0; j < L.units; j++) g.b[j] = g.b[j] / rows
        lap(3)
        if (l > 0) kernels.inputGrad(deltas[l + 1], L.w, acts[l], rows, L.inputs, L.units, deltas[l])
        lap(4)
      }
      step++
      const lr = (opt.learning_rate * Math.sqrt(1 - opt.beta2 ** step)) / (1 - opt.beta1 ** step)
      for (let l = 0; l < layers.length; l++) {
        adam(layers[l].w, grads[l].w, moments[l].mw, moments[l].vw, lr, opt.beta1, opt.beta2, opt.epsilon)
        adam(layers[l].b, grads[l].b, moments[l].mb, moments[l].vb, lr, opt.beta1, opt.beta2, opt.epsilon)
      }
      lap(5)
    }
  }
  return { layers, time, steps: step, loss: lossSum / m.n }
}

function adam(p: Vec, g: Vec, m: Vec, v: Vec, lr: number, b1: number, b2: number, eps: number): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]
    const mi = b1 * m[i] + (1 - b1) * gi
    const vi = b2 * v[i] + (1 - b2) * gi * gi
    m[i] = mi
    v[i] = vi
    p[i] = p[i] - (lr * mi) / (Math.sqrt(vi) + eps)
  }
}

function testAuc(layers: Layer[], test: Matrix): number {
  let a: Vec = test.x
  for (let l = 0; l < layers.length; l++) {
    const L = layers[l]
    const out = new Float64Array(test.n * L.units)
    reference.forward(a, L.w, L.b, test.n, L.inputs, L.units, out, l + 1 < layers.length)
    a = out
  }
  return rocAuc(test.y, a)
}

async function main(): Promise<void> {
  const dir = process.argv[2]
  const epochs = Number(process.argv[3] ?? 10)
  if (!dir) throw new Error('usage: profile-mlp.ts <workdir> [epochs]')
  const flights = process.argv[4] === 'flights' ? await loadFlights() : null
  const train_ = flights ? flights.train : readMatrix(dir, 'synthetic-train')
  const test = flights ? flights.test : readMatrix(dir, 'synthetic-test')
  const t = cpuMs()
  const fitted = fitMlp(trainingData(train_), mlpConfig(epochs), silentLogger)
  console.log(
    `fitMlp (src): ${(cpuMs() - t).toFixed(0)} ms CPU, ${fitted.summary.iterations} steps, loss ${fitted.summary.finalLoss.toFixed(6)}`,
  )
  const f64: Alloc = (n) => new Float64Array(n)
  const f32: Alloc = (n) => new Float32Array(n)
  const variants: [string, Kernels, () => Alloc][] = [
    ['reference loops, Float64', reference, () => f64],
    ['4-row blocked, Float64', blocked4, () => f64],
    ['4×4 register tiles, Float64', tiled, () => f64],
    ['reference loops, Float32', reference, () => f32],
    ['4×4 register tiles, Float32', tiled, () => f32],
  ]
  for (const type of ['f64', 'f32'] as const) {
    const arena = await wasmArena(type)
    const lanes = type === 'f64' ? 'f64x2 4×4' : 'f32x4 4×8'
    variants.push([`WASM SIMD ${lanes} tiles`, arena.kernels, () => (n: number) => arena.alloc(n)])
  }
  for (const [label, kernels, alloc] of variants) {
    const started = cpuMs()
    const r = train(train_, kernels, alloc(), epochs)
    const total = cpuMs() - started
    const phases = PHASES.map((p, i) => `${p} ${(r.time[i] / r.steps).toFixed(2)}`).join(', ')
    console.log(
      `${label.padEnd(26)} ${total.toFixed(0).padStart(6)} ms CPU, ${(total / r.steps).toFixed(2)} ms/step [${phases}] loss ${r.loss.toFixed(6)} AUC ${testAuc(r.layers, test).toFixed(4)}`,
    )
  }
}

await main()
