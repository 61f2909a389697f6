import type { ModelVerdict } from './types.js'

/**
 * How a verdict counts once the gate has spoken: for check runs, the step and the CLI's exit code. One place,
 * so the Action and the CLI cannot disagree.
 */

/** Which verdicts fail the step (Action `fail-on`, CLI `--fail-on`). */
export const FAIL_ON = ['fail', 'inconclusive', 'never'] as const
export type FailOn = (typeof FAIL_ON)[number]

/** A spec's `gate.on_inconclusive`: how an inconclusive verdict is reported. */
export type OnInconclusive = 'pass' | 'fail' | 'neutral'

/** The verdict as reported: `on_inconclusive: pass | fail` turns inconclusive into that verdict. */
export function reportedVerdict(
  verdict: ModelVerdict,
  onInconclusive: OnInconclusive = 'neutral',
): ModelVerdict {
  return verdict === 'inconclusive' && onInconclusive !== 'neutral' ? onInconclusive : verdict
}

/** Whether a model's outcome fails the step (or the CLI run) under `fail-on`. */
export function failsRun(
  model: { verdict: ModelVerdict; onInconclusive?: OnInconclusive },
  failOn: FailOn,
): boolean {
  const verdict = reportedVerdict(model.verdict, model.onInconclusive)
  return (
    failOn !== 'never' && (verdict === 'fail' || (failOn === 'inconclusive' && verdict === 'inconclusive'))
  )
}

/** A check run's conclusion: fail → failure; inconclusive → neutral, or failure when `fail-on: inconclusive`. */
export function checkConclusion(
  model: { verdict: ModelVerdict; onInconclusive?: OnInconclusive },
  failOn: FailOn,
): 'success' | 'failure' | 'neutral' {
  const verdict = reportedVerdict(model.verdict, model.onInconclusive)
  if (verdict === 'fail') return 'failure'
  if (verdict === 'inconclusive') return failOn === 'inconclusive' ? 'failure' : 'neutral'
  return 'success'
}

/** The worst verdict over models: fail > inconclusive > pass > no-champion. */
export function worstVerdict(verdicts: ModelVerdict[]): ModelVerdict {
  const order: ModelVerdict[] = ['fail', 'inconclusive', 'pass', 'no-champion']
  for (const v of order) if (verdicts.includes(v)) return v
  return 'no-champion'
}
