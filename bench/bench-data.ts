/**
 * Data shared by both sides of `npm run bench`: generated once (seeded) into a work directory as raw
 * little-endian arrays that Node reads with Buffer and numpy with np.fromfile, so modelgate and scikit-learn
 * fit exactly the same numbers. Timing never includes reading these files.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { LinearConfig, MlpConfig } from '../src/config/spec-schema.js'
import { specSchema } from '../src/config/spec-schema.js'
import { Rng } from '../src/util/rng.js'

export const SYNTHETIC_TRAIN_ROWS = 100_000
export const SYNTHETIC_TEST_ROWS = 25_000
export const SYNTHETIC_FEATURES = 20
export const PREDICTION_ROWS = 1_000_000
/** The harness passes the path; run by hand from the repository root, the default is the committed copy. */
export const FLIGHTS_CSV = path.resolve(process.env.BENCH_FLIGHTS_CSV ?? 'bench/data/flights_200k.csv')
/** Rows whose 0-based index i has i % 5 === 4 are the flights test rows (both sides use this rule). */
export const FLIGHTS_TEST_EVERY = 5

export interface Matrix {
  x: Float64Array
  y: Uint8Array
  n: number
  d: number
}

function normal(rng: Rng): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
}

/**
 * 125,000 × 20 correlated Gaussian features (a shared factor gives pairwise correlation 0.36) and a label
 * drawn from a logistic model with an interaction and a curvature term, so a linear model is good but not
 * perfect and the MLP has something to gain.
 */
export function syntheticClassification(seed: number): { train: Matrix; test: Matrix } {
  const rng = new Rng(seed)
  const d = SYNTHETIC_FEATURES
  const n = SYNTHETIC_TRAIN_ROWS + SYNTHETIC_TEST_ROWS
  const beta = Float64Array.from({ length: d }, (_, j) => ((j % 2 ? -1 : 1) * 1.2) / (1 + j / 4))
  const x = new Float64Array(n * d)
  const y = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const common = normal(rng)
    let logit = -0.4
    for (let j = 0; j < d; j++) {
      const v = 0.8 * normal(rng) + 0.6 * common
      x[i * d + j] = v
      logit += beta[j]! * v
    }
    logit += 0.8 * x[i * d]! * x[i * d + 1]! - 0.5 * x[i * d + 2]! ** 2
    y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0
  }
  const split = SYNTHETIC_TRAIN_ROWS
  return {
    train: { x: x.slice(0, split * d), y: y.slice(0, split), n: split, d },
    test: { x: x.slice(split * d), y: y.slice(split), n: n - split, d },
  }
}

/** One million labels (30% positive) and two correlated scores in (0, 1), A slightly better than B. */
export function pairedPredictions(seed: number): {
  y: Uint8Array
  scoreA: Float64Array
  scoreB: Float64Array
} {
  const rng = new Rng(seed)
  const n = PREDICTION_ROWS
  const y = new Uint8Array(n)
  const scoreA = new Float64Array(n)
  const scoreB = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    y[i] = rng.next() < 0.3 ? 1 : 0
    const latent = 1.2 * y[i]! + normal(rng)
    scoreA[i] = 1 / (1 + Math.exp(-(latent - 0.8 + 0.5 * normal(rng))))
    scoreB[i] = 1 / (1 + Math.exp(-(latent - 0.8 + 0.6 * normal(rng))))
  }
  return { y, scoreA, scoreB }
}

function bytesOf(a: Float64Array | Uint8Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
}

export function writeMatrix(dir: string, name: string, m: Matrix): void {
  writeFileSync(path.join(dir, `${name}.x.f64`), bytesOf(m.x))
  writeFileSync(path.join(dir, `${name}.y.u8`), bytesOf(m.y))
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ n: m.n, d: m.d }))
}

export function readF64(file: string): Float64Array {
  const b = readFileSync(file)
  // Copy into a fresh, aligned buffer (a Buffer may sit at any offset of a shared pool).
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))
}

export function readU8(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file))
}

export function readMatrix(dir: string, name: string): Matrix {
  const { n, d } = JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as {
    n: number
    d: number
  }
  const x = readF64(path.join(dir, `${name}.x.f64`))
  const y = readU8(path.join(dir, `${name}.y.u8`))
  if (x.length !== n * d || y.length !== n) throw new Error(`${dir}/${name}: files do not match ${n} × ${d}`)
  return { x, y, n, d }
}

export function writeArray(dir: string, name: string, a: Float64Array | Uint8Array): void {
  writeFileSync(path.join(dir, name), bytesOf(a))
}

/** A model config through the real schema, so every unspecified field takes modelgate's own default. */
function parseModel(model: Record<string, unknown>): unknown {
  return specSchema.parse({ task: 'binary', data: { train: 'unused.csv', target: 'y' }, model }).model
}

/** modelgate's logistic regression defaults, as the spec schema sets them. */
export function logisticConfig(): LinearConfig {
  return parseModel({ type: 'logistic' }) as LinearConfig
}

/** The MLP: (64, 32) ReLU, 10 epochs, batch 512, Adam lr 0.01, no early stopping. */
export function mlpConfig(epochs = 10): MlpConfig {
  return parseModel({
    type: 'mlp',
    hidden: [64, 32],
    epochs,
    batch_size: 512,
    optimizer: { name: 'adam', learning_rate: 0.01 },
    early_stopping: false,
  }) as MlpConfig
}

/** The one line a child prints for the harness: `BENCH {json}`. */
export function report(result: Record<string, unknown>): void {
  process.stdout.write(`BENCH ${JSON.stringify(result)}\n`)
}

/** Milliseconds of CPU time used by this process: for profiles, far less disturbed by a busy machine than wall time. */
export function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** The CNN row's model and data: models/fashion, its spec and its committed IDX subset, as `modelgate run` reads them. */
export const FASHION_DIR = 'models/fashion'
/** Images in the CNN batch-prediction row. */
export const PREDICT_IMAGES = 10_000
/** Images per predict call, the CNN family's scoring block (src/train/cnn/family.ts). */
export const PREDICT_BLOCK = 1024

/**
 * The 10,000 predicted images, from the committed data alone (the full Fashion-MNIST files are not in the
 * repository): the 6,000 train then the 1,000 eval images of models/fashion, cycled — image i is row i mod
 * 7,000 (bench/cnn_peer.py makes the same list). What a prediction costs does not depend on the pixels.
 */
export function predictRows(available: number): Uint32Array {
  return Uint32Array.from({ length: PREDICT_IMAGES }, (_, i) => i % available)
}
