import type { TfRuntime } from '../train/tf-runtime.js'

/** What a run records of TensorFlow.js: the backend and version when a stage started it, else nulls. */
export interface TfUsage {
  name: TfRuntime['backend'] | null
  tfjs: string | null
}

/**
 * The pipeline's runtime factory, passed on to the stages unchanged, remembering whether any stage called it.
 * Nothing starts tfjs up front: a model whose family never asks for it (external, ONNX) runs without it.
 */
export function trackTfUsage(runtime: () => Promise<TfRuntime>): {
  runtime: () => Promise<TfRuntime>
  usage: () => TfUsage
} {
  let used: TfRuntime | null = null
  return {
    runtime: async () => (used = await runtime()),
    usage: () => (used ? { name: used.backend, tfjs: used.version } : { name: null, tfjs: null }),
  }
}
