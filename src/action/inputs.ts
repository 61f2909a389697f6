import path from 'node:path'
import { describeError, UserError } from '../errors.js'
import { webhookUrlProblem } from '../deploy/webhook.js'
import { parseStoreUrl, type StoreLocation } from '../store/store-url.js'
import { parsePlanJson, type FanoutPlan } from './plan-json.js'
import {
  COMMENT_POLICIES,
  FAIL_ON,
  Inputs,
  MODES,
  PROMOTE_ON,
  type CommentPolicy,
  type FailOn,
  type InputName,
  type Mode,
  type PromoteOn,
} from './constants.js'

/** Every input of the action, parsed once and checked together. */
export interface ActionSettings {
  /** `models`: model directories, spec files or globs, relative to the workspace (default `models/*`). */
  models: string[]
  /** `store` with the `s3-*` inputs: where runs and champions live; a local directory is absolute here. */
  store: StoreLocation
  /** `github-token`: for comments, check runs and deployments. Empty only when none of them is wanted. */
  githubToken: string
  /** `comment`: post the PR comment always, only when the results changed, or never. */
  comment: CommentPolicy
  /** `checks`: create one check run per model. */
  checks: boolean
  /** `allow-outside-workspace`: spec data files and model folders may lie outside the workspace. */
  allowOutsideWorkspace: boolean
  /** `fail-on`: the worst verdict that still lets the step pass is the one below this. */
  failOn: FailOn
  /** `promote-on`: the event on which a passing challenger becomes champion. */
  promoteOn: PromoteOn
  /** `mode`: `auto` picks from the event. */
  mode: Mode
  /** `results-file`: absolute path of the results JSON (written by training, read by `mode: report`). */
  resultsFile: string
  /** The Markdown report: the results file's path with a `.md` extension. */
  reportFile: string
  /** `deploy-to`: where deploy and rollback copy the run and write `<model>/current.json`, or null. */
  deployTo: StoreLocation | null
  /** `deploy-webhook`: the URL deploy and rollback POST a signed payload to, or null. */
  deployWebhook: string | null
  /** The HTML report written beside the results file (`.html`). */
  htmlFile: string
  /** `report-base-url`: where the store's root is served (no trailing slash), or null. */
  reportBaseUrl: string | null
  /** `report-url-expiry-hours`, in seconds: the lifetime of presigned report links. */
  reportUrlExpirySeconds: number
  /** `report-artifact`: the workflow artifact's name, or null for none. */
  reportArtifact: string | null
  /** `deploy-environment`: the GitHub environment of the deployments. */
  deployEnvironment: string
  /** `allow-inconclusive`: deploy a champion whose gate verdict was inconclusive. */
  allowInconclusive: boolean
  /** `model`: the one model rollback acts on (else every model). */
  model: string | null
  /** `to-run`: roll back to this run instead of one step. */
  toRun: string | null
  /** `changed-only`: `mode: plan` leaves out models whose spec, data and code match their champion's. */
  changedOnly: boolean
  /** `entry`: the plan entry `mode: train` trains (a matrix job), or null for every model. */
  entry: string | null
  /** `plan`: the plan job's `plan` output; `mode: report` then gathers the entries from the store. */
  plan: FanoutPlan | null
}

/** Reads one input the way the runner passes it (`INPUT_<NAME>`), already trimmed; '' when unset. */
export type InputReader = (name: InputName) => string

/** The defaults of action.yml (a test keeps the two equal); used when an input arrives empty. */
export const INPUT_DEFAULTS = {
  [Inputs.Models]: 'models/*',
  [Inputs.Store]: '.modelgate',
  [Inputs.Comment]: 'on-change',
  [Inputs.Checks]: 'true',
  [Inputs.FailOn]: 'fail',
  [Inputs.PromoteOn]: 'push',
  [Inputs.Mode]: 'auto',
  [Inputs.ResultsFile]: 'modelgate-results.json',
  [Inputs.AllowOutsideWorkspace]: 'false',
  [Inputs.DeployEnvironment]: 'production',
  [Inputs.AllowInconclusive]: 'false',
  [Inputs.ChangedOnly]: 'false',
  [Inputs.ReportUrlExpiryHours]: '168',
  [Inputs.ReportArtifact]: 'modelgate-report',
} as const

const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

class Problems {
  readonly list: string[] = []
  add(name: InputName, message: string): void {
    this.list.push(`input "${name}": ${message}`)
  }
}

function oneOf<T extends string>(
  read: InputReader,
  name: keyof typeof INPUT_DEFAULTS & InputName,
  allowed: readonly T[],
  problems: Problems,
): T {
  const raw = read(name) || INPUT_DEFAULTS[name]
  const value = raw.toLowerCase()
  if ((allowed as readonly string[]).includes(value)) return value as T
  problems.add(name, `"${raw}" is not one of ${allowed.join(', ')}`)
  return INPUT_DEFAULTS[name] as T
}

