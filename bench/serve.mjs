#!/usr/bin/env node
/**
 * `npm run bench:serve` (issue 16): `modelgate serve` against FastAPI + uvicorn serving a scikit-learn logistic
 * regression of the same data (models/credit/credit_data.csv), with autocannon: single rows and batches of
 * 100, at concurrency 1, 16 and 64; requests/s and p50/p95/p99 latency; then a hot swap under load.
 *
 *   npm run bench:serve -- [--reps 3] [--duration 5] [--out bench/results/serve.json]
 *
 * Equal cores: both servers are one process pinned to the same CPU (taskset -c 0, all threads); autocannon
 * runs in this process pinned to the other CPU (taskset -c 1). Repetitions alternate which server goes first;
 * medians over repetitions and ratios to the peer are reported. Every response must be a 2xx.
 */
import { execFileSync, spawn } from 'node:child_process'
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { parse } from 'csv-parse/sync'
import { compileTypeScript } from './harness-run.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3'
const SERVER_CPU = '0'
const LOAD_CPU = '1'

function options(argv) {
  const o = { reps: 3, duration: 5, out: path.join(root, 'bench', 'results', 'serve.json') }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--reps') o.reps = Number(argv[++i])
    else if (argv[i] === '--duration') o.duration = Number(argv[++i])
    else if (argv[i] === '--out') o.out = path.resolve(argv[++i])
    else throw new Error(`unknown flag ${argv[i]}`)
  }
  return o
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitHealthy(url, child, name) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`)
    try {
      const r = await fetch(url)
      if (r.ok) return
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  throw new Error(`${name} did not become ready at ${url}`)
}

/** A server pinned to SERVER_CPU, its output to a file: a pipe to this busy process would block its writes. */
function startServer(name, command, args, env, logFile) {
  const fd = openSync(logFile, 'w')
  const child = spawn('taskset', ['-c', SERVER_CPU, command, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  })
  closeSync(fd)
  return { name, child, log: () => readFileSync(logFile, 'utf8') }
}

function percentile(sorted, q) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
}

/** One autocannon run; every response time is kept so p95 is exact (autocannon's summary has no p95). */
function load(url, body, connections, duration) {
  return new Promise((resolve, reject) => {
    const times = []
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration },
      (error, result) => {
        if (error) return reject(error)
        times.sort((a, b) => a - b)
        resolve({
          rps: result['2xx'] / (result.duration || duration),
          p50: percentile(times, 0.5),
          p95: percentile(times, 0.95),
          p99: percentile(times, 0.99),
          requests: result.requests.total,
          errors: result.errors + result.timeouts + result.non2xx,
        })
      },
    )
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms))
  })
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

async function main(o) {
  const started = new Date()
  const loadBefore = os.loadavg()
  const { dir } = await compileTypeScript(root)
  const cli = path.join(dir, 'src', 'cli-entry.js')
  const work = mkdtempSync(path.join(os.tmpdir(), 'modelgate-bench-serve-'))
  const store = path.join(work, 'store')
  const csv = path.join(root, 'models', 'credit', 'credit_data.csv')
  const modelDir = path.join(work, 'models', 'credit')
  mkdirSync(modelDir, { recursive: true })
  copyFileSync(csv, path.join(modelDir, 'credit_data.csv'))
  const spec = (c) =>
    `task: binary\ndata:\n  train: credit_data.csv\n  target: Status\n  positive_class: bad\n  split: { fraction: 0.2, seed: 11 }\n  missing: { numeric: median, categorical: most_frequent }\nmodel:\n  type: logistic\n  C: ${c}\ngate:\n  metrics:\n    roc_auc: { max_drop: 0.05 }\n`
  const mg = (args) =>
    execFileSync(process.execPath, [cli, ...args, '--store', store], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  writeFileSync(path.join(modelDir, 'modelgate.yml'), spec(1))
  mg(['run', '--promote', '--json', 'a.json', 'models/credit'])
  writeFileSync(path.join(modelDir, 'modelgate.yml'), spec(0.5))
  mg(['run', '--json', 'b.json', '--fail-on', 'never', 'models/credit'])
  const runA = JSON.parse(readFileSync(path.join(work, 'a.json'), 'utf8')).models[0].runId
  const runB = JSON.parse(readFileSync(path.join(work, 'b.json'), 'utf8')).models[0].runId
  const pickle = path.join(work, 'peer.pkl')
  execFileSync(PYTHON, [path.join(root, 'bench', 'serve_peer.py'), 'fit', csv, 'Status', 'bad', pickle])

  // Rows as a client sends them: numbers as numbers, missing cells as null.
  const records = parse(readFileSync(csv), { columns: true, skip_empty_lines: true })
  const rows = records.slice(0, 100).map((r) => {
    const out = {}
    for (const [k, v] of Object.entries(r)) {
      if (k === 'Status') continue
      out[k] = v === '' || v === 'NA' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v
    }
    return out
  })
  const payloads = {
    'single row': JSON.stringify({ rows: rows.slice(0, 1) }),
    'batch of 100': JSON.stringify({ rows }),
  }

  const mgPort = 18500 + Math.floor(Math.random() * 400)
  const pyPort = mgPort + 1
  const servers = {
    modelgate: startServer(
      'modelgate serve',
      process.execPath,
      [
        cli,
        'serve',
        '--store',
        store,
        '--model',
        'credit',
        '--alias',
        'champion',
        '--port',
        String(mgPort),
        '--poll-seconds',
        '1',
      ],
      {},
      path.join(work, 'modelgate.log'),
    ),
    fastapi: startServer(
      'FastAPI + uvicorn',
      PYTHON,
      [
        '-m',
        'uvicorn',
        'serve_peer:app',
        '--app-dir',
        path.join(root, 'bench'),
        '--port',
        String(pyPort),
        '--workers',
        '1',
      ],
      { MODEL: pickle },
      path.join(work, 'fastapi.log'),
    ),
  }
  const urls = {
    modelgate: `http://127.0.0.1:${mgPort}/v1/models/credit/predict`,
    fastapi: `http://127.0.0.1:${pyPort}/v1/models/credit/predict`,
  }
  const results = []
  try {
    await waitHealthy(`http://127.0.0.1:${mgPort}/ready`, servers.modelgate.child, 'modelgate serve')
    await waitHealthy(`http://127.0.0.1:${pyPort}/health`, servers.fastapi.child, 'uvicorn')
    // Same answers first: the two fits agree closely (same objective), so the comparison is like with like.
    const answers = {}
    for (const side of ['modelgate', 'fastapi']) {
      const r = await fetch(urls[side], {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payloads['batch of 100'],
      })
      answers[side] = (await r.json()).predictions.map((p) => p.probabilities.bad)
    }
    const diffs = answers.modelgate.map((p, i) => Math.abs(p - answers.fastapi[i]))
    const maxDiff = Math.max(...diffs)
    const medianDiff = median(diffs)
    console.error(
      `|P(bad) modelgate − scikit-learn| over 100 rows: median ${medianDiff.toExponential(2)}, max ${maxDiff.toExponential(2)}`,
    )
    for (const side of ['modelgate', 'fastapi']) await load(urls[side], payloads['single row'], 8, 2) // warm up
    for (let rep = 0; rep < o.reps; rep++) {
      for (const [payload, body] of Object.entries(payloads)) {
        for (const connections of [1, 16, 64]) {
          const order = (rep + connections) % 2 === 0 ? ['modelgate', 'fastapi'] : ['fastapi', 'modelgate']
          for (const side of order) {
            const r = await load(urls[side], body, connections, o.duration)
            results.push({ rep, side, payload, connections, ...r })
            console.error(
              `rep ${rep + 1} ${side.padEnd(9)} ${payload.padEnd(12)} c=${String(connections).padEnd(2)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms  errors ${r.errors}`,
            )
          }
        }
      }
    }
    // Hot swap under load: promote run B while 16 connections send single rows; serve polls every second.
    const swapRun = load(urls.modelgate, payloads['single row'], 16, 6)
    await sleep(2000)
    mg(['promote', 'credit', runB])
    const swap = await swapRun
    await sleep(200)
    const swapped = servers.modelgate
      .log()
      .includes(
        `"msg":"serving run","model":"credit","alias":"champion","run_id":"${runB}","previous":"${runA}"`,
      )
    const after = await (
      await fetch(urls.modelgate, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payloads['single row'],
      })
    ).json()
    const hotSwap = { ...swap, swapped, servingAfter: after.run_id, from: runA, to: runB }
    console.error(
      `hot swap under load: ${swap.requests} requests, ${swap.errors} errors, swapped ${swapped}, now serving ${after.run_id}`,
    )

    const rowsOut = []
    for (const payload of Object.keys(payloads))
      for (const connections of [1, 16, 64]) {
        const pick = (side) =>
          results.filter((r) => r.side === side && r.payload === payload && r.connections === connections)
        const m = (side, key) => median(pick(side).map((r) => r[key]))
        const row = { payload, connections }
        for (const side of ['modelgate', 'fastapi'])
          row[side] = {
            rps: m(side, 'rps'),
            p50: m(side, 'p50'),
            p95: m(side, 'p95'),
            p99: m(side, 'p99'),
            errors: pick(side).reduce((a, r) => a + r.errors, 0),
          }
        row.throughputRatio = row.modelgate.rps / row.fastapi.rps
        // Per repetition (the two sides ran back to back): the median of those ratios, less exposed to drift.
        const mgRuns = pick('modelgate')
        row.pairedThroughputRatio = median(
          pick('fastapi').map((f) => mgRuns.find((r) => r.rep === f.rep).rps / f.rps),
        )
        row.p99Ratio = row.modelgate.p99 / row.fastapi.p99
        rowsOut.push(row)
      }
    const summary = {
      startedAt: started.toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model,
        loadavgBefore: loadBefore,
        loadavgAfter: os.loadavg(),
      },
      setup: `both servers one process pinned to CPU ${SERVER_CPU} (taskset, all threads); autocannon pinned to CPU ${LOAD_CPU}; ${o.reps} alternating repetitions of ${o.duration} s each; medians`,
      peer: 'FastAPI + uvicorn (Debian python3-fastapi, uvicorn; one worker) serving a scikit-learn 1.2 Pipeline(ColumnTransformer(impute+scale, impute+one-hot), LogisticRegression) on the same CSV',
      modelgate:
        'modelgate serve (node, tfjs wasm backend) on a logistic run of the same CSV, request log on',
      probabilityDifference: { median: medianDiff, max: maxDiff },
      rows: rowsOut,
      hotSwap,
      raw: results,
    }
    mkdirSync(path.dirname(o.out), { recursive: true })
    writeFileSync(o.out, `${JSON.stringify(summary, null, 2)}\n`)
    const table = markdown(summary)
    writeFileSync(o.out.replace(/\.json$/, '.md'), table)
    console.log(table)
  } finally {
    for (const s of Object.values(servers)) {
      s.child.kill('SIGTERM')
    }
    await sleep(500)
    rmSync(work, { recursive: true, force: true })
  }
}

