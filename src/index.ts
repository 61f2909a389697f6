// The Action's entry point (action.yml `main: dist/index.js` is this file bundled): it only calls run(), which
// reports every failure itself and never rejects.
import { run } from './main.js'

void run()
