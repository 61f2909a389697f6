/**
 * Prototype (issue 6): a WebAssembly SIMD (f64x2) matrix product with 4 × 4 register tiles, used by
 * bench/profile-mlp.ts to measure what hand-written WASM kernels would gain over JS loops for the MLP. The
 * module is GEMM_WAT below, assembled with wabt's `wat2wasm` (Debian package wabt) into GEMM_WASM_BASE64.
 * Scratch code for measurement; nothing in src/ uses it.
 */
import { reference, type Kernels, type Vec } from './profile-mlp-kernels.js'
import { tiled } from './profile-mlp-tiles.js'

/**
 * The module's text for f64 (f64x2 lanes, 4 × 4 tiles) or f32 (f32x4 lanes, 4 × 8 tiles):
 * C[M×N] = init + Σ_k A[m,k]·B[k,n], A[m,k] at A + size·(m·sam + k·sak), B[k,n] at B + size·(k·sbk + n)
 * (contiguous along n), C[m,n] at C + size·(m·ldc + n); init is bias[n] when bias ≠ 0, else 0.
 * Requires M % 4 = 0 and N % (tile width) = 0. Assemble: `wat2wasm gemm.wat -o gemm.wasm`.
 */
export function gemmWat(type: 'f64' | 'f32'): string {
  const v = type === 'f64' ? 'f64x2' : 'f32x4'
  const shift = type === 'f64' ? 3 : 2
  const width = type === 'f64' ? 4 : 8
  const acc = ['0', '1', '2', '3']
  const fma = acc
    .flatMap((r) =>
      ['a', 'b'].map(
        (h) =>
          `(local.set $c${r}${h} (${v}.add (local.get $c${r}${h}) (${v}.mul (local.get $a${r}) (local.get $b${h === 'a' ? 0 : 1}))))`,
      ),
    )
    .join('\n          ')
  const store = acc
    .map(
      (r) =>
        `${r === '0' ? '' : '(local.set $pc (i32.add (local.get $pc) (local.get $ldcb)))\n        '}(v128.store (local.get $pc) (local.get $c${r}a))\n        (v128.store offset=16 (local.get $pc) (local.get $c${r}b))`,
    )
    .join('\n        ')
  return `(module
  (memory (export "memory") 512)
  (func (export "gemm")
    (param $M i32) (param $N i32) (param $K i32) (param $A i32) (param $sam i32) (param $sak i32)
    (param $B i32) (param $sbk i32) (param $C i32) (param $ldc i32) (param $bias i32)
    (local $i i32) (local $j i32) (local $k i32) (local $pa i32) (local $pb i32) (local $pc i32)
    (local $samb i32) (local $sakb i32) (local $sbkb i32) (local $ldcb i32)
    (local $c0a v128) (local $c0b v128) (local $c1a v128) (local $c1b v128)
    (local $c2a v128) (local $c2b v128) (local $c3a v128) (local $c3b v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b0 v128) (local $b1 v128)
    (local.set $samb (i32.shl (local.get $sam) (i32.const ${shift})))
    (local.set $sakb (i32.shl (local.get $sak) (i32.const ${shift})))
    (local.set $sbkb (i32.shl (local.get $sbk) (i32.const ${shift})))
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const ${shift})))
    (local.set $i (i32.const 0))
    (block $done_i (loop $loop_i
      (br_if $done_i (i32.ge_u (local.get $i) (local.get $M)))
      (local.set $j (i32.const 0))
      (block $done_j (loop $loop_j
        (br_if $done_j (i32.ge_u (local.get $j) (local.get $N)))
        (if (local.get $bias)
          (then
            (local.set $c0a (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const ${shift})))))
            (local.set $c0b (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const ${shift}))))))
          (else
            (local.set $c0a (v128.const i64x2 0 0))
            (local.set $c0b (v128.const i64x2 0 0))))
        (local.set $c1a (local.get $c0a)) (local.set $c1b (local.get $c0b))
        (local.set $c2a (local.get $c0a)) (local.set $c2b (local.get $c0b))
        (local.set $c3a (local.get $c0a)) (local.set $c3b (local.get $c0b))
        (local.set $pa (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $samb))))
        (local.set $pb (i32.add (local.get $B) (i32.shl (local.get $j) (i32.const ${shift}))))
        (local.set $k (i32.const 0))
        (block $done_k (loop $loop_k
          (br_if $done_k (i32.ge_u (local.get $k) (local.get $K)))
          (local.set $b0 (v128.load (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          (local.set $a0 (${v}.splat (${type}.load (local.get $pa))))
          (local.set $a1 (${v}.splat (${type}.load (i32.add (local.get $pa) (local.get $samb)))))
          (local.set $a2 (${v}.splat (${type}.load (i32.add (local.get $pa) (i32.shl (local.get $samb) (i32.const 1))))))
          (local.set $a3 (${v}.splat (${type}.load (i32.add (local.get $pa) (i32.mul (local.get $samb) (i32.const 3))))))
          ${fma}
          (local.set $pa (i32.add (local.get $pa) (local.get $sakb)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sbkb)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $loop_k)))
        (local.set $pc (i32.add (local.get $C) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j)) (i32.const ${shift}))))
        ${store}
        (local.set $j (i32.add (local.get $j) (i32.const ${width})))
        (br $loop_j)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $loop_i))))
)
`
}

