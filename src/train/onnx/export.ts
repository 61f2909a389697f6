import type { TargetEncoding } from '../../data/dataset.js'
import type { Preprocessor } from '../../data/preprocess.js'
import type { Activation, DenseNet } from '../model-types.js'
import { bytesField, concat, varintField } from './protobuf.js'

/**
 * A modelgate-trained dense model as a self-contained ONNX graph, preprocessing included, so any ONNX Runtime
 * (Python, Java, C#, the browser) scores raw rows like `modelgate predict`:
 *   inputs   one per raw feature column: float [N, 1] (numeric; missing = NaN) or string [N, 1] (categorical;
 *            missing = "" or one of modelgate's missing tokens such as "NA")
 *   numeric  NaN → the stored fill (median/mean; none when missing is "error"), then (x − mean) / scale
 *   category missing → the stored fill category, then one-hot over the training categories (an unseen
 *            category is all zeros: ONNX cannot raise, so `unseen_category: error` also scores zeros here)
 *   network  MatMul + Add + activation per layer, float32 as the stored tfjs model
 *   outputs  "probabilities" [N, C] in class order (binary: [P(negative), P(positive)]), or "prediction"
 *            [N, 1] (regression)
 * Written with a small protobuf encoder (./protobuf.ts) for the ModelProto subset this needs.
 */

// onnx.proto field numbers and enum values.
const FLOAT = 1
const INT64 = 7
const STRING = 8
const ATTR_FLOAT = 1
const ATTR_INT = 2
const ATTR_STRING = 3
const ATTR_STRINGS = 8
const ML = 'ai.onnx.ml'

