/** `modelgate deploy`, `rollback --alias production [--to RUN]` and `history` (both aliases), on a directory store. */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

describe('modelgate deploy / rollback --alias production / history', () => {
  let root: string
  let first: string
  let second: string
  beforeAll(async () => {
    root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(600, 5) })
    const runId = async (file: string): Promise<string> =>
      JSON.parse(await fs.readFile(path.join(root, file), 'utf8')).models[0].runId as string
    expect((await runCli(root, ['run', '--promote', '--json', 'a.json'])).code).toBe(0)
    // A real change (a bit-identical model would not be promoted again).
    await writeModel(root, 'toy', SMALL_SPEC.replace('type: logistic', 'type: logistic\n  C: 0.5'), {})
    expect((await runCli(root, ['run', '--promote', '--json', 'b.json'])).code).toBe(0)
    ;[first, second] = [await runId('a.json'), await runId('b.json')]
  })
  afterAll(() => fs.rm(root, { recursive: true, force: true }))

  const pointer = async (): Promise<{ runId: string; aliasVersion: number }> =>
    JSON.parse(await fs.readFile(path.join(root, 'serving', 'toy', 'current.json'), 'utf8')) as {
      runId: string
      aliasVersion: number
    }

  it('deploys the champion, then a named run, copying it and moving the pointer; rolls back; history shows both aliases', async () => {
    const deployed = await runCli(root, ['deploy', 'toy', '--deploy-to', 'serving'])
    expect([deployed.code, deployed.stderr]).toEqual([0, ''])
    expect(deployed.stdout).toContain(`toy: production is now ${second} (was none; change 1)`)
    expect(await pointer()).toMatchObject({ runId: second, aliasVersion: 1 })
    await fs.access(path.join(root, 'serving', 'toy', second, 'model', 'weights.bin'))

    const same = await runCli(root, ['deploy', 'toy'])
    expect(same.stdout).toBe(`toy: run ${second} is already in production; nothing changed\n`)

    const named = await runCli(root, ['deploy', 'toy', '--run', first, '--deploy-to', 'serving'])
    expect(named.stdout).toContain(`toy: production is now ${first} (was ${second}; change 2)`)
    expect(await pointer()).toMatchObject({ runId: first, aliasVersion: 2 })

    const back = await runCli(root, ['rollback', 'toy', '--alias', 'production', '--deploy-to', 'serving'])
    expect([back.code, back.stdout.split('\n')[0]]).toEqual([
      0,
      `toy: production rolled back to ${second} (from ${first})`,
    ])
    expect(await pointer()).toMatchObject({ runId: second, aliasVersion: 3 })

    const history = await runCli(root, ['history', 'toy'])
    expect(history.stdout).toContain('toy champion history (2 changes):')
    expect(history.stdout).toContain('toy production history (3 changes):')
    expect(history.stdout).toMatch(
      new RegExp(
        `3\\. .*rollback +${second} +\\(was ${first}\\) +by tester via modelgate CLI: manual rollback`,
      ),
    )
    const only = await runCli(root, ['history', 'toy', '--alias', 'production'])
    expect(only.stdout).not.toContain('champion history')
  })

  it('refuses to deploy or roll back to a run whose gate record is not a pass, exit 2, nothing changed', async () => {
    const manifestFile = path.join(root, '.modelgate', 'models', 'toy', 'runs', second, 'manifest.json')
    const manifest = JSON.parse(await fs.readFile(manifestFile, 'utf8')) as {
      meta: { comparedWith: unknown }
    }
    const failed = '99990101T000000Z-bad000'
    const dir = path.join(root, '.modelgate', 'models', 'toy', 'runs', failed)
    await fs.cp(path.dirname(manifestFile), dir, { recursive: true })
    manifest.meta.comparedWith = { runId: first, verdict: 'fail' }
    await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, runId: failed }))
    const before = await fs.readFile(
      path.join(root, '.modelgate', 'models', 'toy', 'aliases', 'production.json'),
      'utf8',
    )

    const deploy = await runCli(root, ['deploy', 'toy', '--run', failed])
    expect(deploy.code).toBe(2)
    expect(deploy.stderr).toBe(
      `modelgate: model "toy": run ${failed} cannot be deployed: its gate verdict is fail (against champion ${first}). Only a run that passed its gate can be deployed: merge a change whose run passes, promote it, and release again\n`,
    )
    const rollback = await runCli(root, ['rollback', 'toy', '--alias', 'production', '--to', failed])
    expect(rollback.code).toBe(2)
    expect(rollback.stderr).toContain(`run ${failed} cannot be deployed: its gate verdict is fail`)
    expect(
      await fs.readFile(path.join(root, '.modelgate', 'models', 'toy', 'aliases', 'production.json'), 'utf8'),
    ).toBe(before)
  })
})
