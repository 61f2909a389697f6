/**
 * The workloads of `npm run bench` (issue 6): how each side is run and how its samples become table rows.
 * A workload returns one or more rows; extra rows (end to end, breakdowns) come from the same repetitions.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  fanoutWorkloads,
  formatIngestWorkloads,
  ingestWorkloads,
  predictCsvWorkloads,
  runWorkloads,
  timedProcess,
} from './harness-process.mjs'
import { cnnWorkloads } from './harness-cnn.mjs'
import { ratioRow, secs, side } from './harness-ratio.mjs'
import { median, runChild, timeToLine } from './harness-run.mjs'

export const SKLEARN_MISSING = 'peer not installed: apt-get install python3-sklearn'
export const AWS_MISSING = 'peer not installed: apt-get install awscli'
export const NOT_BUILT = 'not built yet: run npm run bundle'

export async function workloads(ctx) {
  const { cache, work, python, aws, root, flights } = ctx
  // The method text is generated from the very configurations the children fit (bench/bench-data.ts).
  const { logisticConfig, mlpConfig } = await import(path.join(cache, 'bench', 'bench-data.js'))
  const logistic = logisticConfig()
  const mlp = mlpConfig()
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

  const fitMethod = (model) =>
    model === 'logistic'
      ? `modelgate \`fitLinear\` with the spec's defaults (C = ${logistic.C}, tol ${logistic.tol} on the summed loss's gradient, max_iter ${logistic.max_iter}, L-BFGS) vs scikit-learn \`LogisticRegression()\` defaults (lbfgs, C = 1, tol 1e-4, max_iter 100)`
      : `MLP (${mlp.hidden.join(', ')}) ${mlp.activation}, ${mlp.optimizer.name} lr ${mlp.optimizer.learning_rate}, batch ${mlp.batch_size}, alpha ${mlp.alpha}, ${mlp.epochs} epochs, no early stopping on either side (modelgate \`fitMlp\`; \`MLPClassifier(hidden_layer_sizes=(${mlp.hidden.join(', ')}), batch_size=${mlp.batch_size}, learning_rate_init=${mlp.optimizer.learning_rate}, alpha=${mlp.alpha}, max_iter=${mlp.epochs}, early_stopping=False, n_iter_no_change=10**9, tol=0)\`)`
  const train = (model, dataset, title, target) => ({
    id: `${model}-${dataset}`,
    method:
      `${title}: ${fitMethod(model)}. ` +
      (dataset === 'flights'
        ? 'flights: target `delay > 15`, features `distance` and `time`, test rows those with index % 5 = 4, standardised with the train rows\' statistics; "fit" starts from standardised in-memory arrays, "end to end" adds reading the CSV and the preprocessing. '
        : 'Synthetic: 100,000 train + 25,000 test rows × 20 correlated Gaussian features (labels from a logistic model with an interaction and a curvature term), raw little-endian arrays both sides read. ') +
      'Timed inside each child around the fit; AUC on the test rows.',
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
      // One thread on each side: the gate's resampling is single-threaded, and so is numpy's bincount; BLAS
      // (np.dot) is held to one thread too.
      peer: python
        ? () =>
            runChild(python, [path.join(root, 'bench', 'peer.py'), 'metrics', work], {
              cwd: root,
              env: { ...env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
            })
        : null,
      method:
        "Gate statistics, 1,000,000 rows (labels 30% positive, two correlated scores): all 8 binary metrics on both scores (`computeMetrics` vs `sklearn.metrics`), then what the gate runs for two gated metrics (`pairedEstimate` of src/gate/paired.ts): DeLong's paired test for ROC AUC (numpy/scipy: Sun & Xu's midrank DeLong with `scipy.stats.rankdata`) and the class-stratified paired bootstrap of log loss, 1,000 resamples, 95% percentile interval (numpy: per-row losses once, then per resample and class one `rng.integers` + `np.bincount` multiplicity vector and a dot). One thread on both sides (OPENBLAS_NUM_THREADS=1 for the peer); the CPU column shows it.",
      rows: (s) => [
        ratioRow(
          'Gate statistics, 1,000,000 rows: 8 metrics × 2 scores + DeLong (AUC) + 1,000-resample stratified paired bootstrap (log loss), 1 thread each',
          s,
          {
            ratio: 1,
            missing: pyMissing,
            note: `ΔAUC ${fmtTriple(s.mg, 'aucDiff', 5)} vs ${python ? fmtTriple(s.peer, 'aucDiff', 5) : '—'}; Δlog loss ${fmtTriple(s.mg, 'lossDiff', 5)} vs ${python ? fmtTriple(s.peer, 'lossDiff', 5) : '—'}`,
          },
        ),
        ratioRow('↳ metric suite alone', s, { field: 'suiteSeconds', missing: pyMissing }),
        ratioRow('↳ DeLong alone', s, { field: 'delongSeconds', missing: pyMissing }),
        ratioRow('↳ bootstrap alone', s, { field: 'bootstrapSeconds', missing: pyMissing }),
      ],
    },
    ...['logistic', 'mlp'].map((kind) => ({
      id: `predict-${kind}`,
      mg: node('mg-predict.js', ['predict', work, kind]),
      peer: py(['predict', work, kind]),
      method: `Batch prediction in-process, ${kind === 'mlp' ? 'MLP (64, 32)' : 'logistic'}: the model refitted on the flights train rows${kind === 'mlp' ? ' for one epoch (the weights do not change what a prediction costs)' : ''} and saved as a run saves it (tfjs layers files + preprocess.json) / a pickled \`make_pipeline(StandardScaler(), model)\`. Timed inside the child: loading the model, preprocessing and predicting 1,000,000 rows already read from \`flights_200k.csv\` × 5 (\`loadModelFiles\`, \`transform\`, \`predictTf\` on the wasm backend vs \`pickle.load\` + \`predict_proba\` on a DataFrame); reading the CSV is the "reading" sub-row.`,
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
    ...ingestWorkloads(ctx),
    ...formatIngestWorkloads(ctx),
    ...fanoutWorkloads(ctx),
    ...runWorkloads(ctx),
    ...predictCsvWorkloads(ctx),
    ...cnnWorkloads(ctx),
  ]
  return list.filter((w) => !ctx.only || ctx.only.includes(w.id))
}

function fmt(v, digits = 3) {
  return v === null || v === undefined ? '—' : v.toFixed(digits)
}

function fmtTriple(samples, field, digits) {
  const s = samples.find((x) => Array.isArray(x[field]))
  if (!s) return '—'
  const [v, lo, hi] = s[field]
  return `${v.toFixed(digits)} [${lo.toFixed(digits)}, ${hi.toFixed(digits)}]`
}

/**
 * Cold start, as users meet it: the bundled Action (dist/index.js) on a push event, from spawn to its first
 * real decision (the "event … → plan" line, printed after the event and inputs are read and the plan made),
 * and the bundled CLI (bin/modelgate.js → dist/index.js) from spawn to the end of a whole run on a tiny model (200 rows).
 */
