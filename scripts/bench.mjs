#!/usr/bin/env node
/**
 * `npm run bench` (issue 6): modelgate side by side with scikit-learn/numpy and the AWS CLI on the same
 * machine, same data, alternating repetitions; medians and ratios are printed and written to BENCHMARKS.md.
 *
 *   npm run bench -- [--reps 5] [--min-reps 3] [--budget 60] [--only id,id] [--out BENCHMARKS.md]
 *                    [--upload-mb 100] [--keep]
 * --budget: seconds after which a workload stops repeating (once it has --min-reps). --only runs some
 * workloads and writes nothing unless --out is given. --keep leaves the generated inputs in place (for
 * profiling by hand). Workload ids:
 * logistic-synthetic, logistic-flights, mlp-synthetic, mlp-flights, metrics, predict-logistic, predict-mlp,
 * ingest-flights, ingest-mixed, ingest-flights-parquet, ingest-flights-gzip, fanout-overhead, run-{mixed,flights,churn,credit}[-champion], predict-csv-{logistic,mlp},
 * cold-start, upload, cnn-fashion (PyTorch peer: python3-torch). Peers missing from the machine give rows that say how to install them, never numbers;
 * BENCH_PYTHON and BENCH_AWS override where they are looked for (default /usr/bin/python3, /usr/bin/aws).
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { prepareRunCases } from '../bench/harness-process.mjs'
import { alternate, compileTypeScript, runChild } from '../bench/harness-run.mjs'
import { renderMarkdown, tableText } from '../bench/harness-report.mjs'
import { workloads } from '../bench/harness-rows.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// Debian's python3-sklearn and awscli; the variables exist to point elsewhere (or at nothing, to see the
// "peer not installed" rows).
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3'
const AWS = process.env.BENCH_AWS ?? '/usr/bin/aws'
/** sha256 of bench/data/flights_200k.csv (npm vega-datasets 3.2.1, flights-200k.json as CSV). */
const FLIGHTS_SHA256 = 'e65cd3d6f78898485c68ddf34e428d7c53d1f396e94f0276f7bdad24abf4c28f'

function parseArgs(argv) {
  const options = {
    reps: 5,
    minReps: 3,
    budgetSeconds: 60,
    only: null,
    out: null,
    uploadMb: 100,
    keep: false,
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${flag} needs a value`)
      return v
    }
    const positive = (v) => {
      const n = Number(v)
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: expected a positive integer, got "${v}"`)
      return n
    }
    if (flag === '--reps') options.reps = positive(value())
    else if (flag === '--min-reps') options.minReps = positive(value())
    else if (flag === '--budget') options.budgetSeconds = positive(value())
    else if (flag === '--only') options.only = value().split(',')
    else if (flag === '--out') options.out = value()
    else if (flag === '--upload-mb') options.uploadMb = positive(value())
    else if (flag === '--keep') options.keep = true
    else throw new Error(`unknown option ${flag}; see the comment at the top of scripts/bench.mjs`)
  }
  options.minReps = Math.min(options.minReps, options.reps)
  // A partial run (--only) must not replace the full table unless asked to.
  options.out ??= options.only ? null : 'BENCHMARKS.md'
  return options
}

function tryRun(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
  } catch {
    return null
  }
}

