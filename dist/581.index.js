export const id = 581;
export const ids = [581];
export const modules = {

/***/ 8948:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ writeOutputs)
/* harmony export */ });
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(915);

/** Every setOutput call of the action is here. */
function writeOutputs(sink, values) {
    if (values.verdict !== undefined)
        sink(_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .tY.Verdict, values.verdict);
    if (values.results !== undefined)
        sink(_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .tY.Results, values.results);
    if (values.report !== undefined)
        sink(_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .tY.Report, values.report);
    if (values.championChanged !== undefined)
        sink(_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .tY.ChampionChanged, String(values.championChanged));
    if (values.runIds !== undefined)
        sink(_constants_js__WEBPACK_IMPORTED_MODULE_0__/* .Outputs */ .tY.RunIds, JSON.stringify(values.runIds));
}


/***/ }),

/***/ 4962:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployMode: () => (/* binding */ deployMode),
  rollbackMode: () => (/* binding */ rollbackMode)
});

// EXTERNAL MODULE: ./src/action/constants.ts
var constants = __webpack_require__(915);
// EXTERNAL MODULE: ./src/action/outputs.ts
var outputs = __webpack_require__(8948);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/pipeline/champion.ts
var pipeline_champion = __webpack_require__(8539);
// EXTERNAL MODULE: ./src/pipeline/run-all.ts + 2 modules
var run_all = __webpack_require__(5491);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/store/open-registry.ts
var open_registry = __webpack_require__(4077);
// EXTERNAL MODULE: ./src/store/registry.ts
var store_registry = __webpack_require__(506);
// EXTERNAL MODULE: ./src/github/api.ts
var api = __webpack_require__(8943);
;// CONCATENATED MODULE: ./src/deploy/deployments.ts


/** GitHub refuses deployment status descriptions longer than 140 characters. */
const STATUS_DESCRIPTION_MAX = 140;
function clip(text) {
    return text.length <= STATUS_DESCRIPTION_MAX ? text : `${text.slice(0, STATUS_DESCRIPTION_MAX - 1)}…`;
}
/**
 * A GitHub deployment recording which runs went to an environment. `required_contexts: []`: the models were
 * gated before they became champions, and other commit statuses of the release are not this step's business;
 * `auto_merge: false`: a deployment of a tag must never merge the default branch into anything.
 */
async function createDeployment(octokit, where, request) {
    const { data } = await (0,api/* githubCall */.Mc)(`creating a ${request.environment} deployment of ${request.ref}`, () => octokit.rest.repos.createDeployment({
        owner: where.owner,
        repo: where.repo,
        ref: request.ref,
        environment: request.environment,
        description: clip(request.description),
        payload: request.payload,
        required_contexts: [],
        auto_merge: false,
        task: 'deploy',
    }));
    if (!('id' in data))
        throw new errors/* UserError */.yo(`GitHub did not create the deployment of ${request.ref}: ${data.message ?? 'no reason given'}`);
    return data.id;
}
async function setDeploymentStatus(octokit, where, status) {
    await (0,api/* githubCall */.Mc)(`setting deployment ${where.deploymentId} to ${status.state}`, () => octokit.rest.repos.createDeploymentStatus({
        owner: where.owner,
        repo: where.repo,
        deployment_id: where.deploymentId,
        state: status.state,
        description: clip(status.description),
        environment: status.environment,
        ...(status.logUrl ? { log_url: status.logUrl } : {}),
    }));
}

;// CONCATENATED MODULE: ./src/deploy/deploy-mode.ts









