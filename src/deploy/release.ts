import { githubCall, type Octokit, type RepoRef } from '../github/api.js'
import type { RunMeta } from '../pipeline/types.js'
import { num, shortSha, table } from '../report/format.js'
import { mdText } from '../report/escape.js'
import type { Registry, RunManifest } from '../store/registry.js'
import type { Logger } from '../util/logger.js'
import type { GateStanding } from './gate-record.js'

export const NOTES_START = '<!-- modelgate:start -->'
export const NOTES_END = '<!-- modelgate:end -->'

/** Files of a run that are a model card, if the run has one (else a short summary is generated). */
const MODEL_CARD_FILES = ['MODEL_CARD.md', 'model-card.md', 'model_card.md', 'README.md']

export interface ReleasedModel {
  model: string
  runId: string
  standing: GateStanding
  manifest: RunManifest<RunMeta>
}

/**
 * The release body with modelgate's section put in or replaced. Only the text between the markers is
 * modelgate's; everything the author wrote around it is kept byte for byte.
 */
export function withNotesSection(body: string | null, section: string): string {
  const block = `${NOTES_START}\n${section.trim()}\n${NOTES_END}`
  const text = body ?? ''
  const start = text.indexOf(NOTES_START)
  const end = start === -1 ? -1 : text.indexOf(NOTES_END, start)
  if (start !== -1 && end !== -1) return text.slice(0, start) + block + text.slice(end + NOTES_END.length)
  return text.trim() === '' ? block : `${text.replace(/\s+$/, '')}\n\n${block}`
}

function keyMetrics(meta: RunMeta): string {
  return Object.entries(meta.metrics ?? {})
    .slice(0, 3)
    .map(([name, value]) => `${name} ${num(value)}`)
    .join(', ')
}

export function notesSection(models: ReleasedModel[], environment: string): string {
  const rows = models.map((m) => [
    m.model,
    m.runId,
    m.standing,
    keyMetrics(m.manifest.meta),
    shortSha(m.manifest.meta.git?.commit),
  ])
  return `### Models in ${mdText(environment)}\n\n${table(['model', 'run', 'gate', 'metrics', 'commit'], rows)}`
}

/** The run's own model card, or a short generated summary of the run. */
export async function modelCard(registry: Registry, released: ReleasedModel): Promise<string> {
  const card = released.manifest.files.find((f) => MODEL_CARD_FILES.includes(f.path))
  if (card) return new TextDecoder().decode(await registry.readRunFile(released.manifest, card.path))
  const meta = released.manifest.meta
  const rows = Object.entries(meta.metrics ?? {}).map(([name, value]) => [name, num(value)])
  return [
    `# ${released.model}: run ${released.runId}`,
    '',
    `- task: ${meta.task}, model: ${mdText(meta.modelType ?? '')}`,
    `- trained on commit ${shortSha(meta.git?.commit)}, ${meta.data?.trainRows ?? '?'} training rows, ${meta.data?.evalRows ?? '?'} eval rows`,
    `- gate: ${released.standing}${meta.comparedWith ? ` against ${meta.comparedWith.runId}` : ''}`,
    `- created ${released.manifest.createdAt} by modelgate ${meta.tool?.version ?? ''}`,
    '',
    '## Metrics on the eval rows',
    '',
    table(['metric', 'value'], rows),
    '',
  ].join('\n')
}

/**
 * Attach one file to the release, replacing an asset of the same name (GitHub refuses a second upload of a
 * name, so a re-run deletes the old one first). Uploads go to the release's own `upload_url` host
 * (uploads.github.com, or GHES's), never to the API host.
 */
export async function attachAsset(
  octokit: Octokit,
  where: RepoRef & { releaseId: number; uploadUrl: string },
  name: string,
  body: Uint8Array,
  contentType: string,
): Promise<void> {
  const assets = await githubCall(`listing the assets of release ${where.releaseId}`, () =>
    octokit.paginate(octokit.rest.repos.listReleaseAssets, {
      owner: where.owner,
      repo: where.repo,
      release_id: where.releaseId,
      per_page: 100,
    }),
  )
  for (const old of assets.filter((a) => a.name === name)) {
    await githubCall(`deleting the old release asset ${name}`, () =>
      octokit.rest.repos.deleteReleaseAsset({ owner: where.owner, repo: where.repo, asset_id: old.id }),
    )
  }
  const url = new URL(where.uploadUrl.replace(/\{[^}]*\}$/, ''))
  url.searchParams.set('name', name)
  await githubCall(`uploading ${name} to release ${where.releaseId}`, () =>
    octokit.request({
      method: 'POST',
      url: url.toString(),
      headers: { 'content-type': contentType, 'content-length': body.byteLength },
      data: Buffer.from(body),
    }),
  )
}

/** Model card and metrics as release assets, and the model table in the notes' modelgate section. */
export async function annotateRelease(
  octokit: Octokit,
  where: RepoRef,
  tag: string,
  released: ReleasedModel[],
  context: { registry: Registry; environment: string; logger: Logger },
): Promise<void> {
  const { registry, logger } = context
  let release
  try {
    ;({ data: release } = await octokit.rest.repos.getReleaseByTag({ ...where, tag }))
  } catch (error) {
    if ((error as { status?: number }).status === 404) {
      logger.info(`no published release for tag ${tag}: no assets or notes`)
      return
    }
    throw error
  }
  const asset = { ...where, releaseId: release.id, uploadUrl: release.upload_url }
  const encoder = new TextEncoder()
  for (const model of released) {
    await attachAsset(
      octokit,
      asset,
      `${model.model}-model-card.md`,
      encoder.encode(await modelCard(registry, model)),
      'text/markdown',
    )
    const metrics = model.manifest.files.some((f) => f.path === 'metrics.json')
      ? await registry.readRunFile(model.manifest, 'metrics.json')
      : encoder.encode(`${JSON.stringify({ metrics: model.manifest.meta.metrics }, null, 2)}\n`)
    await attachAsset(octokit, asset, `${model.model}-metrics.json`, metrics, 'application/json')
  }
  const body = withNotesSection(release.body ?? null, notesSection(released, context.environment))
  if (body !== release.body) {
    await githubCall(`updating the notes of release ${tag}`, () =>
      octokit.rest.repos.updateRelease({ ...where, release_id: release.id, body }),
    )
  }
  logger.info(`release ${tag}: model card and metrics attached, notes updated`)
}
