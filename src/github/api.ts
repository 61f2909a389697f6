/** The GitHub client type and one wrapper that turns every failed call into a readable, one-line error. */

export type Octokit = ReturnType<typeof import('@actions/github').getOctokit>

export interface RepoRef {
  owner: string
  repo: string
}

/** The token may not do this (a read-only token, or a `permissions:` block without the needed scope). */
export class GitHubPermissionError extends Error {
  override readonly name = 'GitHubPermissionError'
}

interface HttpErrorLike {
  status: number
  message: string
  response?: { data?: unknown }
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return (
    typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number'
  )
}

/** GitHub's own message (`{"message": "..."}`), or the client's. */
function apiMessage(error: HttpErrorLike): string {
  const data = error.response?.data
  if (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { message?: unknown }).message === 'string'
  ) {
    return (data as { message: string }).message
  }
  return error.message
}

/**
 * Run one API call; on failure throw an Error saying what was being done, the HTTP status and GitHub's
 * message, e.g. "GitHub API: creating the modelgate comment on acme/app#7 failed: HTTP 500 Server Error".
 * A 403 that is not rate limiting becomes a GitHubPermissionError, which callers may degrade on.
 */
export async function githubCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (!isHttpError(error)) throw error
    const message = `GitHub API: ${what} failed: HTTP ${error.status} ${apiMessage(error)}`
    if (error.status === 403 && !/rate limit/i.test(apiMessage(error)))
      throw new GitHubPermissionError(message, { cause: error })
    throw new Error(message, { cause: error })
  }
}
