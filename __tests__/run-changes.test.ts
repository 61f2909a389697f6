import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { diffSpecs, flattenSpec } from '../src/pipeline/spec-diff.js'
import { readGitInfo, readRepoRoot, type GitRunner } from '../src/util/git.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

/**
 * The report says what changed: the spec itself is stored with each run (spec.yml), the difference between
 * the champion's and the challenger's spec is listed by flattened key, and uncommitted changes are flagged.
 */

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    stdio: 'ignore',
  })
}

describe('spec differences', () => {
  it('flattens nested keys; scalar lists stay one value', () => {
    expect([...flattenSpec({ model: { C: 1, hidden: [8, 4] }, slices: { columns: ['a'] } })]).toEqual([
      ['model.C', '1'],
      ['model.hidden', '[8, 4]'],
      ['slices.columns', '[a]'],
    ])
  })

  it('compares the specs as the pipeline reads them, defaults filled in: a C written for the first time is 1 → 0.01', () => {
    const after = SMALL_SPEC.replace('  type: logistic\n', '  type: logistic\n  C: 0.01\n')
    expect(diffSpecs(SMALL_SPEC, after)).toEqual(['model.C: 1 → 0.01'])
    const features = SMALL_SPEC.replace('  id: id\n', '  id: id\n  exclude: [x1]\n')
    expect(diffSpecs(SMALL_SPEC, features)).toEqual(['data.exclude: [] → [x1]'])
    expect(diffSpecs(SMALL_SPEC, SMALL_SPEC)).toEqual([])
    // A key only one side has reads "(unset)".
    expect(diffSpecs(SMALL_SPEC, `${SMALL_SPEC}slices: [color]\n`)).toEqual([
      'slices.columns: (unset) → [color]',
      'slices.max_gap: (unset) → {}',
      'slices.min_size: (unset) → 100',
    ])
  })
})

describe('the git reader', () => {
  it('dirty comes from `git status` of tracked files, through an injected runner', async () => {
    const calls: string[][] = []
    const fake =
      (status: string): GitRunner =>
      (args) => {
        calls.push(args)
        if (args[0] === 'status') return Promise.resolve(status)
        return Promise.resolve(args.includes('--abbrev-ref') ? 'main' : 'abc123')
      }
    expect(await readGitInfo('/x', fake(''))).toEqual({ commit: 'abc123', ref: 'main', dirty: false })
    expect(await readGitInfo('/x', fake(' M models/toy/modelgate.yml'))).toMatchObject({ dirty: true })
    expect(calls).toContainEqual(['status', '--porcelain', '--untracked-files=no'])
    const none: GitRunner = () => Promise.resolve(null)
    expect(await readGitInfo('/x', none)).toEqual({ commit: null, ref: null, dirty: false })
  })

  it('on a real repository: clean after a commit, dirty after an edit, untracked files ignored; the root is the top level', async () => {
    const root = await makeWorkspace()
    git(root, 'init', '-q', '-b', 'main')
    await fs.writeFile(path.join(root, 'a.txt'), 'one\n')
    git(root, 'add', '.')
    git(root, 'commit', '-q', '-m', 'one')
    await fs.mkdir(path.join(root, 'sub'))
    await fs.writeFile(path.join(root, 'untracked.txt'), 'x\n')
    expect(await readGitInfo(root)).toMatchObject({ ref: 'main', dirty: false })
    await fs.writeFile(path.join(root, 'a.txt'), 'two\n')
    expect((await readGitInfo(path.join(root, 'sub'))).dirty).toBe(true)
    expect(await readRepoRoot(path.join(root, 'sub'))).toBe(await fs.realpath(root))
  })
})

describe('modelgate run says what changed', () => {
  it('stores spec.yml, the spec path relative to the repository, and shows spec keys and uncommitted changes', async () => {
    const root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(600, 5) })
    git(root, 'init', '-q', '-b', 'main')
    git(root, 'add', '.')
    git(root, 'commit', '-q', '-m', 'first model')
    const first = await runCli(path.join(root, 'models'), [
      'run',
      '--promote',
      'toy',
      '--json',
      '../first.json',
    ])
    expect(first.code).toBe(0)
    expect(first.stdout).not.toContain('uncommitted')
    const firstRun = JSON.parse(await fs.readFile(path.join(root, 'first.json'), 'utf8')).models[0]
    const runDir = path.join(root, 'models', '.modelgate', 'models', 'toy', 'runs', firstRun.runId)
    expect(await fs.readFile(path.join(runDir, 'spec.yml'), 'utf8')).toBe(SMALL_SPEC)
    const manifest = JSON.parse(await fs.readFile(path.join(runDir, 'manifest.json'), 'utf8'))
    // Run from models/: the path is still relative to the repository's top level.
    expect(manifest.meta.spec.file).toBe('models/toy/modelgate.yml')
    expect(manifest.meta.git).toMatchObject({ ref: 'main', dirty: false })

    const edited = SMALL_SPEC.replace('  type: logistic\n', '  type: logistic\n  C: 0.01\n')
    await fs.writeFile(path.join(root, 'models', 'toy', 'modelgate.yml'), edited)
    const second = await runCli(path.join(root, 'models'), ['run', 'toy', '--json', '../second.json'])
    expect(second.stdout).toContain('Spec changes since the champion:\n- `model.C: 1 → 0.01`')
    expect(second.stdout).toContain(
      '⚠️ The working tree had uncommitted changes, so commit ' /* the short sha follows */,
    )
    const model = JSON.parse(await fs.readFile(path.join(root, 'second.json'), 'utf8')).models[0]
    expect(model.changes).toEqual({ spec: ['model.C: 1 → 0.01'], specNote: null, dirty: true })

    git(root, 'commit', '-q', '-am', 'C 0.01')
    const third = await runCli(path.join(root, 'models'), ['run', 'toy'])
    expect(third.stdout).toContain('Spec changes since the champion:\n- `model.C: 1 → 0.01`')
    expect(third.stdout).not.toContain('uncommitted')
  })

  it('a champion stored without spec.yml: the difference is unknown, and says why', async () => {
    const root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(600, 5) })
    const first = await runCli(root, ['run', '--promote', '--json', 'first.json'])
    expect(first.code).toBe(0)
    // Make the champion look like a run from before specs were stored.
    const runId = JSON.parse(await fs.readFile(path.join(root, 'first.json'), 'utf8')).models[0].runId
    const manifestFile = path.join(root, '.modelgate', 'models', 'toy', 'runs', runId, 'manifest.json')
    const manifest = JSON.parse(await fs.readFile(manifestFile, 'utf8'))
    manifest.files = manifest.files.filter((f: { path: string }) => f.path !== 'spec.yml')
    manifest.meta.spec.sha256 = 'older'
    await fs.writeFile(manifestFile, JSON.stringify(manifest))
    const second = await runCli(root, ['run'])
    expect(second.stdout).toContain(
      `Spec changes: unknown (champion run ${runId} was stored without its spec (spec.yml), so the spec difference is unknown).`,
    )
  })
})
