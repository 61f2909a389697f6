import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** The server's Prometheus metrics, on a registry of its own (several servers may share a process in tests). */
export class ServeMetrics {
  readonly registry = new Registry()
  readonly requests = new Counter({
    name: 'modelgate_serve_requests_total',
    help: 'HTTP requests answered, by route, model and status code',
    labelNames: ['route', 'model', 'status'] as const,
    registers: [this.registry],
  })
  readonly latency = new Histogram({
    name: 'modelgate_serve_request_duration_seconds',
    help: 'Time from request received to response sent, by route and model',
    labelNames: ['route', 'model'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  })
  readonly errors = new Counter({
    name: 'modelgate_serve_errors_total',
    help: 'Requests refused or failed, by route and reason (schema, missing_column, unseen_category, internal, …)',
    labelNames: ['route', 'reason'] as const,
    registers: [this.registry],
  })
  readonly rows = new Counter({
    name: 'modelgate_serve_rows_total',
    help: 'Rows scored, by model',
    labelNames: ['model'] as const,
    registers: [this.registry],
  })
  readonly modelInfo = new Gauge({
    name: 'modelgate_serve_model_info',
    help: 'The run each model serves (value 1), with the alias it follows',
    labelNames: ['model', 'alias', 'run_id'] as const,
    registers: [this.registry],
  })
  readonly loads = new Counter({
    name: 'modelgate_serve_model_loads_total',
    help: 'Attempts to load the run behind the alias, by model and outcome (success, failure)',
    labelNames: ['model', 'outcome'] as const,
    registers: [this.registry],
  })
  readonly lastLoadFailed = new Gauge({
    name: 'modelgate_serve_model_load_failed',
    help: 'Whether the latest load of the run behind the alias failed (1: still serving the previous run)',
    labelNames: ['model'] as const,
    registers: [this.registry],
  })
  readonly loadFailures = new Counter({
    name: 'modelgate_serve_model_load_failures_total',
    help: 'Failed loads of the run behind the alias, by model and the run that failed',
    labelNames: ['model', 'run_id'] as const,
    registers: [this.registry],
  })

  constructor(options: { defaults?: boolean } = {}) {
    if (options.defaults) collectDefaultMetrics({ register: this.registry })
  }

  served(model: string, alias: string, runId: string, previous: string | null): void {
    if (previous !== null) this.modelInfo.remove({ model, alias, run_id: previous })
    this.modelInfo.set({ model, alias, run_id: runId }, 1)
    this.lastLoadFailed.set({ model }, 0)
    this.loads.inc({ model, outcome: 'success' })
  }

  loadFailed(model: string, runId: string): void {
    this.loads.inc({ model, outcome: 'failure' })
    this.loadFailures.inc({ model, run_id: runId })
    this.lastLoadFailed.set({ model }, 1)
  }
}
