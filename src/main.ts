import { appendFile } from 'node:fs/promises'
import * as core from '@actions/core'
import type { ActionServices } from './action/session.js'
import path from 'node:path'
import { cliGitReader } from './deploy/git-reader.js'
import { artifactServiceMissing } from './github/artifact.js'
import { describeError, SpecError, UserError } from './errors.js'
import { systemClock } from './util/clock.js'
import { cryptoRandom } from './util/random.js'
import { neutraliseWorkflowCommands, redactSecrets } from './util/redact.js'
import type { Logger } from './util/logger.js'
import { VERSION } from './version.js'

/** The Actions log: warnings become annotations, training progress is ordinary log lines. */
const coreLogger: Logger = {
  info: (message) => core.info(neutraliseWorkflowCommands(redactSecrets(message))),
  warn: (message) => core.warning(redactSecrets(message)),
  progress: (message) => core.info(neutraliseWorkflowCommands(redactSecrets(message))),
  debug: (message) => core.debug(redactSecrets(message)),
  group: (title) => core.startGroup(title),
  endGroup: () => core.endGroup(),
  annotate: (message, where) =>
    core.error(redactSecrets(message), { file: where.file, title: where.title, startLine: where.line }),
}

/**
 * A spec error is annotated on the spec file itself (the PR's Files tab shows it), and fails the step; the
 * message is not repeated as a second, file-less annotation.
 */
function failOnSpec(error: SpecError, workspace: string): void {
  const file = path.relative(workspace, path.resolve(workspace, error.specFile)).split(path.sep).join('/')
  coreLogger.annotate!(describeError(error), { file, title: 'modelgate: spec error', line: error.line })
  process.exitCode = core.ExitCode.Failure
}

/** The real side effects: @actions/core for inputs, outputs, log and summary; the store; Octokit. */
function defaultServices(): ActionServices {
  return {
    env: process.env,
    cwd: process.cwd(),
    logger: coreLogger,
    clock: systemClock,
    random: cryptoRandom,
    readInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    // Appended directly, as core.summary.write() does, but without its singleton that keeps the first path.
    appendSummary: async (markdown) => {
      const file = process.env.GITHUB_STEP_SUMMARY
      if (!file)
        core.info(
          'GITHUB_STEP_SUMMARY is not set, so there is no job summary (the report is in the report file)',
        )
      else await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`)
    },
    setSecret: (value) => core.setSecret(value),
    // Both load heavy modules (the AWS SDK, Octokit) only when a run needs them.
    // The store gets the runner's environment explicitly (credentials, region), not by a global read.
    openStore: async (location) =>
      (await import('./store/store-url.js')).openStore(location, { env: process.env, random: cryptoRandom }),
    createOctokit: async (token, baseUrl) =>
      (await import('./github/client.js')).createGitHubClient(token, { baseUrl, logger: coreLogger }),
    gitReader: (cwd) => cliGitReader(cwd),
    fetch: (input, init) => fetch(input, init),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    uploadArtifact: async (name, files, root) =>
      (await import('./github/artifact.js')).uploadWithActionsArtifact(name, files, root),
    artifactServiceMissing: () => artifactServiceMissing(process.env),
  }
}

/**
 * The Action. The one place that catches: whatever is thrown — an Error, a string, anything — fails the step
 * with one readable line via core.setFailed. `overrides` replace services in tests; the runner passes none.
 */
export async function run(overrides: Partial<ActionServices> = {}): Promise<void> {
  try {
    core.info(`modelgate ${VERSION}`)
    const { runAction } = await import('./action/run-action.js')
    await runAction({ ...defaultServices(), ...overrides })
  } catch (error) {
    if (error instanceof SpecError)
      return failOnSpec(error, process.env.GITHUB_WORKSPACE ?? overrides.cwd ?? process.cwd())
    core.setFailed(describeError(error))
    // Stack traces only for the unexpected (not for bad inputs or a failed gate), and only in debug logs.
    if (
      error instanceof Error &&
      !(error instanceof UserError) &&
      error.name !== 'GateFailure' &&
      error.stack
    )
      core.debug(redactSecrets(error.stack))
  }
}
