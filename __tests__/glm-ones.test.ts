import { createArena, type KernelBackend } from '../src/train/kernels/dense-kernels.js'
import { glmObjective, type GlmData } from '../src/train/kernels/glm-objective.js'
import { splitOnes } from '../src/train/kernels/glm-ones.js'
import { Rng } from '../src/util/rng.js'

const rng = new Rng(1812)

/** n rows of `numeric` standardised-like columns followed by a one-hot block per categorical level count. */
function oneHotMatrix(n: number, numeric: number, levels: number[]): { x: Float64Array; d: number } {
  const d = numeric + levels.reduce((a, b) => a + b, 0)
  const x = new Float64Array(n * d)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < numeric; j++) x[i * d + j] = rng.uniform(-2, 2)
    let offset = numeric
    for (const l of levels) {
      // Some rows have no one in a block (an unseen category scores as all zeros).
      const k = Math.floor(rng.next() * (l + 1))
      if (k < l) x[i * d + offset + k] = 1
      offset += l
    }
  }
  return { x, d }
}

describe('indicator columns held as indices', () => {
  const n = 603
  const { x, d } = oneHotMatrix(n, 2, [4, 6, 9])
  const bin = Uint8Array.from({ length: n }, (_, i) => (x[i * d]! + x[i * d + 3]! > 0.2 ? 1 : 0))
  const real = Float64Array.from({ length: n }, (_, i) => x[i * d + 1]! - 2 * x[i * d + 5]!)
  const weight = Float64Array.from({ length: n }, (_, i) => i % 3) // a third of the rows weigh 0
  const cases: [string, GlmData][] = [
    ['logistic', { x, n, d, y: bin, kind: 'logistic', k: 1 }],
    ['logistic, weighted', { x, n, d, y: bin, kind: 'logistic', k: 1, weight }],
    ['squared', { x, n, d, y: real, kind: 'squared', k: 1 }],
    ['squared, weighted', { x, n, d, y: real, kind: 'squared', k: 1, weight }],
  ]

  test('the split keeps the numeric columns dense and lists each row’s ones', () => {
    const split = splitOnes(x, n, d, null, 0)!
    expect(split).not.toBeNull()
    expect(Array.from(split.denseColumns)).toEqual([0, 1])
    for (let i = 0; i < n; i++) {
      const row = Array.from(x.subarray(i * d, i * d + d))
      expect(Array.from(split.dense.subarray(i * 2, i * 2 + 2))).toEqual(row.slice(0, 2))
      const ones = row.flatMap((v, j) => (v === 1 && j >= 2 ? [j] : []))
      expect(Array.from(split.ones.subarray(split.start[i], split.start[i + 1]))).toEqual(ones)
    }
  })

  test('a matrix without indicator columns, or below the size limit, is not split', () => {
    const dense = Float64Array.from({ length: 50 * 4 }, () => rng.uniform(-1, 1))
    expect(splitOnes(dense, 50, 4, null, 0)).toBeNull()
    expect(splitOnes(x, n, d, null, n * d + 1)).toBeNull()
  })

  test.each(cases)(
    '%s: value and gradient with the split equal the dense kernels’ on both backends',
    (_, data) => {
      const size = d + 1
      const theta = Float64Array.from({ length: size }, () => rng.uniform(-1, 1))
      for (const backend of ['wasm', 'js'] as KernelBackend[]) {
        const layout = (splitMinCells: number) => ({
          residentBytes: 4 * 2 ** 20,
          chunkBytes: 8 * 5 * 64,
          splitMinCells,
        })
        const denseGrad = new Float64Array(size)
        const f = glmObjective(data, 0.7, createArena(backend), layout(Infinity))(theta, denseGrad)
        const splitGrad = new Float64Array(size)
        const fs = glmObjective(data, 0.7, createArena(backend), layout(0))(theta, splitGrad)
        // The same terms summed in another order (numeric columns, then the ones): rounding only.
        expect(Math.abs(fs - f)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(f)))
        for (let j = 0; j < size; j++)
          expect(Math.abs(splitGrad[j]! - denseGrad[j]!)).toBeLessThanOrEqual(
            1e-14 * Math.max(1, Math.abs(denseGrad[j]!)),
          )
      }
    },
  )

  test('a matrix of indicator columns only (no dense column left) gives the dense kernels’ numbers', () => {
    const only = oneHotMatrix(300, 0, [3, 5])
    const y = Uint8Array.from({ length: 300 }, (_, i) => (only.x[i * only.d]! === 1 ? 1 : i % 2))
    const data: GlmData = { x: only.x, n: 300, d: only.d, y, kind: 'logistic', k: 1 }
    const theta = Float64Array.from({ length: only.d + 1 }, () => rng.uniform(-1, 1))
    const a = new Float64Array(only.d + 1)
    const b = new Float64Array(only.d + 1)
    const layout = { residentBytes: 0, chunkBytes: 1024 }
    const f = glmObjective(data, 1, createArena('wasm'), { ...layout, splitMinCells: Infinity })(theta, a)
    const fs = glmObjective(data, 1, createArena('wasm'), { ...layout, splitMinCells: 0 })(theta, b)
    expect(splitOnes(only.x, 300, only.d, null, 0)?.p).toBe(0)
    expect(Math.abs(fs - f)).toBeLessThanOrEqual(1e-14)
    for (let j = 0; j < a.length; j++) expect(Math.abs(a[j]! - b[j]!)).toBeLessThanOrEqual(1e-14)
  })
})
