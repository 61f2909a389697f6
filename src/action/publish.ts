import { promises as fs } from 'node:fs'
import { describeError } from '../errors.js'
import { GitHubPermissionError } from '../github/api.js'
import { createCheckRuns } from '../github/checks.js'
import { commentBody, upsertComment } from '../github/comment.js'
import { jobSummary, markdownNote, summaryNotes } from '../github/summary.js'
import { failsRun } from '../gate/outcome.js'
import { keyLine, renderReport } from '../report/markdown.js'
import { verdictLabel } from '../report/format.js'
import type { FailOn } from './constants.js'
import { checkRunName, Inputs } from './constants.js'
import { writeOutputs } from './outputs.js'
import { documentLinks, writeAndUploadReports } from './report-documents.js'
import { storedRunIds, writeResultsFiles, type ActionResults } from './results-file.js'
import type { Session } from './session.js'

/** The step fails because of the gate (not an error): thrown after everything else is written. */
export class GateFailure extends Error {
  override readonly name = 'GateFailure'
}

/** The run was reported but something asked of the store did not happen; fails the step after publishing. */
export class StoreFailure extends Error {
  override readonly name = 'StoreFailure'
}

export interface PublishTarget {
  /** The pull request to comment on, or null (pushes, manual runs). */
  pullRequest: number | null
  /** Why comments and check runs cannot be posted from this run, or null. */
  readOnly: string | null
  /** Write the results file (training) or only the Markdown beside the one that was read (report mode). */
  writeResults: boolean
}

/** The models whose outcome fails the step under `fail-on` (and their spec's `on_inconclusive`). */
export function failingModels(
  models: (Parameters<typeof failsRun>[0] & { name: string })[],
  failOn: FailOn,
): string[] {
  return models.filter((m) => failsRun(m, failOn)).map((m) => `${m.name} (${m.verdict})`)
}

/**
 * Everything a finished run leaves behind, in an order that keeps the most on failure: the results and report
 * files, the step outputs and the job summary first (no network), then the PR comment and check runs, then the
 * gate decision, which fails the step by throwing only after all of that is written.
 */
export async function publish(
  session: Session,
  results: ActionResults,
  target: PublishTarget,
): Promise<void> {
  const { settings, ctx, services } = session
  const { logger } = services
  const models = results.models
  const report = renderReport(models, { title: 'modelgate', notTrained: results.notTrained })
  if (target.writeResults) await writeResultsFiles(settings, results, report)
  else await fs.writeFile(settings.reportFile, report)
  const artifactUrl = await writeAndUploadReports(session, models)
  const { links, expiresAt: linksExpireAt } = await documentLinks(session, models, artifactUrl)
  writeOutputs(services.setOutput, {
    verdict: results.verdict,
    results: settings.resultsFile,
    report: settings.reportFile,
    championChanged: models.some((m) => m.promoted),
    runIds: storedRunIds(models),
  })
  await services.appendSummary(jobSummary(models, links, results.notTrained))

  const notes: string[] = []
  let degraded = target.readOnly
  if (target.readOnly !== null) {
    const note = markdownNote`${target.readOnly}: the PR comment and check runs were not posted. The results are in this summary and in ${settings.resultsFile}; upload that file as an artifact and let a workflow_run workflow with \`mode: report\` post them (see the README).`
    logger.warn(note.plain)
    notes.push(note.markdown)
  } else {
    const denied = (what: string, scope: string, error: unknown): void => {
      const note = markdownNote`${describeError(error)}: ${what} not posted. Grant \`${scope}\` in the workflow's \`permissions:\`, or for fork pull requests use the workflow_run report workflow.`
      logger.warn(note.plain)
      notes.push(note.markdown)
      degraded = describeError(error)
    }
    if (settings.comment === 'never') logger.info('comment: never, so no PR comment')
    else if (target.pullRequest === null)
      logger.info(`no pull request for this ${ctx.eventName} event, so no PR comment`)
    else {
      const octokit = await session.github()
      const body = commentBody(models, {
        workflow: results.github.workflow,
        commit: results.github.commit,
        runUrl: ctx.runUrl,
        toolVersion: results.tool.version,
        links,
        linksExpireAt,
        notTrained: results.notTrained,
      })
      try {
        const outcome = await upsertComment(
          octokit,
          { owner: ctx.owner, repo: ctx.repo, issueNumber: target.pullRequest },
          body,
          {
            onlyIfChanged: settings.comment === 'on-change',
            now: services.clock.now(),
            logger,
          },
        )
        logger.info(`PR comment ${outcome.action}: ${outcome.url}`)
        notes.push(`PR comment ${outcome.action}: ${outcome.url}`)
      } catch (error) {
        if (!(error instanceof GitHubPermissionError)) throw error
        denied('the PR comment was', 'pull-requests: write', error)
      }
    }
    if (!settings.checks) logger.info(`${Inputs.Checks}: false, so no check runs`)
    else {
      const octokit = await session.github()
      try {
        const runs = await createCheckRuns(
          octokit,
          {
            owner: ctx.owner,
            repo: ctx.repo,
            headSha: results.github.commit,
            detailsUrl: ctx.runUrl,
            failOn: settings.failOn,
          },
          models,
        )
        for (const run of runs) logger.info(`check run "modelgate / ${run.model}": ${run.conclusion}`)
      } catch (error) {
        if (!(error instanceof GitHubPermissionError)) throw error
        denied('the check runs were', 'checks: write', error)
      }
    }
  }
  if (degraded !== target.readOnly && target.writeResults) {
    // Recorded so that a `mode: report` run knows this run could not post (a token without the permission).
    await writeResultsFiles(
      settings,
      { ...results, github: { ...results.github, readOnly: degraded } },
      report,
    )
  }
  if (notes.length > 0) await services.appendSummary(summaryNotes(notes))

  const failing = failingModels(models, settings.failOn)
  // Each failing model is annotated on its spec file, so the pull request's Files tab shows where to look.
  for (const m of models) {
    if (failsRun(m, settings.failOn) && m.specPath)
      logger.annotate?.(`${m.name}: ${verdictLabel(m.verdict)} — ${keyLine(m)}`, {
        file: m.specPath,
        title: `${checkRunName(m.name)}: ${m.verdict}`,
      })
  }
  if (failing.length > 0) {
    throw new GateFailure(
      `the gate failed for ${failing.join(', ')} (fail-on: ${settings.failOn}); see the report in the job summary`,
    )
  }
  // A run that could not be stored, or a promotion that was due and did not happen, fails the step (after
  // everything above is written; champion-changed is already false for it).
  const storeFailures = models.filter((m) => m.storeFailure).map((m) => `${m.name}: ${m.storeFailure}`)
  if (storeFailures.length > 0) throw new StoreFailure(storeFailures.join('; '))
  logger.info(`verdict: ${results.verdict}${settings.failOn === 'never' ? ' (fail-on: never)' : ''}`)
}
