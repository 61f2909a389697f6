import type { InferenceSession, Tensor } from 'onnxruntime-common'
import { columnOf, type RawTable } from '../../data/csv.js'
import { isMissing } from '../../data/values.js'
import { UserError } from '../../errors.js'
import type { Scorer, StoredModel } from '../family.js'
import { loadOnnxRuntime, type OnnxRuntimeName, type OrtModule } from './runtime.js'
import { exposeZipMapInputs, type ZipMap } from './zipmap.js'

type Model = Pick<StoredModel, 'features' | 'task' | 'classes' | 'label'>

/** Rows per session.run: bounds the memory of the input and output tensors. */
const BLOCK_ROWS = 65536

const FLOAT_TYPES = ['float32', 'float64']

function describe(meta: readonly InferenceSession.ValueMetadata[]): string {
  return meta
    .map((m) => (m.isTensor ? `${m.name} ${m.type}[${m.shape.join(', ')}]` : `${m.name} (not a tensor)`))
    .join(', ')
}

/**
 * How rows are fed: one float tensor [N, features] in spec order (all features numeric), or one named
 * input per feature column (float [N, 1] for numeric, string [N, 1] for categorical), as scikit-learn-onnx
 * pipelines take them.
 */
type InputLayout =
  { kind: 'matrix'; name: string; type: string } | { kind: 'columns'; types: Map<string, string> }

function inputLayout(session: InferenceSession, model: Model): InputLayout {
  const inputs = session.inputMetadata
  const names = model.features.map((f) => f.name)
  const expected = `one float tensor [N, ${names.length}] of the features in spec order (${names.join(', ')}), or one input per feature named as its column (float [N, 1] numeric, string [N, 1] categorical)`
  const refuse = (why: string): UserError =>
    new UserError(
      `${model.label}: model.onnx ${why}; its inputs are ${describe(inputs)}; modelgate expects ${expected}`,
    )
  const byName = new Map(inputs.map((m) => [m.name, m]))
  if (names.length > 0 && names.every((n) => byName.has(n)) && inputs.length === names.length) {
    const types = new Map<string, string>()
    for (const f of model.features) {
      const m = byName.get(f.name)!
      if (!m.isTensor) throw refuse(`input ${m.name} is not a tensor`)
      const ok = f.kind === 'categorical' ? m.type === 'string' : [...FLOAT_TYPES, 'string'].includes(m.type)
      if (!ok) throw refuse(`input ${m.name} is ${m.type} for a ${f.kind} feature`)
      types.set(f.name, m.type)
    }
    return { kind: 'columns', types }
  }
  if (inputs.length === 1) {
    const m = inputs[0]!
    const width = m.isTensor ? m.shape[m.shape.length - 1] : undefined
    if (!m.isTensor || !FLOAT_TYPES.includes(m.type) || m.shape.length !== 2)
      throw refuse('has an input modelgate cannot feed')
    if (typeof width === 'number' && width !== names.length)
      throw refuse(`takes ${width} features but the spec has ${names.length}`)
    const categorical = model.features.filter((f) => f.kind === 'categorical').map((f) => f.name)
    if (categorical.length)
      throw refuse(`takes one float tensor, but features ${categorical.join(', ')} are categorical`)
    return { kind: 'matrix', name: m.name, type: m.type }
  }
  throw refuse('has inputs that match neither layout')
}

function numericColumn(table: RawTable, name: string, rows: Uint32Array, label: string): Float64Array {
  const values = columnOf(table, name, 'feature')
  const out = new Float64Array(rows.length)
  rows.forEach((r, i) => {
    const raw = values[r]!
    const v = isMissing(raw) ? Number.NaN : Number(raw)
    if (!isMissing(raw) && !Number.isFinite(v))
      throw new UserError(`${label}: row ${r + 1}, column "${name}": "${raw}" is not a finite number`)
    out[i] = v
  })
  return out
}

function feeds(
  ort: OrtModule,
  layout: InputLayout,
  table: RawTable,
  rows: Uint32Array,
  model: Model,
): Record<string, Tensor> {
  const n = rows.length
  const floats = (type: string, data: Float64Array, dims: number[]): Tensor =>
    type === 'float64'
      ? new ort.Tensor('float64', data, dims)
      : new ort.Tensor('float32', Float32Array.from(data), dims)
  if (layout.kind === 'matrix') {
    const d = model.features.length
    const x = new Float64Array(n * d)
    model.features.forEach((f, j) => {
      const col = numericColumn(table, f.name, rows, model.label)
      for (let i = 0; i < n; i++) x[i * d + j] = col[i]!
    })
    return { [layout.name]: floats(layout.type, x, [n, d]) }
  }
  const out: Record<string, Tensor> = {}
  for (const f of model.features) {
    const type = layout.types.get(f.name)!
    if (type === 'string') {
      const values = columnOf(table, f.name, 'feature')
      out[f.name] = new ort.Tensor(
        'string',
        Array.from(rows, (r) => values[r]!),
        [n, 1],
      )
    } else out[f.name] = floats(type, numericColumn(table, f.name, rows, model.label), [n, 1])
  }
  return out
}

/** Which output holds the scores, and how its columns map to modelgate's classes. */
interface OutputPlan {
  name: string
  /** Output column of each modelgate class (classification), or [0] (regression). */
  columns: number[]
  width: number
}

