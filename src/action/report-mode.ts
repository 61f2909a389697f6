import { UserError } from '../errors.js'
import { githubCall } from '../github/api.js'
import { markdownNote, summaryNotes } from '../github/summary.js'
import { shortSha } from '../report/format.js'
import { gatherReport } from '../pipeline/fanout-report.js'
import { loadSpecs } from '../pipeline/run-all.js'
import { Inputs } from './constants.js'
import type { Plan } from './dispatch.js'
import { writeOutputs } from './outputs.js'
import { publish } from './publish.js'
import { readResultsFile, storedRunIds } from './results-file.js'
import { repositoryOf, type Session } from './session.js'
import { actionPipeline, workflowRunId } from './train-mode.js'

/**
 * `mode: report`, the second half of the fork-safe pair: a `workflow_run` workflow in the base repository
 * (write token, trusted code) reads the results file the pull request's read-only run uploaded, checks that it
 * belongs to this repository and to the pull request's current head commit, and posts the comment and checks.
 * The file's content comes from the pull request's own code, so it is as trustworthy as that code: its shape is
 * checked, and it is only ever posted for the commit it names.
 */
export async function reportMode(session: Session): Promise<void> {
  const { settings, ctx, services } = session
  const { logger } = services
  const file = settings.resultsFile
  const results = await readResultsFile(file)
  const where = `input "${Inputs.ResultsFile}": ${file}`
  if (results.github.repository.toLowerCase() !== repositoryOf(ctx).toLowerCase()) {
    throw new UserError(
      `${where} holds results for ${results.github.repository}, not ${repositoryOf(ctx)}; refusing to post them`,
    )
  }
  const pr = results.github.pullRequest
  if (!pr)
    throw new UserError(
      `${where} holds results of a ${results.github.event} event, not of a pull request; mode: report posts pull request results`,
    )
  const outputs = {
    verdict: results.verdict,
    results: file,
    report: settings.reportFile,
    championChanged: false,
    runIds: storedRunIds(results.models),
  }
  if (results.github.readOnly === null) {
    writeOutputs(services.setOutput, outputs)
    logger.info(
      `the run that made these results (pull request #${pr.number}) posted its comment and check runs itself; nothing to post`,
    )
    return
  }

  const run = ctx.payload.workflow_run
  if (ctx.eventName === 'workflow_run') {
    if (!run) throw new UserError('the workflow_run event payload has no workflow_run')
    if (run.head_sha !== pr.headSha) {
      throw new UserError(
        `${where} is for commit ${shortSha(pr.headSha)}, but the workflow run that triggered this one built ${shortSha(run.head_sha)}; refusing to post results that do not belong to it`,
      )
    }
  }
  const octokit = await session.github()
  const { data: live } = await githubCall(`reading pull request #${pr.number}`, () =>
    octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pr.number }),
  )
  if (pr.headRepository !== null && live.head.repo?.full_name !== pr.headRepository) {
    throw new UserError(
      `${where} says pull request #${pr.number} comes from ${pr.headRepository}, but it comes from ${live.head.repo?.full_name ?? 'a deleted repository'}; refusing to post`,
    )
  }
  if (live.head.sha !== pr.headSha) {
    // Not an error: the pull request moved on, and the run for its new head will report.
    writeOutputs(services.setOutput, outputs)
    const note = markdownNote`pull request #${String(pr.number)} is now at ${shortSha(live.head.sha)}; these results are for ${shortSha(pr.headSha)}, so they are not posted (the run for the new head will be)`
    logger.warn(note.plain)
    await services.appendSummary(summaryNotes([note.markdown]))
    return
  }
  logger.info(
    `posting the results of ${shortSha(pr.headSha)} for pull request #${pr.number} (verified against the pull request's head)`,
  )
  await publish(session, results, { pullRequest: pr.number, readOnly: null, writeResults: false })
}

/**
 * `mode: report` with `plan`: the job after a fan-out's matrix. Gathers every entry the plan expected from the
 * store (tagged with this workflow run's id), picks each model's trial on its validation split, and posts the
 * one comment and one check run per model as a training run would; promotes per `promote-on`. A model the
 * plan skipped (`changed-only`) is listed, with why, under the verdicts of the comment and the summary.
 */
export async function gatherMode(
  session: Session,
  plan: Extract<Plan, { kind: 'gather' }>['train'],
): Promise<void> {
  const { settings, ctx, services } = session
  const fanout = settings.plan!
  const specs = await loadSpecs(settings.models, ctx.workspace, {
    allowOutsideWorkspace: settings.allowOutsideWorkspace,
  })
  const workflowRun = workflowRunId(session)
  const { deps, promote } = await actionPipeline(session, plan)
  services.logger.info(
    `gathering ${fanout.entries.length} entries of workflow run ${workflowRun} from ${deps.registry.store.location}`,
  )
  const results = await gatherReport(specs, fanout, deps, workflowRun, { promote })
  for (const s of fanout.skipped) services.logger.info(`${s.model}: not trained (${s.reason})`)
  const pr = plan.pullRequest
  await publish(
    session,
    {
      ...results,
      notTrained: fanout.skipped,
      github: {
        repository: repositoryOf(ctx),
        event: ctx.eventName,
        workflow: ctx.workflow,
        runUrl: ctx.runUrl,
        commit: plan.commit,
        pullRequest: pr
          ? { number: pr.number, headSha: pr.headSha, headRepository: pr.headRepository }
          : null,
        readOnly: plan.readOnly,
      },
    },
    { pullRequest: pr?.number ?? null, readOnly: plan.readOnly, writeResults: true },
  )
}
