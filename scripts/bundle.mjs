#!/usr/bin/env node
// Rebuild dist/: one ncc bundle (src/index.ts → dist/index.js) with lazily loaded chunks, which is the Action when
// node runs it and the CLI when bin/modelgate.js imports it, plus the tfjs wasm binaries beside it. The bundles are
// ESM, where ncc's asset relocation does not see `new URL(…, import.meta.url)`, so the .wasm files are copied
// here explicitly; src/train/tf-runtime.ts looks for them beside the module first. Type checking is
// `npm run build`'s job, so ncc only transpiles.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const require = createRequire(import.meta.url)
const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')
// ONNX Runtime's WebAssembly build (src/train/onnx/runtime.ts): its loader imports these two files from beside
// the chunk that holds it. The native onnxruntime-node is not bundled (its binary is not relocated by ncc).
// onnxruntime-web exports no ./package.json: its main entry lives in dist/ beside the wasm files.
const ortDir = path.dirname(require.resolve('onnxruntime-web'))
const ORT_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm']
const ncc = path.join(root, 'node_modules', '.bin', 'ncc')

const targets = [{ entry: 'src/index.ts', out: 'dist' }]

rmSync(path.join(root, 'dist'), { recursive: true, force: true })
for (const { entry, out } of targets) {
  if (!existsSync(path.join(root, entry))) {
    console.error(`skipping ${entry}: not there yet`)
    continue
  }
  execFileSync(ncc, ['build', entry, '-o', out, '--license', 'licenses.txt', '--transpile-only', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  })
  mkdirSync(path.join(root, out), { recursive: true })
  for (const file of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) {
    cpSync(path.join(wasmDir, file), path.join(root, out, file))
  }
  for (const file of ORT_FILES) cpSync(path.join(ortDir, file), path.join(root, out, file))
  console.error(`built ${out}/index.js from ${entry}`)
}

// fastify's logger (pino) names its transport workers by path, so ncc copies them: they require pino's own
// modules relative to themselves and cannot run from dist/. modelgate serve writes its own JSON log and never
// starts a pino transport, so they are removed rather than shipped broken.
for (const file of ['file.js', 'worker.js', 'worker1.js'])
  rmSync(path.join(root, 'dist', file), { force: true })

// ncc copies files it takes for assets (e.g. from path.resolve(cwd, 'models', name)): such a bundle would
// depend on the checkout's directory name and contents. Only the chunks, the .wasm files and the licenses belong.
const expected =
  /^(\d+\.)?index\.js$|^tfjs-backend-wasm.*\.wasm$|^ort-wasm-simd-threaded\.(mjs|wasm)$|^[0-9a-f]{20}\.mjs$|^licenses\.txt$|^package\.json$/
const stray = []
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = path.relative(path.join(root, 'dist'), path.join(dir, entry.name))
    if (!expected.test(entry.name)) stray.push(rel)
  }
}
walk(path.join(root, 'dist'))
if (stray.length > 0) {
  console.error(
    `ncc emitted files that do not belong in dist/: ${stray.slice(0, 5).join(', ')}${stray.length > 5 ? ', …' : ''}`,
  )
  console.error(
    'a path built from literals (path.resolve(x, "models", …)) was taken for an asset; build it from a constant',
  )
  process.exit(1)
}
