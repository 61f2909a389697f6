/** The documentation's inputs/outputs tables are generated from action.yml; this fails when they drift. */
import { execFile } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SCRIPT = path.join(ROOT, 'scripts', 'generate-docs.mjs')
/** The files that carry the generated tables. */
const CANDIDATES = ['README.md']

function generator(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { cwd: ROOT }, (error, _stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr })
    })
  })
}

async function documented(): Promise<string[]> {
  const files: string[] = []
  for (const file of CANDIDATES) {
    const text = await fs.readFile(path.join(ROOT, file), 'utf8').catch(() => '')
    if (text.includes('<!-- action-docs:inputs -->')) files.push(file)
  }
  return files
}

describe('generated docs', () => {
  test('every file with the markers is current with action.yml', async () => {
    const files = await documented()
    expect(files).toContain('README.md')
    for (const file of files)
      expect([file, await generator(['--check', file])]).toEqual([file, { code: 0, stderr: '' }])
  })

  test('the tables list every input with its default and every output', async () => {
    const text = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8')
    const action = parse(await fs.readFile(path.join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>
      outputs: Record<string, unknown>
    }
    // Rows as prettier aligns them: `| name   | description | default |`.
    const rows = text.split('\n').map((line) => line.split('|').map((c) => c.trim()))
    const row = (name: string): string[] | undefined => rows.find((cells) => cells[1] === `\`${name}\``)
    for (const [name, input] of Object.entries(action.inputs)) {
      const value = input.default === '' ? "''" : input.default
      expect([name, row(name)?.[3]]).toEqual([name, `\`${value}\``])
    }
    for (const name of Object.keys(action.outputs)) expect([name, row(name)?.length]).toEqual([name, 4])
  })

  test('--check fails on a drifted copy, naming it; regenerating fixes it; missing markers are an error', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-docs-'))
    try {
      const copy = path.join(dir, 'README.md')
      const original = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8')
      const drifted = original.replace(/^\| `fail-on` .*\n/m, '')
      expect(drifted).not.toBe(original)
      await fs.writeFile(copy, drifted)
      const stale = await generator(['--check', copy])
      expect(stale.code).toBe(1)
      expect(stale.stderr).toContain(`${copy}: the action.yml tables are out of date`)
      expect((await generator([copy])).code).toBe(0)
      expect(await fs.readFile(copy, 'utf8')).toBe(original)
      expect(await generator(['--check', copy])).toEqual({ code: 0, stderr: '' })

      await fs.writeFile(copy, '# no markers here\n')
      const missing = await generator(['--check', copy])
      expect(missing.code).toBe(2)
      expect(missing.stderr).toContain(
        `${copy}: no <!-- action-docs:inputs --> … <!-- /action-docs:inputs --> markers`,
      )
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })
})
