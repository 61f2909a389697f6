import { promises as fs } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { UserError } from '../errors.js'
import { resultsJson, type RunResults } from '../pipeline/run-all.js'
import type { ModelResult } from '../pipeline/types.js'
import { Inputs } from './constants.js'

/** Where the results came from on GitHub: what `mode: report` needs to post them for the right pull request. */
export interface GitHubRunInfo {
  repository: string
  event: string
  workflow: string
  runUrl: string | null
  /** The commit the results are for and check runs attach to (a pull request's head). */
  commit: string
  pullRequest: { number: number; headSha: string; headRepository: string | null } | null
  /** Why the training run could not post its comment and check runs itself, or null when it could. */
  readOnly: string | null
}

/** The results file the Action writes: the CLI's results JSON plus the GitHub run it came from. */
export interface ActionResults extends RunResults {
  github: GitHubRunInfo
}

// JSON turns NaN into null, so every number read back may be null.
const num = z.number().nullable()
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
const VERDICTS = ['pass', 'fail', 'inconclusive'] as const
const sha = z.string().regex(/^[0-9a-f]{40}$/, 'expected a 40-hex commit SHA')

const comparison = z.looseObject({
  metric: z.string(),
  label: z.string(),
  higherIsBetter: z.boolean(),
  scope: z.union([
    z.looseObject({ kind: z.literal('overall') }),
    z.looseObject({ kind: z.literal('slice'), column: z.string(), value: z.string() }),
  ]),
  n: z.number(),
  champion: num,
  challenger: num,
  diff: num,
  lower: num,
  upper: num,
  method: z.enum(['delong', 'mcnemar', 'bootstrap', 'crossfit']),
  margin: num,
  floor: num,
  pFail: num,
  pFailAdjusted: num,
  verdict: z.enum([...VERDICTS, 'not-gated']),
  reason: z.string(),
  halfWidth: num,
  detectableDrop: num,
  rowsNeeded: num,
  sentence: z.string(),
})

/** Per-column counts (imputed cells, unseen categories). */
const counts = z.record(z.string(), z.number())

const side = z.looseObject({
  runId: z.string().nullable(),
  commit: z.string().nullable(),
  metrics: z.record(z.string(), num),
})

/** The report's curves (binary tasks): numbers only, so a results file cannot put text into a chart. */
const gridCurves = z.looseObject({
  roc: z.array(num),
  pr: z.array(num),
  reliability: z.array(
    z.looseObject({
      bin: z.number().int().min(0).max(100),
      predicted: num,
      observed: num,
      count: z.number(),
    }),
  ),
})
const curves = z.looseObject({
  steps: z.number().int().positive().max(1000),
  challenger: gridCurves,
  champion: gridCurves.nullable(),
})
const history = z.looseObject({
  metric: z.string(),
  points: z.array(z.looseObject({ runId: z.string(), at: z.string(), value: num })).max(100),
})

