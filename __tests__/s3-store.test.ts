import { createHash } from 'node:crypto'
import { PreconditionFailedError } from '../src/errors.js'
import { DEFAULT_PART_SIZE, S3ObjectStore } from '../src/store/s3-store.js'
import { setAwsEnv, testCredentialsEnv } from './harness/aws-env.js'
import { startCasProxy, type CasProxy } from './harness/cas-proxy.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'
import { raceInLockstep, startSteppedWorker, type SteppedWorker } from './harness/stepped-worker.js'

const BUCKET = 'modelgate-s3-store'

let s3: FauxS3Server
let proxy: CasProxy
let restoreEnv: () => void

beforeAll(async () => {
  restoreEnv = setAwsEnv(testCredentialsEnv())
  s3 = await startS3Server([BUCKET])
  proxy = await startCasProxy({ upstream: s3.endpoint })
})

afterAll(async () => {
  await proxy.stop()
  await s3.stop()
  restoreEnv()
})

/** The production client with only what a user would pass for a non-AWS endpoint. */
const openStore = (prefix: string) =>
  new S3ObjectStore({ bucket: BUCKET, prefix, endpoint: proxy.endpoint, forcePathStyle: true })

/** Deterministic pseudo-random bytes, 4 at a time (xorshift32): fast, and not compressible or uniform. */
function seededBytes(length: number, seed: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(length / 4))
  let x = seed >>> 0 || 1
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    words[i] = x
  }
  return new Uint8Array(words.buffer, 0, length)
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe('large objects', () => {
  const SIZE = 100 * 1024 * 1024
  const expectedParts = Math.ceil(SIZE / DEFAULT_PART_SIZE)

  test('a 100 MiB create-only multipart upload downloads with the same sha256, and a second create is refused', async () => {
    const store = openStore('large')
    const data = seededBytes(SIZE, 20240611)
    const digest = sha256(data)
    const written = await store.put('runs/r1/weights.bin', data, { ifNoneMatch: '*' })
    // An S3 multipart ETag ends in -<part count>: proves the upload really went in parts.
    expect(written.etag).toMatch(new RegExp(`-${expectedParts}"?$`))

    const read = await store.get('runs/r1/weights.bin')
    expect(read!.body.byteLength).toBe(SIZE)
    expect(sha256(read!.body)).toBe(digest)
    expect(read!.etag).toBe(written.etag)

    // Create-only holds for multipart too: the condition travels on CompleteMultipartUpload.
    const other = seededBytes(SIZE, 7)
    const before = proxy.stats.preconditionFailures
    await expect(store.put('runs/r1/weights.bin', other, { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    )
    expect(proxy.stats.preconditionFailures).toBe(before + 1)
    expect(sha256((await store.get('runs/r1/weights.bin'))!.body)).toBe(digest)
  })

  test('a small create-only write is refused the second time and keeps the first bytes', async () => {
    const store = openStore('small')
    await store.put('runs/r1/manifest.json', new TextEncoder().encode('{"a":1}'), { ifNoneMatch: '*' })
    await expect(
      store.put('runs/r1/manifest.json', new TextEncoder().encode('{"a":2}'), { ifNoneMatch: '*' }),
    ).rejects.toThrow(/precondition failed for runs\/r1\/manifest\.json/)
    expect(new TextDecoder().decode((await store.get('runs/r1/manifest.json'))!.body)).toBe('{"a":1}')
  })
})

describe('compare-and-swap between processes', () => {
  const ROUNDS = 25

  test('two processes doing 25 read-modify-write rounds each, made to conflict every round, lose no update', async () => {
    const prefix = 'cas'
    const key = 'models/m/history.json'
    const failuresBefore = proxy.stats.preconditionFailures
    const workers = (['A', 'B'] as const).map((id) =>
      startSteppedWorker(id, 'cas-worker.ts', [proxy.endpoint, BUCKET, prefix, key, id, String(ROUNDS)]),
    ) as [SteppedWorker, SteppedWorker]
    // Both pause between their read and their write; the test lets one write, then the other, whose write
    // is stale: the conflict is forced every round instead of hoped for.
    await raceInLockstep(workers)
    const results = (await Promise.all(workers.map((w) => w.done))).map(
      (lines) => JSON.parse(lines.at(-1)!) as { retries: number },
    )

    const final = await openStore(prefix).get(key)
    const entries = (JSON.parse(new TextDecoder().decode(final!.body)) as { entries: string[] }).entries
    expect(entries).toHaveLength(2 * ROUNDS)
    for (const id of ['A', 'B']) {
      // Every round of each worker is present, in that worker's order.
      expect(entries.filter((e) => e.startsWith(`${id}-`))).toEqual(
        Array.from({ length: ROUNDS }, (_, round) => `${id}-${round}`),
      )
    }
    // Every write but the last was followed by the other worker's stale write: 2·ROUNDS − 1 lost races, each
    // of them a 412 the proxy answered.
    const retries = results.reduce((sum, r) => sum + r.retries, 0)
    expect(retries).toBe(2 * ROUNDS - 1)
    expect(proxy.stats.preconditionFailures - failuresBefore).toBe(retries)
  })
})

describe('listing', () => {
  test('lists all 1,050 keys across ListObjectsV2 pages, relative to the store prefix, sorted', async () => {
    const store = openStore('team/listing')
    const expected = Array.from(
      { length: 1050 },
      (_, i) => `runs/${String(i).padStart(4, '0')}/manifest.json`,
    )
    const body = new TextEncoder().encode('{}')
    for (let start = 0; start < expected.length; start += 50) {
      await Promise.all(expected.slice(start, start + 50).map((key) => store.put(key, body)))
    }
    await store.put('aliases/champion.json', body)
    await openStore('team/listing-other').put('runs/9999/manifest.json', body)

    const listsBefore = proxy.stats.listRequests
    const keys = await store.list('runs/')
    expect(proxy.stats.listRequests - listsBefore).toBe(2) // 1,000 + 50: pagination was needed and followed
    expect(keys).toEqual(expected)
    expect(await store.list('')).toEqual(['aliases/champion.json', ...expected])
  })
})