/** `gemmWat(type)` assembled by wabt 1.0.32's wat2wasm. */
export const GEMM_WASM_BASE64 = {
  f64: 'AGFzbQEAAAABDwFgC39/f39/f39/f39/AAMCAQAFBAEAgAQHEQIGbWVtb3J5AgAEZ2VtbQAACo8EAYwEAgp/DnsgBEEDdCERIAVBA3QhEiAHQQN0IRMgCUEDdCEUQQAhCwJAA0AgCyAATw0BQQAhDAJAA0AgDCABTw0BIAoEQCAKIAxBA3Rq/QAEACEVIAogDEEDdGr9AAQQIRYF/QwAAAAAAAAAAAAAAAAAAAAAIRX9DAAAAAAAAAAAAAAAAAAAAAAhFgsgFSEXIBYhGCAVIRkgFiEaIBUhGyAWIRwgAyALIBFsaiEOIAYgDEEDdGohD0EAIQ0CQANAIA0gAk8NASAP/QAEACEhIA/9AAQQISIgDisDAP0UIR0gDiARaisDAP0UIR4gDiARQQF0aisDAP0UIR8gDiARQQNsaisDAP0UISAgFSAdICH98gH98AEhFSAWIB0gIv3yAf3wASEWIBcgHiAh/fIB/fABIRcgGCAeICL98gH98AEhGCAZIB8gIf3yAf3wASEZIBogHyAi/fIB/fABIRogGyAgICH98gH98AEhGyAcICAgIv3yAf3wASEcIA4gEmohDiAPIBNqIQ8gDUEBaiENDAALCyAIIAsgCWwgDGpBA3RqIRAgECAV/QsEACAQIBb9CwQQIBAgFGohECAQIBf9CwQAIBAgGP0LBBAgECAUaiEQIBAgGf0LBAAgECAa/QsEECAQIBRqIRAgECAb/QsEACAQIBz9CwQQIAxBBGohDAwACwsgC0EEaiELDAALCws=',
  f32: 'AGFzbQEAAAABDwFgC39/f39/f39/f39/AAMCAQAFBAEAgAQHEQIGbWVtb3J5AgAEZ2VtbQAACo8EAYwEAgp/DnsgBEECdCERIAVBAnQhEiAHQQJ0IRMgCUECdCEUQQAhCwJAA0AgCyAATw0BQQAhDAJAA0AgDCABTw0BIAoEQCAKIAxBAnRq/QAEACEVIAogDEECdGr9AAQQIRYF/QwAAAAAAAAAAAAAAAAAAAAAIRX9DAAAAAAAAAAAAAAAAAAAAAAhFgsgFSEXIBYhGCAVIRkgFiEaIBUhGyAWIRwgAyALIBFsaiEOIAYgDEECdGohD0EAIQ0CQANAIA0gAk8NASAP/QAEACEhIA/9AAQQISIgDioCAP0TIR0gDiARaioCAP0TIR4gDiARQQF0aioCAP0TIR8gDiARQQNsaioCAP0TISAgFSAdICH95gH95AEhFSAWIB0gIv3mAf3kASEWIBcgHiAh/eYB/eQBIRcgGCAeICL95gH95AEhGCAZIB8gIf3mAf3kASEZIBogHyAi/eYB/eQBIRogGyAgICH95gH95AEhGyAcICAgIv3mAf3kASEcIA4gEmohDiAPIBNqIQ8gDUEBaiENDAALCyAIIAsgCWwgDGpBAnRqIRAgECAV/QsEACAQIBb9CwQQIBAgFGohECAQIBf9CwQAIBAgGP0LBBAgECAUaiEQIBAgGf0LBAAgECAa/QsEECAQIBRqIRAgECAb/QsEACAQIBz9CwQQIAxBCGohDAwACwsgC0EEaiELDAALCws=',
}

