/**
 * Whole-process workloads of `npm run bench` (issue 18): what a user waits for. Each side is one process,
 * timed from spawn to exit by GNU time (wall, user + system CPU, peak resident set of the process), so
 * start-up, imports and every phase count; the peers are one Python process doing the same work
 * (bench/peer_process.py). Also CSV ingestion into typed columns, timed in-process on both sides.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { median, runChild } from './harness-run.mjs'

const GNU_TIME = '/usr/bin/time'

/** Run a whole process under GNU time; resolves with wall seconds, CPU seconds and peak RSS in MiB. */
export async function timedProcess(command, args, { cwd, env } = {}) {
  const out = path.join(cwd, `.time-${process.pid}-${Date.now()}`)
  const result = await runChild(GNU_TIME, ['-f', '%e %U %S %M', '-o', out, command, ...args], {
    cwd,
    env,
    expectResult: false,
  })
  if (result.error) return result
  const [wall, user, system, kb] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number)
  rmSync(out, { force: true })
  return { seconds: wall, cpuSeconds: user + system, peakMb: kb / 1024 }
}

/** The cases of the whole-run rows: a data set, its modelgate spec and the same model for scikit-learn. */
export const RUN_CASES = [
  {
    id: 'mixed',
    title: 'generated 250,000 × 10 mixed (6 numeric, 3 categorical), logistic',
    spec: 'task: binary\ndata:\n  train: data.csv\n  target: churned\n  positive_class: "1"\nmodel:\n  type: logistic\nmetrics: [roc_auc, average_precision, log_loss, brier, accuracy, f1]\ngate:\n  metrics:\n    roc_auc: { max_drop: 0.01 }\n    log_loss: { max_drop_pct: 3 }\n',
    peer: { target: 'churned', positive: '1', model: { type: 'logistic' } },
  },
  {
    id: 'flights',
    title: 'flights 200,000 × 2 (late = delay > 15), logistic',
    spec: 'task: binary\ndata:\n  train: data.csv\n  target: late\n  positive_class: "1"\n  exclude: [delay]\nmodel:\n  type: logistic\nmetrics: [roc_auc, average_precision, log_loss, brier, accuracy, f1]\ngate:\n  metrics:\n    roc_auc: { max_drop: 0.01 }\n    log_loss: { max_drop_pct: 3 }\n',
    peer: { target: 'late', positive: '1', exclude: ['delay'], model: { type: 'logistic' } },
  },
  {
    id: 'churn',
    title: 'example models/churn (7,043 rows, logistic, 2 slice columns)',
    example: 'churn',
    peer: {
      target: 'churn',
      positive: 'Yes',
      categorical: ['senior_citizen'],
      model: { type: 'logistic', C: 1 },
    },
  },
  {
    id: 'credit',
    title: 'example models/credit (4,454 rows, MLP (32, 16) with early stopping)',
    example: 'credit',
    peer: {
      target: 'Status',
      positive: 'bad',
      model: {
        type: 'mlp',
        hidden: [32, 16],
        alpha: 0.001,
        learning_rate: 0.001,
        epochs: 200,
        batch_size: 64,
        early_stopping: { patience: 10, validation_fraction: 0.1 },
        seed: 42,
      },
    },
  },
]

/** Workspaces for the run rows: models/<id>/ with its spec and data, a store with a champion, peer configs. */
export function prepareRunCases({ root, work, mixedCsv, flightsCsv }) {
  const cases = []
  for (const c of RUN_CASES) {
    const ws = path.join(work, `ws-${c.id}`)
    const dir = path.join(ws, 'models', c.id)
    mkdirSync(dir, { recursive: true })
    let csv
    if (c.example) {
      cpSync(path.join(root, 'models', c.example), dir, { recursive: true })
      const spec = readFileSync(path.join(dir, 'modelgate.yml'), 'utf8')
      csv = path.join(dir, /train:\s*(\S+)/.exec(spec)[1])
    } else {
      writeFileSync(path.join(dir, 'modelgate.yml'), c.spec)
      csv = path.join(dir, 'data.csv')
      if (c.id === 'mixed') cpSync(mixedCsv, csv)
      else {
        const lines = readFileSync(flightsCsv, 'utf8').trimEnd().split('\n')
        const body = lines.slice(1).map((l) => `${l},${Number(l.split(',')[0]) > 15 ? 1 : 0}`)
        writeFileSync(csv, `${lines[0]},late\n${body.join('\n')}\n`)
      }
    }
    const peerConfig = (name, champion) => {
      const file = path.join(ws, `peer-${name}.json`)
      writeFileSync(
        file,
        JSON.stringify({ ...c.peer, csv, out: path.join(ws, `peer-out-${name}`), champion }),
      )
      return file
    }
    cases.push({
      ...c,
      ws,
      csv,
      peerFirst: peerConfig('first', null),
      peerChampion: peerConfig('champion', path.join(ws, 'peer-out-first', 'model.pkl')),
    })
  }
  return cases
}

