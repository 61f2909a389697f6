import { loadSpecs, runAll } from '../pipeline/run-all.js'
import type { PipelineDeps } from '../pipeline/types.js'
import { shortSha } from '../report/format.js'
import { runDocuments } from '../report/run-documents.js'
import { openRegistry } from '../store/open-registry.js'
import { commandEnvironment } from '../train/external/command-env.js'
import { loadTf } from '../train/tf-runtime.js'
import { readGitInfo } from '../util/git.js'
import { VERSION } from '../version.js'
import type { Plan } from './dispatch.js'
import { publish } from './publish.js'
import type { ActionResults } from './results-file.js'
import { repositoryOf, type Session } from './session.js'

type TrainPlan = Extract<Plan, { kind: 'train' }>

export async function trainMode(session: Session, plan: TrainPlan): Promise<void> {
  const { settings, ctx, services } = session
  const { logger } = services
  const specs = await loadSpecs(settings.models, ctx.workspace, {
    allowOutsideWorkspace: settings.allowOutsideWorkspace,
  })
  logger.info(`models: ${specs.map((s) => s.name).join(', ')} (from ${settings.models.join(', ')})`)
  const store = await services.openStore(settings.store)
  const { registry, writable } = await openRegistry(store, services.clock, logger, {
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
