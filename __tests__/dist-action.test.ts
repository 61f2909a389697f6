/**
 * What ships is what is tested: the committed Action bundle (dist/index.js, the file action.yml runs), copied
 * away from the checkout and its node_modules, run as the runner runs it against the GitHub stand-in: a push
 * that promotes the first champion, then a pull request compared with it (one comment, one check run, outputs).
 * CI rebuilds dist/ after the tests and fails when it differs from the committed one, so this is the bundle
 * users get.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseMarker } from '../src/github/comment.js'
import {
  HEAD_SHA,
  MAIN_SHA,
  OWNER,
  REPO,
  eventCall,
  requiredOutput,
  runActionChild,
} from './helpers/action-runner.js'
import { startGitHubStandIn, type GitHubStandIn } from './harness/github-standin.js'
import { workspaceWithModel } from './helpers/workspace.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
let standIn: GitHubStandIn
let workspace: string
let actionDir: string

beforeAll(async () => {
  actionDir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-action-'))
  await fs.cp(path.join(repoRoot, 'dist'), path.join(actionDir, 'dist'), { recursive: true })
  await fs.copyFile(path.join(repoRoot, 'action.yml'), path.join(actionDir, 'action.yml'))
})

afterAll(async () => {
  await fs.rm(actionDir, { recursive: true, force: true })
})

beforeEach(async () => {
  standIn = await startGitHubStandIn()
  workspace = await workspaceWithModel()
})

afterEach(async () => {
  await standIn.stop()
  await fs.rm(workspace, { recursive: true, force: true })
  expect(standIn.violations).toEqual([])
})

describe('the committed Action bundle, run by node from a folder without node_modules', () => {
  test('a push promotes the first champion; a pull request then gets one comment, one check run and outputs', async () => {
    const repo = standIn.state.addRepo({ owner: OWNER, name: REPO, headSha: MAIN_SHA })
    const pull = standIn.state.addPull(repo, { headRef: 'feature/x', headSha: HEAD_SHA, author: 'alice' })
    const bundle = path.join(actionDir, 'dist', 'index.js')
    const where = { workspace, apiUrl: standIn.url }

    const push = await runActionChild(await eventCall('push', where), { bundle })
    expect(push.exitCode).toBe(0)
    expect(push.outputs['champion-changed']).toBe('true')
    const championRun = JSON.parse(requiredOutput(push, 'run-ids')).churn as string
    expect(standIn.state.checkRunsFor(repo, MAIN_SHA).map((c) => c.conclusion)).toEqual(['success'])

    const pr = await runActionChild(await eventCall('pull_request', where), { bundle })
    expect(pr.exitCode).toBe(0)
    expect(pr.outputs['champion-changed']).toBe('false')
    expect(['pass', 'inconclusive', 'fail']).toContain(requiredOutput(pr, 'verdict'))
    const comments = standIn.state.commentsOn(repo, pull.number)
    expect(comments).toHaveLength(1)
    expect(parseMarker(comments[0]!.body)).not.toBeNull()
    expect(comments[0]!.body).toContain(championRun)
    const checks = standIn.state.checkRunsFor(repo, HEAD_SHA)
    expect(checks.map((c) => c.name)).toEqual(['modelgate / churn'])
    expect(pr.summary).toContain('churn')
  })
})
