/**
 * The fan-out end to end: `mode: plan` writes the matrix, every entry runs `mode: train` as its own process
 * (as separate runners would; slow: each process starts the Action from sources), and `mode: report` gathers
 * them from an S3 store (fauxqs behind the conditional-write proxy) and posts to the GitHub stand-in: one
 * comment, one check run per model, the trial chosen on the validation split.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import {
  HEAD_SHA,
  requiredOutput,
  runActionChild,
  runActionInProcess,
  type ActionRun,
} from '../helpers/action-runner.js'
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../harness/aws-env.js'
import {
  BUCKET,
  RUN_ID,
  server,
  standIn,
  repo,
  s3Inputs,
  call,
  planJob,
  useFanoutWorld,
} from '../helpers/fanout-world.js'

useFanoutWorld()

/** An entry's record, read straight from the bucket (not through modelgate's store). */
async function entryRecord(
  prefix: string,
  entry: string,
): Promise<{ trial: number; runId: string; selection: { value: number } }> {
  const client = new S3Client({
    endpoint: server.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY },
  })
  const object = await client.send(
    new GetObjectCommand({ Bucket: BUCKET, Key: `${prefix}/fanout/${RUN_ID}/${entry}.json` }),
  )
  return JSON.parse(await object.Body!.transformToString()) as Awaited<ReturnType<typeof entryRecord>>
}

test('plan → one process per matrix entry → report: one comment, one check run per model, the trial with the best validation ROC AUC', async () => {
  const prefix = 'e2e'
  const { matrix, plan } = await planJob(prefix)
  const entries = matrix.include.map((i) => i.entry)
  expect(entries).toEqual(['churn.t0.s0', 'churn.t1.s0', 'churn.t2.s0', 'churn.t3.s0', 'credit.t0.s0'])

  const runs: ActionRun[] = []
  for (const entry of entries)
    runs.push(await runActionChild(await call({ ...s3Inputs(prefix), mode: 'train', entry })))
  for (const [i, run] of runs.entries()) {
    expect({ entry: entries[i], exitCode: run.exitCode, log: run.exitCode === 0 ? '' : run.log }).toEqual({
      entry: entries[i],
      exitCode: 0,
      log: '',
    })
    expect(run.outputs.results).toMatch(/modelgate-results\.json$/)
  }
  // The matrix jobs post nothing.
  expect(standIn.requests).toEqual([])

  const records = await Promise.all(entries.slice(0, 4).map((e) => entryRecord(prefix, e)))
  const values = records.map((r) => r.selection.value)
  expect(new Set(values).size).toBeGreaterThan(1) // the sweep changes the model
  const best = records.reduce((a, b) => (b.selection.value > a.selection.value ? b : a))

  const report = await runActionInProcess(
    await call({ ...s3Inputs(prefix), mode: 'report', plan, 'fail-on': 'never' }),
  )
  expect(report.exitCode).toBe(0)
  const comments = standIn.state.commentsOn(repo, 1)
  expect(comments).toHaveLength(1)
  expect(comments[0]!.body).toContain(`sweep: trial ${best.trial} of 4 chosen`)
  expect(
    standIn.state
      .checkRunsFor(repo, HEAD_SHA)
      .map((c) => c.name)
      .sort(),
  ).toEqual(['modelgate / churn', 'modelgate / credit'])
  expect(JSON.parse(requiredOutput(report, 'run-ids')).churn).toBe(best.runId)
})
