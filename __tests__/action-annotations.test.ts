/**
 * The Actions log as a reviewer meets it: per-epoch training progress folded in a ::group::, and spec errors
 * and failing gates as ::error file=models/<m>/modelgate.yml:: annotations, which GitHub shows on the file in
 * the pull request's Files tab. In-process against the GitHub stand-in, with the real @actions/core.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import {
  MAIN_SHA,
  errorLines,
  eventCall,
  runActionInProcess,
  type ActionInvocation,
} from './helpers/action-runner.js'
import { standIn, useActionWorld, workspace } from './helpers/action-world.js'
import { readResultsFile } from '../src/action/results-file.js'
import { SMALL_SPEC } from './helpers/workspace.js'

useActionWorld({ headSha: MAIN_SHA })

const call = (
  kind: 'push' | 'pull_request',
  inputs: Record<string, string> = {},
): Promise<ActionInvocation> => eventCall(kind, { workspace, apiUrl: standIn.url }, inputs)

const specFile = (): string => path.join(workspace, 'models', 'churn', 'modelgate.yml')

/** `::error file=…,title=…::message` lines, properties decoded as @actions/core encodes them. */
function fileAnnotations(log: string): { file: string; title: string; line?: string; message: string }[] {
  const decode = (s: string): string =>
    s
      .replace(/%0A/g, '\n')
      .replace(/%0D/g, '\r')
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%25/g, '%')
  return log
    .split('\n')
    .filter((l) => l.startsWith('::error ') && l.includes('file='))
    .map((l) => {
      const match = /^::error (.*?)::(.*)$/.exec(l)!
      const props = Object.fromEntries(
        match[1]!.split(',').map((p) => p.split('=').map(decode) as [string, string]),
      )
      return { file: props.file!, title: props.title!, line: props.line, message: decode(match[2]!) }
    })
}

describe('::group:: around training progress', () => {
  test('every per-epoch line of an MLP is inside one group named after the model', async () => {
    const mlp = SMALL_SPEC.replace(
      'model:\n  type: logistic\n',
      'model:\n  type: mlp\n  hidden: [4]\n  epochs: 5\n  early_stopping: false\n',
    )
    await fs.writeFile(specFile(), mlp)
    const run = await runActionInProcess(await call('push'))
    expect(run.exitCode).toBe(0)
    const lines = run.log.split('\n')
    const start = lines.indexOf('::group::churn: training mlp')
    const end = lines.indexOf('::endgroup::', start)
    expect(start).toBeGreaterThan(-1)
    expect(end).toBeGreaterThan(start)
    const epochLines = lines.filter((l) => /^ {2}epoch \d+\/5: loss/.test(l))
    expect(epochLines).toHaveLength(5)
    for (const l of epochLines) {
      const at = lines.indexOf(l)
      expect(at > start && at < end).toBe(true)
    }
    // The summary line of the fit is in the group too; the run's other lines are outside it.
    expect(lines.slice(start, end).some((l) => l.startsWith('  mlp: 5 epochs'))).toBe(true)
    expect(lines.slice(start, end).some((l) => l.startsWith('  data:'))).toBe(false)
  })
})

describe('::error file=…:: annotations', () => {
  test('a spec error is annotated on models/churn/modelgate.yml (with the line for YAML errors) and fails the step', async () => {
    await fs.writeFile(specFile(), `${SMALL_SPEC}slices:\n  columns: [colour]\n`)
    const run = await runActionInProcess(await call('pull_request'))
    expect(run.exitCode).toBe(1)
    const [annotation, ...others] = fileAnnotations(run.log)
    expect(others).toEqual([])
    expect(annotation).toMatchObject({ file: 'models/churn/modelgate.yml', title: 'modelgate: spec error' })
    expect(annotation!.message).toContain(
      'slices.columns[0]: no column "colour" in data.csv (did you mean "color"?); columns are: id, x1, x2, color, label',
    )
    // Not repeated as a second, file-less error.
    expect(errorLines(run.log)).toEqual([])

    await fs.writeFile(specFile(), 'task: binary\ndata:\n  train: [data.csv\n')
    const yaml = await runActionInProcess(await call('pull_request'))
    expect(yaml.exitCode).toBe(1)
    expect(fileAnnotations(yaml.log)).toEqual([
      expect.objectContaining({
        file: 'models/churn/modelgate.yml',
        title: 'modelgate: spec error',
        line: '4',
      }),
    ])
  })

  test('a failing gate is annotated on the spec file of each failing model, beside the step failure', async () => {
    expect((await runActionInProcess(await call('push'))).exitCode).toBe(0)
    await fs.writeFile(specFile(), SMALL_SPEC.replace('  id: id\n', '  id: id\n  exclude: [x1]\n'))
    const run = await runActionInProcess(await call('pull_request'))
    expect(run.exitCode).toBe(1)
    const annotations = fileAnnotations(run.log)
    expect(annotations).toHaveLength(1)
    expect(annotations[0]).toMatchObject({
      file: 'models/churn/modelgate.yml',
      title: 'modelgate / churn: fail',
    })
    expect(annotations[0]!.message).toMatch(/^churn: ❌ fail — ROC AUC 0\.\d{4} → 0\.\d{4} \(Δ −0\.\d{4}/)
    expect(errorLines(run.log)).toEqual([
      'the gate failed for churn (fail) (fail-on: fail); see the report in the job summary',
    ])

    // fail-on: never — the same verdict fails nothing, so nothing is annotated.
    const tolerant = await runActionInProcess(await call('pull_request', { 'fail-on': 'never' }))
    expect(tolerant.exitCode).toBe(0)
    expect(fileAnnotations(tolerant.log)).toEqual([])
  })
})

describe('the new result fields in a results file (mode: report reads files from other runs)', () => {
  test('round-trip as written; a wrong shape is refused naming the field', async () => {
    const run = await runActionInProcess(await call('push'))
    expect(run.exitCode).toBe(0)
    const file = run.outputs.results!
    const read = await readResultsFile(file)
    expect(read.models[0]).toMatchObject({
      specPath: 'models/churn/modelgate.yml',
      dataNotes: { positiveClass: { label: 'yes', inferred: true }, unseen: {} },
      changes: null,
      dirty: false,
    })
    const json = JSON.parse(await fs.readFile(file, 'utf8')) as { models: Record<string, unknown>[] }
    json.models[0]!.dataNotes = {
      imputed: { training: {}, eval: {} },
      unseen: { color: 'many' },
      positiveClass: null,
    }
    await fs.writeFile(file, JSON.stringify(json))
    await expect(readResultsFile(file)).rejects.toThrow(
      /is not a modelgate Action results file: models\.0\.dataNotes\.unseen\.color: /,
    )
    json.models[0]!.dataNotes = undefined
    json.models[0]!.changes = { spec: 'model.C', specNote: null, dirty: false }
    await fs.writeFile(file, JSON.stringify(json))
    await expect(readResultsFile(file)).rejects.toThrow(/models\.0\.changes\.spec: /)
  })
})