async function writableRegistry(session, what) {
    const store = await session.services.openStore(session.settings.store);
    if (await (0,open_registry/* credentialsAbsent */.C)(store)) {
        throw new errors/* UserError */.yo(`mode: ${what} changes the ${constants/* PRODUCTION */.e3} alias in ${store.location}, but this job has no AWS credentials`);
    }
    return new store_registry/* Registry */.OR(store, session.services.clock);
}
async function modelNames(session) {
    const specs = await (0,run_all/* loadSpecs */.BH)(session.settings.models, session.ctx.workspace);
    return specs.map((s) => s.name);
}
/** Record the deployment, apply the moves, and mark it success or failure. */
async function recordDeployment(session, ref, moves, kind, apply) {
    const { ctx, services } = session;
    const octokit = await session.github();
    const where = { owner: ctx.owner, repo: ctx.repo };
    const summaryText = moves.map((m) => `${m.model} → ${m.to}`).join(', ');
    const deploymentId = await createDeployment(octokit, where, {
        ref,
        environment: constants/* PRODUCTION */.e3,
        description: `modelgate ${kind}: ${summaryText}`,
        payload: { tool: 'modelgate', kind, models: Object.fromEntries(moves.map((m) => [m.model, m.to])) },
    });
    const status = { environment: constants/* PRODUCTION */.e3, logUrl: ctx.runUrl };
    try {
        await apply();
    }
    catch (error) {
        await setDeploymentStatus(octokit, { ...where, deploymentId }, { ...status, state: 'failure', description: `modelgate ${kind} failed` }).catch(() => undefined);
        throw error;
    }
    await setDeploymentStatus(octokit, { ...where, deploymentId }, {
        ...status,
        state: 'success',
        description: `${kind === 'deploy' ? 'deployed' : 'rolled back'}: ${summaryText}`,
    });
    (0,outputs/* writeOutputs */.K)(services.setOutput, {
        championChanged: false,
        runIds: Object.fromEntries(moves.map((m) => [m.model, m.to])),
    });
    const rows = moves.map((m) => [m.model, m.from ?? '—', m.to, m.from === m.to ? 'unchanged' : 'moved']);
    await services.appendSummary(`## modelgate ${kind} (${constants/* PRODUCTION */.e3})\n\n${(0,format/* table */.tp)(['model', 'before', 'now', ''], rows)}\n\nGitHub deployment ${deploymentId} of ${ref}.\n`);
    services.logger.info(`${constants/* PRODUCTION */.e3}: ${summaryText} (deployment ${deploymentId})`);
}
async function deployMode(session, plan) {
    const registry = await writableRegistry(session, 'deploy');
    const by = `${session.ctx.actor} via modelgate Action (${session.ctx.eventName})`;
    const reason = plan.tag ? `release ${plan.tag}` : `deploy of ${plan.ref}`;
    const moves = [];
    for (const model of await modelNames(session)) {
        const champion = await registry.getAlias(model, pipeline_champion/* CHAMPION */.M6);
        if (!champion)
            throw new errors/* UserError */.yo(`model "${model}" has no champion to deploy; a passing run must be promoted first`);
        const current = await registry.getAlias(model, constants/* PRODUCTION */.e3);
        moves.push({ model, from: current?.record.runId ?? null, to: champion.record.runId });
    }
    await recordDeployment(session, plan.ref, moves, 'deploy', async () => {
        for (const move of moves) {
            if (move.from === move.to)
                continue;
            await registry.setAlias(move.model, constants/* PRODUCTION */.e3, move.to, {
                action: 'promote',
                by,
                reason,
                check: (now) => {
                    if ((now?.runId ?? null) !== move.from) {
                        throw new errors/* UserError */.yo(`model "${move.model}": ${constants/* PRODUCTION */.e3} changed to ${now?.runId ?? 'nothing'} while deploying; look at its history and retry`);
                    }
                },
            });
        }
    });
}
async function rollbackMode(session, plan) {
    const registry = await writableRegistry(session, 'rollback');
    const by = `${session.ctx.actor} via modelgate Action (${session.ctx.eventName})`;
    const moves = [];
    for (const model of await modelNames(session)) {
        const current = await registry.getAlias(model, constants/* PRODUCTION */.e3);
        if (!current)
            throw new errors/* UserError */.yo(`model "${model}" has no ${constants/* PRODUCTION */.e3} alias to roll back (deploy a release first)`);
        const target = (0,store_registry/* rollbackTarget */.es)(current.record.history);
        if (!target)
            throw new errors/* UserError */.yo(`model "${model}": ${constants/* PRODUCTION */.e3} has no earlier run to roll back to (it has only ever pointed at ${current.record.runId})`);
        moves.push({ model, from: current.record.runId, to: target });
    }
    await recordDeployment(session, plan.ref, moves, 'rollback', async () => {
        for (const move of moves) {
            // `from` makes the registry refuse, before writing, if production moved since it was read above.
            const record = await registry.rollback(move.model, constants/* PRODUCTION */.e3, by, `rollback from workflow ${session.ctx.workflow}`, move.from ?? undefined);
            if (record.runId !== move.to)
                throw new errors/* UserError */.yo(`model "${move.model}": ${constants/* PRODUCTION */.e3} rolled back to ${record.runId}, expected ${move.to}`);
        }
    });
}


