export const id = 366;
export const ids = [366];
export const modules = {

/***/ 14366:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   trainMode: () => (/* binding */ trainMode)
/* harmony export */ });
/* harmony import */ var _pipeline_run_all_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(66777);
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(12011);
/* harmony import */ var _store_open_registry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54077);
/* harmony import */ var _train_external_command_env_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2007);
/* harmony import */ var _train_tf_runtime_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(75967);
/* harmony import */ var _util_git_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(13968);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(311);
/* harmony import */ var _publish_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(19745);
/* harmony import */ var _session_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(59462);









async function trainMode(session, plan) {
    const { settings, ctx, services } = session;
    const { logger } = services;
    const specs = await (0,_pipeline_run_all_js__WEBPACK_IMPORTED_MODULE_0__/* .loadSpecs */ .BH)(settings.models, ctx.workspace, {
        allowOutsideWorkspace: settings.allowOutsideWorkspace,
    });
    logger.info(`models: ${specs.map((s) => s.name).join(', ')} (from ${settings.models.join(', ')})`);
    const store = await services.openStore(settings.store);
    const { registry, writable } = await (0,_store_open_registry_js__WEBPACK_IMPORTED_MODULE_2__/* .openRegistry */ .M)(store, services.clock, logger, {
        readOnly: plan.readOnly,
    });
    const promote = plan.promote && writable;
    logger.info(`promotion: ${promote ? 'on' : 'off'} (${plan.promoteNote}${plan.promote && !writable ? ', but the store is read only here' : ''})`);
    const deps = {
        registry,
        storeWritable: writable,
        logger,
        clock: services.clock,
        runtime: () => (0,_train_tf_runtime_js__WEBPACK_IMPORTED_MODULE_3__/* .loadTf */ .V)({ cwd: ctx.workspace, logger }),
        commandEnv: (0,_train_external_command_env_js__WEBPACK_IMPORTED_MODULE_6__/* .commandEnvironment */ .J)(services.env, [settings.githubToken]),
        // The commit is the event's; whether the checkout has uncommitted changes (a build step) is git's.
        git: {
            commit: plan.commit,
            ref: plan.ref,
            dirty: (await (0,_util_git_js__WEBPACK_IMPORTED_MODULE_4__/* .readGitInfo */ .$e)(ctx.workspace)).dirty,
            pullRequest: plan.pullRequest?.number ?? null,
        },
        actor: `${ctx.actor} via modelgate Action (${ctx.eventName} ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_1__/* .shortSha */ .Fu)(plan.commit)})`,
        toolVersion: _version_js__WEBPACK_IMPORTED_MODULE_7__/* .VERSION */ .x,
    };
    const results = await (0,_pipeline_run_all_js__WEBPACK_IMPORTED_MODULE_0__/* .runAll */ .$D)(specs, deps, { promote });
    const pr = plan.pullRequest;
    const actionResults = {
        ...results,
        github: {
            repository: (0,_session_js__WEBPACK_IMPORTED_MODULE_8__/* .repositoryOf */ ._)(ctx),
            event: ctx.eventName,
            workflow: ctx.workflow,
            runUrl: ctx.runUrl,
            commit: plan.commit,
            pullRequest: pr ? { number: pr.number, headSha: pr.headSha, headRepository: pr.headRepository } : null,
            readOnly: plan.readOnly,
        },
    };
    await (0,_publish_js__WEBPACK_IMPORTED_MODULE_5__/* .publish */ .mk)(session, actionResults, {
        pullRequest: pr?.number ?? null,
        readOnly: plan.readOnly,
        writeResults: true,
    });
}


/***/ })

};
