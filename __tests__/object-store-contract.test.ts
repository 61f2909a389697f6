import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { PreconditionFailedError } from '../src/errors.js'
import { FsObjectStore } from '../src/store/fs-store.js'
import type { ObjectStore } from '../src/store/object-store.js'
import { S3ObjectStore } from '../src/store/s3-store.js'
import { setAwsEnv, testCredentialsEnv } from './harness/aws-env.js'
import { startCasProxy, type CasProxy } from './harness/cas-proxy.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'

/**
 * One behavioural contract, run against every ObjectStore, so the registry built on top behaves the same on a
 * laptop directory and in a bucket. Each test gets a fresh store; `openSibling` opens a second store next to it
 * (a sibling directory / a sibling prefix sharing the first one's name as a string prefix) to catch leaks.
 */
interface StoreFactory {
  setup(): Promise<void>
  teardown(): Promise<void>
  open(name: string): ObjectStore
}

const text = (s: string) => new TextEncoder().encode(s)
const decode = (b: Uint8Array) => new TextDecoder().decode(b)

const BUCKET = 'modelgate-contract'
let s3: FauxS3Server
let proxy: CasProxy
let restoreEnv: () => void

const s3Factory: StoreFactory = {
  async setup() {
    restoreEnv = setAwsEnv(testCredentialsEnv())
    s3 = await startS3Server([BUCKET])
    proxy = await startCasProxy({ upstream: s3.endpoint })
  },
  async teardown() {
    await proxy.stop()
    await s3.stop()
    restoreEnv()
  },
  open: (name) =>
    new S3ObjectStore({ bucket: BUCKET, prefix: name, endpoint: proxy.endpoint, forcePathStyle: true }),
}

let fsRoot: string
const fsFactory: StoreFactory = {
  async setup() {
    fsRoot = await mkdtemp(path.join(tmpdir(), 'modelgate-contract-'))
  },
  teardown: () => rm(fsRoot, { recursive: true, force: true }),
  open: (name) => new FsObjectStore(path.join(fsRoot, name)),
}

describe.each([
  ['FsObjectStore', fsFactory],
  ['S3ObjectStore (fauxqs + CAS proxy)', s3Factory],
])('ObjectStore contract: %s', (_name, factory) => {
  let store: ObjectStore
  let name: string
  beforeAll(() => factory.setup())
  afterAll(() => factory.teardown())
  beforeEach(() => {
    name = `t-${randomBytes(4).toString('hex')}`
    store = factory.open(name)
  })

  test('get of a missing key is null', async () => {
    expect(await store.get('models/m/champion.json')).toBeNull()
  })

  test('put then get round-trips the bytes and the etag', async () => {
    const body = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) & 0xff)
    const written = await store.put('models/m/runs/r1/weights.bin', body)
    const read = await store.get('models/m/runs/r1/weights.bin')
    expect(read).not.toBeNull()
    expect(Buffer.from(read!.body).equals(Buffer.from(body))).toBe(true)
    expect(read!.etag).toBe(written.etag)
    expect(written.etag.length).toBeGreaterThan(0)
  })

  test('the etag changes when the content changes', async () => {
    const first = await store.put('k', text('one'))
    const second = await store.put('k', text('two'))
    expect(second.etag).not.toBe(first.etag)
    expect((await store.get('k'))!.etag).toBe(second.etag)
  })

  test('ifNoneMatch creates once and refuses a second write, keeping the first content', async () => {
    await store.put('runs/r1/manifest.json', text('first'), { ifNoneMatch: '*' })
    await expect(
      store.put('runs/r1/manifest.json', text('second'), { ifNoneMatch: '*' }),
    ).rejects.toBeInstanceOf(PreconditionFailedError)
    expect(decode((await store.get('runs/r1/manifest.json'))!.body)).toBe('first')
  })

  test('ifMatch with the etag that was read replaces the object', async () => {
    const { etag } = await store.put('alias.json', text('v1'))
    const replaced = await store.put('alias.json', text('v2'), { ifMatch: etag })
    const read = await store.get('alias.json')
    expect(decode(read!.body)).toBe('v2')
    expect(read!.etag).toBe(replaced.etag)
  })

  test('ifMatch with a stale etag fails and leaves the newer content', async () => {
    const stale = await store.put('alias.json', text('v1'))
    await store.put('alias.json', text('v2'), { ifMatch: stale.etag })
    await expect(store.put('alias.json', text('v3'), { ifMatch: stale.etag })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    )
    expect(decode((await store.get('alias.json'))!.body)).toBe('v2')
  })

  test('ifMatch on a missing key fails and creates nothing', async () => {
    const elsewhere = await factory.open(`${name}-etag-source`).put('x', text('x'))
    await expect(store.put('absent.json', text('v1'), { ifMatch: elsewhere.etag })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    )
    expect(await store.get('absent.json')).toBeNull()
  })

  test('delete removes one key (and nothing else); deleting a missing key is not an error', async () => {
    await store.put('models/a/runs/1/f', text('1'))
    await store.put('models/a/runs/1/g', text('2'))
    await store.delete('models/a/runs/1/f')
    expect(await store.get('models/a/runs/1/f')).toBeNull()
    expect(await store.list('models/')).toEqual(['models/a/runs/1/g'])
    await store.delete('models/a/runs/1/f')
    await store.delete('never/was')
  })

  test('list returns every key under the prefix, sorted, and nothing else', async () => {
    const keys = [
      'models/b/runs/2/m.json',
      'models/a/runs/1/m.json',
      'models/a/alias.json',
      'modelsX/q',
      'other/z',
    ]
    for (const key of keys) await store.put(key, text(key))
    // A sibling store whose name starts with this store's name must not leak into its listings.
    await factory.open(`${name}-sibling`).put('models/a/leak.json', text('leak'))

    expect(await store.list('models/')).toEqual([
      'models/a/alias.json',
      'models/a/runs/1/m.json',
      'models/b/runs/2/m.json',
    ])
    expect(await store.list('models/a/')).toEqual(['models/a/alias.json', 'models/a/runs/1/m.json'])
    expect(await store.list('')).toEqual([...keys].sort())
    expect(await store.list('nothing/')).toEqual([])
  })
})
