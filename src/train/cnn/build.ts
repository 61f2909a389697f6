import type { LayersModel } from '@tensorflow/tfjs'
import type { CnnConfig } from '../../config/spec-schema.js'
import type { ImageShape } from '../../data/images/pixels.js'
import type { Tf } from '../tf-runtime.js'

/**
 * The spec's network as a tfjs layers model: per conv block a convolution (ReLU, or linear then batch norm
 * then ReLU), max pooling, then flatten, the dense ReLU head with dropout before each dense layer, and a
 * softmax output. Every initializer is seeded (seed + layer index), and the layers have fixed names, so the
 * same spec and seed build the same weights and the same model.json on every run.
 */
export function buildCnn(
  tf: Tf,
  config: CnnConfig,
  shape: ImageShape,
  classes: number,
  seed: number,
): LayersModel {
  const model = tf.sequential({ name: 'modelgate_cnn' })
  let layerSeed = seed * 1000
  const kernel = (): ReturnType<typeof tf.initializers.glorotUniform> =>
    tf.initializers.glorotUniform({ seed: layerSeed++ })
  config.conv.forEach((block, i) => {
    model.add(
      tf.layers.conv2d({
        name: `conv_${i + 1}`,
        ...(i === 0 ? { inputShape: [shape.height, shape.width, shape.channels] } : {}),
        filters: block.filters,
        kernelSize: block.kernel,
        padding: block.padding,
        activation: config.batch_norm ? 'linear' : 'relu',
        useBias: !config.batch_norm,
        kernelInitializer: kernel(),
      }),
    )
    if (config.batch_norm) {
      model.add(tf.layers.batchNormalization({ name: `batch_norm_${i + 1}` }))
      model.add(tf.layers.activation({ name: `relu_${i + 1}`, activation: 'relu' }))
    }
    if (block.pool > 1) model.add(tf.layers.maxPooling2d({ name: `pool_${i + 1}`, poolSize: block.pool }))
  })
  model.add(tf.layers.flatten({ name: 'flatten' }))
  const dropout = (i: number): void => {
    if (config.dropout > 0)
      model.add(tf.layers.dropout({ name: `dropout_${i}`, rate: config.dropout, seed: layerSeed++ }))
  }
  config.dense.forEach((units, i) => {
    dropout(i + 1)
    model.add(
      tf.layers.dense({ name: `dense_${i + 1}`, units, activation: 'relu', kernelInitializer: kernel() }),
    )
  })
  dropout(config.dense.length + 1)
  model.add(
    tf.layers.dense({ name: 'output', units: classes, activation: 'softmax', kernelInitializer: kernel() }),
  )
  return model
}

/**
 * tfjs's dropout layer draws its mask from its `seed` (fixed: the same mask every step) or from Math.random
 * (not reproducible). Training gives each dropout layer a fresh seed from the run's generator before every
 * batch, so masks vary per step and a run is reproducible. The field is public in tfjs but typed readonly.
 */
export function reseedDropout(model: LayersModel, next: () => number): void {
  for (const layer of model.layers)
    if (layer.getClassName() === 'Dropout') (layer as unknown as { seed: number }).seed = next()
}
