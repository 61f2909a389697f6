import {
  branchOf,
  pullRequestOf,
  readOnlyReason,
  type ActionContext,
  type PullRequestTarget,
} from '../github/context.js'
import { isBotAuthor, parseCommand, REPLY_MARKER, type BotCommand } from '../bot/parse.js'
import type { ActionSettings } from './inputs.js'

/** What one run of the action does, decided from the `mode` input and the event before anything happens. */
export type Plan =
  | { kind: 'skip'; reason: string }
  | {
      kind: 'train'
      promote: boolean
      /** Why the run promotes or not, for the log. */
      promoteNote: string
      pullRequest: PullRequestTarget | null
      /** The commit results are reported for and check runs attach to (a pull request's head). */
      commit: string
      ref: string | null
      /** Why this run cannot write comments and check runs, or null. */
      readOnly: string | null
    }
  | { kind: 'report' }
  /** `mode: plan`: write the matrix of a fan-out (one entry per model, trial and seed). */
  | { kind: 'plan' }
  /** `mode: report` with a plan: gather the matrix's entries from the store, pick, gate, post, promote. */
  | { kind: 'gather'; train: Extract<Plan, { kind: 'train' }> }
  | { kind: 'deploy'; ref: string; tag: string | null }
  | { kind: 'rollback'; ref: string }
  /** A `/modelgate` command in a pull request comment (issue_comment). */
  | { kind: 'command'; command: BotCommand; pullNumber: number; commentId: number; author: string }

export const PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened']
const AUTO_EVENTS = [
  'pull_request',
  'push',
  'workflow_dispatch',
  'schedule',
  'workflow_run',
  'release',
  'issue_comment',
]

/** issue_comment: a `/modelgate` command on a pull request by a person, or why there is nothing to do. */
function commandPlan(ctx: ActionContext): Plan {
  const { payload } = ctx
  if (payload.action !== 'created')
    return {
      kind: 'skip',
      reason: `issue_comment "${payload.action}" events need no run (commands are read when created)`,
    }
  const { issue, comment } = payload
  if (!issue?.pull_request || !comment)
    return { kind: 'skip', reason: 'the comment is on an issue, not a pull request' }
  // Bots never command, modelgate's own replies included (whatever token wrote them).
  if (isBotAuthor(comment.user) || (comment.body ?? '').includes(REPLY_MARKER))
    return {
      kind: 'skip',
      reason: `the comment is by a bot (${comment.user?.login ?? 'unknown'}); bots' comments are ignored`,
    }
  const command = parseCommand(comment.body ?? '')
  if (!command) return { kind: 'skip', reason: 'the comment has no /modelgate command' }
  return {
    kind: 'command',
    command,
    pullNumber: issue.number,
    commentId: comment.id,
    author: comment.user?.login ?? ctx.actor,
  }
}

function isDefaultBranch(ctx: ActionContext): boolean {
  const branch = branchOf(ctx.ref)
  return branch !== null && branch === ctx.payload.repository?.default_branch
}

function promotion(settings: ActionSettings, ctx: ActionContext): { promote: boolean; promoteNote: string } {
  const event = ctx.eventName
  if (event === 'pull_request' || event === 'pull_request_target')
    return { promote: false, promoteNote: 'pull requests never promote' }
  if (settings.promoteOn === 'never') return { promote: false, promoteNote: 'promote-on is never' }
  if (settings.promoteOn === 'release') {
    return event === 'release'
      ? { promote: true, promoteNote: 'promote-on is release and this is a release' }
      : { promote: false, promoteNote: `promote-on is release and this is a ${event} event` }
  }
  // promote-on: push. A manual or scheduled run on the default branch trains what a push there would.
  if (event !== 'push' && event !== 'workflow_dispatch' && event !== 'schedule') {
    return { promote: false, promoteNote: `promote-on is push and this is a ${event} event` }
  }
  if (!isDefaultBranch(ctx)) {
    const where =
      ctx.payload.repository?.default_branch ?? 'the default branch (the payload does not name it)'
    return { promote: false, promoteNote: `promote-on is push, but ${ctx.ref || 'this ref'} is not ${where}` }
  }
  return { promote: true, promoteNote: `promote-on is push and this is the default branch` }
}

function trainPlan(settings: ActionSettings, ctx: ActionContext): Extract<Plan, { kind: 'train' }> {
  const pullRequest = pullRequestOf(ctx)
  return {
    kind: 'train',
    ...promotion(settings, ctx),
    pullRequest,
    commit: pullRequest?.headSha ?? ctx.sha,
    ref: pullRequest?.headRef ?? (ctx.ref.replace(/^refs\/(heads|tags)\//, '') || null),
    readOnly: readOnlyReason(ctx, pullRequest),
  }
}

/**
 * `mode: auto`: train on pull requests, pushes, manual and scheduled runs; deploy the champion on a published
 * release (train and promote instead with `promote-on: release`); report on workflow_run.
 */
function autoPlan(settings: ActionSettings, ctx: ActionContext): Plan {
  const { eventName, payload } = ctx
  switch (eventName) {
    case 'pull_request':
      if (!PULL_REQUEST_ACTIONS.includes(payload.action ?? '')) {
        return {
          kind: 'skip',
          reason: `pull_request "${payload.action}" events need no run (modelgate runs on ${PULL_REQUEST_ACTIONS.join(', ')})`,
        }
      }
      return trainPlan(settings, ctx)
    case 'pull_request_target':
      return {
        kind: 'skip',
        reason:
          'pull_request_target runs with a write token next to code from the pull request, so mode: auto does not train on it; use pull_request, and for forks a workflow_run workflow with mode: report (see the README)',
      }
    case 'push':
      if (payload.deleted)
        return { kind: 'skip', reason: `${ctx.ref} was deleted: there is no commit to train` }
      return trainPlan(settings, ctx)
    case 'release':
      if (payload.action !== 'published')
        return {
          kind: 'skip',
          reason: `release "${payload.action}" events need no run (modelgate runs on published)`,
        }
      // A release ships the champion. Only a repository that promotes on releases trains on one instead.
      return settings.promoteOn === 'release' ? trainPlan(settings, ctx) : deployPlan(ctx)
    case 'workflow_run':
      return { kind: 'report' }
    case 'issue_comment':
      return commandPlan(ctx)
    case 'workflow_dispatch':
    case 'schedule':
      return trainPlan(settings, ctx)
    default:
      return {
        kind: 'skip',
        reason: `the ${eventName} event is not one modelgate runs on in mode: auto (${AUTO_EVENTS.join(', ')}); nothing to do`,
      }
  }
}

function deployPlan(ctx: ActionContext): Plan {
  const tag =
    ctx.payload.release?.tag_name ??
    (ctx.ref.startsWith('refs/tags/') ? ctx.ref.slice('refs/tags/'.length) : null)
  return { kind: 'deploy', ref: tag ?? ctx.sha, tag }
}

export function planRun(settings: ActionSettings, ctx: ActionContext): Plan {
  switch (settings.mode) {
    case 'auto':
      return autoPlan(settings, ctx)
    case 'train':
      return trainPlan(settings, ctx)
    case 'plan':
      return { kind: 'plan' }
    case 'report': {
      if (settings.plan === null) return { kind: 'report' }
      return { kind: 'gather', train: trainPlan(settings, ctx) }
    }
    case 'deploy':
      return deployPlan(ctx)
    case 'rollback':
      return { kind: 'rollback', ref: ctx.sha }
  }
}