/** Modelgate's missing tokens for text cells (src/data/values.ts), matched exactly in the graph. */
const MISSING_TOKENS = ['', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', 'None', '#N/A']
/** A value no CSV cell holds: the LabelEncoder's default, so an unseen category one-hot encodes as zeros. */
const UNSEEN = '\u0000unseen'

type Attribute =
  | { name: string; int: number }
  | { name: string; float: number }
  | { name: string; string: string }
  | { name: string; strings: string[] }

function attribute(a: Attribute): Uint8Array {
  const parts = [bytesField(1, a.name)]
  if ('int' in a) parts.push(varintField(3, a.int), varintField(20, ATTR_INT))
  else if ('float' in a) {
    const f = new Uint8Array(4)
    new DataView(f.buffer).setFloat32(0, a.float, true)
    parts.push(Uint8Array.from([(2 << 3) | 5, ...f]), varintField(20, ATTR_FLOAT))
  } else if ('string' in a) parts.push(bytesField(4, a.string), varintField(20, ATTR_STRING))
  else parts.push(...a.strings.map((s) => bytesField(9, s)), varintField(20, ATTR_STRINGS))
  return concat(parts)
}

function node(
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

function floatTensor(name: string, dims: number[], values: ArrayLike<number>): Uint8Array {
  const raw = new Uint8Array(Float32Array.from(values).buffer)
  return concat([
    ...dims.map((d) => varintField(1, d)),
    varintField(2, FLOAT),
    bytesField(8, name),
    bytesField(9, raw),
  ])
}

function int64Tensor(name: string, values: number[]): Uint8Array {
  const raw = new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer)
  return concat([
    varintField(1, values.length),
    varintField(2, INT64),
    bytesField(8, name),
    bytesField(9, raw),
  ])
}

/** ValueInfoProto of a tensor [N, width] (N symbolic). */
function valueInfo(name: string, elemType: number, width: number): Uint8Array {
  const dims = concat([bytesField(1, bytesField(2, 'N')), bytesField(1, varintField(1, width))])
  const tensorType = concat([varintField(1, elemType), bytesField(2, dims)])
  return concat([bytesField(1, name), bytesField(2, bytesField(1, tensorType))])
}

const ACTIVATION_OP: Record<Exclude<Activation, 'linear'>, string> = {
  relu: 'Relu',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  softmax: 'Softmax',
}

/** Where every modelgate-trained run stores its ONNX graph, and what an external format: onnx run writes. */
export const ONNX_FILE = 'model.onnx'

export function exportOnnx(
  net: DenseNet,
  pre: Preprocessor,
  target: TargetEncoding,
  producerVersion: string,
): Uint8Array {
  const nodes: Uint8Array[] = []
  const initializers: Uint8Array[] = []
  const inputs: Uint8Array[] = []
  const columns: string[] = []
  pre.features.forEach((f, j) => {
    const p = `f${j}`
    if (f.kind === 'numeric') {
      inputs.push(valueInfo(f.name, FLOAT, 1))
      let x = f.name
      if (f.fill !== null) {
        initializers.push(floatTensor(`${p}_fill`, [], [f.fill]))
        nodes.push(
          node('IsNaN', [x], [`${p}_nan`]),
          node('Where', [`${p}_nan`, `${p}_fill`, x], [`${p}_filled`]),
        )
        x = `${p}_filled`
      }
      initializers.push(floatTensor(`${p}_mean`, [], [f.mean]), floatTensor(`${p}_scale`, [], [f.scale]))
      nodes.push(
        node('Sub', [x, `${p}_mean`], [`${p}_centred`]),
        node('Div', [`${p}_centred`, `${p}_scale`], [`${p}_z`]),
      )
      columns.push(`${p}_z`)
    } else {
      inputs.push(valueInfo(f.name, STRING, 1))
      const keys = [
        ...f.categories,
        ...(f.fill === null ? [] : MISSING_TOKENS.filter((t) => !f.categories.includes(t))),
      ]
      const values = keys.map((k) => (f.categories.includes(k) ? k : f.fill!))
      nodes.push(
        node(
          'LabelEncoder',
          [f.name],
          [`${p}_category`],
          [
            { name: 'keys_strings', strings: keys },
            { name: 'values_strings', strings: values },
            { name: 'default_string', string: UNSEEN },
          ],
          ML,
        ),
        node(
          'OneHotEncoder',
          [`${p}_category`],
          [`${p}_onehot3`],
          [
            { name: 'cats_strings', strings: f.categories },
            { name: 'zeros', int: 1 },
          ],
          ML,
        ),
        node('Reshape', [`${p}_onehot3`, `${p}_shape`], [`${p}_onehot`]),
      )
      initializers.push(int64Tensor(`${p}_shape`, [-1, f.categories.length]))
      columns.push(`${p}_onehot`)
    }
  })
  nodes.push(node('Concat', columns, ['x'], [{ name: 'axis', int: 1 }]))
  let h = 'x'
  net.layers.forEach((layer, l) => {
    initializers.push(
      floatTensor(`dense_${l + 1}_kernel`, [layer.inputs, layer.units], layer.kernel),
      floatTensor(`dense_${l + 1}_bias`, [layer.units], layer.bias),
    )
    nodes.push(
      node('MatMul', [h, `dense_${l + 1}_kernel`], [`dense_${l + 1}_product`]),
      node('Add', [`dense_${l + 1}_product`, `dense_${l + 1}_bias`], [`dense_${l + 1}_z`]),
    )
    h = `dense_${l + 1}_z`
    if (layer.activation !== 'linear') {
      const attributes: Attribute[] = layer.activation === 'softmax' ? [{ name: 'axis', int: 1 }] : []
      nodes.push(node(ACTIVATION_OP[layer.activation], [h], [`dense_${l + 1}_out`], attributes))
      h = `dense_${l + 1}_out`
    }
  })
  let output: Uint8Array
  if (target.task === 'binary') {
    initializers.push(floatTensor('one', [], [1]))
    nodes.push(
      node('Sub', ['one', h], ['p_negative']),
      node('Concat', ['p_negative', h], ['probabilities'], [{ name: 'axis', int: 1 }]),
    )
    output = valueInfo('probabilities', FLOAT, 2)
  } else if (target.task === 'multiclass') {
    nodes.push(node('Identity', [h], ['probabilities']))
    output = valueInfo('probabilities', FLOAT, target.classes.length)
  } else {
    nodes.push(node('Identity', [h], ['prediction']))
    output = valueInfo('prediction', FLOAT, 1)
  }
  const graph = concat([
    ...nodes.map((n) => bytesField(1, n)),
    bytesField(2, 'modelgate'),
    ...initializers.map((t) => bytesField(5, t)),
    ...inputs.map((i) => bytesField(11, i)),
    bytesField(12, output),
  ])
  const opset = (domain: string, version: number): Uint8Array =>
    bytesField(8, concat([...(domain ? [bytesField(1, domain)] : []), varintField(2, version)]))
  return concat([
    varintField(1, 8), // IR version 8 (ONNX 1.10+)
    bytesField(2, 'modelgate'),
    bytesField(3, producerVersion),
    bytesField(7, graph),
    opset('', 13),
    opset(ML, 2),
  ])
}
