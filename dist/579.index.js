export const id = 579;
export const ids = [579];
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

/***/ 37092:
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
// EXTERNAL MODULE: ./src/report/markdown.ts + 1 modules
var markdown = __webpack_require__(69028);
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
            typeof value.hash !== 'string' ||
            (value.linksExpire !== undefined && typeof value.linksExpire !== 'string'))
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
        ...(ctx.linksExpireAt ? { linksExpire: ctx.linksExpireAt.toISOString() } : {}),
    });
    const run = ctx.runUrl ? ` · [workflow run](${ctx.runUrl})` : '';
    const footer = `<sub>modelgate ${(0,report_escape/* mdText */.bC)(ctx.toolVersion)} · workflow “${(0,report_escape/* mdText */.bC)(ctx.workflow)}” · results for ${(0,report_escape/* mdText */.bC)((0,format/* shortSha */.Fu)(ctx.commit))}${run}</sub>`;
    const budget = COMMENT_MAX_CHARS - marker.length - footer.length - 4;
    return `${marker}\n${(0,markdown/* renderReport */.B1)(models, { title: 'modelgate', maxChars: budget, links: ctx.links, notTrained: ctx.notTrained })}\n${footer}\n`;
}
/**
 * Why an unchanged comment (same results hash) must be rewritten anyway: its presigned report links have
 * less than half of the new links' lifetime left (or are gone), so a reviewer would soon meet a dead link.
 * Null when it may stay as it is.
 */
function staleLinks(existing, wanted, now) {
    if (existing.linksExpire === undefined)
        return null;
    const left = Date.parse(existing.linksExpire) - now.getTime();
    const fresh = wanted.linksExpire === undefined ? 0 : Date.parse(wanted.linksExpire) - now.getTime();
    if (!Number.isFinite(left))
        return 'its report links have an unreadable expiry';
    return left < fresh / 2 ? `its report links expire at ${existing.linksExpire}` : null;
}
/**
 * Create or update this workflow's comment on the pull request. `onlyIfChanged` leaves an existing comment
 * alone when its marker's hash equals the new results' hash and its report links are not about to expire.
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
    const marker = parseMarker(existing.body);
    if (options.onlyIfChanged && marker.hash === wanted.hash) {
        const stale = staleLinks(marker, wanted, options.now);
        if (stale === null) {
            options.logger.info(`comment ${existing.html_url}: the results are unchanged (comment: on-change), so it stays as it is`);
            return { action: 'unchanged', id: existing.id, url: existing.html_url };
        }
        options.logger.info(`comment ${existing.html_url}: the results are unchanged, but ${stale}, so it is rewritten with fresh links`);
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
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/report/html/report.ts + 4 modules
var report = __webpack_require__(65837);
// EXTERNAL MODULE: ./src/types/run-layout.ts
var run_layout = __webpack_require__(54451);
;// CONCATENATED MODULE: ./src/action/report-documents.ts
/**
 * The Action's reports for people beyond the comment: the HTML report of all models written beside the
 * results file and uploaded (with the Markdown) as a workflow artifact, and the links the comment shows to
 * each run's stored HTML report and model card — under `report-base-url`, else presigned by an S3 store,
 * else the artifact. Nothing here fails the step: a report that cannot be linked is said in the log.
 */





const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/**
 * The store key of one of a run's documents. Only the two fixed file names, whatever the results say: in
 * `mode: report` the results file comes from another workflow (a fork's), and a name it chose must never get
 * another object of the store presigned and posted in a public comment.
 */
