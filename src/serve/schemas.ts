/**
 * JSON Schemas of every request and response: fastify validates requests and serialises responses with
 * them, and the OpenAPI document at /openapi.json is built from the same objects (openapi.ts).
 */

const cellValue = { type: ['number', 'string', 'boolean', 'null'] }

export const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string', description: 'What was wrong, naming the row and column' },
    reason: { type: 'string', description: 'A stable label: missing_column, wrong_type, unseen_category, …' },
  },
} as const

/** The refusals every model route can give. */
export const modelErrors = { 400: errorBody, 404: errorBody, 413: errorBody, 503: errorBody } as const

export const modelParam = {
  type: 'object',
  required: ['model'],
  properties: { model: { type: 'string', description: 'Model name' } },
} as const

export const rowsBody = {
  type: 'object',
  required: ['rows'],
  properties: {
    rows: {
      type: 'array',
      description:
        'Rows as objects keyed by column (the columns the model was trained on; others are ignored)',
      items: { type: 'object', additionalProperties: cellValue },
    },
  },
} as const

const rowAnswer = {
  type: 'object',
  properties: {
    probabilities: { type: 'object', additionalProperties: { type: 'number' } },
    predicted_class: { type: 'string' },
    confidence: { type: 'number' },
    value: { type: 'number', description: 'Regression: the predicted value' },
  },
} as const

const servedBy = {
  model: { type: 'string' },
  run_id: { type: 'string', description: 'The run that answered' },
  alias: { type: 'string' },
} as const

const notes = {
  type: 'object',
  description: 'Cells the run imputed or scored as all-zero (unseen categories), counted per column',
  properties: {
    imputed: { type: 'object', additionalProperties: { type: 'integer' } },
    unseen: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const

export const predictResponse = {
  type: 'object',
  required: ['model', 'run_id', 'predictions'],
  properties: { ...servedBy, predictions: { type: 'array', items: rowAnswer }, notes },
} as const

export const explainResponse = {
  type: 'object',
  required: ['model', 'run_id', 'explanations'],
  properties: {
    ...servedBy,
    output: {
      type: 'string',
      description: 'What the contributions sum to: logit, logits per class, or value',
    },
    explanations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          intercept: { type: 'object', additionalProperties: { type: 'number' } },
          contributions: {
            type: 'object',
            description:
              'Per model input (standardised column or column=category): per output, input × weight',
            additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
          },
          total: { type: 'object', additionalProperties: { type: 'number' } },
        },
      },
    },
  },
} as const

/** Open Inference Protocol (KServe v2) shapes. */
const tensor = {
  type: 'object',
  required: ['name', 'shape', 'datatype', 'data'],
  properties: {
    name: { type: 'string' },
    shape: { type: 'array', items: { type: 'integer' } },
    datatype: { type: 'string' },
    parameters: { type: 'object' },
    data: { type: 'array' },
  },
} as const

export const inferRequest = {
  type: 'object',
  required: ['inputs'],
  properties: {
    id: { type: 'string' },
    parameters: { type: 'object' },
    inputs: { type: 'array', items: tensor, description: 'One tensor per column, shape [n] or [n, 1]' },
    outputs: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
  },
} as const

export const inferResponse = {
  type: 'object',
  required: ['model_name', 'outputs'],
  properties: {
    model_name: { type: 'string' },
    model_version: { type: 'string' },
    id: { type: 'string' },
    parameters: { type: 'object', additionalProperties: true },
    outputs: { type: 'array', items: tensor },
  },
} as const

const tensorMeta = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    datatype: { type: 'string' },
    shape: { type: 'array', items: { type: 'integer' } },
  },
} as const

export const modelMetadata = {
  type: 'object',
  required: ['name', 'platform', 'inputs', 'outputs'],
  properties: {
    name: { type: 'string' },
    versions: { type: 'array', items: { type: 'string' } },
    platform: { type: 'string' },
    inputs: { type: 'array', items: tensorMeta },
    outputs: { type: 'array', items: tensorMeta },
  },
} as const

export const liveBody = { type: 'object', properties: { live: { type: 'boolean' } } } as const
export const readyBody = {
  type: 'object',
  properties: {
    ready: { type: 'boolean' },
    name: { type: 'string' },
    models: {
      type: 'object',
      additionalProperties: { type: ['string', 'null'], description: 'The run served, null while loading' },
    },
  },
} as const
