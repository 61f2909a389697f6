/**
 * The few protobuf operations modelgate needs on ONNX files: read a message's fields, and write fields. ONNX
 * models are protobuf (onnx.proto's ModelProto); only wire types 0 (varint), 1 (64-bit), 2 (length-delimited)
 * and 5 (32-bit) occur in it.
 */
export interface Field {
  number: number
  wire: 0 | 1 | 2 | 5
  /** varint value (wire 0), else the raw bytes (the payload for wire 2). */
  value: bigint | Uint8Array
}

function readVarint(bytes: Uint8Array, at: number): [bigint, number] {
  let result = 0n
  let shift = 0n
  for (;;) {
    if (at >= bytes.length) throw new Error('protobuf: truncated varint')
    const b = bytes[at++]!
    result |= BigInt(b & 0x7f) << shift
    if (b < 0x80) return [result, at]
    shift += 7n
  }
}

/** The top-level fields of one message, in order. Throws on bytes that are not protobuf. */
export function readFields(bytes: Uint8Array): Field[] {
  const fields: Field[] = []
  let at = 0
  while (at < bytes.length) {
    const [key, next] = readVarint(bytes, at)
    at = next
    const number = Number(key >> 3n)
    const wire = Number(key & 7n)
    if (wire === 0) {
      const [value, after] = readVarint(bytes, at)
      fields.push({ number, wire, value })
      at = after
    } else if (wire === 2) {
      const [length, after] = readVarint(bytes, at)
      const end = after + Number(length)
      if (end > bytes.length) throw new Error('protobuf: truncated field')
      fields.push({ number, wire, value: bytes.subarray(after, end) })
      at = end
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4
      fields.push({ number, wire, value: bytes.subarray(at, at + size) })
      at += size
    } else throw new Error(`protobuf: unsupported wire type ${wire}`)
  }
  return fields
}

export function text(field: Field): string {
  return new TextDecoder().decode(field.value as Uint8Array)
}

/** The string values of every field `number` of a message. */
export function strings(fields: readonly Field[], number: number): string[] {
  return fields.filter((f) => f.number === number && f.wire === 2).map(text)
}

function varint(value: bigint | number): number[] {
  let v = BigInt(value)
  if (v < 0n) v += 1n << 64n
  const out: number[] = []
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80)
    v >>= 7n
  }
  out.push(Number(v))
  return out
}

/** Bytes of encoded fields, concatenated. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

export function varintField(number: number, value: bigint | number): Uint8Array {
  return Uint8Array.from([...varint((number << 3) | 0), ...varint(value)])
}

export function bytesField(number: number, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload
  return concat([Uint8Array.from([...varint((number << 3) | 2), ...varint(body.length)]), body])
}

/** Re-encode fields as read (readFields' inverse), e.g. after replacing one of them. */
export function writeFields(fields: readonly Field[]): Uint8Array {
  return concat(
    fields.map((f) => {
      if (f.wire === 0) return varintField(f.number, f.value as bigint)
      if (f.wire === 2) return bytesField(f.number, f.value as Uint8Array)
      return concat([Uint8Array.from(varint((f.number << 3) | f.wire)), f.value as Uint8Array])
    }),
  )
}
