/**
 * modelgate side of the training rows: `node --import ./__tests__/harness/ts-loader.mjs bench/mg-train.ts
 * <workdir> <logistic|mlp> <synthetic|flights>`. Times the fit alone (data already in typed arrays), and
 * for flights also end to end (read the CSV, fit the preprocessing, transform, fit). Prints one BENCH line.
 */
import { readCsv, columnOf, type RawTable } from '../src/data/csv.js'
import { fitPreprocessor, transform, type Preprocessor } from '../src/data/preprocess.js'
import { rocAuc } from '../src/evaluate/metrics-binary.js'
import { predictNet } from '../src/train/forward.js'
import { fitLinear, type TrainingData } from '../src/train/linear.js'
import { fitMlp } from '../src/train/mlp.js'
import type { DenseNet, TrainSummary } from '../src/train/model-types.js'
import { silentLogger } from '../src/util/logger.js'
import {
  cpuMs,
  FLIGHTS_CSV,
  FLIGHTS_TEST_EVERY,
  logisticConfig,
  mlpConfig,
  readMatrix,
  report,
  type Matrix,
} from './bench-data.js'

type Fit = (data: TrainingData) => { net: DenseNet; summary: TrainSummary }

/** Train/test rows of the flights table and the target delay > 15 (the same rule as bench/peer.py). */
export function flightsSplit(table: RawTable): { train: Uint32Array; test: Uint32Array; y: Uint8Array } {
  const delay = columnOf(table, 'delay', 'target')
  const y = new Uint8Array(table.rowCount)
  const nTest = Math.floor(table.rowCount / FLIGHTS_TEST_EVERY)
  const train = new Uint32Array(table.rowCount - nTest)
  const test = new Uint32Array(nTest)
  for (let i = 0, a = 0, b = 0; i < table.rowCount; i++) {
    const v = Number(delay[i])
    if (!Number.isFinite(v))
      throw new Error(`${FLIGHTS_CSV}: row ${i + 1}: delay "${delay[i]}" is not a number`)
    y[i] = v > 15 ? 1 : 0
    if (i % FLIGHTS_TEST_EVERY === FLIGHTS_TEST_EVERY - 1) test[b++] = i
    else train[a++] = i
  }
  return { train, test, y }
}

export const FLIGHTS_FEATURES = [
  { name: 'distance', kind: 'numeric' as const },
  { name: 'time', kind: 'numeric' as const },
]
export const FLIGHTS_PREPROCESSING = {
  missing: { numeric: 'median' as const, categorical: 'most_frequent' as const },
  unseen_category: 'zeros' as const,
}

function pick(y: Uint8Array, rows: Uint32Array): Uint8Array {
  return Uint8Array.from(rows, (r) => y[r]!)
}

/** Read, preprocess (fitted on the train rows) and return train/test matrices: the "end to end" part. */
export async function loadFlights(): Promise<{ train: Matrix; test: Matrix; pre: Preprocessor }> {
  const table = await readCsv([FLIGHTS_CSV])
  const split = flightsSplit(table)
  const pre = fitPreprocessor(table, split.train, FLIGHTS_FEATURES, FLIGHTS_PREPROCESSING)
  const tr = transform(pre, table, split.train)
  const te = transform(pre, table, split.test)
  return {
    train: { x: tr.x, y: pick(split.y, split.train), n: tr.n, d: tr.d },
    test: { x: te.x, y: pick(split.y, split.test), n: te.n, d: te.d },
    pre,
  }
}

export function trainingData(m: Matrix): TrainingData {
  return { x: m.x, n: m.n, d: m.d, y: m.y, task: 'binary', classes: 1 }
}

async function main(): Promise<void> {
  const [dir, model, dataset] = process.argv.slice(2)
  if (
    !dir ||
    (model !== 'logistic' && model !== 'mlp') ||
    (dataset !== 'synthetic' && dataset !== 'flights')
  ) {
    throw new Error('usage: mg-train.ts <workdir> <logistic|mlp> <synthetic|flights>')
  }
  const fit: Fit =
    model === 'logistic'
      ? (data) => fitLinear(data, logisticConfig(), silentLogger)
      : (data) => fitMlp(data, mlpConfig(), silentLogger)
  let train: Matrix
  let test: Matrix
  let loadSeconds: number | null = null
  const loadStart = performance.now()
  if (dataset === 'synthetic') {
    train = readMatrix(dir, 'synthetic-train')
    test = readMatrix(dir, 'synthetic-test')
  } else {
    ;({ train, test } = await loadFlights())
    loadSeconds = (performance.now() - loadStart) / 1000
  }
  const fitStart = performance.now()
  const cpuStart = cpuMs()
  const { net, summary } = fit(trainingData(train))
  const cpuSeconds = (cpuMs() - cpuStart) / 1000
  const fitSeconds = (performance.now() - fitStart) / 1000
  const auc = rocAuc(test.y, predictNet(net, test.x, test.n))
  report({
    seconds: fitSeconds,
    cpuSeconds,
    e2eSeconds: loadSeconds === null ? null : loadSeconds + fitSeconds,
    auc,
    // L-BFGS iterations; for the MLP, epochs (what scikit-learn's n_iter_ counts) and minibatch steps.
    iterations: summary.epochs ?? summary.iterations,
    steps: summary.epochs === undefined ? null : summary.iterations,
    converged: summary.converged,
    finalLoss: summary.finalLoss,
  })
}

// Run as a script (source or the harness's compiled copy), not when mg-predict.ts imports the helpers above.
if (/mg-train\.[jt]s$/.test(process.argv[1] ?? '')) await main()
