import { UserError } from '../errors.js'
import { githubCall, type Octokit, type RepoRef } from '../github/api.js'

/** GitHub refuses deployment status descriptions longer than 140 characters. */
export const STATUS_DESCRIPTION_MAX = 140

function clip(text: string): string {
  return text.length <= STATUS_DESCRIPTION_MAX ? text : `${text.slice(0, STATUS_DESCRIPTION_MAX - 1)}…`
}

export interface DeploymentRequest {
  ref: string
  environment: string
  description: string
  payload: Record<string, unknown>
}

/**
 * A GitHub deployment recording which runs went to an environment. `required_contexts: []`: the models were
 * gated before they became champions, and other commit statuses of the release are not this step's business;
 * `auto_merge: false`: a deployment of a tag must never merge the default branch into anything.
 */
export async function createDeployment(
  octokit: Octokit,
  where: RepoRef,
  request: DeploymentRequest,
): Promise<number> {
  const { data } = await githubCall(`creating a ${request.environment} deployment of ${request.ref}`, () =>
    octokit.rest.repos.createDeployment({
      owner: where.owner,
      repo: where.repo,
      ref: request.ref,
      environment: request.environment,
      description: clip(request.description),
      payload: request.payload,
      required_contexts: [],
      auto_merge: false,
      task: 'deploy',
    }),
  )
  if (!('id' in data))
    throw new UserError(
      `GitHub did not create the deployment of ${request.ref}: ${data.message ?? 'no reason given'}`,
    )
  return data.id
}

export async function setDeploymentStatus(
  octokit: Octokit,
  where: RepoRef & { deploymentId: number },
  status: {
    state: 'in_progress' | 'success' | 'failure' | 'inactive'
    description: string
    logUrl: string | null
    environment: string
    /** false keeps GitHub from marking earlier deployments inactive itself (rollbacks say which one is). */
    autoInactive?: boolean
  },
): Promise<void> {
  await githubCall(`setting deployment ${where.deploymentId} to ${status.state}`, () =>
    octokit.rest.repos.createDeploymentStatus({
      owner: where.owner,
      repo: where.repo,
      deployment_id: where.deploymentId,
      state: status.state,
      description: clip(status.description),
      environment: status.environment,
      ...(status.logUrl ? { log_url: status.logUrl } : {}),
      ...(status.autoInactive === undefined ? {} : { auto_inactive: status.autoInactive }),
    }),
  )
}

/** A deployment modelgate made (payload.tool is modelgate), with its newest status and every state it had. */
export interface RecordedDeployment {
  id: number
  ref: string
  kind: 'deploy' | 'rollback'
  models: Record<string, string>
  release: string | null
  state: string | null
  states: string[]
}

/** modelgate's deployments in an environment, newest first. */
export async function listModelgateDeployments(
  octokit: Octokit,
  where: RepoRef,
  environment: string,
  limit = 30,
): Promise<RecordedDeployment[]> {
  const { data } = await githubCall(`listing the ${environment} deployments`, () =>
    octokit.rest.repos.listDeployments({
      owner: where.owner,
      repo: where.repo,
      environment,
      per_page: limit,
    }),
  )
  const found: RecordedDeployment[] = []
  for (const d of data) {
    const payload = (typeof d.payload === 'string' ? safeJson(d.payload) : d.payload) as {
      tool?: string
      kind?: string
      models?: Record<string, string>
      release?: string | null
    } | null
    if (payload?.tool !== 'modelgate' || typeof payload.models !== 'object') continue
    const statuses = await githubCall(`reading the statuses of deployment ${d.id}`, () =>
      octokit.rest.repos.listDeploymentStatuses({
        owner: where.owner,
        repo: where.repo,
        deployment_id: d.id,
        per_page: 100,
      }),
    )
    const states = statuses.data.map((s) => s.state)
    found.push({
      id: d.id,
      ref: d.ref,
      kind: payload.kind === 'rollback' ? 'rollback' : 'deploy',
      models: payload.models,
      release: payload.release ?? null,
      state: states[0] ?? null,
      states,
    })
  }
  return found.sort((a, b) => b.id - a.id)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
