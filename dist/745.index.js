export const id = 745;
export const ids = [745];
export const modules = {

/***/ 18948:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ writeOutputs)
/* harmony export */ });
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(90915);

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

/***/ 19745:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  In: () => (/* binding */ GateFailure),
  mk: () => (/* binding */ publish)
});

// UNUSED EXPORTS: StoreFailure, failingModels

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/github/api.ts
var api = __webpack_require__(28943);
// EXTERNAL MODULE: ./src/github/checks.ts
var checks = __webpack_require__(36250);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
;// CONCATENATED MODULE: ./src/github/client-options.ts
/**
 * Request options for a write that must not be repeated blindly (creating the sticky comment): a retry after
 * a lost answer could post it twice, so the caller retries its whole find-or-create instead. Kept apart from
 * client.ts so that using it does not load Octokit.
 */
const NO_RETRY = { request: { retries: 0 } };

;// CONCATENATED MODULE: ./src/github/comment.ts







/**
 * The one PR comment per pull request and workflow. Its first line is a hidden marker holding the workflow
 * name, the model set and a hash of the results, so the next run finds it (over every page of comments),
 * updates it in place, and with `comment: on-change` leaves it alone when the results are the same.
 */
const MARKER_PREFIX = '<!-- modelgate:comment ';
const MARKER_SUFFIX = ' -->';
/** GitHub refuses comments over 65,536 characters; the report is cut well before, details first. */
const COMMENT_MAX_CHARS = 60_000;
/**
 * A hash of what the results say: verdicts, metrics, intervals, champions and notes. Run ids, timings and the
 * challenger's commit are left out, so retraining the same code on the same data gives the same hash.
 */
function resultsHash(models) {
    const canonical = models.map((m) => ({
        name: m.name,
        verdict: m.verdict,
        champion: m.champion?.runId ?? null,
        challengerMetrics: m.challenger.metrics,
        championMetrics: m.champion?.metrics ?? null,
        championNote: m.championNote,
        comparisons: m.gate?.comparisons.map((c) => [c.metric, c.scope, c.diff, c.lower, c.upper, c.verdict]) ?? null,
        gaps: m.gate?.gaps.map((g) => [g.metric, g.column, g.gap, g.verdict]) ?? null,
        warnings: m.warnings,
    }));
    // JSON.stringify writes NaN as null, the same as a results file read back, so both give one hash.
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}
function renderMarker(marker) {
    // `<` and `>` escaped so that no workflow name can end the HTML comment early.
    const json = JSON.stringify(marker).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
    return `${MARKER_PREFIX}${json}${MARKER_SUFFIX}`;
}
/** The marker at the very start of a comment body (a quote of it in a reply does not count), or null. */
function parseMarker(body) {
    if (!body?.startsWith(MARKER_PREFIX))
        return null;
    const end = body.indexOf(MARKER_SUFFIX, MARKER_PREFIX.length);
    if (end === -1)
        return null;
    try {
        const value = JSON.parse(body.slice(MARKER_PREFIX.length, end));
        if (value.v !== 1 ||
            typeof value.workflow !== 'string' ||
            !Array.isArray(value.models) ||
            typeof value.hash !== 'string')
            return null;
        return value;
    }
    catch {
        return null;
    }
}
function commentBody(models, ctx) {
    const marker = renderMarker({
        v: 1,
        workflow: ctx.workflow,
        models: models.map((m) => m.name).sort(),
        hash: resultsHash(models),
    });
    const run = ctx.runUrl ? ` · [workflow run](${ctx.runUrl})` : '';
    const footer = `<sub>modelgate ${(0,report_escape/* mdText */.bC)(ctx.toolVersion)} · workflow “${(0,report_escape/* mdText */.bC)(ctx.workflow)}” · results for ${(0,report_escape/* mdText */.bC)((0,format/* shortSha */.Fu)(ctx.commit))}${run}</sub>`;
    const budget = COMMENT_MAX_CHARS - marker.length - footer.length - 4;
    return `${marker}\n${(0,markdown/* renderReport */.B1)(models, { title: 'modelgate', maxChars: budget })}\n${footer}\n`;
}
/**
 * Create or update this workflow's comment on the pull request. `onlyIfChanged` leaves an existing comment
 * alone when its marker's hash equals the new results' hash.
 */
