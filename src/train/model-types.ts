/**
 * A trained model's parameters as plain typed arrays: a stack of dense layers. Logistic and linear models
 * are one layer; an MLP is several. The same structure is written as a tfjs layers model for storage.
 */
export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'softmax' | 'linear'

export interface DenseLayer {
  /** Row-major inputs × units. */
  kernel: Float64Array
  bias: Float64Array
  inputs: number
  units: number
  activation: Activation
}

export interface DenseNet {
  layers: DenseLayer[]
  /** Dropout rate after each hidden layer (recorded in the saved model; inactive at prediction). */
  dropout: number
}

export interface TrainSummary {
  algorithm: string
  iterations: number
  epochs?: number
  finalLoss: number
  converged: boolean
  bestEpoch?: number
  stoppedEarly?: boolean
  millis: number
}

/** The output activation and loss that a task implies. */
export function outputActivation(task: 'binary' | 'multiclass' | 'regression'): Activation {
  return task === 'binary' ? 'sigmoid' : task === 'multiclass' ? 'softmax' : 'linear'
}
