import { z } from 'zod'
import { CSV_ENCODINGS, DEFAULT_CSV_LIMITS } from '../types/csv-limits.js'
import { DEFAULT_METRICS, METRICS, type Task } from '../evaluate/metrics.js'

/**
 * The schema of `models/<name>/modelgate.yml`. Keys are snake_case like the YAML; defaults follow
 * scikit-learn where a user would compare (LogisticRegression C=1, MLPClassifier alpha=1e-4, adam 1e-3).
 */

const positive = z.number().positive()

/**
 * Limits that keep one model within a 2-core, 7 GB runner (GitHub's standard Linux runner). Each can be
 * raised in the spec; exceeding one fails with a message naming the limit and the key that raises it.
 */
export const DEFAULT_LIMITS = {
  max_categories: 1000,
  max_epochs: 10_000,
  max_layer_width: 4096,
  max_parameters: 10_000_000,
  timeout_minutes: 60,
} as const

/** Wall time for one model (training, scoring, gate), in minutes; DEFAULT_LIMITS.timeout_minutes when unset. */
const timeoutMinutes = z.number().positive().optional()

const limitsSchema = z
  .object({
    max_epochs: z.number().int().positive().default(DEFAULT_LIMITS.max_epochs),
    max_layer_width: z.number().int().positive().default(DEFAULT_LIMITS.max_layer_width),
    /** Weights and biases of the whole network (or the linear model). */
    max_parameters: z.number().int().positive().default(DEFAULT_LIMITS.max_parameters),
  })
  .strict()
const fraction = z.number().gt(0).lt(1)
const columnList = z.array(z.string().min(1)).min(1)
const csvFiles = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]))

const splitSchema = z
  .object({
    /** Share of rows that go to the evaluation set. */
    fraction: fraction.default(0.2),
    seed: z.number().int().nonnegative().default(0),
    /** Column whose value decides the side of a row; default: the id column, else the whole row's content. */
    key: z.string().min(1).optional(),
  })
  .strict()

const dataSchema = z
  .object({
    train: csvFiles,
    eval: csvFiles.optional(),
    split: splitSchema.optional(),
    target: z.string().min(1),
    /** Label of the positive class for binary tasks; default: 1/true/yes when present, else the second label in sorted order. */
    positive_class: z.union([z.string(), z.number(), z.boolean()]).transform(String).optional(),
    id: z.string().min(1).optional(),
    features: columnList.optional(),
    exclude: z.array(z.string().min(1)).default([]),
    types: z.record(z.string(), z.enum(['numeric', 'categorical'])).default({}),
    missing: z
      .object({
        numeric: z.enum(['median', 'mean', 'error']).default('median'),
        categorical: z.enum(['most_frequent', 'category', 'error']).default('most_frequent'),
      })
      .strict()
      .default({ numeric: 'median', categorical: 'most_frequent' }),
    unseen_category: z.enum(['zeros', 'error']).default('zeros'),
    /**
     * Most distinct values a categorical feature may have in the training rows (each becomes one input).
     * More is refused with a message, not silently cut: a high-cardinality column is usually an id.
     */
    max_categories: z.number().int().positive().default(DEFAULT_LIMITS.max_categories),
    /** How the data files are decoded; anything not UTF-8 must be declared (invalid UTF-8 is refused). */
    encoding: z.enum(CSV_ENCODINGS).default(DEFAULT_CSV_LIMITS.encoding),
    /** Largest data file read, in MiB (a guard for a shared runner's memory). */
    max_file_mb: positive.default(DEFAULT_CSV_LIMITS.maxFileBytes / (1024 * 1024)),
    /** Longest field, in characters (a longer one is almost always a broken quote). */
    max_field_length: z.number().int().positive().default(DEFAULT_CSV_LIMITS.maxFieldLength),
  })
  .strict()

const earlyStopping = z
  .object({
    patience: z.number().int().positive().default(10),
    validation_fraction: fraction.default(0.1),
    min_delta: z.number().nonnegative().default(1e-4),
  })
  .strict()

const optimizerSchema = z
  .object({
    name: z.enum(['adam', 'sgd']).default('adam'),
    learning_rate: positive.default(0.001),
    beta1: fraction.default(0.9),
    beta2: fraction.default(0.999),
    epsilon: positive.default(1e-8),
    momentum: z.number().min(0).lt(1).default(0.9),
  })
  .strict()

