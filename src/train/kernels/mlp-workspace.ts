/**
 * The MLP trainer's per-fit arrays in an arena and the parts of a training step that are not the forward
 * pass: the backward pass (three matrix products per layer in the arena's kernels) and the optimizer updates.
 */
import type { DenseLayer } from '../model-types.js'
import type { Arena } from './dense-kernels.js'

/** The per-fit arrays, all views of one arena allocation. */
export interface Workspace {
  layers: DenseLayer[]
  grads: { kernel: Float64Array; bias: Float64Array }[]
  moments: { mK: Float64Array; vK: Float64Array; mB: Float64Array; vB: Float64Array }[]
  /** Wᵀ of each layer (units × inputs), refreshed before the input gradient. */
  transposed: Float64Array[]
  /** acts[l]: batch × sizes[l], the input of layer l (acts[0] the batch's rows); deltas likewise. */
  acts: Float64Array[]
  deltas: Float64Array[]
  /** A single 1: the bias gradient is 1ᵀ·Δ, a product with stride-0 rows. */
  one: Float64Array
}

export function allocateWorkspace(
  arena: Arena,
  initial: DenseLayer[],
  sizes: number[],
  batch: number,
): Workspace {
  const perLayer = (l: DenseLayer): number[] => {
    const k = l.kernel.length
    return [k, l.units, k, l.units, k, k, l.units, l.units, k]
  }
  const views = arena.allocate([
    ...initial.flatMap(perLayer),
    ...sizes.map((s) => batch * s),
    ...sizes.map((s) => batch * s),
    1,
  ])
  let next = 0
  const take = (): Float64Array => views[next++]!
  const ws: Workspace = {
    layers: [],
    grads: [],
    moments: [],
    transposed: [],
    acts: [],
    deltas: [],
    one: views[views.length - 1]!,
  }
  for (const l of initial) {
    const layer = { ...l, kernel: take(), bias: take() }
    layer.kernel.set(l.kernel)
    layer.bias.set(l.bias)
    ws.layers.push(layer)
    ws.grads.push({ kernel: take(), bias: take() })
    ws.moments.push({ mK: take(), vK: take(), mB: take(), vB: take() })
    ws.transposed.push(take())
  }
  for (let i = 0; i < sizes.length; i++) ws.acts.push(take())
  for (let i = 0; i < sizes.length; i++) ws.deltas.push(take())
  ws.one[0] = 1
  return ws
}

/**
 * Gradients of the batch's mean loss + alpha·||W||²/(2·rows) (scikit-learn's MLP penalty) into ws.grads,
 * from the output delta (prediction − target) in ws.deltas[last]; the hidden layers' deltas are overwritten.
 * Per layer: ∇W = Aᵀ·Δ, ∇b = 1ᵀ·Δ, and the input gradient Δ·Wᵀ through the activation's derivative.
 */
export function backward(
  arena: Arena,
  ws: Workspace,
  rows: number,
  alpha: number,
  dropout: number,
  masks: Float64Array[],
): void {
  const { layers, grads, transposed, acts, deltas, one } = ws
  for (let l = layers.length - 1; l >= 0; l--) {
    const layer = layers[l]!
    const { inputs, units, kernel } = layer
    const a = acts[l]!
    const dl = deltas[l + 1]!
    const g = grads[l]!
    arena.gemm(inputs, units, rows, a, 1, inputs, dl, units, g.kernel, units, null)
    arena.gemm(1, units, rows, one, 0, 0, dl, units, g.bias, units, null)
    for (let i = 0; i < kernel.length; i++) g.kernel[i] = (g.kernel[i]! + alpha * kernel[i]!) / rows
    for (let j = 0; j < units; j++) g.bias[j] = g.bias[j]! / rows
    if (l > 0) {
      const prev = deltas[l]!
      const hiddenAct = layers[l - 1]!.activation
      arena.transpose(kernel, inputs, units, transposed[l]!)
      // ReLU's derivative is 1 where the (post-dropout) activation is positive: applied as stored.
      const relu = hiddenAct === 'relu'
      arena.gemm(
        rows,
        inputs,
        units,
        dl,
        units,
        1,
        transposed[l]!,
        inputs,
        prev,
        inputs,
        null,
        relu ? 'mask' : 'none',
        a,
      )
      if (dropout > 0 || !relu) backThroughHidden(prev, a, masks[l - 1]!, rows * inputs, hiddenAct, dropout)
    }
  }
}

/**
 * The input gradient through a hidden layer's dropout and activation, in place: `prev` holds Δ·Wᵀ (already
 * zeroed where a ReLU activation is not positive). `act` is the post-dropout activation: for kept units
 * act = f(z)/keep, so f(z) = act·keep.
 */
function backThroughHidden(
  prev: Float64Array,
  act: Float64Array,
  mask: Float64Array,
  len: number,
  activation: DenseLayer['activation'],
  dropout: number,
): void {
  const keep = 1 - dropout
  for (let i = 0; i < len; i++) {
    let s = prev[i]!
    if (dropout > 0) s *= mask[i]!
    if (activation !== 'relu') {
      const f = dropout > 0 && mask[i]! > 0 ? act[i]! * keep : act[i]!
      if (activation === 'tanh') s *= 1 - f * f
      else s *= f * (1 - f)
    }
    prev[i] = s
  }
}

export function adamUpdate(
  p: Float64Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  lr: number,
  b1: number,
  b2: number,
  eps: number,
): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!
    const mi = b1 * m[i]! + (1 - b1) * gi
    const vi = b2 * v[i]! + (1 - b2) * gi * gi
    m[i] = mi
    v[i] = vi
    p[i] = p[i]! - (lr * mi) / (Math.sqrt(vi) + eps)
  }
}

export function momentumUpdate(
  p: Float64Array,
  g: Float64Array,
  velocity: Float64Array,
  lr: number,
  momentum: number,
): void {
  for (let i = 0; i < p.length; i++) {
    velocity[i] = momentum * velocity[i]! - lr * g[i]!
    p[i] = p[i]! + velocity[i]!
  }
}