function markdown(s) {
  const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1))
  const lines = [
    `### modelgate serve vs FastAPI + uvicorn (${s.startedAt.slice(0, 16)}Z)`,
    '',
    `${s.setup}. The machine was shared and loaded (load average ${s.machine.loadavgBefore.map((x) => x.toFixed(1)).join(' / ')} at the start, on ${s.machine.cpus} CPUs): absolute numbers are noisy, the ratios within a row are the comparison.`,
    '',
    '| payload | conc. | modelgate req/s | FastAPI req/s | ratio (paired) | modelgate p50 / p95 / p99 ms | FastAPI p50 / p95 / p99 ms | p99 ratio | errors |',
    '|---|---:|---:|---:|---:|---|---|---:|---:|',
  ]
  for (const r of s.rows) {
    const lat = (x) => `${f(x.p50)} / ${f(x.p95)} / ${f(x.p99)}`
    lines.push(
      `| ${r.payload} | ${r.connections} | ${f(r.modelgate.rps)} | ${f(r.fastapi.rps)} | ${r.throughputRatio.toFixed(2)}× (${r.pairedThroughputRatio.toFixed(2)}×) | ${lat(r.modelgate)} | ${lat(r.fastapi)} | ${r.p99Ratio.toFixed(2)} | ${r.modelgate.errors} / ${r.fastapi.errors} |`,
    )
  }
  const h = s.hotSwap
  lines.push(
    '',
    `Hot swap under load (16 connections, single rows, promote during the run, poll every 1 s): ${h.requests} requests, ${h.errors} errors, swapped ${h.from} → ${h.to}: ${h.swapped ? 'yes' : 'NO'}; serving ${h.servingAfter} after.`,
    `Both answer the same rows with the same kind of model: |P(bad)| differs between the two fits by ${s.probabilityDifference.median.toFixed(3)} (median; max ${s.probabilityDifference.max.toFixed(3)}) on 100 rows, modelgate's fit seeing its 80% train split and scikit-learn's every row.`,
  )
  return `${lines.join('\n')}\n`
}

// Pin this process (the load generator) to its own CPU, once.
if (!process.env.BENCH_SERVE_PINNED) {
  const args = ['-c', LOAD_CPU, process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)]
  const child = spawn('taskset', args, { stdio: 'inherit', env: { ...process.env, BENCH_SERVE_PINNED: '1' } })
  child.on('exit', (code) => process.exit(code ?? 1))
} else {
  await main(options(process.argv.slice(2)))
}
