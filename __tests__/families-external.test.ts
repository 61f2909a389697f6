/**
 * `model.type: external`, end to end through the CLI on a filesystem store, with train/predict commands
 * written in Node (no Python needed): what the command is given (training rows only, the MODELGATE_*
 * variables, no GitHub token), what is stored (everything in MODELGATE_OUTPUT_DIR, sha256 in the manifest),
 * the comparison with a champion of another family, and each bad case: one clear message, store unchanged.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { readPredictOutput } from '../src/train/external/hand-off.js'
import { UserError } from '../src/errors.js'
import { makeWorkspace, runCli, snapshot, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const NODE = process.execPath
const ENV = { PATH: process.env.PATH, GITHUB_TOKEN: 'ghs_secret-token-value' }
const FIXTURES = path.resolve('__fixtures__', 'onnx')

/** A "model" of fixed weights on x1, x2: train records what it was given, predict applies the weights. */
const TRAIN_JS = `
import { readFileSync, writeFileSync } from 'node:fs'
const csv = readFileSync(process.env.MODELGATE_TRAIN_CSV, 'utf8').trim().split('\\n')
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('MODELGATE_') || k.includes('TOKEN')))
const ids = csv.slice(1).map((l) => l.split(',')[0])
writeFileSync(process.env.MODELGATE_OUTPUT_DIR + '/seen.json', JSON.stringify({ env, header: csv[0], ids }))
writeFileSync(process.env.MODELGATE_OUTPUT_DIR + '/weights.json', JSON.stringify({ w1: 1.4, w2: -0.9 }))
console.log('trained on', ids.length, 'rows')
`
const PREDICT_JS = `
import { readFileSync, writeFileSync } from 'node:fs'
const mode = process.argv[2] ?? 'ok'
const { w1, w2 } = JSON.parse(readFileSync(process.env.MODELGATE_MODEL_DIR + '/weights.json', 'utf8'))
const lines = readFileSync(process.env.MODELGATE_INPUT_CSV, 'utf8').trim().split('\\n')
const header = lines[0].split(',')
const [i1, i2] = [header.indexOf('x1'), header.indexOf('x2')]
const out = [mode === 'missing-column' ? 'p_no' : 'p_no,p_yes']
for (const line of lines.slice(1 + (mode === 'short' ? 1 : 0))) {
  const f = line.split(',')
  const p = 1 / (1 + Math.exp(-(w1 * Number(f[i1]) + w2 * Number(f[i2]))))
  if (mode === 'missing-column') out.push(String(1 - p))
  else if (mode === 'nan') out.push('NaN,' + p)
  else if (mode === 'sum') out.push(0.5 + ',' + p)
  else out.push(1 - p + ',' + p)
}
writeFileSync(process.env.MODELGATE_OUTPUT_CSV, out.join('\\n') + '\\n')
`

function externalSpec(model: string): string {
  return SMALL_SPEC.replace('model:\n  type: logistic\n', `model:\n${model}`)
}

const COMMAND_MODEL = `  type: external\n  train: ${NODE} train.mjs\n  format: command\n  predict: ${NODE} predict.mjs\n  seed: 7\n`

