/**
 * Prototype (issue 6): a WebAssembly SIMD (f64x2) matrix product with 4 × 4 register tiles, used by
 * bench/profile-mlp.ts to measure what hand-written WASM kernels would gain over JS loops for the MLP. The
 * module is GEMM_WAT below, assembled with wabt's `wat2wasm` (Debian package wabt) into GEMM_WASM_BASE64.
 * Scratch code for measurement; nothing in src/ uses it.
 */
import { reference, type Kernels, type Vec } from './profile-mlp-kernels.js'
import { tiled } from './profile-mlp-tiles.js'

export const GEMM_WAT = `
;; C[M×N] = init + Σ_k A[m,k]·B[k,n], f64, 4×4 register tiles as f64x2 pairs.
;; A[m,k] at A + 8·(m·sam + k·sak); B[k,n] at B + 8·(k·sbk + n) (contiguous along n); C[m,n] at C + 8·(m·ldc + n).
;; init: bias[n] when bias ≠ 0, else 0. Requires M % 4 = 0 and N % 4 = 0.
(module
  (memory (export "memory") 512)
  (func (export "gemm")
    (param $M i32) (param $N i32) (param $K i32)
    (param $A i32) (param $sam i32) (param $sak i32)
    (param $B i32) (param $sbk i32)
    (param $C i32) (param $ldc i32) (param $bias i32)
    (local $i i32) (local $j i32) (local $k i32)
    (local $pa i32) (local $pb i32) (local $pc i32)
    (local $sam8 i32) (local $sak8 i32) (local $sbk8 i32) (local $ldc8 i32)
    (local $c0a v128) (local $c0b v128) (local $c1a v128) (local $c1b v128)
    (local $c2a v128) (local $c2b v128) (local $c3a v128) (local $c3b v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128)
    (local.set $sam8 (i32.shl (local.get $sam) (i32.const 3)))
    (local.set $sak8 (i32.shl (local.get $sak) (i32.const 3)))
    (local.set $sbk8 (i32.shl (local.get $sbk) (i32.const 3)))
    (local.set $ldc8 (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $done_i (loop $loop_i
      (br_if $done_i (i32.ge_u (local.get $i) (local.get $M)))
      (local.set $j (i32.const 0))
      (block $done_j (loop $loop_j
        (br_if $done_j (i32.ge_u (local.get $j) (local.get $N)))
        (if (local.get $bias)
          (then
            (local.set $c0a (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $c0b (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))))
          (else
            (local.set $c0a (v128.const i64x2 0 0))
            (local.set $c0b (v128.const i64x2 0 0))))
        (local.set $c1a (local.get $c0a)) (local.set $c1b (local.get $c0b))
        (local.set $c2a (local.get $c0a)) (local.set $c2b (local.get $c0b))
        (local.set $c3a (local.get $c0a)) (local.set $c3b (local.get $c0b))
        (local.set $pa (i32.add (local.get $A) (i32.mul (local.get $i) (local.get $sam8))))
        (local.set $pb (i32.add (local.get $B) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $k (i32.const 0))
        (block $done_k (loop $loop_k
          (br_if $done_k (i32.ge_u (local.get $k) (local.get $K)))
          (local.set $b0 (v128.load (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          (local.set $a0 (f64x2.splat (f64.load (local.get $pa))))
          (local.set $a1 (f64x2.splat (f64.load (i32.add (local.get $pa) (local.get $sam8)))))
          (local.set $a2 (f64x2.splat (f64.load (i32.add (local.get $pa) (i32.shl (local.get $sam8) (i32.const 1))))))
          (local.set $a3 (f64x2.splat (f64.load (i32.add (local.get $pa) (i32.mul (local.get $sam8) (i32.const 3))))))
          (local.set $c0a (f64x2.add (local.get $c0a) (f64x2.mul (local.get $a0) (local.get $b0))))
          (local.set $c0b (f64x2.add (local.get $c0b) (f64x2.mul (local.get $a0) (local.get $b1))))
          (local.set $c1a (f64x2.add (local.get $c1a) (f64x2.mul (local.get $a1) (local.get $b0))))
          (local.set $c1b (f64x2.add (local.get $c1b) (f64x2.mul (local.get $a1) (local.get $b1))))
          (local.set $c2a (f64x2.add (local.get $c2a) (f64x2.mul (local.get $a2) (local.get $b0))))
          (local.set $c2b (f64x2.add (local.get $c2b) (f64x2.mul (local.get $a2) (local.get $b1))))
          (local.set $c3a (f64x2.add (local.get $c3a) (f64x2.mul (local.get $a3) (local.get $b0))))
          (local.set $c3b (f64x2.add (local.get $c3b) (f64x2.mul (local.get $a3) (local.get $b1))))
          (local.set $pa (i32.add (local.get $pa) (local.get $sak8)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sbk8)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $loop_k)))
        (local.set $pc (i32.add (local.get $C) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j)) (i32.const 3))))
        (v128.store (local.get $pc) (local.get $c0a))
        (v128.store offset=16 (local.get $pc) (local.get $c0b))
        (local.set $pc (i32.add (local.get $pc) (local.get $ldc8)))
        (v128.store (local.get $pc) (local.get $c1a))
        (v128.store offset=16 (local.get $pc) (local.get $c1b))
        (local.set $pc (i32.add (local.get $pc) (local.get $ldc8)))
        (v128.store (local.get $pc) (local.get $c2a))
        (v128.store offset=16 (local.get $pc) (local.get $c2b))
        (local.set $pc (i32.add (local.get $pc) (local.get $ldc8)))
        (v128.store (local.get $pc) (local.get $c3a))
        (v128.store offset=16 (local.get $pc) (local.get $c3b))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $loop_j)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $loop_i)))
  )
)
`