/** YAML 1.2 core-schema booleans, like core.getBooleanInput, but '' means the default. */
function bool(
  read: InputReader,
  name: InputName,
  fallback: boolean,
  problems: Problems,
): boolean | undefined {
  const raw = read(name)
  if (raw === '') return fallback
  if (TRUE.includes(raw)) return true
  if (FALSE.includes(raw)) return false
  problems.add(name, `"${raw}" is not a boolean; use true or false`)
  return undefined
}

/** Newline- or comma-separated list, blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** store-url's messages name CLI flags; in the Action the same words are input names. */
function asInputMessage(message: string): string {
  return message.replace(/--(store|s3-endpoint|s3-region|s3-force-path-style)\b/g, 'input "$1"')
}

function parseStore(read: InputReader, workspace: string, problems: Problems): StoreLocation | undefined {
  const forcePathStyle = bool(read, Inputs.S3ForcePathStyle, false, problems)
  const endpoint = read(Inputs.S3Endpoint)
  const region = read(Inputs.S3Region)
  try {
    const location = parseStoreUrl(read(Inputs.Store) || INPUT_DEFAULTS[Inputs.Store], {
      ...(endpoint ? { s3Endpoint: endpoint } : {}),
      ...(region ? { s3Region: region } : {}),
      // false is the SDK's own default, so only `true` is passed on (and only it is an error for a directory store).
      ...(forcePathStyle ? { s3ForcePathStyle: true } : {}),
    })
    if (location.kind === 'fs') location.dir = path.resolve(workspace, location.dir)
    return location
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    problems.list.push(asInputMessage(describeError(error)))
    return undefined
  }
}

