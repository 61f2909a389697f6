import type { FastifyRequest } from 'fastify'
import { rowAnswers } from './answers.js'
import { scoreBatched } from './batcher.js'
import { withModel, type ServeContext } from './context.js'
import type { RouteDef } from './route-def.js'
import { BadInput, rowsToTable, type JsonRow } from './rows.js'
import { errorBody, modelErrors, explainResponse, modelParam, predictResponse, rowsBody } from './schemas.js'
import type { ServedModel } from './served-model.js'

type RowsRequest = FastifyRequest<{ Params: { model: string }; Body: { rows: JsonRow[] } }>

async function predict(context: ServeContext, request: RowsRequest, model: ServedModel): Promise<object> {
  const { rows } = request.body
  const { table, notes } = rowsToTable(rows, model.preprocessor, context.maxRows)
  const predictions = await scoreBatched(model, table, context.maxRows)
  const answers = rowAnswers(model.target, predictions, rows.length)
  request.served!.rows = rows.length
  context.predictions?.append({ model: model.name, run_id: model.runId, inputs: rows, outputs: answers })
  return {
    model: model.name,
    run_id: model.runId,
    alias: context.holder.alias,
    predictions: answers,
    ...(Object.keys(notes.imputed).length || Object.keys(notes.unseen).length ? { notes } : {}),
  }
}

async function explain(context: ServeContext, request: RowsRequest, model: ServedModel): Promise<object> {
  if (!model.explain)
    throw new BadInput(
      501,
      'not_implemented',
      `explanations are not available yet for ${model.family} models (only logistic and linear); run ${model.runId} is a ${model.family}`,
    )
  const { rows } = request.body
  const e = await model.explain(rowsToTable(rows, model.preprocessor, context.maxRows).table)
  const { task, classes } = model.target
  const outputs = task === 'multiclass' ? classes : [task === 'binary' ? `logit(${classes[1]})` : 'value']
  const explanations = []
  for (let i = 0; i < e.n; i++) {
    const contributions: Record<string, Record<string, number>> = {}
    const total: Record<string, number> = {}
    const intercept: Record<string, number> = {}
    outputs.forEach((o, k) => (total[o] = intercept[o] = e.intercept[k]!))
    e.inputs.forEach((input, j) => {
      const byOutput: Record<string, number> = {}
      outputs.forEach((o, k) => {
        const c = e.contributions[(i * e.inputs.length + j) * e.outputs + k]!
        byOutput[o] = c
        total[o]! += c
      })
      contributions[input] = byOutput
    })
    explanations.push({ intercept, contributions, total })
  }
  request.served!.rows = rows.length
  return {
    model: model.name,
    run_id: model.runId,
    alias: context.holder.alias,
    output: task === 'binary' ? 'logit' : task === 'multiclass' ? 'logits' : 'value',
    explanations,
  }
}

export function v1Routes(context: ServeContext): RouteDef[] {
  return [
    {
      method: 'POST',
      url: '/v1/models/:model/predict',
      summary: 'Score rows: probabilities, predicted class and confidence per row (or values for regression)',
      schema: { params: modelParam, body: rowsBody, response: { 200: predictResponse, ...modelErrors } },
      handler: (request) =>
        withModel(context, request, (request as RowsRequest).params.model, (m) =>
          predict(context, request as RowsRequest, m),
        ),
    },
    {
      method: 'POST',
      url: '/v1/models/:model/explain',
      summary:
        'Per-row exact contributions of a linear or logistic model: input × weight per model input, plus the intercept, summing to the logit (or value)',
      schema: {
        params: modelParam,
        body: rowsBody,
        response: { 200: explainResponse, ...modelErrors, 501: errorBody },
      },
      handler: (request) =>
        withModel(context, request, (request as RowsRequest).params.model, (m) =>
          explain(context, request as RowsRequest, m),
        ),
    },
  ]
}
