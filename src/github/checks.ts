import type { FailOn } from '../gate/outcome.js'
import { checkConclusion } from '../gate/outcome.js'
import type { ModelResult } from '../pipeline/types.js'
import { headline, renderReport } from '../report/markdown.js'

/** The check run name of one model: `modelgate / <model>`. */
export function checkRunName(model: string): string {
  return `modelgate / ${model}`
}
import { githubCall, retryTransient, type Octokit, type RepoRef } from './api.js'

/** GitHub's limit on a check run's output.summary (and output.text): 65,535 characters. */
export const CHECK_SUMMARY_MAX_CHARS = 65_535

export type CheckConclusion = 'success' | 'failure' | 'neutral'

export interface CreatedCheckRun {
  model: string
  id: number
  conclusion: CheckConclusion
  url: string | null
}

/** One completed check run `modelgate / <model>` per model on `headSha`, with the model's report as summary. */
export async function createCheckRuns(
  octokit: Octokit,
  where: RepoRef & { headSha: string; detailsUrl: string | null; failOn: FailOn },
  models: ModelResult[],
): Promise<CreatedCheckRun[]> {
  const created: CreatedCheckRun[] = []
  for (const model of models) {
    const name = checkRunName(model.name)
    const conclusion = checkConclusion(model, where.failOn)
    // Some margin under the limit: GitHub counts characters as it stores them, not as JavaScript does.
    const summary = renderReport([model], { title: name, maxChars: CHECK_SUMMARY_MAX_CHARS - 500 })
    const title = `${model.verdict}: ${headline(model)}`.slice(0, 250)
    // A retried create after a lost answer can leave two runs of one name; GitHub shows (and branch
    // protection uses) the latest, which is this one.
    const { data } = await retryTransient(() =>
      githubCall(`creating the check run "${name}" on ${where.headSha.slice(0, 7)}`, () =>
        octokit.rest.checks.create({
          owner: where.owner,
          repo: where.repo,
          name,
          head_sha: where.headSha,
          status: 'completed',
          conclusion,
          external_id: model.runId,
          ...(where.detailsUrl ? { details_url: where.detailsUrl } : {}),
          output: { title, summary },
        }),
      ),
    )
    created.push({ model: model.name, id: data.id, conclusion, url: data.html_url })
  }
  return created
}
