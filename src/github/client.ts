import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'
import type { Logger } from '../util/logger.js'
import { GitHubTimeoutError, type Octokit } from './api.js'

/**
 * The GitHub client the Action uses: every request has a timeout (a server that never answers fails the
 * step with a clear error instead of hanging it), transient failures (5xx, dropped connections, timeouts)
 * are retried a bounded number of times by @octokit/plugin-retry, and GitHub's primary and secondary rate
 * limits (403/429 with `x-ratelimit-reset` / `retry-after`) are waited out by @octokit/plugin-throttling.
 */
export interface GitHubClientOptions {
  baseUrl: string
  logger: Logger
  /** Per request, from sending it to the last byte of the answer. */
  timeoutMs?: number
  /** Further attempts after a transient failure (not for writes that must not repeat: see NO_RETRY). */
  retries?: number
  /** Longest rate-limit wait worth waiting for, in seconds; a longer one fails instead. */
  maxRateLimitWaitSeconds?: number
  /** Rate-limited retries per request. */
  rateLimitRetries?: number
  /**
   * Milliseconds per second of a wait (retry-after, backoff). 1000 in real use; tests pass 1 so that a
   * `retry-after: 30` is honoured (and logged as 30 s) without waiting 30 real seconds.
   */
  msPerSecond?: number
}

export const GITHUB_TIMEOUT_MS = 30_000
export const GITHUB_RETRIES = 2

/** fetch with a fresh timeout per attempt, so that a retry after a timeout gets its own full budget. */
function timedFetch(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    try {
      return await fetch(input, { ...init, signal })
    } catch (error) {
      if (timeout.aborted) {
        throw new GitHubTimeoutError(`no answer within ${timeoutMs / 1000} s`, { cause: error })
      }
      throw error
    }
  }
}

export function createGitHubClient(token: string, options: GitHubClientOptions): Octokit {
  const timeoutMs = options.timeoutMs ?? GITHUB_TIMEOUT_MS
  const msPerSecond = options.msPerSecond ?? 1000
  const maxWait = options.maxRateLimitWaitSeconds ?? 120
  const rateLimitRetries = options.rateLimitRetries ?? 2
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const what = `${request.method} ${request.url}`
      if (retryCount >= rateLimitRetries || retryAfter > maxWait) {
        options.logger.warn(
          `GitHub ${kind} rate limit on ${what}: retry after ${retryAfter} s; not waiting (${retryCount} retries, at most ${maxWait} s)`,
        )
        return false
      }
      options.logger.warn(`GitHub ${kind} rate limit on ${what}: waiting ${retryAfter} s, then trying again`)
      return true
    }
  return getOctokit(
    token,
    {
      baseUrl: options.baseUrl,
      request: { fetch: timedFetch(timeoutMs) },
      retry: {
        retries: options.retries ?? GITHUB_RETRIES,
        retryAfterBaseValue: msPerSecond,
        // Rate limits are the throttling plugin's (it reads the wait from GitHub's headers).
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
      throttle: {
        retryAfterBaseValue: msPerSecond,
        // One write at a time, but without the plugin's fixed 1 s / 3 s spacing between writes: a run makes
        // a handful of writes, and a secondary rate limit, if GitHub sends one, is waited out as it says.
        write: new Bottleneck.Group({ maxConcurrent: 1 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1 }),
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
      },
    },
    retry,
    throttling,
  )
}
