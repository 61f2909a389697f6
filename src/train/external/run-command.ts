import { spawn } from 'node:child_process'
import { UserError } from '../../errors.js'
import type { Logger } from '../../util/logger.js'

/** Lines of stderr quoted in an error message. */
const STDERR_TAIL = 15

export interface CommandRun {
  /** What the command is for, for messages: `credit-xgb: train command "python train.py"`. */
  what: string
  command: string
  cwd: string
  env: Record<string, string | undefined>
  timeoutMs: number
  logger: Logger
}

/**
 * Run a user command through the shell in its own process group, its output streamed to the log line by
 * line. A non-zero exit, a signal or the timeout (which kills the whole group: a shell's children too) is one
 * UserError naming the command, the folder and the last lines of stderr.
 */
export function runCommand(run: CommandRun): Promise<void> {
  const { logger } = run
  return new Promise((resolve, reject) => {
    const tail: string[] = []
    const child = spawn(run.command, {
      shell: true,
      cwd: run.cwd,
      env: run.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let timedOut = false
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
    const timer = setTimeout(() => {
      timedOut = true
      killGroup()
    }, run.timeoutMs)
    const lines = (stream: NodeJS.ReadableStream, onLine: (line: string) => void): void => {
      let pending = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        const parts = (pending + chunk).split(/\r?\n/)
        pending = parts.pop()!
        parts.forEach(onLine)
      })
      stream.on('end', () => {
        if (pending) onLine(pending)
      })
    }
    lines(child.stdout, (line) => logger.info(`  | ${line}`))
    lines(child.stderr, (line) => {
      logger.info(`  | ${line}`)
      tail.push(line)
      if (tail.length > STDERR_TAIL) tail.shift()
    })
    const fail = (why: string): void => {
      const quoted = tail.length
        ? `; last lines of stderr:\n${tail.map((l) => `    ${l}`).join('\n')}`
        : '; no stderr'
      reject(new UserError(`${run.what} "${run.command}" (in ${run.cwd}) ${why}${quoted}`))
    }
    child.on('error', (error) => {
      clearTimeout(timer)
      fail(`could not be started: ${error.message}`)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      // A timed-out command's group may still hold a grandchild that ignored the shell's death.
      killGroup()
      if (timedOut) fail(`timed out after ${formatMinutes(run.timeoutMs)} and was killed`)
      else if (signal) fail(`was killed by ${signal}`)
      else if (code === 127) fail('failed: command not found (exit code 127)')
      else if (code !== 0) fail(`exited with code ${code}`)
      else resolve()
    })
  })
}

function formatMinutes(ms: number): string {
  const minutes = ms / 60000
  return minutes >= 1 ? `${Number(minutes.toFixed(2))} min` : `${Number((ms / 1000).toFixed(2))} s`
}
