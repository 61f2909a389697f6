/**
 * `data.type: images` as a Dataset: the pipeline (metrics, champion scoring, gate, predictions.csv) sees a
 * table with one row per image — columns `file` (where it came from) and `label` (its class) — whose pixels
 * ride along in `images`, aligned with the rows. Only the CNN family reads the pixels; everything else works on
 * rows as for a CSV.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { ModelSpec } from '../../config/load-spec.js'
import { IMAGE_LABEL } from '../../config/spec-schema.js'
import { UserError } from '../../errors.js'
import type { RawTable } from '../csv.js'
import type { Dataset } from '../dataset.js'
import {
  readIdxPair,
  readImageFolder,
  splitByName,
  type ImageReadResult,
  type ImageSet,
  type SkippedImage,
} from './image-set.js'
import type { ImageShape } from './pixels.js'

/** The column of an image table that names each image's file (a relative path, or `file.idx#i`). */
export const IMAGE_FILE = 'file'

/** How a model's input is made from a decoded image (stored with the run, so predict decodes the same way). */
export interface ImageInput extends ImageShape {
  scale: 'unit' | 'symmetric'
  resize: boolean
}

export interface ImageTable extends RawTable {
  images: ImageSet
  /** How the pixels were made (a model trained on other inputs cannot score them). */
  input: ImageInput
  /** Files skipped under data.on_bad_file: skip. */
  skipped: SkippedImage[]
}

export function isImageTable(table: RawTable): table is ImageTable {
  return 'images' in table
}

/** The image options of a spec, with their defaults (1 channel, [0, 1], resize). */
export function imageInputOf(data: ModelSpec['data']): ImageInput {
  const [height, width] = data.size ?? [0, 0]
  return {
    height,
    width,
    channels: data.channels ?? 1,
    scale: data.scale ?? 'unit',
    resize: data.resize ?? true,
  }
}

/** [0, 1] values to the spec's scale, in place. */
export function applyScale(x: Float32Array, scale: ImageInput['scale']): Float32Array {
  if (scale === 'symmetric') for (let i = 0; i < x.length; i++) x[i] = x[i]! * 2 - 1
  return x
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isDirectory()
  } catch (error) {
    throw new UserError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
}

/** A folder per class, or [images.idx, labels.idx]: what `data.train` / `data.eval` name. */
export async function readImageSource(
  files: string[],
  input: ImageInput,
  options: { onBadFile: 'skip' | 'error'; classes?: string[]; key: string },
): Promise<ImageReadResult> {
  let result: ImageReadResult
  if (files.length === 1 && (await isDirectory(files[0]!))) {
    result = await readImageFolder(files[0]!, {
      shape: input,
      onBadFile: options.onBadFile,
      onOtherSize: input.resize ? 'resize' : 'error',
    })
  } else if (files.length === 2) {
    result = await readIdxPair(files[0]!, files[1]!, {
      shape: input,
      ...(options.classes ? { classes: options.classes } : {}),
    })
  } else {
    throw new UserError(
      `data.${options.key}: ${files.join(', ')} is not a folder; give a folder with a sub-folder per class, or two IDX files [images, labels]`,
    )
  }
  applyScale(result.set.x, input.scale)
  return result
}

/** An image set as a table of `file` and `label` rows (see the module comment). */
export function imageTable(result: ImageReadResult, source: string, input: ImageInput): ImageTable {
  const { set } = result
  return {
    header: [IMAGE_FILE, IMAGE_LABEL],
    columns: [set.names, Array.from(set.labels, (l) => set.classes[l]!)],
    rowCount: set.names.length,
    sources: [{ file: source, firstRow: 0, rowCount: set.names.length, lines: null }],
    sha256: result.sha256,
    images: set,
    input,
    skipped: result.skipped,
  }
}

function allRows(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i)
}

function labelsAt(table: ImageTable, rows: Uint32Array): Int32Array {
  return Int32Array.from(rows, (r) => table.images.labels[r]!)
}

/**
 * Read `data.type: images`: the train folder (or IDX pair), and either the eval folder or a split by a hash of
 * each image's relative path (adding images never moves others between train and eval).
 */
export async function loadImageDataset(spec: ModelSpec): Promise<Dataset> {
  const input = imageInputOf(spec.data)
  const read = (files: string[], key: string): Promise<ImageReadResult> =>
    readImageSource(files, input, {
      onBadFile: spec.data.on_bad_file ?? 'error',
      ...(spec.data.classes ? { classes: spec.data.classes } : {}),
      key,
    })
  const where = (files: string[]): string => files.map((f) => path.basename(f)).join(', ')
  const train = imageTable(await read(spec.trainFiles, 'train'), spec.trainFiles[0]!, input)
  const classes = train.images.classes
  let evalTable: ImageTable
  let trainRows: Uint32Array
  let evalRows: Uint32Array
  let evalSource: string
  let dataHash = train.sha256
  if (spec.evalFiles) {
    evalTable = imageTable(await read(spec.evalFiles, 'eval'), spec.evalFiles[0]!, input)
    if (evalTable.images.classes.join('\0') !== classes.join('\0')) {
      throw new UserError(
        `${where(spec.evalFiles)}: the eval classes [${evalTable.images.classes.join(', ')}] differ from the training classes [${classes.join(', ')}]`,
      )
    }
    trainRows = allRows(train.rowCount)
    evalRows = allRows(evalTable.rowCount)
    evalSource = `separate ${spec.evalFiles.length === 1 ? 'folder' : 'IDX files'} ${where(spec.evalFiles)}`
    dataHash = `${train.sha256}+${evalTable.sha256}`
  } else {
    const split = spec.data.split ?? { fraction: 0.2, seed: 0 }
    ;({ train: trainRows, eval: evalRows } = splitByName(train.images.names, split.fraction, split.seed))
    evalTable = train
    evalSource = `${Math.round(split.fraction * 100)}% split by a hash of each image's path (seed ${split.seed})`
  }
  if (trainRows.length === 0)
    throw new UserError(
      `${where(spec.trainFiles)}: no training images (the split put every image in the eval set)`,
    )
  if (evalRows.length === 0)
    throw new UserError(
      `${where(spec.evalFiles ?? spec.trainFiles)}: no eval images; raise data.split.fraction or add images`,
    )
  const target = { column: IMAGE_LABEL, task: spec.task, classes }
  return {
    features: [],
    target,
    train: { table: train, rows: trainRows, y: labelsAt(train, trainRows) },
    eval: { table: evalTable, rows: evalRows, y: labelsAt(evalTable, evalRows) },
    dataHash,
    evalSource,
  }
}
