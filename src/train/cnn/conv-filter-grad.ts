/**
 * The filter gradient of a 2-D convolution (`Conv2DBackpropFilter`) for the tfjs wasm backend, which has the
 * forward convolution and the input gradient but not this kernel: without it a CNN cannot train on wasm. The
 * sums are those of tfjs's cpu kernel (NHWC), in an order that walks both inputs contiguously:
 * dW[kh, kw, ci, co] = Σ_b,oh,ow x[b, oh·sh + kh − top, ow·sw + kw − left, ci] · dy[b, oh, ow, co].
 */
import type { Tf } from '../tf-runtime.js'

interface TensorLike {
  dataId: object
  shape: number[]
  dtype: 'float32'
}

/** The parts of tfjs-backend-wasm's BackendWasm used here (its class is not exported as a type we can name). */
interface WasmLikeBackend {
  readSync(dataId: object): ArrayLike<number>
  makeOutput(shape: number[], dtype: 'float32'): TensorLike
  typedArrayFromHeap(info: TensorLike): Float32Array
  disposeData(dataId: object): boolean
}

export const CONV_FILTER_GRAD = 'Conv2DBackpropFilter'

export interface ConvGeometry {
  batchSize: number
  inHeight: number
  inWidth: number
  inChannels: number
  outHeight: number
  outWidth: number
  filterHeight: number
  filterWidth: number
  strideHeight: number
  strideWidth: number
  top: number
  left: number
}

/**
 * The input patches (im2col) of NHWC `x`, transposed: row k = (kh, kw, ci) in the filter's order, column
 * n = (b, oh, ow), zero where the window hangs over the padding. dW = patches · dy is then one matrix product
 * without transposes, the case the wasm backend runs fastest (XNNPACK).
 */
export function inputPatchesT(x: ArrayLike<number>, g: ConvGeometry, out: Float32Array): Float32Array {
  const { inHeight: H, inWidth: W, inChannels: ci, filterHeight: KH, filterWidth: KW } = g
  const N = g.batchSize * g.outHeight * g.outWidth
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      for (let c = 0; c < ci; c++) {
        const rowStart = ((kh * KW + kw) * ci + c) * N
        let n = rowStart
        for (let b = 0; b < g.batchSize; b++) {
          for (let oh = 0; oh < g.outHeight; oh++) {
            const ih = oh * g.strideHeight + kh - g.top
            const inside = ih >= 0 && ih < H
            const base = (b * H + ih) * W
            for (let ow = 0; ow < g.outWidth; ow++, n++) {
              const iw = ow * g.strideWidth + kw - g.left
              out[n] = inside && iw >= 0 && iw < W ? x[(base + iw) * ci + c]! : 0
            }
          }
        }
      }
    }
  }
  return out
}

let registered = false

/** Register the kernel on the wasm backend once per process (tfjs has one global kernel registry). */
export function registerWasmConvFilterGrad(tf: Tf): void {
  if (registered || tf.getKernel(CONV_FILTER_GRAD, 'wasm')) return
  registered = true
  tf.registerKernel({
    kernelName: CONV_FILTER_GRAD,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as unknown as { x: TensorLike; dy: TensorLike }
      const a = attrs as unknown as {
        strides: [number, number] | number
        pad: 'valid' | 'same' | number
        dataFormat: 'NHWC' | 'NCHW'
        dimRoundingMode?: 'floor' | 'round' | 'ceil'
        filterShape: [number, number, number, number]
      }
      if (a.dataFormat !== 'NHWC') throw new Error(`${CONV_FILTER_GRAD} on wasm: only NHWC is supported`)
      const conv = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        a.filterShape,
        a.strides,
        1,
        a.pad,
        a.dimRoundingMode,
      )
      const wasm = backend as unknown as WasmLikeBackend
      const g: ConvGeometry = { ...conv, top: conv.padInfo.top, left: conv.padInfo.left }
      const rows = g.batchSize * g.outHeight * g.outWidth
      const K = g.filterHeight * g.filterWidth * g.inChannels
      const patches = wasm.makeOutput([1, K, rows], 'float32')
      inputPatchesT(wasm.readSync(x.dataId), g, wasm.typedArrayFromHeap(patches))
      const product = tf.getKernel('BatchMatMul', 'wasm').kernelFunc({
        inputs: { a: patches, b: { ...dy, shape: [1, rows, conv.outChannels] } },
        backend,
        attrs: { transposeA: false, transposeB: false },
      }) as TensorLike
      wasm.disposeData(patches.dataId)
      // [1, K, Co] holds dW in the filter's [kh, kw, ci, co] order already: only the shape changes.
      return { ...product, shape: a.filterShape }
    },
  })
}
