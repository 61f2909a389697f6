import type { MlpConfig } from '../config/spec-schema.js'
import type { Logger } from '../util/logger.js'
import { Rng } from '../util/rng.js'
import { forwardLayer, forwardRows } from './forward.js'
import { withArena, type Arena, type KernelBackend } from './kernels/dense-kernels.js'
import { adamUpdate, allocateWorkspace, backward, momentumUpdate } from './kernels/mlp-workspace.js'
import type { TrainingData } from './linear.js'
import { outputActivation, type DenseLayer, type DenseNet, type TrainSummary } from './model-types.js'

/**
 * A multilayer perceptron trained with minibatch Adam/SGD on typed arrays. Written by hand rather than with
 * tfjs `model.fit` because tfjs pays ~2 ms of fixed overhead per step on its wasm backend (see BENCHMARKS.md);
 * the trained weights are written as a tfjs layers model all the same. Conventions follow scikit-learn's
 * MLPClassifier: Glorot-uniform init for weights and biases, L2 `alpha` scaled by the batch size.
 *
 * The three matrix products of a step (forward A·W + b, weight gradient Aᵀ·Δ, input gradient Δ·Wᵀ) run in
 * the kernels of ./kernels/dense-kernels.ts, WebAssembly SIMD where available: weights, gradients, optimizer state
 * and the batch's activations live in one arena allocated per fit, so a step allocates nothing and copies
 * only the batch's input rows in. The rest of a step (loss, output delta, dropout, tanh/sigmoid derivatives,
 * the optimizer) stays in JavaScript, where it costs O(batch × units) or O(parameters) against the products'
 * O(batch × parameters).
 */

export interface MlpOptions {
  /** Kernel backend; the default is WebAssembly SIMD where available. Both give bit-identical weights. */
  kernels?: KernelBackend
}

export type ValidationScore = (
  y: TrainingData['y'],
  outputs: Float64Array,
  rows: number,
) => { name: string; value: number }

function initLayers(
  sizes: number[],
  hidden: MlpConfig['activation'],
  output: DenseLayer['activation'],
  rng: Rng,
): DenseLayer[] {
  const layers: DenseLayer[] = []
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l]!
    const units = sizes[l + 1]!
    const bound = Math.sqrt((hidden === 'sigmoid' ? 2 : 6) / (inputs + units))
    const kernel = new Float64Array(inputs * units)
    const bias = new Float64Array(units)
    for (let i = 0; i < kernel.length; i++) kernel[i] = rng.uniform(-bound, bound)
    for (let i = 0; i < units; i++) bias[i] = rng.uniform(-bound, bound)
    layers.push({ kernel, bias, inputs, units, activation: l + 2 === sizes.length ? output : hidden })
  }
  return layers
}

/** Mean loss of outputs against targets (log-loss, cross-entropy or ½ squared error). */
function meanLoss(
  task: TrainingData['task'],
  out: Float64Array,
  y: ArrayLike<number>,
  rows: number,
  k: number,
): number {
  let loss = 0
  const eps = 1e-15
  for (let i = 0; i < rows; i++) {
    if (task === 'binary') {
      const p = Math.min(1 - eps, Math.max(eps, out[i]!))
      loss -= y[i] ? Math.log(p) : Math.log(1 - p)
    } else if (task === 'multiclass') loss -= Math.log(Math.max(eps, out[i * k + y[i]!]!))
    else loss += 0.5 * (out[i]! - y[i]!) ** 2
  }
  return loss / rows
}

export function fitMlp(
  data: TrainingData,
  config: MlpConfig,
  logger: Logger,
  validationScore?: ValidationScore,
  options: MlpOptions = {},
): { net: DenseNet; summary: TrainSummary } {
  return withArena((arena) => train(arena, data, config, logger, validationScore), options.kernels)
}

