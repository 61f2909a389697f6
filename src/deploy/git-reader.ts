import { execFile } from 'node:child_process'
import { UserError } from '../errors.js'

/** What deploy and the bot ask git: ancestry (was the gated commit released?) and the checked-out commit. */
export interface GitReader {
  /** Whether `commit` is `ref` or one of its ancestors. Throws a UserError when git cannot tell. */
  isAncestor(commit: string, ref: string): Promise<boolean>
  /** The checked-out commit, or null outside a work tree. */
  head(): Promise<string | null>
}

const SHA = /^[0-9a-f]{7,40}$/

function git(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // execFile with an argument list: no shell ever sees a ref or a commit.
    execFile('git', args, { cwd, timeout: 15000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() })
    })
  })
}

/** The `git` command in a work tree (the Action's checkout, the CLI's directory). */
export function cliGitReader(cwd: string): GitReader {
  return {
    async isAncestor(commit, ref) {
      if (!SHA.test(commit)) throw new UserError(`"${commit}" is not a commit SHA`)
      // A ref is given as refs/tags/<tag> or a SHA, so it can never be read as an option.
      const result = await git(['merge-base', '--is-ancestor', commit, ref], cwd)
      if (result.code === 0) return true
      if (result.code === 1) return false
      throw new UserError(
        `git cannot tell whether ${commit.slice(0, 7)} is in ${ref} (${result.stderr.split('\n')[0] || `exit ${result.code}`}); check the repository out with its history (actions/checkout with fetch-depth: 0)`,
      )
    },
    async head() {
      const result = await git(['rev-parse', 'HEAD'], cwd)
      return result.code === 0 && SHA.test(result.stdout) ? result.stdout : null
    },
  }
}
