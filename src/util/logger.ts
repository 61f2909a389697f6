/** Where progress and messages go: stderr in the CLI, the Actions log in the Action, a buffer in tests. */
export interface Logger {
  info(message: string): void
  warn(message: string): void
  /** A progress line (one per epoch); a TTY may overwrite it in place. */
  progress(message: string): void
  debug(message: string): void
  /** Start a collapsible block (the Actions log's ::group::); per-epoch progress goes inside one. */
  group?(title: string): void
  endGroup?(): void
  /** An error annotation on a file (the Actions log's ::error file=…::), shown in the pull request's Files tab. */
  annotate?(message: string, where: Annotation): void
}

/** Where an annotation points: a path relative to the repository root, and optionally a line. */
export interface Annotation {
  file: string
  title: string
  line?: number
}

export const silentLogger: Logger = { info() {}, warn() {}, progress() {}, debug() {} }

/** A logger on a stream: progress lines overwrite each other on a TTY, one line each otherwise. */
export function streamLogger(stream: NodeJS.WriteStream, options: { debug?: boolean } = {}): Logger {
  let pending = false
  const line = (text: string): void => {
    if (pending) stream.write('\n')
    pending = false
    stream.write(`${text}\n`)
  }
  return {
    info: line,
    warn: (m) => line(`warning: ${m}`),
    debug: (m) => {
      if (options.debug) line(`debug: ${m}`)
    },
    progress(m) {
      if (stream.isTTY) {
        stream.write(`\r\u001b[2K${m}`)
        pending = true
      } else line(m)
    },
  }
}
