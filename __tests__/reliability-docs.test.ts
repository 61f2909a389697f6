/**
 * README's "Reliability" table names, for every case, the test that checks it. This keeps the table honest:
 * every named test file exists and contains a test with exactly that name, so a renamed or deleted test
 * fails here instead of leaving the README claiming something nothing checks.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The rows of the table in the README section `## Reliability`, as [case, behaviour, test]. */
function reliabilityRows(readme: string): string[][] {
  const start = readme.indexOf('\n## Reliability\n')
  if (start === -1) return []
  const end = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, end === -1 ? undefined : end)
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
    .slice(2) // header and separator
}

/** Whether a test file declares a test (it/test) with exactly this name, in any quote style. */
function declares(source: string, name: string): boolean {
  return ["'", '"', '`'].some((q) => {
    const escaped = q === "'" ? name.replace(/'/g, "\\'") : name
    return new RegExp(`\\b(it|test)\\(\\s*${q}${escapeRegExp(escaped)}${q}`).test(source)
  })
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('README "Reliability" table', () => {
  test('every row names a test file and a test in it that exists', async () => {
    const rows = reliabilityRows(await fs.readFile(path.join(ROOT, 'README.md'), 'utf8'))
    expect(rows.length).toBeGreaterThanOrEqual(20)
    const missing: string[] = []
    for (const [, , test] of rows) {
      const match = /^([\w.-]+\.test\.ts) › (.+)$/.exec(test ?? '')
      if (!match) {
        missing.push(`not "<file> › <test name>": ${test}`)
        continue
      }
      const source = await fs.readFile(path.join(ROOT, '__tests__', match[1]!), 'utf8').catch(() => null)
      if (source === null) missing.push(`no such file: __tests__/${match[1]}`)
      else if (!declares(source, match[2]!)) missing.push(`${match[1]} has no test named "${match[2]}"`)
    }
    expect(missing).toEqual([])
  })

  test('the check fails on a row naming a test that does not exist', () => {
    const readme = `x\n## Reliability\n\n| case | behaviour | test |\n| - | - | - |\n| a | b | gc.test.ts › no such test |\n\n## Next\n`
    expect(reliabilityRows(readme)).toEqual([['a', 'b', 'gc.test.ts › no such test']])
    expect(declares("it('real name', async () => {", 'real name')).toBe(true)
    expect(declares("it('real name', async () => {", 'no such test')).toBe(false)
    expect(declares(`it("another host's lock", () => {`, "another host's lock")).toBe(true)
  })
})
