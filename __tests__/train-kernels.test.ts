/**
 * The training kernels (src/train/kernels/) against brute-force scalar loops and finite differences, on both
 * backends: WebAssembly SIMD and the JavaScript fallback compute every sum in the same order, so they must
 * agree bit for bit (and, for the matrix products, with the plain loop `s = init; for k: s += a·b`).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { forwardLayer, predictNet } from '../src/train/forward.js'
import {
  compileKernels,
  createArena,
  defaultBackend,
  type Epilogue,
  type KernelBackend,
} from '../src/train/kernels/dense-kernels.js'
import { DENSE_KERNELS_WAT_SHA256 } from '../src/train/kernels/dense-kernels-wasm.js'
import { glmObjective, type GlmData } from '../src/train/kernels/glm-objective.js'
import { expNonPositive } from '../src/train/kernels/js-kernels.js'
import { allocateWorkspace, backward } from '../src/train/kernels/mlp-workspace.js'
import { fitMlp } from '../src/train/mlp.js'
import type { MlpConfig } from '../src/config/spec-schema.js'
import type { TrainingData } from '../src/train/linear.js'
import type { DenseLayer, DenseNet } from '../src/train/model-types.js'
import { silentLogger } from '../src/util/logger.js'
import { Rng } from '../src/util/rng.js'

const BACKENDS: KernelBackend[] = ['wasm', 'js']
const rng = new Rng(2024)
const random = (n: number): Float64Array => Float64Array.from({ length: n }, () => rng.uniform(-1, 1))

/** Indices where two arrays differ in bits (NaN payloads aside), or [] when identical. */
function bitDifferences(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  expect(a.length).toBe(b.length)
  const out: number[] = []
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(i)
  return out
}

test('the embedded bytes were assembled from the dense-kernels.wat in the tree (node scripts/build-wasm.mjs)', () => {
  const wat = readFileSync(`${process.cwd()}/src/train/kernels/dense-kernels.wat`)
  expect(createHash('sha256').update(wat).digest('hex')).toBe(DENSE_KERNELS_WAT_SHA256)
})

test('WebAssembly SIMD is detected here, and its absence selects the JavaScript kernels', () => {
  expect(defaultBackend()).toBe('wasm')
  expect(compileKernels(undefined)).toBeNull()
  const noSimd = { ...(globalThis as unknown as { WebAssembly: object }).WebAssembly, validate: () => false }
  expect(compileKernels(noSimd as unknown as Parameters<typeof compileKernels>[0])).toBeNull()
  expect(createArena('js').backend).toBe('js')
})