/***/ }),

/***/ 8943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mc: () => (/* binding */ githubCall),
/* harmony export */   jh: () => (/* binding */ retryTransient),
/* harmony export */   x6: () => (/* binding */ GitHubPermissionError)
/* harmony export */ });
/* unused harmony export RETRY_DELAYS_MS */
/** The GitHub client type and one wrapper that turns every failed call into a readable, one-line error. */
/** The token may not do this (a read-only token, or a `permissions:` block without the needed scope). */
class GitHubPermissionError extends Error {
    name = 'GitHubPermissionError';
}
function isHttpError(error) {
    return (typeof error === 'object' && error !== null && typeof error.status === 'number');
}
/** GitHub's own message (`{"message": "..."}`), or the client's. */
function apiMessage(error) {
    const data = error.response?.data;
    if (typeof data === 'object' &&
        data !== null &&
        typeof data.message === 'string') {
        return data.message;
    }
    return error.message;
}
/**
 * Run one API call; on failure throw an Error saying what was being done, the HTTP status and GitHub's
 * message, e.g. "GitHub API: creating the modelgate comment on acme/app#7 failed: HTTP 500 Server Error".
 * A 403 that is not rate limiting becomes a GitHubPermissionError, which callers may degrade on.
 */
async function githubCall(what, call) {
    try {
        return await call();
    }
    catch (error) {
        if (!isHttpError(error))
            throw error;
        const message = `GitHub API: ${what} failed: HTTP ${error.status} ${apiMessage(error)}`;
        if (error.status === 403 && !/rate limit/i.test(apiMessage(error)))
            throw new GitHubPermissionError(message, { cause: error });
        throw new Error(message, { cause: error });
    }
}
/** Pauses before the 2nd and 3rd attempt of a transient failure (GitHub's 5xx usually clear within seconds). */
const RETRY_DELAYS_MS = [500, 1500];
/** A server error (5xx) or a dropped connection: worth another try. Client errors (4xx) never are. */
function isTransient(error) {
    const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
    if (isHttpError(cause))
        return cause.status >= 500;
    const code = cause?.code;
    return (typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|UND_ERR_)/.test(code));
}
/**
 * Run `work` again after a transient failure, up to RETRY_DELAYS_MS.length more times. `work` must be safe
 * to repeat: the sticky comment retries its whole find-or-create, so a comment created by a request whose
 * answer was lost is found on the next attempt instead of being posted twice.
 */
async function retryTransient(work, onRetry) {
    for (let attempt = 0;; attempt++) {
        try {
            return await work();
        }
        catch (error) {
            const delay = RETRY_DELAYS_MS[attempt];
            if (delay === undefined || !isTransient(error))
                throw error;
            onRetry?.(error, attempt + 1);
            await new Promise((resolve) => setTimeout(resolve, delay));
        }
    }
}


/***/ })

};
