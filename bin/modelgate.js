#!/usr/bin/env node
// The CLI runs from the committed bundle (dist/index.js), the same code the Action runs.
import { cliMain } from '../dist/index.js'

process.exitCode = await cliMain(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
})
