import { fork } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { markdownTable, summarize } from './summary.js'
import { parseScenario, runDataset, type DatasetRun, type TrialOptions } from './trials.js'

/**
 * `npm run bench:gate [-- --trials N --share S --pilot P --models churn,credit]`: runs each dataset in its own
 * process (two at a time on two cores), then writes bench/results/gate.md and gate.json and prints the table.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const USAGE =
  'usage: npm run bench:gate -- [--trials N (40)] [--share S (0.8)] [--pilot P (6)] [--target-ratio R (1.1)] [--max-features K (all)] [--weaker F,F (0.5,0.75)] [--models churn,credit,credit-tight@300,credit-logistic@300] [--out DIR] [--rerender gate.json]'

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
      share: { type: 'string' },
      pilot: { type: 'string' },
      'target-ratio': { type: 'string' },
      'max-features': { type: 'string' },
      weaker: { type: 'string' },
      models: { type: 'string' },
      out: { type: 'string' },
      worker: { type: 'string' },
      'worker-out': { type: 'string' },
      rerender: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  const share = positiveNumber('share', values.share, 0.8)
  if (share > 1) throw new Error(`--share ${share}: expected a share of the training rows in (0, 1]`)
  const options: Omit<TrialOptions, 'log'> = {
    trials: Math.round(positiveNumber('trials', values.trials, 40)),
    share,
    pilotTrials: Math.round(positiveNumber('pilot', values.pilot, 6)),
    targetRatio: positiveNumber('target-ratio', values['target-ratio'], 1.1),
    maxFeatures: Math.round(positiveNumber('max-features', values['max-features'], 1000)),
    weaker: (values.weaker ?? '0.5,0.75')
      .split(',')
      .filter(Boolean)
      .map((f) => positiveNumber('weaker', f, 0)),
  }
  const models = (values.models ?? 'churn,credit,credit-tight@300,credit-logistic@300')
    .split(',')
    .filter(Boolean)
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
    const run = await runDataset(ROOT, parseScenario(values.worker), { ...options, log })
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
      files.map(async (f) => JSON.parse(await fs.readFile(f, 'utf8')) as DatasetRun),
    )
    const flags = [`--trials ${options.trials}`]
    if (options.share !== 0.8) flags.push(`--share ${options.share}`)
    if (values.models) flags.push(`--models ${models.join(',')}`)
    const seconds = Math.round((performance.now() - started) / 1000)
    const results: Results = {
      schema: 1,
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
  schema: 1
  command: string
  options: Omit<TrialOptions, 'log'>
  seconds: number
  node: string
  cores: number
  runs: DatasetRun[]
}

/** gate.md (the tables) and gate.json (summaries and every trial's outcomes); returns the Markdown. */
async function writeResults(outDir: string, results: Results): Promise<string> {
  const summaries = results.runs.map(summarize)
  const table = markdownTable(summaries, {
    trials: results.options.trials,
    share: results.options.share,
    command: results.command,
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
