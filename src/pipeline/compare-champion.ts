import type { ModelSpec } from '../config/load-spec.js'
import { describeError, UserError } from '../errors.js'
import type { GateResult, ModelVerdict } from '../gate/types.js'
import { challengerSliceMetrics, type ChallengerSlice } from './challenger-slices.js'
import { scoreChampion, type ChampionScore } from './champion.js'
import { compareWithMethod } from './gate-method.js'
import type { Prepared } from './prepare.js'
import { specChanges } from './spec-diff.js'
import type { PipelineDeps, RunChanges } from './types.js'

/** The compare stage's outcome: the champion (if any could be scored), the gate's result and the verdict. */
export interface Comparison {
  champion: ChampionScore | null
  /** Why the champion exists but could not be scored on this eval set. */
  championNote: string | null
  gate: GateResult | null
  verdict: ModelVerdict
  /** A first run's own slice metrics (with a comparison, the gate's slices show them). */
  challengerSlices: ChallengerSlice[] | null
  changes: RunChanges | null
  warnings: string[]
}

export function keyMetricOf(spec: ModelSpec): string {
  return Object.keys(spec.gate.metrics)[0] ?? spec.metricNames[0]!
}

/** The compare stage: the champion re-scored on the same eval rows, then the gate on the paired predictions. */
export async function compareWithChampion(
  spec: ModelSpec,
  deps: PipelineDeps,
  prepared: Prepared,
  challenger: Float64Array,
): Promise<Comparison> {
  const { dataset, training } = prepared
  const warnings: string[] = []
  let champion: ChampionScore | null = null
  let championNote: string | null = null
  try {
    champion = await scoreChampion(spec, deps, dataset)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    championNote = describeError(error)
    warnings.push(`the champion could not be scored on this eval set: ${championNote}`)
  }
  const gate = champion
    ? await compareWithMethod(
        {
          spec,
          y: dataset.eval.y,
          classes: training.classes,
          challenger,
          champion: champion.predictions,
          eval: dataset.eval,
          dataset,
          keyMetric: keyMetricOf(spec),
        },
        { runId: champion.runId, registry: deps.registry },
      )
    : null
  const metricOptions = { classes: training.classes, threshold: spec.threshold }
  const challengerSlices =
    !gate && spec.slices ? challengerSliceMetrics(spec, dataset.eval, challenger, metricOptions) : null
  const changes = champion ? await specChanges(deps.registry, spec, champion.runId, deps.git.dirty) : null
  const verdict: ModelVerdict = gate ? gate.verdict : championNote ? 'inconclusive' : 'no-champion'
  return { champion, championNote, gate, verdict, challengerSlices, changes, warnings }
}
