export const id = 773;
export const ids = [773];
export const modules = {

/***/ 62154:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commandMode: () => (/* binding */ commandMode)
});

// UNUSED EXPORTS: HELP

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/action/publish.ts + 3 modules
var publish = __webpack_require__(37092);
// EXTERNAL MODULE: ./src/action/train-mode.ts + 1 modules
var train_mode = __webpack_require__(42579);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/github/api.ts
var api = __webpack_require__(28943);
// EXTERNAL MODULE: ./src/pipeline/champion.ts
var pipeline_champion = __webpack_require__(78539);
// EXTERNAL MODULE: ./src/pipeline/run-all.ts + 20 modules
var run_all = __webpack_require__(40274);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/store/open-registry.ts
var open_registry = __webpack_require__(54077);
// EXTERNAL MODULE: ./src/store/registry.ts
var store_registry = __webpack_require__(40506);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
// EXTERNAL MODULE: ./src/evaluate/score.ts
var score = __webpack_require__(9553);
// EXTERNAL MODULE: ./src/util/numbers.ts
var numbers = __webpack_require__(91986);
;// CONCATENATED MODULE: ./src/bot/explain.ts



/**
 * A linear (logistic / linear regression) run's weights per input column, read straight from its stored
 * tfjs files: the first weight of model.json is the kernel, float32, inputs × units. Inputs are standardized
 * (numeric) or one-hot, so weights are comparable in size. Multiclass: the largest |weight| over classes.
 */
async function linearWeights(registry, manifest) {
    const type = manifest.meta.modelType;
    if (type !== 'logistic' && type !== 'linear')
        throw new errors/* UserError */.yo(`run ${manifest.runId} is a ${type} model; explain shows linear models' weights only, for now`);
    const decode = (bytes) => JSON.parse(new TextDecoder().decode(bytes));
    const layers = decode(await registry.readRunFile(manifest, `${score/* MODEL_DIR */.gw}/model.json`));
    const pre = decode(await registry.readRunFile(manifest, 'preprocess.json'));
    const kernel = layers.weightsManifest?.[0]?.weights[0];
    if (!kernel || kernel.dtype !== 'float32' || kernel.shape.length !== 2)
        throw new errors/* UserError */.yo(`run ${manifest.runId}: model.json does not start with a float32 kernel`);
    const [inputs, units] = kernel.shape;
    const columns = pre.preprocessor.outputColumns;
    if (columns.length !== inputs)
        throw new errors/* UserError */.yo(`run ${manifest.runId}: ${inputs} model inputs but ${columns.length} preprocessed columns`);
    const bin = await registry.readRunFile(manifest, `${score/* MODEL_DIR */.gw}/weights.bin`);
    const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
    return columns.map((column, i) => {
        let weight = 0;
        for (let u = 0; u < units; u++) {
            const w = view.getFloat32((i * units + u) * 4, true);
            if (Math.abs(w) > Math.abs(weight))
                weight = w;
        }
        return { column, weight };
    });
}
/** The challenger's largest weights, each with the champion's weight for the same column and the change. */
function weightTable(challenger, champion, top = 8) {
    const theirs = new Map(champion?.map((f) => [f.column, f.weight]) ?? []);
    return [...challenger]
        .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || (a.column < b.column ? -1 : 1))
        .slice(0, top)
        .map((f) => {
        const before = theirs.get(f.column);
        return [
            f.column,
            (0,numbers/* formatSigned */.Gp)(f.weight, 3),
            before === undefined ? '—' : (0,numbers/* formatSigned */.Gp)(before, 3),
            before === undefined ? 'new' : (0,numbers/* formatSigned */.Gp)(f.weight - before, 3),
        ];
    });
}

// EXTERNAL MODULE: ./src/bot/parse.ts
var parse = __webpack_require__(75506);
;// CONCATENATED MODULE: ./src/bot/permission.ts