const runKey = (m, file) => `models/${m.name}/runs/${m.runId}/${file}`;
/** A run whose documents can be linked: stored with them, under a valid run id. */
const linkable = (m) => m.stored && m.documents != null && RUN_ID.test(m.runId);
/** Writes the HTML report and uploads the reports as the artifact; returns the artifact's URL, or null. */
async function writeAndUploadReports(session, models) {
    const { settings, services, ctx } = session;
    const html = (0,report/* renderHtmlReport */.w)(models, { generatedAt: services.clock.now().toISOString() });
    await external_node_fs_.promises.writeFile(settings.htmlFile, html);
    const name = settings.reportArtifact;
    if (name === null || !services.uploadArtifact)
        return null;
    const missing = services.artifactServiceMissing?.() ?? null;
    if (missing) {
        services.logger.info(`no report artifact: ${missing}`);
        return null;
    }
    try {
        const files = [settings.htmlFile, settings.reportFile];
        const { id } = await services.uploadArtifact(name, files, external_node_path_default().dirname(settings.htmlFile));
        services.logger.info(`report artifact "${name}" uploaded${id !== null ? ` (id ${id})` : ''}`);
        return id !== null && ctx.runUrl ? `${ctx.runUrl}/artifacts/${id}` : ctx.runUrl;
    }
    catch (error) {
        services.logger.warn(`the report artifact "${name}" was not uploaded: ${(0,errors/* describeError */.Uc)(error)}`);
        return null;
    }
}
/** Per model: links to its stored report and card (base URL or presigned), else to the artifact. */
async function documentLinks(session, models, artifactUrl) {
    const { settings, services } = session;
    const links = {};
    let signed = false;
    // Taken before signing, so the links live at least until this time.
    const expiresAt = new Date(services.clock.now().getTime() + settings.reportUrlExpirySeconds * 1000);
    let signer = null;
    if (settings.reportBaseUrl === null && models.some(linkable)) {
        const store = await services.openStore(settings.store);
        if (store.signedUrl)
            signer = (key) => store.signedUrl(key, settings.reportUrlExpirySeconds);
    }
    for (const m of models) {
        const docs = linkable(m);
        if (docs && settings.reportBaseUrl !== null) {
            links[m.name] = {
                report: `${settings.reportBaseUrl}/${runKey(m, run_layout/* RUN_REPORT_FILE */.SC)}`,
                card: `${settings.reportBaseUrl}/${runKey(m, run_layout/* RUN_CARD_FILE */.Gk)}`,
            };
        }
        else if (docs && signer) {
            try {
                links[m.name] = {
                    report: await signer(runKey(m, run_layout/* RUN_REPORT_FILE */.SC)),
                    card: await signer(runKey(m, run_layout/* RUN_CARD_FILE */.Gk)),
                };
                signed = true;
            }
            catch (error) {
                services.logger.warn(`${m.name}: no link to the stored report: ${(0,errors/* describeError */.Uc)(error)}`);
            }
        }
        if (!links[m.name] && artifactUrl)
            links[m.name] = { report: artifactUrl };
    }
    return { links, expiresAt: signed ? expiresAt : null };
}

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
    const report = (0,markdown/* renderReport */.B1)(models, { title: 'modelgate', notTrained: results.notTrained });
    if (target.writeResults)
        await (0,results_file/* writeResultsFiles */.Vy)(settings, results, report);
    else
        await external_node_fs_.promises.writeFile(settings.reportFile, report);
    const artifactUrl = await writeAndUploadReports(session, models);
    const { links, expiresAt: linksExpireAt } = await documentLinks(session, models, artifactUrl);
    (0,outputs/* writeOutputs */.K)(services.setOutput, {
        verdict: results.verdict,
        results: settings.resultsFile,
        report: settings.reportFile,
        championChanged: models.some((m) => m.promoted),
        runIds: (0,results_file/* storedRunIds */.LA)(models),
    });
    await services.appendSummary((0,summary/* jobSummary */.sp)(models, links, results.notTrained));
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
                links,
                linksExpireAt,
                notTrained: results.notTrained,
            });
            try {
                const outcome = await upsertComment(octokit, { owner: ctx.owner, repo: ctx.repo, issueNumber: target.pullRequest }, body, {
                    onlyIfChanged: settings.comment === 'on-change',
                    now: services.clock.now(),
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
/* harmony import */ var _pipeline_run_all_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(40274);
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
/** The report's curves (binary tasks): numbers only, so a results file cannot put text into a chart. */
const gridCurves = zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
    roc: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(num),
    pr: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(num),
    reliability: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
        bin: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int().min(0).max(100),
        predicted: num,
        observed: num,
        count: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig(),
    })),
});
const curves = zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
    steps: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int().positive().max(1000),
    challenger: gridCurves,
    champion: gridCurves.nullable(),
});
const history = zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
    metric: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(),
    points: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ runId: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), at: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), value: num })).max(100),
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
    // name/tfjs are null when no stage started tfjs (dense and ONNX runs score without it).
    backend: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ name: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable(), tfjs: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().nullable() }),
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
    curves: curves.nullable().optional(),
    history: history.nullable().optional(),
    card: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
        intended_use: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().optional(),
        owners: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()).optional(),
        limitations: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()).optional(),
    })
        .nullable()
        .optional(),
    sources: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ role: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['training', 'eval']), files: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()), sha256: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() }))
        .optional(),
    documents: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ report: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), card: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() }).nullable().optional(),
});
const actionResults = zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({
    schema: zod__WEBPACK_IMPORTED_MODULE_5__/* .literal */ .euz(1),
    tool: zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ name: zod__WEBPACK_IMPORTED_MODULE_5__/* .literal */ .euz('modelgate'), version: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() }),
    verdict: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n([...VERDICTS, 'no-champion']),
    models: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(modelResult).min(1),
    notTrained: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .looseObject */ ._H3({ model: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), reason: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP() })).optional(),
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

