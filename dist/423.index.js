export const id = 423;
export const ids = [423];
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

/***/ 27423:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployMode: () => (/* binding */ deployMode)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/pipeline/champion.ts
var pipeline_champion = __webpack_require__(78539);
// EXTERNAL MODULE: ./src/util/numbers.ts
var numbers = __webpack_require__(91986);
// EXTERNAL MODULE: ./src/deploy/deployments.ts
var deployments = __webpack_require__(89935);
// EXTERNAL MODULE: ./src/deploy/gate-record.ts
var gate_record = __webpack_require__(89316);
// EXTERNAL MODULE: ./src/deploy/production.ts + 1 modules
var production = __webpack_require__(60053);
// EXTERNAL MODULE: ./src/deploy/recorded.ts
var recorded = __webpack_require__(57239);
// EXTERNAL MODULE: ./src/github/api.ts
var api = __webpack_require__(28943);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
;// CONCATENATED MODULE: ./src/deploy/release.ts



const NOTES_START = '<!-- modelgate:start -->';
const NOTES_END = '<!-- modelgate:end -->';
/** Files of a run that are a model card, if the run has one (else a short summary is generated). */
const MODEL_CARD_FILES = ['MODEL_CARD.md', 'model-card.md', 'model_card.md', 'README.md'];
/**
 * The release body with modelgate's section put in or replaced. Only the text between the markers is
 * modelgate's; everything the author wrote around it is kept byte for byte.
 */
function withNotesSection(body, section) {
    const block = `${NOTES_START}\n${section.trim()}\n${NOTES_END}`;
    const text = body ?? '';
    const start = text.indexOf(NOTES_START);
    const end = start === -1 ? -1 : text.indexOf(NOTES_END, start);
    if (start !== -1 && end !== -1)
        return text.slice(0, start) + block + text.slice(end + NOTES_END.length);
    return text.trim() === '' ? block : `${text.replace(/\s+$/, '')}\n\n${block}`;
}
function keyMetrics(meta) {
    return Object.entries(meta.metrics ?? {})
        .slice(0, 3)
        .map(([name, value]) => `${name} ${(0,format/* num */.bu)(value)}`)
        .join(', ');
}
function notesSection(models, environment) {
    const rows = models.map((m) => [
        m.model,
        m.runId,
        m.standing,
        keyMetrics(m.manifest.meta),
        (0,format/* shortSha */.Fu)(m.manifest.meta.git?.commit),
    ]);
    return `### Models in ${(0,report_escape/* mdText */.bC)(environment)}\n\n${(0,format/* table */.tp)(['model', 'run', 'gate', 'metrics', 'commit'], rows)}`;
}
/** The run's own model card, or a short generated summary of the run. */
async function modelCard(registry, released) {
    const card = released.manifest.files.find((f) => MODEL_CARD_FILES.includes(f.path));
    if (card)
        return new TextDecoder().decode(await registry.readRunFile(released.manifest, card.path));
    const meta = released.manifest.meta;
    const rows = Object.entries(meta.metrics ?? {}).map(([name, value]) => [name, (0,format/* num */.bu)(value)]);
    return [
        `# ${released.model}: run ${released.runId}`,
        '',
        `- task: ${meta.task}, model: ${(0,report_escape/* mdText */.bC)(meta.modelType ?? '')}`,
        `- trained on commit ${(0,format/* shortSha */.Fu)(meta.git?.commit)}, ${meta.data?.trainRows ?? '?'} training rows, ${meta.data?.evalRows ?? '?'} eval rows`,
        `- gate: ${released.standing}${meta.comparedWith ? ` against ${meta.comparedWith.runId}` : ''}`,
        `- created ${released.manifest.createdAt} by modelgate ${meta.tool?.version ?? ''}`,
        '',
        '## Metrics on the eval rows',
        '',
        (0,format/* table */.tp)(['metric', 'value'], rows),
        '',
    ].join('\n');
}
/**
 * Attach one file to the release, replacing an asset of the same name (GitHub refuses a second upload of a
 * name, so a re-run deletes the old one first). Uploads go to the release's own `upload_url` host
 * (uploads.github.com, or GHES's), never to the API host.
 */