/** The whole-run workloads: `modelgate run` on one model, without and with a champion, vs one Python process. */
export function runWorkloads({ cache, python, root, runCases }) {
  const cli = path.join(cache, 'src', 'cli-entry.js')
  const list = []
  for (const c of runCases) {
    for (const champion of [false, true]) {
      let rep = 0
      list.push({
        id: `run-${c.id}${champion ? '-champion' : ''}`,
        setup: async () => {
          if (!champion) return
          // One promoted run makes the champion that every timed run is compared with (and the peer's pickle).
          const first = await runChild(
            process.execPath,
            [cli, 'run', `models/${c.id}`, '--promote', '--store', 'store-champion'],
            {
              cwd: c.ws,
              expectResult: false,
            },
          )
          if (first.error) throw new Error(`run-${c.id}: making the champion: ${first.error}`)
          if (python) {
            const peer = await runChild(python, [peerScript(root), 'run', c.peerFirst], {
              cwd: c.ws,
              expectResult: false,
            })
            if (peer.error) throw new Error(`run-${c.id}: the peer's champion: ${peer.error}`)
          }
        },
        mg: () => {
          // Without a champion every repetition starts from an empty store, as a first run does.
          const store = champion ? 'store-champion' : `store-fresh-${rep++}`
          if (!champion) rmSync(path.join(c.ws, store), { recursive: true, force: true })
          const json = path.join(c.ws, 'mg-run.json')
          return timedProcess(
            process.execPath,
            [cli, 'run', `models/${c.id}`, '--store', store, '--json', json],
            {
              cwd: c.ws,
            },
          ).then((sample) => (sample.error ? sample : { ...sample, timings: phaseTimings(json) }))
        },
        peer: python
          ? () =>
              timedProcess(python, [peerScript(root), 'run', champion ? c.peerChampion : c.peerFirst], {
                cwd: c.ws,
              })
          : null,
        method:
          `Whole run, ${c.title}: \`node src/cli-entry.js run models/${c.id} --store …\` (the CLI compiled from this ` +
          `checkout) ${champion ? 'against a champion promoted once before the timed repetitions (scored on the same eval rows, gate statistics)' : 'into an empty store (no champion)'} vs ` +
          `\`peer_process.py run\`: pandas read_csv, a 20% eval split, ColumnTransformer (median imputer + StandardScaler, ` +
          `most-frequent imputer + OneHotEncoder), ${c.peer.model.type === 'mlp' ? 'MLPClassifier' : 'LogisticRegression'}, predict_proba, 6 metrics, ` +
          `predictions.csv + metrics.json + pickled model${champion ? ', then pickle.load of the champion + predict_proba + metrics' : ''}.` +
          (c.example
            ? ' The evaluate-phase row is the `evaluate` stage timing the same runs record (--json results), median over the repetitions; target ≤ 100 ms.'
            : ''),
        rows: (s) => [
          wholeProcessRow(`Whole run, ${c.title}${champion ? ', with a champion' : ', no champion'}`, s, {
            note: `modelgate's own phase timings (medians, ms): ${medianTimings(s.mg)}`,
          }),
          // Issue 18's evaluate target is a phase of these very runs, read from their recorded timings.
          ...(c.example
            ? [evaluatePhaseRow(`models/${c.id}${champion ? ', with a champion' : ', no champion'}`, s)]
            : []),
        ],
      })
    }
  }
  return list
}

