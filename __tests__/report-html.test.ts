/**
 * The HTML report in a real browser (Debian's Chromium, driven headless by playwright-core; never a downloaded
 * browser): results of a real run of a model whose class labels and category values are injection attempts, opened from
 * disk. The key numbers are on the page, nothing from the data became an element, no console error, no request
 * left the file, and the screenshot is not blank. Without Chromium the test says so loudly; on CI (CI=true),
 * where .ci/run installs it, a missing Chromium fails the test.
 */
import { existsSync, promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PNG } from 'pngjs'
import { chromium } from 'playwright-core'
import type { ModelResult } from '../src/pipeline/types.js'
import type { RunManifest } from '../src/store/registry.js'
import { EXAMPLES_DIR } from './helpers/examples.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const CHROMIUM = '/usr/bin/chromium'
const HOSTILE_CATEGORY = '<img src=x onerror=alert(1)>'
const HOSTILE_LABEL = '<script>alert(2)</script>'
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Two real runs; returns the second's results and the path of the HTML report stored with its run. */
async function realRun(): Promise<{ models: ModelResult[]; file: string; root: string }> {
  const root = await makeWorkspace()
  const csv = syntheticCsv(600, 5)
    .replace(/,yes$/gm, `,"${HOSTILE_LABEL}"`)
    .replace(/,red,/g, `,${HOSTILE_CATEGORY},`)
  const slices = '\nslices: { columns: [color], min_size: 20 }\n'
  await writeModel(
    root,
    'churn',
    SMALL_SPEC.replace('target: label', `target: label\n  positive_class: '${HOSTILE_LABEL}'`) + slices,
    {
      'data.csv': csv,
    },
  )
  const first = await runCli(root, ['run', '--promote'])
  expect(first.code === 0 ? '' : first.stderr).toBe('')
  await writeModel(
    root,
    'churn',
    SMALL_SPEC.replace(
      'target: label',
      `target: label\n  positive_class: '${HOSTILE_LABEL}'\n  exclude: [x2]`,
    ) + slices,
    {
      'data.csv': csv,
    },
  )
  const json = path.join(root, 'results.json')
  const second = await runCli(root, ['run', '--json', json, '--fail-on', 'never'])
  expect(second.code).toBe(0)
  const results = JSON.parse(await fs.readFile(json, 'utf8')) as { models: ModelResult[] }
  const model = results.models[0]!
  const run = path.join(root, '.modelgate', 'models', 'churn', 'runs', model.runId)
  const manifest = JSON.parse(await fs.readFile(path.join(run, 'manifest.json'), 'utf8')) as RunManifest
  // Stored with the run and listed in its manifest, like every other run file.
  expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['report.html', 'model-card.md']))
  expect(model.documents).toEqual({ report: 'report.html', card: 'model-card.md' })
  return { models: results.models, file: path.join(run, 'report.html'), root }
}

function notBlank(png: Buffer): boolean {
  const image = PNG.sync.read(png)
  const seen = new Set<number>()
  for (let i = 0; i < image.data.length; i += 4 * 97) seen.add(image.data.readUInt32BE(i))
  return seen.size > 8
}

test('the HTML report opens from disk in Chromium: numbers shown, data escaped, no error, no network, not blank', async () => {
  if (!existsSync(CHROMIUM)) {
    const message = `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium): the HTML report's browser test did not run`
    if (process.env.CI) throw new Error(message)
    console.warn(`\n\n!!! ${message} !!!\n\n`)
    return
  }
  const { models, file, root } = await realRun()
  const model = models[0]!
  expect(
    model.gate?.comparisons.some((c) => c.scope.kind === 'slice' && c.scope.value === HOSTILE_CATEGORY),
  ).toBe(true)
  // The overall comparison as the report shows it (eval split or cross-fitted, whichever the gate used).
  const auc = model.gate!.comparisons.find((c) => c.scope.kind === 'overall')!.challenger
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-html-'))

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ARGS, // playwright starts it headless with a new, empty profile of its own
  })
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } }) // a phone
    const consoleErrors: string[] = []
    const requests: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    page.on('pageerror', (e) => consoleErrors.push(e.message))
    page.on('dialog', (d) => {
      consoleErrors.push(`dialog: ${d.message()}`)
      void d.dismiss()
    })
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(`file://${file}`)
    const text = await page.innerText('body')
    expect(text).toContain(auc.toFixed(4))
    expect(text).toContain(HOSTILE_CATEGORY) // shown as text…
    expect(text).toContain(HOSTILE_LABEL)
    expect(await page.locator('img, script, iframe, object, embed').count()).toBe(0) // …never as an element
    expect(await page.locator('[onerror]').count()).toBe(0)
    // ROC and PR for both models, reliability for both and the diagonal
    expect(await page.locator('svg polyline').count()).toBe(7)
    expect(text).toContain(model.runId)
    expect(text).toContain(model.data.sha256.split('+')[0]!) // the model card's data fingerprint
    expect(await page.locator('table.confusion td').count()).toBe(4)
    // Importance, drift and schema changes from the run's insights (the explain and drift stages' numbers).
    const insights = model.insights!
    const top = insights.importance!.challenger.features[0]!
    expect(text).toContain(`${top.mean.toFixed(4)} ± ${top.sd.toFixed(4)}`)
    expect(text).toContain('x2: feature removed') // the challenger excludes x2: a schema change
    for (const f of insights.drift!.report.features) expect(text).toContain(f.psi.toFixed(3))
    expect(consoleErrors).toEqual([])
    expect(requests.filter((u) => u !== `file://${file}`)).toEqual([])
    // The page fits a phone's width (tables scroll inside their own box).
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390)
    const shot = await page.screenshot({ fullPage: true })
    await fs.writeFile(process.env.MODELGATE_SCREENSHOT ?? path.join(dir, 'report.png'), shot)
    expect(notBlank(shot)).toBe(true)
    await page.emulateMedia({ colorScheme: 'dark' })
    const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')
    expect(background).toBe('rgb(13, 17, 23)')
  } finally {
    await browser.close()
    await fs.rm(dir, { recursive: true, force: true })
    await fs.rm(root, { recursive: true, force: true })
  }
})

test("the example model's report (docs/examples/report-pass.html, a real churn comparison) shows the comment's numbers in Chromium", async () => {
  if (!existsSync(CHROMIUM)) {
    const message = `Chromium is not installed at ${CHROMIUM}: the example report's browser test did not run`
    if (process.env.CI) throw new Error(message)
    console.warn(`\n\n!!! ${message} !!!\n\n`)
    return
  }
  const dir = EXAMPLES_DIR
  const file = path.join(dir, 'report-pass.html')
  // The comment made from the same run: its ROC AUC row (champion, challenger) must be on the page.
  const comment = await fs.readFile(path.join(dir, 'pass.md'), 'utf8')
  const [, champion, challenger] = /\n\| ROC AUC \| (\d\.\d{4}) \| (\d\.\d{4}) \|/.exec(comment)!
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } })
    const problems: string[] = []
    const requests: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(`file://${file}`)
    const row = await page.locator('table.metrics tbody tr').first().innerText()
    expect(row.split('\t').slice(0, 4)).toEqual(['ROC AUC', '7,043', champion, challenger])
    expect(await page.locator('svg polyline').count()).toBe(7)
    expect(await page.locator('pre.intervals').innerText()).toMatch(/^ROC AUC .*\nLog loss /)
    expect(problems).toEqual([])
    expect(requests.filter((u) => u !== `file://${file}`)).toEqual([])
    expect(notBlank(await page.screenshot())).toBe(true)
  } finally {
    await browser.close()
  }
})
