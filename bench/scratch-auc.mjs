// scratch: why is a 1M-element sequential AUC pass 6 ms in JS?
const n = 1_000_000
const counts = new Uint8Array(n), ys = new Uint8Array(n)
for (let i = 0; i < n; i++) { counts[i] = (i * 2654435761) % 3; ys[i] = (i * 40503) % 10 < 3 ? 1 : 0 }
function orig(counts, ySorted) {
  let negBelow = 0, posTotal = 0, sum = 0
  for (let k = 0; k < n; k++) { const w = counts[k]; const wPos = w * ySorted[k]; sum += wPos * negBelow; negBelow += w - wPos; posTotal += wPos }
  return sum / (posTotal * negBelow)
}
function intSum(counts, ySorted) {
  // positives contribute negBelow per unit weight; accumulate in int32 chunks to avoid a float dependency chain
  let negBelow = 0, posTotal = 0, sum = 0
  for (let k = 0; k < n; k++) { const w = counts[k]; if (ySorted[k]) { sum += w * negBelow; posTotal += w } else negBelow += w }
  return sum / (posTotal * negBelow)
}
const f64 = new Float64Array(n)
function floats(counts, ySorted) {
  let negBelow = 0.5, posTotal = 0.5, sum = 0.5
  negBelow -= 0.5; posTotal -= 0.5; sum -= 0.5
  for (let k = 0; k < n; k++) { const w = counts[k]; const wPos = w * ySorted[k]; sum += wPos * negBelow; negBelow += w - wPos; posTotal += wPos }
  return sum / (posTotal * negBelow)
}
for (const [name, f] of [['orig', orig], ['branchy', intSum], ['floats', floats], ['orig', orig]]) {
  for (let r = 0; r < 5; r++) f(counts, ys)
  const t = performance.now(); let s = 0
  for (let r = 0; r < 50; r++) s += f(counts, ys)
  console.log(name, ((performance.now() - t) / 50).toFixed(2), 'ms', s)
}
