import { spawn } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const harnessDir = path.dirname(fileURLToPath(import.meta.url))

/**
 * A worker process the test steps through its critical section. The worker prints "paused" each time it
 * reaches its pause point (inside the compare-and-swap, after reading and before writing) and waits for a
 * line on stdin; any other line it prints is kept as output. So the test, not the scheduler, decides which
 * process writes when.
 */
export interface SteppedWorker {
  id: string
  /** The next event: the worker paused, or it exited (with its output lines). */
  next(): Promise<'paused' | 'exited'>
  /** Let the paused worker go on to its next pause (or to its end). */
  go(): void
  /** Resolves with the lines the worker printed besides "paused" once it exited with 0; rejects otherwise. */
  done: Promise<string[]>
  kill(signal: NodeJS.Signals): void
  pid: number
}

/** Start `node --import ts-loader.mjs harness/<script> ...args`. */
export function startSteppedWorker(id: string, script: string, args: string[]): SteppedWorker {
  const child = spawn(
    process.execPath,
    ['--import', path.join(harnessDir, 'ts-loader.mjs'), path.join(harnessDir, script), ...args],
    { env: { ...process.env, NODE_NO_WARNINGS: '1' }, stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const output: string[] = []
  const events: ('paused' | 'exited')[] = []
  const waiters: ((event: 'paused' | 'exited') => void)[] = []
  const emit = (event: 'paused' | 'exited'): void => {
    const waiter = waiters.shift()
    if (waiter) waiter(event)
    else events.push(event)
  }
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'paused') emit('paused')
    else output.push(line)
  })
  const done = new Promise<string[]>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      // Give readline the last lines before reporting the exit.
      setImmediate(() => {
        emit('exited')
        if (code === 0) resolve(output)
        else reject(new Error(`worker ${id} exited with ${code ?? signal}: ${stderr}`))
      })
    })
  })
  done.catch(() => undefined) // observed by the test through `done`
  return {
    id,
    pid: child.pid!,
    next: () =>
      events.length > 0 ? Promise.resolve(events.shift()!) : new Promise((resolve) => waiters.push(resolve)),
    go: () => void child.stdin.write('go\n'),
    done,
    kill: (signal) => void child.kill(signal),
  }
}

/**
 * Drive two workers that race on one object so that every round they conflict, deterministically: both
 * pause after reading the same version; one is let go (its write wins), then the other (its write is stale
 * and loses, so it re-reads and pauses again). Who goes first alternates, so neither starves, and the
 * history alternates between them. When one has finished, the other runs alone.
 */
export async function raceInLockstep(workers: [SteppedWorker, SteppedWorker]): Promise<void> {
  const state = await Promise.all(workers.map((w) => w.next()))
  let first = 0
  for (;;) {
    const live = [0, 1].filter((i) => state[i] === 'paused')
    if (live.length === 0) return
    const order = live.length === 2 ? [first, 1 - first] : live
    for (const i of order) {
      workers[i]!.go()
      state[i] = await workers[i]!.next()
    }
    first = 1 - first
  }
}

/** Worker side: `pause` prints "paused" and waits for the test's line on stdin; `close` lets the process end. */
export function pauseOnStdin(): { pause: () => Promise<void>; close: () => void } {
  const lines = createInterface({ input: process.stdin })
  const queued: string[] = []
  const waiters: (() => void)[] = []
  lines.on('line', (line) => {
    const waiter = waiters.shift()
    if (waiter) waiter()
    else queued.push(line)
  })
  return {
    pause: async () => {
      process.stdout.write('paused\n')
      if (queued.length > 0) {
        queued.shift()
        return
      }
      await new Promise<void>((resolve) => waiters.push(resolve))
    },
    close: () => lines.close(),
  }
}
