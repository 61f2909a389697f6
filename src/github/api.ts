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

/** Pauses before the 2nd and 3rd attempt of a transient failure (GitHub's 5xx usually clear within seconds). */
export const RETRY_DELAYS_MS = [500, 1500]

/** A server error (5xx) or a dropped connection: worth another try. Client errors (4xx) never are. */
function isTransient(error: unknown): boolean {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error
  if (isHttpError(cause)) return cause.status >= 500
  const code = (cause as { code?: unknown } | null)?.code
  return (
    typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|UND_ERR_)/.test(code)
  )
}

/**
 * Run `work` again after a transient failure, up to RETRY_DELAYS_MS.length more times. `work` must be safe
 * to repeat: the sticky comment retries its whole find-or-create, so a comment created by a request whose
 * answer was lost is found on the next attempt instead of being posted twice.
 */
export async function retryTransient<T>(
  work: () => Promise<T>,
  onRetry?: (error: unknown, attempt: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt]
      if (delay === undefined || !isTransient(error)) throw error
      onRetry?.(error, attempt + 1)
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}
