/**
 * The Action's reports for people beyond the comment: the HTML report of all models written beside the
 * results file and uploaded (with the Markdown) as a workflow artifact, and the links the comment shows to
 * each run's stored HTML report and model card — under `report-base-url`, else presigned by an S3 store,
 * else the artifact. Nothing here fails the step: a report that cannot be linked is said in the log.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { describeError } from '../errors.js'
import type { ModelResult } from '../pipeline/types.js'
import { renderHtmlReport } from '../report/html/report.js'
import type { DocumentLinks } from '../report/markdown.js'
import { RUN_CARD_FILE, RUN_REPORT_FILE } from '../types/run-layout.js'
import type { Session } from './session.js'

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/**
 * The store key of one of a run's documents. Only the two fixed file names, whatever the results say: in
 * `mode: report` the results file comes from another workflow (a fork's), and a name it chose must never get
 * another object of the store presigned and posted in a public comment.
 */
const runKey = (m: ModelResult, file: typeof RUN_REPORT_FILE | typeof RUN_CARD_FILE): string =>
  `models/${m.name}/runs/${m.runId}/${file}`

/** A run whose documents can be linked: stored with them, under a valid run id. */
const linkable = (m: ModelResult): boolean => m.stored && m.documents != null && RUN_ID.test(m.runId)

/** Writes the HTML report and uploads the reports as the artifact; returns the artifact's URL, or null. */
export async function writeAndUploadReports(session: Session, models: ModelResult[]): Promise<string | null> {
  const { settings, services, ctx } = session
  const html = renderHtmlReport(models, { generatedAt: services.clock.now().toISOString() })
  await fs.writeFile(settings.htmlFile, html)
  const name = settings.reportArtifact
  if (name === null || !services.uploadArtifact) return null
  const missing = services.artifactServiceMissing?.() ?? null
  if (missing) {
    services.logger.info(`no report artifact: ${missing}`)
    return null
  }
  try {
    const files = [settings.htmlFile, settings.reportFile]
    const { id } = await services.uploadArtifact(name, files, path.dirname(settings.htmlFile))
    services.logger.info(`report artifact "${name}" uploaded${id !== null ? ` (id ${id})` : ''}`)
    return id !== null && ctx.runUrl ? `${ctx.runUrl}/artifacts/${id}` : ctx.runUrl
  } catch (error) {
    services.logger.warn(`the report artifact "${name}" was not uploaded: ${describeError(error)}`)
    return null
  }
}

export interface LinkedDocuments {
  links: Record<string, DocumentLinks>
  /** When the presigned links among them stop working (signed now, for report-url-expiry-hours), or null. */
  expiresAt: Date | null
}

/** Per model: links to its stored report and card (base URL or presigned), else to the artifact. */
export async function documentLinks(
  session: Session,
  models: ModelResult[],
  artifactUrl: string | null,
): Promise<LinkedDocuments> {
  const { settings, services } = session
  const links: Record<string, DocumentLinks> = {}
  let signed = false
  // Taken before signing, so the links live at least until this time.
  const expiresAt = new Date(services.clock.now().getTime() + settings.reportUrlExpirySeconds * 1000)
  let signer: ((key: string) => Promise<string>) | null = null
  if (settings.reportBaseUrl === null && models.some(linkable)) {
    const store = await services.openStore(settings.store)
    if (store.signedUrl) signer = (key) => store.signedUrl!(key, settings.reportUrlExpirySeconds)
  }
  for (const m of models) {
    const docs = linkable(m)
    if (docs && settings.reportBaseUrl !== null) {
      links[m.name] = {
        report: `${settings.reportBaseUrl}/${runKey(m, RUN_REPORT_FILE)}`,
        card: `${settings.reportBaseUrl}/${runKey(m, RUN_CARD_FILE)}`,
      }
    } else if (docs && signer) {
      try {
        links[m.name] = {
          report: await signer(runKey(m, RUN_REPORT_FILE)),
          card: await signer(runKey(m, RUN_CARD_FILE)),
        }
        signed = true
      } catch (error) {
        services.logger.warn(`${m.name}: no link to the stored report: ${describeError(error)}`)
      }
    }
    if (!links[m.name] && artifactUrl) links[m.name] = { report: artifactUrl }
  }
  return { links, expiresAt: signed ? expiresAt : null }
}
