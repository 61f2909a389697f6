import { promises as fs } from 'node:fs'
import path from 'node:path'
import { setAwsEnv, testCredentialsEnv } from './harness/aws-env.js'
import { startCasProxy, type CasProxy } from './harness/cas-proxy.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const BUCKET = 'cli-models'
let server: FauxS3Server
let proxy: CasProxy
let restoreEnv: () => void
let root: string

beforeAll(async () => {
  restoreEnv = setAwsEnv(testCredentialsEnv())
  server = await startS3Server([BUCKET])
  proxy = await startCasProxy({
    upstream: server.endpoint,
    // "Read-only credentials" for one prefix: reads pass, writes are refused as S3 refuses them.
    faults: [
      {
        keyPrefix: 'readonly/',
        status: 403,
        code: 'AccessDenied',
        message: 'Access Denied',
        methods: ['PUT', 'POST'],
      },
    ],
  })
  root = await makeWorkspace()
  await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(400, 21) })
})
afterAll(async () => {
  await proxy.stop()
  await server.stop()
  restoreEnv()
})

const s3 = (prefix: string): string[] => [
  '--store',
  `s3://${BUCKET}/${prefix}`,
  '--s3-endpoint',
  proxy.endpoint,
  '--s3-force-path-style',
]

describe('modelgate with an S3 store (fauxqs on 127.0.0.1 behind a conditional-write proxy)', () => {
  it('run --promote, run again against the champion, then predict from the bucket', async () => {
    const first = await runCli(root, ['run', '--promote', '--json', 'a.json', ...s3('team')])
    expect(first.code).toBe(0)
    const a = JSON.parse(await fs.readFile(path.join(root, 'a.json'), 'utf8'))
    expect(a.store).toBe(`s3://${BUCKET}/team`)
    expect(a.models[0]).toMatchObject({ stored: true, promoted: true, verdict: 'no-champion' })
    const second = await runCli(root, ['run', '--json', 'b.json', ...s3('team')])
    expect(second.code).toBe(0)
    const b = JSON.parse(await fs.readFile(path.join(root, 'b.json'), 'utf8')).models[0]
    expect(b.champion.runId).toBe(a.models[0].runId)
    expect(b.verdict).toBe('pass')
    await fs.writeFile(path.join(root, 'score.csv'), syntheticCsv(50, 77))
    const predict = await runCli(root, [
      'predict',
      '--model',
      'toy',
      '--input',
      'score.csv',
      '--output',
      'out.csv',
      ...s3('team'),
    ])
    expect(predict.code).toBe(0)
    const out = (await fs.readFile(path.join(root, 'out.csv'), 'utf8')).trim().split('\n')
    expect(out).toHaveLength(51)
    expect(out[0]).toBe('id,p_yes')
    const show = await runCli(root, ['show', 'toy', ...s3('team')])
    expect(show.stdout).toContain(`toy in s3://${BUCKET}/team: 2 run(s); champion ${a.models[0].runId}`)
  })

  it('read-only credentials: compares with the champion, reports, and does not store or fail', async () => {
    // Seed a champion under readonly/ straight into the server, bypassing the proxy that refuses writes there.
    const direct = [
      '--store',
      `s3://${BUCKET}/readonly`,
      '--s3-endpoint',
      server.endpoint,
      '--s3-force-path-style',
    ]
    const seed = await runCli(root, ['run', '--promote', '--json', 'seed.json', ...direct])
    expect(seed.code).toBe(0)
    const champion = JSON.parse(await fs.readFile(path.join(root, 'seed.json'), 'utf8')).models[0]
      .runId as string
    const out = await runCli(root, ['run', '--promote', '--json', 'ro.json', ...s3('readonly')])
    expect(out.code).toBe(0)
    const result = JSON.parse(await fs.readFile(path.join(root, 'ro.json'), 'utf8')).models[0]
    expect(result.champion.runId).toBe(champion)
    expect(result.verdict).toBe('pass')
    expect(result.stored).toBe(false)
    expect(result.storeNote).toMatch(
      /^not stored: access denied writing s3:\/\/cli-models\/readonly\/models\/toy\/runs\/.* the credentials need s3:PutObject; pull requests from forks get read-only or no credentials/,
    )
    expect(result.promoted).toBe(false)
    expect(out.stdout).toContain('Store: not stored: access denied')
  })

  it('no credentials at all: says so plainly and goes on without the champion and without storing', async () => {
    const restore = setAwsEnv()
    try {
      const out = await runCli(root, ['run', '--json', 'none.json', ...s3('team')])
      expect(out.stderr).toContain(
        `warning: no AWS credentials: s3://${BUCKET}/team can be neither read nor written; the run is compared without its champion and not stored`,
      )
      expect(out.code).toBe(0)
      const result = JSON.parse(await fs.readFile(path.join(root, 'none.json'), 'utf8')).models[0]
      expect(result).toMatchObject({
        stored: false,
        storeNote: `not stored: s3://${BUCKET}/team is read-only here`,
      })
      expect(result.championNote).toMatch(
        /no AWS credentials found while reading s3:\/\/cli-models\/team\/models\/toy\/aliases\/champion\.json/,
      )
      expect(out.stderr + out.stdout).not.toContain('modelgate-test-secret')
    } finally {
      restore()
    }
  })
})
