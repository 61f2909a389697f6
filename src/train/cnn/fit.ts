import type { LayersModel, Tensor } from '@tensorflow/tfjs'
import type { CnnConfig } from '../../config/spec-schema.js'
import type { ImageSet } from '../../data/images/image-set.js'
import type { Logger } from '../../util/logger.js'
import { Rng } from '../../util/rng.js'
import type { TrainSummary } from '../model-types.js'
import type { Tf } from '../tf-runtime.js'
import { augmentBatch } from './augment.js'
import { buildCnn, reseedDropout } from './build.js'

/** The images at `rows` as one NHWC block (what a batch tensor is made from). */
export function gatherImages(set: ImageSet, rows: ArrayLike<number>, from: number, to: number): Float32Array {
  const per = set.shape.height * set.shape.width * set.shape.channels
  const out = new Float32Array((to - from) * per)
  for (let i = from; i < to; i++) {
    const r = rows[i]!
    out.set(set.x.subarray(r * per, (r + 1) * per), (i - from) * per)
  }
  return out
}

/**
 * Minibatch Adam on softmax cross-entropy, with modelgate's own loop instead of `model.fit`: tfjs shuffles with
 * Math.random, so the batch order, the augmentation and the dropout masks all come from one generator seeded
 * by the spec, and the same seed on the same backend gives the same weights. One progress line per epoch.
 */
export async function fitCnn(
  tf: Tf,
  config: CnnConfig,
  set: ImageSet,
  rows: Uint32Array,
  seed: number,
  logger: Logger,
): Promise<{ model: LayersModel; summary: TrainSummary }> {
  const started = performance.now()
  const classes = set.classes.length
  const model = buildCnn(tf, config, set.shape, classes, seed)
  model.compile({
    optimizer: tf.train.adam(config.learning_rate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  })
  const rng = new Rng(seed)
  const order = Uint32Array.from(rows)
  let steps = 0
  let loss = Number.NaN
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const epochStarted = performance.now()
    rng.shuffle(order)
    let lossSum = 0
    let correct = 0
    for (let from = 0; from < order.length; from += config.batch_size) {
      const to = Math.min(from + config.batch_size, order.length)
      const count = to - from
      const pixels = augmentBatch(gatherImages(set, order, from, to), count, set.shape, config.augment, rng)
      const onehot = new Float32Array(count * classes)
      for (let i = from; i < to; i++) onehot[(i - from) * classes + set.labels[order[i]!]!] = 1
      const xs: Tensor = tf.tensor4d(pixels, [count, set.shape.height, set.shape.width, set.shape.channels])
      const ys: Tensor = tf.tensor2d(onehot, [count, classes])
      reseedDropout(model, () => rng.nextUint32())
      try {
        const [batchLoss, batchAccuracy] = (await model.trainOnBatch(xs, ys)) as number[]
        lossSum += batchLoss! * count
        correct += batchAccuracy! * count
      } finally {
        xs.dispose()
        ys.dispose()
      }
      steps++
    }
    loss = lossSum / order.length
    logger.progress(
      `  epoch ${epoch}/${config.epochs}: loss ${loss.toFixed(4)}, training accuracy ${(correct / order.length).toFixed(4)} (${((performance.now() - epochStarted) / 1000).toFixed(1)} s)`,
    )
  }
  const millis = performance.now() - started
  logger.info(`  cnn: ${config.epochs} epochs, ${steps} steps, ${millis.toFixed(0)} ms`)
  return {
    model,
    summary: {
      algorithm: `adam (tfjs ${tf.getBackend()})`,
      iterations: steps,
      epochs: config.epochs,
      finalLoss: loss,
      // A fixed number of epochs: no convergence test is made, so none is claimed.
      converged: false,
      millis,
    },
  }
}
