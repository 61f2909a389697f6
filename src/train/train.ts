import type { ModelConfig } from '../config/spec-schema.js'
import type { Logger } from '../util/logger.js'
import { fitLinear, type TrainingData } from './linear.js'
import { fitMlp, type ValidationScore } from './mlp.js'
import type { DenseNet, TrainSummary } from './model-types.js'

export type { TrainingData } from './linear.js'

/** Fit a dense model (the dense family's trainers; tests and benches call it directly): convex models full-batch with L-BFGS, MLPs with minibatch Adam/SGD. */
export function trainModel(
  config: ModelConfig,
  data: TrainingData,
  logger: Logger,
  validationScore?: ValidationScore,
): { net: DenseNet; summary: TrainSummary } {
  if (data.n === 0) throw new Error('no training rows')
  if (config.type === 'external' || config.type === 'cnn')
    throw new Error('trainModel fits modelgate dense models only')
  return config.type === 'mlp'
    ? fitMlp(data, config, logger, validationScore)
    : fitLinear(data, config, logger)
}
