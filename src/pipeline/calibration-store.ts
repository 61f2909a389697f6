import { UserError } from '../errors.js'
import type { Registry } from '../store/registry.js'
import { calibrationSchema, parseStored, STORE_FORMAT } from '../store/schemas.js'
import type { ModelResult } from './types.js'

/** Calibration results live beside the model's runs: models/<model>/calibration.json (latest wins). */
export type CalibrationSummary = NonNullable<ModelResult['calibration']>

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

export function calibrationKey(model: string): string {
  if (!NAME.test(model)) throw new UserError(`model name "${model}": use letters, digits, ".", "_" and "-"`)
  return `models/${model}/calibration.json`
}

/** Write a calibration (any JSON object with the report's `summary`), replacing the previous one. */
export async function storeCalibration(
  registry: Registry,
  model: string,
  calibration: { summary: CalibrationSummary },
): Promise<string> {
  const key = calibrationKey(model)
  const object = { format: STORE_FORMAT, ...calibration }
  await registry.store.put(key, new TextEncoder().encode(`${JSON.stringify(object, null, 2)}\n`))
  return key
}

export async function loadCalibration(registry: Registry, model: string): Promise<CalibrationSummary | null> {
  const key = calibrationKey(model)
  const object = await registry.store.get(key)
  if (!object) return null
  return parseStored(
    calibrationSchema,
    object.body,
    `${registry.store.location}/${key}`,
    `run \`modelgate calibrate ${model}\` again to replace it`,
  ).summary
}
