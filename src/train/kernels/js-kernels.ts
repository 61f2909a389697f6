/**
 * The kernels of gemm.wat in plain JavaScript, for runtimes without WebAssembly SIMD. Same arguments (byte
 * offsets into the arena, strides in elements) and the same order of floating-point operations, lane by
 * lane, as the WebAssembly code: the two backends give bit-identical results, which
 * __tests__/train-kernels.test.ts checks.
 */
export type RawKernel = (...args: number[]) => void

export interface RawKernels {
  gemm: RawKernel
  transpose: RawKernel
  glm_dots: RawKernel
  glm_grad: RawKernel
}

export function jsKernels(memory: () => ArrayBuffer): RawKernels {
  return {
    gemm: (...args) => gemm(new Float64Array(memory()), args),
    transpose: (...args) => transpose(new Float64Array(memory()), args),
    glm_dots: (...args) => glmDots(new Float64Array(memory()), args),
    glm_grad: (...args) => glmGrad(new Float64Array(memory()), args),
  }
}

type Args13 = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
]

function gemm(f: Float64Array, args: number[]): void {
  const [rows, cols, depth, pa, sam, sak, pb, sbk, pc, ldc, pi, epi, pe] = args as Args13
  const a = pa / 8
  const b = pb / 8
  const init = pi / 8
  for (let m = 0; m < rows; m++) {
    // Row m of c accumulates in place, k ascending: the same sum for each element as the wasm tiles.
    const c = pc / 8 + m * ldc
    for (let n = 0; n < cols; n++) f[c + n] = pi ? f[init + n]! : 0
    for (let k = 0; k < depth; k++) {
      const v = f[a + m * sam + k * sak]!
      const bk = b + k * sbk
      for (let n = 0; n < cols; n++) f[c + n] = f[c + n]! + v * f[bk + n]!
    }
    if (epi === 1) {
      for (let n = 0; n < cols; n++) if (f[c + n]! < 0) f[c + n] = 0
    } else if (epi === 2) {
      const e = pe / 8 + m * ldc
      for (let n = 0; n < cols; n++) if (!(f[e + n]! > 0)) f[c + n] = 0
    }
  }
}

function transpose(f: Float64Array, args: number[]): void {
  const [rows, cols, ps, pd] = args as [number, number, number, number]
  const src = ps / 8
  const dst = pd / 8
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) f[dst + c * rows + r] = f[src + r * cols + c]!
}

/** s[i] = (Σ even j + Σ odd j, as wasm's two lanes) + the odd last term + b. */
function glmDots(f: Float64Array, args: number[]): void {
  const [n, d, px, pt, b, ps] = args as [number, number, number, number, number, number]
  const x = px / 8
  const t = pt / 8
  const s = ps / 8
  const even = d & ~1
  for (let i = 0; i < n; i++) {
    const row = x + i * d
    let lane0 = 0
    let lane1 = 0
    for (let j = 0; j < even; j += 2) {
      lane0 += f[row + j]! * f[t + j]!
      lane1 += f[row + j + 1]! * f[t + j + 1]!
    }
    let sum = lane0 + lane1
    if (d & 1) sum += f[row + even]! * f[t + even]!
    f[s + i] = sum + b
  }
}

/** g[j] += r[i]·x[i, j], row by row. */
function glmGrad(f: Float64Array, args: number[]): void {
  const [n, d, px, pr, pg] = args as [number, number, number, number, number]
  const x = px / 8
  const r = pr / 8
  const g = pg / 8
  for (let i = 0; i < n; i++) {
    const ri = f[r + i]!
    const row = x + i * d
    for (let j = 0; j < d; j++) f[g + j] = f[g + j]! + ri * f[row + j]!
  }
}
