export const id = 581;
export const ids = [581];
export const modules = {

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
// EXTERNAL MODULE: ./src/pipeline/run-all.ts + 33 modules
var run_all = __webpack_require__(377);
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

/***/ 4077:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ credentialsAbsent),
/* harmony export */   M: () => (/* binding */ openRegistry)
/* harmony export */ });
/* harmony import */ var _registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(506);

/** Whether the store is S3 with no credentials at all (the SDK's whole provider chain came up empty). */
async function credentialsAbsent(store) {
    const probe = store.probeCredentials;
    return probe !== undefined && (await probe.call(store)) === 'absent';
}
/**
 * The registry a training run uses, and whether it may write. A run told it is read-only (a fork's pull
 * request) never writes. With S3 and no credentials at all (a fork has no secrets; a forgotten credentials
 * step) the run says so plainly and goes on: it trains and reports, but neither reads the champion nor
 * stores anything. Read-only credentials are found out at the first write (AccessDeniedError), which the
 * pipeline turns into "not stored".
 */
async function openRegistry(store, clock, logger, options = {}) {
    const registry = new _registry_js__WEBPACK_IMPORTED_MODULE_0__/* .Registry */ .OR(store, clock);
    if (options.readOnly) {
        logger.info(`store ${store.location}: read only, because ${options.readOnly}`);
        return { registry, writable: false };
    }
    if (await credentialsAbsent(store)) {
        logger.warn(`no AWS credentials: ${store.location} can be neither read nor written; the run is compared without its champion and not stored. To store runs and promote, give the job credentials (e.g. aws-actions/configure-aws-credentials)`);
        return { registry, writable: false };
    }
    return { registry, writable: true };
}


/***/ }),

/***/ 506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OR: () => (/* binding */ Registry),
/* harmony export */   es: () => (/* binding */ rollbackTarget)
/* harmony export */ });
/* unused harmony exports MANIFEST, sha256Hex */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _util_clock_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7110);



/**
 * Runs, manifests and aliases on any ObjectStore.
 *
 *   models/<model>/runs/<runId>/<file>          immutable, written create-only
 *   models/<model>/runs/<runId>/manifest.json   written last: a run without it is incomplete and invisible
 *   models/<model>/aliases/<alias>.json         the pointer and its whole history, changed by compare-and-swap
 *
 * The alias object carries its own history, so one conditional write changes both: two racing promotions
 * can never lose a history entry or leave pointer and history disagreeing.
 */