async function commandWorkspace(model = COMMAND_MODEL): Promise<string> {
  const root = await makeWorkspace()
  await writeModel(root, 'toy', externalSpec(model), {
    'data.csv': syntheticCsv(600, 5),
    'train.mjs': TRAIN_JS,
    'predict.mjs': PREDICT_JS,
  })
  return root
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- results and manifests, read as the CLI wrote them
type Json = any

async function readJson(root: string, file: string): Promise<Json> {
  return JSON.parse(await fs.readFile(path.join(root, file), 'utf8'))
}

describe('model.type external, format command', () => {
  test('train sees only the training rows and the MODELGATE_* variables, not the token; everything it writes is stored', async () => {
    const root = await commandWorkspace()
    const run = await runCli(root, ['run', '--promote', '--json', 'r.json'], { env: ENV })
    expect(run.stderr).toContain('  | trained on 432 rows')
    expect(run.code).toBe(0)
    const result = (await readJson(root, 'r.json')).models[0]
    expect(result.verdict).toBe('no-champion')
    const runDir = path.join('.modelgate', 'models', 'toy', 'runs', result.runId)
    const manifest = await readJson(root, path.join(runDir, 'manifest.json'))
    const paths = manifest.files.map((f: { path: string }) => f.path)
    expect(paths).toEqual(
      expect.arrayContaining(['model/seen.json', 'model/weights.json', 'preprocess.json']),
    )
    expect(manifest.files.every((f: { sha256: string }) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true)
    expect(manifest.meta.modelType).toBe('external')
    expect(manifest.meta.backend.scorer).toMatch(/^predict command/)

    const seen = await readJson(root, path.join(runDir, 'model', 'seen.json'))
    expect(seen.header).toBe('id,x1,x2,color,label')
    expect(seen.ids).toHaveLength(result.data.trainRows)
    const evalIds = (await fs.readFile(path.join(root, runDir, 'predictions.csv'), 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0])
    expect(evalIds).toHaveLength(result.data.evalRows)
    expect(evalIds.filter((id) => seen.ids.includes(id))).toEqual([])
    expect(seen.env).toMatchObject({
      MODELGATE_SEED: '7',
      MODELGATE_TARGET: 'label',
      MODELGATE_TASK: 'binary',
      MODELGATE_CLASSES: '["no","yes"]',
      MODELGATE_POSITIVE_CLASS: 'yes',
      MODELGATE_FEATURES: '["x1","x2","color"]',
      MODELGATE_CATEGORICAL_FEATURES: '["color"]',
      MODELGATE_ID_COLUMN: 'id',
    })
    expect(Object.keys(seen.env).filter((k) => k.includes('TOKEN'))).toEqual([])
    expect(JSON.stringify(seen)).not.toContain(ENV.GITHUB_TOKEN)

    // The stored predictions are what the predict command gives for the eval rows.
    const again = await runCli(root, ['run', '--json', 'r2.json', '--report', 'r2.md'], { env: ENV })
    expect(again.code).toBe(0)
    expect(await fs.readFile(path.join(root, 'r2.md'), 'utf8')).toContain(
      `- scored by: \`predict command "${NODE} predict.mjs"\``,
    )
    const second = (await readJson(root, 'r2.json')).models[0]
    expect(second.verdict).toBe('pass')
    expect(second.champion.runId).toBe(result.runId)
    expect(second.challenger.metrics.roc_auc).toBe(second.champion.metrics.roc_auc)

    await fs.writeFile(path.join(root, 'new.csv'), syntheticCsv(10, 9))
    const predicted = await runCli(
      root,
      ['predict', '--model', 'toy', '--input', 'new.csv', '--output', 'p.csv'],
      {
        env: ENV,
      },
    )
    expect(predicted.code).toBe(0)
    const lines = (await fs.readFile(path.join(root, 'p.csv'), 'utf8')).trim().split('\n')
    expect(lines[0]).toBe('id,p_yes')
    const first = syntheticCsv(10, 9).split('\n')[1]!.split(',')
    const p = 1 / (1 + Math.exp(-(1.4 * Number(first[1]) - 0.9 * Number(first[2]))))
    expect(Number(lines[1]!.split(',')[1])).toBeCloseTo(p, 12)
  })

  test('an external challenger is gated against a logistic champion on the same eval rows', async () => {
    const root = await commandWorkspace()
    await fs.writeFile(path.join(root, 'models', 'toy', 'modelgate.yml'), SMALL_SPEC)
    expect((await runCli(root, ['run', '--promote', '--json', 'a.json'], { env: ENV })).code).toBe(0)
    const champion = (await readJson(root, 'a.json')).models[0]
    await fs.writeFile(path.join(root, 'models', 'toy', 'modelgate.yml'), externalSpec(COMMAND_MODEL))
    const run = await runCli(root, ['run', '--json', 'b.json'], { env: ENV })
    expect(run.code).toBeLessThan(2)
    const result = (await readJson(root, 'b.json')).models[0]
    expect(result.championNote).toBeNull()
    expect(result.champion.runId).toBe(champion.runId)
    expect(result.champion.metrics.roc_auc).toBe(champion.challenger.metrics.roc_auc)
    expect(['pass', 'fail', 'inconclusive']).toContain(result.verdict)
    expect(result.gate.comparisons[0].diff).toBeCloseTo(
      result.challenger.metrics.roc_auc - champion.challenger.metrics.roc_auc,
      12,
    )
  })
})

describe('a format: command champion and a checkout without its predict command', () => {
  test('the champion cannot be scored: the run says why and is inconclusive', async () => {
    const root = await commandWorkspace()
    expect((await runCli(root, ['run', '--promote'], { env: ENV })).code).toBe(0)
    await fs.writeFile(path.join(root, 'models', 'toy', 'modelgate.yml'), SMALL_SPEC)
    const run = await runCli(root, ['run', '--json', 'r.json'], { env: ENV })
    expect(run.code).toBeLessThan(2)
    const result = (await readJson(root, 'r.json')).models[0]
    expect(result.verdict).toBe('inconclusive')
    expect(result.championNote).toMatch(
      /^run \d{8}T\d{6}Z-[0-9a-f]{6} is scored by its model's predict command, but .*modelgate\.yml has no model\.predict/,
    )
  })
})

describe('model.type external: each failure is one clear message and nothing is stored', () => {
  const cases: [string, string, Record<string, string>, RegExp][] = [
    [
      'command not found',
      `  type: external\n  train: no-such-trainer --fit\n  format: onnx\n`,
      {},
      /toy: train command "no-such-trainer --fit" \(in .*models\/toy\) failed: command not found \(exit code 127\); last lines of stderr:\n.*no-such-trainer/,
    ],
    [
      'non-zero exit',
      `  type: external\n  train: ${NODE} fail.mjs\n  format: onnx\n`,
      {
        'fail.mjs':
          "console.error('loading data'); console.error('ValueError: bad column'); process.exit(3)\n",
      },
      /train command ".*fail\.mjs" \(in .*\) exited with code 3; last lines of stderr:\n {4}loading data\n {4}ValueError: bad column\n/,
    ],
    [
      'timeout (the whole process group is killed)',
      `  type: external\n  train: sh -c 'sleep 30 & echo $! > sleep.pid; wait'\n  format: onnx\n  timeout_minutes: 0.005\n`,
      {},
      /train command "sh -c 'sleep 30 & echo \$! > sleep.pid; wait'" \(in .*\) timed out after 0\.3 s and was killed; no stderr/,
    ],
    [
      'no model.onnx',
      `  type: external\n  train: ${NODE} pickle.mjs\n  format: onnx\n`,
      {
        'pickle.mjs':
          "import { writeFileSync } from 'node:fs'; writeFileSync(process.env.MODELGATE_OUTPUT_DIR + '/model.pkl', 'x')\n",
      },
      /finished but wrote no model\.onnx to MODELGATE_OUTPUT_DIR \(format: onnx\); it wrote model\.pkl/,
    ],
    [
      'output over max_output_mb',
      `  type: external\n  train: ${NODE} big.mjs\n  format: onnx\n  max_output_mb: 0.001\n`,
      {
        'big.mjs':
          "import { writeFileSync } from 'node:fs'; writeFileSync(process.env.MODELGATE_OUTPUT_DIR + '/model.onnx', Buffer.alloc(2000))\n",
      },
      /train command ".*big\.mjs" wrote more than 0\.001 MB to MODELGATE_OUTPUT_DIR; raise model\.max_output_mb or write less/,
    ],
    [
      'ONNX with unsupported inputs',
      `  type: external\n  train: cp ${path.join(FIXTURES, 'unsupported.onnx')} "$MODELGATE_OUTPUT_DIR/model.onnx"\n  format: onnx\n`,
      {},
      /challenger: model\.onnx has an input modelgate cannot feed; its inputs are image int64\[N, 1, 4, 4\]; modelgate expects one float tensor \[N, 3\] of the features in spec order \(x1, x2, color\), or one input per feature/,
    ],
    [
      'predict output with the wrong row count',
      COMMAND_MODEL.replace('predict.mjs', 'predict.mjs short'),
      {},
      /predict command ".*predict\.mjs short": output has 167 rows for 168 input rows/,
    ],
    [
      'predict output with a missing column',
      COMMAND_MODEL.replace('predict.mjs', 'predict.mjs missing-column'),
      {},
      /output columns \[p_no\] must be exactly \[p_no, p_yes\] \(missing p_yes\)/,
    ],
    [
      'predict output with NaN',
      COMMAND_MODEL.replace('predict.mjs', 'predict.mjs nan'),
      {},
      /output row 1 \(line 2\), column p_no: "NaN" is not a finite number/,
    ],
    [
      'predict output whose probabilities do not sum to 1',
      COMMAND_MODEL.replace('predict.mjs', 'predict.mjs sum'),
      {},
      /output row 1 \(line 2\): probabilities sum to 1\.\d+, not 1 \(± 0\.000001\)/,
    ],
  ]
  test.each(cases)('%s', async (_name, model, extra, message) => {
    const root = await commandWorkspace(model)
    for (const [file, body] of Object.entries(extra))
      await fs.writeFile(path.join(root, 'models', 'toy', file), body)
    const before = await snapshot(path.join(root, '.modelgate'))
    const run = await runCli(root, ['run', '--promote'], { env: ENV })
    expect(run.stderr).toMatch(message)
    expect(run.code).toBe(2)
    expect(await snapshot(path.join(root, '.modelgate'))).toEqual(before)
    // A timed-out command's children die with it (the kill goes to the whole process group).
    const pidFile = path.join(root, 'models', 'toy', 'sleep.pid')
    const pid = Number((await fs.readFile(pidFile, 'utf8').catch(() => '')).trim())
    expect(pid > 0).toBe(model.includes('sleep.pid'))
    if (pid) {
      // Gone, or a zombie waiting for a reaper (state Z): either way no longer running.
      const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)
      expect(stat === null || / Z /.test(stat)).toBe(true)
    }
  })
})

describe('model.type external, format onnx', () => {
  test('model.onnx (an ai.onnx.ml ZipMap classifier, one input per column) is scored in-process, without starting tfjs', async () => {
    const root = await makeWorkspace()
    const lines = ['id,x1,x2,g,label']
    for (let i = 0; i < 300; i++) {
      const x1 = ((i * 37) % 100) / 25 - 2
      const x2 = ((i * 61) % 100) / 25 - 2
      const g = ['a', 'b', 'c'][i % 3]!
      lines.push(`r${i},${x1},${x2},${g},${(i * 7919) % 10 < 4 + (x1 > 0 ? 3 : 0) ? 'yes' : 'no'}`)
    }
    const spec = externalSpec(
      `  type: external\n  train: cp ${path.join(FIXTURES, 'zipmap-classifier.onnx')} "$MODELGATE_OUTPUT_DIR/model.onnx"\n  format: onnx\n`,
    ).replace('  target: label\n', '  target: label\n  features: [x1, x2, g]\n')
    await writeModel(root, 'toy', spec, { 'data.csv': `${lines.join('\n')}\n` })
    const run = await runCli(root, ['run', '--promote', '--json', 'r.json'], { env: ENV })
    expect(run.stderr).not.toMatch(/modelgate: /)
    expect(run.code).toBe(0)
    const result = (await readJson(root, 'r.json')).models[0]
    const runDir = path.join(root, '.modelgate', 'models', 'toy', 'runs', result.runId)
    const manifest = await readJson(runDir, 'manifest.json')
    expect(manifest.meta.backend.scorer).toMatch(/^onnxruntime-(node|web) 1\.\d+\.\d+/)
    // No stage asked for TensorFlow.js (the pipeline starts it only when a family does), so none is recorded.
    expect(manifest.meta.backend).toMatchObject({ name: null, tfjs: null })
    const stored = (await fs.readFile(path.join(runDir, 'predictions.csv'), 'utf8')).trim().split('\n')
    expect(stored).toHaveLength(result.data.evalRows + 1)
    const byId = new Map(lines.slice(1).map((l) => [l.split(',')[0], l.split(',')]))
    // The fixture's LinearClassifier (make_fixtures.py): P(yes) = σ(z_yes − z_no).
    const cats = ['a', 'b', 'c']
    const no = [0.3, -0.2, 0.1, 0.0, -0.1]
    const yes = [-0.3, 0.2, -0.1, 0.0, 0.1]
    for (const line of stored.slice(1)) {
      const [id, , p] = line.split(',')
      const [, x1, x2, g] = byId.get(id)!
      const f = [Number(x1), Number(x2), ...cats.map((c) => (c === g ? 1 : 0))]
      const z = f.reduce((a, v, j) => a + v * (yes[j]! - no[j]!), -0.1)
      expect(Number(p)).toBeCloseTo(1 / (1 + Math.exp(-z)), 6)
    }
  })
})

describe('readPredictOutput', () => {
  const write = async (text: string): Promise<string> => {
    const file = path.join(await makeWorkspace(), 'out.csv')
    await fs.writeFile(file, text)
    return file
  }
  test('multiclass: every class column in class order whatever the file order; regression: finite values', async () => {
    const multi = await write('p_c,p_a,p_b\n0.2,0.5,0.3\n0,1,0\n')
    expect([
      ...(await readPredictOutput(multi, { task: 'multiclass', classes: ['a', 'b', 'c'] }, 2, 'w')),
    ]).toEqual([0.5, 0.3, 0.2, 1, 0, 0])
    const reg = await write('prediction\n-3.5\n1e3\n')
    expect([...(await readPredictOutput(reg, { task: 'regression', classes: [] }, 2, 'w'))]).toEqual([
      -3.5, 1000,
    ])
    const inf = await write('prediction\n-3.5\nInfinity\n')
    await expect(readPredictOutput(inf, { task: 'regression', classes: [] }, 2, 'w')).rejects.toThrow(
      new UserError('w: output row 2 (line 3), column prediction: "Infinity" is not a finite number'),
    )
    const outside = await write('p_a,p_b\n1.5,-0.5\n')
    await expect(readPredictOutput(outside, { task: 'binary', classes: ['a', 'b'] }, 1, 'w')).rejects.toThrow(
      /probability 1\.5 is outside \[0, 1\]/,
    )
    const extra = await write('p_a,p_b,score\n0.5,0.5,1\n')
    await expect(readPredictOutput(extra, { task: 'binary', classes: ['a', 'b'] }, 1, 'w')).rejects.toThrow(
      /must be exactly \[p_a, p_b\] \(unexpected score\)/,
    )
    await expect(
      readPredictOutput(
        path.join(path.dirname(extra), 'none.csv'),
        { task: 'binary', classes: ['a', 'b'] },
        1,
        'w',
      ),
    ).rejects.toThrow(/w did not write MODELGATE_OUTPUT_CSV/)
  })
})

describe('calibrate with an external model', () => {
  test('retrains with MODELGATE_SEED = seed+1 … seed+K and scores each retrain with the predict command', async () => {
    const root = await commandWorkspace(COMMAND_MODEL.replace('train.mjs', 'train-seeded.mjs'))
    await fs.writeFile(
      path.join(root, 'models', 'toy', 'train-seeded.mjs'),
      "import { writeFileSync } from 'node:fs'\nconst s = Number(process.env.MODELGATE_SEED)\n" +
        "writeFileSync(process.env.MODELGATE_OUTPUT_DIR + '/weights.json', JSON.stringify({ w1: 1 + s / 10, w2: -1 + s / 20 }))\n",
    )
    const run = await runCli(root, ['calibrate', 'toy', '--seeds', '3'], { env: ENV })
    expect(run.stderr).not.toMatch(/modelgate: /)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^toy: 3 retrains with seeds 8…10, scored on 168 eval rows\./)
    const stored = await readJson(root, path.join('.modelgate', 'models', 'toy', 'calibration.json'))
    expect(stored.seeds).toEqual([8, 9, 10])
    const auc = stored.metrics[0].values as number[]
    expect(new Set(auc).size).toBe(3)
  })
})
