import { execFile } from 'node:child_process'
import type { GitInfo } from '../pipeline/types.js'

function git(args: string[], cwd: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000 }, (error, stdout) =>
      resolve(error ? null : stdout.trim() || null),
    )
  })
}

/** The checked-out commit and branch, or nulls outside a git work tree (the pipeline works without git). */
export async function readGitInfo(cwd: string): Promise<GitInfo> {
  const [commit, ref] = await Promise.all([
    git(['rev-parse', 'HEAD'], cwd),
    git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd),
  ])
  return { commit, ref: ref === 'HEAD' ? null : ref }
}