/** Roles that may run commands that change something (rerun, promote). */
const WRITERS = new Set(['admin', 'maintain', 'write']);
/**
 * The commenter's role on the repository, from GitHub's collaborator-permission API. The comment's
 * `author_association` is not used: it says how someone is related (e.g. CONTRIBUTOR), not what they may do.
 */
async function canWrite(octokit, where, login) {
    try {
        const { data } = await (0,api/* githubCall */.Mc)(`reading ${login}'s permission on ${where.owner}/${where.repo}`, () => octokit.rest.repos.getCollaboratorPermissionLevel({
            owner: where.owner,
            repo: where.repo,
            username: login,
        }));
        const role = data.role_name || data.permission;
        return { allowed: WRITERS.has(role) || WRITERS.has(data.permission), role };
    }
    catch (error) {
        // 404: not a user GitHub knows for this repository; no permission at all.
        const status = error.cause?.status;
        if (status === 404)
            return { allowed: false, role: 'none' };
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/bot/commands.ts














const HELP = [
    '**modelgate commands** (one per comment, on a line of its own):',
    '',
    '- `/modelgate help`: this list',
    '- `/modelgate rerun [model]`: train and evaluate the head of this pull request again; updates the modelgate comment and check runs',
    "- `/modelgate promote [model]`: make the head's run champion now, if its gate verdict is pass",
    "- `/modelgate explain [model]`: the head run's largest linear weights against the champion's",
    '',
    '`rerun` and `promote` need write, maintain or admin permission on the repository.',
].join('\n');
async function reply(session, octokit, plan, text) {
    const { ctx } = session;
    const body = `${parse/* REPLY_MARKER */.Qs}\n@${plan.author} ${text}`;
    await (0,api/* githubCall */.Mc)(`replying on #${plan.pullNumber}`, () => octokit.rest.issues.createComment({
        owner: ctx.owner,
        repo: ctx.repo,
        issue_number: plan.pullNumber,
        body,
    }));
}
async function pullHead(octokit, where, number) {
    const { data } = await (0,api/* githubCall */.Mc)(`reading pull request #${number}`, () => octokit.rest.pulls.get({ ...where, pull_number: number }));
    const base = `${where.owner}/${where.repo}`;
    const head = data.head.repo?.full_name ?? null;
    return { number, sha: data.head.sha, ref: data.head.ref, repository: head, fork: head !== base };
}
/** The spec names the command applies to: the one named, or every model. */
async function modelsFor(session, model) {
    const specs = await (0,run_all/* loadSpecs */.BH)(session.settings.models, session.ctx.workspace);
    const all = specs.map((s) => ({ name: s.name, dir: external_node_path_default().dirname(s.specFile) }));
    if (model === null)
        return all;
    const found = all.filter((s) => s.name === model);
    if (found.length === 0)
        throw new errors/* UserError */.yo(`there is no model "${model}" here (models: ${all.map((s) => s.name).join(', ') || 'none'})`);
    return found;
}
async function openWritableRegistry(session) {
    const store = await session.services.openStore(session.settings.store);
    if (await (0,open_registry/* credentialsAbsent */.C)(store))
        throw new errors/* UserError */.yo(`this job has no AWS credentials, so ${store.location} cannot be read or changed`);
    return new store_registry/* Registry */.OR(store, session.services.clock, { random: session.services.random });
}
/** The newest stored run of `model` trained on `commit`, or null. */
async function runAt(registry, model, commit) {
    const runs = (await registry.listRuns(model)).reverse().slice(0, 100);
    for (const runId of runs) {
        const manifest = await registry.readManifest(model, runId);
        if (manifest.meta.git?.commit === commit)
            return manifest;
    }
    return null;
}
async function rerun(session, octokit, plan, model) {
    const { ctx, services } = session;
    const head = await pullHead(octokit, { owner: ctx.owner, repo: ctx.repo }, plan.pullNumber);
    const checkedOut = await services.gitReader(ctx.workspace).head();
    if (checkedOut !== head.sha)
        throw new errors/* UserError */.yo(`this job checked out ${(0,format/* shortSha */.Fu)(checkedOut)}, not the pull request's head ${(0,format/* shortSha */.Fu)(head.sha)}: the bot workflow must check out refs/pull/${head.number}/head (see the README)`);
    const models = await modelsFor(session, model);
    const settings = {
        ...session.settings,
        models: models.map((m) => external_node_path_default().relative(ctx.workspace, m.dir) || '.'),
    };
    const outcome = `Re-evaluated ${(0,format/* shortSha */.Fu)(head.sha)} (${models.map((m) => m.name).join(', ')}): the modelgate comment and check runs are updated.`;
    try {
        await (0,train_mode.trainMode)({ ...session, settings }, {
            kind: 'train',
            promote: false,
            promoteNote: '/modelgate rerun never promotes',
            pullRequest: {
                number: head.number,
                headSha: head.sha,
                headRef: head.ref,
                headRepository: head.repository,
                fork: head.fork,
            },
            commit: head.sha,
            ref: head.ref,
            readOnly: null,
        });
    }
    catch (error) {
        if (!(error instanceof publish/* GateFailure */.In))
            throw error;
        await reply(session, octokit, plan, `${outcome} ${(0,report_escape/* mdText */.bC)(error.message)}.`);
        throw error;
    }
    return outcome;
}
async function promote(session, octokit, plan, model) {
    const { ctx } = session;
    const head = await pullHead(octokit, { owner: ctx.owner, repo: ctx.repo }, plan.pullNumber);
    const registry = await openWritableRegistry(session);
    const rows = [];
    for (const { name } of await modelsFor(session, model)) {
        const outcome = await promoteOne(registry, name, head, plan);
        // table() escapes every cell: run ids and messages go in as plain text.
        rows.push([name, outcome.runId ?? '—', outcome.text]);
    }
    return `promote on ${(0,format/* shortSha */.Fu)(head.sha)}:\n\n${(0,format/* table */.tp)(['model', 'run', 'result'], rows)}`;
}
async function promoteOne(registry, model, head, plan) {
    const manifest = await runAt(registry, model, head.sha);
    if (!manifest)
        return {
            runId: null,
            text: `not promoted: no stored run of ${(0,format/* shortSha */.Fu)(head.sha)}; run \`/modelgate rerun\` first`,
        };
    const runId = manifest.runId;
    const compared = manifest.meta.comparedWith;
    const champion = (await registry.getAlias(model, pipeline_champion/* CHAMPION */.M6))?.record.runId ?? null;
    if (compared && compared.verdict !== 'pass')
        return {
            runId,
            text: `not promoted: its gate verdict is ${compared.verdict} (against ${compared.runId})`,
        };
    const expected = compared?.runId ?? null;
    if (champion === runId)
        return { runId, text: 'already the champion' };
    if (champion !== expected)
        return {
            runId,
            text: `not promoted: it was compared with ${expected ?? 'no champion'}, but the champion is now ${champion}; run \`/modelgate rerun\` to compare it with the new one`,
        };
    try {
        await registry.setAlias(model, pipeline_champion/* CHAMPION */.M6, runId, {
            action: 'promote',
            by: `${plan.author} via /modelgate promote`,
            reason: `/modelgate promote on pull request #${head.number} (${compared ? `gate passed against ${compared.runId}` : 'first run: no champion yet'})`,
            check: (now) => {
                if ((now?.runId ?? null) !== expected)
                    throw new errors/* UserError */.yo(`the champion changed to ${now?.runId ?? 'nothing'} while promoting; not promoted`);
            },
        });
    }
    catch (error) {
        if (error instanceof errors/* UserError */.yo)
            return { runId, text: error.message };
        throw error;
    }
    return { runId, text: `promoted: now the champion (was ${champion ?? 'none'})` };
}
async function explain(session, octokit, plan, model) {
    const { ctx } = session;
    const head = await pullHead(octokit, { owner: ctx.owner, repo: ctx.repo }, plan.pullNumber);
    const registry = new store_registry/* Registry */.OR(await session.services.openStore(session.settings.store), session.services.clock, { random: session.services.random });
    const parts = [];
    for (const { name } of await modelsFor(session, model)) {
        const challenger = await runAt(registry, name, head.sha);
        if (!challenger) {
            parts.push(`**${name}**: no stored run of ${(0,format/* shortSha */.Fu)(head.sha)}; run \`/modelgate rerun\` first.`);
            continue;
        }
        const championId = challenger.meta.comparedWith?.runId ?? (await registry.getAlias(name, pipeline_champion/* CHAMPION */.M6))?.record.runId ?? null;
        try {
            const ours = await linearWeights(registry, challenger);
            const theirs = championId
                ? await linearWeights(registry, await registry.readManifest(name, championId))
                : null;
            parts.push(`**${name}**: run \`${challenger.runId}\` against ${championId ? `champion \`${championId}\`` : 'no champion'}; weights on standardized (numeric) and one-hot inputs, largest first:\n\n${(0,format/* table */.tp)(['input', 'this run', 'champion', 'change'], weightTable(ours, theirs))}`);
        }
        catch (error) {
            if (!(error instanceof errors/* UserError */.yo))
                throw error;
            parts.push(`**${name}**: ${(0,report_escape/* mdText */.bC)(error.message)}`);
        }
    }
    return parts.join('\n\n');
}
async function commandMode(session, plan) {
    const { ctx, services } = session;
    const { logger } = services;
    const octokit = await session.github();
    const where = { owner: ctx.owner, repo: ctx.repo };
    const command = plan.command;
    logger.info(`/modelgate ${command.name} from ${plan.author} on #${plan.pullNumber}`);
    await (0,api/* githubCall */.Mc)('acknowledging the command', () => octokit.rest.reactions.createForIssueComment({ ...where, comment_id: plan.commentId, content: 'eyes' }));
    if (command.name === 'unknown') {
        await reply(session, octokit, plan, `I did not understand "${(0,report_escape/* mdText */.bC)(command.text)}".\n\n${HELP}`);
        return;
    }
    if (command.name === 'help')
        return reply(session, octokit, plan, HELP);
    if (command.name === 'rerun' || command.name === 'promote') {
        const permission = await canWrite(octokit, where, plan.author);
        if (!permission.allowed) {
            logger.info(`refused: ${plan.author} has ${permission.role} permission`);
            await reply(session, octokit, plan, `sorry, \`/modelgate ${command.name}\` changes check runs and champions, so it needs write, maintain or admin permission on this repository, and yours is ${(0,report_escape/* mdText */.bC)(permission.role)}. A maintainer can run it for you.`);
            return;
        }
    }
    let answer;
    try {
        if (command.name === 'rerun')
            answer = await rerun(session, octokit, plan, command.model);
        else if (command.name === 'promote')
            answer = await promote(session, octokit, plan, command.model);
        else
            answer = await explain(session, octokit, plan, command.model);
    }
    catch (error) {
        if (error instanceof publish/* GateFailure */.In)
            throw error;
        if (!(error instanceof errors/* UserError */.yo)) {
            await reply(session, octokit, plan, `\`/modelgate ${command.name}\` failed unexpectedly; the workflow log says why.`).catch(() => undefined);
            throw error;
        }
        logger.warn((0,errors/* describeError */.Uc)(error));
        answer = `\`/modelgate ${command.name}\` did not run: ${(0,report_escape/* mdText */.bC)(error.message)}`;
    }
    await reply(session, octokit, plan, answer);
}


/***/ })

};
