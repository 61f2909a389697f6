/**
 * docs/architecture.md's layer table is the import rule the lint enforces (.dependency-cruiser.cjs LAYERS):
 * the same folders, in the same order, so the document cannot drift from the check.
 */
import { promises as fs } from 'node:fs'
import { createRequire } from 'node:module'
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
