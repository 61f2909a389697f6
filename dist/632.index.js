export const id = 632;
export const ids = [632];
export const modules = {

/***/ 28632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reportMode: () => (/* binding */ reportMode)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _github_api_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(28943);
/* harmony import */ var _github_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92935);
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(12011);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(90915);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(18948);
/* harmony import */ var _publish_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(19745);
/* harmony import */ var _results_file_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(89599);
/* harmony import */ var _session_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(59462);









/**
 * `mode: report`, the second half of the fork-safe pair: a `workflow_run` workflow in the base repository
 * (write token, trusted code) reads the results file the pull request's read-only run uploaded, checks that it
 * belongs to this repository and to the pull request's current head commit, and posts the comment and checks.
 * The file's content comes from the pull request's own code, so it is as trustworthy as that code: its shape is
 * checked, and it is only ever posted for the commit it names.
 */
async function reportMode(session) {
    const { settings, ctx, services } = session;
    const { logger } = services;
    const file = settings.resultsFile;
    const results = await (0,_results_file_js__WEBPACK_IMPORTED_MODULE_6__/* .readResultsFile */ .B9)(file);
    const where = `input "${_constants_js__WEBPACK_IMPORTED_MODULE_3__/* .Inputs */ .G0.ResultsFile}": ${file}`;
    if (results.github.repository.toLowerCase() !== (0,_session_js__WEBPACK_IMPORTED_MODULE_7__/* .repositoryOf */ ._)(ctx).toLowerCase()) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where} holds results for ${results.github.repository}, not ${(0,_session_js__WEBPACK_IMPORTED_MODULE_7__/* .repositoryOf */ ._)(ctx)}; refusing to post them`);
    }
    const pr = results.github.pullRequest;
    if (!pr)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where} holds results of a ${results.github.event} event, not of a pull request; mode: report posts pull request results`);
    const outputs = {
        verdict: results.verdict,
        results: file,
        report: settings.reportFile,
        championChanged: false,
        runIds: (0,_results_file_js__WEBPACK_IMPORTED_MODULE_6__/* .storedRunIds */ .LA)(results.models),
    };
    if (results.github.readOnly === null) {
        (0,_outputs_js__WEBPACK_IMPORTED_MODULE_4__/* .writeOutputs */ .K)(services.setOutput, outputs);
        logger.info(`the run that made these results (pull request #${pr.number}) posted its comment and check runs itself; nothing to post`);
        return;
    }
    const run = ctx.payload.workflow_run;
    if (ctx.eventName === 'workflow_run') {
        if (!run)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('the workflow_run event payload has no workflow_run');
        if (run.head_sha !== pr.headSha) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where} is for commit ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(pr.headSha)}, but the workflow run that triggered this one built ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(run.head_sha)}; refusing to post results that do not belong to it`);
        }
    }
    const octokit = await session.github();
    const { data: live } = await (0,_github_api_js__WEBPACK_IMPORTED_MODULE_8__/* .githubCall */ .Mc)(`reading pull request #${pr.number}`, () => octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pr.number }));
    if (pr.headRepository !== null && live.head.repo?.full_name !== pr.headRepository) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where} says pull request #${pr.number} comes from ${pr.headRepository}, but it comes from ${live.head.repo?.full_name ?? 'a deleted repository'}; refusing to post`);
    }
    if (live.head.sha !== pr.headSha) {
        // Not an error: the pull request moved on, and the run for its new head will report.
        (0,_outputs_js__WEBPACK_IMPORTED_MODULE_4__/* .writeOutputs */ .K)(services.setOutput, outputs);
        const note = (0,_github_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .markdownNote */ .ug) `pull request #${String(pr.number)} is now at ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(live.head.sha)}; these results are for ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(pr.headSha)}, so they are not posted (the run for the new head will be)`;
        logger.warn(note.plain);
        await services.appendSummary((0,_github_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .summaryNotes */ .O8)([note.markdown]));
        return;
    }
    logger.info(`posting the results of ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_2__/* .shortSha */ .Fu)(pr.headSha)} for pull request #${pr.number} (verified against the pull request's head)`);
    await (0,_publish_js__WEBPACK_IMPORTED_MODULE_5__/* .publish */ .mk)(session, results, { pullRequest: pr.number, readOnly: null, writeResults: false });
}


/***/ })

};
