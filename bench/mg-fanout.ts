/**
 * The fan-out's overhead per entry (`npm run bench`, issue 17): a linear model on the flights data with a sweep
 * of four `alpha` values, run in-process as plan → four train entries → report (with promotion) on a directory
 * store. The overhead is what a single job would not do: planning and gathering (the report job reads every
 * record, loads the data once more and re-scores the chosen run to promote it), divided by the entries.
 * Prints one BENCH line: seconds = (plan + report) / entries, with the entries' mean training time beside it.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadSpecs } from '../src/pipeline/run-all.js'
import { buildPlan } from '../src/pipeline/fanout-plan.js'
import { trainEntry } from '../src/pipeline/fanout-train.js'
import { gatherReport } from '../src/pipeline/fanout-report.js'
import type { PipelineDeps } from '../src/pipeline/types.js'
import { FsObjectStore } from '../src/store/fs-store.js'
import { Registry } from '../src/store/registry.js'
import { loadTf } from '../src/train/tf-runtime.js'
import { systemClock } from '../src/util/clock.js'
import { silentLogger } from '../src/util/logger.js'
import { FLIGHTS_CSV, report } from './bench-data.js'

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-fanout-'))
try {
  const model = path.join(dir, 'models', 'flights')
  await fs.mkdir(model, { recursive: true })
  await fs.copyFile(FLIGHTS_CSV, path.join(model, 'flights.csv'))
  await fs.writeFile(
    path.join(model, 'modelgate.yml'),
    'task: regression\ndata:\n  train: flights.csv\n  target: delay\nmodel:\n  type: linear\nsweep:\n  params:\n    alpha: [0, 1, 10, 100]\n',
  )
  await fs.mkdir(path.join(dir, 'store'))
  const deps: PipelineDeps = {
    registry: new Registry(new FsObjectStore(path.join(dir, 'store')), systemClock),
    storeWritable: true,
    logger: silentLogger,
    clock: systemClock,
    runtime: () => loadTf({ cwd: dir, logger: silentLogger }),
    git: { commit: null, ref: null, dirty: false },
    actor: 'bench',
    toolVersion: 'bench',
  }
  const cpu = process.cpuUsage()
  let t = performance.now()
  const specs = await loadSpecs(['models/flights'], dir)
  const plan = await buildPlan(specs, { changedOnly: false })
  const planSeconds = (performance.now() - t) / 1000
  t = performance.now()
  for (const entry of plan.entries) await trainEntry(specs, entry.entry, deps, '1')
  const trainSeconds = (performance.now() - t) / 1000
  t = performance.now()
  const results = await gatherReport(specs, plan, deps, '1', { promote: true })
  const reportSeconds = (performance.now() - t) / 1000
  if (!results.models[0]?.promoted)
    throw new Error(`the report did not promote: ${results.models[0]?.promoteNote}`)
  const used = process.cpuUsage(cpu)
  const n = plan.entries.length
  report({
    seconds: (planSeconds + reportSeconds) / n,
    cpuSeconds: (used.user + used.system) / 1e6,
    rows: n,
    planSeconds,
    reportSeconds,
    trainSecondsPerEntry: trainSeconds / n,
  })
} finally {
  await fs.rm(dir, { recursive: true, force: true })
}
