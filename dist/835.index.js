export const id = 835;
export const ids = [835];
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

/***/ 89935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Yy: () => (/* binding */ createDeployment),
/* harmony export */   e9: () => (/* binding */ setDeploymentStatus),
/* harmony export */   lf: () => (/* binding */ listModelgateDeployments)
/* harmony export */ });
/* unused harmony export STATUS_DESCRIPTION_MAX */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _github_api_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28943);


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
    const { data } = await (0,_github_api_js__WEBPACK_IMPORTED_MODULE_1__/* .githubCall */ .Mc)(`creating a ${request.environment} deployment of ${request.ref}`, () => octokit.rest.repos.createDeployment({
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`GitHub did not create the deployment of ${request.ref}: ${data.message ?? 'no reason given'}`);
    return data.id;
}
async function setDeploymentStatus(octokit, where, status) {
    await (0,_github_api_js__WEBPACK_IMPORTED_MODULE_1__/* .githubCall */ .Mc)(`setting deployment ${where.deploymentId} to ${status.state}`, () => octokit.rest.repos.createDeploymentStatus({
        owner: where.owner,
        repo: where.repo,
        deployment_id: where.deploymentId,
        state: status.state,
        description: clip(status.description),
        environment: status.environment,
        ...(status.logUrl ? { log_url: status.logUrl } : {}),
        ...(status.autoInactive === undefined ? {} : { auto_inactive: status.autoInactive }),
    }));
}
/** modelgate's deployments in an environment, newest first. */
async function listModelgateDeployments(octokit, where, environment, limit = 30) {
    const { data } = await (0,_github_api_js__WEBPACK_IMPORTED_MODULE_1__/* .githubCall */ .Mc)(`listing the ${environment} deployments`, () => octokit.rest.repos.listDeployments({
        owner: where.owner,
        repo: where.repo,
        environment,
        per_page: limit,
    }));
    const found = [];
    for (const d of data) {
        const payload = (typeof d.payload === 'string' ? safeJson(d.payload) : d.payload);
        if (payload?.tool !== 'modelgate' || typeof payload.models !== 'object')
            continue;
        const statuses = await (0,_github_api_js__WEBPACK_IMPORTED_MODULE_1__/* .githubCall */ .Mc)(`reading the statuses of deployment ${d.id}`, () => octokit.rest.repos.listDeploymentStatuses({
            owner: where.owner,
            repo: where.repo,
            deployment_id: d.id,
            per_page: 100,
        }));
        const states = statuses.data.map((s) => s.state);
        found.push({
            id: d.id,
            ref: d.ref,
            kind: payload.kind === 'rollback' ? 'rollback' : 'deploy',
            models: payload.models,
            release: payload.release ?? null,
            state: states[0] ?? null,
            states,
        });
    }
    return found.sort((a, b) => b.id - a.id);
}
function safeJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return null;
    }
}


/***/ }),

/***/ 57239:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H1: () => (/* binding */ byOf),
/* harmony export */   ab: () => (/* binding */ writableRegistry),
/* harmony export */   cK: () => (/* binding */ deliver),
/* harmony export */   ci: () => (/* binding */ modelNames),
/* harmony export */   dq: () => (/* binding */ markInactive),
/* harmony export */   dy: () => (/* binding */ deliveryTargets),
/* harmony export */   t2: () => (/* binding */ recorded),
/* harmony export */   z8: () => (/* binding */ report)
/* harmony export */ });
/* harmony import */ var _action_outputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(18948);
/* harmony import */ var _action_session_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(59462);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _pipeline_run_all_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(40274);
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12011);
/* harmony import */ var _store_open_registry_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(54077);
/* harmony import */ var _store_registry_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(40506);
/* harmony import */ var _deployments_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(89935);
/* harmony import */ var _production_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(60053);
/* harmony import */ var _webhook_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(57074);










