/**
 * Scores an ONNX fixture in a plain Node process (the native runtime refuses typed arrays from Jest's realm):
 *   node --import ts-loader.mjs onnx-score-worker.ts <runtime> <model.onnx> <model JSON> <table JSON>
 * prints {"runtime": …, "predictions": [...]} or {"error": message}.
 */
import { readFileSync } from 'node:fs'
import { onnxScorer } from '../../src/train/onnx/scorer.js'
import type { OnnxRuntimeName } from '../../src/train/onnx/runtime.js'

const [runtime, file, modelJson, tableJson] = process.argv.slice(2)
const table = JSON.parse(tableJson!) as { header: string[]; columns: string[][]; rowCount: number }
try {
  const scorer = await onnxScorer(
    new Uint8Array(readFileSync(file!)),
    JSON.parse(modelJson!),
    runtime as OnnxRuntimeName,
  )
  const rows = Uint32Array.from({ length: table.rowCount }, (_, i) => i)
  const { predictions } = await scorer.score({ ...table, sources: [], sha256: '' }, rows)
  process.stdout.write(JSON.stringify({ runtime: scorer.runtime, predictions: [...predictions] }))
} catch (error) {
  process.stdout.write(JSON.stringify({ error: (error as Error).message }))
}
