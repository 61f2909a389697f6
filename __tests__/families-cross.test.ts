/**
 * Model families behind one interface: a logistic champion and an MLP challenger (different families, other
 * stored files) are compared like any two runs on the same eval rows, and `predict` scores whichever family
 * the champion is.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { FAMILIES, familyFor } from '../src/train/families.js'
import { UserError } from '../src/errors.js'
import { commandEnvironment } from '../src/train/external/command-env.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const MLP_SPEC = SMALL_SPEC.replace(
  '  type: logistic',
  '  type: mlp\n  hidden: [8]\n  epochs: 30\n  batch_size: 50\n  early_stopping: false\n  seed: 3',
  // The two fitted models on the same eval rows (auto would cross-fit this spec change of cheap models).
).replace('gate:\n', 'gate:\n  method: holdout\n')

describe('families', () => {
  test('every model.type has exactly one family; an unknown type is a UserError naming the known ones', () => {
    const types = FAMILIES.flatMap((f) => f.types)
    expect(new Set(types).size).toBe(types.length)
    expect(familyFor('mlp').retrain).toBe('seeds')
    expect(familyFor('logistic').retrain).toBe('bootstrap')
    expect(() => familyFor('gbm')).toThrow(UserError)
    expect(() => familyFor('gbm')).toThrow(/known: logistic, linear, mlp, external/)
  })

  test("a user command's environment is the job's without the GitHub token, under any name", () => {
    const env = commandEnvironment(
      {
        PATH: '/usr/bin',
        HOME: '/home/runner',
        GITHUB_TOKEN: 'ghs_a',
        'INPUT_GITHUB-TOKEN': 'ghs_b',
        GH_TOKEN: 'x',
        MY_COPY: 'ghs_b',
        AWS_REGION: 'eu-west-1',
      },
      ['ghs_b'],
    )
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/runner', AWS_REGION: 'eu-west-1' })
  })

  test('an MLP challenger is gated against a logistic champion on the same eval rows', async () => {
    const root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(600, 5) })
    const first = await runCli(root, ['run', '--promote', '--json', 'first.json'])
    expect(first.code).toBe(0)
    const champion = JSON.parse(await fs.readFile(path.join(root, 'first.json'), 'utf8')).models[0]

    await fs.writeFile(path.join(root, 'models', 'toy', 'modelgate.yml'), MLP_SPEC)
    const second = await runCli(root, ['run', '--json', 'second.json'])
    expect(second.stderr).toContain('toy: binary, mlp')
    const result = JSON.parse(await fs.readFile(path.join(root, 'second.json'), 'utf8')).models[0]
    expect(result.championNote).toBeNull()
    expect(result.champion.runId).toBe(champion.runId)
    // The champion's metrics are recomputed on this run's eval rows: the logistic run's own stored numbers.
    expect(result.champion.metrics.roc_auc).toBe(champion.challenger.metrics.roc_auc)
    expect(result.challenger.metrics.roc_auc).not.toBe(champion.challenger.metrics.roc_auc)
    expect(['pass', 'fail', 'inconclusive']).toContain(result.verdict)
    expect(result.gate.comparisons[0]).toMatchObject({ metric: 'roc_auc', method: 'delong' })
    expect(result.gate.comparisons[0].diff).toBeCloseTo(
      result.challenger.metrics.roc_auc - result.champion.metrics.roc_auc,
      12,
    )
    const manifest = JSON.parse(
      await fs.readFile(
        path.join(root, '.modelgate', 'models', 'toy', 'runs', result.runId, 'manifest.json'),
        'utf8',
      ),
    )
    expect(manifest.meta.modelType).toBe('mlp')
    expect(manifest.meta.backend.scorer).toBe('modelgate forward pass (float32, as tfjs)')
  })
})
