import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { main, type CliIo } from '../../src/cli.js'
import type { Clock } from '../../src/util/clock.js'

/** A throwaway project directory with models/<name>/ folders, for end-to-end CLI tests. */
export async function makeWorkspace(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-test-'))
}

export async function writeModel(
  root: string,
  name: string,
  spec: string,
  files: Record<string, string>,
): Promise<string> {
  const dir = path.join(root, 'models', name)
  await fs.mkdir(dir, { recursive: true })
  await fs.writeFile(path.join(dir, 'modelgate.yml'), spec)
  for (const [file, text] of Object.entries(files)) await fs.writeFile(path.join(dir, file), text)
  return dir
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}

/** Run the CLI in-process, as `modelgate ARGS` in `cwd`. */
export async function runCli(
  cwd: string,
  args: string[],
  options: {
    clock?: Clock
    random?: CliIo['random']
    env?: NodeJS.ProcessEnv
    openStore?: CliIo['openStore']
  } = {},
): Promise<CliRun> {
  const out = collect()
  const err = collect()
  const code = await main(args, {
    stdout: out.stream,
    stderr: err.stream as unknown as NodeJS.WriteStream,
    cwd,
    env: { USER: 'tester', ...options.env },
    clock: options.clock,
    ...(options.random && { random: options.random }),
    ...(options.openStore && { openStore: options.openStore }),
  })
  return { code, stdout: out.text(), stderr: err.text() }
}

/** Every file under a directory with its sha256: compare before/after to prove nothing was written. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (d: string): Promise<void> => {
    let entries
    try {
      entries = await fs.readdir(d, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      const full = path.join(d, e.name)
      if (e.isDirectory()) await walk(full)
      else
        out[path.relative(dir, full)] = createHash('sha256')
          .update(await fs.readFile(full))
          .digest('hex')
    }
  }
  await walk(dir)
  return out
}

/** A small, seeded binary-classification CSV: two numeric features, one categorical, an id. */
export function syntheticCsv(rows: number, seed = 1, options: { shift?: number } = {}): string {
  let s = seed >>> 0
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
  const lines = ['id,x1,x2,color,label']
  for (let i = 0; i < rows; i++) {
    const x1 = rand() * 4 - 2
    const x2 = rand() * 4 - 2
    const color = ['red', 'green', 'blue'][Math.floor(rand() * 3)]!
    const logit = 1.5 * x1 - x2 + (color === 'red' ? 0.8 : 0) + (options.shift ?? 0)
    const label = rand() < 1 / (1 + Math.exp(-logit)) ? 'yes' : 'no'
    lines.push(`c${i},${x1.toFixed(4)},${x2.toFixed(4)},${color},${label}`)
  }
  return `${lines.join('\n')}\n`
}

export const SMALL_SPEC = `task: binary
data:
  train: data.csv
  target: label
  id: id
  split: { fraction: 0.3, seed: 3 }
model:
  type: logistic
gate:
  metrics:
    roc_auc: { max_drop: 0.05 }
`

/** A workspace with one small model (600 rows, trains in well under a second), as the Action tests use. */
export async function workspaceWithModel(name = 'churn'): Promise<string> {
  const root = await makeWorkspace()
  await writeModel(root, name, SMALL_SPEC, { 'data.csv': syntheticCsv(600, 5) })
  return root
}

/**
 * Make a stored run look like one written by an earlier modelgate: drop `files` entries from its manifest (e.g.
 * spec.yml), and the manifest hash from the alias history entries that name it (earlier versions recorded none),
 * so that the manifest check does not take the edit for tampering.
 */
export async function ageStoredRun(
  store: string,
  model: string,
  runId: string,
  dropFiles: string[],
): Promise<void> {
  const runDir = path.join(store, 'models', model, 'runs', runId)
  const manifestFile = path.join(runDir, 'manifest.json')
  const manifest = JSON.parse(await fs.readFile(manifestFile, 'utf8')) as {
    files: { path: string }[]
    meta: { spec?: { sha256: string } }
  }
  manifest.files = manifest.files.filter((f) => !dropFiles.includes(f.path))
  if (dropFiles.includes('spec.yml') && manifest.meta.spec) manifest.meta.spec.sha256 = 'older'
  await fs.writeFile(manifestFile, JSON.stringify(manifest))
  const aliases = path.join(store, 'models', model, 'aliases')
  for (const name of await fs.readdir(aliases).catch(() => [] as string[])) {
    if (!name.endsWith('.json')) continue
    const file = path.join(aliases, name)
    const alias = JSON.parse(await fs.readFile(file, 'utf8')) as {
      history: { runId: string; manifestSha256?: string }[]
    }
    for (const entry of alias.history) if (entry.runId === runId) delete entry.manifestSha256
    await fs.writeFile(file, JSON.stringify(alias))
  }
}
