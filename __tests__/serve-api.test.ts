import SwaggerParser from '@apidevtools/swagger-parser'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { FsObjectStore } from '../src/store/fs-store.js'
import { serveSettings } from '../src/serve/serve-command.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'
import { csvRows, startTestServer, type TestServer } from './helpers/serve.js'

const MLP_SPEC = SMALL_SPEC.replace(
  'type: logistic',
  'type: mlp\n  hidden: [4]\n  epochs: 3\n  early_stopping: false',
)
const STRICT_SPEC = SMALL_SPEC.replace(
  '  id: id\n',
  '  id: id\n  unseen_category: error\n  missing: { numeric: error, categorical: error }\n',
)

/** The same synthetic rows, other tasks: the colour from the rest (3 classes), x2 from the rest (a value). */
const MULTICLASS_SPEC = `task: multiclass
data:
  train: data.csv
  target: color
  id: id
model:
  type: logistic
`
const REGRESSION_SPEC = `task: regression
data:
  train: data.csv
  target: x2
  id: id
model:
  type: linear
  alpha: 1
`

let root: string
let t: TestServer
let scoreCsv: string
let rows: Record<string, string | number>[]

beforeAll(async () => {
  root = await makeWorkspace()
  await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(400, 21) })
  await writeModel(root, 'toy-mlp', MLP_SPEC, { 'data.csv': syntheticCsv(300, 22) })
  await writeModel(root, 'toy-strict', STRICT_SPEC, { 'data.csv': syntheticCsv(300, 23) })
  await writeModel(root, 'toy-colour', MULTICLASS_SPEC, { 'data.csv': syntheticCsv(300, 24) })
  await writeModel(root, 'toy-value', REGRESSION_SPEC, { 'data.csv': syntheticCsv(300, 25) })
  const trained = await runCli(root, ['run', '--promote'])
  expect(trained.code).toBe(0)
  scoreCsv = syntheticCsv(40, 77)
  rows = csvRows(scoreCsv)
  await fs.writeFile(path.join(root, 'score.csv'), scoreCsv)
  t = await startTestServer(
    new FsObjectStore(path.join(root, '.modelgate')),
    ['toy', 'toy-mlp', 'toy-strict', 'toy-colour', 'toy-value'],
    {
      maxRows: 50,
      bodyLimit: 64 * 1024,
      predictionsFile: path.join(root, 'predictions.jsonl'),
    },
  )
  await t.server.holder.pollOnce()
})
afterAll(async () => {
  await t.server.close()
})

/** `modelgate predict` on score.csv: the prediction columns (after the id), by row. */
async function cliColumns(model: string): Promise<{ header: string[]; values: number[][] }> {
  const out = await runCli(root, [
    'predict',
    '--model',
    model,
    '--input',
    'score.csv',
    '--output',
    `${model}.csv`,
  ])
  expect(out.code).toBe(0)
  const [head, ...lines] = (await fs.readFile(path.join(root, `${model}.csv`), 'utf8')).trim().split('\n')
  return { header: head!.split(',').slice(1), values: lines.map((l) => l.split(',').slice(1).map(Number)) }
}

/** `modelgate predict` on score.csv: the p_yes column, by row. */
async function cliPredictions(model: string): Promise<number[]> {
  const { header, values } = await cliColumns(model)
  expect(header).toEqual(['p_yes'])
  return values.map((v) => v[0]!)
}

