export const id = 467;
export const ids = [467];
export const modules = {

/***/ 7467:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  trainMode: () => (/* binding */ trainMode)
});

// EXTERNAL MODULE: ./src/pipeline/run-all.ts + 32 modules
var run_all = __webpack_require__(5845);
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
