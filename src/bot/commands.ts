import path from 'node:path'
import type { Plan } from '../action/dispatch.js'
import { GateFailure } from '../action/publish.js'
import type { Session } from '../action/session.js'
import { trainMode } from '../action/train-mode.js'
import { describeError, UserError } from '../errors.js'
import { githubCall, type Octokit, type RepoRef } from '../github/api.js'
import { CHAMPION } from '../pipeline/champion.js'
import { loadSpecs } from '../pipeline/run-all.js'
import type { RunMeta } from '../pipeline/types.js'
import { shortSha, table } from '../report/format.js'
import { credentialsAbsent } from '../store/open-registry.js'
import { Registry, type RunManifest } from '../store/registry.js'
import { mdText } from '../report/escape.js'
import { linearWeights, weightTable } from './explain.js'
import { REPLY_MARKER, type BotCommand } from './parse.js'
import { canWrite } from './permission.js'

/**
 * The PR bot: one `/modelgate` command from a pull request comment. It acknowledges with a reaction, checks
 * the commenter's permission for commands that change something, and answers in a reply. Nothing from the
 * comment reaches a shell, and only parsed, validated words (a command, a model name) are used at all.
 */

type CommandPlan = Extract<Plan, { kind: 'command' }>

interface PullHead {
  number: number
  sha: string
  ref: string
  repository: string | null
  fork: boolean
}

export const HELP = [
  '**modelgate commands** (one per comment, on a line of its own):',
  '',
  '- `/modelgate help`: this list',
  '- `/modelgate rerun [model]`: train and evaluate the head of this pull request again; updates the modelgate comment and check runs',
  "- `/modelgate promote [model]`: make the head's run champion now, if its gate verdict is pass",
  "- `/modelgate explain [model]`: the head run's largest linear weights against the champion's",
  '',
  '`rerun` and `promote` need write, maintain or admin permission on the repository.',
].join('\n')

async function reply(session: Session, octokit: Octokit, plan: CommandPlan, text: string): Promise<void> {
  const { ctx } = session
  const body = `${REPLY_MARKER}\n@${plan.author} ${text}`
  await githubCall(`replying on #${plan.pullNumber}`, () =>
    octokit.rest.issues.createComment({
      owner: ctx.owner,
      repo: ctx.repo,
      issue_number: plan.pullNumber,
      body,
    }),
  )
}

async function pullHead(octokit: Octokit, where: RepoRef, number: number): Promise<PullHead> {
  const { data } = await githubCall(`reading pull request #${number}`, () =>
    octokit.rest.pulls.get({ ...where, pull_number: number }),
  )
  const base = `${where.owner}/${where.repo}`
  const head = data.head.repo?.full_name ?? null
  return { number, sha: data.head.sha, ref: data.head.ref, repository: head, fork: head !== base }
}

/** The spec names the command applies to: the one named, or every model. */
async function modelsFor(session: Session, model: string | null): Promise<{ name: string; dir: string }[]> {
  const specs = await loadSpecs(session.settings.models, session.ctx.workspace)
  const all = specs.map((s) => ({ name: s.name, dir: path.dirname(s.specFile) }))
  if (model === null) return all
  const found = all.filter((s) => s.name === model)
  if (found.length === 0)
    throw new UserError(
      `there is no model "${model}" here (models: ${all.map((s) => s.name).join(', ') || 'none'})`,
    )
  return found
}

async function openWritableRegistry(session: Session): Promise<Registry> {
  const store = await session.services.openStore(session.settings.store)
  if (await credentialsAbsent(store))
    throw new UserError(`this job has no AWS credentials, so ${store.location} cannot be read or changed`)
  return new Registry(store, session.services.clock, { random: session.services.random })
}

