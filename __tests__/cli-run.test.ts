import { COMMANDS } from '../src/cli-commands.js'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

describe('modelgate run / predict / history / rollback, end to end on a filesystem store', () => {
  let root: string
  beforeAll(async () => {
    root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(600, 5) })
  })

  it('first run has no champion and promotes; second run compares with it on the same rows', async () => {
    const first = await runCli(root, ['run', '--promote', '--json', 'first.json'])
    expect(first.stderr).toContain('toy: binary, logistic')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('🆕 toy: no-champion')
    expect(first.stdout).toContain('promoted to champion (first run: no champion yet)')
    const firstJson = JSON.parse(await fs.readFile(path.join(root, 'first.json'), 'utf8'))
    expect(firstJson.verdict).toBe('no-champion')
    expect(firstJson.models[0].promoted).toBe(true)
    const championRun = firstJson.models[0].runId as string

    const second = await runCli(root, ['run', '--json', 'second.json', '--report', 'report.md'])
    expect(second.code).toBe(0)
    // With --report FILE, stdout keeps the verdict line (and where the results went).
    expect(second.stdout).toMatch(/^- \*\*toy\*\*: ✅ pass — ROC AUC/)
    const report = await fs.readFile(path.join(root, 'report.md'), 'utf8')
    expect(report).toContain(`vs champion run \`${championRun}\``)
    expect(report).toMatch(
      /\| ROC AUC \| 0\.\d{4} \| 0\.\d{4} \| 0\.0000 \(0\.0000 … 0\.0000\) \| −0\.0500 \| DeLong/,
    )
    const result = JSON.parse(await fs.readFile(path.join(root, 'second.json'), 'utf8')).models[0]
    expect(result.verdict).toBe('pass')
    expect(result.champion.runId).toBe(championRun)
    // Deterministic training: the retrained challenger equals the champion exactly.
    expect(result.challenger.metrics.roc_auc).toBe(result.champion.metrics.roc_auc)
    expect(result.promoted).toBe(false)
    expect(result.gate.comparisons[0]).toMatchObject({
      metric: 'roc_auc',
      method: 'delong',
      verdict: 'pass',
      diff: 0,
    })
  })

  it('predict scores new rows with the champion exactly as the run scored its eval rows', async () => {
    const runs = JSON.parse(await fs.readFile(path.join(root, 'first.json'), 'utf8'))
    const runId = runs.models[0].runId as string
    const stored = await fs.readFile(
      path.join(root, '.modelgate', 'models', 'toy', 'runs', runId, 'predictions.csv'),
      'utf8',
    )
    const lines = stored.trim().split('\n')
    expect(lines[0]).toBe('id,label,p_yes')
    // Re-score the eval rows from the CSV through `predict` and compare with the stored predictions.
    const data = (await fs.readFile(path.join(root, 'models', 'toy', 'data.csv'), 'utf8')).trim().split('\n')
    const evalIds = new Set(lines.slice(1).map((l) => l.split(',')[0]))
    const evalRows = [data[0], ...data.slice(1).filter((l) => evalIds.has(l.split(',')[0]))]
    await fs.writeFile(path.join(root, 'new.csv'), `${evalRows.join('\n')}\n`)
    const out = await runCli(root, [
      'predict',
      '--model',
      'toy',
      '--input',
      'new.csv',
      '--output',
      'pred.csv',
    ])
    expect(out.stderr).toContain(`predicted ${evalRows.length - 1} rows with toy run ${runId}`)
    expect(out.code).toBe(0)
    const predicted = (await fs.readFile(path.join(root, 'pred.csv'), 'utf8')).trim().split('\n')
    expect(predicted[0]).toBe('id,p_yes')
    const byId = new Map(predicted.slice(1).map((l) => [l.split(',')[0], l.split(',')[1]]))
    for (const line of lines.slice(1)) {
      const [id, , p] = line.split(',')
      expect(byId.get(id)).toBe(p)
    }
  })

  it('promote, history, rollback and show manage the champion pointer with its history', async () => {
    const second = JSON.parse(await fs.readFile(path.join(root, 'second.json'), 'utf8')).models[0]
      .runId as string
    const first = JSON.parse(await fs.readFile(path.join(root, 'first.json'), 'utf8')).models[0]
      .runId as string
    expect((await runCli(root, ['promote', 'toy', second])).stdout).toContain(
      `champion is now ${second} (change 2)`,
    )
    const history = await runCli(root, ['history', 'toy'])
    expect(history.stdout).toContain('history (2 changes)')
    expect(history.stdout).toMatch(
      new RegExp(
        `2\\. .*promote +${second} +\\(was ${first}\\) +by tester via modelgate CLI: manual promotion`,
      ),
    )
    const back = await runCli(root, ['rollback', 'toy'])
    expect(back.stdout).toContain(`rolled back to ${first} (from ${second})`)
    const show = await runCli(root, ['show', 'toy'])
    expect(show.stdout).toContain(`champion ${first}`)
    expect(show.stdout).toMatch(new RegExp(`\\* ${first}`))
    const again = await runCli(root, ['rollback', 'toy'])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('has no earlier run to roll back to')
  })

  it('exits 2 with one line for usage errors', async () => {
    const bad = await runCli(root, ['run', '--nope'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    expect(bad.stderr).toContain("Unknown option '--nope'")
    const unknown = await runCli(root, ['frobnicate'])
    expect(unknown.stderr).toBe(
      `modelgate: unknown command "frobnicate" (commands: ${[...Object.keys(COMMANDS), 'help'].join(', ')}; see modelgate --help)\n`,
    )
    expect((await runCli(root, ['promote', 'toy'])).stderr).toContain('expected NAME RUN_ID')
  })
})
