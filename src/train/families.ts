import { UserError } from '../errors.js'
import { cnnFamily } from './cnn/family.js'
import { linearFamily, mlpFamily } from './dense/family.js'
import { externalFamily } from './external/family.js'
import type { ModelFamily } from './family.js'

/** Every model family, by the `model.type` values it handles. A new family is one entry here. */
export const FAMILIES: readonly ModelFamily[] = [linearFamily, mlpFamily, externalFamily, cnnFamily]

export function familyFor(type: string): ModelFamily {
  const family = FAMILIES.find((f) => f.types.includes(type))
  if (!family)
    throw new UserError(
      `model type "${type}" is not known to this modelgate (known: ${FAMILIES.flatMap((f) => f.types).join(', ')})`,
    )
  return family
}