function train(
  arena: Arena,
  data: TrainingData,
  config: MlpConfig,
  logger: Logger,
  validationScore?: ValidationScore,
): { net: DenseNet; summary: TrainSummary } {
  const started = performance.now()
  const rng = new Rng(config.seed)
  const { x, d, task } = data
  const k = task === 'multiclass' ? data.classes : 1
  // Regression targets are standardised for training; the output layer is rescaled at the end.
  let y: ArrayLike<number> = data.y
  let yMean = 0
  let yScale = 1
  if (task === 'regression') {
    const raw = data.y as Float64Array
    yMean = raw.reduce((a, b) => a + b, 0) / raw.length
    yScale = Math.sqrt(raw.reduce((a, b) => a + (b - yMean) ** 2, 0) / raw.length) || 1
    y = raw.map((v) => (v - yMean) / yScale)
  }

  const order = rng.shuffle(Uint32Array.from({ length: data.n }, (_, i) => i))
  const stopping = config.early_stopping
  const valCount = stopping ? Math.max(1, Math.round(stopping.validation_fraction * data.n)) : 0
  const valIdx = order.subarray(0, valCount)
  const trainIdx = order.slice(valCount)
  const nTrain = trainIdx.length
  const valX = new Float64Array(valCount * d)
  const valY =
    task === 'regression'
      ? new Float64Array(valCount)
      : task === 'binary'
        ? new Uint8Array(valCount)
        : new Int32Array(valCount)
  for (let i = 0; i < valCount; i++) {
    valX.set(x.subarray(valIdx[i]! * d, valIdx[i]! * d + d), i * d)
    valY[i] = y[valIdx[i]!]!
  }

  const sizes = [d, ...config.hidden, k]
  const batch = Math.min(config.batch_size, nTrain)
  const ws = allocateWorkspace(
    arena,
    initLayers(sizes, config.activation, outputActivation(task), rng),
    sizes,
    batch,
  )
  const { layers, grads, moments, acts, deltas } = ws
  const masks = config.hidden.map((s) => new Float64Array(batch * s))
  const { optimizer, alpha, dropout } = config
  const keep = 1 - dropout
  let step = 0
  let best = {
    loss: Infinity,
    epoch: 0,
    weights: layers.map((l) => ({ kernel: l.kernel.slice(), bias: l.bias.slice() })),
  }
  let wait = 0
  let epoch = 0
  let trainLoss = Number.NaN
  let stoppedEarly = false
  const batchY = new Float64Array(batch)
  const valOut = new Float64Array(valCount * k)
  const a0 = acts[0]!

  for (epoch = 1; epoch <= config.epochs; epoch++) {
    rng.shuffle(trainIdx)
    let lossSum = 0
    for (let start = 0; start < nTrain; start += batch) {
      const rows = Math.min(batch, nTrain - start)
      for (let i = 0; i < rows; i++) {
        const r = trainIdx[start + i]!
        for (let j = 0, src = r * d, dst = i * d; j < d; j++) a0[dst + j] = x[src + j]!
        batchY[i] = y[r]!
      }
      // Forward, with inverted dropout on hidden layers.
      for (let l = 0; l < layers.length; l++) {
        const out = acts[l + 1]!
        forwardLayer(arena, layers[l]!, acts[l]!, rows, out)
        if (dropout > 0 && l + 1 < layers.length) {
          const mask = masks[l]!
          for (let i = 0; i < rows * layers[l]!.units; i++) {
            mask[i] = rng.next() < keep ? 1 / keep : 0
            out[i] = out[i]! * mask[i]!
          }
        }
      }
      const out = acts[layers.length]!
      lossSum += meanLoss(task, out, batchY, rows, k) * rows
      // Output delta for the canonical link: prediction − target.
      const delta = deltas[layers.length]!
      for (let i = 0; i < rows; i++) {
        if (k === 1) delta[i] = out[i]! - batchY[i]!
        else for (let c = 0; c < k; c++) delta[i * k + c] = out[i * k + c]! - (batchY[i] === c ? 1 : 0)
      }
      backward(arena, ws, rows, alpha, dropout, masks)
      // Parameter update.
      step++
      for (let l = 0; l < layers.length; l++) {
        const layer = layers[l]!
        const g = grads[l]!
        const m = moments[l]!
        if (optimizer.name === 'adam') {
          const lr =
            (optimizer.learning_rate * Math.sqrt(1 - optimizer.beta2 ** step)) / (1 - optimizer.beta1 ** step)
          adamUpdate(
            layer.kernel,
            g.kernel,
            m.mK,
            m.vK,
            lr,
            optimizer.beta1,
            optimizer.beta2,
            optimizer.epsilon,
          )
          adamUpdate(layer.bias, g.bias, m.mB, m.vB, lr, optimizer.beta1, optimizer.beta2, optimizer.epsilon)
        } else {
          momentumUpdate(layer.kernel, g.kernel, m.mK, optimizer.learning_rate, optimizer.momentum)
          momentumUpdate(layer.bias, g.bias, m.mB, optimizer.learning_rate, optimizer.momentum)
        }
      }
    }
    trainLoss = lossSum / nTrain
    if (!Number.isFinite(trainLoss)) {
      throw new Error(
        `training diverged at epoch ${epoch} (loss ${trainLoss}); lower model.optimizer.learning_rate`,
      )
    }
    let line = `  epoch ${epoch}/${config.epochs}: loss ${trainLoss.toFixed(5)}`
    if (stopping) {
      // The validation rows go through the batch buffers (no dropout at prediction).
      forwardRows(arena, layers, acts, valX, valCount, valOut)
      const valLoss = meanLoss(task, valOut, valY, valCount, k)
      line += `, val_loss ${valLoss.toFixed(5)}`
      if (validationScore) {
        const score = validationScore(valY, valOut, valCount)
        line += `, val_${score.name} ${score.value.toFixed(4)}`
      }
      if (valLoss < best.loss - stopping.min_delta) {
        best = {
          loss: valLoss,
          epoch,
          weights: layers.map((l) => ({ kernel: l.kernel.slice(), bias: l.bias.slice() })),
        }
        wait = 0
      } else if (++wait >= stopping.patience) {
        logger.progress(line)
        stoppedEarly = true
        break
      }
    }
    logger.progress(line)
  }
  // The arena is reused after this fit: the returned net owns copies.
  const fitted = stopping
    ? best.weights
    : layers.map((l) => ({ kernel: l.kernel.slice(), bias: l.bias.slice() }))
  const net: DenseNet = { layers: layers.map((l, i) => ({ ...l, ...fitted[i]! })), dropout: config.dropout }
  if (task === 'regression') {
    const last = net.layers[net.layers.length - 1]!
    for (let i = 0; i < last.kernel.length; i++) last.kernel[i] = last.kernel[i]! * yScale
    last.bias[0] = last.bias[0]! * yScale + yMean
  }
  const epochs = Math.min(epoch, config.epochs)
  const millis = performance.now() - started
  logger.progress(
    `  mlp: ${epochs} epochs${stoppedEarly ? ` (early stop; best epoch ${best.epoch})` : ''}, ${step} steps, ${millis.toFixed(0)} ms, ${arena.backend} kernels`,
  )
  return {
    net,
    summary: {
      algorithm: optimizer.name,
      iterations: step,
      epochs,
      finalLoss: stopping ? best.loss : trainLoss,
      converged: true,
      ...(stopping ? { bestEpoch: best.epoch, stoppedEarly } : {}),
      millis,
    },
  }
}