function machineInfo(python, aws) {
  const cpus = os.cpus()
  const tfjs = JSON.parse(
    readFileSync(path.join(root, 'node_modules/@tensorflow/tfjs/package.json'), 'utf8'),
  ).version
  const versions = python
    ? tryRun(python, [
        '-c',
        'import sys, numpy, sklearn, pandas; print(f"Python {sys.version.split()[0]}, numpy {numpy.__version__}, scikit-learn {sklearn.__version__}, pandas {pandas.__version__}")',
      ])
    : null
  const blas = tryRun('readlink', ['-f', '/usr/lib/x86_64-linux-gnu/libblas.so.3'])
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    os: `${os.type()} ${os.release()}`,
    memoryGb: (os.totalmem() / 1024 ** 3).toFixed(0),
    node: process.version,
    tfjs,
    python: versions
      ? `${versions} (${PYTHON}; BLAS ${blas ?? 'unknown'})`
      : 'not installed (apt-get install python3-sklearn python3-pandas)',
    aws: aws ? (tryRun(aws, ['--version']) ?? 'unknown version') : 'not installed (apt-get install awscli)',
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2))
  const started = performance.now()
  const log = (line) => process.stderr.write(`${line}\n`)
  const python =
    existsSync(PYTHON) && tryRun(PYTHON, ['-c', 'import sklearn, numpy, pandas']) !== null ? PYTHON : null
  const aws = existsSync(AWS) ? AWS : null
  const machine = machineInfo(python, aws)
  machine.loadBefore = os.loadavg()
  log(
    `bench: ${machine.cpu}, ${machine.cores} cores; peer ${python ? 'scikit-learn' : 'MISSING'}, aws ${aws ? 'present' : 'MISSING'}`,
  )

  const compiled = await compileTypeScript(root)
  log(`bench: compiled ${compiled.files} TypeScript files into ${path.relative(root, compiled.dir)}`)
  const work = mkdtempSync(path.join(os.tmpdir(), 'modelgate-bench-'))
  // Committed with the repository (bench/data/DATA.md says where it comes from), checked byte for byte.
  const flights = path.join(root, 'bench', 'data', 'flights_200k.csv')
  const flightsSha = createHash('sha256').update(readFileSync(flights)).digest('hex')
  if (flightsSha !== FLIGHTS_SHA256)
    throw new Error(`${flights}: sha256 ${flightsSha}, expected ${FLIGHTS_SHA256} (see bench/data/DATA.md)`)
  const env = { BENCH_FLIGHTS_CSV: flights }
  const step = async (label, command, args) => {
    const t = performance.now()
    const result = await runChild(command, args, { cwd: root, env })
    if (result.error) throw new Error(`${label}: ${result.error}`)
    log(`bench: ${label} (${((performance.now() - t) / 1000).toFixed(1)} s)`)
    return result
  }
  const prepared = await step('generated inputs', process.execPath, [
    path.join(compiled.dir, 'bench/prepare.js'),
    work,
    '--upload-mb',
    String(options.uploadMb),
  ])
  const mixedCsv = path.join(work, 'mixed-250k.csv')
  await step('generated the 250,000 × 10 mixed CSV', process.execPath, [
    path.join(compiled.dir, 'bench/mixed-data.js'),
    mixedCsv,
  ])
  const runCases = prepareRunCases({ root, work, mixedCsv, flightsCsv: flights })
  const wantsPredict = !options.only || options.only.some((id) => id.startsWith('predict'))
  if (wantsPredict) {
    await step('saved modelgate models for prediction', process.execPath, [
      path.join(compiled.dir, 'bench/mg-predict.js'),
      'prepare',
      work,
    ])
    if (python)
      await step('pickled scikit-learn pipelines for prediction', python, [
        path.join(root, 'bench/peer.py'),
        'predict-prepare',
        work,
      ])
  }

  const ctx = {
    cache: compiled.dir,
    work,
    python,
    aws,
    root,
    flights,
    only: options.only,
    uploadBytes: prepared.uploadBytes,
    runCases,
    files: [
      { id: 'flights', file: flights, title: 'flights_200k.csv (200,000 × 3 integers, 4.2 MB)' },
      {
        id: 'mixed',
        file: mixedCsv,
        title: 'generated 250,000 × 10 mixed (6 numeric, 3 categorical, 1 label; 14 MB)',
      },
    ],
  }
  const rows = []
  const results = []
  try {
    for (const workload of await workloads(ctx)) {
      log(`bench: ${workload.id}`)
      await workload.setup?.()
      try {
        const samples = await alternate({
          mg: workload.mg,
          peer: workload.peer,
          reps: options.reps,
          minReps: options.minReps,
          budgetSeconds: options.budgetSeconds,
          log,
        })
        results.push({ id: workload.id, samples, method: workload.method })
        rows.push(...workload.rows(samples).map((row) => ({ ...row, workload: workload.id })))
      } finally {
        await workload.teardown?.()
      }
    }
  } finally {
    if (options.keep) log(`bench: inputs kept in ${work}`)
    else rmSync(work, { recursive: true, force: true })
  }
  const totalSeconds = (performance.now() - started) / 1000
  machine.loadAfter = os.loadavg()
  process.stdout.write(`\n${tableText(rows)}\n\n`)
  if (options.out) {
    writeFileSync(
      path.resolve(root, options.out),
      renderMarkdown({ machine, rows, results, options, totalSeconds }),
    )
    log(`bench: wrote ${options.out} (${Math.round(totalSeconds)} s in all)`)
  } else
    log(
      `bench: partial run (--only): nothing written; add --out FILE to write the table (${Math.round(totalSeconds)} s)`,
    )
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
