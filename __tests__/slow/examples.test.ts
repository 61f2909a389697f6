/**
 * docs/examples/ is what scripts/generate-examples.mjs produces now: the script runs again (real runs of the
 * example models) into a temporary directory, and every file equals the committed one up to run-id suffixes,
 * the marker's hash and timings (__tests__/helpers/examples.ts).
 */
import { execFile } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { EXAMPLES_DIR, normaliseExample } from '../helpers/examples.js'

const ROOT = path.join(EXAMPLES_DIR, '..', '..')

test('the committed examples are what the script generates today', async () => {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-examples-'))
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', './__tests__/harness/ts-loader.mjs', 'scripts/generate-examples.mjs', '--out', out],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 1 << 24 },
      (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve()),
    ),
  )
  const committed = (await fs.readdir(EXAMPLES_DIR)).sort()
  expect((await fs.readdir(out)).sort()).toEqual(committed)
  for (const file of committed) {
    const [now, then] = await Promise.all([
      fs.readFile(path.join(out, file), 'utf8'),
      fs.readFile(path.join(EXAMPLES_DIR, file), 'utf8'),
    ])
    expect({ file, text: normaliseExample(now) }).toEqual({ file, text: normaliseExample(then) })
  }
  await fs.rm(out, { recursive: true, force: true })
})