/** The phase timings modelgate records for the run (the --json results file): where the time went. */
function phaseTimings(file) {
  try {
    const results = JSON.parse(readFileSync(file, 'utf8'))
    return results.models?.[0]?.timings ?? null
  } catch {
    return null
  }
}

/**
 * The evaluate phase of the run rows' repetitions (the challenger's stored model loaded and scored on the
 * eval rows, its metrics): the `evaluate` stage timing of each run, median over the repetitions. The
 * champion's scoring, the gate statistics and cross-fitting are the `compare` stage, permutation importance
 * and drift the `explain` stage; both are stated beside it.
 */
function evaluatePhaseRow(title, s) {
  const row = {
    title: `Evaluate phase of the whole run, ${title} (stage timing of the run)`,
    peer: { missing: 'no peer (a phase inside the run)' },
    target: '≤ 100 ms',
  }
  const err = s.mg.find((x) => x.error)?.error
  const ms = (name) => median(s.mg.map((x) => x.timings?.[name]))
  const evaluate = ms('evaluate')
  if (err || evaluate === null) return { ...row, mg: { error: err ?? 'no recorded timings' } }
  return {
    ...row,
    mg: { seconds: evaluate / 1000, n: s.mg.length },
    met: evaluate <= 100,
    note: `beside it (medians, ms): compare ${Math.round(ms('compare') ?? NaN)} (champion scored, gate statistics, cross-fitting), explain ${Math.round(ms('explain') ?? NaN)} (drift, permutation importance)`,
  }
}

function medianTimings(samples) {
  const names = ['data', 'train', 'evaluate', 'compare', 'explain', 'store', 'total']
  return names
    .map((name) => {
      const v = median(samples.map((x) => x.timings?.[name]))
      return v === null ? null : `${name} ${Math.round(v)}`
    })
    .filter(Boolean)
    .join(', ')
}

function peerScript(root) {
  return path.join(root, 'bench', 'peer_process.py')
}

/** A whole-process row: wall time ratio (target ≤ 1×) with CPU and peak memory beside it. */
export function wholeProcessRow(title, s, { ratio = 1, note = '', memory = true } = {}) {
  const pick = (list, field) => median(list.map((x) => x[field]))
  const err = s.mg.find((x) => x.error)?.error ?? s.peer.find((x) => x.error)?.error
  const mg = err ? { error: err } : { seconds: pick(s.mg, 'seconds'), n: s.mg.length }
  const peer = s.peer.length
    ? { seconds: pick(s.peer, 'seconds'), n: s.peer.length }
    : { missing: 'peer not installed' }
  const row = { title, mg, peer, target: memory ? `≤ ${ratio}×, peak RSS ≤ peer` : `≤ ${ratio}×`, note }
  if (mg.seconds != null && peer.seconds != null) {
    row.ratio = mg.seconds / peer.seconds
    const mgMb = pick(s.mg, 'peakMb')
    const peerMb = pick(s.peer, 'peakMb')
    row.met = row.ratio <= ratio && (!memory || mgMb <= peerMb)
    row.quality = `peak RSS ${mgMb.toFixed(0)} vs ${peerMb.toFixed(0)} MiB`
    row.cpu = { mg: pick(s.mg, 'cpuSeconds'), peer: pick(s.peer, 'cpuSeconds') }
  }
  return row
}

/** CSV ingestion into typed columns, in-process on both sides (readCsv + parseColumn vs pandas.read_csv). */
export function ingestWorkloads({ cache, python, root, files }) {
  return files.map(({ id, file, title }) => ({
    id: `ingest-${id}`,
    mg: () => runChild(process.execPath, [path.join(cache, 'bench', 'mg-ingest.js'), file], { cwd: root }),
    peer: python
      ? () => runChild(python, [path.join(root, 'bench', 'peer_process.py'), 'ingest', file], { cwd: root })
      : null,
    method: `CSV ingestion, ${title}: modelgate \`readCsv\` then every column's numbers (\`parseColumn\`; the reader fills them as it splits fields) vs \`pandas.read_csv\` (C parser, default options). Timed inside each child around the read alone.`,
    rows: (s) => {
      const pick = (list, f) => median(list.map((x) => x[f]))
      const err = s.mg.find((x) => x.error)?.error
      const mg = err ? { error: err } : { seconds: pick(s.mg, 'seconds'), n: s.mg.length }
      const peer = s.peer.length
        ? { seconds: pick(s.peer, 'seconds'), n: s.peer.length }
        : { missing: 'peer not installed' }
      const row = { title: `CSV ingestion into typed columns, ${title}`, mg, peer, target: '≤ 2×' }
      if (mg.seconds != null && peer.seconds != null) {
        row.ratio = mg.seconds / peer.seconds
        row.met = row.ratio <= 2
        row.cpu = { mg: pick(s.mg, 'cpuSeconds'), peer: pick(s.peer, 'cpuSeconds') }
      }
      return [row]
    },
  }))
}

