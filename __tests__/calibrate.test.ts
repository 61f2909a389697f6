/**
 * `modelgate calibrate` on small synthetic models. The logistic retrains are reproduced independently:
 * each bootstrap draw's multiplicities become physically duplicated rows, the model is refitted on them and
 * scored, and the metrics and DeLong half-widths are recomputed by brute force.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { main } from '../src/cli.js'
import { loadSpec } from '../src/config/load-spec.js'
import { UserError } from '../src/errors.js'
import {
  bootstrapWeights,
  calibrateModel,
  findSpec,
  runCalibration,
  SUGGESTION_RULE,
} from '../src/pipeline/calibrate.js'
import { calibrationKey, loadCalibration } from '../src/pipeline/calibration-store.js'
import { calibrationText } from '../src/report/calibration-table.js'
import { prepareData } from '../src/pipeline/prepare.js'
import type { PipelineDeps } from '../src/pipeline/types.js'
import { FsObjectStore } from '../src/store/fs-store.js'
import { Registry } from '../src/store/registry.js'
import { transform } from '../src/data/preprocess.js'
import { predictNet } from '../src/train/forward.js'
import { trainModel } from '../src/train/train.js'
import { silentLogger } from '../src/util/logger.js'
import { bruteDelong, rng, sigmoid, Z90, Z975 } from './gate-fixtures.js'

const NOW = new Date('2026-03-01T12:00:00Z')

/** A project dir with models/<name>/modelgate.yml and a 500-row CSV (two numeric features, one category). */
function project(
  name: string,
  model: string,
  gate = '    roc_auc: { max_drop: 0.01 }\n    brier: { max_drop_pct: 5 }',
): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'calibrate-test-'))
  const dir = path.join(root, 'models', name)
  const r = rng(42)
  const lines = ['x1,x2,g,label']
  for (let i = 0; i < 500; i++) {
    const x1 = r.normal()
    const x2 = r.normal()
    const g = r.uniform() < 0.5 ? 'a' : 'b'
    const label = r.uniform() < sigmoid(1.2 * x1 - 0.8 * x2 + (g === 'a' ? 0.3 : -0.3)) ? 1 : 0
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${g},${label}`)
  }
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'data.csv'), `${lines.join('\n')}\n`)
  const yaml = [
    'task: binary',
    'data:',
    '  train: data.csv',
    '  target: label',
    '  split: { fraction: 0.4, seed: 1 }',
    `model: ${model}`,
    'gate:',
    '  resamples: 200',
    '  metrics:',
    gate,
  ].join('\n')
  writeFileSync(path.join(dir, 'modelgate.yml'), `${yaml}\n`)
  return root
}

function deps(store: string): PipelineDeps {
  return {
    registry: new Registry(new FsObjectStore(store), { now: () => NOW }),
    storeWritable: true,
    logger: silentLogger,
    clock: { now: () => NOW },
    runtime: () => Promise.reject(new Error('calibrate must not need tfjs')),
    git: { commit: null, ref: null, dirty: false },
    actor: 'test',
    toolVersion: '0.0.0',
  }
}

function sampleSd(v: number[]): number {
  const m = v.reduce((a, b) => a + b, 0) / v.length
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1))
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b)
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

describe('bootstrapWeights', () => {
  test('n draws with replacement: whole multiplicities summing to n, seeded', () => {
    const w = bootstrapWeights(1000, 7)
    expect(w.reduce((a, b) => a + b, 0)).toBe(1000)
    expect(w.every((x) => Number.isInteger(x) && x >= 0)).toBe(true)
    // About e⁻¹ of the rows are left out of a bootstrap draw.
    const zeros = w.filter((x) => x === 0).length
    expect(zeros).toBeGreaterThan(330)
    expect(zeros).toBeLessThan(405)
    expect(bootstrapWeights(1000, 7)).toEqual(w)
    expect(bootstrapWeights(1000, 8)).not.toEqual(w)
  })
})

describe('calibrateModel', () => {
  test('logistic: K bootstrap retrains, reproduced with duplicated rows and brute-force DeLong', async () => {
    const root = project('toy', '{ type: logistic, C: 1.0 }')
    const spec = await loadSpec(path.join(root, 'models', 'toy'))
    const result = await calibrateModel(spec, { seeds: 4, logger: silentLogger, now: NOW })
    expect(result.method).toBe('bootstrap')
    expect(result.seeds).toEqual([1, 2, 3, 4])
    expect(result.metrics.map((m) => m.metric)).toEqual(['roc_auc', 'brier'])

    // Independent reproduction of each retrain.
    const { dataset, preprocessor, training } = await prepareData(spec)
    const evalX = transform(preprocessor, dataset.eval.table, dataset.eval.rows)
    const y = dataset.eval.y as Uint8Array
    const preds = result.seeds.map((seed) => {
      const w = bootstrapWeights(training.n, seed)
      const rows: number[] = []
      w.forEach((count, i) => {
        for (let c = 0; c < count; c++) rows.push(i)
      })
      const x = new Float64Array(rows.length * training.d)
      const yy = new Uint8Array(rows.length)
      rows.forEach((i, r) => {
        x.set(training.x.subarray(i * training.d, (i + 1) * training.d), r * training.d)
        yy[r] = training.y[i]!
      })
      const { net } = trainModel(
        { ...spec.model, seed },
        { ...training, x, y: yy, n: rows.length },
        silentLogger,
      )
      return predictNet(net, evalX.x, evalX.n)
    })
    const auc = result.metrics[0]!
    const brier = result.metrics[1]!
    preds.forEach((p, i) => {
      expect(auc.values[i]).toBeCloseTo(bruteDelong(y, p, p).aucA, 4)
      expect(brier.values[i]).toBeCloseTo(p.reduce((a, v, r) => a + (v - y[r]!) ** 2, 0) / p.length, 6)
    })
    expect(auc.sd).toBeGreaterThan(0)
    expect(auc.sd).toBeCloseTo(sampleSd(auc.values), 12)
    // sd over all pairs of (oriented) differences = √2·sd, an identity for the all-pairs mean square.
    expect(auc.sdDiff).toBeCloseTo(Math.SQRT2 * auc.sd, 12)
    expect(brier.sdDiff).toBeCloseTo(Math.SQRT2 * brier.sd, 12)
    const halfWidths = preds.slice(1).map((p, i) => Z975 * Math.sqrt(bruteDelong(y, p, preds[i]!).varDiff))
    expect(auc.halfWidth).toBeCloseTo(median(halfWidths), 5)
    expect(auc.suggestedMargin).toBeCloseTo(auc.halfWidth + Z90 * auc.sdDiff, 12)
    expect(auc.margin).toBe(0.01)
    // max_drop_pct resolves against the champion of each compared pair: 5% of about the mean Brier score.
    expect(brier.marginPct).toBe(5)
    expect(brier.margin!).toBeCloseTo(0.05 * brier.mean, 3)
    expect(result.summary).toEqual({
      seeds: 4,
      sd: { roc_auc: auc.sd, brier: brier.sd },
      suggestedMargin: { roc_auc: auc.suggestedMargin, brier: brier.suggestedMargin },
    })
    expect(result.rule).toBe(SUGGESTION_RULE)
  })

  test('MLP: retrains with seeds seed+1 … seed+K on the same rows', async () => {
    const root = project(
      'net',
      '{ type: mlp, hidden: [4], epochs: 4, batch_size: 50, early_stopping: false, seed: 10 }',
    )
    const spec = await loadSpec(path.join(root, 'models', 'net'))
    const result = await calibrateModel(spec, { seeds: 3, logger: silentLogger, now: NOW })
    expect(result.method).toBe('seeds')
    expect(result.seeds).toEqual([11, 12, 13])
    expect(new Set(result.metrics[0]!.values).size).toBe(3)
    expect(result.metrics[0]!.sd).toBeGreaterThan(0)
  })

  test('fewer than 2 retrains or only informational metrics are refused', async () => {
    const root = project('toy', '{ type: logistic }')
    const spec = await loadSpec(path.join(root, 'models', 'toy'))
    await expect(calibrateModel(spec, { seeds: 1, logger: silentLogger, now: NOW })).rejects.toThrow(
      /at least 2 retrains/,
    )
    const info = project('info', '{ type: logistic }', '    roc_auc: { informational: true }')
    const infoSpec = await loadSpec(path.join(info, 'models', 'info'))
    await expect(calibrateModel(infoSpec, { seeds: 2, logger: silentLogger, now: NOW })).rejects.toThrow(
      UserError,
    )
  })
})

describe('the calibrate command', () => {
  test('finds models/NAME, stores models/NAME/calibration.json and the run report can load it', async () => {
    const root = project('toy', '{ type: logistic }')
    const store = path.join(root, '.store')
    const text = calibrationText(await runCalibration('toy', '3', deps(store), root))
    expect(text).toMatch(
      /^toy: 3 retrains on bootstrap draws of the 286 training rows \(a seed does not change this model\), scored on 214 eval rows\./,
    )
    expect(text).toMatch(/\| ROC AUC \| 0\.\d{4} \|/)
    expect(text).toContain('suggested margin')
    const stored = JSON.parse(readFileSync(path.join(store, ...calibrationKey('toy').split('/')), 'utf8'))
    expect(stored.model).toBe('toy')
    expect(stored.createdAt).toBe(NOW.toISOString())
    const summary = await loadCalibration(deps(store).registry, 'toy')
    expect(summary).toEqual(stored.summary)
    expect(summary!.seeds).toBe(3)
    expect(Object.keys(summary!.suggestedMargin)).toEqual(['roc_auc', 'brier'])
  })

  test('bad --seeds and unknown names get one clear message', async () => {
    const root = project('toy', '{ type: logistic }')
    await expect(runCalibration('toy', 'many', deps(path.join(root, '.s')), root)).rejects.toThrow(
      '--seeds "many": expected a whole number of retrains from 2 to 1000',
    )
    await expect(findSpec('nope', root)).rejects.toThrow(
      'calibrate "nope": no nope/modelgate.yml, models/nope/modelgate.yml or spec named "nope" (models: toy)',
    )
  })

  test('modelgate calibrate NAME --seeds K through the CLI', async () => {
    const root = project('toy', '{ type: logistic }')
    const stdout = new PassThrough()
    let out = ''
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const stderr = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream
    const code = await main(['calibrate', 'toy', '--seeds', '2', '--store', path.join(root, '.store')], {
      stdout,
      stderr,
      cwd: root,
      env: {},
      clock: { now: () => NOW },
    })
    expect(code).toBe(0)
    expect(out).toContain('toy: 2 retrains on bootstrap draws')
    expect(out).toContain('stored at')
  })
})