/** `logistic` and `linear` name the same generalized linear model; the link follows the task (logit, softmax, identity). */
const linearModel = z
  .object({
    type: z.enum(['logistic', 'linear']),
    /** Inverse L2 strength, as scikit-learn's LogisticRegression C (classification). */
    C: positive.default(1),
    /** L2 strength for linear regression (ridge); 0 is ordinary least squares. */
    alpha: z.number().nonnegative().default(0),
    max_iter: z.number().int().positive().default(1000),
    /**
     * L-BFGS stops when max |∂L/∂θ| ≤ tol, L the summed loss + L2 penalty, or when L stops decreasing
     * (relative change ≤ 64·ε) — scikit-learn's lbfgs criteria and default, so both stop at the same point.
     */
    tol: positive.default(1e-4),
    seed: z.number().int().nonnegative().default(0),
    timeout_minutes: timeoutMinutes,
  })
  .strict()

const mlpModel = z
  .object({
    type: z.literal('mlp'),
    hidden: z.array(z.number().int().positive()).min(1).default([100]),
    activation: z.enum(['relu', 'tanh', 'sigmoid']).default('relu'),
    dropout: z.number().min(0).lt(1).default(0),
    /** L2 penalty on weights, as scikit-learn's MLPClassifier alpha. */
    alpha: z.number().nonnegative().default(1e-4),
    optimizer: optimizerSchema.default(optimizerSchema.parse({})),
    epochs: z.number().int().positive().default(200),
    batch_size: z.number().int().positive().default(200),
    early_stopping: z.union([z.literal(false), earlyStopping]).default(earlyStopping.parse({})),
    seed: z.number().int().nonnegative().default(0),
    timeout_minutes: timeoutMinutes,
  })
  .strict()

/**
 * Your own training code: `train` runs in the model's folder on the training rows (a CSV) and writes the
 * model to MODELGATE_OUTPUT_DIR; modelgate scores model.onnx itself (format onnx) or runs `predict` (command).
 */
const externalModel = z
  .object({
    type: z.literal('external'),
    train: z.string().min(1),
    format: z.enum(['onnx', 'command']),
    predict: z.string().min(1).optional(),
    timeout_minutes: positive.default(30),
    /** Largest total size of what `train` writes to MODELGATE_OUTPUT_DIR, stored with every run. */
    max_output_mb: positive.default(500),
    /** Passed as MODELGATE_SEED; calibration retrains with seed+1 … seed+K. */
    seed: z.number().int().nonnegative().default(0),
  })
  .strict()

const metricGate = z
  .object({
    /** Non-inferiority margin, absolute: the challenger may be worse by at most this much. */
    max_drop: z.number().nonnegative().optional(),
    /** Non-inferiority margin relative to the champion's value, in percent. */
    max_drop_pct: z.number().nonnegative().optional(),
    /** An absolute floor (a ceiling for lower-is-better metrics) the challenger must not fall beyond. */
    min: z.number().optional(),
    /** Reported, never gating. */
    informational: z.boolean().default(false),
  })
  .strict()
  .refine((g) => g.max_drop === undefined || g.max_drop_pct === undefined, {
    message: 'give either max_drop or max_drop_pct, not both',
  })
  .refine(
    (g) => g.informational || g.max_drop !== undefined || g.max_drop_pct !== undefined || g.min !== undefined,
    {
      message: 'a gated metric needs max_drop, max_drop_pct or min (or informational: true)',
    },
  )

const sliceSchema = z
  .union([
    columnList.transform((columns) => ({ columns })),
    z.object({ columns: columnList }).strict().passthrough(),
  ])
  .pipe(
    z
      .object({
        columns: columnList,
        /** Slices with fewer eval rows are reported but not gated. */
        min_size: z.number().int().positive().default(100),
        /** Largest allowed gap between the best and the worst slice, per metric. */
        max_gap: z.record(z.string(), z.number().nonnegative()).default({}),
      })
      .strict(),
  )

const gateSchema = z
  .object({
    confidence: z.number().gt(0.5).lt(1).default(0.95),
    adjust: z.enum(['holm', 'none']).default('holm'),
    on_inconclusive: z.enum(['pass', 'fail', 'neutral']).default('neutral'),
    resamples: z.number().int().min(100).default(1000),
    seed: z.number().int().nonnegative().default(0),
    /**
     * How the challenger is compared with the champion: on the eval split (holdout), by retraining both specs
     * on repeated cross-fitting folds of all labelled rows (crossfit), or auto: crossfit for cheap models
     * (logistic, linear) when the eval split cannot resolve twice the margin, holdout otherwise.
     */
    method: z.enum(['auto', 'holdout', 'crossfit']).default('auto'),
    crossfit: z
      .object({
        folds: z.number().int().min(2).max(20).default(5),
        repeats: z.number().int().min(1).max(20).default(2),
      })
      .strict()
      .default({ folds: 5, repeats: 2 }),
    metrics: z.record(z.string(), metricGate).default({}),
  })
  .strict()

