import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
  type S3ClientConfig,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { UserError } from '../errors.js'
import type { ObjectStore, PutCondition, StoredObject } from './object-store.js'
import { httpStatusOf, mapS3Error, s3ErrorCode, type S3Operation, type WriteCondition } from './s3-errors.js'

/**
 * 8 MiB parts, the AWS CLI's default: 10,000 parts still allow 78 GiB objects, and every request body stays
 * under the ~10 MiB request limits of common S3 emulators (fauxqs rejects bodies above 11 MiB), so the same
 * settings work against AWS and in tests. Bodies up to one part go in a single PutObject.
 */
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024
/** Parts in flight at once for a multipart upload. */
export const UPLOAD_CONCURRENCY = 4
const MAX_PARTS = 10_000

export interface S3StoreOptions {
  bucket: string
  /** Key prefix inside the bucket ("" or "team/modelgate"); stored keys are `${prefix}/${key}`. */
  prefix: string
  /** Custom endpoint (MinIO, R2, a test server). Omitted: the SDK's own resolution (AWS_ENDPOINT_URL_S3, ...). */
  endpoint?: string
  /** Omitted: the SDK's own resolution (AWS_REGION, AWS_PROFILE's region, ...). */
  region?: string
  forcePathStyle?: boolean
  /** SDK attempts per request including the first (default 4). Tests lower it to fail fast. */
  maxAttempts?: number
  /** Milliseconds to establish a connection before the attempt fails and is retried (default 5 s). */
  connectionTimeoutMs?: number
  /**
   * Milliseconds one request (one part of a large upload) may take before the attempt fails and is retried
   * (default 120 s): a server that never answers cannot hang a run.
   */
  requestTimeoutMs?: number
  /**
   * The environment the entry point was given. Static credentials in it (AWS_ACCESS_KEY_ID and
   * AWS_SECRET_ACCESS_KEY, with AWS_SESSION_TOKEN) and AWS_REGION are passed to the client explicitly, and
   * their values are redacted from every message; without them the SDK's default provider chain (profiles,
   * web identity, instance metadata) resolves credentials as usual.
   */
  env?: Record<string, string | undefined>
  /** Multipart part size in bytes (>= 5 MiB); also the largest body sent as one PutObject. */
  partSize?: number
}

export const DEFAULT_MAX_ATTEMPTS = 4
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000

/** The client's settings: only what the user gave, plus bounded timeouts and retries. */
function clientConfig(options: S3StoreOptions, env: Record<string, string | undefined>): S3ClientConfig {
  const config: S3ClientConfig = {
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // Without it the SDK only logs a warning when the timeout passes, and keeps waiting.
      throwOnRequestTimeout: true,
    },
  }
  if (options.endpoint !== undefined) config.endpoint = options.endpoint
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION
  if (region !== undefined) config.region = region
  if (options.forcePathStyle !== undefined) config.forcePathStyle = options.forcePathStyle
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env
  if (accessKeyId && secretAccessKey) {
    const sessionToken = env.AWS_SESSION_TOKEN
    config.credentials = { accessKeyId, secretAccessKey, ...(sessionToken && { sessionToken }) }
  }
  return config
}

/**
 * ObjectStore over S3 (or anything speaking its API). The client keeps the SDK defaults, including request
 * checksums and the default credential provider chain; only flags the user gave are set, so the SDK's
 * environment variables and profiles keep working.
 *
 * Conditional writes use S3's own conditional requests: create-only is `If-None-Match: *` and compare-and-swap
 * is `If-Match: <etag>`. For multipart uploads lib-storage's Upload copies its params into every command it
 * sends; the SDK serialises IfNoneMatch/IfMatch only for PutObject and CompleteMultipartUpload (not for
 * CreateMultipartUpload or UploadPart), which is where S3 evaluates them, so create-only and CAS hold for large
 * objects too. A failed complete is aborted by Upload, leaving no orphaned parts.
 */
export class S3ObjectStore implements ObjectStore {
  readonly location: string
  readonly client: S3Client
  private readonly bucket: string
  private readonly prefix: string
  private readonly endpoint: string | undefined
  private readonly partSize: number
  private readonly env: Record<string, string | undefined>

  constructor(options: S3StoreOptions) {
    this.env = options.env ?? {}
    this.bucket = options.bucket
    const trimmed = options.prefix.replace(/^\/+|\/+$/g, '')
    this.prefix = trimmed ? `${trimmed}/` : ''
    this.location = `s3://${this.bucket}${trimmed ? `/${trimmed}` : ''}`
    this.endpoint = options.endpoint
    this.partSize = options.partSize ?? DEFAULT_PART_SIZE
    if (this.partSize < 5 * 1024 * 1024)
      throw new Error(`S3 part size ${this.partSize} is below the 5 MiB minimum`)
    this.client = new S3Client(clientConfig(options, this.env))
  }

  private fullKey(key: string): string {
    if (!key || key.startsWith('/') || key.split('/').includes('..'))
      throw new Error(`invalid store key: ${key}`)
    return this.prefix + key
  }

