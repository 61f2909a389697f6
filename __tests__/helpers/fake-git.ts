import type { GitReader } from '../../src/deploy/git-reader.js'

/**
 * git as the tests need it: `contains` maps a ref (`refs/tags/v1`, a SHA) to the commits reachable from it;
 * `head` is the checked-out commit. Records every question so tests can show the check really ran.
 */
export function fakeGit(
  contains: Record<string, string[]>,
  head: string | null = null,
): GitReader & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    isAncestor: (commit, ref) => {
      asked.push(`${commit} in ${ref}`)
      return Promise.resolve((contains[ref] ?? []).includes(commit))
    },
    head: () => Promise.resolve(head),
  }
}
