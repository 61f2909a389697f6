import type { ModelSpec } from '../config/load-spec.js'
import { computeMetrics } from '../evaluate/metrics.js'
import { familyFor } from '../train/families.js'
import type { FamilyEnv, Fitted } from '../train/family.js'
import type { Logger } from '../util/logger.js'
import { checkTrainingLimits } from './limits.js'
import type { Prepared } from './prepare.js'

/** The metric a family may report per epoch on its own validation rows (never the eval rows). */
function validationMetric(task: ModelSpec['task']): string {
  return task === 'binary' ? 'roc_auc' : task === 'multiclass' ? 'accuracy' : 'rmse'
}

/**
 * The train stage: the spec's model family fits on the training rows (eval rows never reach it), within the
 * spec's limits. `trainLogger` is the deadline's logger (it stops a family that runs over the model's time);
 * progress goes into one collapsible block of the Actions log.
 */
export async function fitChallenger(
  spec: ModelSpec,
  prepared: Prepared,
  env: FamilyEnv,
  logger: Logger,
  trainLogger: Logger,
): Promise<Fitted> {
  const { dataset, preprocessor, training } = prepared
  checkTrainingLimits(spec, training)
  const name = validationMetric(spec.task)
  logger.group?.(`${spec.name}: training ${spec.model.type}`)
  try {
    return await familyFor(spec.model.type).fit(
      {
        spec,
        dataset,
        preprocessor,
        training,
        seed: spec.model.seed,
        logger: trainLogger,
        validationScore: (y, outputs) => ({
          name,
          value: computeMetrics(spec.task, y, outputs, { classes: training.classes, names: [name] })[name]!,
        }),
      },
      env,
    )
  } finally {
    logger.endGroup?.()
  }
}