/** What the model card says besides the numbers: who owns the model, what it is for, what it cannot do. */
const cardSchema = z
  .object({
    intended_use: z.string().min(1).max(4000).optional(),
    owners: z.array(z.string().min(1).max(200)).max(50).optional(),
    limitations: z.array(z.string().min(1).max(2000)).max(50).optional(),
  })
  .strict()

export const specSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
        'letters, digits, ".", "_" and "-", starting with a letter or digit',
      )
      .optional(),
    task: z.enum(['binary', 'multiclass', 'regression']),
    data: dataSchema,
    model: z.discriminatedUnion('type', [linearModel, mlpModel, externalModel]),
    metrics: z.array(z.string()).min(1).optional(),
    /** Decision threshold on P(positive) for accuracy, precision, recall and F1 (binary). */
    threshold: fraction.default(0.5),
    slices: sliceSchema.optional(),
    gate: gateSchema.default(gateSchema.parse({})),
    limits: limitsSchema.default(limitsSchema.parse({})),
    card: cardSchema.optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const task: Task = spec.task
    const known = (name: string): boolean => METRICS[name]?.tasks.includes(task) ?? false
    const expected = (): string =>
      Object.values(METRICS)
        .filter((m) => m.tasks.includes(task))
        .map((m) => m.name)
        .join(', ')
    spec.metrics?.forEach((name, i) => {
      if (!known(name))
        ctx.addIssue({
          code: 'custom',
          path: ['metrics', i],
          message: `unknown metric "${name}" for a ${task} task; expected one of ${expected()}`,
        })
    })
    for (const name of Object.keys(spec.gate.metrics)) {
      if (!known(name))
        ctx.addIssue({
          code: 'custom',
          path: ['gate', 'metrics', name],
          message: `unknown metric "${name}" for a ${task} task; expected one of ${expected()}`,
        })
    }
    for (const name of Object.keys(spec.slices?.max_gap ?? {})) {
      if (!known(name))
        ctx.addIssue({
          code: 'custom',
          path: ['slices', 'max_gap', name],
          message: `unknown metric "${name}"; expected one of ${expected()}`,
        })
    }
    if (spec.model.type === 'external') {
      const { format, predict } = spec.model
      if (format === 'command' && predict === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['model', 'predict'],
          message: 'format: command needs a predict command (it scores the stored model)',
        })
      if (format === 'onnx' && predict !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['model', 'predict'],
          message: 'format: onnx is scored by modelgate itself; drop predict, or use format: command',
        })
    }
    if (spec.data.eval && spec.data.split) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'split'],
        message: 'give either data.eval (a separate evaluation CSV) or data.split, not both',
      })
    }
    const features = spec.data.features ?? []
    if (features.includes(spec.data.target)) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'features'],
        message: `the target column "${spec.data.target}" cannot also be a feature`,
      })
    }
    if (spec.data.id && features.includes(spec.data.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'features'],
        message: `the id column "${spec.data.id}" cannot also be a feature`,
      })
    }
  })

export type SpecInput = z.input<typeof specSchema>
export type ParsedSpec = z.output<typeof specSchema>
export type ModelConfig = ParsedSpec['model']
export type MlpConfig = Extract<ModelConfig, { type: 'mlp' }>
export type LinearConfig = Extract<ModelConfig, { type: 'logistic' | 'linear' }>
export type ExternalConfig = Extract<ModelConfig, { type: 'external' }>
export type GateConfig = ParsedSpec['gate']
export type MetricGateConfig = GateConfig['metrics'][string]
export type SliceConfig = NonNullable<ParsedSpec['slices']>
export type DataConfig = ParsedSpec['data']

/** The gate when a spec names no metrics: the task's main metric with a modest non-inferiority margin. */
export const DEFAULT_GATE: Record<Task, Record<string, MetricGateConfig>> = {
  binary: { roc_auc: { max_drop: 0.01, informational: false } },
  multiclass: { accuracy: { max_drop: 0.01, informational: false } },
  regression: { rmse: { max_drop_pct: 2, informational: false } },
}

export function metricsFor(spec: ParsedSpec): string[] {
  const names = spec.metrics ?? DEFAULT_METRICS[spec.task]
  // Gated metrics are always computed, even when not listed for reporting.
  return [...new Set([...names, ...Object.keys(spec.gate.metrics)])]
}
