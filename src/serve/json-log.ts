import { createWriteStream } from 'node:fs'
import type { Clock } from '../util/clock.js'

/** Structured logs: one JSON object per line, with the time and a level. */
export interface JsonLog {
  info(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

export function jsonLog(stream: NodeJS.WritableStream, clock: Clock): JsonLog {
  const write = (level: string, msg: string, fields?: Record<string, unknown>): void =>
    void stream.write(`${JSON.stringify({ time: clock.now().toISOString(), level, msg, ...fields })}\n`)
  return { info: (m, f) => write('info', m, f), error: (m, f) => write('error', m, f) }
}

/** `--log-predictions FILE`: every scored request's inputs and outputs appended as one JSON line. */
export interface PredictionLog {
  append(record: Record<string, unknown>): void
  close(): Promise<void>
}

export function predictionLog(file: string, clock: Clock): PredictionLog {
  const stream = createWriteStream(file, { flags: 'a' })
  return {
    append: (record) =>
      void stream.write(`${JSON.stringify({ time: clock.now().toISOString(), ...record })}\n`),
    close: () => new Promise((resolve) => stream.end(resolve)),
  }
}
