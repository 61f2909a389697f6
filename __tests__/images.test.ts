/**
 * Image data (issue 13's reader): PNG and JPEG written by ImageMagick and decoded here with pngjs / jpeg-js
 * (oracles: the encoder's own input pixels for lossless PNG, Pillow's libjpeg decode for JPEG), bad files named
 * by path, IDX files, bilinear resizing against TensorFlow.js, and a split that adding images never disturbs.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import * as tf from '@tensorflow/tfjs'
import { BadImageError, decodeImage } from '../src/data/images/decode.js'
import { parseIdx } from '../src/data/images/idx.js'
import { readIdxPair, readImageFolder, splitByName } from '../src/data/images/image-set.js'
import { resizeBilinear, toChannels } from '../src/data/images/pixels.js'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__', 'images')
const fixture = (name: string): Promise<Buffer> => fs.readFile(path.join(FIXTURES, name))

interface Expected {
  width: number
  height: number
  png_rgb: [number, number, number][]
  jpeg_rgb_pillow: [number, number, number][]
}
let expected: Expected
beforeAll(async () => {
  expected = JSON.parse((await fixture('expected.json')).toString('utf8')) as Expected
})

const rgbOf = (data: Uint8Array): number[] => Array.from(data).filter((_, i) => i % 4 !== 3)

describe('decoding files written by another encoder', () => {
  test('a PNG from ImageMagick decodes to exactly the pixels it was made from', async () => {
    const image = decodeImage(await fixture('pattern.png'), 'pattern.png')
    expect([image.width, image.height]).toEqual([expected.width, expected.height])
    expect(rgbOf(image.data)).toEqual(expected.png_rgb.flat())
  })

  test("a JPEG from ImageMagick decodes within 2 levels of Pillow's libjpeg, pixel by pixel", async () => {
    const image = decodeImage(await fixture('pattern.jpg'), 'pattern.jpg')
    const ours = rgbOf(image.data)
    const pillow = expected.jpeg_rgb_pillow.flat()
    expect(ours).toHaveLength(pillow.length)
    const worst = Math.max(...ours.map((v, i) => Math.abs(v - pillow[i]!)))
    expect(worst).toBeLessThanOrEqual(2)
  })

  test('a truncated PNG and a text file named .png are refused with the file and the reason', async () => {
    expect(() => decodeImage(new Uint8Array(0), 'empty.png')).toThrow('empty.png: not a PNG or JPEG file')
    expect(() => decodeImage(Buffer.from('id,label\n'), 'data/x.png')).toThrow(
      'data/x.png: not a PNG or JPEG file',
    )
    let caught: unknown
    try {
      decodeImage(await fixture('truncated.png'), 'shirt/truncated.png')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(BadImageError)
    expect((caught as BadImageError).message).toMatch(/^shirt\/truncated\.png: PNG could not be decoded/)
  })
})

describe('pixels', () => {
  test('grayscale is BT.601 luma: within 0.05 of a level of tf.image.rgbToGrayscale (0.2989/0.587/0.114)', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 0])
    const gray = toChannels({ width: 4, height: 1, data: rgba }, 1)
    const oracle = tf.image
      .rgbToGrayscale(tf.tensor3d([255, 0, 0, 0, 255, 0, 0, 0, 255], [1, 3, 3]))
      .dataSync()
    for (let i = 0; i < 3; i++) expect(Math.abs(gray[i]! - oracle[i]!)).toBeLessThan(0.05)
    expect(gray[3]).toBe(0) // fully transparent: composited over black
  })

  test('bilinear resizing equals tf.image.resizeBilinear with half-pixel centres, up and down', () => {
    const from = { height: 5, width: 7 }
    const values = Float32Array.from({ length: 5 * 7 * 3 }, (_, i) => (i * 37) % 255)
    for (const to of [
      { height: 3, width: 4 },
      { height: 11, width: 9 },
    ]) {
      const ours = resizeBilinear(values, from, to, 3)
      const theirs = tf.image
        .resizeBilinear(tf.tensor3d(values, [5, 7, 3]), [to.height, to.width], false, true)
        .dataSync()
      expect(ours).toHaveLength(theirs.length)
      ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 3))
    }
  })
})

describe('image sets', () => {
  test('a folder per class: labels from folder names, other sizes resized, a broken file skipped by path', async () => {
    const shape = { height: 8, width: 8, channels: 1 as const }
    const { set, skipped, sha256 } = await readImageFolder(path.join(FIXTURES, 'folder'), {
      shape,
      onBadFile: 'skip',
      onOtherSize: 'resize',
    })
    expect(set.classes).toEqual(['boot', 'shirt'])
    expect(set.names).toEqual(['boot/img0.png', 'boot/img1.png', 'shirt/img0.png', 'shirt/img1.png'])
    expect(Array.from(set.labels)).toEqual([0, 0, 1, 1])
    expect(set.x).toHaveLength(4 * 64)
    expect(Math.max(...set.x)).toBeLessThanOrEqual(1)
    expect(skipped).toEqual([
      { file: 'shirt/broken.png', reason: expect.stringMatching(/^PNG could not be decoded/) },
    ])
    expect(sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  test('with on_bad_file: error and resize off, the first problem stops the read, naming the file', async () => {
    const root = path.join(FIXTURES, 'folder')
    const shape = { height: 8, width: 8, channels: 3 as const }
    await expect(readImageFolder(root, { shape, onBadFile: 'skip', onOtherSize: 'error' })).rejects.toThrow(
      `${path.join(root, 'boot/img1.png')}: image is 16×16, the spec says 8×8`,
    )
    await expect(
      readImageFolder(root, {
        shape: { ...shape, height: 16, width: 16 },
        onBadFile: 'error',
        onOtherSize: 'resize',
      }),
    ).rejects.toThrow(`${path.join(root, 'shirt/broken.png')}: PNG could not be decoded`)
  })

  test('one class folder, or an empty class folder, is a clear error', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-images-'))
    await fs.mkdir(path.join(root, 'only'))
    const options = {
      shape: { height: 8, width: 8, channels: 1 as const },
      onBadFile: 'skip' as const,
      onOtherSize: 'resize' as const,
    }
    await expect(readImageFolder(root, options)).rejects.toThrow(
      'at least two class folders; found only "only"',
    )
    await fs.mkdir(path.join(root, 'other'))
    await fs.copyFile(path.join(FIXTURES, 'pattern.png'), path.join(root, 'other', 'a.png'))
    await expect(readImageFolder(root, options)).rejects.toThrow('class folder "only" has no readable images')
    await fs.rm(root, { recursive: true, force: true })
  })

  test('IDX files, gzipped or not, with header checks', async () => {
    const header = (dims: number[], type = 0x08): Buffer => {
      const b = Buffer.alloc(4 + 4 * dims.length)
      b[2] = type
      b[3] = dims.length
      dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i))
      return b
    }
    const images = Buffer.concat([
      header([2, 2, 3]),
      Buffer.from([0, 255, 0, 255, 0, 255, 10, 20, 30, 40, 50, 60]),
    ])
    const labels = Buffer.concat([header([2]), Buffer.from([1, 0])])
    expect(parseIdx(gzipSync(images), 'x.gz')).toEqual(parseIdx(images, 'x'))
    expect(() => parseIdx(images.subarray(0, 20), 'cut.idx')).toThrow(
      'cut.idx: IDX header says 2×2×3 = 12 values but the file holds 4',
    )
    expect(() => parseIdx(header([1], 0x0d), 'f.idx')).toThrow('IDX value type 0xd is not supported')
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-idx-'))
    await fs.writeFile(path.join(dir, 'images.gz'), gzipSync(images))
    await fs.writeFile(path.join(dir, 'labels'), labels)
    const { set } = await readIdxPair(path.join(dir, 'images.gz'), path.join(dir, 'labels'), {
      shape: { height: 2, width: 3, channels: 1 },
      classes: ['coat', 'bag'],
    })
    expect(set.names).toEqual(['images.gz#0', 'images.gz#1'])
    expect(Array.from(set.labels)).toEqual([1, 0])
    expect(Array.from(set.x.subarray(0, 6)).map((v) => Math.round(v * 255))).toEqual([0, 255, 0, 255, 0, 255])
    await fs.rm(dir, { recursive: true, force: true })
  })

  test('the split depends on each image name alone: adding images never moves the others', () => {
    const names = Array.from({ length: 500 }, (_, i) => `cls/img${i}.png`)
    const before = splitByName(names, 0.2, 7)
    const after = splitByName([...names, ...Array.from({ length: 300 }, (_, i) => `cls/new${i}.png`)], 0.2, 7)
    const evalBefore = new Set(before.eval)
    expect(Array.from(after.eval).filter((i) => i < 500)).toEqual(Array.from(before.eval))
    expect(evalBefore.size).toBeGreaterThan(70)
    expect(evalBefore.size).toBeLessThan(130)
  })
})
