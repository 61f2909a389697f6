/**
 * Request options for a write that must not be repeated blindly (creating the sticky comment): a retry after
 * a lost answer could post it twice, so the caller retries its whole find-or-create instead. Kept apart from
 * client.ts so that using it does not load Octokit.
 */
export const NO_RETRY = { request: { retries: 0 } } as const
