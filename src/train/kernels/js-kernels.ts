/**
 * The kernels of dense-kernels.wat in plain JavaScript. No supported Node runs them in production: package.json
 * requires Node ≥ 20 and WebAssembly SIMD is there since Node 16.4, so defaultBackend() is always 'wasm'. They
 * are kept as the tests' oracle: same arguments (byte offsets into the arena, strides in elements) and the same
 * order of floating-point operations, lane by lane, as the WebAssembly code, written so a reader can check it
 * against the definitions; __tests__/train-kernels.test.ts runs every kernel on both backends (createArena('js'))
 * and requires bit-identical results (so the wasm exp is as close to Math.exp as expNonPositive, which the test
 * measures).
 */
export type RawKernel = (...args: number[]) => number | undefined

export interface RawKernels {
  gemm: RawKernel
  transpose: RawKernel
  glm_dots: RawKernel
  glm_grad: RawKernel
  logistic_terms: RawKernel
}

export function jsKernels(memory: () => ArrayBuffer): RawKernels {
  return {
    gemm: (...args) => gemm(new Float64Array(memory()), args),
    transpose: (...args) => transpose(new Float64Array(memory()), args),
    glm_dots: (...args) => glmDots(new Float64Array(memory()), args),
    glm_grad: (...args) => glmGrad(new Float64Array(memory()), args),
    logistic_terms: (...args) => logisticTerms(new Float64Array(memory()), args),
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

function gemm(f: Float64Array, args: number[]): undefined {
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

function transpose(f: Float64Array, args: number[]): undefined {
  const [rows, cols, ps, pd] = args as [number, number, number, number]
  const src = ps / 8
  const dst = pd / 8
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) f[dst + c * rows + r] = f[src + r * cols + c]!
}

/** s[i] = (Σ even j + Σ odd j, as wasm's two lanes) + the odd last term + b. */
function glmDots(f: Float64Array, args: number[]): undefined {
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
function glmGrad(f: Float64Array, args: number[]): undefined {
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

// exp(a), a ≤ 0, exactly as dense-kernels.wat's $exp_lanes / $exp_scalar compute it (see there for the method).
const INV_LN2 = 1.4426950408889634
const LN2_HI = 6.9314718036912382e-1 // 0x3fe62e42fee00000, fdlibm's ln2_hi
const LN2_LO = 1.9082149292705877e-10 // 0x3dea39ef35793c76
const TAYLOR = [
  1.0, 1.0, 0.5, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333, 0.001388888888888889,
  0.0001984126984126984, 2.48015873015873e-5, 2.7557319223985893e-6, 2.755731922398589e-7,
  2.505210838544172e-8, 2.08767569878681e-9, 1.6059043836821613e-10,
]
const bits = new Uint32Array(2)
const asDouble = new Float64Array(bits.buffer)

/** WebAssembly's f64.nearest: round half to even. */
function nearest(x: number): number {
  const floor = Math.floor(x)
  const frac = x - floor
  if (frac !== 0.5) return frac < 0.5 ? floor : floor + 1
  return floor % 2 === 0 ? floor : floor + 1
}

export function expNonPositive(a: number): number {
  const x = a < -700 ? -700 : a
  const k = nearest(x * INV_LN2)
  const r = x - k * LN2_HI - k * LN2_LO
  let p = TAYLOR[13]!
  for (let i = 12; i >= 0; i--) p = p * r + TAYLOR[i]!
  // 2^k from its exponent bits (little-endian: the high word second).
  bits[0] = 0
  bits[1] = (k + 1023) << 20
  return p * asDouble[0]!
}

/** One row's share of logistic_terms: writes the residual at s, returns [lin, factor] through out. */
function logisticRow(f: Float64Array, s: number, t: number, out: Float64Array): void {
  const v = f[s]!
  const tv = f[t]!
  const e = expNonPositive(-Math.abs(v))
  const factor = 1 + e
  const r = (v >= 0 ? 1 : e) / factor - tv
  f[s] = r
  out[0] = (v < 0 ? 0 : v) - tv * v
  out[1] = factor
  out[2] = r
}

/** dense-kernels.wat's logistic_terms: lane 0 the even rows, lane 1 the odd rows, products over 128 steps. */
function logisticTerms(f: Float64Array, args: number[]): number {
  const [n, ps, pt, pprod, pacc] = args as [number, number, number, number, number]
  const prod = pprod / 8
  const acc = pacc / 8
  const row = new Float64Array(3)
  const lin = [0, 0]
  const rsum = [0, 0]
  const product = [1, 1]
  let count = 0
  let written = 0
  let s = ps / 8
  let t = pt / 8
  for (let step = n >>> 1; step > 0; step--) {
    for (let lane = 0; lane < 2; lane++) {
      logisticRow(f, s + lane, t + lane, row)
      lin[lane] = lin[lane]! + row[0]!
      product[lane] = product[lane]! * row[1]!
      rsum[lane] = rsum[lane]! + row[2]!
    }
    if (++count === 128) {
      f[prod + written++] = product[0]!
      f[prod + written++] = product[1]!
      product[0] = product[1] = 1
      count = 0
    }
    s += 2
    t += 2
  }
  if (count) {
    f[prod + written++] = product[0]!
    f[prod + written++] = product[1]!
  }
  f.set([lin[0]!, lin[1]!, rsum[0]!, rsum[1]!, 0, 0], acc)
  if (n & 1) {
    logisticRow(f, s, t, row)
    f[acc + 4] = row[0]!
    f[acc + 5] = row[2]!
    f[prod + written++] = row[1]!
    f[prod + written++] = 1
  }
  return written
}