const modelResult = z.looseObject({
  name: z.string().regex(MODEL_NAME, 'not a model name'),
  task: z.enum(['binary', 'multiclass', 'regression']),
  runId: z.string(),
  verdict: z.enum([...VERDICTS, 'no-champion']),
  stored: z.boolean(),
  storeNote: z.string().nullable(),
  promoted: z.boolean(),
  promoteNote: z.string().nullable(),
  challenger: side,
  champion: side.nullable(),
  championNote: z.string().nullable(),
  gate: z
    .looseObject({
      verdict: z.enum(VERDICTS),
      confidence: z.number(),
      adjustment: z.enum(['holm', 'none']),
      family: z.number(),
      comparisons: z.array(comparison),
      gaps: z.array(z.looseObject({ verdict: z.enum(VERDICTS), sentence: z.string() })),
      notes: z.array(z.string()),
    })
    .nullable(),
  data: z.looseObject({
    sha256: z.string(),
    trainRows: z.number(),
    evalRows: z.number(),
    evalSource: z.string(),
  }),
  // name/tfjs are null when no stage started tfjs (dense and ONNX runs score without it).
  backend: z.looseObject({ name: z.string().nullable(), tfjs: z.string().nullable() }),
  timings: z.record(z.string(), z.number()),
  warnings: z.array(z.string()),
  metricNames: z.array(z.string()),
  keyMetric: z.string(),
  onInconclusive: z.enum(['pass', 'fail', 'neutral']).default('neutral'),
  calibration: z.looseObject({ sd: z.record(z.string(), num), seeds: z.number() }).nullable(),
  // Optional: results files written before these fields existed still post.
  specPath: z.string().optional(),
  dataNotes: z
    .looseObject({
      imputed: z.looseObject({ training: counts, eval: counts }),
      unseen: counts,
      positiveClass: z.looseObject({ label: z.string(), inferred: z.boolean() }).nullable(),
    })
    .optional(),
  challengerSlices: z
    .array(
      z.looseObject({
        column: z.string(),
        value: z.string(),
        n: z.number(),
        metrics: z.record(z.string(), num),
      }),
    )
    .nullable()
    .optional(),
  changes: z
    .looseObject({
      spec: z.array(z.string()).nullable(),
      specNote: z.string().nullable(),
      dirty: z.boolean(),
    })
    .nullable()
    .optional(),
  dirty: z.boolean().optional(),
  curves: curves.nullable().optional(),
  history: history.nullable().optional(),
  card: z
    .looseObject({
      intended_use: z.string().optional(),
      owners: z.array(z.string()).optional(),
      limitations: z.array(z.string()).optional(),
    })
    .nullable()
    .optional(),
  sources: z
    .array(
      z.looseObject({ role: z.enum(['training', 'eval']), files: z.array(z.string()), sha256: z.string() }),
    )
    .optional(),
  documents: z.looseObject({ report: z.string(), card: z.string() }).nullable().optional(),
})

const actionResults = z.looseObject({
  schema: z.literal(1),
  tool: z.looseObject({ name: z.literal('modelgate'), version: z.string() }),
  verdict: z.enum([...VERDICTS, 'no-champion']),
  models: z.array(modelResult).min(1),
  notTrained: z.array(z.looseObject({ model: z.string(), reason: z.string() })).optional(),
  github: z.looseObject({
    repository: z.string(),
    event: z.string(),
    workflow: z.string(),
    runUrl: z.string().nullable(),
    commit: z.string(),
    pullRequest: z
      .looseObject({
        number: z.number().int().positive(),
        headSha: sha,
        headRepository: z.string().nullable(),
      })
      .nullable(),
    readOnly: z.string().nullable(),
  }),
})

/** Results files come from other workflow runs (a fork's); a sane bound keeps a hostile one from exhausting memory. */
const MAX_RESULTS_BYTES = 20 * 1024 * 1024

export async function writeResultsFiles(
  files: { resultsFile: string; reportFile: string },
  results: ActionResults,
  report: string,
): Promise<void> {
  await fs.mkdir(path.dirname(files.resultsFile), { recursive: true })
  await fs.writeFile(files.resultsFile, resultsJson(results))
  await fs.writeFile(files.reportFile, report)
}

/**
 * Read a results file written by another run (for `mode: report`) and check its shape, so a damaged or
 * forged file fails with one line naming the file and the field instead of deep inside the report.
 */
export async function readResultsFile(file: string): Promise<ActionResults> {
  let stat
  try {
    stat = await fs.stat(file)
  } catch {
    throw new UserError(
      `input "${Inputs.ResultsFile}": ${file} does not exist; download the training run's results artifact there first (see the README's fork workflow)`,
    )
  }
  if (stat.size > MAX_RESULTS_BYTES)
    throw new UserError(
      `input "${Inputs.ResultsFile}": ${file} is ${stat.size} bytes, more than a results file can be`,
    )
  let raw: unknown
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'))
  } catch {
    throw new UserError(`input "${Inputs.ResultsFile}": ${file} is not valid JSON`)
  }
  const parsed = actionResults.safeParse(raw)
  if (!parsed.success) {
    // zod reports at least one issue for a failed parse; the fallback only keeps the message well-formed.
    const [issue] = parsed.error.issues
    const where = issue?.path.length ? issue.path.join('.') : '(top level)'
    throw new UserError(
      `input "${Inputs.ResultsFile}": ${file} is not a modelgate Action results file: ${where}: ${issue?.message ?? parsed.error.message}`,
    )
  }
  return raw as ActionResults
}

/** Stored run ids by model (only runs that were written to the store). */
export function storedRunIds(models: ModelResult[]): Record<string, string> {
  return Object.fromEntries(
    models.filter((m) => m.challenger.runId !== null).map((m) => [m.name, m.challenger.runId!]),
  )
}
