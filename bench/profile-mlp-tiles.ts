/**
 * The register-tiled dense kernels of the MLP profile (bench/profile-mlp.ts); see profile-mlp-kernels.ts for
 * the reference loops they are checked against. Scratch code for measuring proposals; src/ is unchanged.
 */
import { blocked4, reference, type Kernels } from './profile-mlp-kernels.js'

/**
 * Register tiles: each output element of a 4 × 4 tile is summed in a local variable over the whole inner
 * dimension and stored once, instead of a load and a store per multiply-add. Requires units % 4 === 0 and
 * inputs % 4 === 0 where tiled (true for 64 and 32); other shapes fall back to blocked4.
 */
export const tiled: Kernels = {
  forward(a, w, b, rows, inputs, units, out, relu) {
    if (units % 4 !== 0) return blocked4.forward(a, w, b, rows, inputs, units, out, relu)
    const full = rows & ~3
    for (let i = 0; i < full; i += 4) {
      const r0 = i * inputs
      const r1 = r0 + inputs
      const r2 = r1 + inputs
      const r3 = r2 + inputs
      for (let j = 0; j < units; j += 4) {
        let c00 = b[j],
          c01 = b[j + 1],
          c02 = b[j + 2],
          c03 = b[j + 3]
        let c10 = c00,
          c11 = c01,
          c12 = c02,
          c13 = c03
        let c20 = c00,
          c21 = c01,
          c22 = c02,
          c23 = c03
        let c30 = c00,
          c31 = c01,
          c32 = c02,
          c33 = c03
        for (let k = 0; k < inputs; k++) {
          const wk = k * units + j
          const w0 = w[wk],
            w1 = w[wk + 1],
            w2 = w[wk + 2],
            w3 = w[wk + 3]
          const a0 = a[r0 + k],
            a1 = a[r1 + k],
            a2 = a[r2 + k],
            a3 = a[r3 + k]
          c00 += a0 * w0
          c01 += a0 * w1
          c02 += a0 * w2
          c03 += a0 * w3
          c10 += a1 * w0
          c11 += a1 * w1
          c12 += a1 * w2
          c13 += a1 * w3
          c20 += a2 * w0
          c21 += a2 * w1
          c22 += a2 * w2
          c23 += a2 * w3
          c30 += a3 * w0
          c31 += a3 * w1
          c32 += a3 * w2
          c33 += a3 * w3
        }
        const o = i * units + j
        out[o] = c00
        out[o + 1] = c01
        out[o + 2] = c02
        out[o + 3] = c03
        out[o + units] = c10
        out[o + units + 1] = c11
        out[o + units + 2] = c12
        out[o + units + 3] = c13
        out[o + 2 * units] = c20
        out[o + 2 * units + 1] = c21
        out[o + 2 * units + 2] = c22
        out[o + 2 * units + 3] = c23
        out[o + 3 * units] = c30
        out[o + 3 * units + 1] = c31
        out[o + 3 * units + 2] = c32
        out[o + 3 * units + 3] = c33
      }
    }
    if (full < rows)
      reference.forward(
        a.subarray(full * inputs),
        w,
        b,
        rows - full,
        inputs,
        units,
        out.subarray(full * units),
        false,
      )
    if (relu) for (let i = 0; i < rows * units; i++) if (out[i] < 0) out[i] = 0
  },
  weightGrad(a, dl, rows, inputs, units, gW, gB) {
    if (units % 4 !== 0 || inputs % 4 !== 0) return blocked4.weightGrad(a, dl, rows, inputs, units, gW, gB)
    gB.fill(0)
    for (let i = 0; i < rows; i++) for (let j = 0; j < units; j++) gB[j] = gB[j] + dl[i * units + j]
    for (let q = 0; q < inputs; q += 4) {
      for (let j = 0; j < units; j += 4) {
        let c00 = 0,
          c01 = 0,
          c02 = 0,
          c03 = 0,
          c10 = 0,
          c11 = 0,
          c12 = 0,
          c13 = 0
        let c20 = 0,
          c21 = 0,
          c22 = 0,
          c23 = 0,
          c30 = 0,
          c31 = 0,
          c32 = 0,
          c33 = 0
        for (let i = 0; i < rows; i++) {
          const ai = i * inputs + q
          const di = i * units + j
          const a0 = a[ai],
            a1 = a[ai + 1],
            a2 = a[ai + 2],
            a3 = a[ai + 3]
          const d0 = dl[di],
            d1 = dl[di + 1],
            d2 = dl[di + 2],
            d3 = dl[di + 3]
          c00 += a0 * d0
          c01 += a0 * d1
          c02 += a0 * d2
          c03 += a0 * d3
          c10 += a1 * d0
          c11 += a1 * d1
          c12 += a1 * d2
          c13 += a1 * d3
          c20 += a2 * d0
          c21 += a2 * d1
          c22 += a2 * d2
          c23 += a2 * d3
          c30 += a3 * d0
          c31 += a3 * d1
          c32 += a3 * d2
          c33 += a3 * d3
        }
        const o = q * units + j
        gW[o] = c00
        gW[o + 1] = c01
        gW[o + 2] = c02
        gW[o + 3] = c03
        gW[o + units] = c10
        gW[o + units + 1] = c11
        gW[o + units + 2] = c12
        gW[o + units + 3] = c13
        gW[o + 2 * units] = c20
        gW[o + 2 * units + 1] = c21
        gW[o + 2 * units + 2] = c22
        gW[o + 2 * units + 3] = c23
        gW[o + 3 * units] = c30
        gW[o + 3 * units + 1] = c31
        gW[o + 3 * units + 2] = c32
        gW[o + 3 * units + 3] = c33
      }
    }
  },
  inputGrad(dl, w, a, rows, inputs, units, prev) {
    if (inputs % 4 !== 0) return blocked4.inputGrad(dl, w, a, rows, inputs, units, prev)
    const full = rows & ~3
    for (let i = 0; i < full; i += 4) {
      const d0 = i * units
      for (let q = 0; q < inputs; q += 4) {
        let c00 = 0,
          c01 = 0,
          c02 = 0,
          c03 = 0,
          c10 = 0,
          c11 = 0,
          c12 = 0,
          c13 = 0
        let c20 = 0,
          c21 = 0,
          c22 = 0,
          c23 = 0,
          c30 = 0,
          c31 = 0,
          c32 = 0,
          c33 = 0
        const w0 = q * units
        for (let j = 0; j < units; j++) {
          const x0 = dl[d0 + j],
            x1 = dl[d0 + units + j],
            x2 = dl[d0 + 2 * units + j],
            x3 = dl[d0 + 3 * units + j]
          const v0 = w[w0 + j],
            v1 = w[w0 + units + j],
            v2 = w[w0 + 2 * units + j],
            v3 = w[w0 + 3 * units + j]
          c00 += x0 * v0
          c01 += x0 * v1
          c02 += x0 * v2
          c03 += x0 * v3
          c10 += x1 * v0
          c11 += x1 * v1
          c12 += x1 * v2
          c13 += x1 * v3
          c20 += x2 * v0
          c21 += x2 * v1
          c22 += x2 * v2
          c23 += x2 * v3
          c30 += x3 * v0
          c31 += x3 * v1
          c32 += x3 * v2
          c33 += x3 * v3
        }
        const p = i * inputs + q
        const cs = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33]
        for (let r = 0; r < 4; r++) {
          for (let c = 0; c < 4; c++) {
            const idx = p + r * inputs + c
            prev[idx] = a[idx] > 0 ? cs[r * 4 + c] : 0
          }
        }
      }
    }
    if (full < rows)
      reference.inputGrad(
        dl.subarray(full * units),
        w,
        a.subarray(full * inputs),
        rows - full,
        inputs,
        units,
        prev.subarray(full * inputs),
      )
  },
}
