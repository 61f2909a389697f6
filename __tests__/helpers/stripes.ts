import { promises as fs } from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { Rng } from '../../src/util/rng.js'
import { makeWorkspace } from './workspace.js'

export /** Stripes along one axis at a random phase, plus noise: class 0 vertical, class 1 horizontal. */
function stripes(vertical: boolean, rng: Rng, size = 8): Uint8Array {
  const phase = rng.int(2)
  const out = new Uint8Array(size * size)
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const on = ((vertical ? x : y) + phase) % 2 === 0
      out[y * size + x] = Math.max(0, Math.min(255, (on ? 200 : 40) + rng.int(40) - 20))
    }
  return out
}

export async function writePng(file: string, gray: Uint8Array, size = 8): Promise<void> {
  const png = new PNG({ width: size, height: size })
  gray.forEach((v, p) => {
    png.data[p * 4] = v
    png.data[p * 4 + 1] = v
    png.data[p * 4 + 2] = v
    png.data[p * 4 + 3] = 255
  })
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, PNG.sync.write(png))
}

/** models/stripes: a folder per class of 8×8 PNGs (one not an image), and its spec. */
export async function stripesWorkspace(extraModel = ''): Promise<string> {
  const root = await makeWorkspace()
  const dir = path.join(root, 'models', 'stripes')
  const rng = new Rng(5)
  for (let i = 0; i < 60; i++) {
    const cls = i % 2 === 0 ? 'vertical' : 'horizontal'
    await writePng(path.join(dir, 'images', cls, `${cls}-${i}.png`), stripes(i % 2 === 0, rng))
  }
  await fs.writeFile(path.join(dir, 'images', 'vertical', 'notes.png'), 'not an image')
  await fs.writeFile(
    path.join(dir, 'modelgate.yml'),
    `task: multiclass
data:
  type: images
  train: images
  size: [8, 8]
  on_bad_file: skip
  split: { fraction: 0.25, seed: 1 }
model:
  type: cnn
  conv: [{ filters: 4 }]
  dense: [8]
  epochs: 6
  batch_size: 8
  learning_rate: 0.01
${extraModel}gate:
  metrics:
    accuracy: { max_drop: 0.05 }
`,
  )
  return root
}