function upsertComment(octokit, where, body, options) {
    // Retried as a whole (list, then create or update): safe to repeat, never a second comment.
    return (0,api/* retryTransient */.jh)(() => findAndWriteComment(octokit, where, body, options), (error, attempt) => options.logger.warn(`${(0,errors/* describeError */.Uc)(error)}; trying again (attempt ${attempt + 1})`));
}
async function findAndWriteComment(octokit, where, body, options) {
    const wanted = parseMarker(body);
    const label = `${where.owner}/${where.repo}#${where.issueNumber}`;
    const comments = await (0,api/* githubCall */.Mc)(`listing the comments of ${label}`, () => octokit.paginate(octokit.rest.issues.listComments, {
        owner: where.owner,
        repo: where.repo,
        issue_number: where.issueNumber,
        per_page: 100,
    }));
    const sameSet = (m) => m !== null &&
        m.workflow === wanted.workflow &&
        m.models.length === wanted.models.length &&
        m.models.every((name, i) => name === wanted.models[i]);
    const existing = comments.find((c) => sameSet(parseMarker(c.body)));
    if (!existing) {
        const { data } = await (0,api/* githubCall */.Mc)(`creating the modelgate comment on ${label}`, () => octokit.rest.issues.createComment({
            owner: where.owner,
            repo: where.repo,
            issue_number: where.issueNumber,
            body,
            // Never repeated on its own: after a lost answer the whole find-or-create runs again and finds it.
            ...NO_RETRY,
        }));
        return { action: 'created', id: data.id, url: data.html_url };
    }
    if (options.onlyIfChanged && parseMarker(existing.body).hash === wanted.hash) {
        options.logger.info(`comment ${existing.html_url}: the results are unchanged (comment: on-change), so it stays as it is`);
        return { action: 'unchanged', id: existing.id, url: existing.html_url };
    }
    const { data } = await (0,api/* githubCall */.Mc)(`updating the modelgate comment ${existing.id} on ${label}`, () => octokit.rest.issues.updateComment({
        owner: where.owner,
        repo: where.repo,
        comment_id: existing.id,
        body,
    }));
    return { action: 'updated', id: data.id, url: data.html_url };
}

// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(92935);
// EXTERNAL MODULE: ./src/gate/outcome.ts
var outcome = __webpack_require__(55163);
// EXTERNAL MODULE: ./src/action/constants.ts
var constants = __webpack_require__(90915);
// EXTERNAL MODULE: ./src/action/outputs.ts
var outputs = __webpack_require__(18948);
// EXTERNAL MODULE: ./src/action/results-file.ts
var results_file = __webpack_require__(89599);
;// CONCATENATED MODULE: ./src/action/publish.ts












/** The step fails because of the gate (not an error): thrown after everything else is written. */
class GateFailure extends Error {
    name = 'GateFailure';
}
/** The run was reported but something asked of the store did not happen; fails the step after publishing. */
class StoreFailure extends Error {
    name = 'StoreFailure';
}
/** The models whose outcome fails the step under `fail-on` (and their spec's `on_inconclusive`). */
function failingModels(models, failOn) {
    return models.filter((m) => (0,outcome/* failsRun */.FR)(m, failOn)).map((m) => `${m.name} (${m.verdict})`);
}
/**
 * Everything a finished run leaves behind, in an order that keeps the most on failure: the results and report
 * files, the step outputs and the job summary first (no network), then the PR comment and check runs, then the
 * gate decision, which fails the step by throwing only after all of that is written.
 */
