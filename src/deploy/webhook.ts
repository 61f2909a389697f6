import { createHmac } from 'node:crypto'
import { UserError } from '../errors.js'
import type { Logger } from '../util/logger.js'
import type { RandomSource } from '../util/random.js'

/** The header carrying the payload's HMAC-SHA256 under MODELGATE_WEBHOOK_SECRET, as GitHub's own webhooks do. */
export const SIGNATURE_HEADER = 'X-Modelgate-Signature-256'
export const SECRET_VARIABLE = 'MODELGATE_WEBHOOK_SECRET'
/** Pauses before the 2nd, 3rd and 4th attempt after a 5xx or a dropped connection. */
export const WEBHOOK_RETRY_DELAYS_MS = [1000, 4000, 15000]

export interface WebhookPayload {
  event: 'deploy' | 'rollback'
  model: string
  run: string
  previous: string | null
  alias: string
  release: string | null
  repository: string
  /** The registry location of the run, and the deploy-to copy when there is one. */
  store: string
  deployedTo: string | null
  files: { path: string; sha256: string; bytes: number }[]
  by: string
  at: string
}

export interface WebhookDeps {
  fetch: typeof fetch
  sleep: (ms: number) => Promise<void>
  logger: Logger
  /** For the delivery id (the same on every retry, so a receiver can drop a duplicate). */
  random: RandomSource
}

/** A version-4 UUID from 16 random bytes, like GitHub's X-GitHub-Delivery. */
export function deliveryId(random: RandomSource): string {
  const h = random.hex(16).split('')
  h[12] = '4'
  h[16] = '89ab'[parseInt(h[16]!, 16) & 3]!
  const s = h.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

/**
 * POST the payload, signed. 5xx answers and network errors are retried with backoff; any other non-2xx, or a
 * 5xx after the last retry, throws, which fails the deployment.
 */
export async function postWebhook(
  url: string,
  secret: string,
  payload: WebhookPayload,
  deps: WebhookDeps,
): Promise<{ status: number; attempts: number }> {
  const body = JSON.stringify(payload)
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'modelgate-webhook',
    'x-modelgate-event': payload.event,
    'x-modelgate-delivery': deliveryId(deps.random),
    [SIGNATURE_HEADER.toLowerCase()]: signature(secret, body),
  }
  const where = `deploy-webhook ${new URL(url).origin}`
  for (let attempt = 1; ; attempt++) {
    let failure: string
    try {
      const response = await deps.fetch(url, { method: 'POST', headers, body, redirect: 'manual' })
      await response.arrayBuffer().catch(() => undefined)
      if (response.status >= 200 && response.status < 300)
        return { status: response.status, attempts: attempt }
      failure = `HTTP ${response.status}`
      if (response.status < 500)
        throw new UserError(`${where} refused the ${payload.event} of ${payload.model}: ${failure}`)
    } catch (error) {
      if (error instanceof UserError) throw error
      failure =
        error instanceof Error
          ? ((error.cause as Error | undefined)?.message ?? error.message)
          : String(error)
    }
    const delay = WEBHOOK_RETRY_DELAYS_MS[attempt - 1]
    if (delay === undefined)
      throw new UserError(
        `${where} failed for the ${payload.event} of ${payload.model} after ${attempt} attempts: ${failure}`,
      )
    deps.logger.warn(`${where}: ${failure}; retrying in ${delay / 1000} s (attempt ${attempt + 1})`)
    await deps.sleep(delay)
  }
}

/** https:// anywhere; http:// only to this machine (a test receiver, a local agent). */
export function webhookUrlProblem(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `"${value}" is not a URL`
  }
  if (url.username || url.password) return 'must not contain credentials (user:password@)'
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return null
  return 'must be an https:// URL (http:// only to 127.0.0.1 or localhost)'
}
