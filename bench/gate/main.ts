import { fork } from 'node:child_process'
import { promises as fs, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { markdownTable, summarize } from './summary.js'
import { mergeShards, parseScenario, runScenario, type ScenarioRun, type TrialOptions } from './trials.js'

/**
 * `npm run bench:gate [-- --trials N --pilot P --folds K --repeats R --seeds M --models a@300,b@3000]`: runs
 * each scenario's trials in their own processes (--shards per scenario; no more at a time than cores), then
 * writes bench/results/gate.md and gate.json and prints the tables.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// Slowest first, so the two lanes finish close together.
const DEFAULT_MODELS = 'credit-tight@300,churn-logistic@714,synthetic@3000,synthetic@400,credit-logistic@300'
const USAGE = `usage: npm run bench:gate -- [--trials N (60)] [--pilot P (4)] [--folds K (5)] [--repeats R (auto's budget)] [--seeds M (auto's plan)] [--extra-seeds E (0)] [--shards S (cores ÷ scenarios)] [--models ${DEFAULT_MODELS}] [--out DIR] [--keep DIR] [--collect DIR] [--rerender gate.json]`

function positiveNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const v = Number(text)
  if (!Number.isFinite(v) || v <= 0)
    throw new Error(`--${name} "${text}": expected a positive number (${USAGE})`)
  return v
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      trials: { type: 'string' },
      pilot: { type: 'string' },
      folds: { type: 'string' },
      repeats: { type: 'string' },
      seeds: { type: 'string' },
      'extra-seeds': { type: 'string' },
      shards: { type: 'string' },
      'first-trial': { type: 'string' },
      models: { type: 'string' },
      out: { type: 'string' },
      worker: { type: 'string' },
      'worker-out': { type: 'string' },
      rerender: { type: 'string' },
      keep: { type: 'string' },
      collect: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  const options: Omit<TrialOptions, 'log'> = {
    trials: Math.round(positiveNumber('trials', values.trials, 60)),
    pilotTrials: Math.round(positiveNumber('pilot', values.pilot, 4)),
    folds: Math.max(2, Math.round(positiveNumber('folds', values.folds, 5))),
    // Absent: auto's budget chooses (as a spec without gate.crossfit.repeats).
    repeats:
      values.repeats === undefined ? undefined : Math.round(positiveNumber('repeats', values.repeats, 2)),
    // Absent: auto's plan (as a spec without gate.crossfit.seeds).
    seeds: values.seeds === undefined ? undefined : Math.round(positiveNumber('seeds', values.seeds, 1)),
    extraSeeds:
      values['extra-seeds'] === undefined
        ? 0
        : Math.round(positiveNumber('extra-seeds', values['extra-seeds'], 1)),
  }
  const models = (values.models ?? DEFAULT_MODELS).split(',').filter(Boolean)
  models.forEach(parseScenario)
  return { values, options, models }
}

/** A worker's share of the run: one scenario's trials first … first + trials − 1. */
interface Unit {
  model: string
  first: number
  trials: number
}

/**
 * Each scenario's trials cut into `shards` processes of consecutive trials (trial t always has seed
 * 1000 + 10·t, so shards give the trials one process would). Default: the cores the scenarios leave idle.
 */
function unitsOf(models: string[], trials: number, shardsFlag: string | undefined): Unit[] {
  const cores = Math.max(1, os.availableParallelism())
  const shards = Math.min(
    trials,
    Math.round(positiveNumber('shards', shardsFlag, Math.max(1, Math.floor(cores / models.length)))),
  )
  return models.flatMap((model) =>
    Array.from({ length: shards }, (_, k) => {
      const first = Math.floor((k * trials) / shards)
      return { model, first, trials: Math.floor(((k + 1) * trials) / shards) - first }
    }),
  )
}

/** Shards of one scenario merged, in the order of the scenarios. */
function mergeRuns(runs: ScenarioRun[]): ScenarioRun[] {
  const names = [...new Set(runs.map((r) => r.name))]
  return names.map((name) => mergeShards(runs.filter((r) => r.name === name)))
}

function runWorker(unit: Unit, argv: string[], out: string): Promise<void> {
  const args = [...argv, '--worker', unit.model, '--worker-out', out]
  args.push('--first-trial', String(unit.first), '--trials', String(unit.trials))
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), args, {
      execArgv: process.execArgv,
      stdio: 'inherit',
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${unit.model}: worker exited with code ${code}`)),
    )
  })
}

async function main(argv: string[]): Promise<void> {
  const { values, options, models } = parse(argv)
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`)
  if (values.worker) {
    const first = values['first-trial'] === undefined ? 0 : Number(values['first-trial'])
    const run = await runScenario(ROOT, parseScenario(values.worker), {
      ...options,
      firstTrial: first,
      log,
      onTrial: (partial) => writeFileSync(values['worker-out']!, JSON.stringify(partial)),
    })
    await fs.writeFile(values['worker-out']!, JSON.stringify(run))
    return
  }
  const outDir = path.resolve(ROOT, values.out ?? 'bench/results')
  if (values.rerender) {
    // Re-render the tables from an earlier gate.json without retraining anything.
    const saved = JSON.parse(await fs.readFile(path.resolve(values.rerender), 'utf8')) as Results
    process.stdout.write(await writeResults(outDir, saved))
    return
  }
  if (values.collect) {
    // Render the trials the workers of a --keep run have saved so far (the run may still be going).
    const dir = path.resolve(values.collect)
    const names = (await fs.readdir(dir)).filter((f) => f.endsWith('.json')).sort()
    const runs = mergeRuns(
      await Promise.all(
        names.map(async (f) => JSON.parse(await fs.readFile(path.join(dir, f), 'utf8')) as ScenarioRun),
      ),
    )
    const seconds = Math.round(Math.max(...runs.map((r) => r.seconds)))
    const results = resultsOf(values, options, models, runs, seconds)
    results.command += ` (collected from a --keep run: ${runs.map((r) => `${r.name} ${r.records.length} trials`).join(', ')})`
    process.stdout.write(await writeResults(outDir, results))
    return
  }
  // Workers save their trials after each one into `tmp` (--keep DIR: there, and kept), so that
  // --collect DIR can render a run that was cut short from the trials it finished.
  const tmp = values.keep
    ? path.resolve(values.keep)
    : await fs.mkdtemp(path.join(os.tmpdir(), 'bench-gate-'))
  await fs.mkdir(tmp, { recursive: true })
  const started = performance.now()
  const own = ['--out', '--models', '--keep', '--trials', '--shards']
  try {
    const units = unitsOf(models, options.trials, values.shards)
    const files = units.map((_u, i) => path.join(tmp, `${String(i).padStart(3, '0')}.json`))
    const passthrough = argv.filter((a, i) => !own.includes(a) && !own.includes(argv[i - 1] ?? ''))
    // One process per scenario shard; no more at a time than cores.
    const limit = Math.max(1, os.availableParallelism())
    let next = 0
    const lane = async (): Promise<void> => {
      while (next < units.length) {
        const i = next++
        await runWorker(units[i]!, passthrough, files[i]!)
      }
    }
    await Promise.all(Array.from({ length: Math.min(limit, units.length) }, lane))
    const runs = mergeRuns(
      await Promise.all(files.map(async (f) => JSON.parse(await fs.readFile(f, 'utf8')) as ScenarioRun)),
    )
    const seconds = Math.round((performance.now() - started) / 1000)
    process.stdout.write(await writeResults(outDir, resultsOf(values, options, models, runs, seconds)))
  } finally {
    if (!values.keep) await fs.rm(tmp, { recursive: true, force: true })
  }
}