describe.each(BACKENDS)('%s kernels', (backend) => {
  test('gemm equals the scalar loop bit for bit for every shape remainder, stride, init and epilogue', () => {
    const arena = createArena(backend)
    const dims = [1, 2, 3, 4, 5, 7, 8, 9, 13]
    let cases = 0
    for (const m of dims)
      for (const n of dims)
        for (const k of [0, 1, 3, 6, 17]) {
          const transposed = (m + n + k) % 2 === 1
          const epilogue = (['none', 'relu', 'mask'] as Epilogue[])[(m * n + k) % 3]!
          const withInit = (m + k) % 2 === 0
          const ldc = n + 3 // three guard columns per row that must stay untouched
          const [a, b, c, init, e] = arena.allocate([m * k, k * n, m * ldc, n, m * ldc])
          a!.set(random(m * k))
          b!.set(random(k * n))
          init!.set(random(n))
          e!.set(random(m * ldc))
          c!.fill(7)
          const [sam, sak] = transposed ? [1, m] : [k, 1]
          arena.gemm(m, n, k, a!, sam, sak, b!, n, c!, ldc, withInit ? init! : null, epilogue, e)
          const want = Float64Array.from(c!)
          for (let i = 0; i < m; i++)
            for (let j = 0; j < n; j++) {
              let s = withInit ? init![j]! : 0
              for (let q = 0; q < k; q++) s += a![i * sam + q * sak]! * b![q * n + j]!
              if (epilogue === 'relu' && s < 0) s = 0
              if (epilogue === 'mask' && !(e![i * ldc + j]! > 0)) s = 0
              want[i * ldc + j] = s
            }
          expect({ m, n, k, transposed, epilogue, differ: bitDifferences(c!, want) }).toEqual({
            m,
            n,
            k,
            transposed,
            epilogue,
            differ: [],
          })
          cases++
        }
    expect(cases).toBe(405)
  })

  test('a stride-0 row of ones sums columns (the bias gradient), and transpose transposes', () => {
    const arena = createArena(backend)
    const [one, d, sums, w, wt] = arena.allocate([1, 37 * 6, 6, 5 * 7, 7 * 5])
    one![0] = 1
    d!.set(random(37 * 6))
    arena.gemm(1, 6, 37, one!, 0, 0, d!, 6, sums!, 6, null)
    const want = new Float64Array(6)
    for (let i = 0; i < 37; i++) for (let j = 0; j < 6; j++) want[j] = want[j]! + d![i * 6 + j]!
    expect(bitDifferences(sums!, want)).toEqual([])
    w!.set(random(35))
    arena.transpose(w!, 5, 7, wt!)
    for (let r = 0; r < 5; r++) for (let c = 0; c < 7; c++) expect(wt![c * 5 + r]).toBe(w![r * 7 + c])
  })

  test('views that are not the arena’s, or too short, are refused before any kernel runs', () => {
    const arena = createArena(backend)
    const [a, b, c] = arena.allocate([4, 4, 4])
    expect(() => arena.gemm(2, 2, 2, new Float64Array(4), 2, 1, b!, 2, c!, 2, null)).toThrow(
      /a is not a view of the current arena/,
    )
    expect(() => arena.gemm(2, 3, 2, a!, 2, 1, b!, 3, c!, 3, null)).toThrow(/b needs 6 elements, has 4/)
    expect(() => arena.glmDots(3, 2, a!, b!, 0, c!)).toThrow(/x needs 6 elements/)
    // A larger allocation grows the memory (64 KiB to start): earlier views no longer belong to it.
    const [big] = arena.allocate([100_000])
    expect(big!.every((v) => v === 0)).toBe(true)
    expect(() => arena.transpose(a!, 2, 2, big!)).toThrow(/src is not a view of the current arena/)
  })

  test('glmDots and glmGrad equal scalar sums (the dot products to rounding: two lanes)', () => {
    const arena = createArena(backend)
    for (const [n, d] of [
      [1, 1],
      [3, 2],
      [9, 5],
      [64, 20],
      [13, 7],
    ] as const) {
      const [x, th, s, r, g] = arena.allocate([n * d, d, n, n, d])
      x!.set(random(n * d))
      th!.set(random(d))
      r!.set(random(n))
      arena.glmDots(n, d, x!, th!, 0.25, s!)
      arena.glmGrad(n, d, x!, r!, g!)
      for (let i = 0; i < n; i++) {
        let want = 0.25
        for (let j = 0; j < d; j++) want += x![i * d + j]! * th![j]!
        expect(Math.abs(s![i]! - want)).toBeLessThanOrEqual(1e-14)
      }
      for (let j = 0; j < d; j++) {
        let want = 0
        for (let i = 0; i < n; i++) want += r![i]! * x![i * d + j]!
        expect(g![j]).toBe(want) // row by row in order: the same sum exactly
      }
    }
  })
})

test('the logistic kernels’ exp is within 1 ulp of Math.exp on [−700, 0], and 0 < exp(a) ≤ 1e-304 below', () => {
  let worst = 0
  for (let i = 0; i <= 200_000; i++) {
    const a = -700 * (i / 200_000) ** 2 // dense near 0, where σ and log(1 + e) are most sensitive
    const want = Math.exp(a)
    const ulp = 2 ** (Math.floor(Math.log2(want)) - 52)
    worst = Math.max(worst, Math.abs(expNonPositive(a) - want) / ulp)
  }
  expect(worst).toBeLessThanOrEqual(1) // measured 1 (Math.exp itself is within 1 ulp of the exact value)
  expect(expNonPositive(-0)).toBe(1)
  expect(expNonPositive(-1e300)).toBe(Math.exp(-700))
})

/** A small data set with a binary, a 3-class and a real-valued target. */
function dataset(
  n: number,
  d: number,
): { x: Float64Array; bin: Uint8Array; cls: Int32Array; real: Float64Array } {
  const x = random(n * d)
  const bin = Uint8Array.from({ length: n }, (_, i) =>
    x[i * d]! + x[i * d + 1]! * x[i * d + 2]! > 0 ? 1 : 0,
  )
  const cls = Int32Array.from(
    { length: n },
    (_, i) => (x[i * d]! > 0 ? 1 : 0) + (x[i * d + 3]! > 0.3 ? 1 : 0),
  )
  const real = Float64Array.from({ length: n }, (_, i) => 2 * x[i * d]! - x[i * d + 4]! ** 2)
  return { x, bin, cls, real }
}

