import { z } from 'zod'
import { CSV_ENCODINGS, DEFAULT_CSV_LIMITS } from '../types/csv-limits.js'
import { DEFAULT_METRICS, METRICS, type Task } from '../types/metric-catalogue.js'
import { seedsSchema, sweepSchema } from './sweep-schema.js'

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

/** The keys only `data.type: images` takes (see imageDataIssues). */
export const IMAGE_DATA_KEYS = ['size', 'channels', 'scale', 'on_bad_file', 'resize', 'classes'] as const
/** The label column of an image set's table (images have no CSV; the class is the folder or IDX label). */
export const IMAGE_LABEL = 'label'

const dataSchema = z
  .object({
    /** table: CSV files (the default); images: a folder per class of PNG/JPEG files, or IDX files. */
    type: z.enum(['table', 'images']).default('table'),
    /** CSV file(s); for images a folder with a sub-folder per class, or two IDX files [images, labels]. */
    train: csvFiles,
    eval: csvFiles.optional(),
    split: splitSchema.optional(),
    /** Required for tables; images take their label from the class folder or the IDX labels file. */
    target: z.string().min(1).optional(),
    /** Images: [height, width] every image is brought to. */
    size: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
    /** Images: 1 (grayscale, BT.601 luma) or 3 (RGB). */
    channels: z.union([z.literal(1), z.literal(3)]).optional(),
    /** Images: pixel values scaled to [0, 1] (unit) or [-1, 1] (symmetric). */
    scale: z.enum(['unit', 'symmetric']).optional(),
    /** Images: a file that is not a decodable PNG/JPEG is skipped (counted in the report) or stops the run. */
    on_bad_file: z.enum(['skip', 'error']).optional(),
    /** Images: resize images of another size (true), or refuse them (false). */
    resize: z.boolean().optional(),
    /** Images from IDX files: the class names of labels 0, 1, … (default: the numbers). */
    classes: z.array(z.string().min(1)).min(2).optional(),
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
    /** `predict` on rows that break the run's input schema: score them and say why (warn), or refuse (reject). */
    on_invalid: z.enum(['warn', 'reject']).default('warn'),
    /** How far outside the training range (a fraction of max − min) a value may be before predict flags it. */
    range_tolerance: z.number().nonnegative().default(0.05),
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
  .superRefine((data, ctx) => {
    const issue = (key: string, message: string): void => {
      ctx.addIssue({ code: 'custom', path: [key], message })
    }
    if (data.type === 'table') {
      if (data.target === undefined) issue('target', 'required: the column to predict')
      for (const key of IMAGE_DATA_KEYS) if (data[key] !== undefined) issue(key, 'only for data.type: images')
      return
    }
    if (data.size === undefined) issue('size', 'required for images: [height, width]')
    const tableOnly = {
      target: data.target,
      id: data.id,
      features: data.features,
      positive_class: data.positive_class,
    }
    for (const [key, value] of Object.entries(tableOnly))
      if (value !== undefined)
        issue(key, 'not for data.type: images (the class is the folder name or the IDX label)')
    if (data.split?.key !== undefined)
      issue('split', 'images are split by a hash of their path; drop split.key')
    for (const key of ['train', 'eval'] as const) {
      const files = data[key]
      if (files && files.length > 2)
        issue(key, 'for images: a folder with a sub-folder per class, or two IDX files [images, labels]')
    }
  })
  .transform((data) => ({ ...data, target: data.target ?? IMAGE_LABEL }))

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

const convBlock = z
  .union([
    z
      .number()
      .int()
      .positive()
      .transform((filters) => ({ filters })),
    z.object({ filters: z.number().int().positive() }).passthrough(),
  ])
  .pipe(
    z
      .object({
        filters: z.number().int().positive(),
        /** Square kernel side. */
        kernel: z.number().int().positive().default(3),
        /** Max-pooling window (and stride) after the convolution; 1 is none. */
        pool: z.number().int().positive().default(2),
        padding: z.enum(['valid', 'same']).default('same'),
      })
      .strict(),
  )

/** A convolutional network on `data.type: images`, trained with TensorFlow.js (Adam, cross-entropy). */
const cnnModel = z
  .object({
    type: z.literal('cnn'),
    /** Conv (ReLU) + max-pool blocks, in order; a number is the filter count with the defaults. */
    conv: z
      .array(convBlock)
      .min(1)
      .default([{ filters: 16 }, { filters: 32 }].map((b) => convBlock.parse(b))),
    /** Dense ReLU layers of the head, before the softmax output. */
    dense: z.array(z.number().int().positive()).default([64]),
    /** Dropout before each dense layer. */
    dropout: z.number().min(0).lt(1).default(0),
    /** Batch normalisation after each convolution. */
    batch_norm: z.boolean().default(false),
    epochs: z.number().int().positive().default(5),
    batch_size: z.number().int().positive().default(64),
    learning_rate: positive.default(0.001),
    /** Seeded augmentation of the training images, redrawn every epoch. */
    augment: z
      .object({
        /** Mirror left-right with probability 1/2. */
        flip: z.boolean().default(false),
        /** Shift by up to this many pixels each way (zeros fill in). */
        shift: z.number().int().nonnegative().default(0),
      })
      .strict()
      .default({ flip: false, shift: 0 }),
    seed: z.number().int().nonnegative().default(0),
    timeout_minutes: timeoutMinutes,
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
     * on repeated cross-fitting folds of all labelled rows (crossfit), or auto: crossfit for a changed spec on
     * unchanged data when retraining is cheap (logistic/linear up to 50,000 labelled rows, MLPs up to 5,000),
     * holdout otherwise.
     */
    method: z.enum(['auto', 'holdout', 'crossfit']).default('auto'),
    crossfit: z
      .object({
        folds: z.number().int().min(2).max(20).default(5),
        /** Absent: as many (2–10) as the model family's work budget allows (gate/crossfit-plan.ts). */
        repeats: z.number().int().min(1).max(20).optional(),
        /** Fits of each spec per split, each with its own seed. Absent: 4 for MLPs, 1 for linear models. */
        seeds: z.number().int().min(1).max(20).optional(),
      })
      .strict()
      .default({ folds: 5 }),
    metrics: z.record(z.string(), metricGate).default({}),
    /** Fail the gate when a feature of the training rows moved by more than max_psi from the champion's. */
    drift: z.object({ max_psi: positive }).strict().optional(),
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

/** What the explain stage computes: permutation importance costs a pass over the eval rows per feature and shuffle. */
const explainSchema = z.object({ importance: z.boolean().default(true) }).strict()

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
    model: z.discriminatedUnion('type', [linearModel, mlpModel, externalModel, cnnModel]),
    metrics: z.array(z.string()).min(1).optional(),
    /** Decision threshold on P(positive) for accuracy, precision, recall and F1 (binary). */
    threshold: fraction.default(0.5),
    slices: sliceSchema.optional(),
    gate: gateSchema.default(gateSchema.parse({})),
    limits: limitsSchema.default(limitsSchema.parse({})),
    /** Fan-out (modelgate plan): hyperparameter trials and seeds, each a matrix job. */
    sweep: sweepSchema.optional(),
    seeds: seedsSchema.optional(),
    card: cardSchema.optional(),
    explain: explainSchema.default(explainSchema.parse({})),
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
    if (spec.sweep?.metric !== undefined && !known(spec.sweep.metric))
      ctx.addIssue({
        code: 'custom',
        path: ['sweep', 'metric'],
        message: `unknown metric "${spec.sweep.metric}" for a ${task} task; expected one of ${expected()}`,
      })
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
    const images = spec.data.type === 'images'
    if (images !== (spec.model.type === 'cnn')) {
      ctx.addIssue({
        code: 'custom',
        path: images ? ['model', 'type'] : ['data', 'type'],
        message: images
          ? 'data.type: images is trained by model.type: cnn'
          : 'model.type: cnn trains on data.type: images',
      })
    }
    if (images && spec.task !== 'multiclass')
      ctx.addIssue({ code: 'custom', path: ['task'], message: 'image classifiers are multiclass' })
    if (images && spec.gate.method === 'crossfit')
      ctx.addIssue({
        code: 'custom',
        path: ['gate', 'method'],
        message:
          'a CNN is compared on the eval images (holdout); cross-fitting would retrain it on every fold',
      })
    if (images && spec.slices)
      ctx.addIssue({ code: 'custom', path: ['slices'], message: 'images have no columns to slice by' })
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
export type CnnConfig = Extract<ModelConfig, { type: 'cnn' }>
export type ConvBlock = CnnConfig['conv'][number]
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
