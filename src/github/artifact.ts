/**
 * The workflow artifact the Action uploads its reports as (@actions/artifact: the runner's results service,
 * reached through ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL). Loaded only when a run uploads one.
 */

/** Uploads files as one artifact; resolves with its id (null when the service returned none). */
export type ArtifactUploader = (
  name: string,
  files: string[],
  rootDirectory: string,
) => Promise<{ id: number | null }>

/** Why there is no artifact service here (not inside a workflow run), or null when there is one. */
export function artifactServiceMissing(env: NodeJS.ProcessEnv): string | null {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL)
    return 'ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set (not inside a workflow run)'
  return null
}

export const uploadWithActionsArtifact: ArtifactUploader = async (name, files, rootDirectory) => {
  const { DefaultArtifactClient } = await import('@actions/artifact')
  const client = new DefaultArtifactClient()
  const { id } = await client.uploadArtifact(name, files, rootDirectory, { retentionDays: 30 })
  return { id: id ?? null }
}
