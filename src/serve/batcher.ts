import type { RawTable } from '../data/csv.js'
import type { ServedModel } from './served-model.js'

interface Pending {
  table: RawTable
  resolve: (predictions: Float64Array) => void
  reject: (error: unknown) => void
}

/**
 * Dynamic batching: requests for one model that arrive in the same turn of the event loop are scored with
 * one call (scoring has a fixed cost per call — ~1-2 ms in tfjs, more in ONNX Runtime — whatever the row count), then each gets
 * its own rows back. The rows and their order are unchanged, so every answer is the one a call of its own
 * would give. If a batch fails, each request is scored alone, so one request's fault never fails another's.
 */
class Batcher {
  private queue: Pending[] = []

  constructor(
    private readonly model: ServedModel,
    private readonly maxRows: number,
  ) {}

  score(table: RawTable): Promise<Float64Array> {
    return new Promise((resolve, reject) => {
      if (this.queue.push({ table, resolve, reject }) === 1) setImmediate(() => this.flush())
    })
  }

  private flush(): void {
    const queue = this.queue
    this.queue = []
    let start = 0
    while (start < queue.length) {
      let end = start
      let rows = 0
      while (end < queue.length && (end === start || rows + queue[end]!.table.rowCount <= this.maxRows))
        rows += queue[end++]!.table.rowCount
      // Each group settles its own requests (never rejects), so nothing here is left unhandled.
      void this.scoreGroup(queue.slice(start, end), rows)
      start = end
    }
  }

  private async scoreGroup(group: Pending[], rows: number): Promise<void> {
    if (group.length > 1) {
      try {
        const { predictions } = await this.model.score(
          concat(
            group.map((p) => p.table),
            rows,
          ),
        )
        const width = predictions.length / rows
        let offset = 0
        for (const p of group) {
          const n = p.table.rowCount * width
          p.resolve(predictions.slice(offset, offset + n))
          offset += n
        }
        return
      } catch {
        // Fall through: score each alone, so the error reaches only the request that caused it.
      }
    }
    await Promise.all(
      group.map(async (p) => {
        try {
          p.resolve((await this.model.score(p.table)).predictions)
        } catch (error) {
          p.reject(error)
        }
      }),
    )
  }
}

/** Tables with the same header (the model's features, in its order) one after another. */
function concat(tables: RawTable[], rows: number): RawTable {
  const first = tables[0]!
  return {
    header: first.header,
    columns: first.header.map((_, c) => tables.flatMap((t) => t.columns[c]!)),
    rowCount: rows,
    sources: [{ file: 'request', firstRow: 0, rowCount: rows, lines: null }],
    sha256: '',
  }
}

const batchers = new WeakMap<ServedModel, Batcher>()

/** Score a validated table with the model, batched with concurrent requests for the same model. */
export function scoreBatched(model: ServedModel, table: RawTable, maxRows: number): Promise<Float64Array> {
  let batcher = batchers.get(model)
  if (!batcher) batchers.set(model, (batcher = new Batcher(model, maxRows)))
  return batcher.score(table)
}
