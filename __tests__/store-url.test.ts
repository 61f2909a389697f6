import { UserError } from '../src/errors.js'
import { FsObjectStore } from '../src/store/fs-store.js'
import { S3ObjectStore } from '../src/store/s3-store.js'
import { openStore, parseStoreUrl } from '../src/store/store-url.js'

describe('parseStoreUrl', () => {
  test('a path is a filesystem store', () => {
    expect(parseStoreUrl('./.modelgate')).toEqual({ kind: 'fs', dir: './.modelgate' })
    expect(parseStoreUrl('/var/lib/modelgate')).toEqual({ kind: 'fs', dir: '/var/lib/modelgate' })
  })

  test('s3://bucket and s3://bucket/prefix', () => {
    expect(parseStoreUrl('s3://my-models')).toEqual({ kind: 's3', bucket: 'my-models', prefix: '' })
    expect(parseStoreUrl('s3://my-models/team/modelgate/')).toEqual({
      kind: 's3',
      bucket: 'my-models',
      prefix: 'team/modelgate',
    })
  })

  test('only the S3 flags that were given are set', () => {
    expect(
      parseStoreUrl('s3://my.models/x', {
        s3Endpoint: 'http://127.0.0.1:9000',
        s3Region: 'auto',
        s3ForcePathStyle: true,
      }),
    ).toEqual({
      kind: 's3',
      bucket: 'my.models',
      prefix: 'x',
      endpoint: 'http://127.0.0.1:9000',
      region: 'auto',
      forcePathStyle: true,
    })
    expect(Object.keys(parseStoreUrl('s3://my-models', { s3Region: 'eu-west-1' }))).toEqual([
      'kind',
      'bucket',
      'prefix',
      'region',
    ])
  })

  test.each([
    ['', /--store is empty/],
    ['s3://', /--store "s3:\/\/" names no bucket/],
    ['s3:///prefix', /names no bucket/],
    ['s3://My_Bucket/x', /bucket name "My_Bucket" may contain only lowercase letters/],
    ['s3://ab', /bucket name "ab" must be 3 to 63 characters long \(it has 2\)/],
    ['s3://-models', /must begin and end with a letter or digit/],
    ['s3://my..models', /must not contain two adjacent dots/],
    ['s3://192.168.1.10', /must not look like an IP address/],
    ['s3://xn--models', /must not start with xn--/],
    ['s3://models/a//b', /prefix "a\/\/b" has an empty, "." or ".." segment/],
    ['s3://models/a/../b', /has an empty, "." or ".." segment/],
    ['gs://models/x', /only s3:\/\/ URLs and local directories are supported, not gs:\/\//],
    ['https://models.s3.amazonaws.com', /not https:\/\//],
  ])('rejects %j', (value, message) => {
    expect(() => parseStoreUrl(value)).toThrow(UserError)
    expect(() => parseStoreUrl(value)).toThrow(message)
  })

  test('rejects bad flags, naming them', () => {
    expect(() => parseStoreUrl('./.modelgate', { s3Region: 'eu-west-1', s3ForcePathStyle: true })).toThrow(
      /--s3-region, --s3-force-path-style only apply to s3:\/\/ stores, but --store "\.\/\.modelgate"/,
    )
    expect(() => parseStoreUrl('s3://models', { s3Endpoint: 'localhost:9000' })).toThrow(
      /--s3-endpoint "localhost:9000" must start with http:\/\/ or https:\/\//,
    )
    expect(() => parseStoreUrl('s3://models', { s3Endpoint: 'not a url' })).toThrow(
      /--s3-endpoint "not a url" is not a URL/,
    )
    expect(() => parseStoreUrl('s3://models', { s3Region: 'EU West' })).toThrow(
      /--s3-region "EU West" is not a region/,
    )
  })

  test('an endpoint with a password is refused without printing the password', () => {
    let message = ''
    try {
      parseStoreUrl('s3://models', { s3Endpoint: 'http://minio:hunter2secret@127.0.0.1:9000' })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/must not contain credentials/)
    expect(message).not.toContain('hunter2secret')
  })
})

describe('openStore', () => {
  test('opens the store kind the location names', async () => {
    expect(await openStore(parseStoreUrl('./.modelgate'))).toBeInstanceOf(FsObjectStore)
    const s3 = await openStore(parseStoreUrl('s3://my-models/team/', { s3Region: 'eu-west-1' }))
    expect(s3).toBeInstanceOf(S3ObjectStore)
    expect(s3.location).toBe('s3://my-models/team')
  })
})
