import { githubCall, type Octokit, type RepoRef } from '../github/api.js'

/** Roles that may run commands that change something (rerun, promote). */
const WRITERS = new Set(['admin', 'maintain', 'write'])

/**
 * The commenter's role on the repository, from GitHub's collaborator-permission API. The comment's
 * `author_association` is not used: it says how someone is related (e.g. CONTRIBUTOR), not what they may do.
 */
export async function canWrite(
  octokit: Octokit,
  where: RepoRef,
  login: string,
): Promise<{ allowed: boolean; role: string }> {
  try {
    const { data } = await githubCall(`reading ${login}'s permission on ${where.owner}/${where.repo}`, () =>
      octokit.rest.repos.getCollaboratorPermissionLevel({
        owner: where.owner,
        repo: where.repo,
        username: login,
      }),
    )
    const role = data.role_name || data.permission
    return { allowed: WRITERS.has(role) || WRITERS.has(data.permission), role }
  } catch (error) {
    // 404: not a user GitHub knows for this repository; no permission at all.
    const status = (error as { cause?: { status?: number } }).cause?.status
    if (status === 404) return { allowed: false, role: 'none' }
    throw error
  }
}