async function attachAsset(octokit, where, name, body, contentType) {
    const assets = await (0,api/* githubCall */.Mc)(`listing the assets of release ${where.releaseId}`, () => octokit.paginate(octokit.rest.repos.listReleaseAssets, {
        owner: where.owner,
        repo: where.repo,
        release_id: where.releaseId,
        per_page: 100,
    }));
    for (const old of assets.filter((a) => a.name === name)) {
        await (0,api/* githubCall */.Mc)(`deleting the old release asset ${name}`, () => octokit.rest.repos.deleteReleaseAsset({ owner: where.owner, repo: where.repo, asset_id: old.id }));
    }
    const url = new URL(where.uploadUrl.replace(/\{[^}]*\}$/, ''));
    url.searchParams.set('name', name);
    await (0,api/* githubCall */.Mc)(`uploading ${name} to release ${where.releaseId}`, () => octokit.request({
        method: 'POST',
        url: url.toString(),
        headers: { 'content-type': contentType, 'content-length': body.byteLength },
        data: Buffer.from(body),
    }));
}
/** Model card and metrics as release assets, and the model table in the notes' modelgate section. */
async function annotateRelease(octokit, where, tag, released, context) {
    const { registry, logger } = context;
    let release;
    try {
        ;
        ({ data: release } = await octokit.rest.repos.getReleaseByTag({ ...where, tag }));
    }
    catch (error) {
        if (error.status === 404) {
            logger.info(`no published release for tag ${tag}: no assets or notes`);
            return;
        }
        throw error;
    }
    const asset = { ...where, releaseId: release.id, uploadUrl: release.upload_url };
    const encoder = new TextEncoder();
    for (const model of released) {
        await attachAsset(octokit, asset, `${model.model}-model-card.md`, encoder.encode(await modelCard(registry, model)), 'text/markdown');
        const metrics = model.manifest.files.some((f) => f.path === 'metrics.json')
            ? await registry.readRunFile(model.manifest, 'metrics.json')
            : encoder.encode(`${JSON.stringify({ metrics: model.manifest.meta.metrics }, null, 2)}\n`);
        await attachAsset(octokit, asset, `${model.model}-metrics.json`, metrics, 'application/json');
    }
    const body = withNotesSection(release.body ?? null, notesSection(released, context.environment));
    if (body !== release.body) {
        await (0,api/* githubCall */.Mc)(`updating the notes of release ${tag}`, () => octokit.rest.repos.updateRelease({ ...where, release_id: release.id, body }));
    }
    logger.info(`release ${tag}: model card and metrics attached, notes updated`);
}

;// CONCATENATED MODULE: ./src/deploy/deploy-mode.ts








/**
 * `mode: deploy` (a published release): check each model's champion passed its gate on a commit the release
 * contains, move `production` to it, deliver it (deploy-to copy + pointer, deploy-webhook), and record a GitHub
 * deployment with statuses, release assets and a section of the release notes. `mode: rollback` moves
 * `production` back and delivers that. Everything that can refuse is checked before anything changes.
 */