/***/ 42579:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Z: () => (/* binding */ actionPipeline),
  trainMode: () => (/* binding */ trainMode),
  I: () => (/* binding */ workflowRunId)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/config/sweep.ts
var sweep = __webpack_require__(5518);
// EXTERNAL MODULE: ./src/data/dataset.ts
var data_dataset = __webpack_require__(99724);
// EXTERNAL MODULE: ./src/data/validation-split.ts
var validation_split = __webpack_require__(56340);
// EXTERNAL MODULE: ./src/evaluate/metrics.ts + 2 modules
var metrics = __webpack_require__(54323);
// EXTERNAL MODULE: ./src/pipeline/champion.ts
var champion = __webpack_require__(78539);
// EXTERNAL MODULE: ./src/pipeline/fanout-plan.ts
var fanout_plan = __webpack_require__(21187);
// EXTERNAL MODULE: ./src/pipeline/fanout-records.ts
var fanout_records = __webpack_require__(17180);
// EXTERNAL MODULE: ./src/pipeline/remote-data.ts
var remote_data = __webpack_require__(97919);
// EXTERNAL MODULE: ./src/pipeline/run-all.ts + 20 modules
var run_all = __webpack_require__(40274);
;// CONCATENATED MODULE: ./src/pipeline/fanout-train.ts










/** The entry with this id among the specs' plan (the whole plan: a skipped model's entries are still valid). */
function findEntry(specs, id) {
    for (const spec of specs) {
        const entry = (0,fanout_plan/* modelEntries */.KR)(spec).find((e) => e.entry === id);
        if (entry)
            return { spec, entry };
    }
    const known = specs.flatMap((s) => (0,fanout_plan/* modelEntries */.KR)(s).map((e) => e.entry));
    throw new errors/* UserError */.yo(`entry "${id}" is not in the plan of these models (entries: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}); pass \${{ matrix.entry }} from the plan job's matrix`);
}
/** The stored trial's score on its validation rows, by the sweep's selection metric. */
async function validationScore(spec, deps, runId) {
    const metric = (0,sweep/* selectionMetric */.vn)(spec);
    return (0,remote_data/* withLocalData */.u)(spec, deps.registry.store, async (local) => {
        const dataset = (0,validation_split/* holdOutValidation */.d)(local, await (0,data_dataset/* loadDataset */.Zh)(local));
        const validation = dataset.validation;
        const onValidation = { ...dataset, eval: validation };
        const scored = await (0,champion/* scoreChampion */.QS)(local, deps, onValidation, runId);
        const value = (0,metrics/* computeMetrics */.pH)(spec.task, validation.y, scored.predictions, {
            classes: dataset.target.classes.length,
            threshold: spec.threshold,
            names: [metric],
        })[metric];
        return { metric, value, rows: validation.rows.length, source: validation.source };
    }, deps.commandEnv);
}
/**
 * `mode: train` for one matrix entry: train the entry's trial spec (without its validation rows when the
 * model has a sweep), compare it with the champion on the eval rows, store the run, score it on the
 * validation rows, and leave an entry record for the report job. Never promotes. A failure is recorded too
 * (so the report names it) and then rethrown.
 */
