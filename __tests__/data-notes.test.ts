import { promises as fs } from 'node:fs'
import path from 'node:path'
import { codeSpan } from '../src/report/format.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

/**
 * What the data policies did is said where a reviewer looks: categories the eval rows have and training never
 * saw (report, results JSON, stderr, with counts per column), imputed cells on training and eval rows counted
 * separately, and the positive class of a binary task — named always, with a warning when it was inferred.
 */

const SEPARATE_EVAL_SPEC = SMALL_SPEC.replace('  split: { fraction: 0.3, seed: 3 }\n', '  eval: eval.csv\n')

/** Set column `column` of the given data rows (1-based, after the header) of a CSV. */
function setCells(csv: string, rows: number[], column: number, value: string): string {
  const lines = csv.split('\n')
  for (const r of rows) {
    const cells = lines[r]!.split(',')
    cells[column] = value
    lines[r] = cells.join(',')
  }
  return lines.join('\n')
}

interface ModelJson {
  runId: string
  warnings: string[]
  dataNotes: unknown
}

async function readJson(root: string, file: string): Promise<{ models: ModelJson[] }> {
  return JSON.parse(await fs.readFile(path.join(root, file), 'utf8')) as { models: ModelJson[] }
}

describe('unseen categories and imputed values', () => {
  it('eval categories training never saw: counts per column in the report, the results JSON, stderr and the manifest; imputed cells counted on both sides', async () => {
    const root = await makeWorkspace()
    // Training: one missing x1. Eval: two missing x1, three rows with color "purple", one with "teal".
    const train = setCells(syntheticCsv(400, 5), [7], 1, '')
    let evalCsv = setCells(syntheticCsv(120, 6), [2, 9, 30], 3, 'purple')
    evalCsv = setCells(evalCsv, [4], 3, 'teal')
    evalCsv = setCells(evalCsv, [11, 12], 1, '')
    await writeModel(root, 'toy', SEPARATE_EVAL_SPEC, { 'data.csv': train, 'eval.csv': evalCsv })
    const out = await runCli(root, ['run', '--json', 'r.json'])
    expect(out.code).toBe(0)
    const warning =
      'eval rows with categories training never saw, scored as all-zero (data.unseen_category: zeros), per column of 120 eval rows: color 4'
    expect(out.stderr).toContain(`warning: toy: ${warning}`)
    expect(out.stdout).toContain(`- ⚠️ ${warning}`)
    const model = (await readJson(root, 'r.json')).models[0]!
    expect(model.warnings).toContain(warning)
    expect(model.dataNotes).toMatchObject({
      unseen: { color: 4 },
      imputed: { training: { x1: 1 }, eval: { x1: 2 } },
    })
    expect(out.stdout).toContain('missing values imputed: training rows x1 1; eval rows x1 2')
    const manifest = JSON.parse(
      await fs.readFile(
        path.join(root, '.modelgate', 'models', 'toy', 'runs', model.runId, 'manifest.json'),
        'utf8',
      ),
    )
    expect(manifest.meta.policies).toMatchObject({
      unseen: { color: 4 },
      imputed: { training: { x1: 1 }, eval: { x1: 2 } },
    })
  })

  it('no unseen categories: no warning', async () => {
    const root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC.replace('label', 'label\n  positive_class: "yes"'), {
      'data.csv': syntheticCsv(300, 5),
    })
    const out = await runCli(root, ['run', '--json', 'r.json'])
    expect(out.code).toBe(0)
    expect(out.stderr).not.toContain('warning:')
    expect((await readJson(root, 'r.json')).models[0]!.warnings).toEqual([])
  })
})

describe('the positive class', () => {
  /** A 5%-positive target whose labels sort the majority class second ("churned" < "stayed"). */
  function rareChurnCsv(): string {
    return syntheticCsv(400, 5)
      .split('\n')
      .map((line, i) => {
        if (i === 0 || line === '') return line
        const cells = line.split(',')
        cells[4] = i % 20 === 0 ? 'churned' : 'stayed'
        return cells.join(',')
      })
      .join('\n')
  }

  it('inferred: every report names it, with a warning that it is the majority class and how to set it', async () => {
    const root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': rareChurnCsv() })
    const out = await runCli(root, ['run', '--json', 'r.json', '--report', 'r.md'])
    expect(out.code).toBe(0)
    const report = await fs.readFile(path.join(root, 'r.md'), 'utf8')
    expect(report).toContain('Positive class: `stayed` (inferred, not set in the spec).')
    const warning =
      'the positive class was inferred as "stayed" (the other is "churned"); it is the majority class (97% of training rows: 276 of 286); precision, recall, F1 and average precision describe "stayed"; set data.positive_class in models/toy/modelgate.yml to choose it'
    expect(report).toContain(`- ⚠️ ${warning}`)
    expect(out.stderr).toContain(`warning: toy: ${warning}`)
    expect((await readJson(root, 'r.json')).models[0]!.dataNotes).toMatchObject({
      positiveClass: { label: 'stayed', inferred: true },
    })
  })

  it('set in the spec: named as data.positive_class, no warning; a second run still names it', async () => {
    const root = await makeWorkspace()
    const spec = SMALL_SPEC.replace('  target: label\n', '  target: label\n  positive_class: churned\n')
    await writeModel(root, 'toy', spec, { 'data.csv': rareChurnCsv() })
    const first = await runCli(root, ['run', '--promote'])
    expect(first.code).toBe(0)
    const second = await runCli(root, ['run', '--json', 'r.json'])
    expect(second.code).toBe(0)
    for (const out of [first, second]) {
      expect(out.stdout).toContain('Positive class: `churned` (data.positive_class).')
      expect(out.stderr).not.toContain('positive class was inferred')
    }
    expect((await readJson(root, 'r.json')).models[0]!.dataNotes).toMatchObject({
      positiveClass: { label: 'churned', inferred: false },
    })
  })
})

describe('labels and spec values in code spans', () => {
  it('codeSpan fences text holding backticks so it cannot end the span early', () => {
    expect(codeSpan('yes')).toBe('`yes`')
    expect(codeSpan('a`b')).toBe('``a`b``')
    expect(codeSpan('`x`` y')).toBe('``` `x`` y ```')
    expect(codeSpan('two\nlines')).toBe('`two lines`')
  })
})
