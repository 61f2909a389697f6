import type { ModelSpec } from '../config/load-spec.js'
import { UserError } from '../errors.js'
import { splitRows, type Dataset, type RowSet, type Targets } from './dataset.js'

function pick(y: Targets, positions: number[]): Targets {
  const out = new (y.constructor as new (n: number) => Targets)(positions.length)
  for (let i = 0; i < positions.length; i++) out[i] = y[positions[i]!]!
  return out
}

/**
 * A sweep trial's dataset: the training rows whose key hashes under `holdout.seed` below `holdout.fraction`
 * become the validation rows trials are ranked on; training keeps the rest. The eval rows are untouched, so
 * the gate later compares the chosen trial on rows that played no part in choosing it.
 */
export function holdOutValidation(spec: ModelSpec, dataset: Dataset): Dataset {
  const holdout = spec.holdout
  if (!holdout) return dataset
  const { table, rows, y } = dataset.train
  const byKey = { ...spec, data: { ...spec.data, split: { ...holdout, key: spec.data.split?.key } } }
  const side = new Uint8Array(table.rowCount)
  for (const r of splitRows(byKey, table).eval) side[r] = 1
  const keep: number[] = []
  const held: number[] = []
  for (let i = 0; i < rows.length; i++) (side[rows[i]!] ? held : keep).push(i)
  if (held.length === 0 || keep.length === 0)
    throw new UserError(
      `${spec.specFile}: sweep.validation.fraction ${holdout.fraction} leaves ${held.length === 0 ? 'no validation rows' : 'no training rows'} out of ${rows.length}; change the fraction or add rows`,
    )
  const subset = (positions: number[]): RowSet => ({
    table,
    rows: Uint32Array.from(positions, (i) => rows[i]!),
    y: pick(y, positions),
  })
  return {
    ...dataset,
    train: subset(keep),
    validation: {
      ...subset(held),
      source: `${Math.round(holdout.fraction * 100)}% of the training rows, hashed like data.split under seed ${holdout.seed}`,
    },
  }
}
