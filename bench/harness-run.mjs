/**
 * Process plumbing for scripts/bench.mjs: compiling the TypeScript once, running one side of a workload as a
 * child process and reading its `BENCH {json}` line, timing process start-up, and the repetition loop that
 * alternates modelgate and its peer.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Transpile src/**.ts and bench/*.ts once into node_modules/.cache/modelgate-bench-<checkout> (so bare imports still resolve to the
 * repository's node_modules), exactly as __tests__/harness/ts-loader.mjs does per file. Children then start
 * in ~0.1 s instead of paying the on-the-fly transpiler (~3 s) in every repetition.
 */
export async function compileTypeScript(root) {
  const { default: ts } = await import('typescript')
  // One folder per checkout: worktrees may share one node_modules (a symlink), and two benches must not
  // overwrite each other's compiled files.
  const checkout = createHash('sha256').update(root).digest('hex').slice(0, 8)
  const out = path.join(root, 'node_modules', '.cache', `modelgate-bench-${checkout}`)
  const files = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(full)
    }
  }
  walk(path.join(root, 'src'))
  for (const entry of readdirSync(path.join(root, 'bench'))) {
    if (entry.endsWith('.ts')) files.push(path.join(root, 'bench', entry))
  }
  for (const file of files) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        isolatedModules: true,
      },
    })
    const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js')
    mkdirSync(path.dirname(target), { recursive: true })
    writeFileSync(target, output.outputText)
  }
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n')
  return { dir: out, files: files.length }
}

/**
 * Run a command to completion. Resolves with the parsed BENCH line (when `expectResult`), the wall time of
 * the whole process, and a readable error instead of a number when the child fails.
 */
export function runChild(command, args, { cwd, env, expectResult = true, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ error: `${command}: ${error.message}` })
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const wallSeconds = (performance.now() - started) / 1000
      if (code !== 0) {
        const tail =
          stderr.trim().split('\n').slice(-3).join(' / ') || stdout.trim().split('\n').slice(-2).join(' / ')
        resolve({
          error: `${path.basename(command)} exited with ${signal ?? code}: ${tail.slice(0, 300)}`,
          wallSeconds,
        })
        return
      }
      if (!expectResult) {
        resolve({ seconds: wallSeconds, wallSeconds })
        return
      }
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH '))
      if (!line) {
        resolve({
          error: `${path.basename(command)} printed no BENCH line: ${stdout.slice(-200)}`,
          wallSeconds,
        })
        return
      }
      resolve({ ...JSON.parse(line.slice(6)), wallSeconds })
    })
  })
}

/**
 * Start `command args` and measure the time until a line of its output (stdout or stderr) matches `pattern`
 * (default: any output at all), or its exit, whichever comes first; then stop it (our own child, killed by
 * its handle). `how` says which ended the timing, `line` is the line that matched.
 */
export function timeToLine(command, args, { cwd, env, pattern = /./ } = {}) {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let done = false
    let text = ''
    const finish = (how, line = '') => {
      if (done) return
      done = true
      resolve({ seconds: (performance.now() - started) / 1000, how, line: line.slice(0, 160) })
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    const onData = (chunk) => {
      text += String(chunk)
      const line = text.split('\n').find((l) => pattern.test(l))
      if (line !== undefined) finish('matched', line)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', () => finish('exit', text.trim().split('\n').pop() ?? ''))
    child.on('error', (error) => {
      if (!done) {
        done = true
        resolve({ error: error.message })
      }
    })
  })
}

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
  if (v.length === 0) return null
  const mid = Math.floor(v.length / 2)
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

/**
 * Alternate the two sides for `reps` repetitions (modelgate first in odd repetitions, the peer first in
 * even ones, so neither always runs on a warmer machine). A row that has used `budgetSeconds` stops after
 * `minReps`; the table states how many repetitions each row got. A side that fails stops the row: its
 * error is reported instead of a number.
 */
export async function alternate({ mg, peer, reps, minReps, budgetSeconds, log }) {
  const samples = { mg: [], peer: [] }
  const started = performance.now()
  for (let rep = 0; rep < reps; rep++) {
    const order = rep % 2 === 0 ? ['mg', 'peer'] : ['peer', 'mg']
    for (const side of order) {
      const run = side === 'mg' ? mg : peer
      if (!run) continue
      const sample = await run(rep)
      samples[side].push(sample)
      log(`    rep ${rep + 1} ${side === 'mg' ? 'modelgate' : 'peer     '}: ${describe(sample)}`)
    }
    const failed = [...samples.mg, ...samples.peer].some((s) => s.error)
    const elapsed = (performance.now() - started) / 1000
    if (failed || (rep + 1 >= minReps && elapsed > budgetSeconds)) break
  }
  return samples
}

function describe(sample) {
  if (sample.error) return `ERROR ${sample.error}`
  if (typeof sample.seconds !== 'number') return 'not measured'
  return `${sample.seconds.toFixed(3)} s${sample.auc !== undefined ? `, AUC ${sample.auc.toFixed(4)}` : ''}`
}
