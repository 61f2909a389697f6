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

type Requested = BackendName | 'auto'

// One start per requested backend. tfjs itself is a process-wide singleton (one module instance, one engine),
// so this map is too: it only remembers which start already ran, and every request re-selects its backend on
// the engine (below), so a later request for another backend gets that backend, not the first one's.
const started = new Map<Requested, Promise<TfRuntime>>()

/**
 * TensorFlow.js on the requested backend, started on the first request for it: tfjs-node when the workspace
 * has it ('auto' or 'tensorflow'), else the bundled tfjs on the wasm backend, else cpu. Entry points pass
 * `() => loadTf(...)` as PipelineDeps.runtime, so nothing starts tfjs until a model family asks for it.
 *
 * tfjs has one engine per process: two runtimes on different backends used at once would switch it under each
 * other. The CLI and the Action ask for one backend per invocation; this only makes a later, different
 * choice (another main() in the same process, as the tests do) take effect instead of being ignored.
 */
export async function loadTf(options: {
  cwd: string
  logger: Logger
  backend?: Requested
}): Promise<TfRuntime> {
  const wanted = options.backend ?? 'auto'
  let starting = started.get(wanted)
  if (!starting) {
    starting = startTf(wanted, options)
    started.set(wanted, starting)
    // A start that failed is not remembered: the next request tries again (and reports its own error).
    starting.catch(() => started.delete(wanted))
  }
  const runtime = await starting
  if (runtime.tf.getBackend() !== runtime.backend && !(await runtime.tf.setBackend(runtime.backend)))
    throw new Error(`tfjs: the ${runtime.backend} backend, started before, could not be selected again`)
  return runtime
}

/** A failed wasm start silently falls back to cpu inside tfjs, so the backend is checked after. */
async function startTf(wanted: Requested, options: { cwd: string; logger: Logger }): Promise<TfRuntime> {
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
    const wasm = await import('@tensorflow/tfjs-backend-wasm')
    wasm.setWasmPaths(Object.fromEntries(WASM_FILES.map((f) => [f, path.join(dir, f)])))
    if ((await withDirname(dir, () => tf.setBackend('wasm'))) && tf.getBackend() === 'wasm')
      return { tf, backend: 'wasm', version }
    options.logger.warn(
      `the tfjs wasm backend did not start (files in ${dir}); falling back to the slower cpu backend`,
    )
  }
  await tf.setBackend('cpu')
  if (tf.getBackend() !== 'cpu') throw new Error(`tfjs: no backend could be started (got ${tf.getBackend()})`)
  return { tf, backend: 'cpu', version }
}

/**
 * The one global this module writes, and only while the wasm backend starts: tfjs-backend-wasm's emscripten
 * glue runs `scriptDirectory = __dirname + "/"` under Node, unconditionally. Loaded from node_modules (CommonJS)
 * it has its own __dirname; inlined into our ES-module bundle it has none and the start throws a
 * ReferenceError. So the free variable is provided, as the .wasm files' directory, for the duration of the
 * start, and removed again when this module was the one that set it.
 */
async function withDirname<T>(dir: string, start: () => Promise<T>): Promise<T> {
  const scope = globalThis as { __dirname?: string }
  if (scope.__dirname !== undefined) return start()
  scope.__dirname = dir
  try {
    return await start()
  } finally {
    delete scope.__dirname
  }
}
