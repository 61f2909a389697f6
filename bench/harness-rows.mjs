/**
 * The workloads of `npm run bench` (issue 6): how each side is run and how its samples become table rows.
 * A workload returns one or more rows; extra rows (end to end, breakdowns) come from the same repetitions.
 */
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { median, runChild, timeToFirstOutput } from './harness-run.mjs'

export const SKLEARN_MISSING = 'peer not installed: apt-get install python3-sklearn'
export const AWS_MISSING = 'peer not installed: apt-get install awscli'
export const NOT_BUILT = 'not built yet: run npm run bundle'

const secs = (samples, field = 'seconds') => median(samples.map((s) => s[field]))
const firstError = (samples) => samples.find((s) => s.error)?.error

/** A side's summary: its median, or the error/absence that replaces the number. */
function side(samples, field, missing) {
  if (missing) return { missing }
  const error = firstError(samples)
  if (error) return { error }
  return { seconds: secs(samples, field), n: samples.length }
}

function aucOf(samples) {
  return median(samples.map((s) => s.auc))
}

/** A row with a ratio target (modelgate time ≤ ratio × peer time) and optionally an AUC tolerance. */
function ratioRow(title, samples, { field = 'seconds', ratio, auc, missing, note = '' }) {
  const mg = side(samples.mg, field)
  const peer = side(samples.peer, field, missing)
  const row = { title, mg, peer, target: ratio === undefined ? '—' : `≤ ${ratio}×`, note }
  if (mg.seconds !== undefined && peer.seconds !== undefined) {
    row.ratio = mg.seconds / peer.seconds
    if (ratio !== undefined) row.met = row.ratio <= ratio
  }
  if (field === 'seconds') {
    const cpu = (list) => median(list.map((s) => s.cpuSeconds))
    row.cpu = {
      mg: mg.seconds === undefined ? null : cpu(samples.mg),
      peer: peer.seconds === undefined ? null : cpu(samples.peer),
    }
  }
  if (auc !== undefined) {
    row.target += `, |ΔAUC| ≤ ${auc}`
    const a = aucOf(samples.mg)
    const b = aucOf(samples.peer)
    if (a !== null) row.quality = `AUC ${a.toFixed(4)}${b !== null && !missing ? ` vs ${b.toFixed(4)}` : ''}`
    if (a !== null && b !== null && row.met !== undefined) row.met = row.met && Math.abs(a - b) <= auc
  }
  return row
}

