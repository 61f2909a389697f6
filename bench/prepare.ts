/**
 * Writes the benchmark inputs into a work directory once, before any timing:
 * `node --import ./__tests__/harness/ts-loader.mjs bench/prepare.ts <workdir> [--upload-mb 100]`.
 *   synthetic-{train,test}.{x.f64,y.u8,json}   the 100,000 × 20 classification data (+ 25,000 test rows)
 *   pred-{y.u8,a.f64,b.f64}                    1,000,000 labels and two scores (metrics + bootstrap row)
 *   flights-1m.csv                             flights_200k.csv five times over (batch prediction row)
 *   artifact.bin                               random bytes for the upload row (incompressible)
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Rng } from '../src/util/rng.js'
import {
  FLIGHTS_CSV,
  pairedPredictions,
  PREDICTION_ROWS,
  report,
  syntheticClassification,
  writeArray,
  writeMatrix,
} from './bench-data.js'

export const SEED = 20240611

function flightsMillion(): string {
  const text = readFileSync(FLIGHTS_CSV, 'utf8')
  const newline = text.indexOf('\n')
  const header = text.slice(0, newline + 1)
  const body = text.slice(newline + 1)
  const rows = body.split('\n').filter((l) => l.length > 0).length
  const copies = Math.ceil(PREDICTION_ROWS / rows)
  const bodyWithEnd = body.endsWith('\n') ? body : `${body}\n`
  return header + bodyWithEnd.repeat(copies)
}

/** Seeded pseudo-random bytes: the same artifact on every run, and nothing a transport could compress. */
function artifact(bytes: number): Uint8Array {
  const rng = new Rng(SEED)
  const words = new Uint32Array(Math.ceil(bytes / 4))
  for (let i = 0; i < words.length; i++) words[i] = rng.nextUint32()
  return new Uint8Array(words.buffer, 0, bytes)
}

function main(): void {
  const [dir, flag, value] = process.argv.slice(2)
  if (!dir) throw new Error('usage: prepare.ts <workdir> [--upload-mb N]')
  const uploadMb = flag === '--upload-mb' ? Number(value) : 100
  const { train, test } = syntheticClassification(SEED)
  writeMatrix(dir, 'synthetic-train', train)
  writeMatrix(dir, 'synthetic-test', test)
  const pred = pairedPredictions(SEED + 1)
  writeArray(dir, 'pred-y.u8', pred.y)
  writeArray(dir, 'pred-a.f64', pred.scoreA)
  writeArray(dir, 'pred-b.f64', pred.scoreB)
  writeFileSync(path.join(dir, 'flights-1m.csv'), flightsMillion())
  const body = artifact(uploadMb * 1024 * 1024)
  writeFileSync(path.join(dir, 'artifact.bin'), body)
  report({ uploadBytes: body.byteLength, artifactSha256: createHash('sha256').update(body).digest('hex') })
}

main()
