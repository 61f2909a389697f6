/** Octokit clients pointed at the GitHub stand-in, and a helper to catch the RequestError a call must fail with. */
import { Octokit, RequestError } from 'octokit'
import type { GitHubStandIn } from './github-standin.js'

/**
 * The full `octokit` client as the action builds it, aimed at the stand-in. Throttling is off (the stand-in
 * has no rate limits to wait for); retries are off unless asked for, and then wait 1 ms instead of seconds.
 */
export function standInOctokit(
  standIn: GitHubStandIn,
  token: string | null,
  retry: { enabled: boolean; retries?: number } = { enabled: false },
): Octokit {
  return new Octokit({
    ...(token === null ? {} : { auth: token }),
    baseUrl: standIn.url,
    throttle: { enabled: false },
    retry: { ...retry, retryAfterBaseValue: 1 },
  })
}

/** Awaits a call that must fail with an HTTP error and returns that error. */
export async function requestFailure(call: Promise<unknown>): Promise<RequestError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof RequestError)) throw new Error(`expected a RequestError, got ${String(error)}`)
  return error
}
