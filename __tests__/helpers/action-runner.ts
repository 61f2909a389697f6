/**
 * Runs the Action the way the runner does: GITHUB_* variables, the event payload in a file, INPUT_<NAME>
 * variables (upper-cased, hyphens kept), and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files to read back. Either as
 * a child process (`node --import ts-loader src/index.ts`, the closest to the runner) or in-process via run().
 */
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ActionServices } from '../../src/action/session.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const EVENTS_DIR = path.join(ROOT, '__fixtures__', 'events')

export const OWNER = 'acme'
export const REPO = 'churn-model'
/** The SHAs the event fixtures use. */
export const MAIN_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'
export const HEAD_SHA = 'b2c3d4e5f60718293a4b5c6d7e8f901234567890'
export const MERGE_SHA = 'c3d4e5f60718293a4b5c6d7e8f9012345678901a'
export const FORK_SHA = 'd4e5f60718293a4b5c6d7e8f9012345678901a2b'
export const TOKEN = 'ghs_writer_token_for_tests'
export const READ_ONLY_TOKEN = 'ghs_fork_read_only_token'

/** An event payload from __fixtures__/events, with the fields tests change typed. */
export interface EventJson {
  [field: string]: unknown
  action?: string
  release?: { tag_name: string }
  workflow_run?: { head_sha: string }
}

export async function loadEvent(name: string): Promise<EventJson> {
  return JSON.parse(await fs.readFile(path.join(EVENTS_DIR, `${name}.json`), 'utf8')) as EventJson
}

export interface ActionInvocation {
  workspace: string
  apiUrl: string
  event: string
  payload: Record<string, unknown>
  sha: string
  ref: string
  inputs?: Record<string, string>
  workflow?: string
  actor?: string
  /** Extra variables (AWS_*). */
  env?: Record<string, string>
}

/** The two events most tests start from: a pull request (PR 1's head on its merge ref) and a push to main. */
export async function eventCall(
  kind: 'pull_request' | 'push',
  where: { workspace: string; apiUrl: string },
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ActionInvocation> {
  const refs =
    kind === 'push' ? { sha: MAIN_SHA, ref: 'refs/heads/main' } : { sha: MERGE_SHA, ref: 'refs/pull/1/merge' }
  return { ...where, event: kind, payload: await loadEvent(kind), ...refs, inputs, env }
}

export interface ActionRun {
  exitCode: number
  /** Everything the action printed (log lines and workflow commands like ::error::). */
  log: string
  outputs: Record<string, string>
  summary: string
}

/** The runner's environment for one step, with its files in a fresh temp directory. */
export async function runnerEnv(
  call: ActionInvocation,
): Promise<{ env: Record<string, string>; dir: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-runner-'))
  const eventPath = path.join(dir, 'event.json')
  await fs.writeFile(eventPath, JSON.stringify(call.payload))
  await fs.writeFile(path.join(dir, 'output'), '')
  await fs.writeFile(path.join(dir, 'summary'), '')
  const inputs = { 'github-token': TOKEN, ...call.inputs }
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: call.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_REPOSITORY_OWNER: OWNER,
    GITHUB_SHA: call.sha,
    GITHUB_REF: call.ref,
    GITHUB_WORKFLOW: call.workflow ?? 'modelgate',
    GITHUB_ACTOR: call.actor ?? 'alice',
    GITHUB_RUN_ID: '30433642',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: call.apiUrl,
    GITHUB_WORKSPACE: call.workspace,
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    RUNNER_TEMP: dir,
    ...call.env,
  }
  // The runner upper-cases input names and keeps hyphens: INPUT_GITHUB-TOKEN.
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return { env, dir }
}

/** Parse a GITHUB_OUTPUT file (`name<<delimiter` blocks, as @actions/core writes them). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!)
    if (!match) continue
    const name = match[1]!
    const delimiter = match[2]!
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!)
    outputs[name] = value.join('\n')
  }
  return outputs
}

async function collect(dir: string, exitCode: number, log: string): Promise<ActionRun> {
  const outputs = parseOutputFile(await fs.readFile(path.join(dir, 'output'), 'utf8'))
  const summary = await fs.readFile(path.join(dir, 'summary'), 'utf8')
  await fs.rm(dir, { recursive: true, force: true })
  return { exitCode, log, outputs, summary }
}

/**
 * `node --import ts-loader src/index.ts` in the workspace, with only the runner's variables set; or, with
 * `bundle`, the committed `dist/index.js` exactly as the runner starts it (`node <action>/dist/index.js`).
 */
export async function runActionChild(
  call: ActionInvocation,
  options: { bundle?: string } = {},
): Promise<ActionRun> {
  const { env, dir } = await runnerEnv(call)
  const loader = pathToFileURL(path.join(ROOT, '__tests__', 'harness', 'ts-loader.mjs')).href
  const args = options.bundle ? [options.bundle] : ['--import', loader, path.join(ROOT, 'src', 'index.ts')]
  const child = spawn(process.execPath, args, {
    cwd: call.workspace,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
  })
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')))
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve(code ?? -1))
  })
  return collect(dir, exitCode, log)
}

const RUNNER_PREFIXES = ['GITHUB_', 'INPUT_', 'RUNNER_', 'AWS_']

/**
 * run() in this process, with process.env set as the runner would and stdout captured. Restores the
 * environment, stdout and process.exitCode (core.setFailed sets it, which would fail the test process).
 */
export async function runActionInProcess(
  call: ActionInvocation,
  overrides: Partial<ActionServices> = {},
): Promise<ActionRun> {
  const { env, dir } = await runnerEnv(call)
  const saved = { ...process.env }
  for (const name of Object.keys(process.env))
    if (RUNNER_PREFIXES.some((p) => name.startsWith(p))) delete process.env[name]
  Object.assign(process.env, env)
  const write = process.stdout.write.bind(process.stdout)
  let log = ''
  process.stdout.write = (chunk: string | Uint8Array) => {
    log += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return true
  }
  let exitCode: number
  try {
    process.exitCode = undefined
    const { run } = await import('../../src/main.js')
    await run({ cwd: call.workspace, ...overrides })
    exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0
  } finally {
    process.exitCode = undefined
    process.stdout.write = write
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
    Object.assign(process.env, saved)
  }
  return collect(dir, exitCode, log)
}

/** An output the step must have set; fails with the step's log when it did not (e.g. the action crashed). */
export function requiredOutput(run: ActionRun, name: string): string {
  const value = run.outputs[name]
  if (value === undefined) {
    throw new Error(`the action set no output "${name}" (exit code ${run.exitCode}); its log:\n${run.log}`)
  }
  return value
}

/** The `::error::` lines of a log, decoded (core escapes %, \r and \n). */
export function errorLines(log: string): string[] {
  return log
    .split('\n')
    .filter((l) => l.startsWith('::error::'))
    .map((l) => l.slice('::error::'.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'))
}
