/**
 * The fan-out's report when the matrix did not deliver: plan, train entries (in this process; the slow suite's
 * fanout-e2e runs each as its own process), report from an S3 store to the GitHub stand-in. A missing entry is
 * named and the verdict is never a pass.
 */
import { promises as fs } from 'node:fs'
import { HEAD_SHA, requiredOutput, runActionInProcess } from './helpers/action-runner.js'
import { RUN_ID, standIn, repo, s3Inputs, call, planJob, useFanoutWorld } from './helpers/fanout-world.js'

useFanoutWorld()

test('a missing entry is named in the comment and the verdict is not pass', async () => {
  const prefix = 'missing'
  const { matrix, plan } = await planJob(prefix)
  const entries = matrix.include.map((i) => i.entry).filter((e) => e !== 'churn.t1.s0')
  for (const entry of entries) {
    const run = await runActionInProcess(await call({ ...s3Inputs(prefix), mode: 'train', entry }))
    expect(run.exitCode).toBe(0)
  }
  const report = await runActionInProcess(
    await call({ ...s3Inputs(prefix), mode: 'report', plan, 'fail-on': 'never' }),
  )
  expect(report.exitCode).toBe(0)
  const results = JSON.parse(await fs.readFile(requiredOutput(report, 'results'), 'utf8'))
  const churn = results.models.find((m: { name: string }) => m.name === 'churn')
  expect(churn.verdict).toBe('inconclusive')
  expect(report.outputs.verdict).not.toBe('pass')
  const body = standIn.state.commentsOn(repo, 1)[0]!.body
  expect(body).toContain(`entry churn.t1.s0 is missing (its job left no record for run ${RUN_ID})`)
  const checks = standIn.state.checkRunsFor(repo, HEAD_SHA)
  expect(checks.find((c) => c.name === 'modelgate / churn')?.conclusion).not.toBe('success')
})

test('a model the plan skipped (changed-only) is listed with its reason under the verdicts of the comment and the summary', async () => {
  const prefix = 'skipped'
  const { matrix, plan } = await planJob(prefix)
  const reason =
    'unchanged: its champion was trained from this spec, the same data bytes, code and modelgate version'
  const parsed = JSON.parse(plan) as {
    entries: { model: string }[]
    skipped: { model: string; reason: string }[]
  }
  // The plan changed-only writes when credit is unchanged (fanout-plan.test checks that decision itself).
  const skipping = JSON.stringify({
    ...parsed,
    entries: parsed.entries.filter((e) => e.model !== 'credit'),
    skipped: [{ model: 'credit', reason }],
  })
  for (const { entry } of matrix.include.filter((i) => i.entry.startsWith('churn.'))) {
    expect(
      (await runActionInProcess(await call({ ...s3Inputs(prefix), mode: 'train', entry }))).exitCode,
    ).toBe(0)
  }
  const report = await runActionInProcess(
    await call({ ...s3Inputs(prefix), mode: 'report', plan: skipping, 'fail-on': 'never' }),
  )
  expect(report.exitCode).toBe(0)
  const line = `⏭️ **credit**: not trained in this run (${reason}); its champion stands.`
  const body = standIn.state.commentsOn(repo, 1)[0]!.body
  expect(body).toContain(line)
  // Under the verdict lines, before any model's section.
  expect(body.indexOf(line)).toBeLessThan(body.indexOf('### '))
  expect(report.summary).toContain(line)
  const results = JSON.parse(await fs.readFile(requiredOutput(report, 'results'), 'utf8'))
  expect(results.notTrained).toEqual([{ model: 'credit', reason }])
  expect(results.models.map((m: { name: string }) => m.name)).toEqual(['churn'])
})
