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
// EXTERNAL MODULE: ./src/pipeline/run-all.ts + 32 modules
var run_all = __webpack_require__(5845);
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
    const seen = new Map();
    for (const model of await modelNames(session)) {
        const champion = await registry.getAlias(model, pipeline_champion/* CHAMPION */.M);
        if (!champion)
            throw new errors/* UserError */.yo(`model "${model}" has no champion to deploy; a passing run must be promoted first`);
        const current = await registry.getAlias(model, constants/* PRODUCTION */.e3);
        seen.set(model, current?.record.runId ?? null);
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
                    if ((now?.runId ?? null) !== seen.get(move.model)) {
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
            const record = await registry.rollback(move.model, constants/* PRODUCTION */.e3, by, `rollback from workflow ${session.ctx.workflow}`);
            if (record.runId !== move.to)
                throw new errors/* UserError */.yo(`model "${move.model}": ${constants/* PRODUCTION */.e3} rolled back to ${record.runId}, expected ${move.to}`);
        }
    });
}


/***/ })

};