async function deployMode(session, plan) {
    const { ctx, settings, services } = session;
    const { logger } = services;
    const registry = await (0,recorded/* writableRegistry */.ab)(session, 'deploy');
    const targets = await (0,recorded/* deliveryTargets */.dy)(session);
    const git = services.gitReader(ctx.workspace);
    const reach = plan.tag
        ? { ref: `refs/tags/${plan.tag}`, label: `the release tag ${plan.tag}`, git }
        : { ref: ctx.sha, label: `commit ${(0,numbers/* shortSha */.Fu)(ctx.sha)}`, git };
    // Every model's gate record first: one refusal leaves everything as it was.
    const moves = [];
    const refusals = [];
    const currents = new Map();
    for (const model of await (0,recorded/* modelNames */.ci)(session)) {
        const champion = await registry.getAlias(model, pipeline_champion/* CHAMPION */.M6);
        if (!champion) {
            refusals.push(`model "${model}" has no champion to deploy; a passing run must be promoted first`);
            continue;
        }
        try {
            const run = await (0,gate_record/* checkDeployable */.W)(registry, model, champion.record.runId, {
                allowInconclusive: settings.allowInconclusive,
                reachableFrom: reach,
            });
            const current = (await registry.getAlias(model, production/* PRODUCTION */.e3))?.record ?? null;
            currents.set(model, current);
            moves.push({ model, from: current?.runId ?? null, to: run.runId, run });
        }
        catch (error) {
            if (!(error instanceof errors/* UserError */.yo))
                throw error;
            refusals.push(error.message);
        }
    }
    if (refusals.length === 1)
        throw new errors/* UserError */.yo(refusals[0]);
    if (refusals.length > 1)
        throw new errors/* UserError */.yo(`${refusals.length} models cannot be deployed, so nothing was: ${refusals.join('; ')}`);
    // Idempotent: a release deploys once, and the runs already in production are not deployed again.
    const octokit = await session.github();
    const where = { owner: ctx.owner, repo: ctx.repo };
    const existing = await (0,deployments/* listModelgateDeployments */.lf)(octokit, where, settings.deployEnvironment);
    const done = plan.tag
        ? existing.find((d) => d.kind === 'deploy' && d.release === plan.tag && d.states.includes('success'))
        : undefined;
    if (done) {
        const message = `release ${plan.tag} was already deployed (deployment ${done.id}, now ${done.state}); nothing to do`;
        logger.info(message);
        return (0,recorded/* report */.z8)(session, 'deploy', moves, message);
    }
    const latest = existing[0];
    if (moves.every((m) => m.from === m.to) &&
        latest?.state === 'success' &&
        moves.every((m) => latest.models[m.model] === m.to)) {
        const message = `${moves.map((m) => `${m.model}: run ${m.to}`).join(', ')} already in ${production/* PRODUCTION */.e3} (deployment ${latest.id}); nothing to deploy`;
        logger.info(message);
        return (0,recorded/* report */.z8)(session, 'deploy', moves, message);
    }
    const by = (0,recorded/* byOf */.H1)(session);
    const reason = plan.tag ? `release ${plan.tag}` : `deploy of ${plan.ref}`;
    const delivery = { session, registry, ...targets, kind: 'deploy', release: plan.tag, by };
    const { id, notes } = await (0,recorded/* recorded */.t2)(session, { ref: plan.ref, kind: 'deploy', moves, release: plan.tag }, async () => {
        const out = [];
        for (const move of moves) {
            const record = move.from === move.to
                ? currents.get(move.model)
                : await (0,production/* moveAlias */.kb)(registry, { model: move.model, alias: production/* PRODUCTION */.e3, from: move.from, to: move.to, by, reason }, 'promote');
            out.push(...(await (0,recorded/* deliver */.cK)(delivery, move.run, record, move.from)));
        }
        return out;
    });
    for (const note of notes)
        logger.info(note);
    if (plan.tag) {
        const released = moves.map((m) => ({
            model: m.model,
            runId: m.to,
            standing: m.run.standing,
            manifest: m.run.manifest,
        }));
        await annotateRelease(octokit, where, plan.tag, released, {
            registry,
            environment: settings.deployEnvironment,
            logger,
        });
    }
    logger.info(`${production/* PRODUCTION */.e3}: ${moves.map((m) => `${m.model} → ${m.to}`).join(', ')} (deployment ${id})`);
    await (0,recorded/* report */.z8)(session, 'deploy', moves, `GitHub deployment ${id} of ${plan.ref}.${notes.length ? `\n\n${notes.map((n) => `- ${n}`).join('\n')}` : ''}`);
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


/***/ })

};