export function workloads(ctx) {
  const { cache, work, python, aws, root, flights } = ctx
  const env = { BENCH_FLIGHTS_CSV: flights }
  const node = (script, args) => () =>
    runChild(process.execPath, [path.join(cache, 'bench', script), ...args], { cwd: root, env })
  const py = (args) =>
    python ? () => runChild(python, [path.join(root, 'bench', 'peer.py'), ...args], { cwd: root, env }) : null
  const pyMissing = python ? undefined : SKLEARN_MISSING
  const iterations = (s) => {
    const steps = median(s.mg.map((x) => x.steps))
    const what = steps === null ? 'L-BFGS iterations' : 'epochs'
    const peer = python ? median(s.peer.map((x) => x.iterations)) : '—'
    return `${what} ${median(s.mg.map((x) => x.iterations))} vs ${peer}${steps === null ? '' : ` (${steps} Adam steps)`}`
  }

  const train = (model, dataset, title, target) => ({
    id: `${model}-${dataset}`,
    mg: node('mg-train.js', [work, model, dataset]),
    peer: py(['train', work, model, dataset]),
    rows: (s) => {
      const rows = [ratioRow(title, s, { ...target, missing: pyMissing, note: iterations(s) })]
      if (dataset === 'flights') {
        rows.push(
          ratioRow(`↳ end to end: read CSV + standardise + fit`, s, {
            field: 'e2eSeconds',
            missing: pyMissing,
          }),
        )
      }
      return rows
    },
  })

  const list = [
    train('logistic', 'synthetic', 'Logistic regression fit, synthetic 100,000 × 20', {
      ratio: 1.5,
      auc: 0.002,
    }),
    train('logistic', 'flights', 'Logistic regression fit, flights 160,000 × 2', { ratio: 1.5, auc: 0.002 }),
    train('mlp', 'synthetic', 'MLP (64, 32) fit, 10 epochs, synthetic 100,000 × 20', {
      ratio: 2,
      auc: 0.005,
    }),
    train('mlp', 'flights', 'MLP (64, 32) fit, 10 epochs, flights 160,000 × 2', { ratio: 2, auc: 0.005 }),
    {
      id: 'metrics',
      mg: node('mg-metrics.js', [work]),
      peer: py(['metrics', work]),
      rows: (s) => [
        ratioRow(
          'Metric suite (8 metrics × 2 scores) + 1,000-resample paired bootstrap of AUC, 1,000,000 rows',
          s,
          {
            ratio: 1,
            missing: pyMissing,
            note: `ΔAUC ${fmtInterval(s.mg)} vs ${python ? fmtInterval(s.peer) : '—'}`,
          },
        ),
        ratioRow('↳ metric suite alone', s, { field: 'suiteSeconds', missing: pyMissing }),
        ratioRow('↳ bootstrap alone', s, { field: 'bootstrapSeconds', missing: pyMissing }),
      ],
    },
    ...['logistic', 'mlp'].map((kind) => ({
      id: `predict-${kind}`,
      mg: node('mg-predict.js', ['predict', work, kind]),
      peer: py(['predict', work, kind]),
      rows: (s) => [
        ratioRow(
          `Batch prediction, 1,000,000 rows, ${kind === 'mlp' ? 'MLP (64, 32)' : 'logistic'} (load + preprocess + predict)`,
          s,
          {
            missing: pyMissing,
            note: python
              ? `mean P ${fmt(secs(s.mg, 'meanPrediction'), 4)} vs ${fmt(secs(s.peer, 'meanPrediction'), 4)}; modelgate: transform ${fmt(secs(s.mg, 'transformSeconds'))} s + predictTf ${fmt(secs(s.mg, 'predictSeconds'))} s`
              : '',
          },
        ),
        ...(kind === 'mlp'
          ? [
              ratioRow('↳ reading the 1,000,000-row CSV (readCsv vs pandas.read_csv; not timed above)', s, {
                field: 'readSeconds',
                missing: pyMissing,
              }),
            ]
          : []),
      ],
    })),
    coldStart(ctx),
    upload(ctx),
  ]
  return list.filter((w) => !ctx.only || ctx.only.includes(w.id))
}

function fmt(v, digits = 3) {
  return v === null || v === undefined ? '—' : v.toFixed(digits)
}

function fmtInterval(samples) {
  const s = samples.find((x) => x.interval)
  return s ? `${s.estimate.toFixed(5)} [${s.interval[0].toFixed(5)}, ${s.interval[1].toFixed(5)}]` : '—'
}

/** Cold start: time to the first log line of the bundled entry points; `node -e 0` is the floor. */
function coldStart({ root }) {
  const action = path.join(root, 'dist', 'index.js')
  const cli = path.join(root, 'dist', 'cli', 'index.js')
  const floor = () => timeToFirstOutput(process.execPath, ['-e', '0'], { cwd: root })
  const entry = (file, args) =>
    existsSync(file) ? () => timeToFirstOutput(process.execPath, [file, ...args], { cwd: root }) : null
  const runAction = entry(action, [])
  const runCli = entry(cli, ['--version'])
  return {
    id: 'cold-start',
    mg:
      runAction || runCli
        ? async () => {
            const a = runAction ? await runAction() : {}
            const c = runCli ? await runCli() : {}
            const error = a.error ?? c.error
            return {
              seconds: a.seconds,
              cliSeconds: c.seconds,
              firstLine: a.firstLine,
              ...(error ? { error } : {}),
            }
          }
        : null,
    peer: floor,
    rows: (s) => {
      const floorRow = side(s.peer, 'seconds')
      const make = (title, field, present) => {
        const mg = present ? side(s.mg, field) : { missing: NOT_BUILT }
        const row = { title, mg, peer: floorRow, target: '< 0.5 s', peerLabel: 'node -e 0' }
        if (mg.seconds !== undefined) {
          row.met = mg.seconds < 0.5
          if (floorRow.seconds) row.ratio = mg.seconds / floorRow.seconds
        }
        return row
      }
      return [
        make(
          'Cold start: node dist/index.js to its first log line (peer: node -e 0)',
          'seconds',
          runAction !== null,
        ),
        make('Cold start: node dist/cli/index.js --version (peer: node -e 0)', 'cliSeconds', runCli !== null),
      ]
    },
  }
}

