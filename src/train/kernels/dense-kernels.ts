/**
 * The dense trainers' kernels: matrix products and transposes for the MLP and predictNet, and the dot
 * products, gradient and logistic loss terms (with their exp) of fitLinear's GLM objective. WebAssembly SIMD (f64x2; dense-kernels.wat, embedded as
 * dense-kernels-wasm.ts); the plain JavaScript backend (js-kernels.ts) repeats the WebAssembly arithmetic
 * operation for operation and serves the tests as the oracle (every supported Node has WebAssembly SIMD). The
 * matrix products compute every output as `s = init; for k ascending: s += a·b` (a separate multiply and
 * add), which is also what the trainer's scalar loops computed before these kernels.
 *
 * The kernels read and write an arena: one memory (a WebAssembly.Memory, or an ArrayBuffer for the fallback)
 * that the caller carves into Float64Array views once per fit or prediction and reuses for every step.
 */
import { DENSE_KERNELS_WASM_BASE64 } from './dense-kernels-wasm.js'
import { jsKernels, type RawKernels } from './js-kernels.js'

export type KernelBackend = 'wasm' | 'js'

/** What happens to each product before it is stored: nothing, ReLU, or zeroed where `e` ≤ 0 (ReLU's derivative). */
export type Epilogue = 'none' | 'relu' | 'mask'
const EPILOGUE: Record<Epilogue, number> = { none: 0, relu: 1, mask: 2 }

export interface Arena {
  readonly backend: KernelBackend
  /**
   * Views of these lengths, 16-byte aligned, zero-filled unless `zero` is false, growing the memory when
   * needed. Views from an earlier call are invalid afterwards (the memory may have moved), so callers
   * allocate everything they need at once.
   */
  allocate(lengths: readonly number[], zero?: boolean): Float64Array[]
  /**
   * c[m, n] = epilogue(init[n] + Σ_k a[m, k]·b[k, n]) for m < rows, n < cols, k < depth, with a[m, k] at
   * a[m·sam + k·sak] (sam = 1, sak = lda reads a transposed), b[k, n] at b[k·sbk + n], c[m, n] at c[m·ldc + n];
   * init null means zeros. All arrays must be views from this arena's latest allocate().
   */
  gemm(
    rows: number,
    cols: number,
    depth: number,
    a: Float64Array,
    sam: number,
    sak: number,
    b: Float64Array,
    sbk: number,
    c: Float64Array,
    ldc: number,
    init: Float64Array | null,
    epilogue?: Epilogue,
    e?: Float64Array,
  ): void
  /** dst (cols × rows) = srcᵀ for a row-major rows × cols src. */
  transpose(src: Float64Array, rows: number, cols: number, dst: Float64Array): void
  /** s[i] = b + Σ_j x[i, j]·θ[j] for rows i < n of the row-major n × d matrix x (a GLM's linear predictor). */
  glmDots(n: number, d: number, x: Float64Array, theta: Float64Array, b: number, s: Float64Array): void
  /** g[j] += Σ_i r[i]·x[i, j] for i < n, row by row (a GLM's gradient from the residuals r). */
  glmGrad(n: number, d: number, x: Float64Array, r: Float64Array, g: Float64Array): void
  /**
   * Logistic loss terms of n rows with linear predictors s and 0/1 targets t (see dense-kernels.wat): s becomes the
   * residuals σ(s) − t; acc (6 values) receives partial sums of max(s, 0) − t·s (acc[0], acc[1], acc[4]) and
   * of the residuals (acc[2], acc[3], acc[5]); prod receives products of 1 + exp(−|s|), whose logs complete
   * the loss. Returns how many prod values were written (at most 2·⌈n/256⌉ + 2).
   */
  logisticTerms(n: number, s: Float64Array, t: Float64Array, prod: Float64Array, acc: Float64Array): number
}