describe('the GLM objective', () => {
  const n = 603 // more than 256 rows: the logistic loss's log-of-products groups
  const d = 5
  const { x, bin, cls, real } = dataset(n, d)
  const weight = Float64Array.from({ length: n }, (_, i) => i % 3) // a third of the rows weigh 0
  const cases: [string, GlmData][] = [
    ['logistic', { x, n, d, y: bin, kind: 'logistic', k: 1 }],
    ['logistic, weighted', { x, n, d, y: bin, kind: 'logistic', k: 1, weight }],
    ['softmax, 3 classes, weighted', { x, n, d, y: cls, kind: 'softmax', k: 3, weight }],
    ['squared', { x, n, d, y: real, kind: 'squared', k: 1 }],
  ]

  /** The objective straight from its definition, one row at a time, log1p per row. */
  function reference(data: GlmData, theta: Float64Array, penalty: number): number {
    const { k } = data
    let loss = 0
    let total = 0
    for (let i = 0; i < n; i++) {
      const w = data.weight ? data.weight[i]! : 1
      total += w
      const z = Array.from({ length: k }, (_, c) => {
        let s = theta[d * k + c]!
        for (let j = 0; j < d; j++) s += x[i * d + j]! * theta[j * k + c]!
        return s
      })
      const y = data.y[i]!
      if (data.kind === 'logistic')
        loss += w * (Math.max(z[0]!, 0) + Math.log1p(Math.exp(-Math.abs(z[0]!))) - y * z[0]!)
      else if (data.kind === 'squared') loss += (w * (z[0]! - y) ** 2) / 2
      else loss += w * (Math.log(z.reduce((a, v) => a + Math.exp(v), 0)) - z[y]!)
    }
    let l2 = 0
    for (let j = 0; j < d * k; j++) l2 += theta[j]! ** 2
    return loss / total + (penalty * l2) / (2 * total)
  }

  test.each(cases)(
    '%s: value equals the definition, gradient equals central differences, on both backends',
    (_, data) => {
      const size = d * data.k + data.k
      const theta = random(size).map((v) => 2 * v)
      const results = BACKENDS.map((backend) => {
        const grad = new Float64Array(size)
        const f = glmObjective(data, 0.7, createArena(backend))(theta, grad)
        return { f, grad }
      })
      const { f, grad } = results[0]!
      expect(Math.abs(f - reference(data, theta, 0.7))).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(f)))
      for (let j = 0; j < size; j++) {
        const h = 1e-5
        const plus = Float64Array.from(theta)
        const minus = Float64Array.from(theta)
        plus[j] = plus[j]! + h
        minus[j] = minus[j]! - h
        const numeric = (reference(data, plus, 0.7) - reference(data, minus, 0.7)) / (2 * h)
        expect(Math.abs(grad[j]! - numeric)).toBeLessThanOrEqual(1e-8)
      }
      expect(results[1]!.f).toBe(f)
      expect(bitDifferences(results[1]!.grad, grad)).toEqual([])
      // Streaming the rows 16 at a time (data beyond the resident limit) gives the same numbers up to the
      // grouping of the loss and intercept sums (measured: ≤ 1.4e-15).
      const streamed = new Float64Array(size)
      const fs = glmObjective(data, 0.7, createArena('wasm'), { residentBytes: 0, chunkBytes: 8 * d * 16 })(
        theta,
        streamed,
      )
      expect(Math.abs(fs - f)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(f)))
      for (let j = 0; j < size; j++)
        expect(Math.abs(streamed[j]! - grad[j]!)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(grad[j]!)))
    },
  )
})

