/**
 * The CNN rows of `npm run bench` (issue 13): models/fashion's CNN trained by modelgate (tfjs, wasm backend)
 * and by PyTorch on CPU (Debian's python3-torch) on the same IDX files with the same network, optimizer, batch
 * size and epochs; then both predict 10,000 images. One workload, `cnn-fashion`: the train row, its
 * breakdown, and the prediction row come from the same child processes.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { ratioRow, secs } from './harness-ratio.mjs'
import { median, runChild } from './harness-run.mjs'

export const TORCH_MISSING = 'peer not installed: apt-get install python3-torch'

const fmt = (v, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits))
const pct = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`)

function torchVersion(python) {
  if (!python) return null
  try {
    return execFileSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }).trim()
  } catch {
    return null
  }
}

/** The spec as modelgate parses it, in the shape bench/cnn_peer.py reads. */
async function peerConfig(cache, root) {
  const { loadSpec } = await import(path.join(cache, 'src', 'config', 'load-spec.js'))
  const { FASHION_DIR } = await import(path.join(cache, 'bench', 'bench-data.js'))
  const spec = await loadSpec(path.join(root, FASHION_DIR))
  const { model, data } = spec
  if (data.channels !== undefined && data.channels !== 1)
    throw new Error('bench/cnn_peer.py reads gray IDX images only')
  return {
    train: spec.trainFiles,
    eval: spec.evalFiles,
    scale: data.scale ?? 'unit',
    classes: data.classes,
    conv: model.conv,
    dense: model.dense,
    dropout: model.dropout,
    batch_norm: model.batch_norm,
    epochs: model.epochs,
    batch_size: model.batch_size,
    learning_rate: model.learning_rate,
    seed: model.seed,
    // tfjs's wasm backend runs one thread in Node (WASM_HAS_MULTITHREAD_SUPPORT is false: no SharedArrayBuffer
    // workers), so PyTorch gets one too; mg-cnn.ts reports the count it ran with.
    threads: 1,
  }
}

function describeNetwork(c) {
  const blocks = c.conv
    .map(
      (b) =>
        `conv ${b.filters}×${b.kernel}×${b.kernel} ${b.padding}${c.batch_norm ? ' + batch norm' : ''} + ReLU${b.pool > 1 ? ` + max-pool ${b.pool}` : ''}`,
    )
    .join(', ')
  return `${blocks}, flatten, ${c.dense.map((u) => `dropout ${c.dropout} + dense ${u} ReLU`).join(', ')}, dropout ${c.dropout}, dense ${c.classes.length} softmax; Adam lr ${c.learning_rate} (ε 1e-7), batch ${c.batch_size}, ${c.epochs} epochs, Glorot-uniform kernels, zero biases`
}

export function cnnWorkloads({ cache, root, python }) {
  let config = null
  let torch = null
  return [
    {
      id: 'cnn-fashion',
      setup: async () => {
        config = await peerConfig(cache, root)
        torch = torchVersion(python)
      },
      mg: () => runChild(process.execPath, [path.join(cache, 'bench', 'mg-cnn.js')], { cwd: root }),
      // Read after setup: no peer when torch is missing (the rows then say how to install it).
      get peer() {
        if (!torch) return null
        return () =>
          runChild(python, [path.join(root, 'bench', 'cnn_peer.py'), JSON.stringify(config)], {
            cwd: root,
            env: { OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
          })
      },
      get method() {
        if (!config) return 'CNN on models/fashion (not set up)'
        return `CNN on models/fashion (6,000 train / 1,000 eval Fashion-MNIST images, 28×28 gray, from the committed IDX files): ${describeNetwork(config)}. modelgate: \`loadImageDataset\` (timed as decoding) + \`fitCnn\` (tfjs wasm backend, 1 thread: tfjs-backend-wasm has no threads in Node) as \`modelgate run\` does; PyTorch ${torch ?? '(missing)'}: \`torch.nn.Sequential\` of the same layers, \`torch.set_num_threads(1)\`. "Per epoch" is the timed fit (model build + every epoch; train only, the data already decoded) / epochs, in the child; decoding (gunzip + IDX + [0, 1] scaling) is timed apart. Accuracy on the 1,000 eval images. Prediction: 10,000 images (the 7,000 committed ones, cycled) in blocks of 1,024, from decoded arrays (gather + tensor + forward + softmax), same trained model.`
      },
      rows: (s) => {
        const missing = torch ? undefined : TORCH_MISSING
        const mgAcc = median(s.mg.map((x) => x.accuracy))
        const peerAcc = torch ? median(s.peer.map((x) => x.accuracy)) : null
        const train = ratioRow(
          `CNN training per epoch, models/fashion (6,000 images, ${config?.epochs ?? '?'} epochs, batch ${config?.batch_size ?? '?'}), 1 thread each`,
          s,
          {
            ratio: 2,
            missing,
          },
        )
        train.target += ', |Δaccuracy| ≤ 1 point'
        train.quality = `accuracy ${pct(mgAcc)}${peerAcc === null ? '' : ` vs ${pct(peerAcc)}`}`
        if (train.met !== undefined && mgAcc !== null && peerAcc !== null)
          train.met = train.met && Math.abs(mgAcc - peerAcc) <= 0.01
        const kernels = s.mg.find((x) => Array.isArray(x.kernels))?.kernels ?? []
        train.note = `modelgate per epoch: batch tensors (gather + tensor4d) ${fmt(secs(s.mg, 'tensorSecondsPerEpoch'))} s, the rest trainOnBatch; kernel time in 20 profiled steps: ${kernels.map(([name, share]) => `${name} ${pct(share)}`).join(', ')}`
        const decode = ratioRow(
          '↳ decoding the 7,000 IDX images (gunzip + parse + scale; not in the epoch time)',
          s,
          {
            field: 'decodeSeconds',
            missing,
          },
        )
        const predict = ratioRow('CNN batch prediction, 10,000 images (28×28 gray), 1 thread each', s, {
          field: 'predictSeconds',
          ratio: 2,
          missing,
          note: `mean confidence ${fmt(median(s.mg.map((x) => x.meanConfidence)), 4)} vs ${fmt(torch ? median(s.peer.map((x) => x.meanConfidence)) : null, 4)}`,
        })
        return [train, decode, predict]
      },
    },
  ]
}