async function publish(session, results, target) {
    const { settings, ctx, services } = session;
    const { logger } = services;
    const models = results.models;
    const report = (0,markdown/* renderReport */.B1)(models, { title: 'modelgate' });
    if (target.writeResults)
        await (0,results_file/* writeResultsFiles */.Vy)(settings, results, report);
    else
        await external_node_fs_.promises.writeFile(settings.reportFile, report);
    (0,outputs/* writeOutputs */.K)(services.setOutput, {
        verdict: results.verdict,
        results: settings.resultsFile,
        report: settings.reportFile,
        championChanged: models.some((m) => m.promoted),
        runIds: (0,results_file/* storedRunIds */.LA)(models),
    });
    await services.appendSummary((0,summary/* jobSummary */.sp)(models));
    const notes = [];
    let degraded = target.readOnly;
    if (target.readOnly !== null) {
        const note = (0,summary/* markdownNote */.ug) `${target.readOnly}: the PR comment and check runs were not posted. The results are in this summary and in ${settings.resultsFile}; upload that file as an artifact and let a workflow_run workflow with \`mode: report\` post them (see the README).`;
        logger.warn(note.plain);
        notes.push(note.markdown);
    }
    else {
        const denied = (what, scope, error) => {
            const note = (0,summary/* markdownNote */.ug) `${(0,errors/* describeError */.Uc)(error)}: ${what} not posted. Grant \`${scope}\` in the workflow's \`permissions:\`, or for fork pull requests use the workflow_run report workflow.`;
            logger.warn(note.plain);
            notes.push(note.markdown);
            degraded = (0,errors/* describeError */.Uc)(error);
        };
        if (settings.comment === 'never')
            logger.info('comment: never, so no PR comment');
        else if (target.pullRequest === null)
            logger.info(`no pull request for this ${ctx.eventName} event, so no PR comment`);
        else {
            const octokit = await session.github();
            const body = commentBody(models, {
                workflow: results.github.workflow,
                commit: results.github.commit,
                runUrl: ctx.runUrl,
                toolVersion: results.tool.version,
            });
            try {
                const outcome = await upsertComment(octokit, { owner: ctx.owner, repo: ctx.repo, issueNumber: target.pullRequest }, body, {
                    onlyIfChanged: settings.comment === 'on-change',
                    logger,
                });
                logger.info(`PR comment ${outcome.action}: ${outcome.url}`);
                notes.push(`PR comment ${outcome.action}: ${outcome.url}`);
            }
            catch (error) {
                if (!(error instanceof api/* GitHubPermissionError */.x6))
                    throw error;
                denied('the PR comment was', 'pull-requests: write', error);
            }
        }
        if (!settings.checks)
            logger.info(`${constants/* Inputs */.G0.Checks}: false, so no check runs`);
        else {
            const octokit = await session.github();
            try {
                const runs = await (0,checks/* createCheckRuns */.d)(octokit, {
                    owner: ctx.owner,
                    repo: ctx.repo,
                    headSha: results.github.commit,
                    detailsUrl: ctx.runUrl,
                    failOn: settings.failOn,
                }, models);
                for (const run of runs)
                    logger.info(`check run "modelgate / ${run.model}": ${run.conclusion}`);
            }
            catch (error) {
                if (!(error instanceof api/* GitHubPermissionError */.x6))
                    throw error;
                denied('the check runs were', 'checks: write', error);
            }
        }
    }
    if (degraded !== target.readOnly && target.writeResults) {
        // Recorded so that a `mode: report` run knows this run could not post (a token without the permission).
        await (0,results_file/* writeResultsFiles */.Vy)(settings, { ...results, github: { ...results.github, readOnly: degraded } }, report);
    }
    if (notes.length > 0)
        await services.appendSummary((0,summary/* summaryNotes */.O8)(notes));
    const failing = failingModels(models, settings.failOn);
    // Each failing model is annotated on its spec file, so the pull request's Files tab shows where to look.
    for (const m of models) {
        if ((0,outcome/* failsRun */.FR)(m, settings.failOn) && m.specPath)
            logger.annotate?.(`${m.name}: ${(0,format/* verdictLabel */.Id)(m.verdict)} — ${(0,markdown/* keyLine */.YC)(m)}`, {
                file: m.specPath,
                title: `${(0,constants/* checkRunName */.$_)(m.name)}: ${m.verdict}`,
            });
    }
    if (failing.length > 0) {
        throw new GateFailure(`the gate failed for ${failing.join(', ')} (fail-on: ${settings.failOn}); see the report in the job summary`);
    }
    // A run that could not be stored, or a promotion that was due and did not happen, fails the step (after
    // everything above is written; champion-changed is already false for it).
    const storeFailures = models.filter((m) => m.storeFailure).map((m) => `${m.name}: ${m.storeFailure}`);
    if (storeFailures.length > 0)
        throw new StoreFailure(storeFailures.join('; '));
    logger.info(`verdict: ${results.verdict}${settings.failOn === 'never' ? ' (fail-on: never)' : ''}`);
}