/** Typed arrays carved out of the module's memory, so the kernels read and write them in place. */
export interface WasmArena {
  alloc(n: number): Vec
  kernels: Kernels
}

type Gemm = (...args: number[]) => void

/** The slice of the WebAssembly JS API used here (the project's lib settings declare none). */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
  ): Promise<{ instance: { exports: { memory: { buffer: ArrayBuffer }; gemm: Gemm } } }>
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly

export async function wasmArena(type: 'f64' | 'f32'): Promise<WasmArena> {
  const { instance } = await wasmApi.instantiate(Buffer.from(GEMM_WASM_BASE64[type], 'base64'))
  const { memory, gemm } = instance.exports
  const View = type === 'f64' ? Float64Array : Float32Array
  const size = View.BYTES_PER_ELEMENT
  const width = type === 'f64' ? 4 : 8 // tile width along n
  let next = 0
  const alloc = (n: number): Vec => {
    const view = new View(memory.buffer, next, n)
    next += Math.ceil((n * size) / 16) * 16 // keep every array 16-byte aligned for v128 loads
    if (next > memory.buffer.byteLength) throw new Error('wasm arena full')
    return view
  }
  const inArena = (...vs: Vec[]): boolean => vs.every((v) => v.buffer === memory.buffer && v instanceof View)
  const transposed = alloc(64 * 1024)
  const kernels: Kernels = {
    forward(a, w, b, rows, inputs, units, out, relu) {
      if (rows % 4 || units % width || !inArena(a, w, b, out))
        return tiled.forward(a, w, b, rows, inputs, units, out, relu)
      gemm(
        rows,
        units,
        inputs,
        a.byteOffset,
        inputs,
        1,
        w.byteOffset,
        units,
        out.byteOffset,
        units,
        b.byteOffset,
      )
      if (relu) for (let i = 0; i < rows * units; i++) if (out[i] < 0) out[i] = 0
    },
    weightGrad(a, dl, rows, inputs, units, gW, gB) {
      if (inputs % 4 || units % width || !inArena(a, dl, gW))
        return tiled.weightGrad(a, dl, rows, inputs, units, gW, gB)
      gemm(inputs, units, rows, a.byteOffset, 1, inputs, dl.byteOffset, units, gW.byteOffset, units, 0)
      gB.fill(0)
      for (let i = 0; i < rows; i++) for (let j = 0; j < units; j++) gB[j] = gB[j] + dl[i * units + j]
    },
    inputGrad(dl, w, a, rows, inputs, units, prev) {
      if (rows % 4 || inputs % width || !inArena(dl, prev))
        return reference.inputGrad(dl, w, a, rows, inputs, units, prev)
      for (let q = 0; q < inputs; q++)
        for (let j = 0; j < units; j++) transposed[j * inputs + q] = w[q * units + j]!
      gemm(
        rows,
        inputs,
        units,
        dl.byteOffset,
        units,
        1,
        transposed.byteOffset,
        inputs,
        prev.byteOffset,
        inputs,
        0,
      )
      for (let i = 0; i < rows * inputs; i++) if (!(a[i] > 0)) prev[i] = 0
    },
  }
  return { alloc, kernels }
}