/** The newest stored run of `model` trained on `commit`, or null. */
async function runAt(
  registry: Registry,
  model: string,
  commit: string,
): Promise<RunManifest<RunMeta> | null> {
  const runs = (await registry.listRuns(model)).reverse().slice(0, 100)
  for (const runId of runs) {
    const manifest = await registry.readManifest<RunMeta>(model, runId)
    if (manifest.meta.git?.commit === commit) return manifest
  }
  return null
}

async function rerun(
  session: Session,
  octokit: Octokit,
  plan: CommandPlan,
  model: string | null,
): Promise<string> {
  const { ctx, services } = session
  const head = await pullHead(octokit, { owner: ctx.owner, repo: ctx.repo }, plan.pullNumber)
  const checkedOut = await services.gitReader(ctx.workspace).head()
  if (checkedOut !== head.sha)
    throw new UserError(
      `this job checked out ${shortSha(checkedOut)}, not the pull request's head ${shortSha(head.sha)}: the bot workflow must check out refs/pull/${head.number}/head (see the README)`,
    )
  const models = await modelsFor(session, model)
  const settings = {
    ...session.settings,
    models: models.map((m) => path.relative(ctx.workspace, m.dir) || '.'),
  }
  const outcome = `Re-evaluated ${shortSha(head.sha)} (${models.map((m) => m.name).join(', ')}): the modelgate comment and check runs are updated.`
  try {
    await trainMode(
      { ...session, settings },
      {
        kind: 'train',
        promote: false,
        promoteNote: '/modelgate rerun never promotes',
        pullRequest: {
          number: head.number,
          headSha: head.sha,
          headRef: head.ref,
          headRepository: head.repository,
          fork: head.fork,
        },
        commit: head.sha,
        ref: head.ref,
        readOnly: null,
      },
    )
  } catch (error) {
    if (!(error instanceof GateFailure)) throw error
    await reply(session, octokit, plan, `${outcome} ${mdText(error.message)}.`)
    throw error
  }
  return outcome
}

async function promote(
  session: Session,
  octokit: Octokit,
  plan: CommandPlan,
  model: string | null,
): Promise<string> {
  const { ctx } = session
  const head = await pullHead(octokit, { owner: ctx.owner, repo: ctx.repo }, plan.pullNumber)
  const registry = await openWritableRegistry(session)
  const rows: string[][] = []
  for (const { name } of await modelsFor(session, model)) {
    const outcome = await promoteOne(registry, name, head, plan)
    // table() escapes every cell: run ids and messages go in as plain text.
    rows.push([name, outcome.runId ?? '—', outcome.text])
  }
  return `promote on ${shortSha(head.sha)}:\n\n${table(['model', 'run', 'result'], rows)}`
}

async function promoteOne(
  registry: Registry,
  model: string,
  head: PullHead,
  plan: CommandPlan,
): Promise<{ runId: string | null; text: string }> {
  const manifest = await runAt(registry, model, head.sha)
  if (!manifest)
    return {
      runId: null,
      text: `not promoted: no stored run of ${shortSha(head.sha)}; run \`/modelgate rerun\` first`,
    }
  const runId = manifest.runId
  const compared = manifest.meta.comparedWith
  const champion = (await registry.getAlias(model, CHAMPION))?.record.runId ?? null
  if (compared && compared.verdict !== 'pass')
    return {
      runId,
      text: `not promoted: its gate verdict is ${compared.verdict} (against ${compared.runId})`,
    }
  const expected = compared?.runId ?? null
  if (champion === runId) return { runId, text: 'already the champion' }
  if (champion !== expected)
    return {
      runId,
      text: `not promoted: it was compared with ${expected ?? 'no champion'}, but the champion is now ${champion}; run \`/modelgate rerun\` to compare it with the new one`,
    }
  try {
    await registry.setAlias(model, CHAMPION, runId, {
      action: 'promote',
      by: `${plan.author} via /modelgate promote`,
      reason: `/modelgate promote on pull request #${head.number} (${compared ? `gate passed against ${compared.runId}` : 'first run: no champion yet'})`,
      check: (now) => {
        if ((now?.runId ?? null) !== expected)
          throw new UserError(
            `the champion changed to ${now?.runId ?? 'nothing'} while promoting; not promoted`,
          )
      },
    })
  } catch (error) {
    if (error instanceof UserError) return { runId, text: error.message }
    throw error
  }
  return { runId, text: `promoted: now the champion (was ${champion ?? 'none'})` }
}