async function trainEntry(specs, id, deps, workflowRun) {
    const { spec, entry } = findEntry(specs, id);
    const base = {
        schema: 1,
        workflowRun,
        entry: entry.entry,
        model: entry.model,
        trial: entry.trial,
        seed: entry.seed,
        params: entry.params,
        commit: deps.git.commit,
    };
    const store = deps.registry.store;
    try {
        const trial = (0,sweep/* trialSpec */.eu)(spec, { trial: entry.trial, params: entry.params, seedIndex: entry.seed });
        const results = await (0,run_all/* runAll */.$D)([trial], deps, { promote: false });
        const result = results.models[0];
        if (!result.stored)
            throw new errors/* UserError */.yo(`${entry.entry}: ${result.storeNote ?? 'the run was not stored'}`);
        const selection = trial.holdout ? await validationScore(trial, deps, result.runId) : null;
        const record = { ...base, status: 'ok', error: null, runId: result.runId, selection, result };
        await (0,fanout_records/* writeEntryRecord */.bD)(store, record);
        return record;
    }
    catch (error) {
        const failed = {
            ...base,
            status: 'failed',
            error: (0,errors/* describeError */.Uc)(error),
            runId: null,
            selection: null,
            result: null,
        };
        await (0,fanout_records/* writeEntryRecord */.bD)(store, failed).catch((e) => deps.logger.warn(`${entry.entry}: the failure could not be recorded in the store: ${(0,errors/* describeError */.Uc)(e)}`));
        throw error;
    }
}

// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/report/run-documents.ts + 1 modules
var run_documents = __webpack_require__(92168);
// EXTERNAL MODULE: ./src/store/open-registry.ts
var open_registry = __webpack_require__(54077);
// EXTERNAL MODULE: ./src/train/external/command-env.ts
var command_env = __webpack_require__(2007);
// EXTERNAL MODULE: ./src/train/tf-runtime.ts
var tf_runtime = __webpack_require__(40415);
// EXTERNAL MODULE: ./src/util/git.ts
var git = __webpack_require__(13968);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/action/constants.ts
var constants = __webpack_require__(90915);
// EXTERNAL MODULE: ./src/action/outputs.ts
var outputs = __webpack_require__(18948);
// EXTERNAL MODULE: ./src/action/publish.ts + 3 modules
var publish = __webpack_require__(37092);
// EXTERNAL MODULE: ./src/action/session.ts
var action_session = __webpack_require__(59462);
;// CONCATENATED MODULE: ./src/action/train-mode.ts















