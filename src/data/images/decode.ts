/**
 * PNG and JPEG decoding with pure-JS decoders (pngjs, jpeg-js): tfjs-node's decoder is not available where the
 * Action runs, and these need no native code. Every failure is one `BadImageError` naming the file, so a
 * corrupted, truncated or non-image file can be skipped or refused by the spec's policy.
 */
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'

/** Decoded pixels, RGBA, row-major: data[(y * width + x) * 4 + channel]. */
export interface RgbaImage {
  width: number
  height: number
  data: Uint8Array
}

export class BadImageError extends Error {
  override readonly name = 'BadImageError'
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`)
  }
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

export type ImageFormat = 'png' | 'jpeg'

/** The format from the file's first bytes (never its name: a .png that holds a JPEG is still decoded). */
export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  return null
}

/** Largest image decoded (pixels); protects the runner's memory from a crafted header. */
export const MAX_IMAGE_PIXELS = 4096 * 4096

export function decodeImage(bytes: Uint8Array, file: string): RgbaImage {
  const format = sniffFormat(bytes)
  if (format === null) throw new BadImageError(file, 'not a PNG or JPEG file')
  try {
    if (format === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      if (png.width * png.height > MAX_IMAGE_PIXELS)
        throw new Error(`${png.width}×${png.height} is too large`)
      return { width: png.width, height: png.height, data: new Uint8Array(png.data) }
    }
    const decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6,
      maxMemoryUsageInMB: 512,
    })
    return { width: decoded.width, height: decoded.height, data: decoded.data }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new BadImageError(file, `${format === 'png' ? 'PNG' : 'JPEG'} could not be decoded (${message})`)
  }
}