async function explain(
  session: Session,
  octokit: Octokit,
  plan: CommandPlan,
  model: string | null,
): Promise<string> {
  const { ctx } = session
  const head = await pullHead(octokit, { owner: ctx.owner, repo: ctx.repo }, plan.pullNumber)
  const registry = new Registry(
    await session.services.openStore(session.settings.store),
    session.services.clock,
    { random: session.services.random },
  )
  const parts: string[] = []
  for (const { name } of await modelsFor(session, model)) {
    const challenger = await runAt(registry, name, head.sha)
    if (!challenger) {
      parts.push(`**${name}**: no stored run of ${shortSha(head.sha)}; run \`/modelgate rerun\` first.`)
      continue
    }
    const championId =
      challenger.meta.comparedWith?.runId ?? (await registry.getAlias(name, CHAMPION))?.record.runId ?? null
    try {
      const ours = await linearWeights(registry, challenger)
      const theirs = championId
        ? await linearWeights(registry, await registry.readManifest<RunMeta>(name, championId))
        : null
      parts.push(
        `**${name}**: run \`${challenger.runId}\` against ${championId ? `champion \`${championId}\`` : 'no champion'}; weights on standardized (numeric) and one-hot inputs, largest first:\n\n${table(['input', 'this run', 'champion', 'change'], weightTable(ours, theirs))}`,
      )
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      parts.push(`**${name}**: ${mdText(error.message)}`)
    }
  }
  return parts.join('\n\n')
}

export async function commandMode(session: Session, plan: CommandPlan): Promise<void> {
  const { ctx, services } = session
  const { logger } = services
  const octokit = await session.github()
  const where = { owner: ctx.owner, repo: ctx.repo }
  const command: BotCommand = plan.command
  logger.info(`/modelgate ${command.name} from ${plan.author} on #${plan.pullNumber}`)
  await githubCall('acknowledging the command', () =>
    octokit.rest.reactions.createForIssueComment({ ...where, comment_id: plan.commentId, content: 'eyes' }),
  )
  if (command.name === 'unknown') {
    await reply(session, octokit, plan, `I did not understand "${mdText(command.text)}".\n\n${HELP}`)
    return
  }
  if (command.name === 'help') return reply(session, octokit, plan, HELP)
  if (command.name === 'rerun' || command.name === 'promote') {
    const permission = await canWrite(octokit, where, plan.author)
    if (!permission.allowed) {
      logger.info(`refused: ${plan.author} has ${permission.role} permission`)
      await reply(
        session,
        octokit,
        plan,
        `sorry, \`/modelgate ${command.name}\` changes check runs and champions, so it needs write, maintain or admin permission on this repository, and yours is ${mdText(permission.role)}. A maintainer can run it for you.`,
      )
      return
    }
  }
  let answer: string
  try {
    if (command.name === 'rerun') answer = await rerun(session, octokit, plan, command.model)
    else if (command.name === 'promote') answer = await promote(session, octokit, plan, command.model)
    else answer = await explain(session, octokit, plan, command.model)
  } catch (error) {
    if (error instanceof GateFailure) throw error
    if (!(error instanceof UserError)) {
      await reply(
        session,
        octokit,
        plan,
        `\`/modelgate ${command.name}\` failed unexpectedly; the workflow log says why.`,
      ).catch(() => undefined)
      throw error
    }
    logger.warn(describeError(error))
    answer = `\`/modelgate ${command.name}\` did not run: ${mdText(error.message)}`
  }
  await reply(session, octokit, plan, answer)
}
