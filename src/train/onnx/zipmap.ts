import { bytesField, readFields, strings, varintField, writeFields, type Field } from './protobuf.js'

// Field numbers of onnx.proto.
const MODEL_GRAPH = 7
const GRAPH_NODE = 1
const GRAPH_OUTPUT = 12
const NODE_INPUT = 1
const NODE_OUTPUT = 2
const NODE_OP_TYPE = 4
const NODE_ATTRIBUTE = 5
const ATTRIBUTE_NAME = 1
const ATTRIBUTE_INTS = 8
const ATTRIBUTE_STRINGS = 9
const VALUE_INFO_NAME = 1
const VALUE_INFO_TYPE = 2
const TYPE_TENSOR = 1
const TENSOR_ELEM_TYPE = 1
const FLOAT = 1

export interface ZipMap {
  /** The graph output the ZipMap writes (a sequence of maps, which ONNX Runtime for JS cannot return). */
  output: string
  /** Its input: the [N, C] probability tensor, exposed as an extra graph output. */
  input: string
  /** Class labels of the columns, from the node's classlabels_strings / classlabels_int64s. */
  labels: string[]
}

/**
 * ai.onnx.ml classifiers (scikit-learn-onnx, onnxmltools) end in a ZipMap that turns the [N, C] probabilities
 * into a sequence of {label: p} maps. ONNX Runtime for JavaScript cannot return non-tensor values, so each
 * ZipMap's input tensor is added to the graph's outputs: the same probabilities, in the labels' order.
 */
export function exposeZipMapInputs(model: Uint8Array): { model: Uint8Array; zipmaps: ZipMap[] } {
  const fields = readFields(model)
  const graphIndex = fields.findIndex((f) => f.number === MODEL_GRAPH && f.wire === 2)
  if (graphIndex < 0) return { model, zipmaps: [] }
  const graph = readFields(fields[graphIndex]!.value as Uint8Array)
  const outputs = new Set(
    graph
      .filter((f) => f.number === GRAPH_OUTPUT)
      .map((f) => strings(readFields(f.value as Uint8Array), VALUE_INFO_NAME)[0]),
  )
  const zipmaps: ZipMap[] = []
  for (const field of graph) {
    if (field.number !== GRAPH_NODE) continue
    const node = readFields(field.value as Uint8Array)
    if (strings(node, NODE_OP_TYPE)[0] !== 'ZipMap') continue
    const output = strings(node, NODE_OUTPUT)[0]
    const input = strings(node, NODE_INPUT)[0]
    if (!output || !input || !outputs.has(output)) continue
    let labels: string[] = []
    for (const a of node.filter((f) => f.number === NODE_ATTRIBUTE)) {
      const attribute = readFields(a.value as Uint8Array)
      const name = strings(attribute, ATTRIBUTE_NAME)[0]
      if (name === 'classlabels_strings') labels = strings(attribute, ATTRIBUTE_STRINGS)
      if (name === 'classlabels_int64s') labels = int64s(attribute)
    }
    zipmaps.push({ output, input, labels })
  }
  if (zipmaps.length === 0) return { model, zipmaps }
  const added: Field[] = zipmaps
    .filter((z) => !outputs.has(z.input))
    .map((z) => ({
      number: GRAPH_OUTPUT,
      wire: 2,
      value: writeFields([
        { number: VALUE_INFO_NAME, wire: 2, value: new TextEncoder().encode(z.input) },
        {
          number: VALUE_INFO_TYPE,
          wire: 2,
          value: bytesField(TYPE_TENSOR, varintField(TENSOR_ELEM_TYPE, FLOAT)),
        },
      ]),
    }))
  const newGraph = writeFields([...graph, ...added])
  const out = fields.map((f, i) => (i === graphIndex ? { ...f, value: newGraph } : f))
  return { model: writeFields(out), zipmaps }
}

/** Packed or unpacked repeated int64 (AttributeProto.ints), as decimal strings. */
function int64s(attribute: Field[]): string[] {
  const out: string[] = []
  for (const f of attribute.filter((x) => x.number === ATTRIBUTE_INTS)) {
    if (f.wire === 0) out.push(BigInt.asIntN(64, f.value as bigint).toString())
    else if (f.wire === 2) {
      // Packed: a run of varints.
      const packed = readFields(
        Uint8Array.from([...(f.value as Uint8Array)].flatMap((b, i, all) => packedKey(b, i, all))),
      )
      for (const p of packed) out.push(BigInt.asIntN(64, p.value as bigint).toString())
    }
  }
  return out
}

/** Prefix every varint of a packed run with field key 8 (field 1, wire 0) so readFields can split it. */
function packedKey(b: number, i: number, all: number[]): number[] {
  const starts = i === 0 || all[i - 1]! < 0x80
  return starts ? [0x08, b] : [b]
}
