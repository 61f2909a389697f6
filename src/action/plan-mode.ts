import { loadSpecs } from '../pipeline/run-all.js'
import { buildPlan, matrixOf } from '../pipeline/fanout-plan.js'
import { openRegistry } from '../store/open-registry.js'
import { execGit } from '../util/git.js'
import { VERSION } from '../version.js'
import { Outputs } from './constants.js'
import type { Session } from './session.js'

/**
 * `mode: plan`: the first job of a fan-out. Reads the specs and sets `matrix` (for `strategy.matrix`: one
 * include item per model, trial and seed) and `plan-json` (the whole plan, for the report job's `plan` input).
 */
export async function planMode(session: Session): Promise<void> {
  const { settings, ctx, services } = session
  const { logger } = services
  const specs = await loadSpecs(settings.models, ctx.workspace, {
    allowOutsideWorkspace: settings.allowOutsideWorkspace,
  })
  let probe
  if (settings.changedOnly) {
    const store = await services.openStore(settings.store)
    const { registry } = await openRegistry(store, services.clock, logger, { readOnly: 'plan only reads' })
    probe = { registry, git: execGit, cwd: ctx.workspace, toolVersion: VERSION }
  }
  const plan = await buildPlan(specs, { changedOnly: settings.changedOnly, probe })
  for (const { model, reason } of plan.skipped) logger.info(`${model}: skipped (${reason})`)
  for (const { model, reason } of plan.reasons) logger.info(`${model}: trains (${reason})`)
  const counts = [...new Set(plan.entries.map((e) => e.model))].map(
    (m) => `${m} ×${plan.entries.filter((e) => e.model === m).length}`,
  )
  logger.info(`plan: ${plan.entries.length} entries (${counts.join(', ') || 'none'})`)
  services.setOutput(Outputs.Matrix, JSON.stringify(matrixOf(plan)))
  services.setOutput(Outputs.PlanJson, JSON.stringify(plan))
}
