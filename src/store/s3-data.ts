import { createHash } from 'node:crypto'
import { createWriteStream, promises as fs } from 'node:fs'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { UserError } from '../errors.js'
import type { ObjectStore } from './object-store.js'
import { S3ObjectStore } from './s3-store.js'

/** `s3://bucket/key` split, or a UserError naming the value. */
export function parseDataUrl(url: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(url)
  if (!match || match[2]!.endsWith('/'))
    throw new UserError(`${url}: a data location must be s3://bucket/key naming one object`)
  return { bucket: match[1]!, key: match[2]! }
}

/**
 * The client data objects are read with: the store's own when the store is on S3 (its endpoint, region,
 * path style and credentials), else one with the SDK's default chain (AWS_* variables, profiles, OIDC roles).
 */
export function dataClient(store: ObjectStore, env?: Record<string, string | undefined>): S3Client {
  if (store instanceof S3ObjectStore) return store.client
  return new S3ObjectStore({ bucket: 'modelgate-data', prefix: '', ...(env && { env }) }).client
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

function s3Message(url: string, error: unknown): string {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } }
  const status = e.$metadata?.httpStatusCode
  if (e.name === 'NotFound' || e.name === 'NoSuchKey' || status === 404) return `${url}: no such object`
  if (status === 403 || e.name === 'AccessDenied')
    return `${url}: access denied (the credentials cannot read this object)`
  return `${url}: cannot read the data object (${e.name ?? 'error'}${status ? `, HTTP ${status}` : ''})`
}

/**
 * Stream one data object to `dest`, hashing as it arrives. The object's size (HEAD) is checked against
 * `maxBytes` before any of it is read, and the bytes are counted while streaming as well (a size that lied
 * stops the download at the limit). Returns the sha256 of the bytes written.
 */
export async function downloadDataObject(
  client: S3Client,
  url: string,
  dest: string,
  maxBytes: number,
  limitName: string,
): Promise<{ sha256: string; bytes: number }> {
  const { bucket, key } = parseDataUrl(url)
  const tooLarge = (size: number): UserError =>
    new UserError(
      `${url}: ${megabytes(size)} is larger than the limit of ${megabytes(maxBytes)} for a data file (${limitName} raises it)`,
    )
  let size: number | undefined
  try {
    size = (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength
  } catch (error) {
    throw new UserError(s3Message(url, error))
  }
  if (size !== undefined && size > maxBytes) throw tooLarge(size)
  let body: Readable
  try {
    body = (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body as Readable
  } catch (error) {
    throw new UserError(s3Message(url, error))
  }
  const hash = createHash('sha256')
  let bytes = 0
  try {
    await pipeline(
      body,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length
          if (bytes > maxBytes) throw tooLarge(bytes)
          hash.update(chunk)
          yield chunk
        }
      },
      createWriteStream(dest),
    )
  } catch (error) {
    await fs.rm(dest, { force: true })
    if (error instanceof UserError) throw error
    throw new UserError(s3Message(url, error))
  }
  return { sha256: hash.digest('hex'), bytes }
}
