/**
 * Paths and arguments that used to end as "unexpected error" (exit 3), overwrite an input, hang, or read a
 * file outside the repository: each is now one clear exit-2 message, with nothing written.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { errorLines, loadEvent, MAIN_SHA, runActionInProcess } from './helpers/action-runner.js'
import { makeWorkspace, runCli, snapshot, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

let root: string

beforeEach(async () => {
  root = await makeWorkspace()
  await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(300, 9) })
})

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true })
})

/** The last stderr line of a run that must end with exit code 2. */
async function refused(args: string[]): Promise<string> {
  const out = await runCli(root, args)
  expect({ code: out.code, stderr: out.stderr }).toEqual({ code: 2, stderr: expect.any(String) as string })
  return out.stderr.trim().split('\n').at(-1)!
}

describe('predict and run output paths', () => {
  beforeEach(async () => {
    expect((await runCli(root, ['run', '--promote'])).code).toBe(0)
  })

  test('predict --output equal to the input (also through a symlink) is refused and the input kept', async () => {
    const input = path.join(root, 'models', 'toy', 'data.csv')
    const before = await fs.readFile(input, 'utf8')
    expect(await refused(['predict', '--model', 'toy', '--input', input, '--output', input])).toBe(
      `modelgate: --output ${input} is the --input file; refusing to overwrite the input — write the output to another file`,
    )
    await fs.symlink(input, path.join(root, 'alias.csv'))
    expect(await refused(['predict', '--model', 'toy', '--input', input, '--output', 'alias.csv'])).toContain(
      'is the --input file; refusing to overwrite the input',
    )
    await fs.link(input, path.join(root, 'hard.csv'))
    expect(await refused(['predict', '--model', 'toy', '--input', input, '--output', 'hard.csv'])).toContain(
      'is the --input file; refusing to overwrite the input',
    )
    expect(await fs.readFile(input, 'utf8')).toBe(before)
  })

  test('a missing output directory is named, before any work (predict, run --report, run --json)', async () => {
    const input = path.join(root, 'models', 'toy', 'data.csv')
    expect(await refused(['predict', '--model', 'toy', '--input', input, '--output', 'no/such/p.csv'])).toBe(
      `modelgate: --output no/such/p.csv: the directory ${path.join(root, 'no', 'such')} does not exist; create it first (modelgate does not create output directories)`,
    )
    const store = await snapshot(path.join(root, '.modelgate'))
    expect(await refused(['run', '--report', 'out/r.md'])).toContain('--report out/r.md: the directory')
    expect(await refused(['run', '--json', 'out/r.json'])).toContain('--json out/r.json: the directory')
    // Refused before training: no new run in the store.
    expect(await snapshot(path.join(root, '.modelgate'))).toEqual(store)
  })
})

describe('--store', () => {
  test('a regular file is refused', async () => {
    await fs.writeFile(path.join(root, 'store.txt'), 'not a store')
    expect(await refused(['run', '--store', 'store.txt'])).toBe(
      `modelgate: the store ${path.join(root, 'store.txt')} is a regular file; give a directory (it is created if missing) or an s3:// URL`,
    )
  })

  test('/proc/x and /dev/null are refused up front instead of hanging', async () => {
    expect(await refused(['run', '--store', '/proc/x'])).toBe(
      'modelgate: the store /proc/x is under /proc, not an ordinary directory; give a directory like ./.modelgate or an s3:// URL',
    )
    expect(await refused(['show', 'toy', '--store', '/dev/null'])).toContain('is under /dev')
  })
})

