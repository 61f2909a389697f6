import path from 'node:path'
import { readCsv } from '../data/csv.js'
import { UserError } from '../errors.js'
import { batchFeatures, driftReport } from '../evaluate/drift-compare.js'
import { parseProfile, PROFILE_JSON } from '../evaluate/profile.js'
import type { PipelineDeps } from '../pipeline/types.js'
import { schemaChangeText } from '../report/drift-section.js'
import { num } from '../report/format.js'
import { DEFAULT_PSI_THRESHOLD, type DriftReport } from '../types/profile.js'
import { resolveRun } from './stored-run.js'

export interface DriftOptions {
  model: string
  input: string
  runId?: string
  alias?: string
  maxPsi?: string
  cwd: string
}

/** `modelgate drift`: a batch against the production (else champion) run's training profile. */
export async function driftCommand(
  deps: PipelineDeps,
  options: DriftOptions,
): Promise<{ report: DriftReport; runId: string; text: string; drifted: boolean }> {
  let threshold = DEFAULT_PSI_THRESHOLD
  if (options.maxPsi !== undefined) {
    threshold = Number(options.maxPsi)
    if (!(threshold > 0) || !Number.isFinite(threshold))
      throw new UserError(`--max-psi "${options.maxPsi}": expected a positive number, e.g. 0.25`)
  }
  const { runId, via, manifest } = await resolveRun(deps, options.model, {
    runId: options.runId,
    aliases: options.alias ? [options.alias] : ['production', 'champion'],
  })
  if (!manifest.files.some((f) => f.path === PROFILE_JSON))
    throw new UserError(
      `${options.model} ${via} stored no ${PROFILE_JSON} (it was made before profiles); retrain it`,
    )
  const profile = parseProfile(await deps.registry.readRunFile(manifest, PROFILE_JSON), `run ${runId}`)
  const table = await readCsv([path.resolve(options.cwd, options.input)])
  const report = driftReport({
    reference: {
      label: `${options.model} ${via} (training rows)`,
      profile: profile.train,
      schema: profile.schema,
    },
    subject: options.input,
    table,
    rows: Uint32Array.from({ length: table.rowCount }, (_, i) => i),
    features: batchFeatures(profile.schema, table),
    threshold,
  })
  // A batch that lacks some categories has not changed its schema: only what the model cannot read counts.
  const changes = report.schemaChanges.filter((c) => c.change !== 'dropped-categories')
  const lines = [
    `${options.input}: ${table.rowCount} rows against ${report.reference}; PSI flagged above ${num(threshold, 2)}`,
    ...[...report.features]
      .sort((a, b) => (b.psi || 0) - (a.psi || 0))
      .map(
        (f) =>
          `  ${f.flagged ? '!' : ' '} ${f.feature.padEnd(24)} ${f.kind.padEnd(11)} PSI ${num(f.psi, 3).padStart(6)}  ${f.kind === 'numeric' ? `KS ${num(f.ks, 3)}` : `chi-square ${num(f.chiSquare?.statistic, 1)} (df ${f.chiSquare?.dof}, p ${num(f.chiSquare?.pValue, 4)})`}`,
      ),
    ...(report.schemaChanges.length
      ? ['schema changes:', ...report.schemaChanges.map((c) => `  ${schemaChangeText(c)}`)]
      : []),
    report.flagged.length || changes.length
      ? `drift: ${report.flagged.length} feature(s) over PSI ${num(threshold, 2)}${report.flagged.length ? ` (${report.flagged.join(', ')})` : ''}, ${changes.length} schema change(s)`
      : 'no drift: every feature within the threshold and the schema unchanged',
  ]
  return {
    report,
    runId,
    text: `${lines.join('\n')}\n`,
    drifted: report.flagged.length > 0 || changes.length > 0,
  }
}
