import type { Registry } from '../store/registry.js'
import type { ModelResult } from './types.js'

/** Calibration results live beside the model's runs: models/<model>/calibration.json (latest wins). */
export type CalibrationSummary = NonNullable<ModelResult['calibration']>

export function calibrationKey(model: string): string {
  return `models/${model}/calibration.json`
}

export async function loadCalibration(registry: Registry, model: string): Promise<CalibrationSummary | null> {
  const object = await registry.store.get(calibrationKey(model))
  if (!object) return null
  const parsed = JSON.parse(new TextDecoder().decode(object.body)) as { summary?: CalibrationSummary }
  return parsed.summary ?? null
}
