import type { FastifyRequest } from 'fastify'
import { classProbabilities, rowAnswers } from './answers.js'
import { scoreBatched } from './batcher.js'
import { unknownModel, withModel, type ServeContext } from './context.js'
import type { RouteDef } from './route-def.js'
import { BadInput, rowsToTable, type JsonRow } from './rows.js'
import {
  errorBody,
  modelErrors,
  inferRequest,
  inferResponse,
  liveBody,
  modelMetadata,
  modelParam,
  readyBody,
} from './schemas.js'
import type { ServedModel } from './served-model.js'

/**
 * The Open Inference Protocol (KServe v2) REST endpoints. A model's inputs are one tensor per column,
 * shape [n] or [n, 1]: FP16, FP32, FP64, INT8 … UINT64 for numeric columns, BYTES (strings) for categorical ones.
 */
interface Tensor {
  name: string
  shape: number[]
  datatype: string
  data: unknown[]
}
type InferRequest = FastifyRequest<{
  Params: { model: string }
  Body: { id?: string; inputs: Tensor[]; outputs?: { name: string }[] }
}>

const NUMERIC = /^(FP(16|32|64)|U?INT(8|16|32|64)|BOOL)$/

/** Flatten nested row-major data (the spec allows both flat and nested arrays). */
function flat(data: unknown[]): unknown[] {
  return data.some(Array.isArray) ? data.flat(Infinity) : data
}

/** Named column tensors → rows keyed by column. */
export function tensorsToRows(inputs: Tensor[]): JsonRow[] {
  if (inputs.length === 0) throw new BadInput(400, 'schema', 'inputs: send one tensor per column')
  const n = inputs[0]!.shape[0] ?? 0
  const rows: JsonRow[] = Array.from({ length: n }, () => ({}))
  for (const t of inputs) {
    const [count, width = 1, ...rest] = t.shape
    if (count !== n || width !== 1 || rest.length > 0)
      throw new BadInput(
        400,
        'schema',
        `input "${t.name}": shape [${t.shape.join(', ')}]; every input is one column, shape [${n}] or [${n}, 1]`,
      )
    const data = flat(t.data)
    if (data.length !== n)
      throw new BadInput(
        400,
        'schema',
        `input "${t.name}": ${data.length} values for shape [${t.shape.join(', ')}]`,
      )
    if (t.datatype !== 'BYTES' && !NUMERIC.test(t.datatype))
      throw new BadInput(
        400,
        'schema',
        `input "${t.name}": datatype "${t.datatype}" is not supported (use FP64 or BYTES)`,
      )
    for (let i = 0; i < n; i++) rows[i]![t.name] = data[i]
  }
  return rows
}

async function infer(context: ServeContext, request: InferRequest, model: ServedModel): Promise<object> {
  const rows = tensorsToRows(request.body.inputs)
  const n = rows.length
  const { table } = rowsToTable(rows, model.preprocessor, context.maxRows)
  const predictions = await scoreBatched(model, table, context.maxRows)
  request.served!.rows = n
  const { target } = model
  const outputs: Tensor[] = []
  if (target.task === 'regression') {
    outputs.push({ name: 'predictions', shape: [n], datatype: 'FP64', data: Array.from(predictions) })
  } else {
    const answers = rowAnswers(target, predictions, n)
    const k = target.classes.length
    const probs: number[] = []
    for (let i = 0; i < n; i++) probs.push(...classProbabilities(target, predictions, i))
    outputs.push(
      { name: 'probabilities', shape: [n, k], datatype: 'FP64', data: probs },
      {
        name: 'predicted_class',
        shape: [n],
        datatype: 'BYTES',
        data: answers.map((a) => ('predicted_class' in a ? a.predicted_class : '')),
      },
      {
        name: 'confidence',
        shape: [n],
        datatype: 'FP64',
        data: answers.map((a) => ('confidence' in a ? a.confidence : 0)),
      },
    )
  }
  const wanted = request.body.outputs?.map((o) => o.name)
  const chosen = wanted ? outputs.filter((o) => wanted.includes(o.name)) : outputs
  context.predictions?.append({ model: model.name, run_id: model.runId, inputs: rows, outputs: chosen })
  return {
    model_name: model.name,
    model_version: model.runId,
    ...(request.body.id !== undefined ? { id: request.body.id } : {}),
    outputs: chosen,
  }
}

function metadata(model: ServedModel): object {
  const { task, classes } = model.target
  const outputs =
    task === 'regression'
      ? [{ name: 'predictions', datatype: 'FP64', shape: [-1] }]
      : [
          { name: 'probabilities', datatype: 'FP64', shape: [-1, classes.length] },
          { name: 'predicted_class', datatype: 'BYTES', shape: [-1] },
          { name: 'confidence', datatype: 'FP64', shape: [-1] },
        ]
  return {
    name: model.name,
    versions: [model.runId],
    platform: `modelgate_${model.family}`,
    inputs: model.preprocessor.features.map((f) => ({
      name: f.name,
      datatype: f.kind === 'numeric' ? 'FP64' : 'BYTES',
      shape: [-1, 1],
    })),
    outputs,
  }
}

type ModelRequest = FastifyRequest<{ Params: { model: string } }>

export function v2Routes(context: ServeContext): RouteDef[] {
  const { holder } = context
  return [
    {
      method: 'GET',
      url: '/v2/health/live',
      summary: 'Open Inference Protocol: the server is live',
      schema: { response: { 200: liveBody } },
      handler: () => Promise.resolve({ live: true }),
    },
    {
      method: 'GET',
      url: '/v2/health/ready',
      summary: 'Open Inference Protocol: every model is loaded (503 while not)',
      schema: { response: { 200: readyBody, 503: readyBody } },
      handler: (_request, reply) =>
        Promise.resolve(reply.code(holder.ready() ? 200 : 503).send({ ready: holder.ready() })),
    },
    {
      method: 'GET',
      url: '/v2/models/:model',
      summary: 'Open Inference Protocol: model metadata (inputs per column, outputs, the run as version)',
      schema: { params: modelParam, response: { 200: modelMetadata, ...modelErrors } },
      handler: (request) => withModel(context, request, (request as ModelRequest).params.model, metadata),
    },
    {
      method: 'GET',
      url: '/v2/models/:model/ready',
      summary: 'Open Inference Protocol: this model is loaded (503 while not)',
      schema: { params: modelParam, response: { 200: readyBody, 404: errorBody, 503: readyBody } },
      handler: (request, reply) => {
        const name = (request as ModelRequest).params.model
        if (!holder.has(name)) return Promise.reject(unknownModel(holder, name))
        const ready = holder.current(name) !== null
        return Promise.resolve(reply.code(ready ? 200 : 503).send({ name, ready }))
      },
    },
    {
      method: 'POST',
      url: '/v2/models/:model/infer',
      summary: 'Open Inference Protocol: inference on one tensor per column',
      schema: { params: modelParam, body: inferRequest, response: { 200: inferResponse, ...modelErrors } },
      handler: (request) =>
        withModel(context, request, (request as InferRequest).params.model, (m) =>
          infer(context, request as InferRequest, m),
        ),
    },
  ]
}
