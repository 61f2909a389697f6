/**
 * A labelled set of images as the CNN family trains on them: one Float32Array of N × H × W × C values in
 * [0, 1], class indices, and for each image where it came from (a path relative to the data folder, or
 * `file.idx#i`). Built from a folder per class or from IDX files; split by a hash of each image's name, so adding
 * images never moves others between train and eval.
 */
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { UserError } from '../../errors.js'
import { hashString } from '../values.js'
import { BadImageError, decodeImage } from './decode.js'
import { parseIdx, type IdxArray } from './idx.js'
import { toModelInput, type ImageShape } from './pixels.js'

export interface ImageSet {
  shape: ImageShape
  /** N × height × width × channels, row-major per image. */
  x: Float32Array
  labels: Int32Array
  classes: string[]
  /** Where each image came from, for reports and predictions. */
  names: string[]
}

export interface SkippedImage {
  file: string
  reason: string
}

export interface ImageReadResult {
  set: ImageSet
  skipped: SkippedImage[]
  /** sha256 over every image's name and bytes, in order: the data fingerprint recorded with the run. */
  sha256: string
}

export interface ImageReadOptions {
  shape: ImageShape
  /** What to do with a file that is not a decodable PNG/JPEG: skip it (counted in the report) or stop. */
  onBadFile: 'skip' | 'error'
  /** Images of another size: resize them, or refuse them. */
  onOtherSize: 'resize' | 'error'
}

const IMAGE_EXTENSIONS = /\.(png|jpe?g)$/i