/** 100 MB upload to a fauxqs server started here on 127.0.0.1, direct (no CAS proxy) for both sides. */
function upload({ cache, work, aws, root, uploadBytes }) {
  const state = {}
  const credentials = {
    AWS_ACCESS_KEY_ID: 'AKIAMODELGATEBENCH01',
    AWS_SECRET_ACCESS_KEY: 'modelgate-bench-secret',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_SHARED_CREDENTIALS_FILE: path.join(work, 'no-aws-credentials'),
    AWS_CONFIG_FILE: path.join(work, 'aws-config'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  }
  const file = path.join(work, 'artifact.bin')
  // Every upload gets a new key (create-only writes), and is checked and deleted after.
  const checked = async (sample, key) => {
    if (sample.error) return sample
    const head = await fetch(`${state.server.endpoint}/bench/${key}`, { method: 'HEAD' })
    const length = Number(head.headers.get('content-length'))
    await fetch(`${state.server.endpoint}/bench/${key}`, { method: 'DELETE' })
    if (!head.ok || length !== uploadBytes)
      return {
        error: `uploaded object ${key}: HTTP ${head.status}, ${length} bytes, expected ${uploadBytes}`,
      }
    return { ...sample, mbPerSecond: uploadBytes / 1024 / 1024 / sample.seconds }
  }
  return {
    id: 'upload',
    setup: async () => {
      writeFileSync(
        credentials.AWS_CONFIG_FILE,
        '[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n',
      )
      state.server = await startFauxS3(['bench'])
    },
    teardown: () => state.server?.stop(),
    mg: async (rep) => {
      const key = `mg-${rep}.bin`
      const s = await runChild(
        process.execPath,
        [path.join(cache, 'bench', 'mg-upload.js'), state.server.endpoint, 'bench', key, file],
        { cwd: root, env: credentials },
      )
      return checked(s, key)
    },
    peer: aws
      ? async (rep) => {
          const key = `aws-${rep}.bin`
          const s = await runChild(
            aws,
            [
              's3',
              'cp',
              file,
              `s3://bench/${key}`,
              '--endpoint-url',
              state.server.endpoint,
              '--only-show-errors',
            ],
            { cwd: root, env: credentials, expectResult: false },
          )
          const floor = await runChild(
            aws,
            ['s3api', 'head-bucket', '--bucket', 'bench', '--endpoint-url', state.server.endpoint],
            { cwd: root, env: credentials, expectResult: false },
          )
          return checked({ ...s, floorSeconds: floor.error ? undefined : floor.seconds }, key)
        }
      : null,
    rows: (s) => {
      const mb = uploadBytes / 1024 / 1024
      const row = ratioRow(`Upload a ${mb} MB artifact to S3 (fauxqs on 127.0.0.1, direct)`, s, {
        ratio: 1,
        missing: aws ? undefined : AWS_MISSING,
      })
      row.target = '≥ awscli throughput (ratio ≤ 1×)'
      const mgRate = median(s.mg.map((x) => x.mbPerSecond))
      const peerRate = median(s.peer.map((x) => x.mbPerSecond))
      row.quality = `${fmt(mgRate, 0)} vs ${aws ? fmt(peerRate, 0) : '—'} MB/s`
      row.note = `modelgate: file read + S3ObjectStore.put in-process (child wall ${fmt(secs(s.mg, 'wallSeconds'), 2)} s incl. node start); aws: whole \`aws s3 cp\` process, of which \`aws s3api head-bucket\` (start-up + 1 request) takes ${aws ? fmt(secs(s.peer, 'floorSeconds'), 2) : '—'} s`
      const wall = ratioRow('↳ whole processes: node + mg-upload child vs aws s3 cp', s, {
        field: 'wallSeconds',
        missing: aws ? undefined : AWS_MISSING,
      })
      return [row, wall]
    },
  }
}

/** fauxqs bound to 127.0.0.1 on a free port, as __tests__/harness/s3-server.ts starts it for the tests. */
async function startFauxS3(buckets) {
  const { buildApp } = await import('fauxqs')
  const app = buildApp({ logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const endpoint = `http://127.0.0.1:${address.port}`
  for (const bucket of buckets) {
    const response = await fetch(`${endpoint}/${bucket}`, { method: 'PUT' })
    if (!response.ok) throw new Error(`creating bucket ${bucket} on fauxqs failed: HTTP ${response.status}`)
  }
  return { endpoint, stop: () => app.close() }
}
