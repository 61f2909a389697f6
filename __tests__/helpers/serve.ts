import { PassThrough } from 'node:stream'
import { createModelServer, type ModelServer, type ServeOptions } from '../../src/serve/app.js'
import { jsonLog } from '../../src/serve/json-log.js'
import type { PollTimer } from '../../src/serve/model-holder.js'
import type { ObjectStore } from '../../src/store/object-store.js'
import { Registry } from '../../src/store/registry.js'
import { familyEnv } from '../../src/pipeline/family-env.js'
import type { FamilyEnv } from '../../src/train/family.js'
import { loadTf } from '../../src/train/tf-runtime.js'
import { systemClock } from '../../src/util/clock.js'
import { silentLogger } from '../../src/util/logger.js'

/** A poll timer that never fires: tests call `holder.pollOnce()` exactly where the ordering needs it. */
export const manualTimer: PollTimer = { every: () => () => undefined }

/** Any of the server's JSON answers, loosely: each test reads the fields its route returns. */
export interface Answer {
  model?: string
  run_id?: string
  alias?: string
  reason?: string
  error?: string
  output?: string
  id?: string
  model_name?: string
  model_version?: string
  predictions?: { probabilities: Record<string, number>; predicted_class: string; confidence: number }[]
  notes?: { imputed: Record<string, number>; unseen: Record<string, number> }
  outputs?: { name: string; shape: number[]; datatype: string; data: (number | string)[] }[]
  explanations?: {
    intercept: Record<string, number>
    contributions: Record<string, Record<string, number>>
    total: Record<string, number>
  }[]
}

export interface TestServer {
  server: ModelServer
  url: string
  /** The JSON log lines written so far, parsed. */
  logs: () => Record<string, unknown>[]
  post: (path: string, body: unknown) => Promise<{ status: number; json: Answer }>
  get: (path: string) => Promise<{ status: number; text: string }>
}

/** What a model family may use, as the CLI gives it: TensorFlow.js on first use, no log. */
export function testFamilyEnv(): FamilyEnv {
  return familyEnv({
    runtime: () => loadTf({ cwd: process.cwd(), logger: silentLogger }),
    logger: silentLogger,
  })
}

/** `modelgate serve` in-process on 127.0.0.1 and a free port, with a manual poll timer. */
export async function startTestServer(
  store: ObjectStore,
  models: string[],
  options: Partial<ServeOptions> = {},
): Promise<TestServer> {
  const stream = new PassThrough()
  const lines: string[] = []
  let partial = ''
  stream.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n')
    partial = parts.pop()!
    lines.push(...parts)
  })
  const server = createModelServer({
    registry: new Registry(store, systemClock),
    familyEnv: testFamilyEnv(),
    models,
    alias: 'champion',
    log: jsonLog(stream, systemClock),
    clock: systemClock,
    timer: manualTimer,
    ...options,
  })
  const url = await server.start('127.0.0.1', 0)
  return {
    server,
    url,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    post: async (path, body) => {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      })
      return { status: response.status, json: (await response.json()) as Answer }
    },
    get: async (path) => {
      const response = await fetch(`${url}${path}`)
      return { status: response.status, text: await response.text() }
    },
  }
}

/** CSV text → rows keyed by column: numbers where the cell is a number, else the string. */
export function csvRows(csv: string): Record<string, string | number>[] {
  const [head, ...lines] = csv.trim().split('\n')
  const header = head!.split(',')
  return lines.map((line) => {
    const cells = line.split(',')
    return Object.fromEntries(
      header.map((h, i) => [h, /^-?\d/.test(cells[i]!) ? Number(cells[i]) : cells[i]!]),
    )
  })
}
