import type { Clock } from '../util/clock.js'
import type { Logger } from '../util/logger.js'
import { Registry } from './registry.js'
import { openStore, type StoreLocation } from './store-url.js'

/**
 * Open the store a run uses and decide whether it may write. With S3 and no credentials at all (a fork's
 * pull request has no secrets) the run says so plainly and goes on: it still trains and reports, but it
 * neither reads the champion nor stores anything. Read-only credentials are found out at the first write
 * (AccessDeniedError), which the pipeline turns into "not stored".
 */
export async function openRegistry(
  location: StoreLocation,
  clock: Clock,
  logger: Logger,
): Promise<{ registry: Registry; writable: boolean }> {
  const store = await openStore(location)
  let writable = true
  const probe = (store as { probeCredentials?: () => Promise<'present' | 'absent'> }).probeCredentials
  if (probe && (await probe.call(store)) === 'absent') {
    logger.warn(
      `no AWS credentials: ${store.location} can be neither read nor written; the run is compared without its champion and not stored`,
    )
    writable = false
  }
  return { registry: new Registry(store, clock), writable }
}
