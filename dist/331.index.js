export const id = 331;
export const ids = [331];
export const modules = {

/***/ 76331:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   planMode: () => (/* binding */ planMode)
/* harmony export */ });
/* harmony import */ var _pipeline_run_all_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(40274);
/* harmony import */ var _pipeline_fanout_plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(21187);
/* harmony import */ var _store_open_registry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54077);
/* harmony import */ var _util_git_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(13968);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(311);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(90915);






/**
 * `mode: plan`: the first job of a fan-out. Reads the specs and sets `matrix` (for `strategy.matrix`: one
 * include item per model, trial and seed) and `plan-json` (the whole plan, for the report job's `plan` input).
 */
async function planMode(session) {
    const { settings, ctx, services } = session;
    const { logger } = services;
    const specs = await (0,_pipeline_run_all_js__WEBPACK_IMPORTED_MODULE_0__/* .loadSpecs */ .BH)(settings.models, ctx.workspace, {
        allowOutsideWorkspace: settings.allowOutsideWorkspace,
    });
    let probe;
    if (settings.changedOnly) {
        const store = await services.openStore(settings.store);
        const { registry } = await (0,_store_open_registry_js__WEBPACK_IMPORTED_MODULE_2__/* .openRegistry */ .M)(store, services.clock, logger, { readOnly: 'plan only reads' });
        probe = { registry, git: _util_git_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix, cwd: ctx.workspace, toolVersion: _version_js__WEBPACK_IMPORTED_MODULE_5__/* .VERSION */ .x };
    }
    const plan = await (0,_pipeline_fanout_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .buildPlan */ .Gg)(specs, { changedOnly: settings.changedOnly, probe });
    for (const { model, reason } of plan.skipped)
        logger.info(`${model}: skipped (${reason})`);
    for (const { model, reason } of plan.reasons)
        logger.info(`${model}: trains (${reason})`);
    const counts = [...new Set(plan.entries.map((e) => e.model))].map((m) => `${m} ×${plan.entries.filter((e) => e.model === m).length}`);
    logger.info(`plan: ${plan.entries.length} entries (${counts.join(', ') || 'none'})`);
    services.setOutput(_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .Outputs */ .tY.Matrix, JSON.stringify((0,_pipeline_fanout_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .matrixOf */ .lQ)(plan)));
    services.setOutput(_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .Outputs */ .tY.PlanJson, JSON.stringify(plan));
}


/***/ })

};
