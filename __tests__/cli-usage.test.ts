import { promises as fs } from 'node:fs'
import path from 'node:path'
import { commandUsage, globalUsage } from '../src/cli.js'
import { COMMANDS } from '../src/cli-commands.js'
import { alignTables, displayWidth } from '../src/report/terminal.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

describe('help', () => {
  it.each(Object.keys(COMMANDS))(
    'modelgate %s --help and modelgate help <it> print that command’s usage',
    async (name) => {
      const root = await makeWorkspace()
      const flag = await runCli(root, [name, '--help'])
      const help = await runCli(root, ['help', name])
      for (const out of [flag, help]) {
        expect(out.code).toBe(0)
        expect(out.stderr).toBe('')
        expect(out.stdout).toBe(`${commandUsage(name)}\n`)
        expect(out.stdout.startsWith(`modelgate ${name} ${COMMANDS[name]!.usage}\n`)).toBe(true)
        expect(out.stdout).not.toContain('Usage:')
        // Each option the command takes is explained, and only those.
        for (const option of COMMANDS[name]!.options) expect(out.stdout).toContain(`  --${option} `)
        for (const other of ['--promote', '--seeds', '--input'].filter(
          (o) => !COMMANDS[name]!.options.includes(o.slice(2)),
        ))
          expect(out.stdout).not.toContain(other)
      }
      // Nothing was opened or created: help needs no store.
      await expect(fs.access(path.join(root, '.modelgate'))).rejects.toThrow()
    },
  )

  it('modelgate help and --help print every command; help with an unknown command is exit 2', async () => {
    const root = await makeWorkspace()
    for (const args of [['help'], ['--help']]) {
      const out = await runCli(root, args)
      expect(out.code).toBe(0)
      expect(out.stdout).toBe(`${globalUsage()}\n`)
      for (const name of Object.keys(COMMANDS)) expect(out.stdout).toContain(`  modelgate ${name} `)
    }
    const bad = await runCli(root, ['help', 'trian'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe(
      `modelgate: unknown command "trian" (commands: ${[...Object.keys(COMMANDS), 'help'].join(', ')}; see modelgate --help)\n`,
    )
  })
})

describe('README', () => {
  it('the CLI section lists every command with the usage its --help prints', async () => {
    const readme = await fs.readFile(path.join(process.cwd(), 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## The CLI'))
    const start = section.indexOf('```\n') + 4
    const block = section.slice(start, section.indexOf('\n```', start))
    const lines = block.split('\n').filter((l) => l.startsWith('modelgate '))
    expect(lines).toEqual([
      ...Object.entries(COMMANDS).map(([name, c]) => `modelgate ${name} ${c.usage}`),
      'modelgate help [COMMAND]',
    ])
  })
})

describe('options a command does not take', () => {
  it.each([
    [
      ['promote', 'toy', 'r1', '--backend', 'cpu'],
      'promote does not take --backend (it takes only the common options; see modelgate promote --help)',
    ],
    [
      ['show', 'toy', '--promote'],
      'show does not take --promote (it takes only the common options; see modelgate show --help)',
    ],
    [
      ['history', 'toy', '--seeds', '3', '--json', 'x'],
      'history does not take --seeds, --json (it takes --alias; see modelgate history --help)',
    ],
    [
      ['run', '--model', 'toy'],
      'run does not take --model (it takes --promote, --json, --report, --html, --fail-on, --backend, --allow-outside-workspace, --timeout-minutes; see modelgate run --help)',
    ],
  ])('%j is refused with exit 2 before anything runs', async (args, message) => {
    const root = await makeWorkspace()
    const out = await runCli(root, args)
    expect(out.code).toBe(2)
    expect(out.stdout).toBe('')
    expect(out.stderr).toBe(`modelgate: ${message}\n`)
    await expect(fs.access(path.join(root, '.modelgate'))).rejects.toThrow()
  })

  it('an option no command knows names the command’s help', async () => {
    const out = await runCli(await makeWorkspace(), ['run', '--promot'])
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/^modelgate: Unknown option '--promot'.*\(see modelgate run --help\)\n$/)
  })
})

describe('predict --model for a model that does not exist', () => {
  it('says it does not exist and lists the models in the store', async () => {
    const root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(300, 5) })
    await writeModel(root, 'other', SMALL_SPEC, { 'data.csv': syntheticCsv(300, 6) })
    expect((await runCli(root, ['run', '--promote', 'models/toy'])).code).toBe(0)
    expect((await runCli(root, ['run', 'models/other'])).code).toBe(0)
    const args = ['predict', '--model', 'tyo', '--input', 'x.csv', '--output', 'y.csv']
    const out = await runCli(root, args)
    expect(out.code).toBe(2)
    expect(out.stderr).toBe(
      `modelgate: model "tyo" does not exist in ${path.join(root, '.modelgate')} (models there: other, toy)\n`,
    )
    const byRun = await runCli(root, [...args, '--run', '20260101T000000Z-abcdef'])
    expect(byRun.stderr).toBe(out.stderr)
    // A model that exists but has no champion keeps its own message.
    const noChampion = await runCli(root, [...args.slice(0, 2), 'other', ...args.slice(3)])
    expect(noChampion.stderr).toContain('model "other" has no champion')
    const empty = await runCli(await makeWorkspace(), args)
    expect(empty.stderr).toContain('(it holds no models yet)')
  })
})

describe('the run report in a terminal', () => {
  it('displayWidth counts emoji and wide characters as two columns, combining marks and variation selectors as none', () => {
    expect(displayWidth('abc')).toBe(3)
    expect(displayWidth('✅ pass')).toBe(7)
    expect(displayWidth('⚠️ inconclusive')).toBe(15)
    expect(displayWidth('−0.0500 … +0.0100')).toBe(17)
    expect(displayWidth('東京')).toBe(4)
    expect(displayWidth('e\u0301')).toBe(1)
  })

  it('alignTables pads every cell to its column’s display width and keeps escaped pipes inside cells', () => {
    const aligned = alignTables(
      ['text', '| a | verdict |', '|---|---|', '| 東京 | ✅ pass |', '| x\\|y | ❌ fail |', 'after'].join(
        '\n',
      ),
    )
    expect(aligned).toBe(
      [
        'text',
        '| a    | verdict |',
        '| ---- | ------- |',
        '| 東京 | ✅ pass |',
        '| x\\|y | ❌ fail |',
        'after',
      ].join('\n'),
    )
  })

  it('stdout tables are aligned and the report ends with where results went and what to do next; --report FILE still prints the verdict lines', async () => {
    const root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(600, 5) })
    const first = await runCli(root, ['run'])
    expect(first.code).toBe(0)
    // Every line of each table has the same display width.
    const tables = first.stdout.split('\n\n').filter((block) => block.startsWith('| '))
    expect(tables.length).toBeGreaterThan(0)
    for (const block of tables) {
      const widths = new Set(block.split('\n').map(displayWidth))
      expect(widths.size).toBe(1)
    }
    const run = /run `([^`]+)`/.exec(first.stdout)![1]!
    expect(
      first.stdout.endsWith(
        `---\n\nResults in .modelgate:\n- toy: run \`${run}\` (with report.html and model-card.md); next: make it the champion with \`modelgate promote toy ${run}\` (or \`modelgate run --promote\`).\n\nadd \`--json FILE\` for machine-readable results.\n`,
      ),
    ).toBe(true)

    expect((await runCli(root, ['run', '--promote'])).stdout).toMatch(
      /- toy: run `[^`]+` \(with report\.html and model-card\.md\); next: it is the champion now; `modelgate history toy` shows the change, `modelgate rollback toy` undoes it\./,
    )

    // A failing gate with the report in a file: the verdict line and the footer still reach stdout.
    await writeModel(root, 'toy', SMALL_SPEC.replace('  id: id\n', '  id: id\n  exclude: [x1]\n'), {})
    const failed = await runCli(root, ['run', '--report', 'r.md', '--json', 'r.json'])
    expect(failed.code).toBe(1)
    const report = await fs.readFile(path.join(root, 'r.md'), 'utf8')
    const verdictLine = report.split('\n').find((l) => l.startsWith('- **toy**: ❌ fail'))!
    expect(failed.stdout.startsWith(`${verdictLine}\n\n---\n\nResults in `)).toBe(true)
    expect(failed.stdout).toContain(
      'next: the champion stays; fix the regression (or widen the margin in models/toy/modelgate.yml) and run again.',
    )
    expect(failed.stdout).toContain('report in r.md; machine-readable results in r.json.')
    // The file is the Markdown the Action posts: tables unpadded.
    expect(report).toContain('| metric | champion | challenger |')
  })
})
