export const id = 467;
export const ids = [467];
export const modules = {

/***/ 7467:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  trainMode: () => (/* binding */ trainMode)
});

// EXTERNAL MODULE: ./src/pipeline/run-all.ts + 33 modules
var run_all = __webpack_require__(377);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/store/open-registry.ts
var open_registry = __webpack_require__(4077);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/train/tf-runtime.ts




const WASM_FILES = [
    'tfjs-backend-wasm.wasm',
    'tfjs-backend-wasm-simd.wasm',
    'tfjs-backend-wasm-threaded-simd.wasm',
];
/**
 * The .wasm files: beside this module in the ncc bundle (scripts/bundle.mjs copies them into dist/), else in
 * the installed package (running from source). The package path is resolved at run time, with a computed
 * specifier so the bundler does not try to inline it.
 */
function wasmDirectory() {
    const here = external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(import.meta.url));
    if ((0,external_node_fs_.existsSync)(external_node_path_default().join(here, WASM_FILES[0])))
        return here;
    const pkg = ['@tensorflow', 'tfjs-backend-wasm', 'package.json'].join('/');
    return external_node_path_default().join(external_node_path_default().dirname((0,external_node_module_.createRequire)(import.meta.url).resolve(pkg)), 'dist');
}
/** tfjs-node from the user's workspace, when installed there (it cannot be bundled: it is a native addon). */
async function loadTfNode(cwd, logger) {
    let resolved;
    try {
        resolved = (0,external_node_module_.createRequire)(external_node_path_default().join(cwd, 'package.json')).resolve('@tensorflow/tfjs-node');
    }
    catch {
        return null;
    }
    try {
        const tf = (await __webpack_require__(2124)((0,external_node_url_.pathToFileURL)(resolved).href));
        const handle = tf.default ?? tf;
        handle.enableProdMode();
        await handle.ready();
        if (handle.getBackend() !== 'tensorflow')
            return null;
        return { tf: handle, backend: 'tensorflow', version: handle.version.tfjs ?? 'unknown' };
    }
    catch (error) {
        logger.warn(`@tensorflow/tfjs-node is installed at ${resolved} but failed to load (${String(error)}); using the wasm backend`);
        return null;
    }
}
// One runtime per process: tfjs has a single global engine, so the first call's backend choice holds for
// every later call (the CLI and the Action each ask once, with one setting).
let cached = null;
/**
 * Load TensorFlow.js once: tfjs-node when the workspace has it, else the bundled tfjs on the wasm backend,
 * else cpu. A failed wasm start silently falls back to cpu inside tfjs, so the backend is checked after.
 */
function loadTf(options) {
    cached ??= (async () => {
        const wanted = options.backend ?? 'auto';
        if (wanted === 'auto' || wanted === 'tensorflow') {
            const node = await loadTfNode(options.cwd, options.logger);
            if (node)
                return node;
            if (wanted === 'tensorflow')
                options.logger.warn('backend "tensorflow" requested but @tensorflow/tfjs-node is not installed in this workspace');
        }
        const tf = await Promise.all(/* import() */[__webpack_require__.e(484), __webpack_require__.e(368)]).then(__webpack_require__.t.bind(__webpack_require__, 9368, 23));
        // Production mode: no debug checks, and no "looks like you are running TensorFlow.js in Node.js" banner.
        tf.enableProdMode();
        const version = tf.version.tfjs ?? 'unknown';
        if (wanted !== 'cpu') {
            const dir = wasmDirectory();
            // The wasm backend's emscripten glue reads the free variable __dirname under Node. ESM modules (our
            // bundle) have none, which makes the backend fail to start; give it the directory of the .wasm files.
            const scope = globalThis;
            scope.__dirname ??= dir;
            const wasm = await Promise.all(/* import() */[__webpack_require__.e(484), __webpack_require__.e(744)]).then(__webpack_require__.t.bind(__webpack_require__, 6744, 19));
            wasm.setWasmPaths(Object.fromEntries(WASM_FILES.map((f) => [f, external_node_path_default().join(dir, f)])));
            if ((await tf.setBackend('wasm')) && tf.getBackend() === 'wasm')
                return { tf, backend: 'wasm', version };
            options.logger.warn(`the tfjs wasm backend did not start (files in ${dir}); falling back to the slower cpu backend`);
        }
        await tf.setBackend('cpu');
        if (tf.getBackend() !== 'cpu')
            throw new Error(`tfjs: no backend could be started (got ${tf.getBackend()})`);
        return { tf, backend: 'cpu', version };
    })();
    return cached;
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/action/publish.ts + 2 modules
var publish = __webpack_require__(2319);
// EXTERNAL MODULE: ./src/action/session.ts
var action_session = __webpack_require__(9462);
;// CONCATENATED MODULE: ./src/action/train-mode.ts







async function trainMode(session, plan) {
    const { settings, ctx, services } = session;
    const { logger } = services;
    const specs = await (0,run_all/* loadSpecs */.BH)(settings.models, ctx.workspace);
    logger.info(`models: ${specs.map((s) => s.name).join(', ')} (from ${settings.models.join(', ')})`);
    const store = await services.openStore(settings.store);
    const { registry, writable } = await (0,open_registry/* openRegistry */.M)(store, services.clock, logger, {
        readOnly: plan.readOnly,
    });
    const promote = plan.promote && writable;
    logger.info(`promotion: ${promote ? 'on' : 'off'} (${plan.promoteNote}${plan.promote && !writable ? ', but the store is read only here' : ''})`);
    const deps = {
        registry,
        storeWritable: writable,
        logger,
        clock: services.clock,
        runtime: () => loadTf({ cwd: ctx.workspace, logger }),
        git: { commit: plan.commit, ref: plan.ref },
        actor: `${ctx.actor} via modelgate Action (${ctx.eventName} ${(0,format/* shortSha */.Fu)(plan.commit)})`,
        toolVersion: version/* VERSION */.x,
    };
    const results = await (0,run_all/* runAll */.$D)(specs, deps, { promote });
    const pr = plan.pullRequest;
    const actionResults = {
        ...results,
        github: {
            repository: (0,action_session/* repositoryOf */._)(ctx),
            event: ctx.eventName,
            workflow: ctx.workflow,
            runUrl: ctx.runUrl,
            commit: plan.commit,
            pullRequest: pr ? { number: pr.number, headSha: pr.headSha, headRepository: pr.headRepository } : null,
            readOnly: plan.readOnly,
        },
    };
    await (0,publish/* publish */.mk)(session, actionResults, {
        pullRequest: pr?.number ?? null,
        readOnly: plan.readOnly,
        writeResults: true,
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


/***/ }),

/***/ 2124:
/***/ ((module) => {

function webpackEmptyAsyncContext(req) {
	// Here Promise.resolve().then() is used instead of new Promise() to prevent
	// uncaught exception popping up in devtools
	return Promise.resolve().then(() => {
		var e = new Error("Cannot find module '" + req + "'");
		e.code = 'MODULE_NOT_FOUND';
		throw e;
	});
}
webpackEmptyAsyncContext.keys = () => ([]);
webpackEmptyAsyncContext.resolve = webpackEmptyAsyncContext;
webpackEmptyAsyncContext.id = 2124;
module.exports = webpackEmptyAsyncContext;

/***/ })

};
