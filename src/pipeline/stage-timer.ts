/** Milliseconds per pipeline stage, in the order they ran, plus the total (ModelResult.timings). */
export interface StageTimer {
  readonly timings: Record<string, number>
  /** Run one stage and record how long it took under `name`. */
  stage<T>(name: string, run: () => Promise<T> | T): Promise<T>
  /** Record the total since the timer was made. */
  finish(): Record<string, number>
}

export function stageTimer(): StageTimer {
  const timings: Record<string, number> = {}
  const started = performance.now()
  return {
    timings,
    async stage(name, run) {
      const since = performance.now()
      try {
        return await run()
      } finally {
        timings[name] = Math.round(performance.now() - since)
      }
    },
    finish() {
      timings.total = Math.round(performance.now() - started)
      return timings
    },
  }
}
