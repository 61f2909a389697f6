/**
 * The indicator columns of a GLM's design matrix held as indices (issue 18). One-hot encoding makes most
 * columns of a mixed data set 0/1 with few ones (three categoricals of 4, 12 and 50 levels: 66 of 72
 * columns, three ones a row), and the objective reads every row of the dense matrix in every evaluation: on
 * 200,000 rows that is 115 MB per evaluation, where the numbers that matter are 6 values and 3 indices a row.
 * So the dense kernels get the other columns only, and each row's ones are added as θ lookups (its linear
 * predictor) and residual sums (the gradient), which is what the dense product computes for a 0/1 column.
 */

export interface OnesSplit {
  /** Row-major rows × p: the columns that stay dense. */
  dense: Float64Array
  p: number
  /** Column of the full matrix of each dense column. */
  denseColumns: Int32Array
  /** Row i's ones are in columns ones[start[i] .. start[i + 1]). */
  start: Int32Array
  ones: Int32Array
}

/** Split only when the matrix has at least this many cells (smaller ones stay in cache: nothing to gain). */
export const SPLIT_MIN_CELLS = 2 ** 20

/**
 * The split of rows (`kept`, or all n) of the row-major n × d matrix x, or null when it would not at least
 * halve what an evaluation reads. Indicator columns: every value 0 or 1, and ones in at most half the rows.
 */
export function splitOnes(
  x: Float64Array,
  n: number,
  d: number,
  kept: Uint32Array | null,
  minCells: number = SPLIT_MIN_CELLS,
): OnesSplit | null {
  const count = kept ? kept.length : n
  if (count * d < minCells || d < 2) return null
  const binary = new Uint8Array(d).fill(1)
  const onesPerColumn = new Float64Array(d)
  for (let p = 0; p < count; p++) {
    const at = (kept ? kept[p]! : p) * d
    for (let j = 0; j < d; j++) {
      const v = x[at + j]!
      if (v === 1) onesPerColumn[j]!++
      else if (v !== 0) binary[j] = 0
    }
  }
  const indicator = new Uint8Array(d)
  let totalOnes = 0
  let p = 0
  for (let j = 0; j < d; j++) {
    if (binary[j] && onesPerColumn[j]! <= count / 2) {
      indicator[j] = 1
      totalOnes += onesPerColumn[j]!
    } else p++
  }
  // What an evaluation reads per row: p values and the ones (an index each), against d values.
  if (p + totalOnes / count > d / 2) return null
  const denseColumns = new Int32Array(p)
  for (let j = 0, q = 0; j < d; j++) if (!indicator[j]) denseColumns[q++] = j
  const dense = new Float64Array(count * p)
  const start = new Int32Array(count + 1)
  const ones = new Int32Array(totalOnes)
  let o = 0
  for (let r = 0; r < count; r++) {
    const at = (kept ? kept[r]! : r) * d
    for (let q = 0; q < p; q++) dense[r * p + q] = x[at + denseColumns[q]!]!
    start[r] = o
    for (let j = 0; j < d; j++) if (indicator[j] && x[at + j] === 1) ones[o++] = j
  }
  start[count] = o
  return { dense, p, denseColumns, start, ones }
}

/** s[i] += Σ θ[j] over the ones j of rows from…from+rows (the indicator columns' share of the dot products). */
export function addOnesDots(
  split: OnesSplit,
  from: number,
  rows: number,
  theta: Float64Array,
  s: Float64Array,
): void {
  const { start, ones } = split
  for (let i = 0; i < rows; i++) {
    let sum = s[i]!
    for (let q = start[from + i]!; q < start[from + i + 1]!; q++) sum += theta[ones[q]!]!
    s[i] = sum
  }
}

/** g[j] += r[i] over the ones j of rows from…from+rows (the indicator columns' share of the gradient). */
export function addOnesGrad(
  split: OnesSplit,
  from: number,
  rows: number,
  r: Float64Array,
  g: Float64Array,
): void {
  const { start, ones } = split
  for (let i = 0; i < rows; i++) {
    const ri = r[i]!
    for (let q = start[from + i]!; q < start[from + i + 1]!; q++) g[ones[q]!] = g[ones[q]!]! + ri
  }
}
