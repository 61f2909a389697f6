#!/usr/bin/env node
/**
 * `npm run bench:onnx` (issue 11): ONNX scoring in-process against the producing framework, and what
 * `format: command` costs per scoring.
 *
 * Row 1: 1,000,000 rows × 20 features through a PyTorch MLP (20 → 64 → 32 → 2, softmax) exported with
 *   torch.onnx.export: onnxruntime-node (native) and onnxruntime-web (wasm) in Node, each in the scorer's
 *   blocks of 65,536 rows, vs PyTorch's own forward on the same rows (one call). One thread on every side;
 *   timed: inference only (model loaded, rows in memory). Each repetition runs the three sides as separate
 *   processes in a rotating order; medians over repetitions, ratios to PyTorch.
 * Row 2: models/credit-xgb's predict.py on 849 credit rows the way modelgate runs it (writeRowsCsv, the
 *   predict command through runCommand, readPredictOutput's checks) vs XGBoost's load + predict_proba in one
 *   Python process on the same CSV. The difference is the per-scoring overhead of `format: command` (Python
 *   start, imports, CSV hand-off both ways). A run scores the challenger once and the champion once.
 *
 *   npm run bench:onnx -- [--reps 5] [--out bench/results/onnx.md]
 * The machine may be shared and noisy: compare the ratios, not the seconds.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileTypeScript, median, runChild } from './harness-run.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3'
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
const reps = Number(option('reps', '5'))
const out = option('out', path.join(root, 'bench', 'results', 'onnx.md'))
const work = mkdtempSync(path.join(os.tmpdir(), 'modelgate-bench-onnx-'))
const fmt = (v, digits = 3) => (v === null ? '—' : v.toFixed(digits))

async function must(promise, what) {
  const r = await promise
  if (r.error) throw new Error(`${what}: ${r.error}`)
  return r
}

async function onnxRow() {
  await must(runChild(PYTHON, [path.join(root, 'bench', 'onnx_peer.py'), 'prepare', work]), 'prepare')
  const sides = {
    pytorch: () => runChild(PYTHON, [path.join(root, 'bench', 'onnx_peer.py'), 'torch', work]),
    'onnxruntime-node': () =>
      runChild(process.execPath, [path.join(root, 'bench', 'onnx-score.mjs'), work, 'node'], { cwd: root }),
    'onnxruntime-web': () =>
      runChild(process.execPath, [path.join(root, 'bench', 'onnx-score.mjs'), work, 'web'], { cwd: root }),
  }
  const names = Object.keys(sides)
  const seconds = Object.fromEntries(names.map((n) => [n, []]))
  const means = {}
  for (let r = 0; r < reps; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length])
    for (const name of order) {
      const result = await must(sides[name](), name)
      seconds[name].push(result.seconds)
      means[name] = result.meanPrediction
    }
  }
  return { seconds, means }
}

async function commandRow() {
  const { dir } = await compileTypeScript(root)
  const { readCsv } = await import(path.join(dir, 'src', 'data', 'csv.js'))
  const { writeRowsCsv, readPredictOutput, describeEnv } = await import(
    path.join(dir, 'src', 'train', 'external', 'hand-off.js')
  )
  const { runCommand } = await import(path.join(dir, 'src', 'train', 'external', 'run-command.js'))
  const xgbDir = path.join(root, 'models', 'credit-xgb')
  const table = await readCsv([path.join(root, 'models', 'credit', 'credit_data.csv')])
  const features = table.header.filter((h) => h !== 'Status')
  const categorical = ['Home', 'Marital', 'Records', 'Job']
  const description = {
    target: 'Status',
    task: 'binary',
    classes: ['good', 'bad'],
    features: features.map((name) => ({
      name,
      kind: categorical.includes(name) ? 'categorical' : 'numeric',
    })),
    idColumn: null,
  }
  const model = path.join(work, 'xgb')
  mkdirSync(model)
  const all = Uint32Array.from({ length: table.rowCount }, (_, i) => i)
  const trainCsv = path.join(work, 'train.csv')
  await writeRowsCsv(trainCsv, table, all, table.header, 'bench')
  const env = { ...process.env, ...describeEnv(description) }
  const quiet = { info() {}, warn() {}, progress() {}, debug() {} }
  await runCommand({
    what: 'bench train',
    command: `${PYTHON} train.py`,
    cwd: xgbDir,
    logger: quiet,
    timeoutMs: 600_000,
    env: { ...env, MODELGATE_TRAIN_CSV: trainCsv, MODELGATE_OUTPUT_DIR: model, MODELGATE_SEED: '42' },
  })
  const rows = all.subarray(0, 849)
  await writeRowsCsv(path.join(model, 'input.csv'), table, rows, features, 'bench')
  const command = []
  const inProcess = []
  for (let r = 0; r < reps; r++) {
    const viaModelgate = async () => {
      const started = performance.now()
      const input = path.join(work, 'input.csv')
      const output = path.join(work, 'output.csv')
      await writeRowsCsv(input, table, rows, features, 'bench')
      await runCommand({
        what: 'bench predict',
        command: `${PYTHON} predict.py`,
        cwd: xgbDir,
        logger: quiet,
        timeoutMs: 600_000,
        env: { ...env, MODELGATE_MODEL_DIR: model, MODELGATE_INPUT_CSV: input, MODELGATE_OUTPUT_CSV: output },
      })
      await readPredictOutput(output, description, rows.length, 'bench')
      command.push((performance.now() - started) / 1000)
    }
    const peer = async () => {
      const result = await must(
        runChild(PYTHON, [path.join(root, 'bench', 'onnx_peer.py'), 'xgb', model], {
          env: { ...describeEnv(description), CREDIT_XGB_DIR: xgbDir },
        }),
        'xgb',
      )
      inProcess.push(result.seconds)
    }
    if (r % 2) {
      await peer()
      await viaModelgate()
    } else {
      await viaModelgate()
      await peer()
    }
  }
  return { command, inProcess }
}

try {
  const onnx = await onnxRow()
  const cmd = await commandRow()
  const torch = median(onnx.seconds.pytorch)
  const lines = [
    `## ONNX scoring and format: command (\`npm run bench:onnx\`, ${reps} repetitions, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'})`,
    '',
    'Scoring 1,000,000 rows × 20 features with a PyTorch MLP (20 → 64 → 32 → 2) exported by `torch.onnx.export`; one thread on every side; inference only, model loaded and rows in memory; each side a separate process, order rotated per repetition.',
    '',
    '| side | median s | ratio to PyTorch | mean P(class 1) |',
    '| --- | --- | --- | --- |',
    ...Object.entries(onnx.seconds).map(([name, s]) => {
      const m = median(s)
      return `| ${name} | ${fmt(m)} | ${fmt(m / torch, 2)}× | ${onnx.means[name].toFixed(7)} |`
    }),
    '',
    "XGBoost has no exporter on this machine (no onnxmltools for Debian's Python), so its row is `format: command`: models/credit-xgb/predict.py on 849 credit rows as modelgate runs it (rows to CSV, the command through the shell, strict output checks) vs load + `predict_proba` inside one Python process on the same CSV (one thread; paired, alternating order).",
    '',
    '| side | median s |',
    '| --- | --- |',
    `| modelgate runs predict.py (process start, imports, CSV both ways) | ${fmt(median(cmd.command))} |`,
    `| XGBoost load + predict_proba in-process | ${fmt(median(cmd.inProcess))} |`,
    `| overhead of format: command per scoring | ${fmt(median(cmd.command) - median(cmd.inProcess))} |`,
    '',
    'A run scores the challenger and the champion once each: about twice this overhead per model and run.',
    '',
  ]
  const text = lines.join('\n')
  process.stdout.write(`${text}\n`)
  writeFileSync(out, `${text}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