describe('the MLP step and forward pass', () => {
  test('backward gives the gradient of the batch loss (central differences), ReLU and tanh layers', () => {
    const rows = 11
    const sizes = [4, 6, 5, 1]
    const { x, bin } = dataset(rows, 4)
    const layers: DenseLayer[] = sizes.slice(1).map((units, l) => ({
      kernel: random(sizes[l]! * units),
      bias: random(units),
      inputs: sizes[l]!,
      units,
      activation: l === 0 ? 'relu' : l === 1 ? 'tanh' : 'sigmoid',
    }))
    const alpha = 0.3
    // Mean log-loss + alpha/(2·rows)·||W||², through predictNet (checked against scalar loops below).
    const loss = (net: DenseLayer[]): number => {
      const p = predictNet({ layers: net, dropout: 0 }, x, rows)
      let s = 0
      for (let i = 0; i < rows; i++) s -= bin[i] ? Math.log(p[i]!) : Math.log(1 - p[i]!)
      for (const l of net) for (const w of l.kernel) s += (alpha * w * w) / 2
      return s / rows
    }
    const arena = createArena('wasm')
    const ws = allocateWorkspace(arena, layers, sizes, rows)
    ws.acts[0]!.set(x)
    ws.layers.forEach((l, i) => forwardLayer(arena, l, ws.acts[i]!, rows, ws.acts[i + 1]!))
    for (let i = 0; i < rows; i++) ws.deltas[3]![i] = ws.acts[3]![i]! - bin[i]!
    backward(arena, ws, rows, alpha, 0, [])
    layers.forEach((layer, l) => {
      for (const part of ['kernel', 'bias'] as const) {
        const analytic = part === 'kernel' ? ws.grads[l]!.kernel : ws.grads[l]!.bias
        for (let i = 0; i < layer[part].length; i++) {
          const shifted = (h: number): number => {
            const copy = layers.map((q) => ({ ...q, kernel: q.kernel.slice(), bias: q.bias.slice() }))
            copy[l]![part][i] = copy[l]![part][i]! + h
            return loss(copy)
          }
          const numeric = (shifted(1e-6) - shifted(-1e-6)) / 2e-6
          expect({ l, part, i, error: Math.abs(analytic[i]! - numeric) < 1e-7 }).toEqual({
            l,
            part,
            i,
            error: true,
          })
        }
      }
    })
  })

  test('predictNet equals scalar loops bit for bit on both backends, for any block size', () => {
    const n = 77
    const { x } = dataset(n, 6)
    const net: DenseNet = {
      dropout: 0,
      layers: [
        { kernel: random(6 * 9), bias: random(9), inputs: 6, units: 9, activation: 'relu' },
        { kernel: random(9 * 3), bias: random(3), inputs: 9, units: 3, activation: 'softmax' },
      ],
    }
    let a: Float64Array = x
    for (const l of net.layers) {
      const out = new Float64Array(n * l.units)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < l.units; j++) {
          let s = l.bias[j]!
          for (let q = 0; q < l.inputs; q++) s += a[i * l.inputs + q]! * l.kernel[q * l.units + j]!
          out[i * l.units + j] = l.activation === 'relu' && s < 0 ? 0 : s
        }
      if (l.activation === 'softmax')
        for (let i = 0; i < n; i++) {
          const row = out.subarray(i * 3, i * 3 + 3)
          const max = Math.max(...row)
          let sum = 0
          for (let j = 0; j < 3; j++) sum += row[j] = Math.exp(row[j]! - max)
          for (let j = 0; j < 3; j++) row[j] = row[j]! / sum
        }
      a = out
    }
    for (const backend of BACKENDS)
      for (const block of [1, 5, 4096])
        expect(bitDifferences(predictNet(net, x, n, block, backend), a)).toEqual([])
  })

  const mlpCases: [string, Partial<MlpConfig>, TrainingData['task']][] = [
    ['relu, binary, early stopping', { hidden: [13, 6] }, 'binary'],
    ['relu with dropout, binary', { dropout: 0.25, early_stopping: false }, 'binary'],
    ['tanh, 3 classes', { activation: 'tanh', hidden: [9] }, 'multiclass'],
    [
      'sigmoid, regression, sgd',
      {
        activation: 'sigmoid',
        optimizer: {
          name: 'sgd',
          learning_rate: 0.05,
          beta1: 0.9,
          beta2: 0.999,
          epsilon: 1e-8,
          momentum: 0.9,
        },
      },
      'regression',
    ],
  ]
  test.each(mlpCases)(
    'fitMlp (%s): bit-identical weights and loss with the wasm and the JavaScript kernels',
    (_, overrides, task) => {
      const n = 301
      const { x, bin, cls, real } = dataset(n, 5)
      const config: MlpConfig = {
        type: 'mlp',
        hidden: [8, 4],
        activation: 'relu',
        dropout: 0,
        alpha: 1e-3,
        optimizer: {
          name: 'adam',
          learning_rate: 0.01,
          beta1: 0.9,
          beta2: 0.999,
          epsilon: 1e-8,
          momentum: 0.9,
        },
        epochs: 4,
        batch_size: 30,
        early_stopping: { patience: 2, validation_fraction: 0.2, min_delta: 1e-4 },
        seed: 9,
        ...overrides,
      }
      const y = task === 'binary' ? bin : task === 'multiclass' ? cls : real
      const data = { x, n, d: 5, y, task, classes: task === 'multiclass' ? 3 : 1 }
      const [wasm, js] = BACKENDS.map((kernels) => fitMlp(data, config, silentLogger, undefined, { kernels }))
      expect(js!.summary.finalLoss).toBe(wasm!.summary.finalLoss)
      wasm!.net.layers.forEach((l, i) => {
        expect(bitDifferences(js!.net.layers[i]!.kernel, l.kernel)).toEqual([])
        expect(bitDifferences(js!.net.layers[i]!.bias, l.bias)).toEqual([])
      })
    },
  )
})
