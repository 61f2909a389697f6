import { promises as fs, type Stats } from 'node:fs'
import path from 'node:path'
import { UserError } from '../errors.js'

/**
 * Checks on the paths a user hands modelgate (spec data files, model folders, --store, --output), made up
 * front so that a bad path ends in one clear exit-2 message instead of an overwritten input, a hang on a
 * special file or a read of a file outside the repository.
 */

/** Pseudo filesystems whose "files" block, never end or are the kernel's: never a store or a data file. */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev']

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

async function statOrNull(file: string): Promise<Stats | null> {
  try {
    return await fs.stat(file)
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return null
    throw error
  }
}

/**
 * The real path of `file` with every symlink followed; for a path that does not exist (yet), the real path
 * of its nearest existing ancestor with the rest appended.
 */
export async function realpathOfNearest(file: string): Promise<string> {
  const absolute = path.resolve(file)
  const rest: string[] = []
  for (let current = absolute; ; current = path.dirname(current)) {
    try {
      return path.join(await fs.realpath(current), ...rest.reverse())
    } catch (error) {
      if (!isCode(error, 'ENOENT') && !isCode(error, 'ENOTDIR')) throw error
      if (path.dirname(current) === current) return absolute
      rest.push(path.basename(current))
    }
  }
}

export function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

function isSpecial(real: string): boolean {
  return SPECIAL_ROOTS.some((root) => isInside(real, root))
}

/**
 * Refuse a path that leaves the workspace after following symlinks (`../../outside/secret.csv`,
 * `/etc/passwd`, a symlink to /proc/self/environ) unless the user allowed it explicitly. Paths under /proc,
 * /sys and /dev are refused even then.
 */
export async function confineToWorkspace(
  file: string,
  workspace: string,
  options: { what: string; allowOutside: boolean; optIn: string },
): Promise<void> {
  const real = await realpathOfNearest(file)
  if (isSpecial(real)) {
    throw new UserError(
      `${options.what} ${file} is a special file (${real}); modelgate reads only regular files`,
    )
  }
  if (options.allowOutside) return
  const root = await realpathOfNearest(workspace)
  if (!isInside(real, root)) {
    const via = real === path.resolve(file) ? '' : ` (it resolves to ${real})`
    throw new UserError(
      `${options.what} ${file} is outside the workspace ${root}${via}; move it into the repository, or allow it explicitly with ${options.optIn}`,
    )
  }
}

/** A directory store must be a directory (or not exist yet) on an ordinary filesystem. */
export async function checkStoreDirectory(dir: string, what = '--store'): Promise<void> {
  const real = await realpathOfNearest(dir)
  if (isSpecial(real)) {
    throw new UserError(
      `${what} ${dir} is under ${SPECIAL_ROOTS.find((r) => isInside(real, r))}, not an ordinary directory; give a directory like ./.modelgate or an s3:// URL`,
    )
  }
  const stats = await statOrNull(dir)
  if (stats && !stats.isDirectory()) {
    throw new UserError(
      `${what} ${dir} is ${stats.isFile() ? 'a regular file' : 'not a directory'}; give a directory (it is created if missing) or an s3:// URL`,
    )
  }
  if (!stats) {
    // The nearest existing ancestor must be a directory, or creating the store fails half-way.
    let parent = path.dirname(path.resolve(dir))
    for (let s = await statOrNull(parent); !s; s = await statOrNull(parent)) parent = path.dirname(parent)
    const s = (await statOrNull(parent))!
    if (!s.isDirectory()) throw new UserError(`${what} ${dir}: ${parent} is a file, not a directory`)
  }
}

/**
 * An output file (predictions, report, results): its directory must exist, it must not be one of the inputs
 * (same file after symlinks and hard links), and it must not be a directory or a special file.
 */
export async function checkOutputFile(
  file: string,
  options: { flag: string; inputs?: { flag: string; file: string }[]; given?: string },
): Promise<void> {
  const shown = `${options.flag} ${options.given ?? file}`
  const dir = path.dirname(path.resolve(file))
  const dirStats = await statOrNull(dir)
  if (!dirStats?.isDirectory()) {
    throw new UserError(
      `${shown}: the directory ${dir} does not exist; create it first (modelgate does not create output directories)`,
    )
  }
  const real = await realpathOfNearest(file)
  if (isSpecial(real)) throw new UserError(`${shown} is a special file; give a regular file`)
  const stats = await statOrNull(file)
  if (stats && !stats.isFile()) throw new UserError(`${shown} exists and is not a regular file`)
  for (const input of options.inputs ?? []) {
    const inputStats = await statOrNull(input.file)
    const same =
      real === (await realpathOfNearest(input.file)) ||
      (stats !== null && inputStats !== null && stats.ino === inputStats.ino && stats.dev === inputStats.dev)
    if (same) {
      throw new UserError(
        `${shown} is the ${input.flag} file; refusing to overwrite the input — write the output to another file`,
      )
    }
  }
}
