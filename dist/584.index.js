export const id = 584;
export const ids = [584];
export const modules = {

/***/ 96584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GITHUB_RETRIES: () => (/* binding */ GITHUB_RETRIES),
/* harmony export */   GITHUB_TIMEOUT_MS: () => (/* binding */ GITHUB_TIMEOUT_MS),
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11758);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86856);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(63251);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _api_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28943);





const GITHUB_TIMEOUT_MS = 30_000;
const GITHUB_RETRIES = 2;
/** fetch with a fresh timeout per attempt, so that a retry after a timeout gets its own full budget. */
function timedFetch(timeoutMs) {
    return async (input, init) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        try {
            return await fetch(input, { ...init, signal });
        }
        catch (error) {
            if (timeout.aborted) {
                throw new _api_js__WEBPACK_IMPORTED_MODULE_2__/* .GitHubTimeoutError */ .Dr(`no answer within ${timeoutMs / 1000} s`, { cause: error });
            }
            throw error;
        }
    };
}
function createGitHubClient(token, options) {
    const timeoutMs = options.timeoutMs ?? GITHUB_TIMEOUT_MS;
    const msPerSecond = options.msPerSecond ?? 1000;
    const maxWait = options.maxRateLimitWaitSeconds ?? 120;
    const rateLimitRetries = options.rateLimitRetries ?? 2;
    const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
        const what = `${request.method} ${request.url}`;
        if (retryCount >= rateLimitRetries || retryAfter > maxWait) {
            options.logger.warn(`GitHub ${kind} rate limit on ${what}: retry after ${retryAfter} s; not waiting (${retryCount} retries, at most ${maxWait} s)`);
            return false;
        }
        options.logger.warn(`GitHub ${kind} rate limit on ${what}: waiting ${retryAfter} s, then trying again`);
        return true;
    };
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, {
        baseUrl: options.baseUrl,
        request: { fetch: timedFetch(timeoutMs) },
        retry: {
            retries: options.retries ?? GITHUB_RETRIES,
            retryAfterBaseValue: msPerSecond,
            // Rate limits are the throttling plugin's (it reads the wait from GitHub's headers).
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
        },
        throttle: {
            retryAfterBaseValue: msPerSecond,
            // One write at a time, but without the plugin's fixed 1 s / 3 s spacing between writes: a run makes
            // a handful of writes, and a secondary rate limit, if GitHub sends one, is waited out as it says.
            write: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default().Group)({ maxConcurrent: 1 }),
            notifications: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default().Group)({ maxConcurrent: 1 }),
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
        },
    }, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__/* .throttling */ .A);
}


/***/ })

};
