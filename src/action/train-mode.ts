import { loadSpecs, runAll } from '../pipeline/run-all.js'
import type { PipelineDeps } from '../pipeline/types.js'
import { shortSha } from '../report/format.js'
import { Registry } from '../store/registry.js'
import { loadTf } from '../train/tf-runtime.js'
import { VERSION } from '../version.js'
import type { Plan } from './dispatch.js'
import { publish } from './publish.js'
import type { ActionResults } from './results-file.js'
import { repositoryOf, type Session } from './session.js'

type TrainPlan = Extract<Plan, { kind: 'train' }>

/**
 * Whether this run may write to the store. Fork pull requests never do; an S3 store without credentials
 * (a fork's missing secrets, a forgotten credentials step) is used without storing, and the log says so.
 */
async function openRegistry(
  session: Session,
  plan: TrainPlan,
): Promise<{ registry: Registry; writable: boolean }> {
  const { settings, services } = session
  const store = await services.openStore(settings.store)
  const registry = new Registry(store, services.clock)
  if (plan.readOnly !== null) {
    services.logger.info(`store ${store.location}: read only, because ${plan.readOnly}`)
    return { registry, writable: false }
  }
  const probe = (store as { probeCredentials?: () => Promise<'present' | 'absent'> }).probeCredentials
  if (probe && (await probe.call(store)) === 'absent') {
    services.logger.warn(
      `no AWS credentials: ${store.location} can be neither read nor written; the run is compared without its champion and not stored. To store runs and promote, give this job credentials (e.g. aws-actions/configure-aws-credentials)`,
    )
    return { registry, writable: false }
  }
  return { registry, writable: true }
}

export async function trainMode(session: Session, plan: TrainPlan): Promise<void> {
  const { settings, ctx, services } = session
  const { logger } = services
  const specs = await loadSpecs(settings.models, ctx.workspace)
  logger.info(`models: ${specs.map((s) => s.name).join(', ')} (from ${settings.models.join(', ')})`)
  const { registry, writable } = await openRegistry(session, plan)
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
    git: { commit: plan.commit, ref: plan.ref },
    actor: `${ctx.actor} via modelgate Action (${ctx.eventName} ${shortSha(plan.commit)})`,
    toolVersion: VERSION,
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
