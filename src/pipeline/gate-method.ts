import { parseSpec, type ModelSpec } from '../config/load-spec.js'
import type { Dataset } from '../data/dataset.js'
import { describeError } from '../errors.js'
import { compareModels, type CompareInput } from '../gate/compare.js'
import { crossfitSpecs } from '../gate/crossfit.js'
import type { GateResult } from '../gate/types.js'
import { num } from '../report/format.js'
import type { Registry } from '../store/registry.js'
import type { RunMeta } from './types.js'

/** Every run stores its spec file's bytes under this name, so a later run can retrain the champion's spec. */
export const SPEC_RUN_FILE = 'spec.yml'

/**
 * The gate with `gate.method`: holdout compares the two fitted models on the eval split; crossfit retrains
 * the current spec and the champion's stored spec on repeated cross-fitting folds of all labelled rows
 * (gate/crossfit.ts); auto chooses crossfit when it is cheap (logistic or linear models) and the eval split
 * cannot resolve twice the margin of the key metric (its detectable drop for this pair exceeds 2δ): on
 * 300–700 eval rows the eval split alone cannot reach 80% detection of such drops (bench/results/gate.md).
 * When cross-fitting is not possible the holdout result stands and the note says why.
 */
export async function compareWithMethod(
  input: CompareInput & { dataset: Dataset; keyMetric: string },
  champion: { runId: string; registry: Registry },
): Promise<GateResult> {
  const { spec } = input
  const holdout = compareModels(input)
  const method = spec.gate.method
  if (method === 'holdout')
    return { ...holdout, methodNote: 'compared on the eval split (gate.method: holdout)' }
  const key = holdout.comparisons.find(
    (c) => c.metric === input.keyMetric && c.scope.kind === 'overall' && c.margin !== null,
  )
  if (method === 'auto') {
    if (spec.model.type === 'mlp')
      return {
        ...holdout,
        methodNote:
          'compared on the eval split (gate.method: auto; an MLP is not cheap enough to retrain on every fold)',
      }
    if (!key || key.detectableDrop === null || key.detectableDrop <= 2 * key.margin!)
      return {
        ...holdout,
        methodNote: key?.detectableDrop
          ? `compared on the eval split (gate.method: auto; it resolves this pair well enough: a drop of ${num(key.detectableDrop)} ≤ 2× the margin fails 9 times in 10)`
          : 'compared on the eval split (gate.method: auto)',
      }
  }
  const fallback = (why: string): GateResult => ({
    ...holdout,
    methodNote: `compared on the eval split: cross-fitting (gate.method: ${method}) was not possible: ${why}`,
  })
  if (input.dataset.eval.table !== input.dataset.train.table)
    return fallback('the eval rows come from a separate file, and cross-fitting needs one labelled table')
  let championSpec: ModelSpec
  try {
    const manifest = await champion.registry.readManifest<RunMeta>(spec.name, champion.runId)
    if (!manifest.files.some((f) => f.path === SPEC_RUN_FILE))
      return fallback(`champion run ${champion.runId} was stored without its spec (${SPEC_RUN_FILE})`)
    const bytes = await champion.registry.readRunFile(manifest, SPEC_RUN_FILE)
    championSpec = parseSpec(bytes, `${spec.specFile} (champion run ${champion.runId}'s ${SPEC_RUN_FILE})`)
  } catch (error) {
    return fallback(describeError(error))
  }
  if (championSpec.data.target !== spec.data.target || championSpec.task !== spec.task)
    return fallback(
      `the champion's spec predicts ${championSpec.data.target} (${championSpec.task}), this one ${spec.data.target} (${spec.task})`,
    )
  const metrics = holdout.comparisons
    .filter((c) => c.scope.kind === 'overall' && c.margin !== null && c.verdict !== 'not-gated')
    .map((c) => c.metric)
  const { folds, repeats } = spec.gate.crossfit
  let estimates
  try {
    estimates = crossfitSpecs({
      spec,
      championSpec,
      dataset: input.dataset,
      metrics,
      plan: { folds, repeats, seed: spec.gate.seed },
    })
  } catch (error) {
    return fallback(describeError(error))
  }
  const rows = input.dataset.train.rows.length + input.dataset.eval.rows.length
  const why =
    method === 'auto'
      ? `gate.method: auto, since the eval split cannot resolve twice the margin: a drop of ${num(key!.detectableDrop)} would be needed to fail 9 times in 10`
      : 'gate.method: crossfit'
  return compareModels({
    ...input,
    crossfit: {
      estimates,
      note: `compared by cross-fitting (${why}): this spec and the champion's stored spec retrained on ${repeats}×${folds} folds of all ${rows.toLocaleString('en-US')} labelled rows, Nadeau–Bengio corrected t interval; floors and slices on the eval split`,
    },
  })
}
