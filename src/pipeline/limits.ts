import type { ModelSpec } from '../config/load-spec.js'
import { DEFAULT_LIMITS } from '../config/spec-schema.js'
import { UserError } from '../errors.js'
import type { TrainingData } from '../train/train.js'
import type { Clock } from '../util/clock.js'
import type { Logger } from '../util/logger.js'

/** Weights and biases of a dense network d → hidden… → outputs. */
export function parameterCount(d: number, hidden: number[], outputs: number): number {
  let total = 0
  let inputs = d
  for (const width of [...hidden, outputs]) {
    total += inputs * width + width
    inputs = width
  }
  return total
}

/**
 * The spec's `limits` checked where training starts, when the input width is known: epochs, layer widths
 * and the parameter count. Each message names the limit and the key that raises it.
 */
export function checkTrainingLimits(
  spec: ModelSpec,
  training: Pick<TrainingData, 'd' | 'classes' | 'task'>,
): void {
  const limits = spec.limits
  const model = spec.model
  const where = spec.specFile
  const hidden = model.type === 'mlp' ? model.hidden : []
  if (model.type === 'mlp') {
    if (model.epochs > limits.max_epochs)
      throw new UserError(
        `${where}: model.epochs ${model.epochs} is over limits.max_epochs ${limits.max_epochs}; lower it or raise limits.max_epochs in the spec`,
      )
    const widest = Math.max(...hidden)
    if (widest > limits.max_layer_width)
      throw new UserError(
        `${where}: model.hidden has a layer of ${widest} units, over limits.max_layer_width ${limits.max_layer_width}; lower it or raise limits.max_layer_width in the spec`,
      )
  }
  const outputs = training.task === 'multiclass' ? training.classes : 1
  const count = parameterCount(training.d, hidden, outputs)
  if (count > limits.max_parameters)
    throw new UserError(
      `${where}: the model would have ${count.toLocaleString('en-US')} parameters (${training.d} inputs${hidden.length ? ` → ${hidden.join(' → ')}` : ''} → ${outputs}), over limits.max_parameters ${limits.max_parameters.toLocaleString('en-US')}; make it smaller or raise limits.max_parameters in the spec`,
    )
}

/** The wall time of one model ran out (model.timeout_minutes). */
export class ModelTimeoutError extends UserError {
  override readonly name = 'ModelTimeoutError'
}

export interface Deadline {
  /** Throws ModelTimeoutError once the model's time is up; `stage` says where it stopped. */
  check(stage: string): void
  /** The logger given to training: its progress lines (every epoch, every 10 L-BFGS iterations) check too. */
  logger: Logger
}

/**
 * model.timeout_minutes (or --timeout-minutes) for one model, measured on the injected clock. Training runs
 * synchronously, so the time is checked where training reports progress and between stages: a model stops
 * at the first check after its time is up.
 */
export function modelDeadline(spec: ModelSpec, clock: Clock, logger: Logger): Deadline {
  const minutes = spec.model.timeout_minutes ?? DEFAULT_LIMITS.timeout_minutes
  const end = clock.now().getTime() + minutes * 60_000
  const check = (stage: string): void => {
    if (clock.now().getTime() > end)
      throw new ModelTimeoutError(
        `${spec.name}: stopped ${stage} after model.timeout_minutes ${minutes} (${spec.specFile}); raise model.timeout_minutes in the spec or pass --timeout-minutes, or make the model or data smaller`,
      )
  }
  return {
    check,
    logger: {
      ...logger,
      progress(message) {
        logger.progress(message)
        check('training')
      },
    },
  }
}
