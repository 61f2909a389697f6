#!/usr/bin/env node
// Regenerate the inputs and outputs tables (and the optional usage block) of a Markdown file from action.yml,
// between marker comments, so the documentation cannot drift from the action:
//
//   <!-- action-docs:inputs -->   …   <!-- /action-docs:inputs -->     (required)
//   <!-- action-docs:outputs -->  …   <!-- /action-docs:outputs -->    (required)
//   <!-- action-docs:usage -->    …   <!-- /action-docs:usage -->      (optional)
//
// Usage: node scripts/generate-docs.mjs [--check] [FILE ...]   (default FILE: README.md)
// --check writes nothing and exits 1 when a file is out of date (CI and __tests__/docs.test.ts use it). The
// result is formatted with prettier, so `npm run lint` and this check agree on the same bytes.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** One line of table cell text: `|` escaped, and `<` too, since GitHub drops unknown tags like <name>. */
function cell(text) {
  return oneLine(text).replace(/\|/g, '\\|').replace(/</g, '&lt;')
}

function oneLine(text) {
  return String(text).replace(/\s+/g, ' ').trim()
}

function code(text) {
  return text === '' ? "`''`" : `\`${text}\``
}

export function inputsTable(action) {
  const rows = Object.entries(action.inputs ?? {}).map(
    ([name, input]) =>
      `| \`${name}\` | ${cell(input.description ?? '')} | ${input.default === undefined ? '(none)' : code(String(input.default))} |`,
  )
  return ['| input | description | default |', '|---|---|---|', ...rows].join('\n')
}

export function outputsTable(action) {
  const rows = Object.entries(action.outputs ?? {}).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description ?? '')} |`,
  )
  return ['| output | description |', '|---|---|', ...rows].join('\n')
}

/** A `uses:` block with every input, its description as a comment and its default as the value. */
export function usageBlock(action) {
  const lines = ['```yaml', '- uses: modelgate/modelgate@v1', '  with:']
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    const words = oneLine(input.description ?? '').split(' ')
    let line = '    #'
    for (const word of words) {
      if (line.length + word.length + 1 > 110) {
        lines.push(line)
        line = '    #'
      }
      line += ` ${word}`
    }
    lines.push(line)
    const raw = input.default === undefined ? '' : String(input.default)
    const value = raw === '' ? "''" : /^[\w./*${} -]+$/.test(raw) ? raw : JSON.stringify(raw)
    lines.push(`    ${name}: ${value}`, '')
  }
  lines.pop()
  lines.push('```')
  return lines.join('\n')
}

const SECTIONS = [
  { name: 'inputs', render: inputsTable, required: true },
  { name: 'outputs', render: outputsTable, required: true },
  { name: 'usage', render: usageBlock, required: false },
]

/** The file's text with every section regenerated; throws naming the file when a required marker is missing. */
export function regenerate(text, action, file) {
  let out = text
  for (const section of SECTIONS) {
    const start = `<!-- action-docs:${section.name} -->`
    const end = `<!-- /action-docs:${section.name} -->`
    const from = out.indexOf(start)
    const to = out.indexOf(end)
    if (from === -1 || to === -1 || to < from) {
      if (section.required) throw new Error(`${file}: no ${start} … ${end} markers`)
      continue
    }
    out = `${out.slice(0, from + start.length)}\n${section.render(action)}\n${out.slice(to)}`
  }
  return out
}

/** Formatted the way `npm run lint` (prettier --check .) wants it, so the two checks never disagree. */
async function format(text, file) {
  // The repository's prettier settings, also for files outside it (the tests' copies).
  const options = (await prettier.resolveConfig(path.join(root, 'README.md'))) ?? {}
  return prettier.format(text, { ...options, filepath: file })
}

async function main(argv) {
  const check = argv.includes('--check')
  const files = argv.filter((a) => a !== '--check')
  const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8'))
  let stale = 0
  for (const file of files.length ? files : ['README.md']) {
    const full = path.resolve(root, file)
    const text = readFileSync(full, 'utf8')
    const updated = await format(regenerate(text, action, file), full)
    if (updated === text) continue
    if (check) {
      console.error(
        `${file}: the action.yml tables are out of date; run node scripts/generate-docs.mjs ${file}`,
      )
      stale++
    } else {
      writeFileSync(full, updated)
      console.error(`${file}: updated from action.yml`)
    }
  }
  return stale === 0 ? 0 : 1
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error))
      process.exitCode = 2
    },
  )
}
