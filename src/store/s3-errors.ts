import { AccessDeniedError, PreconditionFailedError, UserError } from '../errors.js'

/** The S3 condition a write carried, if any. */
export type WriteCondition = 'ifNoneMatch' | 'ifMatch'

/** What the failing call was doing; access-denied messages say which permission is missing. */
export type S3Operation = 'read' | 'write' | 'list' | 'delete'

export interface S3ErrorContext {
  operation: S3Operation
  bucket: string
  /** Full S3 key (store prefix included), or the listed prefix for 'list'. */
  key: string
  /** Key relative to the store prefix, as the caller named it (PreconditionFailedError carries it). */
  storeKey: string
  /** The endpoint the client talks to, when one was configured (credentials in it are stripped). */
  endpoint?: string
  /** The environment the store was given: its credential values are redacted from messages. */
  env?: Record<string, string | undefined>
}

interface SdkLikeError {
  name?: unknown
  code?: unknown
  message?: unknown
  Code?: unknown
  Region?: unknown
  $metadata?: { httpStatusCode?: number; attempts?: number }
  $response?: { headers?: Record<string, string | undefined> }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  'TimeoutError',
  'RequestTimeout',
])

function field(error: unknown, name: keyof SdkLikeError): unknown {
  return typeof error === 'object' && error !== null ? (error as SdkLikeError)[name] : undefined
}

/** The S3 error code ("NoSuchKey"), or a Node system error code ("ECONNREFUSED"), or ''. */
export function s3ErrorCode(error: unknown): string {
  for (const name of ['Code', 'code', 'name'] as const) {
    const value = field(error, name)
    if (typeof value === 'string' && value && value !== 'Error' && value !== 'S3ServiceException')
      return value
  }
  // The SDK's retry layer re-wraps errors that fail its `instanceof Error` check (an error from another realm,
  // e.g. under a vm sandbox) as "AWS SDK error wrapper for Error: connect ECONNREFUSED ...", dropping `code`.
  const message = field(error, 'message')
  const wrapped =
    typeof message === 'string' ? /^AWS SDK error wrapper for .*?\b(E[A-Z_]{4,})\b/.exec(message) : null
  return wrapped?.[1] ?? ''
}

export function httpStatusOf(error: unknown): number | undefined {
  return (field(error, '$metadata') as SdkLikeError['$metadata'])?.httpStatusCode
}

/** The region S3 says the bucket lives in, when a redirect or a malformed-authorization answer names it. */
function bucketRegionOf(error: unknown): string | undefined {
  const fromHeader = (field(error, '$response') as SdkLikeError['$response'])?.headers?.[
    'x-amz-bucket-region'
  ]
  const candidate = fromHeader ?? field(error, 'Region')
  return typeof candidate === 'string' && /^[a-z0-9-]{2,40}$/.test(candidate) ? candidate : undefined
}

/** An endpoint URL printed in a message: any user:password@ part is removed. */
export function safeEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint)
    url.username = ''
    url.password = ''
    return url.toString().replace(/\/$/, '')
  } catch {
    return '(unparseable endpoint)'
  }
}

/**
 * Belt and braces: whatever text ends up in a message, the values of the credential variables never do
 * (an SDK message could in principle echo a header).
 */
export function redactCredentials(text: string, env: Record<string, string | undefined> = {}): string {
  let out = text
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID']) {
    const value = env[name]
    if (value && value.length >= 8) out = out.split(value).join('***')
  }
  return out
}

/** True when the failure means "the condition of a conditional write did not hold". */
export function isPreconditionFailure(error: unknown, condition: WriteCondition): boolean {
  const code = s3ErrorCode(error)
  if (code === 'PreconditionFailed' || httpStatusOf(error) === 412) return true
  // S3 answers 409 when another write to the key raced this conditional one; the caller re-reads and retries.
  if (code === 'ConditionalRequestConflict') return true
  // If-Match on a key that does not exist: S3 documents 404 NoSuchKey; for the store contract that is a failed CAS.
  return condition === 'ifMatch' && code === 'NoSuchKey'
}

