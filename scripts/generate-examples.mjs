#!/usr/bin/env node
// Regenerate docs/examples/: the PR comment modelgate posts for each verdict (pass, fail, inconclusive,
// no-champion), from real runs of the example models (models/churn, models/credit) with spec variants, the
// HTML report of the passing comparison, and (with --screenshot) docs/report-screenshot.png taken by Chromium.
//
//   node --import ./__tests__/harness/ts-loader.mjs scripts/generate-examples.mjs [--out DIR] [--screenshot]
//
// The CLI runs in this process from the TypeScript sources (the loader transpiles them), each example in its
// own temporary workspace and store, with a stepped clock so run ids and times read the same on every run
// (only their random suffix differs; __tests__/slow/examples.test.ts compares with those masked).
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { main } = await import('../src/cli.js')
const { commentBody } = await import('../src/github/comment.js')

/** Each example: the model, the spec change of the challenger (null: the first run), the verdict it must give. */
export const EXAMPLES = [
  { file: 'no-champion.md', model: 'churn', variant: null, verdict: 'no-champion' },
  {
    file: 'pass.md',
    model: 'churn',
    variant: { from: '  C: 1.0', to: '  C: 0.5' },
    verdict: 'pass',
    html: 'report-pass.html',
  },
  {
    file: 'fail.md',
    model: 'churn',
    variant: {
      from: "  positive_class: 'Yes'",
      to: "  positive_class: 'Yes'\n  exclude: [tenure, contract, total_charges]",
    },
    verdict: 'fail',
  },
  {
    file: 'inconclusive.md',
    model: 'credit',
    variant: { from: '  hidden: [32, 16]', to: '  hidden: [4]' },
    verdict: 'inconclusive',
  },
]

function steppedClock(start = Date.parse('2026-12-01T09:00:00Z')) {
  let t = start
  return { now: () => new Date((t += 60_000)) }
}

async function cli(cwd, args, clock) {
  const sink = () => {
    const s = new PassThrough()
    const chunks = []
    s.on('data', (c) => chunks.push(c))
    return { s, text: () => Buffer.concat(chunks).toString('utf8') }
  }
  const out = sink()
  const err = sink()
  const code = await main(args, {
    stdout: out.s,
    stderr: err.s,
    cwd,
    env: { USER: 'modelgate-examples' },
    clock,
  })
  if (code > 1) throw new Error(`modelgate ${args.join(' ')} exited ${code}:\n${err.text()}`)
  return code
}

async function example(spec, outDir) {
  const ws = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-example-'))
  try {
    await fs.cp(path.join(ROOT, 'models', spec.model), path.join(ws, 'models', spec.model), {
      recursive: true,
    })
    const clock = steppedClock()
    const dir = `models/${spec.model}`
    const args = ['--store', 'store', '--fail-on', 'never', '--json', 'results.json', '--html', 'report.html']
    if (spec.variant) {
      await cli(ws, ['run', dir, '--promote', '--store', 'store'], clock)
      const file = path.join(ws, dir, 'modelgate.yml')
      const text = await fs.readFile(file, 'utf8')
      if (!text.includes(spec.variant.from))
        throw new Error(`${spec.file}: "${spec.variant.from}" is not in ${dir}`)
      await fs.writeFile(file, text.replace(spec.variant.from, spec.variant.to))
    }
    await cli(ws, ['run', dir, ...args], clock)
    const results = JSON.parse(await fs.readFile(path.join(ws, 'results.json'), 'utf8'))
    const verdict = results.models[0].verdict
    if (verdict !== spec.verdict)
      throw new Error(`${spec.file}: expected ${spec.verdict}, the run gave ${verdict}`)
    const body = commentBody(results.models, {
      workflow: 'modelgate',
      commit: '0123456789abcdef0123456789abcdef01234567',
      runUrl: 'https://github.com/acme/models/actions/runs/1',
      toolVersion: results.tool.version,
      // As with the report-base-url input (a bucket behind a CDN).
      links: Object.fromEntries(
        results.models
          .filter((m) => m.documents)
          .map((m) => {
            const base = `https://modelgate-reports.example.com/models/${m.name}/runs/${m.runId}`
            return [m.name, { report: `${base}/${m.documents.report}`, card: `${base}/${m.documents.card}` }]
          }),
      ),
    })
    await fs.writeFile(path.join(outDir, spec.file), body)
    if (spec.html) await fs.copyFile(path.join(ws, 'report.html'), path.join(outDir, spec.html))
  } finally {
    await fs.rm(ws, { recursive: true, force: true })
  }
}

/** A full-page screenshot of the HTML report at a laptop's width, by Debian's Chromium (never a download). */
async function screenshot(htmlFile, pngFile) {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1300 } })
    await page.goto(`file://${htmlFile}`)
    await fs.writeFile(pngFile, await page.screenshot({ fullPage: false }))
  } finally {
    await browser.close()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const argv = process.argv.slice(2)
  const outAt = argv.indexOf('--out')
  const outDir = path.resolve(outAt >= 0 ? argv[outAt + 1] : path.join(ROOT, 'docs', 'examples'))
  await fs.mkdir(outDir, { recursive: true })
  for (const spec of EXAMPLES) {
    await example(spec, outDir)
    process.stderr.write(`${spec.file}: ${spec.verdict}\n`)
  }
  if (argv.includes('--screenshot'))
    await screenshot(path.join(outDir, 'report-pass.html'), path.join(ROOT, 'docs', 'report-screenshot.png'))
}