const MANIFEST = 'manifest.json';
const ALIAS_RETRIES = 12;
function sha256Hex(body) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(body).digest('hex');
}
const encoder = new TextEncoder();
const json = (value) => encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
function parseJson(body, where) {
    try {
        return JSON.parse(new TextDecoder().decode(body));
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${where}: not valid JSON (the store object is damaged)`);
    }
}
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
class Registry {
    store;
    clock;
    constructor(store, clock) {
        this.store = store;
        this.clock = clock;
    }
    runKey(model, runId, file = '') {
        if (!NAME.test(model))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`model name "${model}": use letters, digits, ".", "_" and "-"`);
        if (!NAME.test(runId))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`run id "${runId}" is not valid`);
        return `models/${model}/runs/${runId}/${file}`;
    }
    aliasKey(model, alias) {
        if (!NAME.test(alias))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`alias "${alias}" is not valid`);
        return `models/${model}/aliases/${alias}.json`;
    }
    newRunId() {
        return `${(0,_util_clock_js__WEBPACK_IMPORTED_MODULE_2__/* .compactTimestamp */ .c)(this.clock.now())}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex')}`;
    }
    /** Write every file create-only, then the manifest; returns the manifest. */
    async writeRun(model, runId, files, meta) {
        const entries = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1));
        for (const [path] of entries) {
            if (path === MANIFEST || path.startsWith('/') || path.split('/').includes('..'))
                throw new Error(`invalid run file path ${path}`);
        }
        const manifest = {
            schema: 1,
            model,
            runId,
            createdAt: this.clock.now().toISOString(),
            files: entries.map(([path, body]) => ({ path, sha256: sha256Hex(body), bytes: body.byteLength })),
            meta,
        };
        for (const [path, body] of entries) {
            await this.putCreateOnly(this.runKey(model, runId, path), body);
        }
        await this.putCreateOnly(this.runKey(model, runId, MANIFEST), json(manifest));
        return manifest;
    }
    async putCreateOnly(key, body) {
        try {
            await this.store.put(key, body, { ifNoneMatch: '*' });
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PreconditionFailedError */ .k9) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${this.store.location}: ${key} already exists; runs are immutable and are never overwritten`);
            }
            throw error;
        }
    }
    async readManifest(model, runId) {
        const key = this.runKey(model, runId, MANIFEST);
        const object = await this.store.get(key);
        if (!object)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${this.store.location}: run ${runId} of model "${model}" does not exist (no ${key})`);
        return parseJson(object.body, `${this.store.location}/${key}`);
    }
    /** Read a run's file and check it against the manifest's sha256. */
    async readRunFile(manifest, path) {
        const entry = manifest.files.find((f) => f.path === path);
        const key = this.runKey(manifest.model, manifest.runId, path);
        if (!entry)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${this.store.location}: run ${manifest.runId} has no file ${path}`);
        const object = await this.store.get(key);
        if (!object)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${this.store.location}: ${key} is listed in the manifest but missing from the store`);
        const actual = sha256Hex(object.body);
        if (actual !== entry.sha256) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${this.store.location}: ${key} is corrupted: sha256 ${actual.slice(0, 12)}… does not match the manifest's ${entry.sha256.slice(0, 12)}…; refusing to use it`);
        }
        return object.body;
    }
    /** Complete runs (those with a manifest), oldest first. */
    async listRuns(model) {
        const prefix = `models/${model}/runs/`;
        const keys = await this.store.list(prefix);
        return keys
            .filter((k) => k.endsWith(`/${MANIFEST}`) && k.split('/').length === 5)
            .map((k) => k.split('/')[3]);
    }
    async getAlias(model, alias) {
        const key = this.aliasKey(model, alias);
        const object = await this.store.get(key);
        if (!object)
            return null;
        return { record: parseJson(object.body, `${this.store.location}/${key}`), etag: object.etag };
    }
    /**
     * Point an alias at a run with compare-and-swap. `check` sees the alias as it is at each attempt (null when
     * it does not exist yet) and throws to abandon the change (e.g. "the champion changed and now beats you").
     * Lost races are retried with a fresh read, up to a bound.
     */
    async setAlias(model, alias, runId, change) {
        await this.readManifest(model, runId); // the target must be a complete run
        const key = this.aliasKey(model, alias);
        for (let attempt = 0; attempt < ALIAS_RETRIES; attempt++) {
            const current = await this.getAlias(model, alias);
            await change.check?.(current?.record ?? null);
            const at = this.clock.now().toISOString();
            const entry = {
                action: change.action,
                runId,
                previous: current?.record.runId ?? null,
                at,
                by: change.by,
                reason: change.reason,
            };
            const history = [...(current?.record.history ?? []), entry];
            const record = { model, alias, runId, version: history.length, updatedAt: at, history };
            try {
                await this.store.put(key, json(record), current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
                return record;
            }
            catch (error) {
                if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PreconditionFailedError */ .k9))
                    throw error;
                await new Promise((resolve) => setTimeout(resolve, Math.random() * (10 + attempt * 20)));
            }
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${this.store.location}: ${key} kept changing under ${ALIAS_RETRIES} attempts to update it; try again`);
    }
    /**
     * One step back: the run that held the alias before the current one was promoted. Rollbacks stack, so
     * after A → B → C two rollbacks give B, then A.
     */
    async rollback(model, alias, by, reason, 
    /** The run the caller saw the alias at: the rollback is refused, before writing, if it has moved since. */
    from) {
        const current = await this.getAlias(model, alias);
        if (!current)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`model "${model}" has no ${alias} to roll back`);
        const expected = from ?? current.record.runId;
        const moved = (now) => new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`model "${model}": ${alias} changed to ${now ?? 'nothing'} while rolling back from ${expected}; look at the history and retry`);
        if (current.record.runId !== expected)
            throw moved(current.record.runId);
        const previous = rollbackTarget(current.record.history);
        if (!previous)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`model "${model}": ${alias} has no earlier run to roll back to (it has only ever pointed at ${current.record.runId})`);
        return this.setAlias(model, alias, previous, {
            action: 'rollback',
            by,
            reason,
            check: (now) => {
                if (now?.runId !== expected)
                    throw moved(now?.runId);
            },
        });
    }
}
/** Replay the history as a stack (promote pushes, rollback pops); the target is the entry below the top. */
function rollbackTarget(history) {
    const stack = [];
    for (const change of history) {
        if (change.action === 'promote')
            stack.push(change.runId);
        else {
            stack.pop();
            // A rollback's target is the new top; keep the stack consistent if history was edited by hand.
            if (stack.at(-1) !== change.runId)
                stack.push(change.runId);
        }
    }
    return stack.length >= 2 ? stack[stack.length - 2] : null;
}


/***/ })

};