/***/ }),

/***/ 89599:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B9: () => (/* binding */ readResultsFile),
/* harmony export */   LA: () => (/* binding */ storedRunIds),
/* harmony export */   Vy: () => (/* binding */ writeResultsFiles)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(38816);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _pipeline_run_all_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(66777);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(90915);






// JSON turns NaN into null, so every number read back may be null.
const num = zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().nullable();
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const VERDICTS = ['pass', 'fail', 'inconclusive'];
const sha = zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().regex(/^[0-9a-f]{40}$/, 'expected a 40-hex commit SHA');
const comparison = zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
    metric: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    label: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    higherIsBetter: zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY(),
    scope: zod__WEBPACK_IMPORTED_MODULE_5__/* .union */ .KCZ([
        zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ kind: zod__WEBPACK_IMPORTED_MODULE_5__/* .literal */ .euz('overall') }),
        zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ kind: zod__WEBPACK_IMPORTED_MODULE_5__/* .literal */ .euz('slice'), column: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), value: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() }),
    ]),
    n: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig(),
    champion: num,
    challenger: num,
    diff: num,
    lower: num,
    upper: num,
    method: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['delong', 'mcnemar', 'bootstrap', 'crossfit']),
    margin: num,
    floor: num,
    pFail: num,
    pFailAdjusted: num,
    verdict: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n([...VERDICTS, 'not-gated']),
    reason: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    halfWidth: num,
    detectableDrop: num,
    rowsNeeded: num,
    sentence: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
});
/** Per-column counts (imputed cells, unseen categories). */
const counts = zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig());
const side = zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
    runId: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable(),
    commit: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable(),
    metrics: zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), num),
});
const modelResult = zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
    name: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().regex(MODEL_NAME, 'not a model name'),
    task: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['binary', 'multiclass', 'regression']),
    runId: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    verdict: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n([...VERDICTS, 'no-champion']),
    stored: zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY(),
    storeNote: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable(),
    promoted: zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY(),
    promoteNote: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable(),
    challenger: side,
    champion: side.nullable(),
    championNote: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable(),
    gate: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
        verdict: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(VERDICTS),
        confidence: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig(),
        adjustment: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['holm', 'none']),
        family: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig(),
        comparisons: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(comparison),
        gaps: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ verdict: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(VERDICTS), sentence: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() })),
        notes: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()),
    })
        .nullable(),
    data: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
        sha256: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
        trainRows: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig(),
        evalRows: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig(),
        evalSource: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    }),
    backend: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ name: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), tfjs: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() }),
    timings: zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig()),
    warnings: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()),
    metricNames: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()),
    keyMetric: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    onInconclusive: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['pass', 'fail', 'neutral']).default('neutral'),
    calibration: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ sd: zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), num), seeds: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig() }).nullable(),
    // Optional: results files written before these fields existed still post.
    specPath: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional(),
    dataNotes: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
        imputed: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ training: counts, eval: counts }),
        unseen: counts,
        positiveClass: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ label: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), inferred: zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY() }).nullable(),
    })
        .optional(),
    challengerSlices: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
        column: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
        value: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
        n: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig(),
        metrics: zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), num),
    }))
        .nullable()
        .optional(),
    changes: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
        spec: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()).nullable(),
        specNote: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable(),
        dirty: zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY(),
    })
        .nullable()
        .optional(),
    dirty: zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY().optional(),
});
const actionResults = zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
    schema: zod__WEBPACK_IMPORTED_MODULE_5__/* .literal */ .euz(1),
    tool: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ name: zod__WEBPACK_IMPORTED_MODULE_5__/* .literal */ .euz('modelgate'), version: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() }),
    verdict: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n([...VERDICTS, 'no-champion']),
    models: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(modelResult).min(1),
    github: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
        repository: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
        event: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
        workflow: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
        runUrl: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable(),
        commit: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
        pullRequest: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
            number: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int().positive(),
            headSha: sha,
            headRepository: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable(),
        })
            .nullable(),
        readOnly: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable(),
    }),
});
/** Results files come from other workflow runs (a fork's); a sane bound keeps a hostile one from exhausting memory. */
const MAX_RESULTS_BYTES = 20 * 1024 * 1024;
async function writeResultsFiles(files, results, report) {
    await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.mkdir(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(files.resultsFile), { recursive: true });
    await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.writeFile(files.resultsFile, (0,_pipeline_run_all_js__WEBPACK_IMPORTED_MODULE_3__/* .resultsJson */ .ji)(results));
    await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.writeFile(files.reportFile, report);
}
/**
 * Read a results file written by another run (for `mode: report`) and check its shape, so a damaged or
 * forged file fails with one line naming the file and the field instead of deep inside the report.
 */
