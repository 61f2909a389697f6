import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { parseDocument } from 'yaml'
import type { z } from 'zod'
import { SpecError, UserError } from '../errors.js'
import { DEFAULT_GATE, metricsFor, specSchema, type ParsedSpec } from './spec-schema.js'

export const SPEC_FILE = 'modelgate.yml'
/** Where models live by default: models/<name>/modelgate.yml. */
export const MODELS_DIR = 'models'

/** A validated model spec with everything resolved that later stages need. */
export interface ModelSpec extends ParsedSpec {
  name: string
  /** Directory of modelgate.yml; data paths are relative to it. */
  dir: string
  specFile: string
  /** The spec file relative to the repository root, with "/" separators: what manifests and annotations name. */
  specPath: string
  /** sha256 of the spec file's bytes. */
  specHash: string
  /** The spec file's bytes, stored with every run (spec.yml): a later run shows what changed and can retrain it. */
  specBytes: Uint8Array
  trainFiles: string[]
  evalFiles: string[] | undefined
  /** Metrics computed for both models: the reported ones plus every gated one. */
  metricNames: string[]
  /**
   * Set only on a sweep trial's spec (config/sweep.ts): training holds out this share of the training rows
   * as the validation split trials are ranked on, so that choosing a trial never looks at the eval rows.
   */
  holdout?: { fraction: number; seed: number }
}

/** A data location that is a URL (s3://bucket/key), kept as written instead of resolved against the spec's folder. */
export function isDataUrl(file: string): boolean {
  return /^s3:\/\//.test(file)
}

function formatPath(pathParts: PropertyKey[]): string {
  let out = ''
  for (const part of pathParts) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out ? `.${String(part)}` : String(part)
  }
  return out || '(top level)'
}