async function writableRegistry(session, what) {
    const store = await session.services.openStore(session.settings.store);
    if (await (0,_store_open_registry_js__WEBPACK_IMPORTED_MODULE_4__/* .credentialsAbsent */ .C)(store)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`mode: ${what} changes the ${_production_js__WEBPACK_IMPORTED_MODULE_7__/* .PRODUCTION */ .e3} alias in ${store.location}, but this job has no AWS credentials`);
    }
    return new _store_registry_js__WEBPACK_IMPORTED_MODULE_5__/* .Registry */ .OR(store, session.services.clock, { random: session.services.random });
}
async function modelNames(session) {
    if (session.settings.model)
        return [session.settings.model];
    const specs = await (0,_pipeline_run_all_js__WEBPACK_IMPORTED_MODULE_2__/* .loadSpecs */ .BH)(session.settings.models, session.ctx.workspace);
    return specs.map((s) => s.name);
}
/** The delivery targets, opened (and the webhook secret read) before anything changes. */
async function deliveryTargets(session) {
    const { settings, services } = session;
    let secret = null;
    if (settings.deployWebhook) {
        secret = services.env[_webhook_js__WEBPACK_IMPORTED_MODULE_8__/* .SECRET_VARIABLE */ .UY] ?? '';
        if (secret === '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`input "deploy-webhook" is set but ${_webhook_js__WEBPACK_IMPORTED_MODULE_8__/* .SECRET_VARIABLE */ .UY} is empty: pass it from a secret (env: ${_webhook_js__WEBPACK_IMPORTED_MODULE_8__/* .SECRET_VARIABLE */ .UY}: \${{ secrets.${_webhook_js__WEBPACK_IMPORTED_MODULE_8__/* .SECRET_VARIABLE */ .UY} }}) so the receiver can verify the payload`);
        services.setSecret(secret);
    }
    const target = settings.deployTo ? await services.openStore(settings.deployTo) : null;
    return { target, secret };
}
async function deliver(d, run, record, previous) {
    const { session, registry } = d;
    const { settings, services, ctx } = session;
    const notes = [];
    let deployedTo = null;
    if (d.target) {
        const copy = await (0,_production_js__WEBPACK_IMPORTED_MODULE_7__/* .deliverCopy */ .zO)(registry, d.target, run, record, { ...d, clock: services.clock });
        deployedTo = copy.location;
        notes.push(copy.note);
    }
    if (settings.deployWebhook && d.secret !== null) {
        const sent = await (0,_webhook_js__WEBPACK_IMPORTED_MODULE_8__/* .postWebhook */ .WW)(settings.deployWebhook, d.secret, {
            event: d.kind,
            model: run.model,
            run: run.runId,
            previous,
            alias: _production_js__WEBPACK_IMPORTED_MODULE_7__/* .PRODUCTION */ .e3,
            release: d.release,
            repository: (0,_action_session_js__WEBPACK_IMPORTED_MODULE_9__/* .repositoryOf */ ._)(ctx),
            store: `${registry.store.location}/models/${run.model}/runs/${run.runId}/`,
            deployedTo,
            files: run.manifest.files,
            by: d.by,
            at: services.clock.now().toISOString(),
        }, {
            fetch: services.fetch,
            sleep: (ms) => services.sleep(ms),
            logger: services.logger,
            random: services.random,
        });
        notes.push(`webhook: HTTP ${sent.status}${sent.attempts > 1 ? ` after ${sent.attempts} attempts` : ''}`);
    }
    return notes;
}
/** Create the deployment, run `apply` under in_progress, and end with success or failure. */
async function recorded(session, request, apply) {
    const { ctx, settings } = session;
    const octokit = await session.github();
    const where = { owner: ctx.owner, repo: ctx.repo };
    const environment = settings.deployEnvironment;
    const summary = request.moves.map((m) => `${m.model} → ${m.to}`).join(', ');
    const id = await (0,_deployments_js__WEBPACK_IMPORTED_MODULE_6__/* .createDeployment */ .Yy)(octokit, where, {
        ref: request.ref,
        environment,
        description: `modelgate ${request.kind}: ${summary}`,
        payload: {
            tool: 'modelgate',
            kind: request.kind,
            release: request.release,
            models: Object.fromEntries(request.moves.map((m) => [m.model, m.to])),
            previous: Object.fromEntries(request.moves.map((m) => [m.model, m.from])),
        },
    });
    const status = { environment, logUrl: ctx.runUrl };
    const target = { ...where, deploymentId: id };
    await (0,_deployments_js__WEBPACK_IMPORTED_MODULE_6__/* .setDeploymentStatus */ .e9)(octokit, target, {
        ...status,
        state: 'in_progress',
        description: `${request.kind}: ${summary}`,
    });
    let notes;
    try {
        notes = await apply();
    }
    catch (error) {
        await (0,_deployments_js__WEBPACK_IMPORTED_MODULE_6__/* .setDeploymentStatus */ .e9)(octokit, target, {
            ...status,
            state: 'failure',
            description: `modelgate ${request.kind} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(error)}`,
        }).catch(() => undefined);
        throw error;
    }
    await (0,_deployments_js__WEBPACK_IMPORTED_MODULE_6__/* .setDeploymentStatus */ .e9)(octokit, target, {
        ...status,
        state: 'success',
        description: `${request.kind === 'deploy' ? 'deployed' : 'rolled back'}: ${summary}`,
        // A rollback says itself which deployment it replaces; GitHub's own marking would guess.
        ...(request.kind === 'rollback' ? { autoInactive: false } : {}),
    });
    return { id, notes };
}
async function report(session, kind, moves, tail) {
    const { services } = session;
    (0,_action_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .writeOutputs */ .K)(services.setOutput, {
        championChanged: false,
        runIds: Object.fromEntries(moves.map((m) => [m.model, m.to])),
    });
    const rows = moves.map((m) => [m.model, m.from ?? '—', m.to, m.from === m.to ? 'unchanged' : 'moved']);
    await services.appendSummary(`## modelgate ${kind} (${_production_js__WEBPACK_IMPORTED_MODULE_7__/* .PRODUCTION */ .e3})\n\n${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_3__/* .table */ .tp)(['model', 'before', 'now', ''], rows)}\n\n${tail}\n`);
}
function byOf(session) {
    return `${session.ctx.actor} via modelgate Action (${session.ctx.eventName})`;
}
async function markInactive(session, octokit, where, deployment, replacedBy) {
    await (0,_deployments_js__WEBPACK_IMPORTED_MODULE_6__/* .setDeploymentStatus */ .e9)(octokit, { ...where, deploymentId: deployment.id }, {
        state: 'inactive',
        description: `rolled back by deployment ${replacedBy}`,
        environment: session.settings.deployEnvironment,
        logUrl: session.ctx.runUrl,
    });
}


/***/ }),

