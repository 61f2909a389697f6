/**
 * docs/architecture.md's layer table is the import rule the lint enforces (.dependency-cruiser.cjs LAYERS):
 * the same folders, in the same order, so the document cannot drift from the check; and the check fails on a
 * forbidden import or a cycle (there is no baseline of tolerated violations).
 */
import { execFile } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

test('the layers in docs/architecture.md are the layers dependency-cruiser enforces, in order', async () => {
  interface Rule {
    name: string
    from: { path?: string }
    to: { path?: string }
  }
  const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as {
    forbidden: Rule[]
  }
  const layerRules = config.forbidden.filter((r) => r.name.startsWith('layer-'))
  // Each rule forbids layer i from importing layers after it: its `from` is layer i, and the last rule's `to`
  // is the last layer. Patterns are ^(a|b|c) with regex escapes.
  const folders = (pattern: string): string[] =>
    pattern
      .replace(/^\^\(|\)$/g, '')
      .split('|')
      .map((p) => p.replace(/\\/g, ''))
  const enforced = [
    ...layerRules.map((r) => folders(r.from.path!)),
    folders(layerRules[layerRules.length - 1]!.to.path!),
  ]
  const doc = await fs.readFile(path.join(root, 'docs', 'architecture.md'), 'utf8')
  const documented = [...doc.matchAll(/^\|\s*(\d+)\s*\|(.+?)\|/gm)].map((m) =>
    [...m[2]!.matchAll(/`([^`]+)`/g)].map((f) => f[1]!),
  )
  expect(enforced.length).toBeGreaterThan(10)
  expect(documented).toEqual(enforced)
})

test('the dependency check fails on an import against the layers and on a cycle, and names the rule', async () => {
  // A scratch tree with the same config: config/ importing report/ (a later layer), and a two-file cycle.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-depcruise-'))
  const write = async (file: string, text: string): Promise<void> => {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await fs.writeFile(path.join(dir, file), text)
  }
  await write(
    'tsconfig.json',
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  )
  await write('src/report/format.ts', 'export const x = 1\n')
  await write('src/config/spec.ts', "import { x } from '../report/format.js'\nexport const y = x\n")
  await write('src/util/a.ts', "import { b } from './b.js'\nexport const a = () => b\n")
  await write('src/util/b.ts', "import { a } from './a.js'\nexport const b = () => a\n")
  const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise')
  const config = path.join(root, '.dependency-cruiser.cjs')
  const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
    execFile(
      depcruise,
      ['src', '--config', config, '--output-type', 'err'],
      { cwd: dir },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, out: stdout + stderr }),
    )
  })
  await fs.rm(dir, { recursive: true, force: true })
  expect(result.code).not.toBe(0)
  expect(result.out).toMatch(/layer-1-imports-later-layer: src\/config\/spec\.ts → src\/report\/format\.ts/)
  expect(result.out).toMatch(/no-circular: src\/util\/a\.ts → /)
})
