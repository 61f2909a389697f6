import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { isDataUrl, type ModelSpec } from '../config/load-spec.js'
import { UserError } from '../errors.js'
import type { ObjectStore } from '../store/object-store.js'
import { csvLimitsOf } from '../types/csv-limits.js'

/**
 * Run `use` with a spec whose s3:// data files are local: each object is streamed (size-checked first, hashed
 * on the way) into a temporary folder under its own file name, so the readers pick the format by its
 * extension and record the same sha256 the object has. Messages that name a downloaded file name its s3://
 * URL instead. The folder is removed afterwards. A spec without URLs is passed through untouched.
 */
export async function withLocalData<T>(
  spec: ModelSpec,
  store: ObjectStore,
  use: (local: ModelSpec) => Promise<T>,
  env?: Record<string, string | undefined>,
): Promise<T> {
  const urls = [...spec.trainFiles, ...(spec.evalFiles ?? [])].filter(isDataUrl)
  if (urls.length === 0) return use(spec)
  // The AWS SDK loads only when some data lives on S3.
  const { dataClient, downloadDataObject } = await import('../store/s3-data.js')
  const client = dataClient(store, env)
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-data-'))
  const local = new Map<string, string>()
  try {
    const { maxFileBytes } = csvLimitsOf(spec.data)
    for (const [i, url] of urls.entries()) {
      if (local.has(url)) continue
      const file = path.join(dir, String(i), path.posix.basename(url))
      await fs.mkdir(path.dirname(file))
      await downloadDataObject(client, url, file, maxFileBytes, 'data.max_file_mb in modelgate.yml')
      local.set(url, file)
    }
    const swap = (files: string[]): string[] => files.map((f) => local.get(f) ?? f)
    try {
      return await use({
        ...spec,
        trainFiles: swap(spec.trainFiles),
        evalFiles: spec.evalFiles && swap(spec.evalFiles),
      })
    } catch (error) {
      if (error instanceof UserError) {
        for (const [url, file] of local) error.message = error.message.split(file).join(url)
      }
      throw error
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}
