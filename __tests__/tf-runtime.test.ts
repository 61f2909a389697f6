/**
 * loadTf honours each request's backend (a later, different choice is not swallowed by the first one's start),
 * and the one global the wasm start needs (__dirname, for tfjs-backend-wasm's emscripten glue) is gone after.
 */
import { loadTf } from '../src/train/tf-runtime.js'
import { silentLogger } from '../src/util/logger.js'

const request = (backend: 'cpu' | 'wasm') => loadTf({ cwd: process.cwd(), logger: silentLogger, backend })

test('a later request for another backend gets it, and an earlier backend is selected again when asked for', async () => {
  const cpu = await request('cpu')
  expect(cpu.backend).toBe('cpu')
  expect(cpu.tf.getBackend()).toBe('cpu')
  const wasm = await request('wasm')
  expect(wasm.backend).toBe('wasm')
  expect(wasm.tf.getBackend()).toBe('wasm')
  // The same tfjs engine: asking for cpu again switches it back rather than returning a stale label.
  const again = await request('cpu')
  expect(again).toBe(cpu)
  expect(again.tf.getBackend()).toBe('cpu')
  expect(again.tf.add(again.tf.scalar(2), again.tf.scalar(3)).dataSync()[0]).toBe(5)
})

test('starting the wasm backend leaves no __dirname on globalThis', async () => {
  // Jest runs this file as an ES module: no module-scoped __dirname, so the start had to provide one.
  await request('wasm')
  expect('__dirname' in globalThis).toBe(false)
})