/** `deploy-to`: a directory or s3:// URL; the s3-* inputs apply to it too when it is on S3. */
function parseDeployTo(read: InputReader, workspace: string, problems: Problems): StoreLocation | null {
  const raw = read(Inputs.DeployTo)
  if (raw === '') return null
  const endpoint = read(Inputs.S3Endpoint)
  const region = read(Inputs.S3Region)
  const s3 = raw.startsWith('s3://')
  try {
    const location = parseStoreUrl(
      raw,
      s3
        ? {
            ...(endpoint ? { s3Endpoint: endpoint } : {}),
            ...(region ? { s3Region: region } : {}),
            ...(TRUE.includes(read(Inputs.S3ForcePathStyle)) ? { s3ForcePathStyle: true } : {}),
          }
        : {},
    )
    if (location.kind === 'fs') location.dir = path.resolve(workspace, location.dir)
    return location
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    problems.add(Inputs.DeployTo, describeError(error).replace(/--store /g, ''))
    return null
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/**
 * Parse and check every input at once, so one run reports every bad value together. A problem throws a
 * UserError whose message names each input; nothing has happened yet at that point.
 */
export function parseInputs(read: InputReader, workspace: string): ActionSettings {
  const problems = new Problems()
  const models = splitList(read(Inputs.Models) || INPUT_DEFAULTS[Inputs.Models])
  for (const pattern of models) {
    if (path.isAbsolute(pattern) || pattern.split(/[\\/]/).includes('..')) {
      problems.add(Inputs.Models, `"${pattern}" must be a path inside the workspace (relative, without "..")`)
    }
  }
  const store = parseStore(read, workspace, problems)
  const githubToken = read(Inputs.GitHubToken)
  const comment = oneOf(read, Inputs.Comment, COMMENT_POLICIES, problems)
  const checks = bool(read, Inputs.Checks, true, problems)
  const allowOutsideWorkspace = bool(read, Inputs.AllowOutsideWorkspace, false, problems)
  const failOn = oneOf(read, Inputs.FailOn, FAIL_ON, problems)
  const promoteOn = oneOf(read, Inputs.PromoteOn, PROMOTE_ON, problems)
  const mode = oneOf(read, Inputs.Mode, MODES, problems)
  const resultsText = read(Inputs.ResultsFile) || INPUT_DEFAULTS[Inputs.ResultsFile]
  const resultsFile = path.resolve(workspace, resultsText)
  if (resultsText.endsWith('/') || resultsText.endsWith('.md')) {
    problems.add(
      Inputs.ResultsFile,
      `"${resultsText}" must name a JSON file (the report goes beside it as .md)`,
    )
  }

  const deployTo = parseDeployTo(read, workspace, problems)
  const deployWebhook = read(Inputs.DeployWebhook) || null
  const webhookProblem = deployWebhook === null ? null : webhookUrlProblem(deployWebhook)
  if (webhookProblem !== null) problems.add(Inputs.DeployWebhook, webhookProblem)
  const deployEnvironment = read(Inputs.DeployEnvironment) || INPUT_DEFAULTS[Inputs.DeployEnvironment]
  if (deployEnvironment.length > 255 || /[\u0000-\u001f]/.test(deployEnvironment))
    problems.add(Inputs.DeployEnvironment, 'must be an environment name of at most 255 characters')
  const allowInconclusive = bool(read, Inputs.AllowInconclusive, false, problems)
  const reportBaseUrl = read(Inputs.ReportBaseUrl).replace(/\/+$/, '') || null
  if (reportBaseUrl !== null && !/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(reportBaseUrl))
    problems.add(Inputs.ReportBaseUrl, 'must be an https:// URL without query or fragment')
  const expiryText = read(Inputs.ReportUrlExpiryHours) || INPUT_DEFAULTS[Inputs.ReportUrlExpiryHours]
  const expiryHours = Number(expiryText)
  // S3 signature version 4 allows at most 7 days.
  if (!Number.isInteger(expiryHours) || expiryHours < 1 || expiryHours > 168)
    problems.add(Inputs.ReportUrlExpiryHours, `"${expiryText}" must be a whole number of hours from 1 to 168`)
  const reportArtifact = read(Inputs.ReportArtifact)
  if (reportArtifact && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(reportArtifact))
    problems.add(
      Inputs.ReportArtifact,
      `"${reportArtifact}" is not an artifact name (letters, digits, ".", "_", "-")`,
    )
  const model = read(Inputs.Model) || null
  if (model !== null && !NAME.test(model))
    problems.add(Inputs.Model, `"${model}" is not a model name (letters, digits, ".", "_" and "-")`)
  const toRun = read(Inputs.ToRun) || null
  if (toRun !== null && !NAME.test(toRun)) problems.add(Inputs.ToRun, `"${toRun}" is not a run id`)
  if (toRun !== null && model === null)
    problems.add(Inputs.ToRun, 'names a run of one model, so input "model" must name that model')

  const changedOnly = bool(read, Inputs.ChangedOnly, false, problems)
  const entry = read(Inputs.Entry) || null
  if (entry !== null && !NAME.test(entry)) problems.add(Inputs.Entry, `"${entry}" is not a plan entry id`)
  let plan: FanoutPlan | null = null
  const planText = read(Inputs.Plan)
  if (planText !== '') {
    const parsed = parsePlanJson(planText)
    if (typeof parsed === 'string') problems.add(Inputs.Plan, parsed)
    else plan = parsed
  }
  if (entry !== null && mode !== 'train')
    problems.add(Inputs.Entry, `is for mode: train (a matrix job), not mode: ${mode}`)
  if (plan !== null && mode !== 'report')
    problems.add(Inputs.Plan, `is for mode: report (the job after the matrix), not mode: ${mode}`)

  // Checked together: values that are fine alone but not in combination.
  // A plan job and a matrix job post nothing: only the report job needs the token.
  const posts = mode !== 'plan' && !(mode === 'train' && entry !== null)
  const needsApi =
    (posts && (comment !== 'never' || checks === true)) || mode === 'deploy' || mode === 'rollback'
  if (githubToken === '' && needsApi) {
    const uses =
      mode === 'deploy' || mode === 'rollback'
        ? `mode: ${mode} creates a GitHub deployment`
        : 'comments and check runs need it'
    problems.add(
      Inputs.GitHubToken,
      `is empty but ${uses}; pass \${{ github.token }}, or set comment: never and checks: false`,
    )
  }
  if (mode === 'report' && comment === 'never' && checks === false) {
    problems.add(
      Inputs.Mode,
      '"report" posts the comment and check runs, but comment is never and checks is false: nothing to do',
    )
  }

  if (problems.list.length === 1) throw new UserError(problems.list[0])
  if (problems.list.length > 1)
    throw new UserError(`${problems.list.length} problems with the inputs: ${problems.list.join('; ')}`)
  return {
    models,
    store: store!,
    githubToken,
    comment,
    checks: checks!,
    failOn,
    promoteOn,
    mode,
    resultsFile,
    allowOutsideWorkspace: allowOutsideWorkspace!,
    reportFile: resultsFile.replace(/\.json$/i, '') + '.md',
    htmlFile: resultsFile.replace(/\.json$/i, '') + '.html',
    reportBaseUrl,
    reportUrlExpirySeconds: expiryHours * 3600,
    reportArtifact:
      reportArtifact === 'none' ? null : reportArtifact || INPUT_DEFAULTS[Inputs.ReportArtifact],
    deployTo,
    deployWebhook,
    deployEnvironment,
    allowInconclusive: allowInconclusive ?? false,
    model,
    toRun,
    changedOnly: changedOnly ?? false,
    entry,
    plan,
  }
}