describe('modelgate serve answers as modelgate predict does', () => {
  it.each(['toy', 'toy-mlp'])(
    '%s: /v1 predict and /v2 infer give the probabilities `modelgate predict` writes',
    async (model) => {
      const expected = await cliPredictions(model)
      const v1 = await t.post(`/v1/models/${model}/predict`, { rows })
      expect(v1.status).toBe(200)
      expect(v1.json.run_id).toBe(t.server.holder.current(model)!.runId)
      expect(v1.json.predictions!.map((p) => p.probabilities.yes)).toEqual(expected)
      for (const { probabilities, predicted_class, confidence } of v1.json.predictions!) {
        const [yes, no] = [probabilities.yes!, probabilities.no!]
        expect(no).toBeCloseTo(1 - yes, 12)
        expect(predicted_class).toBe(yes >= 0.5 ? 'yes' : 'no')
        expect(confidence).toBe(Math.max(yes, no))
      }
      const inputs = ['x1', 'x2', 'color'].map((name) => ({
        name,
        shape: [rows.length, 1],
        datatype: name === 'color' ? 'BYTES' : 'FP64',
        data: rows.map((r) => r[name]),
      }))
      const v2 = await t.post(`/v2/models/${model}/infer`, { id: 'req-1', inputs })
      expect(v2.status).toBe(200)
      expect(v2.json).toMatchObject({ model_name: model, model_version: v1.json.run_id, id: 'req-1' })
      const probabilities = v2.json.outputs!.find((o) => o.name === 'probabilities')!
      expect(probabilities.shape).toEqual([rows.length, 2])
      expect(probabilities.data.filter((_, i) => i % 2 === 1)).toEqual(expected)
      const classes = v2.json.outputs!.find((o) => o.name === 'predicted_class')
      expect(classes).toMatchObject({ datatype: 'BYTES', shape: [rows.length] })
    },
  )

  it('concurrent requests (batched into one scoring call) each get their own rows back', async () => {
    const expected = await cliPredictions('toy')
    const answers = await Promise.all(rows.map((row) => t.post('/v1/models/toy/predict', { rows: [row] })))
    expect(answers.map((a) => a.status)).toEqual(rows.map(() => 200))
    answers.forEach((a, i) => expect(a.json.predictions![0]!.probabilities.yes).toBeCloseTo(expected[i]!, 6))
  })

  it('explain: per-input contributions plus the intercept sum to the logit of the predicted probability', async () => {
    const predicted = await t.post('/v1/models/toy/predict', { rows: rows.slice(0, 10) })
    const explained = await t.post('/v1/models/toy/explain', { rows: rows.slice(0, 10) })
    expect(explained.status).toBe(200)
    expect(explained.json.output).toBe('logit')
    explained.json.explanations!.forEach((e, i) => {
      const p = predicted.json.predictions![i]!.probabilities.yes!
      const parts = Object.values(e.contributions).map((c) => c['logit(yes)']!)
      expect(Object.keys(e.contributions)).toEqual(['x1', 'x2', 'color=blue', 'color=green', 'color=red'])
      const sum = parts.reduce((a, b) => a + b, e.intercept['logit(yes)']!)
      expect(sum).toBeCloseTo(e.total['logit(yes)']!, 12)
      // The model computes in float32: the logit of its probability agrees to float32 precision.
      expect(sum).toBeCloseTo(Math.log(p / (1 - p)), 4)
      // A one-hot input contributes only for the row's own category.
      const color = rows[i]!.color as string
      for (const c of ['blue', 'green', 'red'])
        if (c !== color) expect(e.contributions[`color=${c}`]!['logit(yes)']).toBe(0)
    })
  })

  it('multiclass: per-class probabilities equal `modelgate predict`, the class is the most probable', async () => {
    const expected = await cliColumns('toy-colour')
    expect(expected.header).toEqual(['p_blue', 'p_green', 'p_red'])
    const out = await t.post('/v1/models/toy-colour/predict', { rows })
    expect(out.status).toBe(200)
    out.json.predictions!.forEach((p, i) => {
      expect([p.probabilities.blue, p.probabilities.green, p.probabilities.red]).toEqual(expected.values[i])
      const best = Math.max(...expected.values[i]!)
      expect(p.confidence).toBe(best)
      expect(p.predicted_class).toBe(['blue', 'green', 'red'][expected.values[i]!.indexOf(best)])
    })
    const explained = await t.post('/v1/models/toy-colour/explain', { rows: rows.slice(0, 3) })
    expect(explained.json.output).toBe('logits')
    explained.json.explanations!.forEach((e, i) => {
      // Softmax of the per-class totals (the logits) gives back the probabilities.
      const logits = ['blue', 'green', 'red'].map((c) => e.total[c]!)
      const z = logits.map((l) => Math.exp(l - Math.max(...logits)))
      const sum = z.reduce((a, b) => a + b, 0)
      z.forEach((v, k) => expect(v / sum).toBeCloseTo(expected.values[i]![k]!, 5))
    })
  })

  it('regression: values equal `modelgate predict`; explain sums to the value', async () => {
    const expected = await cliColumns('toy-value')
    expect(expected.header).toEqual(['predicted_x2'])
    const out = await t.post('/v1/models/toy-value/predict', { rows })
    expect(out.status).toBe(200)
    expect(out.json.predictions!.map((p) => (p as unknown as { value: number }).value)).toEqual(
      expected.values.map((v) => v[0]),
    )
    const explained = await t.post('/v1/models/toy-value/explain', { rows: rows.slice(0, 5) })
    expect(explained.json.output).toBe('value')
    explained.json.explanations!.forEach((e, i) => {
      const sum = Object.values(e.contributions).reduce((a, c) => a + c.value!, e.intercept.value!)
      expect(sum).toBeCloseTo(expected.values[i]![0]!, 4)
    })
    const infer = await t.post('/v2/models/toy-value/infer', {
      inputs: ['x1', 'color', 'label'].map((name) => ({
        name,
        shape: [rows.length],
        datatype: name === 'x1' ? 'FP64' : 'BYTES',
        data: rows.map((r) => r[name]),
      })),
    })
    expect(infer.json.outputs).toEqual([
      { name: 'predictions', shape: [rows.length], datatype: 'FP64', data: expected.values.map((v) => v[0]) },
    ])
  })

  it('explain on an MLP: 501 saying explanations are not available for the family yet', async () => {
    const out = await t.post('/v1/models/toy-mlp/explain', { rows: rows.slice(0, 1) })
    expect(out.status).toBe(501)
    expect(out.json.error).toMatch(
      /^explanations are not available yet for mlp models \(only logistic and linear\)/,
    )
  })
})

