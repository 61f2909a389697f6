/**
 * From decoded RGBA to the model's input: channel conversion (ITU-R BT.601 luma for grayscale, as PIL's "L"
 * mode and tf.image.rgb_to_grayscale), bilinear resizing with half-pixel centres (as tf.image.resizeBilinear
 * with halfPixelCenters and PIL's BILINEAR for upsampling), and scaling to [0, 1].
 */
import type { RgbaImage } from './decode.js'

/** Height, width, channels (1 gray, 3 RGB) of every image the model sees. */
export interface ImageShape {
  height: number
  width: number
  channels: 1 | 3
}

/** Channel values in [0, 255] as float, height × width × channels, alpha composited over black. */
export function toChannels(image: RgbaImage, channels: 1 | 3): Float32Array {
  const { width, height, data } = image
  const out = new Float32Array(width * height * channels)
  for (let p = 0; p < width * height; p++) {
    const a = data[p * 4 + 3]! / 255
    const r = data[p * 4]! * a
    const g = data[p * 4 + 1]! * a
    const b = data[p * 4 + 2]! * a
    if (channels === 1) out[p] = 0.299 * r + 0.587 * g + 0.114 * b
    else {
      out[p * 3] = r
      out[p * 3 + 1] = g
      out[p * 3 + 2] = b
    }
  }
  return out
}

/** Bilinear resize of height × width × channels values. Returns the input itself when the size matches. */
export function resizeBilinear(
  values: Float32Array,
  from: { height: number; width: number },
  to: { height: number; width: number },
  channels: number,
): Float32Array {
  if (from.height === to.height && from.width === to.width) return values
  const out = new Float32Array(to.height * to.width * channels)
  const sy = from.height / to.height
  const sx = from.width / to.width
  for (let y = 0; y < to.height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), from.height - 1)
    const y0 = Math.floor(fy)
    const y1 = Math.min(y0 + 1, from.height - 1)
    const wy = fy - y0
    for (let x = 0; x < to.width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), from.width - 1)
      const x0 = Math.floor(fx)
      const x1 = Math.min(x0 + 1, from.width - 1)
      const wx = fx - x0
      for (let c = 0; c < channels; c++) {
        const at = (yy: number, xx: number): number => values[(yy * from.width + xx) * channels + c]!
        const top = at(y0, x0) * (1 - wx) + at(y0, x1) * wx
        const bottom = at(y1, x0) * (1 - wx) + at(y1, x1) * wx
        out[(y * to.width + x) * channels + c] = top * (1 - wy) + bottom * wy
      }
    }
  }
  return out
}

/** One decoded image as the model's input: channels, resized to `shape`, scaled to [0, 1]. */
export function toModelInput(image: RgbaImage, shape: ImageShape): Float32Array {
  const values = resizeBilinear(
    toChannels(image, shape.channels),
    { height: image.height, width: image.width },
    shape,
    shape.channels,
  )
  const out = new Float32Array(values.length)
  for (let i = 0; i < values.length; i++) out[i] = values[i]! / 255
  return out
}
