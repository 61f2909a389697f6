import type * as Ort from 'onnxruntime-common'

export type OrtModule = typeof Ort

export interface OnnxRuntime {
  ort: OrtModule
  /** Recorded with the run: "onnxruntime-node 1.30.0 (native cpu)" or "onnxruntime-web 1.30.0 (wasm)". */
  name: string
}

export type OnnxRuntimeName = 'node' | 'web'

const cache = new Map<OnnxRuntimeName, Promise<OnnxRuntime>>()

async function load(which: OnnxRuntimeName): Promise<OnnxRuntime> {
  if (which === 'node') {
    const ort = (await import('onnxruntime-node')) as unknown as OrtModule & { default?: OrtModule }
    const handle = ort.InferenceSession ? ort : ort.default!
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
