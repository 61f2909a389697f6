/**
 * The images `modelgate predict` scores: one PNG/JPEG file, a folder of them (searched recursively, in sorted
 * order), or an IDX images file. Each file that cannot be read is reported by path and the others go on.
 */
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { UserError } from '../../errors.js'
import { BadImageError, decodeImage, sniffFormat } from './decode.js'
import { applyScale, imageTable, type ImageInput, type ImageTable } from './image-dataset.js'
import { idxToModelInput } from './image-set.js'
import { parseIdx } from './idx.js'
import { toModelInput } from './pixels.js'

export interface PredictInputs {
  /** The readable images, as a table the model's scorer takes. */
  table: ImageTable
  /** Every input in order: a row of `table`, or why the file could not be read. */
  items: ({ file: string; row: number } | { file: string; error: string })[]
}

const IMAGE_FILES = /\.(png|jpe?g)$/i

async function listImages(dir: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (at: string): Promise<void> => {
    const entries = (await fs.readdir(at, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )
    for (const e of entries) {
      if (e.name.startsWith('.')) continue
      const full = path.join(at, e.name)
      if (e.isDirectory()) await walk(full)
      else if (IMAGE_FILES.test(e.name)) out.push(full)
    }
  }
  await walk(dir)
  return out
}

/** Gzip or IDX magic (two zero bytes then the type): an IDX file, not an image. */
function looksLikeIdx(bytes: Uint8Array): boolean {
  return (bytes[0] === 0x1f && bytes[1] === 0x8b) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 8)
}

export async function readPredictInputs(
  source: string,
  input: ImageInput,
  display: string,
): Promise<PredictInputs> {
  let stats
  try {
    stats = await fs.stat(source)
  } catch (error) {
    throw new UserError(
      `--input ${display}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    )
  }
  const per = input.height * input.width * input.channels
  const values: Float32Array[] = []
  const names: string[] = []
  const items: PredictInputs['items'] = []
  const digest = createHash('sha256')
  const add = (name: string, x: Float32Array): void => {
    items.push({ file: name, row: names.length })
    names.push(name)
    values.push(x)
  }
  const files = stats.isDirectory() ? await listImages(source) : [source]
  if (files.length === 0)
    throw new UserError(`--input ${display}: no .png, .jpg or .jpeg files in the folder`)
  for (const file of files) {
    const name = stats.isDirectory() ? path.relative(source, file).split(path.sep).join('/') : display
    const bytes = await fs.readFile(file)
    digest.update(bytes)
    if (!stats.isDirectory() && sniffFormat(bytes) === null && looksLikeIdx(bytes)) {
      const x = idxToModelInput(parseIdx(bytes, display), input, display)
      for (let i = 0; i < x.length / per; i++) add(`${name}#${i}`, x.slice(i * per, (i + 1) * per))
      continue
    }
    try {
      const image = decodeImage(bytes, name)
      if (!input.resize && (image.height !== input.height || image.width !== input.width))
        throw new BadImageError(
          name,
          `image is ${image.width}×${image.height}, the model takes ${input.width}×${input.height} (its data.resize is false)`,
        )
      add(name, toModelInput(image, input))
    } catch (error) {
      if (!(error instanceof BadImageError)) throw error
      items.push({ file: name, error: error.reason })
    }
  }
  const x = new Float32Array(values.length * per)
  values.forEach((v, i) => x.set(v, i * per))
  applyScale(x, input.scale)
  const set = { shape: input, x, labels: new Int32Array(names.length), classes: [], names }
  return { table: imageTable({ set, skipped: [], sha256: digest.digest('hex') }, source, input), items }
}