/** One line per problem: "<key path>: <what was expected>". */
export function formatIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    let message = issue.message
    if (issue.code === 'unrecognized_keys')
      message = `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    if (issue.code === 'invalid_value' && 'values' in issue) {
      message = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    }
    if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
      message = 'expected type: logistic, linear, mlp, external or cnn'
    }
    return `${formatPath(issue.path)}: ${message}`
  })
}

/** A spec is a few hundred bytes; anything near this is not one (and YAML parsing is not free). */
export const SPEC_MAX_BYTES = 256 * 1024
/** YAML aliases (`*a`) a spec may use: a handful is plenty; "billion laughs" bombs use millions. */
export const SPEC_MAX_ALIASES = 100

async function readSpecBytes(specFile: string): Promise<Buffer> {
  const unreadable = (): UserError =>
    new UserError(
      `${specFile}: cannot read the model spec (does ${path.dirname(specFile)} hold a ${SPEC_FILE}?)`,
    )
  let size: number
  try {
    const stats = await fs.stat(specFile)
    // A FIFO or device would block or never end: only regular files are read.
    if (!stats.isFile()) throw new UserError(`${specFile}: the model spec is not a regular file`)
    size = stats.size
  } catch (error) {
    if (error instanceof UserError) throw error
    throw unreadable()
  }
  if (size > SPEC_MAX_BYTES) {
    throw new UserError(
      `${specFile}: the model spec is ${size} bytes, over the ${SPEC_MAX_BYTES}-byte limit for a modelgate.yml`,
    )
  }
  try {
    return await fs.readFile(specFile)
  } catch {
    throw unreadable()
  }
}

/** Load and validate one spec; `root` (the repository root) makes `specPath` relative to it. */
export async function loadSpec(dirOrFile: string, root?: string): Promise<ModelSpec> {
  const specFile =
    dirOrFile.endsWith('.yml') || dirOrFile.endsWith('.yaml') ? dirOrFile : path.join(dirOrFile, SPEC_FILE)
  const bytes = await readSpecBytes(specFile)
  return parseSpec(bytes, specFile, root)
}

/**
 * A spec from its bytes; `specFile` names it in messages and anchors its relative data paths (a champion's
 * stored spec.yml is parsed with the current spec's path: only its model, features and preprocessing are used);
 * `root` makes `specPath` relative to the repository.
 */
export function parseSpec(bytes: Uint8Array, specFile: string, root?: string): ModelSpec {
  const doc = parseDocument(new TextDecoder().decode(bytes))
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!
    const where = first.linePos ? `line ${first.linePos[0].line}, column ${first.linePos[0].col}` : 'YAML'
    throw new SpecError(
      specFile,
      `${specFile}: ${where}: ${first.message.split('\n')[0]}`,
      first.linePos?.[0].line,
    )
  }
  let raw: unknown
  try {
    raw = doc.toJS({ maxAliasCount: SPEC_MAX_ALIASES })
  } catch (error) {
    // yaml throws a ReferenceError for "Excessive alias count" (a resource exhaustion attack).
    throw new UserError(
      `${specFile}: the YAML expands aliases more than ${SPEC_MAX_ALIASES} times (${error instanceof Error ? error.message : String(error)}); write the values out instead of using aliases`,
    )
  }
  const parsed = specSchema.safeParse(raw ?? {})
  if (!parsed.success) {
    const lines = formatIssues(parsed.error.issues)
    const head = lines.length === 1 ? lines[0] : `${lines.length} problems: ${lines.join('; ')}`
    throw new SpecError(specFile, `${specFile}: ${head}`)
  }
  const spec = parsed.data
  if (Object.keys(spec.gate.metrics).length === 0) spec.gate.metrics = { ...DEFAULT_GATE[spec.task] }
  const dir = path.dirname(specFile)
  const resolve = (files: string[]): string[] => files.map((f) => (isDataUrl(f) ? f : path.resolve(dir, f)))
  return {
    ...spec,
    name: spec.name ?? path.basename(path.resolve(dir)),
    dir,
    specFile,
    specPath: root ? path.relative(root, path.resolve(specFile)).split(path.sep).join('/') : specFile,
    specHash: createHash('sha256').update(bytes).digest('hex'),
    specBytes: new Uint8Array(bytes),
    trainFiles: resolve(spec.data.train),
    evalFiles: spec.data.eval ? resolve(spec.data.eval) : undefined,
    metricNames: metricsFor(spec),
  }
}

function globToRegExp(glob: string): RegExp {
  let re = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*'
      i++
    } else if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

async function listSpecDirs(root: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries
    try {
      entries = await fs.readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    if (entries.some((e) => e.isFile() && e.name === SPEC_FILE)) out.push(dir)
    if (depth === 0) return
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
        await walk(path.join(dir, e.name), depth - 1)
    }
  }
  await walk(root, 4)
  return out
}

/**
 * Model directories from CLI arguments or the Action's `models` input: directories, spec files or globs
 * ("models/*", "models/**"). Nothing given: every folder under models/ with a modelgate.yml.
 */
export async function findModelDirs(patterns: string[], cwd: string): Promise<string[]> {
  const dirs = new Set<string>()
  const wanted = patterns.length > 0 ? patterns : [`${MODELS_DIR}/*`]
  for (const pattern of wanted) {
    if (/[*?]/.test(pattern)) {
      const base = pattern.slice(0, pattern.search(/[*?]/)).replace(/[^/]*$/, '') || '.'
      const matcher = globToRegExp(path.posix.normalize(pattern.replace(/\/$/, '')))
      for (const dir of await listSpecDirs(path.resolve(cwd, base))) {
        const rel = path.relative(cwd, dir).split(path.sep).join('/')
        if (matcher.test(rel) || matcher.test(`${rel}/${SPEC_FILE}`)) dirs.add(dir)
      }
      if (
        patterns.length > 0 &&
        ![...dirs].some((d) => matcher.test(path.relative(cwd, d).split(path.sep).join('/')))
      ) {
        throw new UserError(`models "${pattern}": no directory with a ${SPEC_FILE} matches`)
      }
    } else {
      const full = path.resolve(cwd, pattern)
      const dir = full.endsWith('.yml') || full.endsWith('.yaml') ? path.dirname(full) : full
      try {
        await fs.access(path.join(dir, SPEC_FILE))
      } catch {
        throw new UserError(`models "${pattern}": ${path.join(dir, SPEC_FILE)} does not exist`)
      }
      dirs.add(dir)
    }
  }
  if (dirs.size === 0) {
    throw new UserError(`no models found: create models/<name>/${SPEC_FILE} or pass model directories`)
  }
  return [...dirs].sort()
}