  private fail(
    error: unknown,
    operation: S3Operation,
    key: string,
    storeKey: string,
    condition?: WriteCondition,
  ): Error {
    const ctx = {
      operation,
      bucket: this.bucket,
      key,
      storeKey,
      env: this.env,
      ...(this.endpoint && { endpoint: this.endpoint }),
    }
    return mapS3Error(error, ctx, condition)
  }

  get(key: string): Promise<StoredObject | null> {
    return this.read(key) as Promise<StoredObject | null>
  }

  getIfChanged(key: string, etag: string): Promise<StoredObject | null | 'unchanged'> {
    return this.read(key, etag)
  }

  private async read(key: string, ifNoneMatch?: string): Promise<StoredObject | null | 'unchanged'> {
    const fullKey = this.fullKey(key)
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: fullKey, IfNoneMatch: ifNoneMatch }),
      )
      if (!response.Body) throw new Error(`S3 returned no body for s3://${this.bucket}/${fullKey}`)
      const body = await response.Body.transformToByteArray()
      if (!response.ETag) throw new Error(`S3 returned no ETag for s3://${this.bucket}/${fullKey}`)
      return { body, etag: response.ETag }
    } catch (error) {
      // Only a missing key is "absent"; a missing bucket or a foreign 404 page must not read as "no champion".
      const code = s3ErrorCode(error)
      if (code === 'NoSuchKey' || code === 'NotFound') return null
      if (ifNoneMatch !== undefined && (httpStatusOf(error) === 304 || code === 'NotModified'))
        return 'unchanged'
      throw this.fail(error, 'read', fullKey, key)
    }
  }

  async put(key: string, body: Uint8Array, condition?: PutCondition): Promise<{ etag: string }> {
    const fullKey = this.fullKey(key)
    const params: PutObjectCommandInput = {
      Bucket: this.bucket,
      Key: fullKey,
      Body: body,
      ContentType: 'application/octet-stream',
    }
    let conditionKind: WriteCondition | undefined
    if (condition && 'ifNoneMatch' in condition) {
      params.IfNoneMatch = '*'
      conditionKind = 'ifNoneMatch'
    } else if (condition && 'ifMatch' in condition) {
      params.IfMatch = condition.ifMatch
      conditionKind = 'ifMatch'
    }
    try {
      // Parts must grow for huge bodies to stay within S3's 10,000-part limit.
      const partSize = Math.max(this.partSize, Math.ceil(body.byteLength / MAX_PARTS))
      let etag: string | undefined
      if (body.byteLength <= partSize) {
        etag = (await this.client.send(new PutObjectCommand(params))).ETag
      } else {
        const upload = new Upload({ client: this.client, params, partSize, queueSize: UPLOAD_CONCURRENCY })
        etag = (await upload.done()).ETag
      }
      if (!etag) throw new Error(`S3 returned no ETag after writing s3://${this.bucket}/${fullKey}`)
      return { etag }
    } catch (error) {
      throw this.fail(error, 'write', fullKey, key, conditionKind)
    }
  }

  async delete(key: string): Promise<void> {
    const fullKey = this.fullKey(key)
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: fullKey }))
    } catch (error) {
      if (s3ErrorCode(error) === 'NoSuchKey') return
      throw this.fail(error, 'delete', fullKey, key)
    }
  }

  /** A presigned GetObject URL (signature version 4: at most 7 days), signed locally; no request is made. */
  async signedUrl(key: string, expiresInSeconds: number): Promise<string> {
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner')
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }), {
      expiresIn: expiresInSeconds,
    })
  }

  async list(prefix: string): Promise<string[]> {
    const fullPrefix = this.prefix + prefix
    const keys: string[] = []
    let token: string | undefined
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: fullPrefix, ContinuationToken: token }),
        )
        for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key.slice(this.prefix.length))
        token = page.IsTruncated ? page.NextContinuationToken : undefined
        if (page.IsTruncated && !token)
          throw new Error(`S3 listing of ${fullPrefix} is truncated without a token`)
      } while (token)
    } catch (error) {
      throw this.fail(error, 'list', fullPrefix, prefix)
    }
    return keys.sort()
  }

  /**
   * Whether the default provider chain finds any credentials, without touching the bucket, so a caller can
   * say "no AWS credentials: comparing without storing" instead of failing later. Other provider failures
   * (an expired SSO session, a broken profile) are real errors and are thrown as one line.
   */
  async probeCredentials(): Promise<'present' | 'absent'> {
    try {
      const credentials = await this.client.config.credentials()
      return credentials.accessKeyId ? 'present' : 'absent'
    } catch (error) {
      if (s3ErrorCode(error) === 'CredentialsProviderError') return 'absent'
      throw new UserError(
        `could not load AWS credentials for ${this.location}: ${s3ErrorCode(error) || 'unknown error'}`,
        {
          cause: error,
        },
      )
    }
  }
}
