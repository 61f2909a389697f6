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
        const v = a[ai + k]
        if (v === 0) continue
        const wk = k * units
        for (let j = 0; j < units; j++) out[o + j] = out[o + j] + v * w[wk + j]
      }
    }
    if (relu) for (let i = 0; i < rows * units; i++) if (out[i] < 0) out[i] = 0
  },
  weightGrad(a, dl, rows, inputs, units, gW, gB) {
    gW.fill(0)
    gB.fill(0)
    for (let i = 0; i < rows; i++) {
      const di = i * units
      for (let j = 0; j < units; j++) gB[j] = gB[j] + dl[di + j]
      const ai = i * inputs
      for (let q = 0; q < inputs; q++) {
        const v = a[ai + q]
        if (v === 0) continue
        const wq = q * units
        for (let j = 0; j < units; j++) gW[wq + j] = gW[wq + j] + v * dl[di + j]
      }
    }
  },
  inputGrad(dl, w, a, rows, inputs, units, prev) {
    for (let i = 0; i < rows; i++) {
      const di = i * units
      for (let q = 0; q < inputs; q++) {
        let s = 0
        const wq = q * units
        for (let j = 0; j < units; j++) s += dl[di + j] * w[wq + j]
        const idx = i * inputs + q
        prev[idx] = a[idx] > 0 ? s : 0
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
        const bj = b[j]
        out[o0 + j] = bj
        out[o1 + j] = bj
        out[o2 + j] = bj
        out[o3 + j] = bj
      }
      const a0 = i * inputs
      for (let k = 0; k < inputs; k++) {
        const v0 = a[a0 + k]
        const v1 = a[a0 + inputs + k]
        const v2 = a[a0 + 2 * inputs + k]
        const v3 = a[a0 + 3 * inputs + k]
        const wk = k * units
        for (let j = 0; j < units; j++) {
          const wv = w[wk + j]
          out[o0 + j] = out[o0 + j] + v0 * wv
          out[o1 + j] = out[o1 + j] + v1 * wv
          out[o2 + j] = out[o2 + j] + v2 * wv
          out[o3 + j] = out[o3 + j] + v3 * wv
        }
      }
    }
    if (full < rows) {
      const off = full * inputs
      const outOff = full * units
      reference.forward(a.subarray(off), w, b, rows - full, inputs, units, out.subarray(outOff), false)
    }
    if (relu) for (let i = 0; i < rows * units; i++) if (out[i] < 0) out[i] = 0
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
      for (let j = 0; j < units; j++) gB[j] = gB[j] + dl[d0 + j] + dl[d1 + j] + dl[d2 + j] + dl[d3 + j]
      const a0 = i * inputs
      for (let q = 0; q < inputs; q++) {
        const v0 = a[a0 + q]
        const v1 = a[a0 + inputs + q]
        const v2 = a[a0 + 2 * inputs + q]
        const v3 = a[a0 + 3 * inputs + q]
        if (v0 === 0 && v1 === 0 && v2 === 0 && v3 === 0) continue
        const wq = q * units
        for (let j = 0; j < units; j++) {
          gW[wq + j] = gW[wq + j] + v0 * dl[d0 + j] + v1 * dl[d1 + j] + v2 * dl[d2 + j] + v3 * dl[d3 + j]
        }
      }
    }
    for (let i = full; i < rows; i++) {
      const di = i * units
      for (let j = 0; j < units; j++) gB[j] = gB[j] + dl[di + j]
      for (let q = 0; q < inputs; q++) {
        const v = a[i * inputs + q]
        if (v === 0) continue
        for (let j = 0; j < units; j++) gW[q * units + j] = gW[q * units + j] + v * dl[di + j]
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
          const wv = w[wq + j]
          s0 += dl[d0 + j] * wv
          s1 += dl[d1 + j] * wv
          s2 += dl[d2 + j] * wv
          s3 += dl[d3 + j] * wv
        }
        prev[p0 + q] = a[p0 + q] > 0 ? s0 : 0
        prev[p0 + inputs + q] = a[p0 + inputs + q] > 0 ? s1 : 0
        prev[p0 + 2 * inputs + q] = a[p0 + 2 * inputs + q] > 0 ? s2 : 0
        prev[p0 + 3 * inputs + q] = a[p0 + 3 * inputs + q] > 0 ? s3 : 0
      }
    }
    if (full < rows) {
      reference.inputGrad(
        dl.subarray(full * units),
        w,
        a.subarray(full * inputs),
        rows - full,
        inputs,
        units,
        prev.subarray(full * inputs),
      )
    }
  },
}
