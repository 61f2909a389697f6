import type { ArtifactUploader } from '../github/artifact.js'
import type { GitReader } from '../deploy/git-reader.js'
import type { ActionContext } from '../github/context.js'
import type { Octokit } from '../github/api.js'
import type { SummarySink } from '../github/summary.js'
import type { ObjectStore } from '../store/object-store.js'
import type { StoreLocation } from '../store/store-url.js'
import type { Clock } from '../util/clock.js'
import type { Logger } from '../util/logger.js'
import type { RandomSource } from '../util/random.js'
import type { ActionSettings, InputReader } from './inputs.js'
import type { OutputSink } from './outputs.js'

/**
 * Every side effect of the action, built by main.ts from @actions/core, the store and Octokit. Heavy clients
 * (the AWS SDK, Octokit) are created through async factories so they load only when a run needs them.
 */
export interface ActionServices {
  env: NodeJS.ProcessEnv
  cwd: string
  logger: Logger
  clock: Clock
  /** Run ids, lock tokens, retry jitter: the OS's CSPRNG in main.ts, a seeded source in a test. */
  random: RandomSource
  readInput: InputReader
  setOutput: OutputSink
  appendSummary: SummarySink
  /** Mask a value in the log (the token). */
  setSecret(value: string): void
  openStore(location: StoreLocation): Promise<ObjectStore>
  createOctokit(token: string, baseUrl: string): Promise<Octokit>
  /** git in a work tree (deploy: is the gated commit in the release tag; the bot: what is checked out). */
  gitReader(cwd: string): GitReader
  /** HTTP for the deploy webhook, and the pause between its retries. */
  fetch: typeof fetch
  sleep(ms: number): Promise<void>
  /** Uploads the reports as a workflow artifact (main.ts: @actions/artifact); absent: no artifact. */
  uploadArtifact?: ArtifactUploader
  /** Why the artifact service is unavailable here, or null (main.ts: from the runner's environment). */
  artifactServiceMissing?: () => string | null
}

/** One run of the action: its parsed inputs, the event, the services, and the GitHub client made on first use. */
export interface Session {
  settings: ActionSettings
  ctx: ActionContext
  services: ActionServices
  github(): Promise<Octokit>
}

export function createSession(
  settings: ActionSettings,
  ctx: ActionContext,
  services: ActionServices,
): Session {
  let client: Promise<Octokit> | undefined
  return {
    settings,
    ctx,
    services,
    github: () => (client ??= services.createOctokit(settings.githubToken, ctx.apiUrl)),
  }
}

/** `owner/name` of the repository the workflow runs in. */
export function repositoryOf(ctx: ActionContext): string {
  return `${ctx.owner}/${ctx.repo}`
}
