/**
 * Dense-layer kernels for the MLP profile (bench/profile-mlp.ts): the loop order of src/train/mlp.ts and
 * forward.ts ("reference"), and a register-blocked variant that handles four rows per pass so each weight
 * loaded from memory serves four multiply-adds and four independent sums hide the add latency. Scratch code
 * for measuring proposals; src/ is unchanged.
 */
export type Vec = Float64Array | Float32Array

export interface Kernels {
  /** out[rows × units] = a[rows × inputs] · W[inputs × units] + b, then ReLU when `relu`. */
  forward(a: Vec, w: Vec, b: Vec, rows: number, inputs: number, units: number, out: Vec, relu: boolean): void
  /** gW[inputs × units] = aᵀ · dl, gB = Σ rows dl (not yet divided by rows). */
  weightGrad(a: Vec, dl: Vec, rows: number, inputs: number, units: number, gW: Vec, gB: Vec): void
  /** prev[rows × inputs] = (dl · Wᵀ) ⊙ [a > 0] (ReLU derivative from the activation). */
  inputGrad(dl: Vec, w: Vec, a: Vec, rows: number, inputs: number, units: number, prev: Vec): void
}

export const reference: Kernels = {
  forward(a, w, b, rows, inputs, units, out, relu) {
    for (let i = 0; i < rows; i++) {
      const o = i * units
      for (let j = 0; j < units; j++) out[o + j] = b[j]!
      const ai = i * inputs
      for (let k = 0; k < inputs; k++) {
        const v = a[ai + k]!
        if (v === 0) continue
        const wk = k * units
        for (let j = 0; j < units; j++) out[o + j] = out[o + j]! + v * w[wk + j]!
      }
    }
    if (relu) for (let i = 0; i < rows * units; i++) if (out[i]! < 0) out[i] = 0
  },
  weightGrad(a, dl, rows, inputs, units, gW, gB) {
    gW.fill(0)
    gB.fill(0)
    for (let i = 0; i < rows; i++) {
      const di = i * units
      for (let j = 0; j < units; j++) gB[j] = gB[j]! + dl[di + j]!
      const ai = i * inputs
      for (let q = 0; q < inputs; q++) {
        const v = a[ai + q]!
        if (v === 0) continue
        const wq = q * units
        for (let j = 0; j < units; j++) gW[wq + j] = gW[wq + j]! + v * dl[di + j]!
      }
    }
  },
  inputGrad(dl, w, a, rows, inputs, units, prev) {
    for (let i = 0; i < rows; i++) {
      const di = i * units
      for (let q = 0; q < inputs; q++) {
        let s = 0
        const wq = q * units
        for (let j = 0; j < units; j++) s += dl[di + j]! * w[wq + j]!
        const idx = i * inputs + q
        prev[idx] = a[idx]! > 0 ? s : 0
      }
    }
  },
}

