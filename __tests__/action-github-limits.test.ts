/**
 * The Action's GitHub client against a misbehaving GitHub stand-in: a route that never answers ends the step
 * with a timeout error (after a bounded number of attempts) instead of hanging it; primary and secondary rate
 * limits are waited out as GitHub's headers say and the call then succeeds, still with one sticky comment;
 * and a hostile server that echoes the request headers in its error bodies never gets the token into the
 * log, the summary, the outputs or the results file.
 *
 * Waits are scaled: the client is built with msPerSecond 1, so `retry-after: 30` is honoured (and logged as
 * 30 s) in 30 ms. The timeout is 300 ms instead of 30 s for the same reason.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { createGitHubClient } from '../src/github/client.js'
import type { Logger } from '../src/util/logger.js'
import { errorLines, eventCall, runActionInProcess, TOKEN, type ActionRun } from './helpers/action-runner.js'
import { standIn, useActionWorld, workspace } from './helpers/action-world.js'

useActionWorld()

/** Log lines as the Action's own logger writes them (stdout is what runActionInProcess captures). */
const stdoutLogger: Logger = {
  info: (m) => void process.stdout.write(`${m}\n`),
  warn: (m) => void process.stdout.write(`::warning::${m}\n`),
  progress: () => {},
  debug: () => {},
}

async function runPr(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runActionInProcess(await eventCall('pull_request', { workspace, apiUrl: standIn.url }, inputs), {
    createOctokit: (token, baseUrl) =>
      Promise.resolve(
        createGitHubClient(token, { baseUrl, logger: stdoutLogger, timeoutMs: 300, msPerSecond: 1 }),
      ),
  })
}

const calls = (operationId: string): number[] =>
  standIn.requests.filter((r) => r.operationId === operationId).map((r) => r.status)

describe('GitHub API timeouts and rate limits', () => {
  test('a route that never answers: a clear timeout error after 3 attempts, the summary still written', async () => {
    standIn.failNext({ operationId: 'issues/list-comments', status: 0, hang: true, times: 100 })
    const run = await runPr({ checks: 'false' })
    expect(run.exitCode).toBe(1)
    expect(errorLines(run.log)).toEqual([
      'GitHub API: listing the comments of acme/churn-model#1 failed: no answer within 0.3 s, after 3 attempt(s); GitHub (or the network to it) is not answering — try the job again later',
    ])
    // Bounded: the client's own retries only, no second layer of retries on top.
    expect(calls('issues/list-comments')).toEqual([0, 0, 0])
    expect(run.summary).toContain('## modelgate: 🆕 no-champion')
    expect(run.outputs.verdict).toBe('no-champion')
  })

  test('a secondary rate limit (429, retry-after) is waited out and the comment is posted once', async () => {
    standIn.failNext({
      operationId: 'issues/create-comment',
      status: 429,
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
      headers: { 'retry-after': '30' },
    })
    const run = await runPr({ checks: 'false' })
    expect(run.exitCode).toBe(0)
    expect(run.log).toMatch(
      /GitHub secondary rate limit on POST \S+\/issues\/\{issue_number\}\/comments: waiting 30 s/,
    )
    expect(calls('issues/create-comment')).toEqual([429, 201])
    expect(standIn.state.comments).toHaveLength(1)
  })

  test('a primary rate limit (403, x-ratelimit-remaining 0) waits until x-ratelimit-reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 20
    standIn.failNext({
      operationId: 'checks/create',
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 1.' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    })
    const run = await runPr({ comment: 'never' })
    expect(run.exitCode).toBe(0)
    const wait = /GitHub primary rate limit on POST \S+\/check-runs: waiting (\d+) s/.exec(run.log)
    expect(Number(wait?.[1])).toBeGreaterThanOrEqual(15)
    expect(Number(wait?.[1])).toBeLessThanOrEqual(21)
    expect(calls('checks/create')).toEqual([403, 201])
    expect(standIn.state.checkRuns).toHaveLength(1)
  })

  test('a rate limit longer than the client waits for fails the step and names the wait', async () => {
    standIn.failNext({
      operationId: 'issues/create-comment',
      status: 429,
      body: { message: 'You have exceeded a secondary rate limit.' },
      headers: { 'retry-after': '3600' },
      times: 5,
    })
    const run = await runPr({ checks: 'false' })
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain('retry after 3600 s; not waiting')
    expect(errorLines(run.log)).toEqual([
      'GitHub API: creating the modelgate comment on acme/churn-model#1 failed: HTTP 429 You have exceeded a secondary rate limit.',
    ])
    expect(standIn.state.comments).toEqual([])
  })
})

describe('secrets', () => {
  test('a server echoing the request headers in its errors never gets the token into any output', async () => {
    const echo = (headers: Record<string, unknown>): unknown => ({
      message: `Server Error; you sent ${JSON.stringify(headers)}`,
    })
    standIn.failNext({ operationId: 'checks/create', status: 500, body: echo, times: 100 })
    const run = await runPr({ comment: 'never' })
    expect(run.exitCode).toBe(1)
    // It really echoed the token: the failing requests carried it.
    expect(standIn.requests.some((r) => r.token === TOKEN && r.status === 500)).toBe(true)
    const [error] = errorLines(run.log)
    expect(error).toContain('"authorization":"token ***"')
    const results = await fs.readFile(path.join(workspace, 'modelgate-results.json'), 'utf8')
    const everything = [
      run.log.replace(`::add-mask::${TOKEN}`, ''),
      run.summary,
      JSON.stringify(run.outputs),
      results,
    ]
    for (const text of everything) expect(text).not.toContain(TOKEN)
    // The one place it may appear: the runner's mask command, which keeps it out of the runner's log.
    expect(run.log).toContain(`::add-mask::${TOKEN}`)
  })

  test('credentials in the store input are never echoed, in the error or anywhere else', async () => {
    const key = 'AKIAPLANTEDKEY123456'
    const secret = 'planted/Secret+Value0123456789'
    const run = await runPr({ store: `s3://${key}:${secret}@bucket/prefix` })
    expect(run.exitCode).toBe(1)
    expect(errorLines(run.log)).toEqual([
      'input "store" must not contain credentials (user:password@ in the URL); use the AWS credential variables (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or aws-actions/configure-aws-credentials)',
    ])
    for (const text of [run.log, run.summary, JSON.stringify(run.outputs)]) {
      expect(text).not.toContain(secret)
      expect(text).not.toContain(key)
    }
  })
})
