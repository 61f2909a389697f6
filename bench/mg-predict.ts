/**
 * modelgate side of the batch-prediction row.
 *   mg-predict.ts prepare <workdir>                fit logistic + MLP on the flights train rows and save them
 *                                                  as a run stores them (tfjs layers files + preprocess.json)
 *   mg-predict.ts predict <workdir> <logistic|mlp> score flights-1m.csv (1,000,000 rows)
 * Timed: loading the saved model, `transform` (the fitted preprocessing) and `predictTf` on the wasm backend,
 * i.e. what `scoreRows` does for a dense model. Reading the CSV and starting tfjs are reported separately, not timed in.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { readCsv } from '../src/data/csv.js'
import { transform } from '../src/data/preprocess.js'
import { MODEL_DIR, PREPROCESS_JSON, serializeBundle, type ScoringBundle } from '../src/evaluate/score.js'
import { loadTfModel, MODEL_JSON, predictTf, saveTfModel, WEIGHTS_BIN } from '../src/train/model-io.js'
import { fitLinear } from '../src/train/linear.js'
import { fitMlp } from '../src/train/mlp.js'
import { loadTf } from '../src/train/tf-runtime.js'
import { silentLogger } from '../src/util/logger.js'
import { cpuMs, logisticConfig, mlpConfig, report } from './bench-data.js'
import { loadFlights, trainingData } from './mg-train.js'

const KINDS = ['logistic', 'mlp'] as const
export const PREDICT_EPOCHS = 1
type Kind = (typeof KINDS)[number]

async function prepare(dir: string): Promise<void> {
  const runtime = await loadTf({ cwd: process.cwd(), logger: silentLogger, backend: 'wasm' })
  const { train, pre } = await loadFlights()
  for (const kind of KINDS) {
    const data = trainingData(train)
    // One epoch: the weights do not change what a prediction costs, and the peer's MLP is fitted the same way.
    const { net } =
      kind === 'logistic'
        ? fitLinear(data, logisticConfig(), silentLogger)
        : fitMlp(data, mlpConfig(PREDICT_EPOCHS), silentLogger)
    const files = await saveTfModel(runtime.tf, net)
    const root = path.join(dir, `mg-${kind}`)
    mkdirSync(path.join(root, MODEL_DIR), { recursive: true })
    writeFileSync(path.join(root, MODEL_DIR, MODEL_JSON), files[MODEL_JSON]!)
    writeFileSync(path.join(root, MODEL_DIR, WEIGHTS_BIN), files[WEIGHTS_BIN]!)
    const target = { column: 'delay', task: 'binary' as const, classes: ['0', '1'] }
    writeFileSync(
      path.join(root, PREPROCESS_JSON),
      serializeBundle({ preprocessor: pre, target, idColumn: null }),
    )
  }
  report({ seconds: 0, backend: runtime.backend })
}

async function predict(dir: string, kind: Kind): Promise<void> {
  const readStart = performance.now()
  const table = await readCsv([path.join(dir, 'flights-1m.csv')])
  const readSeconds = (performance.now() - readStart) / 1000
  const tfStart = performance.now()
  const runtime = await loadTf({ cwd: process.cwd(), logger: silentLogger, backend: 'wasm' })
  const tfSeconds = (performance.now() - tfStart) / 1000
  if (runtime.backend !== 'wasm') throw new Error(`expected the wasm backend, got ${runtime.backend}`)
  const rows = Uint32Array.from({ length: table.rowCount }, (_, i) => i)

  const started = performance.now()
  const cpuStart = cpuMs()
  const root = path.join(dir, `mg-${kind}`)
  // The dense family's load (src/train/dense/family.ts), split so that transform and predict are timed apart.
  const loaded = {
    ...(JSON.parse(readFileSync(path.join(root, PREPROCESS_JSON), 'utf8')) as ScoringBundle),
    model: await loadTfModel(
      runtime.tf,
      readFileSync(path.join(root, MODEL_DIR, MODEL_JSON)),
      readFileSync(path.join(root, MODEL_DIR, WEIGHTS_BIN)),
      kind,
    ),
  }
  const loadSeconds = (performance.now() - started) / 1000
  const transformStart = performance.now()
  const { x, n, d } = transform(loaded.preprocessor, table, rows)
  const transformSeconds = (performance.now() - transformStart) / 1000
  const predictStart = performance.now()
  const p = predictTf(runtime.tf, loaded.model, x, n, d)
  const predictSeconds = (performance.now() - predictStart) / 1000
  const seconds = (performance.now() - started) / 1000
  const cpuSeconds = (cpuMs() - cpuStart) / 1000

  let mean = 0
  for (let i = 0; i < p.length; i++) mean += p[i]!
  report({
    seconds,
    cpuSeconds,
    loadSeconds,
    transformSeconds,
    predictSeconds,
    readSeconds,
    tfSeconds,
    rows: p.length,
    meanPrediction: mean / p.length,
  })
}

async function main(): Promise<void> {
  const [command, dir, kind] = process.argv.slice(2)
  if (command === 'prepare' && dir) await prepare(dir)
  else if (command === 'predict' && dir && (kind === 'logistic' || kind === 'mlp')) await predict(dir, kind)
  else throw new Error('usage: mg-predict.ts prepare <workdir> | predict <workdir> <logistic|mlp>')
}

await main()
