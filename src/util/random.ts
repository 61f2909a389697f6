import { randomBytes, randomInt } from 'node:crypto'
import { Rng } from './rng.js'

/**
 * Randomness beyond a model's own seeded Rng: run ids, write ids, lock tokens, temporary file names, retry
 * jitter. Injected like the clock (PipelineDeps' registry, ActionServices, CliIo), so a test can fix it.
 */
export interface RandomSource {
  /** `bytes` random bytes as lowercase hex. */
  hex(bytes: number): string
  /** A uniform integer in [min, max). */
  int(min: number, max: number): number
}

/** The entry points' source: the operating system's CSPRNG (ids from two machines must not collide). */
export const cryptoRandom: RandomSource = {
  hex: (bytes) => randomBytes(bytes).toString('hex'),
  int: (min, max) => randomInt(min, max),
}

/** A reproducible source for tests: the same seed gives the same ids. */
export function seededRandom(seed: number): RandomSource {
  const rng = new Rng(seed)
  return {
    hex: (bytes) =>
      Array.from({ length: bytes }, () => (rng.nextUint32() & 0xff).toString(16).padStart(2, '0')).join(''),
    int: (min, max) => min + rng.int(max - min),
  }
}