/**
 * Parquet and gzip-CSV ingestion of the flights data (issue 17) vs pandas reading the plain CSV: pandas'
 * read_parquet needs pyarrow, which Debian does not package, so the peer is its CSV reader on the same rows.
 */
export function formatIngestWorkloads({ cache, python, root, work, flights }) {
  const base = path.join(work, path.basename(flights, '.csv'))
  const formats = [
    { id: 'parquet', file: `${base}.parquet`, title: 'Parquet (hyparquet; INT32, snappy, 2 row groups)' },
    { id: 'gzip', file: `${base}.csv.gz`, title: 'gzip CSV (zlib, then the CSV reader)' },
  ]
  return formats.map(({ id, file, title }) => ({
    id: `ingest-flights-${id}`,
    // Either row may run alone (--only), so each writes the files (a second write is the same bytes).
    setup: async () => {
      const made = await runChild(
        process.execPath,
        [path.join(root, 'bench', 'write-formats.mjs'), flights, work],
        {
          cwd: root,
          expectResult: false,
        },
      )
      if (made.error) throw new Error(`writing the flights Parquet and gzip files: ${made.error}`)
    },
    mg: () =>
      runChild(process.execPath, [path.join(cache, 'bench', 'mg-ingest-format.js'), file], { cwd: root }),
    peer: python
      ? () =>
          runChild(python, [path.join(root, 'bench', 'peer_process.py'), 'ingest', flights], { cwd: root })
      : null,
    method: `Ingestion of flights_200k into typed columns from ${title}: modelgate \`readTable\` then every column's numbers vs \`pandas.read_csv\` on the plain CSV (pandas' read_parquet needs pyarrow, not in Debian). Timed inside each child around the read alone.`,
    rows: (s) => {
      const pick = (list, f) => median(list.map((x) => x[f]))
      const err = s.mg.find((x) => x.error)?.error
      const mg = err ? { error: err } : { seconds: pick(s.mg, 'seconds'), n: s.mg.length }
      const peer = s.peer.length
        ? { seconds: pick(s.peer, 'seconds'), n: s.peer.length }
        : { missing: 'peer not installed' }
      const row = {
        title: `flights_200k ingestion, ${title}, vs pandas.read_csv on the CSV`,
        mg,
        peer,
        target: '≤ 2×',
      }
      if (mg.seconds != null && peer.seconds != null) {
        row.ratio = mg.seconds / peer.seconds
        row.met = row.ratio <= 2
        row.cpu = { mg: pick(s.mg, 'cpuSeconds'), peer: pick(s.peer, 'cpuSeconds') }
      }
      return [row]
    },
  }))
}

/** The fan-out's overhead per entry (plan + report, in-process), beside an entry's own training time. */
export function fanoutWorkloads({ cache, root, flights }) {
  return [
    {
      id: 'fanout-overhead',
      mg: () =>
        runChild(process.execPath, [path.join(cache, 'bench', 'mg-fanout.js')], {
          cwd: root,
          env: { BENCH_FLIGHTS_CSV: flights },
        }),
      peer: null,
      method:
        'Fan-out overhead: a linear regression on flights_200k with a four-value `alpha` sweep, plan → four train entries → report with promotion, in one process on a directory store; (plan + report) / entries, with the mean training time of an entry (its own training, scoring and comparison) beside it. No peer: a single job has no such step.',
      rows: (s) => {
        const pick = (f) => median(s.mg.map((x) => x[f]))
        const err = s.mg.find((x) => x.error)?.error
        if (err)
          return [
            {
              title: 'fan-out overhead per entry (plan + report)',
              mg: { error: err },
              peer: { missing: 'no peer' },
            },
          ]
        return [
          {
            title: `fan-out overhead per entry (plan ${pick('planSeconds').toFixed(2)} s + report ${pick('reportSeconds').toFixed(2)} s, / 4 entries; an entry trains in ${pick('trainSecondsPerEntry').toFixed(2)} s)`,
            mg: { seconds: pick('seconds'), n: s.mg.length },
            peer: { missing: 'no single-job equivalent' },
            target: 'stated (no target)',
          },
        ]
      },
    },
  ]
}