export const GEMM_WASM_BASE64 =
  'AGFzbQEAAAABDwFgC39/f39/f39/f39/AAMCAQAFBAEAgAQHEQIGbWVtb3J5AgAEZ2VtbQAACo8EAYwEAgp/DnsgBEEDdCERIAVBA3QhEiAHQQN0IRMgCUEDdCEUQQAhCwJAA0AgCyAATw0BQQAhDAJAA0AgDCABTw0BIAoEQCAKIAxBA3Rq/QAEACEVIAogDEEDdGr9AAQQIRYF/QwAAAAAAAAAAAAAAAAAAAAAIRX9DAAAAAAAAAAAAAAAAAAAAAAhFgsgFSEXIBYhGCAVIRkgFiEaIBUhGyAWIRwgAyALIBFsaiEOIAYgDEEDdGohD0EAIQ0CQANAIA0gAk8NASAP/QAEACEhIA/9AAQQISIgDisDAP0UIR0gDiARaisDAP0UIR4gDiARQQF0aisDAP0UIR8gDiARQQNsaisDAP0UISAgFSAdICH98gH98AEhFSAWIB0gIv3yAf3wASEWIBcgHiAh/fIB/fABIRcgGCAeICL98gH98AEhGCAZIB8gIf3yAf3wASEZIBogHyAi/fIB/fABIRogGyAgICH98gH98AEhGyAcICAgIv3yAf3wASEcIA4gEmohDiAPIBNqIQ8gDUEBaiENDAALCyAIIAsgCWwgDGpBA3RqIRAgECAV/QsEACAQIBb9CwQQIBAgFGohECAQIBf9CwQAIBAgGP0LBBAgECAUaiEQIBAgGf0LBAAgECAa/QsEECAQIBRqIRAgECAb/QsEACAQIBz9CwQQIAxBBGohDAwACwsgC0EEaiELDAALCws='

/** Typed arrays carved out of the module's memory, so the kernels read and write them in place. */
export interface WasmArena {
  alloc(n: number): Float64Array
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

export async function wasmArena(): Promise<WasmArena> {
  const { instance } = await wasmApi.instantiate(Buffer.from(GEMM_WASM_BASE64, 'base64'))
  const { memory, gemm } = instance.exports
  let next = 0
  const alloc = (n: number): Float64Array => {
    const view = new Float64Array(memory.buffer, next, n)
    next += Math.ceil((n * 8) / 16) * 16 // keep every array 16-byte aligned for v128 loads
    if (next > memory.buffer.byteLength) throw new Error('wasm arena full')
    return view
  }
  const inArena = (v: Vec): boolean => v.buffer === memory.buffer && v instanceof Float64Array
  const transposed = alloc(64 * 1024)
  const kernels: Kernels = {
    forward(a, w, b, rows, inputs, units, out, relu) {
      if (rows % 4 || units % 4 || !inArena(a) || !inArena(out))
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
      if (inputs % 4 || units % 4) return tiled.weightGrad(a, dl, rows, inputs, units, gW, gB)
      gemm(inputs, units, rows, a.byteOffset, 1, inputs, dl.byteOffset, units, gW.byteOffset, units, 0)
      gB.fill(0)
      for (let i = 0; i < rows; i++) for (let j = 0; j < units; j++) gB[j] = gB[j] + dl[i * units + j]
    },
    inputGrad(dl, w, a, rows, inputs, units, prev) {
      if (rows % 4 || inputs % 4) return reference.inputGrad(dl, w, a, rows, inputs, units, prev)
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
