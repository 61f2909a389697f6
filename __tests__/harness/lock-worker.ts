/**
 * A promotion that stops while holding the filesystem store's alias lock, for the kill -9 test:
 *   node --import ts-loader.mjs lock-worker.ts <dir> <model> <runId>
 * The store's onLockHeld hook prints "paused" once the lock file is written and waits for stdin, so the test
 * knows the lock is held when it sends SIGKILL (no sleeping, no guessing).
 */
import { FsObjectStore } from '../../src/store/fs-store.js'
import { Registry } from '../../src/store/registry.js'
import { systemClock } from '../../src/util/clock.js'
import { pauseOnStdin } from './stepped-worker.js'

const [dir, model, runId] = process.argv.slice(2)
if (!dir || !model || !runId) throw new Error('usage: lock-worker.ts <dir> <model> <runId>')
const { pause, close } = pauseOnStdin()
const registry = new Registry(new FsObjectStore(dir, { onLockHeld: pause }), systemClock)
await registry.setAlias(model, 'champion', runId, { action: 'promote', by: 'lock worker', reason: 'killed' })
close()
