/**
 * The S3 store and the registry against the faults a real network produces, injected by the CAS proxy in
 * front of the local S3 server: a response lost after the server stored the object, 409 and 503 answers, a
 * request the server never answers. The stores here get their credentials from the environment passed in
 * (S3StoreOptions.env), as the entry points pass it; nothing in this file touches process.env.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { S3ObjectStore, type S3StoreOptions } from '../src/store/s3-store.js'
import { Registry, rollbackTarget } from '../src/store/registry.js'
import { systemClock } from '../src/util/clock.js'
import { testCredentialsEnv, TEST_SECRET_ACCESS_KEY } from './harness/aws-env.js'
import { startCasProxy, type CasProxy } from './harness/cas-proxy.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const BUCKET = 'store-faults'
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
let server: FauxS3Server
let proxy: CasProxy

beforeAll(async () => {
  server = await startS3Server([BUCKET])
  proxy = await startCasProxy({ upstream: server.endpoint })
})
afterAll(async () => {
  await proxy.stop()
  await server.stop()
})

const open = (prefix: string, options: Partial<S3StoreOptions> = {}): S3ObjectStore =>
  new S3ObjectStore({
    bucket: BUCKET,
    prefix,
    endpoint: proxy.endpoint,
    forcePathStyle: true,
    env: testCredentialsEnv(),
    ...options,
  })

describe('lost responses', () => {
  it('a create-only write whose response was lost (stored, connection dropped, SDK retry got 412) is accepted: the stored bytes are what was sent', async () => {
    const registry = new Registry(open('lost-create'), systemClock)
    const fault = proxy.inject({ keyPrefix: 'lost-create/models/m/runs/r1/model.json', drop: true, times: 1 })
    const before = proxy.stats.preconditionFailures
    const manifest = await registry.writeRun('m', 'r1', { 'model.json': bytes('{"w":1}') }, {})
    expect(fault.hits).toBe(1) // the first attempt was stored and its answer dropped
    expect(proxy.stats.preconditionFailures - before).toBe(1) // the SDK's retry met the stored object
    expect(new TextDecoder().decode(await registry.readRunFile(manifest, 'model.json'))).toBe('{"w":1}')
    // Other bytes under a taken key are still refused: runs stay immutable.
    await expect(registry.writeRun('m', 'r1', { 'model.json': bytes('{"w":2}') }, {})).rejects.toThrow(
      'models/m/runs/r1/model.json already exists; runs are immutable',
    )
  })

  it('an alias compare-and-swap whose response was lost records one history entry, and one rollback steps back', async () => {
    const registry = new Registry(open('lost-cas'), systemClock)
    for (const r of ['A', 'B']) await registry.writeRun('m', r, { f: bytes(r) }, {})
    await registry.setAlias('m', 'champion', 'A', { action: 'promote', by: 't', reason: 'first' })
    const fault = proxy.inject({
      keyPrefix: 'lost-cas/models/m/aliases/',
      withHeader: 'if-match',
      drop: true,
      times: 1,
    })
    const update = await registry.setAlias('m', 'champion', 'B', {
      action: 'promote',
      by: 't',
      reason: 'B wins',
    })
    expect(fault.hits).toBe(1)
    expect(update.changed).toBe(true)
    const alias = (await registry.getAlias('m', 'champion'))!.record
    expect(alias.history.map((h) => `${h.runId} (was ${h.previous})`)).toEqual(['A (was null)', 'B (was A)'])
    expect(rollbackTarget(alias.history)).toBe('A')
    expect((await registry.rollback('m', 'champion', 't', 'undo')).runId).toBe('A')
  })

  it('the first write of an alias (create-only) whose response was lost is recognised as done', async () => {
    const registry = new Registry(open('lost-alias-create'), systemClock)
    await registry.writeRun('m', 'A', { f: bytes('A') }, {})
    const fault = proxy.inject({
      keyPrefix: 'lost-alias-create/models/m/aliases/',
      withHeader: 'if-none-match',
      drop: true,
      times: 1,
    })
    const update = await registry.setAlias('m', 'champion', 'A', { action: 'promote', by: 't', reason: 'x' })
    expect([fault.hits, update.changed]).toEqual([1, true])
    expect((await registry.getAlias('m', 'champion'))!.record.history).toHaveLength(1)
  })

  it('a promotion to the run the alias already points at is a no-op, not a history entry', async () => {
    const registry = new Registry(open('self-promotion'), systemClock)
    await registry.writeRun('m', 'A', { f: bytes('A') }, {})
    await registry.setAlias('m', 'champion', 'A', { action: 'promote', by: 't', reason: 'x' })
    const again = await registry.setAlias('m', 'champion', 'A', { action: 'promote', by: 't', reason: 'x' })
    expect(again).toMatchObject({ changed: false, unchanged: 'champion is already A' })
    expect((await registry.getAlias('m', 'champion'))!.record.history).toHaveLength(1)
  })
})

describe('error answers and silence', () => {
  it('409 ConditionalRequestConflict on the alias write is retried as a lost race', async () => {
    const registry = new Registry(open('conflict'), systemClock)
    for (const r of ['A', 'B']) await registry.writeRun('m', r, { f: bytes(r) }, {})
    await registry.setAlias('m', 'champion', 'A', { action: 'promote', by: 't', reason: 'x' })
    const fault = proxy.inject({
      keyPrefix: 'conflict/models/m/aliases/',
      methods: ['PUT'],
      status: 409,
      code: 'ConditionalRequestConflict',
      message: 'A conflicting operation is in progress',
      times: 1,
    })
    await registry.setAlias('m', 'champion', 'B', { action: 'promote', by: 't', reason: 'x' })
    expect(fault.hits).toBe(1)
    expect((await registry.getAlias('m', 'champion'))!.record.history.map((h) => h.runId)).toEqual(['A', 'B'])
  })

  it('a request the server never answers times out and is retried (requestTimeoutMs, maxAttempts)', async () => {
    const store = open('silent', { requestTimeoutMs: 2000, maxAttempts: 3 })
    await store.put('k', bytes('v'))
    const held = proxy.holdNext('silent/k', 'GET')
    const read = store.get('k')
    await held.reached // the first attempt is held and never answered
    expect(new TextDecoder().decode((await read)!.body)).toBe('v') // the retry was answered
    held.release()
  })

  it('a persistent 503 ends after a bounded number of attempts with an error naming the status', async () => {
    const store = open('unavailable', { maxAttempts: 2 })
    const fault = proxy.inject({
      keyPrefix: 'unavailable/',
      methods: ['PUT'],
      status: 503,
      code: 'ServiceUnavailable',
      message: 'Please reduce your request rate.',
    })
    await expect(store.put('k', bytes('v'))).rejects.toThrow(/ServiceUnavailable, HTTP 503/)
    expect(fault.hits).toBe(2)
  })
})

describe('the CLI when S3 fails', () => {
  it('run --promote with every S3 write answered 503 still writes the report and the JSON, states the failure and exits 4', async () => {
    const root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(300, 4) })
    proxy.inject({
      keyPrefix: 'cli-503/',
      methods: ['PUT', 'POST'],
      status: 503,
      code: 'ServiceUnavailable',
      message: 'Service Unavailable',
    })
    const result = await runCli(
      root,
      [
        'run',
        '--promote',
        '--json',
        'out.json',
        '--report',
        'report.md',
        '--store',
        `s3://${BUCKET}/cli-503`,
        '--s3-endpoint',
        proxy.endpoint,
        '--s3-force-path-style',
      ],
      { env: testCredentialsEnv() }, // credentials from the environment passed in, not process.env
    )
    expect(result.stderr).not.toContain('unexpected error')
    expect(result.stderr).not.toContain(TEST_SECRET_ACCESS_KEY)
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(
      /modelgate: toy: not stored: S3 writing s3:\/\/store-faults\/cli-503\/models\/toy\/runs\/[^ ]+ failed \(ServiceUnavailable, HTTP 503\)/,
    )
    const json = JSON.parse(await fs.readFile(path.join(root, 'out.json'), 'utf8'))
    expect(json.models[0]).toMatchObject({ verdict: 'no-champion', stored: false, promoted: false })
    expect(json.models[0].storeFailure).toMatch(/HTTP 503/)
    expect(await fs.readFile(path.join(root, 'report.md'), 'utf8')).toContain('toy')
  })
})
