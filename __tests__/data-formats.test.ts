/**
 * Parquet, gzip CSV and s3:// data read equal to the CSV of the same rows (fixtures written by
 * scripts/fixtures/parquet_fixtures.mjs with hyparquet-writer), with the CSV path's errors and the size guard.
 */
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { parseSpec } from '../src/config/load-spec.js'
import { readCsv, type RawTable } from '../src/data/csv.js'
import { loadDataset } from '../src/data/dataset.js'
import { readTable } from '../src/data/read-table.js'
import { parseColumn } from '../src/data/values.js'
import { withLocalData } from '../src/pipeline/remote-data.js'
import { S3ObjectStore } from '../src/store/s3-store.js'
import { DEFAULT_CSV_LIMITS } from '../src/types/csv-limits.js'
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from './harness/aws-env.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'

const DATA = path.join(process.cwd(), '__fixtures__', 'data')
const file = (name: string): string => path.join(DATA, name)

/** Header, row count, every cell's text, and every column's parse (kind and number). */
function contents(table: RawTable): unknown {
  return {
    header: table.header,
    rowCount: table.rowCount,
    columns: table.columns.map((c) => [...c]),
    parsed: table.columns.map((c) => {
      const p = parseColumn(c)
      return { kind: [...p.kind], value: [...p.value] }
    }),
  }
}

const spec = (train: string, extra = ''): ReturnType<typeof parseSpec> =>
  parseSpec(
    new TextEncoder().encode(
      `task: binary\ndata:\n  train: ${train}\n  target: label\n  id: id\n${extra}model:\n  type: logistic\n`,
    ),
    path.join(DATA, 'modelgate.yml'),
  )

describe('Parquet and gzip CSV', () => {
  test('a Parquet file of two row groups reads equal to the CSV of the same rows, numbers and nulls included', async () => {
    const csv = await readCsv([file('rows.csv')])
    const parquet = await readTable([file('rows.parquet')])
    expect(contents(parquet)).toEqual(contents(csv))
    expect(parquet.sha256).toBe(
      createHash('sha256')
        .update(await fs.readFile(file('rows.parquet')))
        .digest('hex'),
    )
  })

  test('gzip CSV reads equal to the CSV, and records the sha256 of the decompressed bytes (the CSV’s)', async () => {
    const csv = await readCsv([file('rows.csv')])
    const gz = await readTable([file('rows.csv.gz')])
    expect(contents(gz)).toEqual(contents(csv))
    expect(gz.sha256).toBe(csv.sha256)
  })

  test('a dataset from Parquet equals the dataset from the CSV: features, targets, train and eval rows', async () => {
    const fromCsv = await loadDataset(spec('rows.csv'))
    const fromParquet = await loadDataset(spec('rows.parquet'))
    const view = (d: Awaited<ReturnType<typeof loadDataset>>): unknown => ({
      features: d.features,
      target: d.target,
      train: [...d.train.rows],
      eval: [...d.eval.rows],
      y: [...d.train.y, ...d.eval.y],
    })
    expect(view(fromParquet)).toEqual(view(fromCsv))
  })

  test('a bad Parquet value is named by file, row group, row and column, as the CSV path names a line', async () => {
    await expect(loadDataset(spec('bad-value.parquet'))).rejects.toThrow(
      `${file('bad-value.parquet')}: row group 1, row 3, column "x1": "oops" is not a number, but most of the column is numeric`,
    )
  })

  test('the size guard refuses before reading in full, naming the limit: a Parquet file, and gzip that inflates past it', async () => {
    const tiny = { ...DEFAULT_CSV_LIMITS, maxFileBytes: 4096 }
    await expect(readTable([file('rows.parquet')], tiny)).rejects.toThrow(
      `${file('rows.parquet')}: the file of 0.0 MB is larger than the limit of 0.0 MB for a data file (data.max_file_mb in modelgate.yml raises it)`,
    )
    // The gzip file (3 KB) is under the limit; what it inflates to (9 KB) is not.
    await expect(readTable([file('rows.csv.gz')], tiny)).rejects.toThrow(
      `${file('rows.csv.gz')}: decompresses to more than the limit of 0.0 MB for a data file (data.max_file_mb in modelgate.yml raises it)`,
    )
  })

  test('a file that is not Parquet says so, naming it', async () => {
    const fake = path.join(DATA, '..', 'not-parquet.parquet')
    await fs.writeFile(fake, 'id,x\n1,2\n')
    try {
      await expect(readTable([fake])).rejects.toThrow(`${fake}: not a readable Parquet file`)
    } finally {
      await fs.rm(fake)
    }
  })
})

describe('s3:// data', () => {
  const BUCKET = 'training-data'
  let server: FauxS3Server
  let store: S3ObjectStore
  let client: S3Client
  beforeAll(async () => {
    server = await startS3Server([BUCKET, 'modelgate-store'])
    client = new S3Client({
      endpoint: server.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
    })
    for (const name of ['rows.csv', 'rows.parquet'])
      await client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `flights/${name}`, Body: await fs.readFile(file(name)) }),
      )
    // The store is on S3 too: data objects are read with its client (endpoint, path style, credentials).
    store = new S3ObjectStore({
      bucket: 'modelgate-store',
      prefix: 'ci',
      endpoint: server.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      env: { AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY },
    })
  })
  afterAll(async () => {
    await server.stop()
  })

  test('s3:// CSV and Parquet objects make the same dataset as the local CSV, and the sha256 is the object’s', async () => {
    const local = await loadDataset(spec('rows.csv'))
    for (const name of ['rows.csv', 'rows.parquet']) {
      const remote = await withLocalData(spec(`s3://${BUCKET}/flights/${name}`), store, (s) => loadDataset(s))
      expect({
        train: [...remote.train.rows],
        eval: [...remote.eval.rows],
        features: remote.features,
      }).toEqual({
        train: [...local.train.rows],
        eval: [...local.eval.rows],
        features: local.features,
      })
      expect(remote.dataHash).toBe(
        createHash('sha256')
          .update(await fs.readFile(file(name)))
          .digest('hex'),
      )
    }
  })

  test('an object over data.max_file_mb is refused from its size alone, naming the URL and the limit', async () => {
    const limited = spec(`s3://${BUCKET}/flights/rows.csv`, '  max_file_mb: 0.001\n')
    let used = false
    await expect(
      withLocalData(limited, store, () => {
        used = true
        return Promise.resolve()
      }),
    ).rejects.toThrow(
      `s3://${BUCKET}/flights/rows.csv: 0.0 MB is larger than the limit of 0.0 MB for a data file (data.max_file_mb in modelgate.yml raises it)`,
    )
    expect(used).toBe(false)
  })

  test('a missing object is named by its URL; errors from reading name the URL, not the temporary copy', async () => {
    await expect(
      withLocalData(spec(`s3://${BUCKET}/flights/nope.csv`), store, () => Promise.resolve()),
    ).rejects.toThrow(`s3://${BUCKET}/flights/nope.csv: no such object`)
    // A value the data stage refuses: the message names the object, not the temporary copy it was read from.
    const rows = [
      'id,x1,label',
      ...Array.from({ length: 20 }, (_, i) => `r${i},${i},${i === 6 ? '' : i % 2 ? 'yes' : 'no'}`),
    ]
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'flights/bad.csv', Body: `${rows.join('\n')}\n` }),
    )
    await expect(
      withLocalData(spec(`s3://${BUCKET}/flights/bad.csv`), store, (s) => loadDataset(s)),
    ).rejects.toThrow(`s3://${BUCKET}/flights/bad.csv: row 7 (line 8), column "label": the target is missing`)
  })
})