function coldStart({ root, work, python }) {
  const action = path.join(root, 'dist', 'index.js')
  const cli = path.join(root, 'bin', 'modelgate.js') // the shipped CLI: the one bundle, dist/index.js
  const tiny = path.join(work, 'ws-tiny')
  let rep = 0
  const setup = () => {
    const dir = path.join(tiny, 'models', 'tiny')
    mkdirSync(dir, { recursive: true })
    const lines = ['x1,x2,color,label']
    for (let i = 0; i < 200; i++) {
      const x1 = ((i * 37) % 101) / 50 - 1
      const x2 = ((i * 53) % 97) / 48 - 1
      lines.push(
        `${x1.toFixed(3)},${x2.toFixed(3)},${['red', 'green', 'blue'][i % 3]},${x1 + 0.5 * x2 + ((i * 7) % 11) / 11 - 0.5 > 0 ? 1 : 0}`,
      )
    }
    writeFileSync(path.join(dir, 'data.csv'), `${lines.join('\n')}\n`)
    writeFileSync(
      path.join(dir, 'modelgate.yml'),
      'task: binary\ndata:\n  train: data.csv\n  target: label\n  positive_class: "1"\nmodel:\n  type: logistic\ngate:\n  metrics:\n    roc_auc: { max_drop: 0.05 }\n',
    )
    writeFileSync(
      path.join(tiny, 'peer.json'),
      JSON.stringify({
        csv: path.join(dir, 'data.csv'),
        target: 'label',
        positive: '1',
        model: { type: 'logistic' },
        out: path.join(tiny, 'peer-out'),
      }),
    )
    const event = path.join(tiny, 'event.json')
    writeFileSync(
      event,
      JSON.stringify({
        ref: 'refs/heads/main',
        after: 'a'.repeat(40),
        repository: {
          full_name: 'octo/bench',
          name: 'bench',
          owner: { login: 'octo' },
          default_branch: 'main',
        },
      }),
    )
    writeFileSync(path.join(tiny, 'output'), '')
    writeFileSync(path.join(tiny, 'summary'), '')
  }
  const actionEnv = () => ({
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: path.join(tiny, 'event.json'),
    GITHUB_REPOSITORY: 'octo/bench',
    GITHUB_REPOSITORY_OWNER: 'octo',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKSPACE: tiny,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_OUTPUT: path.join(tiny, 'output'),
    GITHUB_STEP_SUMMARY: path.join(tiny, 'summary'),
    RUNNER_TEMP: tiny,
    'INPUT_GITHUB-TOKEN': 'bench-token',
    INPUT_STORE: path.join(tiny, 'store-action'),
  })
  const PLAN = / → (train|report|deploy|rollback|skip)\b/
  return {
    id: 'cold-start',
    setup,
    method:
      'Cold start: the bundled Action (`node dist/index.js`, as committed) on a push to main, from spawn until it prints its plan for the event (the first line that follows reading the event and the inputs and deciding: "push on … → train"), then stopped; floor: `node -e 0` to exit. The bundled CLI (`node bin/modelgate.js run models/tiny --store <fresh>`, which runs dist/index.js) on a 200-row, 3-feature logistic model, spawn to exit, vs `peer_process.py run` on the same CSV (one Python process: pandas + scikit-learn read, fit, predict, metrics, pickle).',
    mg: async () => {
      if (!existsSync(action) || !existsSync(cli)) return { error: NOT_BUILT }
      const a = await timeToLine(process.execPath, [action], { cwd: tiny, env: actionEnv(), pattern: PLAN })
      if (a.error || a.how !== 'matched')
        return { error: `the Action printed no plan line (last: ${a.line ?? a.error})` }
      const store = `store-${rep++}`
      const c = await timedProcess(process.execPath, [cli, 'run', 'models/tiny', '--store', store], {
        cwd: tiny,
      })
      if (c.error) return { error: c.error }
      return {
        seconds: a.seconds,
        planLine: a.line,
        cliSeconds: c.seconds,
        cliPeakMb: c.peakMb,
        cpuSeconds: c.cpuSeconds,
      }
    },
    peer: async () => {
      const floor = await timeToLine(process.execPath, ['-e', '0'], { cwd: tiny, pattern: /^\b$/ })
      const p = python
        ? await timedProcess(
            python,
            [path.join(root, 'bench', 'peer_process.py'), 'run', path.join(tiny, 'peer.json')],
            { cwd: tiny },
          )
        : {}
      return { seconds: floor.seconds, cliSeconds: p.seconds, cliPeakMb: p.peakMb }
    },
    rows: (s) => {
      const floorRow = side(s.peer, 'seconds')
      const actionRow = {
        title: 'Cold start: Action entry (dist/index.js) to its plan for a push event (peer: node -e 0)',
        mg: side(s.mg, 'seconds'),
        peer: floorRow,
        target: '< 0.5 s',
        note: s.mg.find((x) => x.planLine)?.planLine ?? '',
      }
      if (actionRow.mg.seconds !== undefined) {
        actionRow.met = actionRow.mg.seconds < 0.5
        if (floorRow.seconds) actionRow.ratio = actionRow.mg.seconds / floorRow.seconds
      }
      const cliRow = {
        title:
          'Cold start: CLI (bin/modelgate.js) whole run on a 200-row model, spawn to exit (peer: one Python process, same work)',
        mg: side(s.mg, 'cliSeconds'),
        peer: python ? side(s.peer, 'cliSeconds') : { missing: SKLEARN_MISSING },
        target: '≤ 1×',
      }
      if (cliRow.mg.seconds !== undefined && cliRow.peer.seconds !== undefined) {
        cliRow.ratio = cliRow.mg.seconds / cliRow.peer.seconds
        cliRow.met = cliRow.ratio <= 1
        cliRow.quality = `peak RSS ${median(s.mg.map((x) => x.cliPeakMb)).toFixed(0)} vs ${median(s.peer.map((x) => x.cliPeakMb)).toFixed(0)} MiB`
      }
      return [actionRow, cliRow]
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
    method:
      "Upload: a fauxqs S3 server started by the harness on 127.0.0.1, reached directly (no CAS proxy) by both; modelgate `S3ObjectStore.put` create-only (8 MiB parts, 4 in flight, the SDK's default checksums) in a `node bench/mg-upload.js` child vs `aws s3 cp` (8 MiB parts, 10 in flight), path-style, fake credentials. The main row compares whole processes (spawn to exit, start-up included on both sides); the in-process time of modelgate's put is a note (awscli has no in-process equivalent here). Every object is checked (HEAD, size) and deleted after.",
    rows: (s) => {
      const mb = uploadBytes / 1024 / 1024
      const row = ratioRow(
        `Upload a ${mb} MB artifact to S3 (fauxqs on 127.0.0.1), whole process vs whole process`,
        s,
        {
          field: 'wallSeconds',
          ratio: 1,
          missing: aws ? undefined : AWS_MISSING,
        },
      )
      row.target = '≥ awscli throughput (ratio ≤ 1×)'
      const mgRate = uploadBytes / 1024 / 1024 / secs(s.mg, 'wallSeconds')
      const peerRate = aws ? uploadBytes / 1024 / 1024 / secs(s.peer, 'wallSeconds') : null
      row.quality = `${fmt(mgRate, 0)} vs ${fmt(peerRate, 0)} MB/s (whole processes)`
      row.note = `node + mg-upload child (file read + S3ObjectStore.put) vs the whole \`aws s3 cp\` process; in-process, modelgate's put alone takes ${fmt(secs(s.mg, 'seconds'), 3)} s; \`aws s3api head-bucket\` (awscli start-up + 1 request) takes ${aws ? fmt(secs(s.peer, 'floorSeconds'), 2) : '—'} s`
      return [row]
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
