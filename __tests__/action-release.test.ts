/**
 * A published release deploys for real: gate record checked, `production` moved, the run copied to deploy-to
 * (on the local S3 server) with its pointer written last, a signed webhook received by a local server, a GitHub
 * deployment with statuses, release assets and notes — and a rollback moves it all back. Against the GitHub
 * stand-in; every test ends by asserting no OpenAPI violation.
 */
import { createHmac } from 'node:crypto'
import {
  MAIN_SHA,
  OWNER,
  REPO,
  errorLines,
  eventCall,
  loadEvent,
  requiredOutput,
  runActionInProcess,
  type ActionRun,
} from './helpers/action-runner.js'
import { fakeGit } from './helpers/fake-git.js'
import { copyRunWithVerdict } from './helpers/runs.js'
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.js'
import { syntheticCsv, workspaceWithModel } from './helpers/workspace.js'
import { setAwsEnv, testCredentialsEnv } from './harness/aws-env.js'
import { startCasProxy, type CasProxy } from './harness/cas-proxy.js'
import { startGitHubStandIn, type GitHubStandIn } from './harness/github-standin.js'
import type { ReleaseRecord, RepoRecord } from './harness/github-state.js'
import { startS3Server, type FauxS3Server } from './harness/s3-server.js'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ActionServices } from '../src/action/session.js'
import type { ObjectStore } from '../src/store/object-store.js'
import { Registry, sha256Hex, type AliasRecord } from '../src/store/registry.js'
import { openStore, parseStoreUrl, type StoreLocation } from '../src/store/store-url.js'
import { systemClock } from '../src/util/clock.js'
import { NOTES_END, NOTES_START } from '../src/deploy/release.js'
import type { DeploymentPointer } from '../src/deploy/deliver-store.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BUCKET = 'release-models'
const SECRET = 'whsec-test-7c1f'
let s3: FauxS3Server
let proxy: CasProxy
let restoreEnv: () => void
let standIn: GitHubStandIn
let repo: RepoRecord
let workspace: string
let hook: WebhookReceiver
let prefix: string
let round = 0

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

beforeEach(async () => {
  standIn = await startGitHubStandIn()
  repo = standIn.state.addRepo({ owner: OWNER, name: REPO, headSha: MAIN_SHA })
  workspace = await workspaceWithModel()
  hook = await startWebhookReceiver()
  prefix = `t${++round}`
})

afterEach(async () => {
  await standIn.stop()
  await hook.stop()
  await fs.rm(workspace, { recursive: true, force: true })
  expect(standIn.violations).toEqual([])
})

const s3Location = (path: string): StoreLocation =>
  parseStoreUrl(`s3://${BUCKET}/${prefix}/${path}`, {
    s3Endpoint: proxy.endpoint,
    s3ForcePathStyle: true,
    s3Region: 'us-east-1',
  })

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    store: `s3://${BUCKET}/${prefix}/registry`,
    'deploy-to': `s3://${BUCKET}/${prefix}/serving/`,
    'deploy-webhook': hook.url,
    's3-endpoint': proxy.endpoint,
    's3-force-path-style': 'true',
    's3-region': 'us-east-1',
    checks: 'false',
    ...extra,
  }
}

const ENV = { ...testCredentialsEnv(), MODELGATE_WEBHOOK_SECRET: SECRET }

/** Every tag contains MAIN_SHA unless a test says otherwise. */
let git = fakeGit({})
const sleeps: number[] = []
/** The keys written to the deploy-to store, in order. */
let servingPuts: string[] = []

function services(): Partial<ActionServices> {
  return {
    gitReader: () => git,
    sleep: (ms) => {
      sleeps.push(ms)
      return Promise.resolve()
    },
    openStore: async (location) => {
      const store = await openStore(location)
      if (location.kind !== 's3' || !location.prefix.endsWith('/serving')) return store
      const recording: ObjectStore = {
        location: store.location,
        get: (key) => store.get(key),
        list: (p) => store.list(p),
        delete: (key) => store.delete(key),
        put: (key, body, condition) => {
          servingPuts.push(key)
          return store.put(key, body, condition)
        },
      }
      return recording
    },
  }
}

beforeEach(() => {
  git = fakeGit(Object.fromEntries(['v1.0.0', 'v1.1.0', 'v2.0.0'].map((t) => [`refs/tags/${t}`, [MAIN_SHA]])))
  sleeps.length = 0
  servingPuts = []
})

