/**
 * Explanations as plain data: permutation importance (any model family) and exact linear SHAP values
 * (logistic and linear models), shared by the pipeline, the report, `explain` and the HTML report.
 */
import type { DriftCheck, DriftReport } from './profile.js'

/** What a run found about its data and its model beyond the metrics: drift against the champion, importance. */
export interface RunInsights {
  /** The challenger's training rows against the champion's stored profile; null with a note when not compared. */
  drift: { report: DriftReport; check: DriftCheck | null } | null
  driftNote: string | null
  importance: ImportanceComparison | null
  importanceNote: string | null
}

/** One feature's permutation importance: the metric's drop when the feature's eval values are shuffled. */
export interface FeatureImportance {
  feature: string
  /** Mean over repeats of (baseline − permuted) for a higher-is-better metric, (permuted − baseline) otherwise. */
  mean: number
  /** Standard deviation over repeats (ddof 0, as scikit-learn's importances_std). */
  sd: number
  /** The drop of every repeat. */
  drops: number[]
}

export interface ImportanceResult {
  method: 'permutation'
  metric: string
  /** The metric on the unpermuted rows. */
  baseline: number
  repeats: number
  seed: number
  rows: number
  /** Largest mean drop first. */
  features: FeatureImportance[]
}

/** A feature's importance for the challenger and the champion, scored on the same rows and permutations. */
export interface ImportanceChange {
  feature: string
  challenger: number | null
  champion: number | null
  /** 1-based ranks (null when the model does not have the feature). */
  challengerRank: number | null
  championRank: number | null
}

export interface ImportanceComparison {
  metric: string
  challenger: ImportanceResult
  champion: ImportanceResult | null
  championRunId: string | null
  /** In the challenger's order, then features only the champion has. */
  changes: ImportanceChange[]
}

/** One raw feature's share of one prediction (one-hot categories summed back into their column). */
export interface Contribution {
  feature: string
  /** The raw cell as given. */
  value: string
  contribution: number
}

/** Exact SHAP values of one row for a linear model, on the scale the model is linear in. */
export interface RowExplanation {
  /** 1-based row number in its input. */
  row: number
  /** What is explained: "logit of P(Yes)", "predicted value", "logit of class b (softmax input)". */
  output: string
  /** The model's output (on that scale) at the training means: the SHAP base value. */
  base: number
  /** base + Σ contributions. */
  value: number
  /** Largest |contribution| first. */
  contributions: Contribution[]
}

/** Mean |SHAP| per raw feature over explained rows: a global view for linear models. */
export interface ShapSummary {
  output: string
  rows: number
  features: { feature: string; meanAbs: number }[]
}
