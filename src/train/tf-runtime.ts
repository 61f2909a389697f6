import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Logger } from '../util/logger.js'

export type Tf = typeof import('@tensorflow/tfjs')
export type BackendName = 'tensorflow' | 'wasm' | 'cpu'

/** The TensorFlow.js instance in use and which backend it runs on (recorded with every run). */
export interface TfRuntime {
  tf: Tf
  backend: BackendName
  /** Version of the tfjs package providing `tf`. */
  version: string
}

const WASM_FILES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
]

/**
 * The .wasm files: beside this module in the ncc bundle (scripts/bundle.mjs copies them into dist/), else in
 * the installed package (running from source). The package path is resolved at run time, with a computed
 * specifier so the bundler does not try to inline it.
 */
function wasmDirectory(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  if (existsSync(path.join(here, WASM_FILES[0]!))) return here
  const pkg = ['@tensorflow', 'tfjs-backend-wasm', 'package.json'].join('/')
  return path.join(path.dirname(createRequire(import.meta.url).resolve(pkg)), 'dist')
}

/** tfjs-node from the user's workspace, when installed there (it cannot be bundled: it is a native addon). */
async function loadTfNode(cwd: string, logger: Logger): Promise<TfRuntime | null> {
  let resolved: string
  try {
    resolved = createRequire(path.join(cwd, 'package.json')).resolve('@tensorflow/tfjs-node')
  } catch {
    return null
  }
  try {
    const tf = (await import(pathToFileURL(resolved).href)) as Tf & { default?: Tf }
    const handle = tf.default ?? tf
    handle.enableProdMode()
    await handle.ready()
    if (handle.getBackend() !== 'tensorflow') return null
    return { tf: handle, backend: 'tensorflow', version: handle.version.tfjs ?? 'unknown' }
  } catch (error) {
    logger.warn(
      `@tensorflow/tfjs-node is installed at ${resolved} but failed to load (${String(error)}); using the wasm backend`,
    )
    return null
  }
}

// One runtime per process: tfjs has a single global engine, so the first call's backend choice holds for
// every later call (the CLI and the Action each ask once, with one setting).
let cached: Promise<TfRuntime> | null = null

/**
 * Load TensorFlow.js once: tfjs-node when the workspace has it, else the bundled tfjs on the wasm backend,
 * else cpu. A failed wasm start silently falls back to cpu inside tfjs, so the backend is checked after.
 */
export function loadTf(options: {
  cwd: string
  logger: Logger
  backend?: BackendName | 'auto'
}): Promise<TfRuntime> {
  cached ??= (async () => {
    const wanted = options.backend ?? 'auto'
    if (wanted === 'auto' || wanted === 'tensorflow') {
      const node = await loadTfNode(options.cwd, options.logger)
      if (node) return node
      if (wanted === 'tensorflow')
        options.logger.warn(
          'backend "tensorflow" requested but @tensorflow/tfjs-node is not installed in this workspace',
        )
    }
    const tf = await import('@tensorflow/tfjs')
    // Production mode: no debug checks, and no "looks like you are running TensorFlow.js in Node.js" banner.
    tf.enableProdMode()
    const version = tf.version.tfjs ?? 'unknown'
    if (wanted !== 'cpu') {
      const dir = wasmDirectory()
      // The wasm backend's emscripten glue reads the free variable __dirname under Node. ESM modules (our
      // bundle) have none, which makes the backend fail to start; give it the directory of the .wasm files.
      const scope = globalThis as { __dirname?: string }
      scope.__dirname ??= dir
      const wasm = await import('@tensorflow/tfjs-backend-wasm')
      wasm.setWasmPaths(Object.fromEntries(WASM_FILES.map((f) => [f, path.join(dir, f)])))
      if ((await tf.setBackend('wasm')) && tf.getBackend() === 'wasm') return { tf, backend: 'wasm', version }
      options.logger.warn(
        `the tfjs wasm backend did not start (files in ${dir}); falling back to the slower cpu backend`,
      )
    }
    await tf.setBackend('cpu')
    if (tf.getBackend() !== 'cpu')
      throw new Error(`tfjs: no backend could be started (got ${tf.getBackend()})`)
    return { tf, backend: 'cpu', version }
  })()
  return cached
}