let pushes = 0
/** A push that trains a new champion: each push changes the data, since a bit-identical model is not re-promoted. */
async function push(extra: Record<string, string> = {}): Promise<string> {
  await fs.writeFile(path.join(workspace, 'models', 'churn', 'data.csv'), syntheticCsv(600, 5 + pushes++))
  const run = await runActionInProcess(
    await eventCall('push', { workspace, apiUrl: standIn.url }, inputs(extra), ENV),
    services(),
  )
  expect([run.exitCode, run.outputs['champion-changed']]).toEqual([0, 'true'])
  return JSON.parse(requiredOutput(run, 'run-ids')).churn as string
}

async function release(
  tag: string,
  extra: Record<string, string> = {},
  body = 'Churn model with tenure.',
): Promise<{ run: ActionRun; record: ReleaseRecord }> {
  const record =
    standIn.state.releases.find((r) => r.tagName === tag) ??
    standIn.state.addRelease(repo, { tag, sha: MAIN_SHA, body })
  const payload = await loadEvent('release')
  payload.release!.tag_name = tag
  const run = await runActionInProcess(
    {
      workspace,
      apiUrl: standIn.url,
      event: 'release',
      payload,
      sha: MAIN_SHA,
      ref: `refs/tags/${tag}`,
      inputs: { mode: 'deploy', ...inputs(extra) },
      env: ENV,
    },
    services(),
  )
  return { run, record }
}

async function rollback(extra: Record<string, string> = {}): Promise<ActionRun> {
  return runActionInProcess(
    {
      workspace,
      apiUrl: standIn.url,
      event: 'workflow_dispatch',
      payload: await loadEvent('workflow_dispatch'),
      sha: MAIN_SHA,
      ref: 'refs/heads/main',
      actor: 'bob',
      inputs: { mode: 'rollback', model: 'churn', ...inputs(extra) },
      env: ENV,
    },
    services(),
  )
}

async function registry(): Promise<Registry> {
  return new Registry(await openStore(s3Location('registry')), systemClock)
}

async function production(): Promise<AliasRecord | null> {
  return (await (await registry()).getAlias('churn', 'production'))?.record ?? null
}

async function pointer(): Promise<DeploymentPointer | null> {
  const object = await (await openStore(s3Location('serving'))).get('churn/current.json')
  return object ? (JSON.parse(new TextDecoder().decode(object.body)) as DeploymentPointer) : null
}

function verified(received: { headers: Record<string, unknown>; body: string }): boolean {
  const expected = `sha256=${createHmac('sha256', SECRET).update(received.body).digest('hex')}`
  return received.headers['x-modelgate-signature-256'] === expected
}

