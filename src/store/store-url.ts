import { UserError } from '../errors.js'
import { checkStoreDirectory } from '../util/safe-paths.js'
import type { RandomSource } from '../util/random.js'
import { FsObjectStore } from './fs-store.js'
import type { ObjectStore } from './object-store.js'

export interface S3Flags {
  /** --s3-endpoint: an http(s) URL for MinIO, R2, a local emulator. */
  s3Endpoint?: string
  /** --s3-region */
  s3Region?: string
  /** --s3-force-path-style */
  s3ForcePathStyle?: boolean
}

export type StoreLocation =
  | { kind: 'fs'; dir: string }
  | {
      kind: 's3'
      bucket: string
      prefix: string
      endpoint?: string
      region?: string
      forcePathStyle?: boolean
    }

/** Why a bucket name breaks S3's naming rules, or null when it is valid. */
export function bucketNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return `must be 3 to 63 characters long (it has ${name.length})`
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may contain only lowercase letters, digits, dots and hyphens'
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit'
  if (name.includes('..')) return 'must not contain two adjacent dots'
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not look like an IP address'
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return 'must not start with xn--, sthree- or amzn-s3-demo-'
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name))
    return 'must not end with an S3-reserved suffix'
  return null
}

function parseEndpoint(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UserError(`--s3-endpoint "${value}" is not a URL; expected e.g. http://127.0.0.1:9000`)
  }
  // Checked first, and the value never echoed here: a URL with user:password@ would print the password.
  if (url.username || url.password) {
    throw new UserError(
      '--s3-endpoint must not contain credentials (user:password@); use the AWS credential variables',
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`--s3-endpoint "${value}" must start with http:// or https://`)
  }
  return value
}

/**
 * Parse a --store value: `s3://bucket[/prefix]` or a local directory. The S3 flags apply only to s3:// stores,
 * and only the flags given are passed on, so the SDK's environment (AWS_REGION, AWS_ENDPOINT_URL_S3, ...) keeps
 * deciding everything else.
 */
export function parseStoreUrl(value: string, flags: S3Flags = {}): StoreLocation {
  const trimmed = value.trim()
  if (!trimmed)
    throw new UserError('--store is empty; expected s3://bucket/prefix or a directory like ./.modelgate')
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(trimmed)?.[1]
  if (!scheme) {
    const given = (['s3Endpoint', 's3Region', 's3ForcePathStyle'] as const).filter(
      (f) => flags[f] !== undefined,
    )
    if (given.length > 0) {
      const names = given.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')
      throw new UserError(
        `${names} only apply to s3:// stores, but --store "${trimmed}" is a local directory`,
      )
    }
    return { kind: 'fs', dir: trimmed }
  }
  // Checked before anything echoes the value: s3://KEY:SECRET@bucket would print the secret.
  const authority = trimmed.slice(scheme.length + 3)
  if (/^[^/]*@/.test(authority) || /^[^/@]*:[^@]*@/.test(authority)) {
    throw new UserError(
      '--store must not contain credentials (user:password@ in the URL); use the AWS credential variables (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or aws-actions/configure-aws-credentials)',
    )
  }
  if (scheme !== 's3') {
    throw new UserError(
      `--store "${trimmed}": only s3:// URLs and local directories are supported, not ${scheme}://`,
    )
  }
  const rest = trimmed.slice('s3://'.length)
  const slash = rest.indexOf('/')
  const bucket = slash === -1 ? rest : rest.slice(0, slash)
  if (!bucket) throw new UserError(`--store "${trimmed}" names no bucket; expected s3://bucket/prefix`)
  const problem = bucketNameProblem(bucket)
  if (problem) throw new UserError(`--store "${trimmed}": bucket name "${bucket}" ${problem}`)
  const prefix = slash === -1 ? '' : rest.slice(slash + 1).replace(/\/+$/, '')
  if (prefix) {
    const segments = prefix.split('/')
    if (segments.some((s) => s === '' || s === '.' || s === '..')) {
      throw new UserError(`--store "${trimmed}": the prefix "${prefix}" has an empty, "." or ".." segment`)
    }
    if (/[\u0000-\u001f\\]/.test(prefix)) {
      throw new UserError(
        `--store "${trimmed}": the prefix "${prefix}" contains a control character or backslash`,
      )
    }
  }
  const location: StoreLocation = { kind: 's3', bucket, prefix }
  if (flags.s3Endpoint !== undefined) location.endpoint = parseEndpoint(flags.s3Endpoint)
  if (flags.s3Region !== undefined) {
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(flags.s3Region)) {
      throw new UserError(`--s3-region "${flags.s3Region}" is not a region name like eu-west-1`)
    }
    location.region = flags.s3Region
  }
  if (flags.s3ForcePathStyle !== undefined) location.forcePathStyle = flags.s3ForcePathStyle
  return location
}

/**
 * The ObjectStore a parsed --store value names. The AWS SDK is loaded only when an S3 store is used: it is
 * most of the bundle, and a filesystem run should not pay for it at start-up.
 */
export async function openStore(
  location: StoreLocation,
  options: {
    /** The environment the entry point was given (credentials, region); see S3StoreOptions.env. */
    env?: Record<string, string | undefined>
    /** A filesystem store's temporary names and lock tokens (default: the OS's CSPRNG). */
    random?: RandomSource
  } = {},
): Promise<ObjectStore> {
  if (location.kind === 'fs') {
    await checkStoreDirectory(location.dir, 'the store')
    return new FsObjectStore(location.dir, options.random ? { random: options.random } : {})
  }
  const { S3ObjectStore } = await import('./s3-store.js')
  return new S3ObjectStore({ ...location, ...(options.env && { env: options.env }) })
}
