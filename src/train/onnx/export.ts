import type { TargetEncoding } from '../../data/dataset.js'
import type { Preprocessor } from '../../data/preprocess.js'
import type { Activation, DenseLayer, DenseNet } from '../model-types.js'
import {
  type Attribute,
  floatTensor,
  FLOAT,
  int64Tensor,
  ML,
  modelProto,
  node,
  STRING,
  valueInfo,
} from './graph.js'

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

/** Modelgate's missing tokens for text cells (src/data/values.ts), matched exactly in the graph. */
const MISSING_TOKENS = ['', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', 'None', '#N/A']
/** A value no CSV cell holds: the LabelEncoder's default, so an unseen category one-hot encodes as zeros. */
const UNSEEN = '\u0000unseen'

const ACTIVATION_OP: Record<Exclude<Activation, 'linear'>, string> = {
  relu: 'Relu',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  softmax: 'Softmax',
}

/** A dense layer's weights, float64 (modelgate's own nets) or float32 (read from a tfjs model). */
export type DenseWeights = Omit<DenseLayer, 'kernel' | 'bias'> & {
  kernel: ArrayLike<number>
  bias: ArrayLike<number>
}

/** MatMul + Add + activation per layer from input `h` (nodes and weights appended); returns the output's name. */
export function appendDenseLayers(
  layers: readonly DenseWeights[],
  input: string,
  nodes: Uint8Array[],
  initializers: Uint8Array[],
): string {
  let h = input
  layers.forEach((layer, l) => {
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
  return h
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
  const h = appendDenseLayers(net.layers, 'x', nodes, initializers)
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
  return modelProto({ nodes, initializers, inputs, output, producerVersion, ml: true })
}
