/**
 * The Action's reports beyond the comment, end to end on a pull request against the GitHub stand-in: the
 * HTML report written beside the results file and uploaded as a workflow artifact (to a local stand-in of the
 * runner's artifact service), and the comment's links to the run's stored report and model card — under
 * report-base-url, or presigned by an S3 store (fauxqs) with the configured expiry.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { OWNER, REPO, eventCall, requiredOutput, runActionInProcess } from './helpers/action-runner.js'
import { startArtifactStandIn, type ArtifactStandIn } from './harness/artifact-standin.js'
import { testCredentialsEnv } from './harness/aws-env.js'
import { startGitHubStandIn, type GitHubStandIn } from './harness/github-standin.js'
import type { RepoRecord } from './harness/github-state.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'
import { workspaceWithModel } from './helpers/workspace.js'
import { HEAD_SHA } from './helpers/action-runner.js'
import type { ModelResult } from '../src/pipeline/types.js'
import { documentLinks } from '../src/action/report-documents.js'
import { parseMarker } from '../src/github/comment.js'
import { readResultsFile } from '../src/action/results-file.js'
import type { Session } from '../src/action/session.js'

let github: GitHubStandIn
let artifacts: ArtifactStandIn
let repo: RepoRecord
let workspace: string

beforeEach(async () => {
  github = await startGitHubStandIn()
  artifacts = await startArtifactStandIn()
  repo = github.state.addRepo({ owner: OWNER, name: REPO })
  github.state.addPull(repo, { headRef: 'feature/x', headSha: HEAD_SHA, author: 'alice' })
  workspace = await workspaceWithModel()
})

afterEach(async () => {
  await github.stop()
  await artifacts.close()
  await fs.rm(workspace, { recursive: true, force: true })
  expect(github.violations).toEqual([])
})

const runnerArtifactEnv = (): Record<string, string> => ({
  ACTIONS_RUNTIME_TOKEN: artifacts.runtimeToken,
  ACTIONS_RESULTS_URL: artifacts.url,
})

async function firstModel(run: Awaited<ReturnType<typeof runActionInProcess>>): Promise<ModelResult> {
  const results = JSON.parse(await fs.readFile(requiredOutput(run, 'results'), 'utf8')) as {
    models: ModelResult[]
  }
  return results.models[0]!
}

test('report-base-url: the comment and summary link the stored report and card; the reports are an artifact', async () => {
  const call = await eventCall(
    'pull_request',
    { workspace, apiUrl: github.url },
    { 'report-base-url': 'https://reports.example.com/modelgate/' },
    runnerArtifactEnv(),
  )
  const run = await runActionInProcess(call)
  expect(run.exitCode).toBe(0)
  const model = await firstModel(run)
  const key = `models/churn/runs/${model.runId}`
  const body = github.state.commentsOn(repo, 1)[0]!.body
  expect(body).toContain(
    `📄 [full HTML report](https://reports.example.com/modelgate/${key}/report.html) · [model card](https://reports.example.com/modelgate/${key}/model-card.md)`,
  )
  expect(run.summary).toContain(`(https://reports.example.com/modelgate/${key}/report.html)`)
  // The linked objects are in the store, where the base URL serves them from.
  const stored = await fs.readFile(path.join(workspace, '.modelgate', key, 'report.html'), 'utf8')
  expect(stored).toContain('<meta http-equiv="Content-Security-Policy"')
  await expect(
    fs.readFile(path.join(workspace, '.modelgate', key, 'model-card.md'), 'utf8'),
  ).resolves.toMatch(/^# Model card: churn\n/)
  // The comparison's HTML report beside the results file, uploaded with the Markdown as one artifact.
  const html = await fs.readFile(path.join(workspace, 'modelgate-results.html'), 'utf8')
  expect(html).toContain(model.runId)
  expect(artifacts.uploads).toMatchObject([{ name: 'modelgate-report', finalized: true }])
  expect(run.log).toContain('report artifact "modelgate-report" uploaded (id 4242)')
})

test('without a base URL or a signing store, the comment links the artifact; report-artifact: none uploads nothing', async () => {
  const run = await runActionInProcess(
    await eventCall('pull_request', { workspace, apiUrl: github.url }, {}, runnerArtifactEnv()),
  )
  expect(run.exitCode).toBe(0)
  const body = github.state.commentsOn(repo, 1)[0]!.body
  expect(body).toContain(
    '📄 [full HTML report](https://github.com/acme/churn-model/actions/runs/30433642/artifacts/4242)',
  )

  const none = await runActionInProcess(
    await eventCall(
      'pull_request',
      { workspace, apiUrl: github.url },
      { 'report-artifact': 'none', comment: 'always' },
      runnerArtifactEnv(),
    ),
  )
  expect(none.exitCode).toBe(0)
  expect(artifacts.uploads).toHaveLength(1)
  expect(github.state.commentsOn(repo, 1)[0]!.body).not.toContain('📄')
})

describe('with an S3 store', () => {
  const BUCKET = 'reports'
  let s3: FauxS3Server
  beforeAll(async () => {
    s3 = await startS3Server([BUCKET])
  })
  afterAll(async () => {
    await s3.stop()
  })

  test('the links are presigned GetObject URLs with the configured expiry, and they fetch the stored files', async () => {
    const inputs = {
      store: `s3://${BUCKET}/ci`,
      's3-endpoint': s3.endpoint,
      's3-force-path-style': 'true',
      's3-region': 'us-east-1',
      'report-url-expiry-hours': '2',
    }
    const run = await runActionInProcess(
      await eventCall('pull_request', { workspace, apiUrl: github.url }, inputs, testCredentialsEnv()),
    )
    expect(run.exitCode).toBe(0)
    const model = await firstModel(run)
    const body = github.state.commentsOn(repo, 1)[0]!.body
    const links = [...body.matchAll(/\[(full HTML report|model card)\]\(([^)]+)\)/g)].map((m) => m[2]!)
    expect(links).toHaveLength(2)
    const [report, card] = links.map((l) => new URL(l))
    expect(report!.pathname).toBe(`/${BUCKET}/ci/models/churn/runs/${model.runId}/report.html`)
    expect(report!.searchParams.get('X-Amz-Expires')).toBe('7200')
    expect(report!.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/)
    expect(report!.searchParams.get('X-Amz-Credential')).toMatch(/^AKIAMODELGATETEST0001\//)
    expect(card!.pathname).toBe(`/${BUCKET}/ci/models/churn/runs/${model.runId}/model-card.md`)
    const fetched = await fetch(report!)
    expect(fetched.status).toBe(200)
    expect(await fetched.text()).toContain(model.runId)
  })

  test('comment: on-change keeps an unchanged comment until half its links’ lifetime is gone, then rewrites it with fresh links', async () => {
    const inputs = {
      store: `s3://${BUCKET}/ci-expiry`,
      's3-endpoint': s3.endpoint,
      's3-force-path-style': 'true',
      's3-region': 'us-east-1',
      'report-url-expiry-hours': '2',
      comment: 'on-change',
    }
    const t0 = Date.parse('2026-12-02T10:00:00Z')
    const at = async (minutes: number) => {
      const clock = { now: () => new Date(t0 + minutes * 60_000) }
      const call = await eventCall(
        'pull_request',
        { workspace, apiUrl: github.url },
        inputs,
        testCredentialsEnv(),
      )
      const run = await runActionInProcess(call, { clock })
      expect(run.exitCode).toBe(0)
      const comments = github.state.commentsOn(repo, 1)
      expect(comments).toHaveLength(1)
      return { run, body: comments[0]!.body }
    }
    const first = await at(0)
    expect(first.body).toContain('"linksExpire":"2026-12-02T12:00:00.000Z"')
    // 30 minutes on, 90 of the 120 minutes are left: the same results, so the comment stays.
    const second = await at(30)
    expect(second.run.log).toContain('the results are unchanged (comment: on-change), so it stays as it is')
    expect(second.body).toBe(first.body)
    // 70 minutes on, 50 are left, under half of a fresh link's 120: rewritten, with links good until 13:10.
    const third = await at(70)
    expect(third.run.log).toContain(
      'the results are unchanged, but its report links expire at 2026-12-02T12:00:00.000Z, so it is rewritten with fresh links',
    )
    expect(third.body).toContain('"linksExpire":"2026-12-02T13:10:00.000Z"')
    expect(parseMarker(third.body)!.hash).toBe(parseMarker(first.body)!.hash)
    const link = (body: string): string => /\[full HTML report\]\(([^)]+)\)/.exec(body)![1]!
    expect(link(third.body)).not.toBe(link(first.body))
  })
})

describe('a results file from another workflow (mode: report)', () => {
  const session = (signed: string[]): Session =>
    ({
      settings: { reportBaseUrl: null, reportUrlExpirySeconds: 3600, store: { kind: 'fs', dir: '/x' } },
      services: {
        logger: { info: () => {}, warn: () => {} },
        clock: { now: () => new Date(0) },
        openStore: () =>
          Promise.resolve({
            signedUrl: (key: string) => {
              signed.push(key)
              return Promise.resolve(`https://bucket.example.com/${key}?X-Amz-Signature=0`)
            },
          }),
      },
    }) as unknown as Session

  test('only the run’s report.html and model-card.md are ever presigned, whatever names the file gives', async () => {
    const signed: string[] = []
    const hostile = {
      name: 'churn',
      runId: '20261201T000000Z-abcdef',
      stored: true,
      documents: { report: 'model/weights.bin', card: '../../aliases/champion.json' },
    } as unknown as ModelResult
    const badRun = { ...hostile, name: 'credit', runId: '../../secrets' }
    const { links } = await documentLinks(session(signed), [hostile, badRun], null)
    expect(signed).toEqual([
      'models/churn/runs/20261201T000000Z-abcdef/report.html',
      'models/churn/runs/20261201T000000Z-abcdef/model-card.md',
    ])
    expect(Object.keys(links)).toEqual(['churn'])
  })

  test('curves that are not numbers are refused when the file is read', async () => {
    const run = await runActionInProcess(
      await eventCall(
        'pull_request',
        { workspace, apiUrl: github.url },
        { comment: 'never', checks: 'false' },
      ),
    )
    const file = requiredOutput(run, 'results')
    const results = JSON.parse(await fs.readFile(file, 'utf8')) as { models: ModelResult[] }
    ;(results.models[0] as unknown as { curves: unknown }).curves = {
      steps: 2,
      challenger: { roc: ['"]\n```'], pr: [], reliability: [] },
      champion: null,
    }
    await fs.writeFile(file, JSON.stringify(results))
    await expect(readResultsFile(file)).rejects.toThrow(
      /is not a modelgate Action results file: models\.0\.curves\.challenger\.roc\.0: /,
    )
  })
})