describe('a release whose champion passed its gate', () => {
  test('moves production, copies the run and writes the pointer last, posts a signed webhook, records the deployment, attaches assets and fills the notes section', async () => {
    const first = await push()
    const second = await push()
    const reg = await registry()
    const manifest = await reg.readManifest('churn', second)
    expect(manifest.meta.comparedWith).toEqual({ runId: first, verdict: 'pass' })

    const body = `Author's notes.\n\n${NOTES_START}\nstale table\n${NOTES_END}\n\nThanks to everyone.`
    const { run, record } = await release('v1.1.0', {}, body)
    expect([run.exitCode, errorLines(run.log)]).toEqual([0, []])
    expect(git.asked).toEqual([`${MAIN_SHA} in refs/tags/v1.1.0`])

    // The alias, with who, why and when.
    expect(await production()).toMatchObject({
      runId: second,
      version: 1,
      history: [
        {
          action: 'promote',
          runId: second,
          previous: null,
          reason: 'release v1.1.0',
          by: 'alice via modelgate Action (release)',
        },
      ],
    })

    // Every file copied, byte for byte, then the pointer as the very last write.
    const serving = await openStore(s3Location('serving'))
    for (const file of manifest.files) {
      const copy = await serving.get(`churn/${second}/${file.path}`)
      expect([file.path, copy && sha256Hex(copy.body)]).toEqual([file.path, file.sha256])
    }
    expect(servingPuts.at(-1)).toBe('churn/current.json')
    expect(servingPuts.filter((k) => k === 'churn/current.json')).toHaveLength(1)
    expect(servingPuts).toContain(`churn/${second}/manifest.json`)
    expect(await pointer()).toMatchObject({
      model: 'churn',
      runId: second,
      alias: 'production',
      aliasVersion: 1,
      release: 'v1.1.0',
      path: `churn/${second}/`,
      location: `s3://${BUCKET}/${prefix}/serving/churn/${second}/`,
      files: manifest.files,
    })

    // The webhook: one POST, signed over the exact bytes, with the run's files and their sha256.
    expect(hook.received).toHaveLength(1)
    const [delivery] = hook.received
    expect(verified(delivery!)).toBe(true)
    expect(delivery!.headers['x-modelgate-event']).toBe('deploy')
    expect(JSON.parse(delivery!.body)).toMatchObject({
      event: 'deploy',
      model: 'churn',
      run: second,
      previous: null,
      release: 'v1.1.0',
      repository: `${OWNER}/${REPO}`,
      store: `s3://${BUCKET}/${prefix}/registry/models/churn/runs/${second}/`,
      deployedTo: `s3://${BUCKET}/${prefix}/serving/churn/${second}/`,
      files: manifest.files,
    })
    expect(sleeps).toEqual([])

    // The GitHub deployment of the release's commit, in_progress then success, linking the run.
    expect(standIn.state.deployments).toHaveLength(1)
    const [deployment] = standIn.state.deployments
    expect(deployment).toMatchObject({ ref: 'v1.1.0', sha: MAIN_SHA, environment: 'production' })
    const statuses = standIn.state.statusesOf(deployment!)
    expect(statuses.map((s) => s.state)).toEqual(['success', 'in_progress'])
    expect(statuses[0]!.logUrl).toBe('https://github.com/acme/churn-model/actions/runs/30433642')

    // Assets (uploaded to the upload host, not the API host) and the notes section.
    expect(record.assets.map((a) => a.name).sort()).toEqual(['churn-metrics.json', 'churn-model-card.md'])
    const card = record.assets.find((a) => a.name === 'churn-model-card.md')!.body.toString('utf8')
    // The model card stored with the run (report/model-card.ts) is the asset.
    expect(card).toContain('# Model card: churn')
    expect(card).toContain('verdict ✅ pass')
    expect(card).toContain(`Run \`${second}\``)
    expect(card).toContain(`On the same eval rows as champion run \`${first}\``)
    const metrics = record.assets.find((a) => a.name === 'churn-metrics.json')!.body
    expect(sha256Hex(metrics)).toBe(manifest.files.find((f) => f.path === 'metrics.json')!.sha256)
    const uploads = standIn.requests.filter((r) => r.operationId === 'repos/upload-release-asset')
    expect(uploads.map((r) => r.status)).toEqual([201, 201])
    expect(record.body!.startsWith("Author's notes.\n\n<!-- modelgate:start -->")).toBe(true)
    expect(record.body!.endsWith(`${NOTES_END}\n\nThanks to everyone.`)).toBe(true)
    expect(record.body).not.toContain('stale table')
    expect(record.body).toContain(`| churn | ${second} | pass |`)
  })

  test('published again, or the job re-run, it deploys once; a later release of the same champion is a no-op with a message', async () => {
    await push()
    const first = await release('v1.0.0')
    expect(first.run.exitCode).toBe(0)
    const again = await release('v1.0.0')
    expect(again.run.exitCode).toBe(0)
    expect(again.run.log).toMatch(
      /release v1\.0\.0 was already deployed \(deployment \d+, now success\); nothing to do/,
    )
    const later = await release('v2.0.0')
    expect(later.run.exitCode).toBe(0)
    expect(later.run.log).toMatch(
      /churn: run \S+ already in production \(deployment \d+\); nothing to deploy/,
    )
    expect(standIn.state.deployments).toHaveLength(1)
    expect(hook.received).toHaveLength(1)
    expect((await production())!.version).toBe(1)
    expect(first.record.assets).toHaveLength(2)
  })

  test('a webhook answering 5xx is retried with backoff; a 4xx fails the deployment', async () => {
    await push()
    hook.answers.push(503, 502)
    const ok = await release('v1.0.0')
    expect(ok.run.exitCode).toBe(0)
    expect(hook.received).toHaveLength(3)
    expect(hook.received.every(verified)).toBe(true)
    // One delivery: its id (a v4 UUID from the injected randomness) is the same on every retry.
    const ids = new Set(hook.received.map((d) => d.headers['x-modelgate-delivery']))
    expect(ids.size).toBe(1)
    expect([...ids][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(sleeps).toEqual([1000, 4000])
    expect(ok.run.log).toContain('webhook: HTTP 200 after 3 attempts')

    await push()
    hook.answers.push(410)
    const refused = await release('v1.1.0')
    expect(refused.run.exitCode).toBe(1)
    expect(errorLines(refused.run.log)).toEqual([
      `deploy-webhook http://127.0.0.1:${new URL(hook.url).port} refused the deploy of churn: HTTP 410`,
    ])
    const failed = standIn.state.deployments[1]!
    expect(standIn.state.statusesOf(failed).map((s) => s.state)).toEqual(['failure', 'in_progress'])
    // Re-running the job after the receiver is fixed delivers it (the failed attempt did not count).
    const rerun = await release('v1.1.0')
    expect(rerun.run.exitCode).toBe(0)
    expect(standIn.state.deployments).toHaveLength(3)
    expect(standIn.state.statusesOf(standIn.state.deployments[2]!)[0]!.state).toBe('success')
  })
})

test("the README's webhook verification snippet accepts a real delivery and rejects a tampered one", async () => {
  await push()
  expect((await release('v1.0.0')).run.exitCode).toBe(0)
  const readme = await fs.readFile(path.join(ROOT, 'README.md'), 'utf8')
  const snippet = /```js\n(import \{ createHmac[\s\S]*?verifyModelgateSignature[\s\S]*?)```/.exec(readme)?.[1]
  expect(snippet).toBeDefined()
  const file = path.join(workspace, 'verify.mjs')
  await fs.writeFile(file, snippet!)
  const { verifyModelgateSignature } = (await import(pathToFileURL(file).href)) as {
    verifyModelgateSignature: (body: Buffer, header: unknown, secret: string) => boolean
  }
  const [delivery] = hook.received
  const header = delivery!.headers['x-modelgate-signature-256']
  expect(verifyModelgateSignature(Buffer.from(delivery!.body), header, SECRET)).toBe(true)
  expect(
    verifyModelgateSignature(Buffer.from(delivery!.body.replace('v1.0.0', 'v6.6.6')), header, SECRET),
  ).toBe(false)
  expect(verifyModelgateSignature(Buffer.from(delivery!.body), header, 'wrong secret')).toBe(false)
  expect(verifyModelgateSignature(Buffer.from(delivery!.body), undefined, SECRET)).toBe(false)
})

test('a webhook still failing with 5xx after every retry fails the deployment, after four attempts', async () => {
  await push()
  hook.answers.push(500, 503, 502, 500)
  const { run } = await release('v1.0.0')
  expect(run.exitCode).toBe(1)
  expect(errorLines(run.log)).toEqual([
    `deploy-webhook http://127.0.0.1:${new URL(hook.url).port} failed for the deploy of churn after 4 attempts: HTTP 500`,
  ])
  expect(hook.received).toHaveLength(4)
  expect(sleeps).toEqual([1000, 4000, 15000])
  const [deployment] = standIn.state.deployments
  expect(standIn.state.statusesOf(deployment!).map((s) => [s.state, s.description])).toEqual([
    [
      'failure',
      expect.stringMatching(/^modelgate deploy failed: deploy-webhook .* after 4 attempts: HTTP 500$/),
    ],
    ['in_progress', expect.stringContaining('deploy: churn → ')],
  ])
})

describe('a release whose champion did not pass', () => {
  /** Make a run with the given gate record champion by hand (as `modelgate promote` could). */
  async function championWithVerdict(verdict: 'fail' | 'inconclusive'): Promise<string> {
    const first = await push()
    const reg = await registry()
    const runId = await copyRunWithVerdict(reg, 'churn', first, `20260105T100000Z-${verdict.slice(0, 4)}00`, {
      runId: first,
      verdict,
    })
    await reg.setAlias('churn', 'champion', runId, { action: 'promote', by: 'carol', reason: 'manual' })
    return runId
  }

  async function nothingChanged(): Promise<void> {
    expect(await production()).toBeNull()
    expect(await pointer()).toBeNull()
    expect(servingPuts.filter((k) => k.startsWith('churn/'))).toEqual([])
    expect(hook.received).toEqual([])
    expect(standIn.state.deployments).toEqual([])
  }

  test('a failed champion is refused before anything changes, naming model, run, verdict and what to do', async () => {
    const runId = await championWithVerdict('fail')
    servingPuts = []
    const { run, record } = await release('v1.0.0')
    expect(run.exitCode).toBe(1)
    expect(errorLines(run.log)[0]).toMatch(
      new RegExp(
        `^model "churn": run ${runId} cannot be deployed: its gate verdict is fail \\(against champion \\S+\\)\\. Only a run that passed its gate can be deployed`,
      ),
    )
    await nothingChanged()
    expect(record.assets).toEqual([])
    expect(record.body).toBe('Churn model with tenure.')
  })

  test('an inconclusive champion is refused, and deployed with allow-inconclusive: true', async () => {
    const runId = await championWithVerdict('inconclusive')
    servingPuts = []
    const refused = await release('v1.0.0')
    expect(refused.run.exitCode).toBe(1)
    expect(errorLines(refused.run.log)).toEqual([
      expect.stringContaining(
        `run ${runId} cannot be deployed: its gate verdict is inconclusive (against champion`,
      ),
    ])
    expect(errorLines(refused.run.log)[0]).toContain('set allow-inconclusive: true to accept it')
    await nothingChanged()

    const allowed = await release('v1.0.0', { 'allow-inconclusive': 'true' })
    expect(allowed.run.exitCode).toBe(0)
    expect((await production())!.runId).toBe(runId)
    expect(allowed.record.body).toContain(`| churn | ${runId} | inconclusive |`)
  })

  test('a champion trained on a commit the release tag does not contain is refused', async () => {
    await push()
    git = fakeGit({ 'refs/tags/v1.0.0': ['0000000000000000000000000000000000000000'] })
    servingPuts = []
    const { run } = await release('v1.0.0')
    expect(run.exitCode).toBe(1)
    expect(errorLines(run.log)[0]).toContain(
      `it was trained on commit a1b2c3d, which is not reachable from the release tag v1.0.0`,
    )
    await nothingChanged()
  })
})

describe('rollback', () => {
  test('moves production and the pointer back one step, records who and why, marks the rolled-back deployment inactive and the new one success', async () => {
    const first = await push()
    expect((await release('v1.0.0')).run.exitCode).toBe(0)
    const second = await push()
    expect((await release('v1.1.0')).run.exitCode).toBe(0)
    expect((await pointer())!.runId).toBe(second)

    const back = await rollback()
    expect([back.exitCode, errorLines(back.log)]).toEqual([0, []])
    const alias = (await production())!
    expect(alias.runId).toBe(first)
    expect(alias.history.at(-1)).toMatchObject({
      action: 'rollback',
      runId: first,
      previous: second,
      by: 'bob via modelgate Action (workflow_dispatch)',
    })
    expect(alias.history.at(-1)!.reason).toContain('rollback requested by bob in workflow modelgate')
    expect(await pointer()).toMatchObject({ runId: first, aliasVersion: 3 })
    // Nothing is deleted: the copy of the rolled-back run is still there.
    const serving = await openStore(s3Location('serving'))
    expect(await serving.get(`churn/${second}/manifest.json`)).not.toBeNull()

    const [v1, v11, rb] = standIn.state.deployments
    expect(rb).toMatchObject({ ref: 'v1.0.0', payload: { kind: 'rollback', models: { churn: first } } })
    expect(standIn.state.statusesOf(rb!).map((s) => s.state)).toEqual(['success', 'in_progress'])
    expect(standIn.state.statusesOf(v11!).map((s) => s.state)).toEqual(['inactive', 'success', 'in_progress'])
    expect(standIn.state.statusesOf(v1!)[0]!.state).toBe('success')
    const last = JSON.parse(hook.received.at(-1)!.body) as { event: string; run: string; previous: string }
    expect(last).toMatchObject({ event: 'rollback', run: first, previous: second })
    expect(verified(hook.received.at(-1)!)).toBe(true)
  })

  test('to-run moves production to a named run that passed its gate, and refuses one that did not', async () => {
    const first = await push()
    expect((await release('v1.0.0')).run.exitCode).toBe(0)
    await push()
    expect((await release('v1.1.0')).run.exitCode).toBe(0)
    const third = await push()
    expect((await release('v2.0.0')).run.exitCode).toBe(0)

    const named = await rollback({ 'to-run': first })
    expect([named.exitCode, errorLines(named.log)]).toEqual([0, []])
    expect((await production())!.runId).toBe(first)
    expect((await pointer())!.runId).toBe(first)

    // A run whose record says fail is never a rollback target.
    await copyRunWithVerdict(await registry(), 'churn', third, 'failed-run', {
      runId: first,
      verdict: 'fail',
    })
    const refused = await rollback({ 'to-run': 'failed-run' })
    expect(refused.exitCode).toBe(1)
    expect(errorLines(refused.log)[0]).toContain(
      'run failed-run cannot be deployed: its gate verdict is fail',
    )
    expect((await production())!.runId).toBe(first)
  })
})
