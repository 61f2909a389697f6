/**
 * The generated "250k × 10 mixed" data set of issue 18: 250,000 rows of six numeric columns (integers,
 * decimals, a few missing values, one wide-range column), three categorical columns (4, 12 and 50 levels)
 * and a binary target drawn from a logistic model of them. Seeded, so both sides of `npm run bench` read the
 * same bytes; `node --import ./__tests__/harness/ts-loader.mjs bench/mixed-data.ts <file.csv> [rows]`.
 */
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { report } from './bench-data.js'
import { Rng } from '../src/util/rng.js'

export const MIXED_ROWS = 250_000
export const MIXED_TARGET = 'churned'
export const MIXED_SEED = 20261201

const PLANS = ['basic', 'standard', 'premium', 'family']
const REGIONS = Array.from({ length: 12 }, (_, i) => `region-${String.fromCharCode(97 + i)}`)
const DEVICES = Array.from({ length: 50 }, (_, i) => `device_${(i * 37) % 101}`)

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
}

/** The CSV text (header + rows, "\n" line ends). */
export function mixedCsv(rows: number, seed: number): string {
  const rng = new Rng(seed)
  const lines = ['age,tenure_months,monthly_fee,usage_gb,support_calls,balance,plan,region,device,churned']
  const planEffect = [0.4, 0, -0.3, -0.6]
  for (let i = 0; i < rows; i++) {
    const age = 18 + Math.floor(rng.next() * 62)
    const tenure = Math.floor(-Math.log(1 - rng.next()) * 30)
    const plan = Math.floor(rng.next() * PLANS.length)
    const fee = 15 + plan * 12 + normal(rng) * 4
    const usage = Math.exp(1.5 + normal(rng))
    const calls = Math.floor(-Math.log(1 - rng.next()) * 1.5)
    const balance = normal(rng) * 2500 + 100
    const region = Math.floor(rng.next() * REGIONS.length)
    const device = Math.floor(rng.next() * DEVICES.length)
    const logit =
      -1.2 +
      0.02 * (45 - age) -
      0.04 * tenure +
      0.03 * (fee - 35) +
      0.35 * calls +
      planEffect[plan]! +
      (region % 3) * 0.15 -
      0.0001 * balance +
      0.8 * normal(rng) * 0.3
    const y = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0
    const missingUsage = rng.next() < 0.01
    lines.push(
      `${age},${tenure},${fee.toFixed(2)},${missingUsage ? '' : usage.toFixed(3)},${calls},${balance.toFixed(2)},` +
        `${PLANS[plan]},${REGIONS[region]},${DEVICES[device]},${y}`,
    )
  }
  return `${lines.join('\n')}\n`
}

if (/mixed-data\.[jt]s$/.test(process.argv[1] ?? '')) {
  const [file, rows] = process.argv.slice(2)
  if (!file) throw new Error('usage: mixed-data.ts <file.csv> [rows]')
  const text = mixedCsv(rows ? Number(rows) : MIXED_ROWS, MIXED_SEED)
  writeFileSync(file, text)
  report({ bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') })
}