async function readResultsFile(file) {
    let stat;
    try {
        stat = await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.stat(file);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`input "${_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .Inputs */ .G0.ResultsFile}": ${file} does not exist; download the training run's results artifact there first (see the README's fork workflow)`);
    }
    if (stat.size > MAX_RESULTS_BYTES)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`input "${_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .Inputs */ .G0.ResultsFile}": ${file} is ${stat.size} bytes, more than a results file can be`);
    let raw;
    try {
        raw = JSON.parse(await node_fs__WEBPACK_IMPORTED_MODULE_0__.promises.readFile(file, 'utf8'));
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`input "${_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .Inputs */ .G0.ResultsFile}": ${file} is not valid JSON`);
    }
    const parsed = actionResults.safeParse(raw);
    if (!parsed.success) {
        // zod reports at least one issue for a failed parse; the fallback only keeps the message well-formed.
        const [issue] = parsed.error.issues;
        const where = issue?.path.length ? issue.path.join('.') : '(top level)';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`input "${_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .Inputs */ .G0.ResultsFile}": ${file} is not a modelgate Action results file: ${where}: ${issue?.message ?? parsed.error.message}`);
    }
    return raw;
}
/** Stored run ids by model (only runs that were written to the store). */
function storedRunIds(models) {
    return Object.fromEntries(models.filter((m) => m.challenger.runId !== null).map((m) => [m.name, m.challenger.runId]));
}


/***/ }),

/***/ 92935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O8: () => (/* binding */ summaryNotes),
/* harmony export */   sp: () => (/* binding */ jobSummary),
/* harmony export */   ug: () => (/* binding */ markdownNote)
/* harmony export */ });
/* unused harmony export JOB_SUMMARY_MAX_CHARS */
/* harmony import */ var _report_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14031);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54285);


/** GitHub keeps at most 1 MiB of job summary per step; stay under it with room for the notes. */
const JOB_SUMMARY_MAX_CHARS = 900_000;
/** The job summary's report: the full report, cut only if it nears GitHub's limit. */
function jobSummary(models) {
    return (0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .renderReport */ .B1)(models, { title: 'modelgate', maxChars: JOB_SUMMARY_MAX_CHARS });
}
/**
 * Notes on what was (not) posted and why, as quoted paragraphs after the report. Each note is Markdown: the
 * caller escapes what it embeds (markdownNote), so that our own code spans and links stay formatted.
 */
function summaryNotes(notes) {
    return `${notes.map((n) => `> ${n}`).join('\n>\n')}\n`;
}
/**
 * One note twice: plain for the log, Markdown for the summary. A tagged template: its literal text is our
 * own Markdown, every interpolated value is untrusted text and escaped (mdText).
 */
function markdownNote(strings, ...values) {
    const plain = strings.reduce((out, s, i) => out + s + (values[i] ?? ''), '');
    const markdown = strings.reduce((out, s, i) => out + s + (i < values.length ? (0,_report_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .mdText */ .bC)(values[i]) : ''), '');
    return { plain, markdown };
}


/***/ })

};
