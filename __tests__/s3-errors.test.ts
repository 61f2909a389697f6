import http from 'node:http'
import { UserError } from '../src/errors.js'
import { S3ObjectStore } from '../src/store/s3-store.js'
import {
  setAwsEnv,
  TEST_ACCESS_KEY_ID,
  TEST_SECRET_ACCESS_KEY,
  testCredentialsEnv,
} from './harness/aws-env.js'
import { startCasProxy, type CasProxy } from './harness/cas-proxy.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'

/**
 * Each user-fixable S3 failure becomes one UserError line that names the bucket and the key and never the
 * credentials. The failures are real: a missing bucket on fauxqs, a closed port, a DNS name that cannot
 * resolve, S3 error responses injected by the proxy (parsed by the real SDK), an empty credential chain.
 */
const BUCKET = 'modelgate-errors'
let s3: FauxS3Server
let proxy: CasProxy
let restoreEnv: () => void

beforeAll(async () => {
  restoreEnv = setAwsEnv(testCredentialsEnv())
  s3 = await startS3Server([BUCKET])
  proxy = await startCasProxy({
    upstream: s3.endpoint,
    faults: [
      { keyPrefix: 'team/locked/', status: 403, code: 'AccessDenied', message: 'Access Denied' },
      {
        keyPrefix: 'team/moved/',
        status: 301,
        code: 'PermanentRedirect',
        message: 'The bucket you are attempting to access must be addressed using the specified endpoint.',
        headers: { 'x-amz-bucket-region': 'eu-west-1' },
      },
    ],
  })
})

afterAll(async () => {
  await proxy.stop()
  await s3.stop()
  restoreEnv()
})

const store = (options: { bucket?: string; endpoint?: string; maxAttempts?: number } = {}) =>
  new S3ObjectStore({
    bucket: options.bucket ?? BUCKET,
    prefix: 'team',
    endpoint: options.endpoint ?? proxy.endpoint,
    forcePathStyle: true,
    ...(options.maxAttempts && { maxAttempts: options.maxAttempts }),
  })

/** The rejection of `work`, checked to be a one-line UserError without credentials. */
async function userErrorOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  const message = (error as Error).message
  expect(message).not.toContain('\n')
  expect(message).not.toContain(TEST_SECRET_ACCESS_KEY)
  expect(message).not.toContain(TEST_ACCESS_KEY_ID)
  return message
}

const body = new TextEncoder().encode('{}')

test('a missing bucket names the bucket and the key, for reads, writes and listings', async () => {
  const missing = store({ bucket: 'modelgate-no-such-bucket' })
  const read = await userErrorOf(missing.get('models/m/champion.json'))
  expect(read).toMatch(/bucket "modelgate-no-such-bucket" does not exist/)
  expect(read).toContain('team/models/m/champion.json')
  expect(await userErrorOf(missing.put('runs/r1/a.bin', body))).toContain('team/runs/r1/a.bin')
  expect(await userErrorOf(missing.list('runs/'))).toContain('modelgate-no-such-bucket')
})

test('a closed endpoint port reports the endpoint as unreachable after the SDK retries', async () => {
  const closed = http.createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  const { port } = closed.address() as { port: number }
  await new Promise<void>((resolve) => closed.close(() => resolve()))

  const message = await userErrorOf(
    store({ endpoint: `http://127.0.0.1:${port}`, maxAttempts: 2 }).get('a.json'),
  )
  expect(message).toContain(`http://127.0.0.1:${port}`)
  expect(message).toMatch(/unreachable \(ECONNREFUSED after 2 attempts\)/)
  expect(message).toContain(`s3://${BUCKET}/team/a.json`)
})

test('an endpoint host that does not resolve says so', async () => {
  const message = await userErrorOf(
    store({ endpoint: 'http://modelgate-test.invalid:9000', maxAttempts: 1 }).put('a.json', body),
  )
  expect(message).toMatch(/cannot resolve the S3 endpoint host \(ENOTFOUND/)
  expect(message).toContain(`s3://${BUCKET}/team/a.json`)
})

test('access denied says whether it was a read or a write and mentions fork pull requests', async () => {
  const read = await userErrorOf(store().get('locked/champion.json'))
  expect(read).toContain(`access denied reading s3://${BUCKET}/team/locked/champion.json`)
  expect(read).toMatch(/this was a read, the credentials need s3:GetObject/)
  expect(read).toMatch(/forks/)

  const write = await userErrorOf(store().put('locked/runs/r1.json', body, { ifNoneMatch: '*' }))
  expect(write).toContain(`access denied writing s3://${BUCKET}/team/locked/runs/r1.json`)
  expect(write).toMatch(/this was a write, the credentials need s3:PutObject/)

  expect(await userErrorOf(store().list('locked/'))).toMatch(/access denied listing .*s3:ListBucket/)
})

test('a bucket in another region names that region', async () => {
  const message = await userErrorOf(store().get('moved/champion.json'))
  expect(message).toMatch(/PermanentRedirect/)
  expect(message).toContain('--s3-region eu-west-1')
  expect(message).toContain(BUCKET)
  expect(message).toContain('team/moved/champion.json')
})

describe('without any credentials', () => {
  let restoreCredentials: () => void
  beforeAll(() => (restoreCredentials = setAwsEnv()))
  afterAll(() => restoreCredentials())

  test('probeCredentials says absent and a read fails with a plain message', async () => {
    const bare = store()
    expect(await bare.probeCredentials()).toBe('absent')
    const message = await userErrorOf(bare.get('models/m/champion.json'))
    expect(message).toMatch(/^no AWS credentials found while reading/)
    expect(message).toContain(`s3://${BUCKET}/team/models/m/champion.json`)
  })
})

test('probeCredentials says present with the static test credentials', async () => {
  expect(await store().probeCredentials()).toBe('present')
})