function outputPlan(session: InferenceSession, zipmaps: ZipMap[], model: Model): OutputPlan {
  const outputs = session.outputMetadata
  const k = model.classes.length
  const refuse = (why: string): UserError =>
    new UserError(
      `${model.label}: model.onnx ${why}; its outputs are ${describe(outputs)}; modelgate expects ${model.task === 'regression' ? 'a float tensor [N] or [N, 1] of predicted values' : `a float tensor [N, ${k}] of probabilities in class order [${model.classes.join(', ')}]${model.task === 'binary' ? ' (or [N, 1] of P(' + model.classes[1] + '))' : ''}, or an ai.onnx.ml label + probability-map (ZipMap) pair`}`,
    )
  const zipmap = zipmaps[0]
  if (zipmap && model.task !== 'regression') {
    const columns = model.classes.map((c) => zipmap.labels.indexOf(c))
    if (columns.some((c) => c < 0) || zipmap.labels.length !== k)
      throw refuse(
        `has class labels [${zipmap.labels.join(', ')}] but the data has [${model.classes.join(', ')}]`,
      )
    return { name: zipmap.input, columns, width: k }
  }
  const tensors = outputs.filter((m) => m.isTensor && FLOAT_TYPES.includes(m.type))
  const widthOf = (m: InferenceSession.ValueMetadata): number | null => {
    if (!m.isTensor) return null
    if (m.shape.length === 1) return 1
    const w = m.shape[1]
    return m.shape.length === 2 ? (typeof w === 'number' ? w : -1) : null
  }
  const wanted = model.task === 'regression' ? [1] : model.task === 'binary' ? [2, 1] : [k]
  const fits = tensors.filter((m) => {
    const w = widthOf(m)
    return w !== null && (w === -1 || wanted.includes(w))
  })
  const chosen = fits.find((m) => /prob/i.test(m.name)) ?? fits[fits.length - 1]
  if (!chosen) throw refuse('has no output modelgate can read')
  const w = widthOf(chosen)!
  if (model.task === 'regression') return { name: chosen.name, columns: [0], width: 1 }
  // Width unknown until run: the plan assumes the class count and the run checks it.
  const width = w === -1 ? k : w
  return { name: chosen.name, columns: width === 1 ? [-1, 0] : model.classes.map((_, c) => c), width }
}

/**
 * Score a model.onnx in-process: P(positive) (binary), n × K probabilities (multiclass) or values
 * (regression), the same layout as every other family's scorer.
 */
export async function onnxScorer(bytes: Uint8Array, model: Model, prefer?: OnnxRuntimeName): Promise<Scorer> {
  const runtime = await loadOnnxRuntime(prefer)
  let exposed: ReturnType<typeof exposeZipMapInputs>
  try {
    exposed = exposeZipMapInputs(bytes)
  } catch (error) {
    throw new UserError(`${model.label}: model.onnx is not an ONNX model (${(error as Error).message})`)
  }
  let session: InferenceSession
  try {
    session = await runtime.ort.InferenceSession.create(exposed.model)
  } catch (error) {
    throw new UserError(`${model.label}: ONNX Runtime cannot load model.onnx: ${(error as Error).message}`)
  }
  const layout = inputLayout(session, model)
  const plan = outputPlan(session, exposed.zipmaps, model)
  const score = async (table: RawTable, rows: Uint32Array): Promise<Float64Array> => {
    const k = model.task === 'multiclass' ? model.classes.length : 1
    const out = new Float64Array(rows.length * k)
    for (let start = 0; start < rows.length; start += BLOCK_ROWS) {
      const block = rows.subarray(start, Math.min(rows.length, start + BLOCK_ROWS))
      const result = await session.run(feeds(runtime.ort, layout, table, block, model), [plan.name])
      const tensor = result[plan.name]!
      const data = tensor.data as Float32Array | Float64Array
      const width = tensor.dims.length === 2 ? tensor.dims[1]! : 1
      if (width !== plan.width || data.length !== block.length * width)
        throw new UserError(
          `${model.label}: model.onnx output ${plan.name} has shape [${tensor.dims.join(', ')}] for ${block.length} rows; expected [${block.length}, ${plan.width}]`,
        )
      for (let i = 0; i < block.length; i++) {
        const row = start + i
        if (model.task === 'multiclass') {
          for (let c = 0; c < k; c++) out[row * k + c] = data[i * width + plan.columns[c]!]!
        } else if (model.task === 'binary') out[row] = data[i * width + (width === 1 ? 0 : plan.columns[1]!)]!
        else out[row] = data[i * width]!
      }
      tensor.dispose()
    }
    checkProbabilities(out, model, k)
    return out
  }
  return {
    runtime: runtime.name,
    score: async (table, rows) => ({
      predictions: await score(table, rows),
      notes: { imputed: {}, unseen: {} },
    }),
    dispose: () => {
      void session.release()
    },
  }
}

/** Probabilities must be probabilities: a logits output would otherwise be gated as if it were one. */
function checkProbabilities(out: Float64Array, model: Model, k: number): void {
  for (let i = 0; i < out.length; i += k) {
    let sum = 0
    for (let c = 0; c < k; c++) {
      const v = out[i + c]!
      const bad = model.task === 'regression' ? !Number.isFinite(v) : !(v >= 0 && v <= 1)
      if (bad)
        throw new UserError(
          `${model.label}: model.onnx gave ${v} for row ${i / k + 1}; expected ${model.task === 'regression' ? 'a finite value' : 'a probability in [0, 1] (is the output logits?)'}`,
        )
      sum += v
    }
    if (model.task === 'multiclass' && Math.abs(sum - 1) > 1e-4)
      throw new UserError(
        `${model.label}: model.onnx's probabilities for row ${i / k + 1} sum to ${sum}, not 1 (is the output logits?)`,
      )
  }
}