/** The slice of the WebAssembly JS API used here (the project's `lib` setting declares none of it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}
export interface WasmApi {
  validate(bytes: Uint8Array): boolean
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory
}

const PAGE = 65536
/** wasm32 addresses 4 GiB; stay below 2 GiB so every byte offset is a positive i32. */
const MAX_PAGES = 32767
/** Slack after the last array: the wasm tiles read (never write) up to 32 bytes past a matrix's last row. */
const SLACK = 32
/** Offset of the first array; 0 stays unused so that it can mean "no init row". */
const BASE = 16

let compiled: object | null | undefined

/**
 * The kernel module compiled (synchronously) with the given WebAssembly API, or null when there is none or it
 * lacks SIMD (validate() fails on the module's v128 instructions).
 */
export function compileKernels(api: WasmApi | undefined): object | null {
  const bytes = Buffer.from(DENSE_KERNELS_WASM_BASE64, 'base64')
  return api && api.validate(bytes) ? new api.Module(bytes) : null
}

/** The compiled kernel module of this runtime, or null; compiled once per process. */
function wasmModule(): object | null {
  compiled ??= compileKernels((globalThis as { WebAssembly?: WasmApi }).WebAssembly)
  return compiled
}

/** 'wasm' where WebAssembly SIMD is available (Node ≥ 16.4), else 'js'. */
export function defaultBackend(): KernelBackend {
  return wasmModule() ? 'wasm' : 'js'
}

/** A fresh arena; prefer withArena, which reuses one. */
export function createArena(backend: KernelBackend = defaultBackend()): Arena {
  if (backend === 'wasm') {
    const module = wasmModule()
    if (!module) throw new Error('WebAssembly SIMD is not available in this runtime; use the js kernels')
    const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly
    const memory = new api.Memory({ initial: 1, maximum: MAX_PAGES })
    const { exports } = new api.Instance(module, { env: { memory } })
    return new ArenaImpl('wasm', memory, exports as unknown as RawKernels)
  }
  let buffer = new ArrayBuffer(PAGE)
  const memory: WasmMemory = {
    get buffer() {
      return buffer
    },
    grow(pages) {
      const old = buffer.byteLength / PAGE
      buffer = new ArrayBuffer(buffer.byteLength + pages * PAGE)
      return old
    },
  }
  return new ArenaImpl(
    'js',
    memory,
    jsKernels(() => buffer),
  )
}

const idle = new Map<KernelBackend, Arena>()
/** Arenas larger than this are not kept for reuse once their user is done. */
const KEEP_BYTES = 64 * 1024 * 1024

/**
 * Run fn with an arena of the given backend: the one kept from an earlier call when it is free, else a new
 * one (a nested call, e.g. a prediction inside a fit, gets its own). Views must not outlive fn.
 */
export function withArena<T>(fn: (arena: Arena) => T, backend: KernelBackend = defaultBackend()): T {
  const arena = idle.get(backend) ?? createArena(backend)
  idle.delete(backend)
  try {
    return fn(arena)
  } finally {
    if ((arena as ArenaImpl).capacity <= KEEP_BYTES) idle.set(backend, arena)
  }
}

class ArenaImpl implements Arena {
  private generation: ArrayBuffer | null = null
  /** Bytes below this may hold an earlier user's data; above it the memory is as grown: zero. */
  private dirty = 0

  constructor(
    readonly backend: KernelBackend,
    private readonly memory: WasmMemory,
    private readonly raw: RawKernels,
  ) {}

  get capacity(): number {
    return this.memory.buffer.byteLength
  }

