/**
 * Building blocks of an ONNX ModelProto (onnx.proto), encoded with ./protobuf.ts: attributes, nodes, float and
 * int64 initialisers, value infos with a symbolic batch dimension, and the model around a graph. Shared by the
 * dense export (./export.ts) and the CNN export (./export-cnn.ts).
 */
import { bytesField, concat, varintField } from './protobuf.js'

// onnx.proto field numbers and enum values.
export const FLOAT = 1
const INT64 = 7
export const STRING = 8
const ATTR_FLOAT = 1
const ATTR_INT = 2
const ATTR_STRING = 3
const ATTR_INTS = 7
const ATTR_STRINGS = 8
export const ML = 'ai.onnx.ml'

export type Attribute =
  | { name: string; int: number }
  | { name: string; ints: number[] }
  | { name: string; float: number }
  | { name: string; string: string }
  | { name: string; strings: string[] }

function attribute(a: Attribute): Uint8Array {
  const parts = [bytesField(1, a.name)]
  if ('int' in a) parts.push(varintField(3, a.int), varintField(20, ATTR_INT))
  else if ('ints' in a) parts.push(...a.ints.map((v) => varintField(8, v)), varintField(20, ATTR_INTS))
  else if ('float' in a) {
    const f = new Uint8Array(4)
    new DataView(f.buffer).setFloat32(0, a.float, true)
    parts.push(Uint8Array.from([(2 << 3) | 5, ...f]), varintField(20, ATTR_FLOAT))
  } else if ('string' in a) parts.push(bytesField(4, a.string), varintField(20, ATTR_STRING))
  else parts.push(...a.strings.map((s) => bytesField(9, s)), varintField(20, ATTR_STRINGS))
  return concat(parts)
}

export function node(
  op: string,
  inputs: string[],
  outputs: string[],
  attributes: Attribute[] = [],
  domain = '',
): Uint8Array {
  return concat([
    ...inputs.map((i) => bytesField(1, i)),
    ...outputs.map((o) => bytesField(2, o)),
    bytesField(4, op),
    ...attributes.map((a) => bytesField(5, attribute(a))),
    ...(domain ? [bytesField(7, domain)] : []),
  ])
}

export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): Uint8Array {
  const raw = new Uint8Array(Float32Array.from(values).buffer)
  return concat([
    ...dims.map((d) => varintField(1, d)),
    varintField(2, FLOAT),
    bytesField(8, name),
    bytesField(9, raw),
  ])
}

export function int64Tensor(name: string, values: number[]): Uint8Array {
  const raw = new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer)
  return concat([
    varintField(1, values.length),
    varintField(2, INT64),
    bytesField(8, name),
    bytesField(9, raw),
  ])
}

/** ValueInfoProto of a float/string tensor; a string dimension is symbolic (the batch size "N"). */
export function tensorInfo(name: string, elemType: number, dims: ReadonlyArray<string | number>): Uint8Array {
  const shape = concat(
    dims.map((d) => bytesField(1, typeof d === 'string' ? bytesField(2, d) : varintField(1, d))),
  )
  const tensorType = concat([varintField(1, elemType), bytesField(2, shape)])
  return concat([bytesField(1, name), bytesField(2, bytesField(1, tensorType))])
}

/** ValueInfoProto of a tensor [N, width] (N symbolic). */
export function valueInfo(name: string, elemType: number, width: number): Uint8Array {
  return tensorInfo(name, elemType, ['N', width])
}

/** A ModelProto (IR version 8, opset 13, and ai.onnx.ml 2 when the graph uses it) around one graph. */
export function modelProto(parts: {
  nodes: Uint8Array[]
  initializers: Uint8Array[]
  inputs: Uint8Array[]
  output: Uint8Array
  producerVersion: string
  ml: boolean
}): Uint8Array {
  const graph = concat([
    ...parts.nodes.map((n) => bytesField(1, n)),
    bytesField(2, 'modelgate'),
    ...parts.initializers.map((t) => bytesField(5, t)),
    ...parts.inputs.map((i) => bytesField(11, i)),
    bytesField(12, parts.output),
  ])
  const opset = (domain: string, version: number): Uint8Array =>
    bytesField(8, concat([...(domain ? [bytesField(1, domain)] : []), varintField(2, version)]))
  return concat([
    varintField(1, 8), // IR version 8 (ONNX 1.10+)
    bytesField(2, 'modelgate'),
    bytesField(3, parts.producerVersion),
    bytesField(7, graph),
    opset('', 13),
    ...(parts.ml ? [opset(ML, 2)] : []),
  ])
}