/** Four rows at a time (rows not divisible by 4 finish with the reference loops). */
export const blocked4: Kernels = {
  forward(a, w, b, rows, inputs, units, out, relu) {
    const full = rows & ~3
    for (let i = 0; i < full; i += 4) {
      const o0 = i * units
      const o1 = o0 + units
      const o2 = o1 + units
      const o3 = o2 + units
      for (let j = 0; j < units; j++) {
        const bj = b[j]!
        out[o0 + j] = bj
        out[o1 + j] = bj
        out[o2 + j] = bj
        out[o3 + j] = bj
      }
      const a0 = i * inputs
      for (let k = 0; k < inputs; k++) {
        const v0 = a[a0 + k]!
        const v1 = a[a0 + inputs + k]!
        const v2 = a[a0 + 2 * inputs + k]!
        const v3 = a[a0 + 3 * inputs + k]!
        const wk = k * units
        for (let j = 0; j < units; j++) {
          const wv = w[wk + j]!
          out[o0 + j] = out[o0 + j]! + v0 * wv
          out[o1 + j] = out[o1 + j]! + v1 * wv
          out[o2 + j] = out[o2 + j]! + v2 * wv
          out[o3 + j] = out[o3 + j]! + v3 * wv
        }
      }
    }
    if (full < rows) {
      const off = full * inputs
      const outOff = full * units
      reference.forward(a.subarray(off), w, b, rows - full, inputs, units, out.subarray(outOff), false)
    }
    if (relu) for (let i = 0; i < rows * units; i++) if (out[i]! < 0) out[i] = 0
  },
  weightGrad(a, dl, rows, inputs, units, gW, gB) {
    gW.fill(0)
    gB.fill(0)
    const full = rows & ~3
    for (let i = 0; i < full; i += 4) {
      const d0 = i * units
      const d1 = d0 + units
      const d2 = d1 + units
      const d3 = d2 + units
      for (let j = 0; j < units; j++) gB[j] = gB[j]! + dl[d0 + j]! + dl[d1 + j]! + dl[d2 + j]! + dl[d3 + j]!
      const a0 = i * inputs
      for (let q = 0; q < inputs; q++) {
        const v0 = a[a0 + q]!
        const v1 = a[a0 + inputs + q]!
        const v2 = a[a0 + 2 * inputs + q]!
        const v3 = a[a0 + 3 * inputs + q]!
        if (v0 === 0 && v1 === 0 && v2 === 0 && v3 === 0) continue
        const wq = q * units
        for (let j = 0; j < units; j++) {
          gW[wq + j] = gW[wq + j]! + v0 * dl[d0 + j]! + v1 * dl[d1 + j]! + v2 * dl[d2 + j]! + v3 * dl[d3 + j]!
        }
      }
    }
    for (let i = full; i < rows; i++) {
      const di = i * units
      for (let j = 0; j < units; j++) gB[j] = gB[j]! + dl[di + j]!
      for (let q = 0; q < inputs; q++) {
        const v = a[i * inputs + q]!
        if (v === 0) continue
        for (let j = 0; j < units; j++) gW[q * units + j] = gW[q * units + j]! + v * dl[di + j]!
      }
    }
  },
  inputGrad(dl, w, a, rows, inputs, units, prev) {
    const full = rows & ~3
    for (let i = 0; i < full; i += 4) {
      const d0 = i * units
      const d1 = d0 + units
      const d2 = d1 + units
      const d3 = d2 + units
      const p0 = i * inputs
      for (let q = 0; q < inputs; q++) {
        let s0 = 0
        let s1 = 0
        let s2 = 0
        let s3 = 0
        const wq = q * units
        for (let j = 0; j < units; j++) {
          const wv = w[wq + j]!
          s0 += dl[d0 + j]! * wv
          s1 += dl[d1 + j]! * wv
          s2 += dl[d2 + j]! * wv
          s3 += dl[d3 + j]! * wv
        }
        prev[p0 + q] = a[p0 + q]! > 0 ? s0 : 0
        prev[p0 + inputs + q] = a[p0 + inputs + q]! > 0 ? s1 : 0
        prev[p0 + 2 * inputs + q] = a[p0 + 2 * inputs + q]! > 0 ? s2 : 0
        prev[p0 + 3 * inputs + q] = a[p0 + 3 * inputs + q]! > 0 ? s3 : 0
      }
    }
    if (full < rows) {
      reference.inputGrad(dl.subarray(full * units), w, a.subarray(full * inputs), rows - full, inputs, units, prev.subarray(full * inputs))
    }
  },
}

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
        let c00 = b[j]!, c01 = b[j + 1]!, c02 = b[j + 2]!, c03 = b[j + 3]!
        let c10 = c00, c11 = c01, c12 = c02, c13 = c03
        let c20 = c00, c21 = c01, c22 = c02, c23 = c03
        let c30 = c00, c31 = c01, c32 = c02, c33 = c03
        for (let k = 0; k < inputs; k++) {
          const wk = k * units + j
          const w0 = w[wk]!, w1 = w[wk + 1]!, w2 = w[wk + 2]!, w3 = w[wk + 3]!
          const a0 = a[r0 + k]!, a1 = a[r1 + k]!, a2 = a[r2 + k]!, a3 = a[r3 + k]!
          c00 += a0 * w0; c01 += a0 * w1; c02 += a0 * w2; c03 += a0 * w3
          c10 += a1 * w0; c11 += a1 * w1; c12 += a1 * w2; c13 += a1 * w3
          c20 += a2 * w0; c21 += a2 * w1; c22 += a2 * w2; c23 += a2 * w3
          c30 += a3 * w0; c31 += a3 * w1; c32 += a3 * w2; c33 += a3 * w3
        }
        const o = i * units + j
        out[o] = c00; out[o + 1] = c01; out[o + 2] = c02; out[o + 3] = c03
        out[o + units] = c10; out[o + units + 1] = c11; out[o + units + 2] = c12; out[o + units + 3] = c13
        out[o + 2 * units] = c20; out[o + 2 * units + 1] = c21; out[o + 2 * units + 2] = c22; out[o + 2 * units + 3] = c23
        out[o + 3 * units] = c30; out[o + 3 * units + 1] = c31; out[o + 3 * units + 2] = c32; out[o + 3 * units + 3] = c33
      }
    }
    if (full < rows) reference.forward(a.subarray(full * inputs), w, b, rows - full, inputs, units, out.subarray(full * units), false)
    if (relu) for (let i = 0; i < rows * units; i++) if (out[i]! < 0) out[i] = 0
  },
  weightGrad(a, dl, rows, inputs, units, gW, gB) {
    if (units % 4 !== 0 || inputs % 4 !== 0) return blocked4.weightGrad(a, dl, rows, inputs, units, gW, gB)
    gB.fill(0)
    for (let i = 0; i < rows; i++) for (let j = 0; j < units; j++) gB[j] = gB[j]! + dl[i * units + j]!
    for (let q = 0; q < inputs; q += 4) {
      for (let j = 0; j < units; j += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0
        for (let i = 0; i < rows; i++) {
          const ai = i * inputs + q
          const di = i * units + j
          const a0 = a[ai]!, a1 = a[ai + 1]!, a2 = a[ai + 2]!, a3 = a[ai + 3]!
          const d0 = dl[di]!, d1 = dl[di + 1]!, d2 = dl[di + 2]!, d3 = dl[di + 3]!
          c00 += a0 * d0; c01 += a0 * d1; c02 += a0 * d2; c03 += a0 * d3
          c10 += a1 * d0; c11 += a1 * d1; c12 += a1 * d2; c13 += a1 * d3
          c20 += a2 * d0; c21 += a2 * d1; c22 += a2 * d2; c23 += a2 * d3
          c30 += a3 * d0; c31 += a3 * d1; c32 += a3 * d2; c33 += a3 * d3
        }
        const o = q * units + j
        gW[o] = c00; gW[o + 1] = c01; gW[o + 2] = c02; gW[o + 3] = c03
        gW[o + units] = c10; gW[o + units + 1] = c11; gW[o + units + 2] = c12; gW[o + units + 3] = c13
        gW[o + 2 * units] = c20; gW[o + 2 * units + 1] = c21; gW[o + 2 * units + 2] = c22; gW[o + 2 * units + 3] = c23
        gW[o + 3 * units] = c30; gW[o + 3 * units + 1] = c31; gW[o + 3 * units + 2] = c32; gW[o + 3 * units + 3] = c33
      }
    }
  },
  inputGrad(dl, w, a, rows, inputs, units, prev) {
    if (inputs % 4 !== 0) return blocked4.inputGrad(dl, w, a, rows, inputs, units, prev)
    const full = rows & ~3
    for (let i = 0; i < full; i += 4) {
      const d0 = i * units
      for (let q = 0; q < inputs; q += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0
        const w0 = q * units
        for (let j = 0; j < units; j++) {
          const x0 = dl[d0 + j]!, x1 = dl[d0 + units + j]!, x2 = dl[d0 + 2 * units + j]!, x3 = dl[d0 + 3 * units + j]!
          const v0 = w[w0 + j]!, v1 = w[w0 + units + j]!, v2 = w[w0 + 2 * units + j]!, v3 = w[w0 + 3 * units + j]!
          c00 += x0 * v0; c01 += x0 * v1; c02 += x0 * v2; c03 += x0 * v3
          c10 += x1 * v0; c11 += x1 * v1; c12 += x1 * v2; c13 += x1 * v3
          c20 += x2 * v0; c21 += x2 * v1; c22 += x2 * v2; c23 += x2 * v3
          c30 += x3 * v0; c31 += x3 * v1; c32 += x3 * v2; c33 += x3 * v3
        }
        const p = i * inputs + q
        const cs = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33]
        for (let r = 0; r < 4; r++) {
          for (let c = 0; c < 4; c++) {
            const idx = p + r * inputs + c
            prev[idx] = a[idx]! > 0 ? cs[r * 4 + c]! : 0
          }
        }
      }
    }
    if (full < rows) reference.inputGrad(dl.subarray(full * units), w, a.subarray(full * inputs), rows - full, inputs, units, prev.subarray(full * inputs))
  },
}
