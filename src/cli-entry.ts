// The CLI from the sources as a process (benchmarks compile it; slow tests run it with ts-loader). What ships is
// bin/modelgate.js, which runs the same main() from the one bundle, dist/index.js.
import { main } from './cli.js'

void main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
}).then((code) => {
  process.exitCode = code
})