function resultsOf(
  values: { models?: string },
  options: Omit<TrialOptions, 'log'>,
  models: string[],
  runs: ScenarioRun[],
  seconds: number,
): Results {
  const flags = [`--trials ${options.trials}`]
  if (options.folds !== 5) flags.push(`--folds ${options.folds}`)
  if (options.repeats !== undefined) flags.push(`--repeats ${options.repeats}`)
  if (options.seeds !== undefined) flags.push(`--seeds ${options.seeds}`)
  if (options.extraSeeds) flags.push(`--extra-seeds ${options.extraSeeds}`)
  if (values.models) flags.push(`--models ${models.join(',')}`)
  return {
    schema: 3,
    command: `npm run bench:gate -- ${flags.join(' ')}`,
    options,
    seconds,
    node: process.version,
    cores: os.availableParallelism(),
    runs,
  }
}

interface Results {
  schema: 3
  command: string
  options: Omit<TrialOptions, 'log'>
  seconds: number
  node: string
  cores: number
  runs: ScenarioRun[]
}

/** gate.md (the tables) and gate.json (summaries and every trial's outcomes); returns the Markdown. */
async function writeResults(outDir: string, results: Results): Promise<string> {
  // Shown by eval rows (the lanes run the slowest scenarios first).
  const summaries = results.runs.map(summarize).sort((a, b) => a.evalRows - b.evalRows)
  const table = markdownTable(summaries, { command: results.command })
  const work = Math.round(results.runs.reduce((a, r) => a + r.seconds, 0))
  const footer = `\nWall time ${results.seconds} s on ${results.cores} core(s) (the datasets' own run times add up to ${work} s), Node ${results.node}.\n`
  await fs.mkdir(outDir, { recursive: true })
  await fs.writeFile(path.join(outDir, 'gate.md'), table + footer)
  await fs.writeFile(
    path.join(outDir, 'gate.json'),
    `${JSON.stringify({ ...results, summaries }, null, 1)}\n`,
  )
  return table + footer
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench:gate: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
