#!/usr/bin/env node
// `npm run bench:gate [-- --trials N]`: runs the gate harness (bench/gate/main.ts) through the repository's
// TypeScript loader, so no build step is needed. See bench/gate/main.ts for the flags.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const result = spawnSync(
  process.execPath,
  ['--import', './__tests__/harness/ts-loader.mjs', 'bench/gate/main.ts', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
)
process.exit(result.status ?? 1)