  allocate(lengths: readonly number[], zero = true): Float64Array[] {
    const offsets: number[] = []
    let end = BASE
    for (const length of lengths) {
      if (!Number.isInteger(length) || length < 0) throw new Error(`arena: bad array length ${length}`)
      offsets.push(end)
      end += Math.ceil((length * 8) / 16) * 16
    }
    end += SLACK
    const have = this.memory.buffer.byteLength
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE)
      if (have / PAGE + pages > MAX_PAGES) {
        throw new Error(`arena: ${(end / 2 ** 20).toFixed(0)} MiB exceeds the kernels' 2 GiB limit`)
      }
      this.memory.grow(pages)
    }
    const buffer = this.memory.buffer
    // Zeroed like fresh typed arrays: an earlier user's data must not leak into optimizer state.
    if (zero) new Uint8Array(buffer, 0, Math.min(end, this.dirty)).fill(0)
    this.dirty = Math.max(this.dirty, end)
    this.generation = buffer
    return lengths.map((length, i) => new Float64Array(buffer, offsets[i], length))
  }

  gemm(
    rows: number,
    cols: number,
    depth: number,
    a: Float64Array,
    sam: number,
    sak: number,
    b: Float64Array,
    sbk: number,
    c: Float64Array,
    ldc: number,
    init: Float64Array | null,
    epilogue: Epilogue = 'none',
    e?: Float64Array,
  ): void {
    if (rows === 0 || cols === 0) return
    const reach = (label: string, view: Float64Array, last: number): number => {
      this.check('gemm', label, view, last + 1)
      return view.byteOffset
    }
    // With depth 0 the product is init alone and a, b are never read.
    const pa = depth > 0 ? reach('a', a, (rows - 1) * sam + (depth - 1) * sak) : 0
    const pb = depth > 0 ? reach('b', b, (depth - 1) * sbk + cols - 1) : 0
    const pc = reach('c', c, (rows - 1) * ldc + cols - 1)
    const pi = init ? reach('init', init, cols - 1) : 0
    let pe = 0
    if (epilogue === 'mask') {
      if (!e) throw new Error('gemm: the mask epilogue needs e')
      pe = reach('e', e, (rows - 1) * ldc + cols - 1)
    }
    this.raw.gemm(rows, cols, depth, pa, sam, sak, pb, sbk, pc, ldc, pi, EPILOGUE[epilogue], pe)
  }

  transpose(src: Float64Array, rows: number, cols: number, dst: Float64Array): void {
    this.check('transpose', 'src', src, rows * cols)
    this.check('transpose', 'dst', dst, rows * cols)
    this.raw.transpose(rows, cols, src.byteOffset, dst.byteOffset)
  }

  glmDots(n: number, d: number, x: Float64Array, theta: Float64Array, b: number, s: Float64Array): void {
    this.check('glmDots', 'x', x, n * d)
    this.check('glmDots', 'theta', theta, d)
    this.check('glmDots', 's', s, n)
    this.raw.glm_dots(n, d, x.byteOffset, theta.byteOffset, b, s.byteOffset)
  }

  glmGrad(n: number, d: number, x: Float64Array, r: Float64Array, g: Float64Array): void {
    this.check('glmGrad', 'x', x, n * d)
    this.check('glmGrad', 'r', r, n)
    this.check('glmGrad', 'g', g, d)
    this.raw.glm_grad(n, d, x.byteOffset, r.byteOffset, g.byteOffset)
  }

  logisticTerms(n: number, s: Float64Array, t: Float64Array, prod: Float64Array, acc: Float64Array): number {
    this.check('logisticTerms', 's', s, n)
    this.check('logisticTerms', 't', t, n)
    this.check('logisticTerms', 'prod', prod, 2 * Math.ceil(n / 256) + 2)
    this.check('logisticTerms', 'acc', acc, 6)
    return this.raw.logistic_terms(n, s.byteOffset, t.byteOffset, prod.byteOffset, acc.byteOffset)!
  }

  /** The kernels write wherever the offsets say: every view must be in the arena and long enough. */
  private check(kernel: string, label: string, view: Float64Array, length: number): void {
    if (view.buffer !== this.generation)
      throw new Error(`${kernel}: ${label} is not a view of the current arena`)
    if (view.length < length)
      throw new Error(`${kernel}: ${label} needs ${length} elements, has ${view.length}`)
  }
}