async function listDir(dir: string, what: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort()
  } catch (error) {
    throw new UserError(
      `${dir}: cannot read the ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    )
  }
}

/** A folder with one sub-folder per class (its name is the label) of PNG/JPEG files. */
export async function readImageFolder(root: string, options: ImageReadOptions): Promise<ImageReadResult> {
  const classes: string[] = []
  for (const name of await listDir(root, 'image folder')) {
    if ((await fs.stat(path.join(root, name))).isDirectory()) classes.push(name)
  }
  if (classes.length < 2) {
    throw new UserError(
      `${root}: an image classifier needs at least two class folders; found ${classes.length === 0 ? 'none' : `only "${classes[0]}"`}`,
    )
  }
  const { height, width, channels } = options.shape
  const per = height * width * channels
  const values: Float32Array[] = []
  const labels: number[] = []
  const names: string[] = []
  const skipped: SkippedImage[] = []
  const digest = createHash('sha256')
  for (const [label, cls] of classes.entries()) {
    const files = (await listDir(path.join(root, cls), 'class folder')).filter((f) => !f.startsWith('.'))
    let kept = 0
    for (const file of files) {
      const rel = `${cls}/${file}`
      const bytes = await fs.readFile(path.join(root, cls, file))
      digest.update(rel).update('\0').update(bytes)
      try {
        if (!IMAGE_EXTENSIONS.test(file)) throw new BadImageError(rel, 'not a .png, .jpg or .jpeg file')
        const image = decodeImage(bytes, rel)
        if (options.onOtherSize === 'error' && (image.height !== height || image.width !== width)) {
          throw new UserError(
            `${path.join(root, rel)}: image is ${image.width}×${image.height}, the spec says ${width}×${height} (set data.resize: true to resize)`,
          )
        }
        values.push(toModelInput(image, options.shape))
        labels.push(label)
        names.push(rel)
        kept++
      } catch (error) {
        if (!(error instanceof BadImageError)) throw error
        if (options.onBadFile === 'error') {
          throw new UserError(
            `${path.join(root, rel)}: ${error.reason} (set data.on_bad_file: skip to skip such files)`,
          )
        }
        skipped.push({ file: rel, reason: error.reason })
      }
    }
    if (kept === 0)
      throw new UserError(`${path.join(root, cls)}: class folder "${cls}" has no readable images`)
  }
  const x = new Float32Array(values.length * per)
  values.forEach((v, i) => x.set(v, i * per))
  return {
    set: { shape: options.shape, x, labels: Int32Array.from(labels), classes, names },
    skipped,
    sha256: digest.digest('hex'),
  }
}

/** An IDX images file (N × H × W, gray) with its IDX labels file; class names from `classes` or the indices. */
export async function readIdxPair(
  imagesFile: string,
  labelsFile: string,
  options: Pick<ImageReadOptions, 'shape'> & { classes?: string[] },
): Promise<ImageReadResult> {
  const imageBytes = await fs.readFile(imagesFile)
  const labelBytes = await fs.readFile(labelsFile)
  const images = parseIdx(imageBytes, imagesFile)
  const labelArray = parseIdx(labelBytes, labelsFile)
  const x = idxToModelInput(images, options.shape, imagesFile)
  const n = images.dims[0]!
  if (labelArray.dims.length !== 1 || labelArray.dims[0] !== n) {
    throw new UserError(
      `${labelsFile}: expected ${n} labels (one per image in ${path.basename(imagesFile)}), found ${labelArray.dims.join('×')}`,
    )
  }
  const maxLabel = labelArray.data.reduce((m, v) => Math.max(m, v), 0)
  const classes = options.classes ?? Array.from({ length: maxLabel + 1 }, (_, i) => String(i))
  if (maxLabel >= classes.length) {
    throw new UserError(`${labelsFile}: label ${maxLabel} has no class name (${classes.length} names given)`)
  }
  const { shape } = options
  const base = path.basename(imagesFile)
  const names = Array.from({ length: n }, (_, i) => `${base}#${i}`)
  const digest = createHash('sha256').update(imageBytes).update(labelBytes)
  return {
    set: { shape, x, labels: Int32Array.from(labelArray.data), classes, names },
    skipped: [],
    sha256: digest.digest('hex'),
  }
}

/** IDX images (N × H × W, gray) as the model's input: each through the same conversion as a decoded file. */
export function idxToModelInput(images: IdxArray, shape: ImageShape, file: string): Float32Array {
  if (images.dims.length !== 3) {
    throw new UserError(
      `${file}: expected N × height × width images, found dimensions ${images.dims.join('×')}`,
    )
  }
  const [n, h, w] = images.dims as [number, number, number]
  const per = shape.height * shape.width * shape.channels
  const x = new Float32Array(n * per)
  const rgba = new Uint8Array(h * w * 4)
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < h * w; p++) {
      const v = images.data[i * h * w + p]!
      rgba[p * 4] = v
      rgba[p * 4 + 1] = v
      rgba[p * 4 + 2] = v
      rgba[p * 4 + 3] = 255
    }
    x.set(toModelInput({ width: w, height: h, data: rgba }, shape), i * per)
  }
  return x
}

/** Indices of the images whose name hashes below `fraction` (eval) and the rest (train). */
export function splitByName(
  names: string[],
  fraction: number,
  seed: number,
): { train: Uint32Array; eval: Uint32Array } {
  const threshold = fraction * 2 ** 32
  const train: number[] = []
  const evalRows: number[] = []
  names.forEach((name, i) => (hashString(name, seed) < threshold ? evalRows : train).push(i))
  return { train: Uint32Array.from(train), eval: Uint32Array.from(evalRows) }
}

/** The images at `rows`, as a new set. */
export function subset(set: ImageSet, rows: Uint32Array): ImageSet {
  const per = set.shape.height * set.shape.width * set.shape.channels
  const x = new Float32Array(rows.length * per)
  rows.forEach((r, i) => x.set(set.x.subarray(r * per, (r + 1) * per), i * per))
  return {
    shape: set.shape,
    x,
    labels: Int32Array.from(rows, (r) => set.labels[r]!),
    classes: set.classes,
    names: Array.from(rows, (r) => set.names[r]!),
  }
}
