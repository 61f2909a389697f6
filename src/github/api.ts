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

/** A request that got no complete answer within the client's timeout (see client.ts). */
export class GitHubTimeoutError extends Error {
  override readonly name = 'GitHubTimeoutError'
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
    return capped((data as { message: string }).message)
  }
  return capped(error.message)
}

/** A server's message, cut: a hostile or broken server may answer with megabytes. */
function capped(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`
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
    const timeout = timeoutOf(error)
    if (timeout) {
      throw new GitHubTimeoutError(
        `GitHub API: ${what} failed: ${timeout.message}, after ${attemptsOf(error)} attempt(s); GitHub (or the network to it) is not answering — try the job again later`,
        { cause: error },
      )
    }
    const message = `GitHub API: ${what} failed: HTTP ${error.status} ${apiMessage(error)}`
    if (error.status === 403 && !/rate limit/i.test(apiMessage(error)))
      throw new GitHubPermissionError(message, { cause: error })
    throw new Error(message, { cause: error })
  }
}

function timeoutOf(error: unknown): GitHubTimeoutError | null {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof GitHubTimeoutError) return e
  return null
}

/** How many times the client sent the request (plugin-retry counts its retries in the request options). */
function attemptsOf(error: unknown): number {
  const count = (error as { request?: { request?: { retryCount?: unknown } } }).request?.request?.retryCount
  return typeof count === 'number' ? count + 1 : 1
}

/** Pauses before the 2nd and 3rd attempt of a transient failure (GitHub's 5xx usually clear within seconds). */
export const RETRY_DELAYS_MS = [500, 1500]

/** A server error (5xx) or a dropped connection: worth another try. Client errors (4xx) never are. */
function isTransient(error: unknown): boolean {
  // The client already retried each timed-out request; a second layer of retries would only multiply waits.
  if (timeoutOf(error)) return false
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
