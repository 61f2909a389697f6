import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ExternalConfig } from '../../config/spec-schema.js'
import { UserError } from '../../errors.js'
import type { FamilyEnv, FitInput, Fitted, ModelFamily, Scorer, StoredModel } from '../family.js'
import { ONNX_FILE } from '../onnx/export.js'
import { onnxScorer } from '../onnx/scorer.js'
import {
  collectFiles,
  describeEnv,
  readPredictOutput,
  writeRowsCsv,
  type ModelDescription,
} from './hand-off.js'
import { runCommand } from './run-command.js'

/** What an external run stores about itself in preprocess.json (Fitted.meta). */
interface ExternalMeta {
  format: ExternalConfig['format']
  train: string
  timeoutMinutes: number
}

/**
 * `model.type: external`: the user's own training code. modelgate writes the training rows (only those) to a
 * CSV, runs `train` in the model's folder and stores what it writes to MODELGATE_OUTPUT_DIR; the model is
 * scored in-process from model.onnx (format onnx) or by the `predict` command (format command).
 */
export const externalFamily: ModelFamily = {
  types: ['external'],
  retrain: 'seeds',
  fit: fitExternal,
  load: loadExternal,
}

function configOf(input: FitInput): ExternalConfig {
  const config = input.spec.model
  if (config.type !== 'external') throw new Error(`model type ${config.type} is not external`)
  return config
}

async function fitExternal(input: FitInput, env: FamilyEnv): Promise<Fitted> {
  const { spec, dataset, seed, logger } = input
  const config = configOf(input)
  if (input.weight) throw new Error('external models are retrained with seeds, not row weights')
  const started = performance.now()
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-train-'))
  try {
    const output = path.join(work, 'output')
    await fs.mkdir(output)
    const csv = path.join(work, 'train.csv')
    const description = describeModel(input)
    const columns = [
      ...(description.idColumn ? [description.idColumn] : []),
      ...description.features.map((f) => f.name),
      description.target,
    ]
    await writeRowsCsv(csv, dataset.train.table, dataset.train.rows, columns, 'training data')
    const what = `${spec.name}: train command`
    logger.info(`  train: ${config.train} (in ${spec.dir}, ${dataset.train.rows.length} training rows)`)
    await runCommand({
      what,
      command: config.train,
      cwd: spec.dir,
      env: {
        ...env.commandEnv,
        ...describeEnv(description),
        MODELGATE_TRAIN_CSV: csv,
        MODELGATE_OUTPUT_DIR: output,
        MODELGATE_SEED: String(seed),
      },
      timeoutMs: config.timeout_minutes * 60_000,
      logger,
    })
    const files = await collectFiles(output, config.max_output_mb * 1e6, `${what} "${config.train}"`)
    const written = Object.keys(files)
    if (config.format === 'onnx' && !files[ONNX_FILE])
      throw new UserError(
        `${what} "${config.train}" (in ${spec.dir}) finished but wrote no ${ONNX_FILE} to MODELGATE_OUTPUT_DIR (format: onnx); it wrote ${written.length ? written.join(', ') : 'nothing'}`,
      )
    if (written.length === 0)
      throw new UserError(
        `${what} "${config.train}" (in ${spec.dir}) finished but wrote nothing to MODELGATE_OUTPUT_DIR`,
      )
    const meta: ExternalMeta = {
      format: config.format,
      train: config.train,
      timeoutMinutes: config.timeout_minutes,
    }
    const stored: StoredModel = {
      read: (p) => Promise.resolve(files[p]!),
      paths: written,
      preprocessor: input.preprocessor,
      features: description.features,
      task: description.task,
      classes: description.classes,
      target: description.target,
      idColumn: description.idColumn,
      meta: { ...meta },
      label: `${spec.name} (as trained)`,
    }
    const scorer = lazyScorer(() => loadExternal(stored, { ...env, spec }))
    return {
      files: () => Promise.resolve(files),
      summary: {
        algorithm: `external ${config.format}`,
        iterations: 0,
        finalLoss: Number.NaN,
        converged: true,
        millis: performance.now() - started,
      },
      meta: { ...meta },
      scorer,
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true })
  }
}