describe('bad input: 4xx with a message naming the row and column, never 500', () => {
  const good = (): Record<string, unknown> => ({ x1: 0.5, x2: -1, color: 'red' })
  const cases: [string, string, unknown, number, string, RegExp][] = [
    [
      'missing column',
      'toy',
      { rows: [good(), { x1: 1, color: 'red' }] },
      400,
      'missing_column',
      /^row 2, column "x2": missing/,
    ],
    [
      'wrong type',
      'toy',
      { rows: [{ ...good(), x1: 'high' }] },
      400,
      'wrong_type',
      /^row 1, column "x1": expected a number \(or null\), got "high"/,
    ],
    [
      'NaN as text',
      'toy',
      { rows: [good(), good(), { ...good(), x2: 'NaN' }] },
      400,
      'not_finite',
      /^row 3, column "x2": "NaN" is not a finite number/,
    ],
    [
      'Infinity as text',
      'toy',
      { rows: [{ ...good(), x1: '-Infinity' }] },
      400,
      'not_finite',
      /^row 1, column "x1": "-Infinity" is not a finite number/,
    ],
    [
      '1e999 (Infinity in JSON)',
      'toy',
      '{"rows":[{"x1":1e999,"x2":0,"color":"red"}]}',
      400,
      'not_finite',
      /^row 1, column "x1": Infinity is not a finite number/,
    ],
    [
      'object as a category',
      'toy',
      { rows: [{ ...good(), color: { a: 1 } }] },
      400,
      'schema',
      /^row 1, column "color": must be number,string,boolean,null/,
    ],
    [
      'unseen category under unseen_category: error',
      'toy-strict',
      { rows: [good(), { ...good(), color: 'purple' }] },
      400,
      'unseen_category',
      /^row 2, column "color": category "purple" was not seen in training \(known: blue, green, red\)/,
    ],
    [
      'null under missing: error',
      'toy-strict',
      { rows: [{ ...good(), x2: null }] },
      400,
      'missing_value',
      /^row 1, column "x2": null is a missing value, and the run's missing-value policy is "error"/,
    ],
    [
      'too many rows',
      'toy',
      { rows: Array.from({ length: 51 }, good) },
      413,
      'too_many_rows',
      /^51 rows: at most 50 per request/,
    ],
    ['no rows', 'toy', { rows: [] }, 400, 'schema', /^no rows/],
    ['rows not an array', 'toy', { rows: { x1: 1 } }, 400, 'schema', /^body\/rows must be array/],
    ['invalid JSON', 'toy', '{"rows": [', 400, 'invalid_json', /^the body is not valid JSON/],
    [
      'body over the limit',
      'toy',
      { rows: [{ ...good(), pad: 'x'.repeat(70 * 1024) }] },
      413,
      'body_too_large',
      /body/i,
    ],
    [
      'unknown model',
      'nope',
      { rows: [good()] },
      404,
      'unknown_model',
      /^no model "nope" \(served: toy, toy-mlp, toy-strict, toy-colour, toy-value\)/,
    ],
  ]
  it.each(cases)('%s', async (_name, model, body, status, reason, message) => {
    const out = await t.post(`/v1/models/${model}/predict`, body)
    expect({ status: out.status, reason: out.json.reason }).toEqual({ status, reason })
    expect(out.json.error).toMatch(message)
  })

  it('v2 infer: a tensor whose shape is not one column, and a numeric column sent as BYTES', async () => {
    const shape = await t.post('/v2/models/toy/infer', {
      inputs: [{ name: 'x1', shape: [1, 2], datatype: 'FP64', data: [1, 2] }],
    })
    expect(shape.status).toBe(400)
    expect(shape.json.error).toMatch(/^input "x1": shape \[1, 2\]; every input is one column/)
    const bytes = await t.post('/v2/models/toy/infer', {
      inputs: [
        { name: 'x1', shape: [1], datatype: 'BYTES', data: ['1.5'] },
        { name: 'x2', shape: [1], datatype: 'FP64', data: [0] },
        { name: 'color', shape: [1], datatype: 'BYTES', data: ['red'] },
      ],
    })
    expect(bytes.status).toBe(400)
    expect(bytes.json.error).toBe('row 1, column "x1": expected a number (or null), got "1.5"')
  })

  it('unseen category under the default policy (zeros): answered, and counted in notes', async () => {
    const out = await t.post('/v1/models/toy/predict', { rows: [good(), { ...good(), color: 'purple' }] })
    expect(out.status).toBe(200)
    expect(out.json.notes).toEqual({ imputed: {}, unseen: { color: 1 } })
  })

  it('/metrics counts each refusal by reason, and no request ever failed with 500', async () => {
    const metrics = (await t.get('/metrics')).text
    for (const reason of [
      'missing_column',
      'wrong_type',
      'not_finite',
      'unseen_category',
      'too_many_rows',
      'body_too_large',
      'invalid_json',
    ])
      expect(metrics).toMatch(
        new RegExp(`modelgate_serve_errors_total\\{route="[^"]*",reason="${reason}"\\} [1-9]`),
      )
    expect(metrics).not.toMatch(/status="500"/)
    expect(metrics).not.toContain('reason="internal"')
  })
})

