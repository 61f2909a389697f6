import { execFile } from 'node:child_process'

/** What a run records of the checkout it was made from. */
export interface GitInfo {
  commit: string | null
  ref: string | null
  /** Uncommitted changes to tracked files: the commit alone does not describe the run. */
  dirty: boolean
  /** The pull request a run was made for (the Action on pull_request), so gc can keep PR runs shorter. */
  pullRequest?: number | null
}

/** Runs one git command in a directory: its trimmed stdout, or null when git fails (not a work tree, no git). */
export type GitRunner = (args: string[], cwd: string) => Promise<string | null>

export const execGit: GitRunner = (args, cwd) =>
  new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000 }, (error, stdout) => resolve(error ? null : stdout.trim()))
  })

/** The checked-out commit and branch, or nulls outside a git work tree (the pipeline works without git). */
export async function readGitInfo(cwd: string, git: GitRunner = execGit): Promise<GitInfo> {
  const [commit, ref, status] = await Promise.all([
    git(['rev-parse', 'HEAD'], cwd),
    git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd),
    // Tracked files only: the store, results and report files a run writes into the tree are not changes to
    // what trains (and a new data file only trains once the tracked spec names it).
    git(['status', '--porcelain', '--untracked-files=no'], cwd),
  ])
  return { commit: commit || null, ref: !ref || ref === 'HEAD' ? null : ref, dirty: !!status }
}

/** The repository's top directory (manifests name spec files relative to it), or null outside git. */
export async function readRepoRoot(cwd: string, git: GitRunner = execGit): Promise<string | null> {
  return (await git(['rev-parse', '--show-toplevel'], cwd)) || null
}
