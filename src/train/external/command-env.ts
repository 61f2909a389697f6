/** Variables that carry a GitHub token into a job by convention. */
const TOKEN_VARIABLES = ['GITHUB_TOKEN', 'GH_TOKEN', 'INPUT_GITHUB-TOKEN', 'INPUT_GITHUB_TOKEN']

/**
 * The environment a user's `train` / `predict` command runs with: the job's, without the GitHub token
 * modelgate was given (under any variable name holding it) — user code needs no write access to the repository.
 */
export function commandEnvironment(
  env: Record<string, string | undefined>,
  secrets: readonly string[],
): Record<string, string | undefined> {
  const hidden = new Set(secrets.filter((s) => s.length > 0))
  const out: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || TOKEN_VARIABLES.includes(name.toUpperCase()) || hidden.has(value)) continue
    out[name] = value
  }
  return out
}
