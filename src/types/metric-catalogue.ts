/**
 * The metric catalogue: one source of truth for the metric names the spec, gate and report use, with their
 * labels, which tasks they apply to, their direction and their range. A leaf module, so the spec schema
 * (config/) can validate names without importing the metric arithmetic (evaluate/metrics.ts computes them).
 */
export type Task = 'binary' | 'multiclass' | 'regression'
export const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression']

export interface MetricInfo {
  name: string
  label: string
  tasks: Task[]
  higherIsBetter: boolean
  range: [number, number]
}

function metric(
  name: string,
  label: string,
  tasks: Task[],
  higherIsBetter: boolean,
  range: [number, number],
) {
  return { name, label, tasks, higherIsBetter, range }
}

export const METRICS: Record<string, MetricInfo> = {
  roc_auc: metric('roc_auc', 'ROC AUC', ['binary'], true, [0, 1]),
  average_precision: metric('average_precision', 'Average precision', ['binary'], true, [0, 1]),
  log_loss: metric('log_loss', 'Log loss', ['binary', 'multiclass'], false, [0, Infinity]),
  brier: metric('brier', 'Brier score', ['binary'], false, [0, 1]),
  accuracy: metric('accuracy', 'Accuracy', ['binary', 'multiclass'], true, [0, 1]),
  precision: metric('precision', 'Precision', ['binary'], true, [0, 1]),
  recall: metric('recall', 'Recall', ['binary'], true, [0, 1]),
  f1: metric('f1', 'F1', ['binary'], true, [0, 1]),
  f1_macro: metric('f1_macro', 'Macro F1', ['multiclass'], true, [0, 1]),
  f1_weighted: metric('f1_weighted', 'Weighted F1', ['multiclass'], true, [0, 1]),
  rmse: metric('rmse', 'RMSE', ['regression'], false, [0, Infinity]),
  mae: metric('mae', 'MAE', ['regression'], false, [0, Infinity]),
  r2: metric('r2', 'R²', ['regression'], true, [-Infinity, 1]),
}

export const DEFAULT_METRICS: Record<Task, string[]> = {
  binary: ['roc_auc', 'average_precision', 'log_loss', 'brier', 'accuracy', 'f1'],
  multiclass: ['accuracy', 'f1_macro', 'f1_weighted', 'log_loss'],
  regression: ['rmse', 'mae', 'r2'],
}
