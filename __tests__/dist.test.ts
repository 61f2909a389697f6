import { execFile } from 'node:child_process'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { stripesWorkspace } from './helpers/stripes.js'
import { makeWorkspace, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const run = promisify(execFile)
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The committed bundle is what users run (dist/index.js: the Action when node runs it, the CLI through bin/modelgate.js). Copied
 * away from node_modules it must still start, find its .wasm files and score on the wasm backend: a failed
 * wasm start silently falls back to cpu inside tfjs, so the backend is asserted.
 */
describe('the committed CLI bundle', () => {
  it('runs from a directory without node_modules and scores on the wasm backend', async () => {
    const root = await makeWorkspace()
    await fs.cp(path.join(repo, 'dist'), path.join(root, 'dist'), { recursive: true })
    await fs.cp(path.join(repo, 'bin'), path.join(root, 'bin'), { recursive: true })
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(300, 2) })
    // A dense model needs no tfjs; the stripes CNN trains and scores on tfjs's wasm backend, from the bundle.
    await fs.cp(
      path.join(await stripesWorkspace(), 'models', 'stripes'),
      path.join(root, 'models', 'stripes'),
      {
        recursive: true,
      },
    )
    const { stdout, stderr } = await run(process.execPath, ['bin/modelgate.js', 'run', '--promote'], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
    })
    expect(stdout).toContain('- backend: tfjs not started')
    expect(stdout).toContain('- backend: wasm (tfjs 4.22.0)')
    // tfjs announces a failed wasm start or a missing native binding on stderr; modelgate's own warnings may be there
    expect(stderr).not.toMatch(/TensorFlow\.js|falling back|wasm.*(fail|error)/i)
    const version = await run(process.execPath, ['bin/modelgate.js', '--version'], { cwd: root })
    const pkg = JSON.parse(await fs.readFile(path.join(repo, 'package.json'), 'utf8')) as { version: string }
    expect(version.stdout.trim()).toBe(pkg.version)
  })
})