/**
 * Turn an S3 SDK failure into one line naming the bucket and key and what to do. User-fixable causes (no
 * bucket, no permission, wrong region or endpoint, no network, no credentials) become UserError; anything
 * else an Error with the S3 code and HTTP status. Conditional-write failures become PreconditionFailedError.
 */
export function mapS3Error(error: unknown, ctx: S3ErrorContext, condition?: WriteCondition): Error {
  if (error instanceof UserError || error instanceof PreconditionFailedError) return error
  if (condition && isPreconditionFailure(error, condition)) return new PreconditionFailedError(ctx.storeKey)

  const code = s3ErrorCode(error)
  const status = httpStatusOf(error)
  const where = `s3://${ctx.bucket}/${ctx.key}`
  const doing = { write: 'writing', list: 'listing', read: 'reading', delete: 'deleting' }[ctx.operation]
  const redact = (text: string): string => redactCredentials(text, ctx.env)
  const endpoint = ctx.endpoint ? safeEndpoint(ctx.endpoint) : 'the default AWS S3 endpoint'
  const user = (text: string) => new UserError(redact(text), { cause: error })

  if (code === 'CredentialsProviderError') {
    return user(
      `no AWS credentials found while ${doing} ${where} (bucket "${ctx.bucket}", key "${ctx.key}"): set ` +
        `AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or use aws-actions/configure-aws-credentials`,
    )
  }
  if (code === 'NoSuchBucket') {
    return user(
      `S3 bucket "${ctx.bucket}" does not exist (${doing} key "${ctx.key}" at ${endpoint}): create it or fix --store`,
    )
  }
  if (
    code === 'AccessDenied' ||
    code === 'InvalidAccessKeyId' ||
    code === 'SignatureDoesNotMatch' ||
    status === 403
  ) {
    const permission = {
      write: 's3:PutObject',
      list: 's3:ListBucket',
      read: 's3:GetObject',
      delete: 's3:DeleteObject',
    }[ctx.operation]
    return new AccessDeniedError(
      redact(
        `access denied ${doing} ${where} (bucket "${ctx.bucket}", key "${ctx.key}", ${code || 'HTTP 403'}): ` +
          `this was a ${ctx.operation === 'write' || ctx.operation === 'delete' ? 'write' : 'read'}, the credentials need ${permission}; ` +
          `pull requests from forks get read-only or no credentials, so they cannot write the store`,
      ),
      { cause: error },
    )
  }
  const redirect =
    code === 'PermanentRedirect' ||
    code === 'AuthorizationHeaderMalformed' ||
    code === 'IllegalLocationConstraintException'
  if (redirect || status === 301 || status === 307) {
    const region = bucketRegionOf(error)
    const hint = region
      ? `the bucket is in region ${region}: pass --s3-region ${region}`
      : 'check --s3-region / AWS_REGION'
    return user(
      `S3 bucket "${ctx.bucket}" is not served at ${endpoint} in this region (${code || `HTTP ${status}`}) while ` +
        `${doing} key "${ctx.key}": ${hint}`,
    )
  }
  if (code === 'ENOTFOUND') {
    return user(
      `cannot resolve the S3 endpoint host (ENOTFOUND, ${endpoint}) while ${doing} ${where}: check ` +
        `--s3-endpoint / AWS_ENDPOINT_URL_S3 and --s3-region`,
    )
  }
  if (NETWORK_CODES.has(code)) {
    const attempts = (field(error, '$metadata') as SdkLikeError['$metadata'])?.attempts
    return user(
      `S3 endpoint ${endpoint} is unreachable (${code}${attempts ? ` after ${attempts} attempts` : ''}) while ` +
        `${doing} ${where}: check the network and --s3-endpoint / AWS_ENDPOINT_URL_S3`,
    )
  }
  const message = field(error, 'message')
  if (typeof message === 'string' && /region is missing/i.test(message)) {
    return user(
      `no AWS region configured for bucket "${ctx.bucket}" (${doing} key "${ctx.key}"): set AWS_REGION or pass --s3-region`,
    )
  }
  const detail = typeof message === 'string' && message ? `: ${message}` : ''
  return new Error(
    redact(
      `S3 ${doing} ${where} failed (${code || 'unknown error'}${status ? `, HTTP ${status}` : ''})${detail}`,
    ),
    { cause: error },
  )
}
