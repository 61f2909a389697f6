/**
 * The report artifact: the uploader the Action uses (@actions/artifact) against a local stand-in of the
 * runner's artifact service (Twirp + Azure block blob, __tests__/harness/artifact-standin.ts): the zip it
 * uploads holds the HTML and Markdown reports, and the upload is finalized.
 */
import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { artifactServiceMissing, uploadWithActionsArtifact } from '../src/github/artifact.js'
import { startArtifactStandIn, type ArtifactStandIn } from './harness/artifact-standin.js'

let standIn: ArtifactStandIn
const saved = { ...process.env }

beforeAll(async () => {
  standIn = await startArtifactStandIn()
})
afterAll(async () => {
  process.env = saved
  await standIn.close()
})

test('without the runner variables there is no artifact service, and it says why', () => {
  expect(artifactServiceMissing({})).toMatch(/ACTIONS_RUNTIME_TOKEN/)
  expect(artifactServiceMissing({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'http://x/' })).toBeNull()
})

test('the reports are uploaded as one finalized artifact whose zip holds both files', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-artifact-'))
  const html = path.join(dir, 'modelgate-results.html')
  const md = path.join(dir, 'modelgate-results.md')
  await fs.writeFile(html, '<!doctype html><title>report</title>')
  await fs.writeFile(md, '## modelgate: ✅ pass\n')
  // @actions/artifact reads the runner's variables from the process environment.
  Object.assign(process.env, {
    ACTIONS_RUNTIME_TOKEN: standIn.runtimeToken,
    ACTIONS_RESULTS_URL: standIn.url,
    GITHUB_WORKSPACE: dir,
  })
  const { id } = await uploadWithActionsArtifact('modelgate-report', [html, md], dir)
  expect(id).toBe(4242)
  const [upload] = standIn.uploads
  expect(upload).toMatchObject({ name: 'modelgate-report', finalized: true })
  expect(upload!.backendIds).toMatchObject({
    workflow_run_backend_id: 'run-backend-1',
    workflow_job_run_backend_id: 'job-backend-1',
  })
  const zip = path.join(dir, 'got.zip')
  await fs.writeFile(zip, upload!.zip)
  const names = execFileSync(
    '/usr/bin/python3',
    ['-c', 'import sys, zipfile; print("\\n".join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))', zip],
    { encoding: 'utf8' },
  )
  expect(names.trim().split('\n')).toEqual(['modelgate-results.html', 'modelgate-results.md'])
  await fs.rm(dir, { recursive: true, force: true })
})
