import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const EXAMPLES_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'docs',
  'examples',
)

/** The committed example comments and the verdict each one shows. */
export const EXAMPLE_VERDICTS = {
  'pass.md': 'pass',
  'fail.md': 'fail',
  'inconclusive.md': 'inconclusive',
  'no-champion.md': 'no-champion',
} as const

/**
 * What may differ between two generations of the same examples: the random suffix of run ids (and so the
 * marker's hash, which covers the champion's run id) and the measured timings. Everything else — numbers,
 * verdicts, charts, wording — must be the same.
 */
export function normaliseExample(text: string): string {
  return text
    .replace(/(\d{8}T\d{6}Z)-[0-9a-f]{6}/g, '$1-RUN')
    .replace(/"hash":"[0-9a-f]{16}"/, '"hash":"HASH"')
    .replace(/timings \(ms\): [^\n]*/g, 'timings (ms): …')
}