/** The pipeline's side effects for a run of the Action, and whether it may promote. */
async function actionPipeline(session, plan) {
    const { settings, ctx, services } = session;
    const { logger } = services;
    const store = await services.openStore(settings.store);
    const { registry, writable } = await (0,open_registry/* openRegistry */.M)(store, services.clock, logger, {
        random: services.random,
        readOnly: plan.readOnly,
    });
    const promote = plan.promote && writable;
    logger.info(`promotion: ${promote ? 'on' : 'off'} (${plan.promoteNote}${plan.promote && !writable ? ', but the store is read only here' : ''})`);
    const deps = {
        registry,
        storeWritable: writable,
        logger,
        clock: services.clock,
        runtime: () => (0,tf_runtime/* loadTf */.V)({ cwd: ctx.workspace, logger }),
        commandEnv: (0,command_env/* commandEnvironment */.J)(services.env, [settings.githubToken]),
        // The commit is the event's; whether the checkout has uncommitted changes (a build step) is git's.
        git: {
            commit: plan.commit,
            ref: plan.ref,
            dirty: (await (0,git/* readGitInfo */.$e)(ctx.workspace)).dirty,
            pullRequest: plan.pullRequest?.number ?? null,
        },
        actor: `${ctx.actor} via modelgate Action (${ctx.eventName} ${(0,format/* shortSha */.Fu)(plan.commit)})`,
        toolVersion: version/* VERSION */.x,
        runDocuments: (0,run_documents/* runDocuments */.W)(services.clock),
    };
    return { deps, promote };
}
/** The workflow run a fan-out's entries are tagged with (the plan, matrix and report jobs share it). */
function workflowRunId(session) {
    const id = session.services.env.GITHUB_RUN_ID ?? '';
    if (!/^\d+$/.test(id))
        throw new errors/* UserError */.yo(`GITHUB_RUN_ID is ${id ? `"${id}", not a run id` : 'not set'}; a fan-out's jobs meet in the store under their workflow run's id`);
    return id;
}
/** `mode: train` with `entry`: one matrix job. Stores its run and its entry record; no comment, no checks. */
async function trainOneEntry(session, plan, entry) {
    const { settings, ctx, services } = session;
    const specs = await (0,run_all/* loadSpecs */.BH)(settings.models, ctx.workspace, {
        allowOutsideWorkspace: settings.allowOutsideWorkspace,
    });
    const workflowRun = workflowRunId(session);
    const { deps } = await actionPipeline(session, {
        ...plan,
        promote: false,
        promoteNote: 'a matrix entry never promotes',
    });
    if (!deps.storeWritable)
        throw new errors/* UserError */.yo(`input "${constants/* Inputs */.G0.Entry}": a matrix entry must store its run for the report job, but ${deps.registry.store.location} is read-only here`);
    const record = await trainEntry(specs, entry, deps, workflowRun);
    // The results file is the artifact the job uploads: its record (and result) as JSON.
    await external_node_fs_.promises.writeFile(settings.resultsFile, (0,run_all/* resultsJson */.ji)({
        schema: 1,
        tool: { name: 'modelgate', version: version/* VERSION */.x },
        commit: plan.commit,
        ref: plan.ref,
        store: deps.registry.store.location,
        createdAt: services.clock.now().toISOString(),
        verdict: record.result.verdict,
        models: [record.result],
    }));
    (0,outputs/* writeOutputs */.K)(services.setOutput, {
        verdict: record.result.verdict,
        results: settings.resultsFile,
        runIds: { [record.model]: record.runId },
    });
    const selection = record.selection
        ? `; validation ${record.selection.metric} ${record.selection.value.toFixed(4)} on ${record.selection.rows} rows`
        : '';
    services.logger.info(`entry ${entry}: run ${record.runId} stored for workflow run ${workflowRun}${selection}`);
}
async function trainMode(session, plan) {
    const { settings, ctx, services } = session;
    if (settings.entry !== null)
        return trainOneEntry(session, plan, settings.entry);
    const { logger } = services;
    const specs = await (0,run_all/* loadSpecs */.BH)(settings.models, ctx.workspace, {
        allowOutsideWorkspace: settings.allowOutsideWorkspace,
    });
    logger.info(`models: ${specs.map((s) => s.name).join(', ')} (from ${settings.models.join(', ')})`);
    const { deps, promote } = await actionPipeline(session, plan);
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

/***/ 92935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O8: () => (/* binding */ summaryNotes),
/* harmony export */   sp: () => (/* binding */ jobSummary),
/* harmony export */   ug: () => (/* binding */ markdownNote)
/* harmony export */ });
/* unused harmony export JOB_SUMMARY_MAX_CHARS */
/* harmony import */ var _report_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14031);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(69028);


/** GitHub keeps at most 1 MiB of job summary per step; stay under it with room for the notes. */
const JOB_SUMMARY_MAX_CHARS = 900_000;
/** The job summary's report: the full report, cut only if it nears GitHub's limit. */
function jobSummary(models, links = {}, notTrained = []) {
    return (0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .renderReport */ .B1)(models, { title: 'modelgate', maxChars: JOB_SUMMARY_MAX_CHARS, links, notTrained });
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


/***/ }),

/***/ 17180:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bD: () => (/* binding */ writeEntryRecord),
/* harmony export */   ut: () => (/* binding */ readEntryRecord)
/* harmony export */ });
/* unused harmony export entryKey */
const PREFIX = 'fanout';
function entryKey(workflowRun, entry) {
    return `${PREFIX}/${workflowRun}/${entry}.json`;
}
const encoder = new TextEncoder();
async function writeEntryRecord(store, record) {
    // NaN and ±Infinity become null, as in the results file.
    const json = JSON.stringify(record, (_k, v) => typeof v === 'number' && !Number.isFinite(v) ? null : v);
    await store.put(entryKey(record.workflowRun, record.entry), encoder.encode(`${json}\n`));
}
/** An entry's record, null when there is none; a record that is not one is reported as unreadable. */
async function readEntryRecord(store, workflowRun, entry) {
    const object = await store.get(entryKey(workflowRun, entry));
    if (!object)
        return null;
    try {
        const record = JSON.parse(new TextDecoder().decode(object.body));
        const ok = record.schema === 1 &&
            record.entry === entry &&
            record.workflowRun === workflowRun &&
            (record.status === 'failed' ||
                (record.status === 'ok' && record.result !== null && record.runId !== null));
        return ok ? record : { unreadable: `${entryKey(workflowRun, entry)} is not an entry record of this run` };
    }
    catch {
        return { unreadable: `${entryKey(workflowRun, entry)} is not valid JSON` };
    }
}


/***/ })

};
