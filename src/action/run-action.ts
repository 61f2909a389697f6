import { readActionContext } from '../github/context.js'
import { planRun } from './dispatch.js'
import { parseInputs } from './inputs.js'
import { createSession, repositoryOf, type ActionServices } from './session.js'

/**
 * The action after its first log line: read the event, parse the inputs, decide what to do, do it. Loaded
 * lazily by main.ts so the runner shows the banner before the pipeline, the AWS SDK and Octokit load.
 */
export async function runAction(services: ActionServices): Promise<void> {
  const ctx = await readActionContext(services.env, services.cwd)
  const settings = parseInputs(services.readInput, ctx.workspace)
  if (settings.githubToken) services.setSecret(settings.githubToken)
  const plan = planRun(settings, ctx)
  const { logger } = services
  logger.info(
    `${ctx.eventName} on ${repositoryOf(ctx)} (${ctx.ref || ctx.sha}), mode: ${settings.mode} → ${plan.kind}`,
  )
  const session = createSession(settings, ctx, services)
  switch (plan.kind) {
    case 'skip':
      logger.info(`nothing to do: ${plan.reason}`)
      return
    case 'train': {
      const { trainMode } = await import('./train-mode.js')
      return trainMode(session, plan)
    }
    case 'report': {
      const { reportMode } = await import('./report-mode.js')
      return reportMode(session)
    }
    case 'plan': {
      const { planMode } = await import('./plan-mode.js')
      return planMode(session)
    }
    case 'gather': {
      const { gatherMode } = await import('./report-mode.js')
      return gatherMode(session, plan.train)
    }
    case 'deploy': {
      const { deployMode } = await import('../deploy/deploy-mode.js')
      return deployMode(session, plan)
    }
    case 'rollback': {
      const { rollbackMode } = await import('../deploy/rollback-mode.js')
      return rollbackMode(session, plan)
    }
    case 'command': {
      const { commandMode } = await import('../bot/commands.js')
      return commandMode(session, plan)
    }
  }
}
