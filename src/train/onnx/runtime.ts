import type * as Ort from 'onnxruntime-common'
import { bytesField, concat, varintField } from './protobuf.js'

export type OrtModule = typeof Ort

export interface OnnxRuntime {
  ort: OrtModule
  /** Recorded with the run: "onnxruntime-node 1.30.0 (native cpu)" or "onnxruntime-web 1.30.0 (wasm)". */
  name: string
}

export type OnnxRuntimeName = 'node' | 'web'

/** A one-node graph (y = Identity(x), float): run once to prove the runtime accepts this realm's tensors. */
function probeModel(): Uint8Array {
  const floatTensor = bytesField(2, bytesField(1, varintField(1, 1)))
  const valueInfo = (name: string): Uint8Array => concat([bytesField(1, name), floatTensor])
  const node = concat([bytesField(1, 'x'), bytesField(2, 'y'), bytesField(4, 'Identity')])
  const graph = concat([
    bytesField(1, node),
    bytesField(2, 'probe'),
    bytesField(11, valueInfo('x')),
    bytesField(12, valueInfo('y')),
  ])
  return concat([varintField(1, 8), bytesField(7, graph), bytesField(8, varintField(2, 13))])
}

async function probe(ort: OrtModule): Promise<void> {
  const session = await ort.InferenceSession.create(probeModel())
  try {
    await session.run({ x: new ort.Tensor('float32', Float32Array.from([1]), [1]) })
  } finally {
    await session.release()
  }
}

const cache = new Map<OnnxRuntimeName, Promise<OnnxRuntime>>()

async function load(which: OnnxRuntimeName): Promise<OnnxRuntime> {
  if (which === 'node') {
    const ort = (await import('onnxruntime-node')) as unknown as OrtModule & { default?: OrtModule }
    const handle = ort.InferenceSession ? ort : ort.default!
    // The native binding checks typed arrays against its own realm's constructors; where this code runs in
    // another realm (a vm context, as under Jest) every tensor would be refused, so the wasm build is used.
    await probe(handle)
    return { ort: handle, name: `onnxruntime-node ${handle.env.versions.common} (native cpu)` }
  }
  const ort = (await import('onnxruntime-web')) as unknown as OrtModule
  // One thread: the same work as the native runtime is given below, and no worker files to locate.
  ort.env.wasm.numThreads = 1
  return { ort, name: `onnxruntime-web ${ort.env.versions.common} (wasm)` }
}

/**
 * ONNX Runtime: the native build (onnxruntime-node) where it loads, else the WebAssembly build that runs on
 * any Node (onnxruntime-web). Loaded once per process; `prefer` picks one (tests compare both).
 */
export function loadOnnxRuntime(prefer?: OnnxRuntimeName): Promise<OnnxRuntime> {
  const order: OnnxRuntimeName[] = prefer ? [prefer] : ['node', 'web']
  const key = order[0]!
  let pending = cache.get(key)
  if (!pending) {
    pending = (async () => {
      let last: unknown
      for (const which of order) {
        try {
          return await load(which)
        } catch (error) {
          last = error
        }
      }
      throw new Error(`ONNX Runtime could not be loaded: ${String(last)}`)
    })()
    cache.set(key, pending)
  }
  return pending
}