describe('operations', () => {
  it('/openapi.json is a valid OpenAPI 3.1 document describing every route', async () => {
    const doc = JSON.parse((await t.get('/openapi.json')).text)
    const validated = (await SwaggerParser.validate(structuredClone(doc))) as { openapi?: string }
    expect(validated.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/health',
        '/metrics',
        '/openapi.json',
        '/ready',
        '/v1/models/{model}/explain',
        '/v1/models/{model}/predict',
        '/v2/health/live',
        '/v2/health/ready',
        '/v2/models/{model}',
        '/v2/models/{model}/infer',
        '/v2/models/{model}/ready',
      ].sort(),
    )
    expect(
      doc.paths['/v1/models/{model}/predict'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['rows'])
  })

  it('health, readiness, v2 metadata and the run and alias per model in /metrics', async () => {
    expect((await t.get('/health')).status).toBe(200)
    const ready = JSON.parse((await t.get('/ready')).text)
    expect(ready.ready).toBe(true)
    const runId = t.server.holder.current('toy')!.runId
    expect(ready.models.toy).toBe(runId)
    expect((await t.get('/v2/health/live')).status).toBe(200)
    expect((await t.get('/v2/health/ready')).status).toBe(200)
    expect((await t.get('/v2/models/toy/ready')).status).toBe(200)
    expect((await t.get('/v2/models/nope/ready')).status).toBe(404)
    const meta = JSON.parse((await t.get('/v2/models/toy')).text)
    expect(meta).toMatchObject({ name: 'toy', versions: [runId], platform: 'modelgate_logistic' })
    expect(meta.inputs).toEqual([
      { name: 'x1', datatype: 'FP64', shape: [-1, 1] },
      { name: 'x2', datatype: 'FP64', shape: [-1, 1] },
      { name: 'color', datatype: 'BYTES', shape: [-1, 1] },
    ])
    const metrics = (await t.get('/metrics')).text
    expect(metrics).toContain(`modelgate_serve_model_info{model="toy",alias="champion",run_id="${runId}"} 1`)
    expect(metrics).toMatch(
      /modelgate_serve_requests_total\{route="\/v1\/models\/:model\/predict",model="toy",status="200"\} [1-9]/,
    )
    expect(metrics).toMatch(
      /modelgate_serve_request_duration_seconds_bucket\{le="0.005",route="\/v1\/models\/:model\/predict",model="toy"\} \d+/,
    )
  })

  it('one JSON log line per request with latency and run id; --log-predictions appends inputs and outputs', async () => {
    const before = t.logs().length
    const out = await t.post('/v1/models/toy/predict', { rows: rows.slice(0, 2) })
    const line = t
      .logs()
      .slice(before)
      .find((l) => l.msg === 'request')!
    expect(line).toMatchObject({
      level: 'info',
      method: 'POST',
      url: '/v1/models/toy/predict',
      status: 200,
      model: 'toy',
      run_id: out.json.run_id,
      rows: 2,
    })
    expect(typeof line.ms).toBe('number')
    const logged = (await fs.readFile(path.join(root, 'predictions.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const last = logged.at(-1)
    expect(last).toMatchObject({
      model: 'toy',
      run_id: out.json.run_id,
      inputs: rows.slice(0, 2),
      outputs: out.json.predictions,
    })
  })

  it('serve flags: --model repeats, --port 0 allowed, bad numbers refused', () => {
    const s = serveSettings({ model: ['a', 'b'], port: '0', 'poll-seconds': '2.5' }, 'champion', '/w')
    expect(s).toMatchObject({
      models: ['a', 'b'],
      port: 0,
      pollMs: 2500,
      alias: 'champion',
      host: '127.0.0.1',
    })
    expect(() => serveSettings({ port: '80x' }, 'champion', '/w')).toThrow(
      '--port "80x": expected a whole number ≥ 0',
    )
    expect(() => serveSettings({ 'poll-seconds': '0' }, 'champion', '/w')).toThrow(
      '--poll-seconds "0": expected a number > 0',
    )
  })
})