function describeModel(input: FitInput): ModelDescription {
  return {
    target: input.dataset.target.column,
    task: input.dataset.target.task,
    classes: input.dataset.target.classes,
    features: input.dataset.features,
    idColumn: input.spec.data.id ?? null,
  }
}

/** A scorer loaded on first use (the pipeline scores the stored files instead; calibration uses this one). */
function lazyScorer(load: () => Promise<Scorer>): Scorer {
  let loaded: Promise<Scorer> | null = null
  return {
    runtime: 'external',
    score: async (table, rows) => {
      loaded ??= load()
      return (await loaded).score(table, rows)
    },
    dispose: () => {
      void loaded?.then((s) => s.dispose())
    },
  }
}

async function loadExternal(stored: StoredModel, env: FamilyEnv): Promise<Scorer> {
  const format = (stored.meta as Partial<ExternalMeta>).format
  if (format === 'onnx') {
    if (!stored.paths.includes(ONNX_FILE))
      throw new UserError(`${stored.label}: the run has no model/${ONNX_FILE}`)
    return onnxScorer(await stored.read(ONNX_FILE), stored)
  }
  if (format !== 'command') throw new UserError(`${stored.label}: an external run without a stored format`)
  return commandScorer(stored, env)
}

/**
 * format: command. The run's files (each checked against its sha256 by `read`) go to a temporary folder once;
 * every score runs this checkout's `predict` command on a CSV of the rows' feature columns.
 */
async function commandScorer(stored: StoredModel, env: FamilyEnv): Promise<Scorer> {
  const spec = env.spec
  if (!spec || spec.model.type !== 'external' || spec.model.format !== 'command' || !spec.model.predict) {
    throw new UserError(
      `${stored.label} is scored by its model's predict command, but ${spec ? `${spec.specFile} has no model.predict (model.type external, format command)` : 'this checkout has no spec of the model'}`,
    )
  }
  const { predict, timeout_minutes: timeoutMinutes } = spec.model
  const work = mkdtempSync(path.join(os.tmpdir(), 'modelgate-predict-'))
  const modelDir = path.join(work, 'model')
  mkdirSync(modelDir)
  try {
    for (const p of stored.paths) {
      const file = path.join(modelDir, ...p.split('/'))
      await fs.mkdir(path.dirname(file), { recursive: true })
      await fs.writeFile(file, await stored.read(p))
    }
  } catch (error) {
    rmSync(work, { recursive: true, force: true })
    throw error
  }
  const description: ModelDescription = {
    target: stored.target,
    task: stored.task,
    classes: stored.classes,
    features: stored.features,
    idColumn: stored.idColumn,
  }
  let calls = 0
  return {
    runtime: `predict command "${predict}"`,
    score: async (table, rows) => {
      const call = ++calls
      const input = path.join(work, `input-${call}.csv`)
      const output = path.join(work, `output-${call}.csv`)
      const what = `${stored.label}: predict command`
      await writeRowsCsv(
        input,
        table,
        rows,
        description.features.map((f) => f.name),
        'feature',
      )
      await runCommand({
        what,
        command: predict,
        cwd: spec.dir,
        env: {
          ...env.commandEnv,
          ...describeEnv(description),
          MODELGATE_MODEL_DIR: modelDir,
          MODELGATE_INPUT_CSV: input,
          MODELGATE_OUTPUT_CSV: output,
        },
        timeoutMs: timeoutMinutes * 60_000,
        logger: env.logger,
      })
      const predictions = await readPredictOutput(output, description, rows.length, `${what} "${predict}"`)
      await fs.rm(input, { force: true })
      await fs.rm(output, { force: true })
      return { predictions, notes: { imputed: {}, unseen: {} } }
    },
    dispose: () => rmSync(work, { recursive: true, force: true }),
  }
}
