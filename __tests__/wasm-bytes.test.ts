/**
 * The committed WebAssembly kernels are what dense-kernels.wat says: assemble the .wat with wabt (npm) and compare the
 * bytes with the base64 module that modelgate instantiates. A hash of the .wat alone would not catch bytes
 * edited by hand or assembled from another source.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import wabtInit from 'wabt'
import { DENSE_KERNELS_WASM_BASE64 } from '../src/train/kernels/dense-kernels-wasm.js'

const kernels = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'train', 'kernels')

test('the committed wasm module is byte for byte what wabt assembles from dense-kernels.wat', async () => {
  const wabt = await wabtInit()
  const wat = await fs.readFile(path.join(kernels, 'dense-kernels.wat'), 'utf8')
  const module = wabt.parseWat('dense-kernels.wat', wat, { simd: true })
  const assembled = Buffer.from(module.toBinary({}).buffer)
  module.destroy()
  const committed = Buffer.from(DENSE_KERNELS_WASM_BASE64, 'base64')
  expect(committed.length).toBeGreaterThan(1000)
  expect(assembled.equals(committed)).toBe(true)
})