/** Batch prediction CSV → CSV of 1,000,000 rows, whole processes: `modelgate predict` vs pandas + sklearn. */
export function predictCsvWorkloads({ cache, python, root, work, runCases }) {
  const cli = path.join(cache, 'src', 'cli-entry.js')
  const flights = runCases.find((c) => c.id === 'flights')
  const input = path.join(work, 'flights-1m.csv')
  return ['logistic', 'mlp'].map((kind) => ({
    id: `predict-csv-${kind}`,
    setup: async () => {
      const dir = path.join(flights.ws, 'models', `flights-${kind}`)
      mkdirSync(dir, { recursive: true })
      const model =
        kind === 'mlp'
          ? 'model:\n  type: mlp\n  hidden: [64, 32]\n  epochs: 1\n  batch_size: 512\n'
          : 'model:\n  type: logistic\n'
      writeFileSync(
        path.join(dir, 'modelgate.yml'),
        `task: binary\ndata:\n  train: ../flights/data.csv\n  target: late\n  positive_class: "1"\n  exclude: [delay]\n${model}`,
      )
      const made = await runChild(
        process.execPath,
        [cli, 'run', `models/flights-${kind}`, '--promote', '--store', 'store-predict'],
        {
          cwd: flights.ws,
          expectResult: false,
        },
      )
      if (made.error) throw new Error(`predict-csv-${kind}: training the model: ${made.error}`)
      if (python) {
        const config = path.join(flights.ws, `peer-predict-${kind}.json`)
        const spec =
          kind === 'mlp'
            ? { type: 'mlp', hidden: [64, 32], epochs: 1, batch_size: 512 }
            : { type: 'logistic' }
        writeFileSync(
          config,
          JSON.stringify({
            ...flights.peer,
            model: spec,
            csv: flights.csv,
            out: path.join(flights.ws, `peer-predict-${kind}`),
          }),
        )
        const peer = await runChild(python, [peerScript(root), 'run', config], {
          cwd: flights.ws,
          expectResult: false,
        })
        if (peer.error) throw new Error(`predict-csv-${kind}: the peer's model: ${peer.error}`)
      }
    },
    mg: () =>
      timedProcess(
        process.execPath,
        [
          cli,
          'predict',
          '--model',
          `flights-${kind}`,
          '--store',
          'store-predict',
          '--input',
          input,
          '--output',
          path.join(work, `mg-pred-${kind}.csv`),
        ],
        { cwd: flights.ws },
      ),
    peer: python
      ? () =>
          timedProcess(
            python,
            [
              peerScript(root),
              'predict',
              path.join(flights.ws, `peer-predict-${kind}`, 'model.pkl'),
              input,
              path.join(work, `sk-pred-${kind}.csv`),
            ],
            { cwd: flights.ws },
          )
      : null,
    method: `Batch prediction CSV → CSV, 1,000,000 flights rows, ${kind === 'mlp' ? 'MLP (64, 32)' : 'logistic'}: whole \`modelgate predict --model flights-${kind} --input … --output …\` process (load the champion from the store, read, preprocess, predict, write) vs one Python process (pickle.load, pandas read_csv, predict_proba, to_csv).`,
    rows: (s) => [
      wholeProcessRow(
        `Batch prediction CSV → CSV, 1,000,000 rows, ${kind === 'mlp' ? 'MLP (64, 32)' : 'logistic'} (whole processes)`,
        s,
        {
          ratio: 1.5,
          memory: false,
        },
      ),
    ],
  }))
}
