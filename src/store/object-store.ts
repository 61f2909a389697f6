/**
 * The smallest storage surface modelgate needs. The filesystem store and the S3 store implement it; runs,
 * manifests, aliases and their history are built on top of it once (registry.ts), so both behave the same.
 *
 * Keys are '/'-separated relative paths ("models/churn/runs/<id>/manifest.json"), never starting with '/'.
 */
export interface StoredObject {
  body: Uint8Array
  /** Opaque version tag used for compare-and-swap (S3: the ETag; filesystem: a content hash). */
  etag: string
}

export type PutCondition =
  /** Create-only: fail with PreconditionFailedError when the key exists (S3 `If-None-Match: *`). */
  | { ifNoneMatch: '*' }
  /** Replace only the version that was read (S3 `If-Match: <etag>`); a missing key also fails. */
  | { ifMatch: string }

export interface ObjectStore {
  /** Where this store lives, for messages: "./.modelgate" or "s3://bucket/prefix". */
  readonly location: string
  /** null when the key does not exist. */
  get(key: string): Promise<StoredObject | null>
  /**
   * Optional conditional read: 'unchanged' when the object still has version tag `etag`, without transferring
   * it (S3 `If-None-Match: <etag>` → 304). Stores without it are read with `get`.
   */
  getIfChanged?(key: string, etag: string): Promise<StoredObject | null | 'unchanged'>
  /**
   * Write one object. With a condition, throws PreconditionFailedError when it does not hold.
   * Large bodies may be uploaded in parts; the call resolves once the object is complete and visible.
   */
  put(key: string, body: Uint8Array, condition?: PutCondition): Promise<{ etag: string }>
  /** Every key under the prefix (all pages), sorted. */
  list(prefix: string): Promise<string[]>
  /** Remove one object; a missing key is not an error. Only `modelgate gc` deletes. */
  delete(key: string): Promise<void>
  /**
   * Leftovers of interrupted writes that `list` hides (the filesystem store's `*.tmp-*` files), with the
   * time they were last touched; stores that leave none return [].
   */
  listLeftovers?(prefix: string): Promise<{ key: string; modified: Date; writerAlive: boolean }[]>
  /**
   * Optional: a URL anyone holding it can GET the object with, for `expiresInSeconds` (S3: a presigned
   * GetObject URL). Stores without it cannot link their objects.
   */
  signedUrl?(key: string, expiresInSeconds: number): Promise<string>
}
