#!/usr/bin/env node
// Parse Mermaid blocks with mermaid's own parser: `node scripts/check-mermaid.mjs FILE...` checks every
// ```mermaid block in each Markdown file; with no file, stdin is a JSON array of diagram texts. Prints a JSON
// array of { ok, type?, error? } (one per block) and exits 1 if any block fails to parse. Runs outside Jest's
// module sandbox because mermaid's sanitiser needs a DOM (jsdom), which Jest's global protection breaks.
import { readFileSync } from 'node:fs'
import { JSDOM } from 'jsdom'

const { window } = new JSDOM('')
Object.assign(globalThis, { window, document: window.document })
const mermaid = (await import('mermaid')).default

const blocksOf = (text) => [...text.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1])
const files = process.argv.slice(2)
const diagrams = files.length
  ? files.flatMap((f) => blocksOf(readFileSync(f, 'utf8')))
  : JSON.parse(readFileSync(0, 'utf8'))

const results = []
for (const text of diagrams) {
  try {
    const parsed = await mermaid.parse(text)
    results.push({ ok: true, type: parsed.diagramType })
  } catch (error) {
    results.push({
      ok: false,
      error: String(error?.message ?? error)
        .split('\n')
        .slice(0, 4)
        .join('\n'),
    })
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`)
process.exitCode = results.every((r) => r.ok) ? 0 : 1
