import { promises as fs } from 'node:fs'
import { UserError } from '../errors.js'
import { trainEntry } from '../pipeline/fanout-train.js'
import { loadSpecs, resultsJson, runAll } from '../pipeline/run-all.js'
import type { PipelineDeps } from '../pipeline/types.js'
import { shortSha } from '../report/format.js'
import { runDocuments } from '../report/run-documents.js'
import { openRegistry } from '../store/open-registry.js'
import { commandEnvironment } from '../train/external/command-env.js'
import { loadTf } from '../train/tf-runtime.js'
import { readGitInfo } from '../util/git.js'
import { VERSION } from '../version.js'
import { Inputs } from './constants.js'
import type { Plan } from './dispatch.js'
import { writeOutputs } from './outputs.js'
import { publish } from './publish.js'
import type { ActionResults } from './results-file.js'
import { repositoryOf, type Session } from './session.js'

type TrainPlan = Extract<Plan, { kind: 'train' }>

/** The pipeline's side effects for a run of the Action, and whether it may promote. */
export async function actionPipeline(
  session: Session,
  plan: TrainPlan,
): Promise<{ deps: PipelineDeps; promote: boolean }> {
  const { settings, ctx, services } = session
  const { logger } = services
  const store = await services.openStore(settings.store)
  const { registry, writable } = await openRegistry(store, services.clock, logger, {
    random: services.random,
    readOnly: plan.readOnly,
  })
  const promote = plan.promote && writable
  logger.info(
    `promotion: ${promote ? 'on' : 'off'} (${plan.promoteNote}${plan.promote && !writable ? ', but the store is read only here' : ''})`,
  )
  const deps: PipelineDeps = {
    registry,
    storeWritable: writable,
    logger,
    clock: services.clock,
    runtime: () => loadTf({ cwd: ctx.workspace, logger }),
    commandEnv: commandEnvironment(services.env, [settings.githubToken]),
    // The commit is the event's; whether the checkout has uncommitted changes (a build step) is git's.
    git: {
      commit: plan.commit,
      ref: plan.ref,
      dirty: (await readGitInfo(ctx.workspace)).dirty,
      pullRequest: plan.pullRequest?.number ?? null,
    },
    actor: `${ctx.actor} via modelgate Action (${ctx.eventName} ${shortSha(plan.commit)})`,
    toolVersion: VERSION,
    runDocuments: runDocuments(services.clock),
  }
  return { deps, promote }
}

/** The workflow run a fan-out's entries are tagged with (the plan, matrix and report jobs share it). */
export function workflowRunId(session: Session): string {
  const id = session.services.env.GITHUB_RUN_ID ?? ''
  if (!/^\d+$/.test(id))
    throw new UserError(
      `GITHUB_RUN_ID is ${id ? `"${id}", not a run id` : 'not set'}; a fan-out's jobs meet in the store under their workflow run's id`,
    )
  return id
}

/** `mode: train` with `entry`: one matrix job. Stores its run and its entry record; no comment, no checks. */
async function trainOneEntry(session: Session, plan: TrainPlan, entry: string): Promise<void> {
  const { settings, ctx, services } = session
  const specs = await loadSpecs(settings.models, ctx.workspace, {
    allowOutsideWorkspace: settings.allowOutsideWorkspace,
  })
  const workflowRun = workflowRunId(session)
  const { deps } = await actionPipeline(session, {
    ...plan,
    promote: false,
    promoteNote: 'a matrix entry never promotes',
  })
  if (!deps.storeWritable)
    throw new UserError(
      `input "${Inputs.Entry}": a matrix entry must store its run for the report job, but ${deps.registry.store.location} is read-only here`,
    )
  const record = await trainEntry(specs, entry, deps, workflowRun)
  // The results file is the artifact the job uploads: its record (and result) as JSON.
  await fs.writeFile(
    settings.resultsFile,
    resultsJson({
      schema: 1,
      tool: { name: 'modelgate', version: VERSION },
      commit: plan.commit,
      ref: plan.ref,
      store: deps.registry.store.location,
      createdAt: services.clock.now().toISOString(),
      verdict: record.result!.verdict,
      models: [record.result!],
    }),
  )
  writeOutputs(services.setOutput, {
    verdict: record.result!.verdict,
    results: settings.resultsFile,
    runIds: { [record.model]: record.runId! },
  })
  const selection = record.selection
    ? `; validation ${record.selection.metric} ${record.selection.value.toFixed(4)} on ${record.selection.rows} rows`
    : ''
  services.logger.info(
    `entry ${entry}: run ${record.runId} stored for workflow run ${workflowRun}${selection}`,
  )
}

export async function trainMode(session: Session, plan: TrainPlan): Promise<void> {
  const { settings, ctx, services } = session
  if (settings.entry !== null) return trainOneEntry(session, plan, settings.entry)
  const { logger } = services
  const specs = await loadSpecs(settings.models, ctx.workspace, {
    allowOutsideWorkspace: settings.allowOutsideWorkspace,
  })
  logger.info(`models: ${specs.map((s) => s.name).join(', ')} (from ${settings.models.join(', ')})`)
  const { deps, promote } = await actionPipeline(session, plan)
  const results = await runAll(specs, deps, { promote })
  const pr = plan.pullRequest
  const actionResults: ActionResults = {
    ...results,
    github: {
      repository: repositoryOf(ctx),
      event: ctx.eventName,
      workflow: ctx.workflow,
      runUrl: ctx.runUrl,
      commit: plan.commit,
      pullRequest: pr ? { number: pr.number, headSha: pr.headSha, headRepository: pr.headRepository } : null,
      readOnly: plan.readOnly,
    },
  }
  await publish(session, actionResults, {
    pullRequest: pr?.number ?? null,
    readOnly: plan.readOnly,
    writeResults: true,
  })
}