describe('the spec file', () => {
  test('a YAML alias bomb is refused with the alias limit', async () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghi'
        .split('')
        .map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      SMALL_SPEC,
    ].join('\n')
    await writeModel(root, 'toy', bomb, {})
    expect(await refused(['run'])).toMatch(
      /modelgate\.yml: the YAML expands aliases more than 100 times \(.*\); write the values out instead of using aliases$/,
    )
  })

  test('a spec over the size limit is refused without parsing it', async () => {
    await writeModel(root, 'toy', `${SMALL_SPEC}# ${'x'.repeat(300_000)}\n`, {})
    expect(await refused(['run'])).toMatch(
      /modelgate\.yml: the model spec is \d+ bytes, over the 262144-byte limit/,
    )
  })
})

describe('confinement to the workspace', () => {
  let outside: string

  beforeEach(async () => {
    outside = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-outside-'))
    await fs.writeFile(path.join(outside, 'secret.csv'), syntheticCsv(300, 4))
  })

  afterEach(async () => {
    await fs.rm(outside, { recursive: true, force: true })
  })

  const withTrain = (train: string): string =>
    SMALL_SPEC.replace('train: data.csv', `train: ${JSON.stringify(train)}`)

  test('a relative path that climbs out of the repository is refused, and allowed with the opt-in', async () => {
    const relative = path.relative(path.join(root, 'models', 'toy'), path.join(outside, 'secret.csv'))
    expect(relative.startsWith('..')).toBe(true)
    await writeModel(root, 'toy', withTrain(relative), {})
    const message = await refused(['run'])
    expect(message).toContain(`data file ${path.join(outside, 'secret.csv')} is outside the workspace`)
    expect(message).toContain('allow it explicitly with --allow-outside-workspace')
    expect((await runCli(root, ['run', '--allow-outside-workspace'])).code).toBe(0)
  })

  test('the Action refuses it too, and the allow-outside-workspace input lets it through', async () => {
    const relative = path.relative(path.join(root, 'models', 'toy'), path.join(outside, 'secret.csv'))
    await writeModel(root, 'toy', withTrain(relative), {})
    const call = {
      workspace: root,
      apiUrl: 'http://127.0.0.1:9', // never called
      event: 'push',
      payload: await loadEvent('push'),
      sha: MAIN_SHA,
      ref: 'refs/heads/main',
      inputs: { comment: 'never', checks: 'false', 'github-token': '' },
    }
    const refusedRun = await runActionInProcess(call)
    expect(refusedRun.exitCode).toBe(1)
    expect(errorLines(refusedRun.log)[0]).toContain('is outside the workspace')
    const allowed = await runActionInProcess({
      ...call,
      inputs: { ...call.inputs, 'allow-outside-workspace': 'true' },
    })
    expect(allowed.exitCode).toBe(0)
  })

  test('/etc/passwd is refused without quoting its contents', async () => {
    await writeModel(root, 'toy', withTrain('/etc/passwd'), {})
    const out = await runCli(root, ['run'])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('data file /etc/passwd is outside the workspace')
    expect(out.stderr).not.toContain('root:')
  })

  test('/proc/self/environ is refused even with the opt-in', async () => {
    await writeModel(root, 'toy', withTrain('/proc/self/environ'), {})
    const message = await refused(['run', '--allow-outside-workspace'])
    expect(message).toContain('data file /proc/self/environ is a special file')
  })

  test('a symlinked data file and a symlinked model folder that point outside are refused', async () => {
    await fs.symlink(path.join(outside, 'secret.csv'), path.join(root, 'models', 'toy', 'linked.csv'))
    await writeModel(root, 'toy', withTrain('linked.csv'), {})
    expect(await refused(['run'])).toContain(
      `(it resolves to ${await fs.realpath(path.join(outside, 'secret.csv'))})`,
    )

    await fs.rm(path.join(root, 'models', 'toy'), { recursive: true })
    await fs.writeFile(path.join(outside, 'modelgate.yml'), SMALL_SPEC.replace('data.csv', 'secret.csv'))
    await fs.symlink(outside, path.join(root, 'models', 'toy'))
    expect(await refused(['run', 'models/toy'])).toContain(
      `model folder ${path.join(root, 'models', 'toy')} is outside the workspace`,
    )
  })
})
