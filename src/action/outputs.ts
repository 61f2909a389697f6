import type { ModelVerdict } from '../gate/types.js'
import { Outputs, type OutputName } from './constants.js'

/** Sets one step output; main.ts wires it to core.setOutput (GITHUB_OUTPUT). */
export type OutputSink = (name: OutputName, value: string) => void

/** The step's outputs; a field left undefined is not set (the workflow sees ''). */
export interface ActionOutputValues {
  /** Worst verdict over the models. */
  verdict?: ModelVerdict
  /** Absolute path of the JSON results file. */
  results?: string
  /** Absolute path of the Markdown report. */
  report?: string
  /** Whether any model got a new champion in this run. */
  championChanged?: boolean
  /** Model name → run id of the runs this step stored (or deployed / rolled back to). */
  runIds?: Record<string, string>
}

/** Every setOutput call of the action is here. */
export function writeOutputs(sink: OutputSink, values: ActionOutputValues): void {
  if (values.verdict !== undefined) sink(Outputs.Verdict, values.verdict)
  if (values.results !== undefined) sink(Outputs.Results, values.results)
  if (values.report !== undefined) sink(Outputs.Report, values.report)
  if (values.championChanged !== undefined) sink(Outputs.ChampionChanged, String(values.championChanged))
  if (values.runIds !== undefined) sink(Outputs.RunIds, JSON.stringify(values.runIds))
}