/***/ 82835:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollbackMode: () => (/* binding */ rollbackMode)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _store_registry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40506);
/* harmony import */ var _deployments_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(89935);
/* harmony import */ var _gate_record_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(89316);
/* harmony import */ var _production_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(60053);
/* harmony import */ var _recorded_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(57239);






/**
 * `mode: rollback`: `production` back one step (or to `to-run`, which must have passed its gate), delivered to
 * the same targets; the new GitHub deployment gets success and the rolled-back one inactive.
 */
async function rollbackMode(session, plan) {
    const { ctx, settings, services } = session;
    const registry = await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_5__/* .writableRegistry */ .ab)(session, 'rollback');
    const targets = await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_5__/* .deliveryTargets */ .dy)(session);
    const moves = [];
    for (const model of await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_5__/* .modelNames */ .ci)(session)) {
        const current = await registry.getAlias(model, _production_js__WEBPACK_IMPORTED_MODULE_4__/* .PRODUCTION */ .e3);
        if (!current)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`model "${model}" has no ${_production_js__WEBPACK_IMPORTED_MODULE_4__/* .PRODUCTION */ .e3} alias to roll back (deploy a release first)`);
        const to = settings.toRun ?? (0,_store_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .rollbackTarget */ .es)(current.record.history);
        if (!to)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`model "${model}": ${_production_js__WEBPACK_IMPORTED_MODULE_4__/* .PRODUCTION */ .e3} has no earlier run to roll back to (it has only ever pointed at ${current.record.runId})`);
        if (to === current.record.runId)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`model "${model}": ${_production_js__WEBPACK_IMPORTED_MODULE_4__/* .PRODUCTION */ .e3} is already at run ${to}; nothing to roll back`);
        // The run rolled back to must itself have passed its gate (an explicit to-run most of all).
        const run = await (0,_gate_record_js__WEBPACK_IMPORTED_MODULE_3__/* .checkDeployable */ .W)(registry, model, to, { allowInconclusive: settings.allowInconclusive });
        moves.push({ model, from: current.record.runId, to, run });
    }
    const octokit = await session.github();
    const where = { owner: ctx.owner, repo: ctx.repo };
    const existing = await (0,_deployments_js__WEBPACK_IMPORTED_MODULE_2__/* .listModelgateDeployments */ .lf)(octokit, where, settings.deployEnvironment);
    // The new deployment is of the ref that first shipped these runs (its release tag), when GitHub still has it.
    const shipped = existing.find((d) => d.states.includes('success') && moves.every((m) => d.models[m.model] === m.to));
    const rolledBack = existing.find((d) => d.state === 'success' && moves.some((m) => d.models[m.model] === m.from));
    const by = (0,_recorded_js__WEBPACK_IMPORTED_MODULE_5__/* .byOf */ .H1)(session);
    const reason = `rollback requested by ${ctx.actor} in workflow ${ctx.workflow}${ctx.runUrl ? ` (${ctx.runUrl})` : ''}${settings.toRun ? ` to run ${settings.toRun}` : ''}`;
    const delivery = {
        session,
        registry,
        ...targets,
        kind: 'rollback',
        release: shipped?.release ?? null,
        by,
    };
    const { id, notes } = await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_5__/* .recorded */ .t2)(session, { ref: shipped?.ref ?? plan.ref, kind: 'rollback', moves, release: shipped?.release ?? null }, async () => {
        const out = [];
        for (const move of moves) {
            const record = await (0,_production_js__WEBPACK_IMPORTED_MODULE_4__/* .moveAlias */ .kb)(registry, { model: move.model, alias: _production_js__WEBPACK_IMPORTED_MODULE_4__/* .PRODUCTION */ .e3, from: move.from, to: move.to, by, reason }, 'rollback');
            out.push(...(await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_5__/* .deliver */ .cK)(delivery, move.run, record, move.from)));
        }
        return out;
    });
    if (rolledBack)
        await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_5__/* .markInactive */ .dq)(session, octokit, where, rolledBack, id);
    for (const note of notes)
        services.logger.info(note);
    services.logger.info(`${_production_js__WEBPACK_IMPORTED_MODULE_4__/* .PRODUCTION */ .e3}: ${moves.map((m) => `${m.model} → ${m.to}`).join(', ')} (deployment ${id})`);
    await (0,_recorded_js__WEBPACK_IMPORTED_MODULE_5__/* .report */ .z8)(session, 'rollback', moves, `GitHub deployment ${id}${rolledBack ? `; deployment ${rolledBack.id} marked inactive` : ''}.`);
}


/***/ })

};
