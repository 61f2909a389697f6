/** Every input and output name of action.yml, defined once (action.yml and the docs use the same strings). */

export const Inputs = {
  Models: 'models',
  Store: 'store',
  S3Endpoint: 's3-endpoint',
  S3Region: 's3-region',
  S3ForcePathStyle: 's3-force-path-style',
  GitHubToken: 'github-token',
  Comment: 'comment',
  Checks: 'checks',
  FailOn: 'fail-on',
  PromoteOn: 'promote-on',
  Mode: 'mode',
  ResultsFile: 'results-file',
  AllowOutsideWorkspace: 'allow-outside-workspace',
  DeployTo: 'deploy-to',
  DeployWebhook: 'deploy-webhook',
  DeployEnvironment: 'deploy-environment',
  ReportBaseUrl: 'report-base-url',
  ReportUrlExpiryHours: 'report-url-expiry-hours',
  ReportArtifact: 'report-artifact',
  AllowInconclusive: 'allow-inconclusive',
  Model: 'model',
  ToRun: 'to-run',
  ChangedOnly: 'changed-only',
  Entry: 'entry',
  Plan: 'plan',
} as const

export const Outputs = {
  Verdict: 'verdict',
  Results: 'results',
  Report: 'report',
  ChampionChanged: 'champion-changed',
  RunIds: 'run-ids',
  Matrix: 'matrix',
  PlanJson: 'plan-json',
} as const

export type InputName = (typeof Inputs)[keyof typeof Inputs]
export type OutputName = (typeof Outputs)[keyof typeof Outputs]

// `fail-on` is shared with the CLI's --fail-on.
export { FAIL_ON, type FailOn } from '../gate/outcome.js'

export const COMMENT_POLICIES = ['always', 'on-change', 'never'] as const
export const PROMOTE_ON = ['push', 'release', 'never'] as const
export const MODES = ['auto', 'plan', 'train', 'report', 'deploy', 'rollback'] as const

export type CommentPolicy = (typeof COMMENT_POLICIES)[number]
export type PromoteOn = (typeof PROMOTE_ON)[number]
export type Mode = (typeof MODES)[number]

export { checkRunName } from '../github/checks.js'

/** The registry alias `mode: deploy` moves and `mode: rollback` steps back, and the GitHub environment. */
export const PRODUCTION = 'production'
