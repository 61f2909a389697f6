/**
 * IDX files (the MNIST / Fashion-MNIST format), gzipped or not: a big-endian header — two zero bytes, a type
 * byte (0x08 = unsigned byte), the number of dimensions — then each dimension's size as a 32-bit integer, then
 * the values. Only unsigned-byte files are read (every MNIST-family data set uses them).
 */
import { gunzipSync } from 'node:zlib'
import { UserError } from '../../errors.js'

export interface IdxArray {
  dims: number[]
  data: Uint8Array
}

const UNSIGNED_BYTE = 0x08

/** Largest IDX payload read (bytes): 10× Fashion-MNIST's training images. */
export const MAX_IDX_BYTES = 512 * 1024 * 1024

export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  let raw = bytes
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = gunzipSync(bytes, { maxOutputLength: MAX_IDX_BYTES })
    } catch (error) {
      throw new UserError(`${file}: not a valid gzip file (${(error as Error).message})`)
    }
  }
  if (raw.length < 4 || raw[0] !== 0 || raw[1] !== 0)
    throw new UserError(`${file}: not an IDX file (bad magic)`)
  if (raw[2] !== UNSIGNED_BYTE) {
    throw new UserError(
      `${file}: IDX value type 0x${raw[2]!.toString(16)} is not supported (only unsigned byte, 0x08)`,
    )
  }
  const rank = raw[3]!
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  if (rank < 1 || raw.length < 4 + 4 * rank) throw new UserError(`${file}: IDX header is truncated`)
  const dims: number[] = []
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i))
  const count = dims.reduce((a, b) => a * b, 1)
  const start = 4 + 4 * rank
  if (raw.length - start !== count) {
    throw new UserError(
      `${file}: IDX header says ${dims.join('×')} = ${count} values but the file holds ${raw.length - start}`,
    )
  }
  return { dims, data: raw.subarray(start) }
}
