/**
 * Lets a plain `node` child process run this repository's TypeScript (tests spawn real processes, and the
 * project has no tsx/ts-node): `node --import ./__tests__/harness/ts-loader.mjs worker.ts`. Files are only
 * transpiled (type checking is tsc's job); `./x.js` imports resolve to `./x.ts` as under NodeNext.
 */
import { readFile } from 'node:fs/promises'
import { register } from 'node:module'
import { fileURLToPath } from 'node:url'
import { isMainThread } from 'node:worker_threads'

// Loaded once on the main thread via --import (registers), then again in the hooks thread (provides hooks).
if (isMainThread) register(import.meta.url)

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context)
  } catch (error) {
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')
    if (relative && specifier.endsWith('.js')) return nextResolve(`${specifier.slice(0, -3)}.ts`, context)
    throw error
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context)
  const { default: ts } = await import('typescript')
  const fileName = fileURLToPath(url)
  const output = ts.transpileModule(await readFile(fileName, 'utf8'), {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, isolatedModules: true },
  })
  return { format: 'module', source: output.outputText, shortCircuit: true }
}
