import type { ImageShape } from '../../data/images/pixels.js'
import type { Rng } from '../../util/rng.js'

/**
 * Seeded augmentation of one batch (NHWC values), drawn from the run's generator so a seed reproduces it:
 * a left-right mirror with probability 1/2, and a shift by up to `shift` pixels each way with zeros filling in.
 */
export function augmentBatch(
  batch: Float32Array,
  count: number,
  shape: ImageShape,
  options: { flip: boolean; shift: number },
  rng: Rng,
): Float32Array {
  if (!options.flip && options.shift === 0) return batch
  const { height: H, width: W, channels: C } = shape
  const per = H * W * C
  const out = new Float32Array(batch.length)
  for (let i = 0; i < count; i++) {
    const flip = options.flip && rng.next() < 0.5
    const dy = options.shift ? rng.int(2 * options.shift + 1) - options.shift : 0
    const dx = options.shift ? rng.int(2 * options.shift + 1) - options.shift : 0
    const base = i * per
    for (let y = 0; y < H; y++) {
      const sy = y - dy
      if (sy < 0 || sy >= H) continue
      for (let x = 0; x < W; x++) {
        let sx = x - dx
        if (sx < 0 || sx >= W) continue
        if (flip) sx = W - 1 - sx
        const to = base + (y * W + x) * C
        const from = base + (sy * W + sx) * C
        for (let c = 0; c < C; c++) out[to + c] = batch[from + c]!
      }
    }
  }
  return out
}
