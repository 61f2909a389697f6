import { fork } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { markdownTable, summarize } from './summary.js'
import { parseScenario, runScenario, type ScenarioRun, type TrialOptions } from './trials.js'

/**
 * `npm run bench:gate [-- --trials N --pilot P --folds K --repeats R --models a@300+cf,b@3000]`: runs each
 * scenario in its own process (two at a time on two cores), then writes bench/results/gate.md and gate.json
 * and prints the tables.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const DEFAULT_MODELS =
  'credit-logistic@300+cf,synthetic@400+cf,churn-logistic@714+cf,synthetic@3000+cf,credit-tight@300'
const USAGE = `usage: npm run bench:gate -- [--trials N (60)] [--pilot P (4)] [--folds K (5)] [--repeats R (2)] [--models ${DEFAULT_MODELS}] [--out DIR] [--rerender gate.json]`

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
      models: { type: 'string' },
      out: { type: 'string' },
      worker: { type: 'string' },
      'worker-out': { type: 'string' },
      rerender: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  const options: Omit<TrialOptions, 'log'> = {
    trials: Math.round(positiveNumber('trials', values.trials, 60)),
    pilotTrials: Math.round(positiveNumber('pilot', values.pilot, 4)),
    folds: Math.max(2, Math.round(positiveNumber('folds', values.folds, 5))),
    repeats: Math.round(positiveNumber('repeats', values.repeats, 2)),
  }
  const models = (values.models ?? DEFAULT_MODELS).split(',').filter(Boolean)
  models.forEach(parseScenario)
  return { values, options, models }
}

function runWorker(model: string, argv: string[], out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [...argv, '--worker', model, '--worker-out', out], {
      execArgv: process.execArgv,
      stdio: 'inherit',
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${model}: worker exited with code ${code}`)),
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
    const run = await runScenario(ROOT, parseScenario(values.worker), { ...options, log })
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
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-gate-'))
  const started = performance.now()
  try {
    const files = models.map((_m, i) => path.join(tmp, `${i}.json`))
    const passthrough = argv.filter(
      (a, i) => !['--out', '--models'].includes(a) && !['--out', '--models'].includes(argv[i - 1] ?? ''),
    )
    // One process per dataset; no more at a time than cores.
    const limit = Math.max(1, os.availableParallelism())
    let next = 0
    const lane = async (): Promise<void> => {
      while (next < models.length) {
        const i = next++
        await runWorker(models[i]!, passthrough, files[i]!)
      }
    }
    await Promise.all(Array.from({ length: Math.min(limit, models.length) }, lane))
    const runs = await Promise.all(
      files.map(async (f) => JSON.parse(await fs.readFile(f, 'utf8')) as ScenarioRun),
    )
    const flags = [`--trials ${options.trials}`]
    if (options.folds !== 5 || options.repeats !== 2)
      flags.push(`--folds ${options.folds} --repeats ${options.repeats}`)
    if (values.models) flags.push(`--models ${models.join(',')}`)
    const seconds = Math.round((performance.now() - started) / 1000)
    const results: Results = {
      schema: 2,
      command: `npm run bench:gate -- ${flags.join(' ')}`,
      options,
      seconds,
      node: process.version,
      cores: os.availableParallelism(),
      runs,
    }
    process.stdout.write(await writeResults(outDir, results))
  } finally {
    await fs.rm(tmp, { recursive: true, force: true })
  }
}

interface Results {
  schema: 2
  command: string
  options: Omit<TrialOptions, 'log'>
  seconds: number
  node: string
  cores: number
  runs: ScenarioRun[]
}

/** gate.md (the tables) and gate.json (summaries and every trial's outcomes); returns the Markdown. */
async function writeResults(outDir: string, results: Results): Promise<string> {
  const summaries = results.runs.map(summarize)
  const table = markdownTable(summaries, {
    command: results.command,
    folds: results.options.folds,
    repeats: results.options.repeats,
  })
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
