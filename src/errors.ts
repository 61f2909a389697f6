/**
 * An error the user can fix (bad spec, bad CSV, bad flag). Its message is one line that names the file,
 * row, column or input and says what was expected. Exit code 2 in the CLI; no stack trace unless --debug.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError'
}

/**
 * The store refused access (S3 403, filesystem EACCES). Separate from other user errors because a run with
 * read-only credentials (a fork's pull request) goes on without storing rather than failing.
 */
export class AccessDeniedError extends UserError {
  override readonly name: string = 'AccessDeniedError'
}

/**
 * A mistake in a model spec (modelgate.yml): a UserError that also says which file (and line, when known),
 * so the Action can annotate the file itself in the pull request's Files tab.
 */
export class SpecError extends UserError {
  override readonly name: string = 'SpecError'
  constructor(
    readonly specFile: string,
    message: string,
    readonly line?: number,
  ) {
    super(message)
  }
}

/** A compare-and-swap write lost the race: the object changed (or appeared) since it was read. */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError'
  constructor(readonly key: string) {
    super(`precondition failed for ${key}: it changed since it was read`)
  }
}

/** Turn any thrown value into one readable line (not only Error: strings, objects, undefined). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  if (typeof error === 'string') return error
  // Errors from another realm (vm contexts, workers) fail instanceof but still carry a message.
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return (error as { message: string }).message
  }
  if (error === undefined || error === null) return `unknown error (${String(error)} was thrown)`
  try {
    return `non-Error value thrown: ${JSON.stringify(error)}`
  } catch {
    // Circular or BigInt-holding objects: at least say what kind of value it was.
    return `non-Error value thrown: ${Object.prototype.toString.call(error)}`
  }
}
