import type { Clock } from '../util/clock.js'
import type { Logger } from '../util/logger.js'
import type { RandomSource } from '../util/random.js'
import type { ObjectStore } from './object-store.js'
import { Registry } from './registry.js'

/** Whether the store is S3 with no credentials at all (the SDK's whole provider chain came up empty). */
export async function credentialsAbsent(store: ObjectStore): Promise<boolean> {
  const probe = (store as { probeCredentials?: () => Promise<'present' | 'absent'> }).probeCredentials
  return probe !== undefined && (await probe.call(store)) === 'absent'
}

/**
 * The registry a training run uses, and whether it may write. A run told it is read-only (a fork's pull
 * request) never writes. With S3 and no credentials at all (a fork has no secrets; a forgotten credentials
 * step) the run says so plainly and goes on: it trains and reports, but neither reads the champion nor
 * stores anything. Read-only credentials are found out at the first write (AccessDeniedError), which the
 * pipeline turns into "not stored".
 */
export async function openRegistry(
  store: ObjectStore,
  clock: Clock,
  logger: Logger,
  options: { readOnly?: string | null; random?: RandomSource } = {},
): Promise<{ registry: Registry; writable: boolean }> {
  const registry = new Registry(store, clock, options.random ? { random: options.random } : {})
  if (options.readOnly) {
    logger.info(`store ${store.location}: read only, because ${options.readOnly}`)
    return { registry, writable: false }
  }
  if (await credentialsAbsent(store)) {
    logger.warn(
      `no AWS credentials: ${store.location} can be neither read nor written; the run is compared without its champion and not stored. To store runs and promote, give the job credentials (e.g. aws-actions/configure-aws-credentials)`,
    )
    return { registry, writable: false }
  }
  return { registry, writable: true }
}
