// The one shipped entry point, bundled to dist/index.js. Run by the runner (action.yml `main: dist/index.js`,
// i.e. `node dist/index.js`) it is the Action: it only calls run(), which reports every failure itself and never
// rejects. Imported by bin/modelgate.js it starts nothing and hands over the CLI, so the Action and the CLI ship
// as one bundle (one copy of tfjs, the AWS SDK and Octokit) instead of two.
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { main as cliMain } from './cli.js'
import { run } from './main.js'

export { cliMain }

function startedAsScript(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (startedAsScript()) void run()
