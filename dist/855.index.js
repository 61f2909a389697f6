export const id = 855;
export const ids = [855];
export const modules = {

/***/ 915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $_: () => (/* binding */ checkRunName),
/* harmony export */   FN: () => (/* binding */ MODES),
/* harmony export */   G0: () => (/* binding */ Inputs),
/* harmony export */   Lx: () => (/* binding */ PROMOTE_ON),
/* harmony export */   d$: () => (/* reexport safe */ _gate_outcome_js__WEBPACK_IMPORTED_MODULE_0__.d$),
/* harmony export */   e3: () => (/* binding */ PRODUCTION),
/* harmony export */   tY: () => (/* binding */ Outputs),
/* harmony export */   zd: () => (/* binding */ COMMENT_POLICIES)
/* harmony export */ });
/* harmony import */ var _gate_outcome_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5163);
/** Every input and output name of action.yml, defined once (action.yml and the docs use the same strings). */
const Inputs = {
    Models: 'models',
    Store: 'store',
    S3Endpoint: 's3-endpoint',
    S3Region: 's3-region',
    S3ForcePathStyle: 's3-force-path-style',
    GitHubToken: 'github-token',
    Comment: 'comment',
    Checks: 'checks',
    FailOn: 'fail-on',
    PromoteOn: 'promote-on',
    Mode: 'mode',
    ResultsFile: 'results-file',
};
const Outputs = {
    Verdict: 'verdict',
    Results: 'results',
    Report: 'report',
    ChampionChanged: 'champion-changed',
    RunIds: 'run-ids',
};
// `fail-on` is shared with the CLI's --fail-on.

const COMMENT_POLICIES = ['always', 'on-change', 'never'];
const PROMOTE_ON = ['push', 'release', 'never'];
const MODES = ['auto', 'train', 'report', 'deploy', 'rollback'];
/** The check run name of one model: `modelgate / <model>`. */
function checkRunName(model) {
    return `modelgate / ${model}`;
}
/** The registry alias `mode: deploy` moves and `mode: rollback` steps back, and the GitHub environment. */
const PRODUCTION = 'production';


/***/ }),

/***/ 9855:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/github/context.ts


function required(env, name) {
    const value = env[name];
    if (!value)
        throw new errors/* UserError */.yo(`${name} is not set: modelgate's Action runs inside GitHub Actions (use the modelgate CLI elsewhere)`);
    return value;
}
async function readActionContext(env, cwd) {
    const eventName = required(env, 'GITHUB_EVENT_NAME');
    const repository = required(env, 'GITHUB_REPOSITORY');
    const [owner, repo, extra] = repository.split('/');
    if (!owner || !repo || extra !== undefined)
        throw new errors/* UserError */.yo(`GITHUB_REPOSITORY "${repository}" is not owner/name`);
    let payload = {};
    const eventPath = env.GITHUB_EVENT_PATH;
    if (eventPath) {
        let text;
        try {
            text = await external_node_fs_.promises.readFile(eventPath, 'utf8');
        }
        catch {
            throw new errors/* UserError */.yo(`GITHUB_EVENT_PATH ${eventPath}: cannot read the event payload`);
        }
        try {
            payload = JSON.parse(text);
        }
        catch {
            throw new errors/* UserError */.yo(`GITHUB_EVENT_PATH ${eventPath}: the event payload is not valid JSON`);
        }
    }
    const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com';
    return {
        eventName,
        payload,
        owner,
        repo,
        sha: required(env, 'GITHUB_SHA'),
        ref: env.GITHUB_REF ?? '',
        workflow: env.GITHUB_WORKFLOW || 'modelgate',
        actor: env.GITHUB_ACTOR || payload.sender?.login || 'github-actions',
        apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
        runUrl: env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : null,
        workspace: env.GITHUB_WORKSPACE || cwd,
    };
}
function pullRequestOf(ctx) {
    const pr = ctx.payload.pull_request;
    if (!pr)
        return null;
    const base = pr.base.repo?.full_name ?? `${ctx.owner}/${ctx.repo}`;
    const head = pr.head.repo?.full_name ?? null;
    return {
        number: pr.number,
        headSha: pr.head.sha,
        headRef: pr.head.ref,
        headRepository: head,
        fork: head !== base,
    };
}
/**
 * Why the token of this run can only read, or null when it can write: GitHub gives `pull_request` workflows of
 * fork pull requests (and of Dependabot's) a read-only GITHUB_TOKEN and no secrets, so comments and check runs
 * would fail with 403.
 */
function readOnlyReason(ctx, pr) {
    if (ctx.eventName !== 'pull_request' || !pr)
        return null;
    if (pr.fork) {
        const from = pr.headRepository ? `the fork ${pr.headRepository}` : 'a deleted fork';
        return `pull request #${pr.number} comes from ${from}, so this workflow has a read-only token and no secrets`;
    }
    if (ctx.actor === 'dependabot[bot]')
        return `pull request #${pr.number} is Dependabot's, so this workflow has a read-only token`;
    return null;
}
/** The branch name of refs/heads/x, else null. */
function branchOf(ref) {
    return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null;
}

;// CONCATENATED MODULE: ./src/action/dispatch.ts

const PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened'];
const AUTO_EVENTS = ['pull_request', 'push', 'workflow_dispatch', 'schedule', 'workflow_run', 'release'];
function isDefaultBranch(ctx) {
    const branch = branchOf(ctx.ref);
    return branch !== null && branch === ctx.payload.repository?.default_branch;
}
function promotion(settings, ctx) {
    const event = ctx.eventName;
    if (event === 'pull_request' || event === 'pull_request_target')
        return { promote: false, promoteNote: 'pull requests never promote' };
    if (settings.promoteOn === 'never')
        return { promote: false, promoteNote: 'promote-on is never' };
    if (settings.promoteOn === 'release') {
        return event === 'release'
            ? { promote: true, promoteNote: 'promote-on is release and this is a release' }
            : { promote: false, promoteNote: `promote-on is release and this is a ${event} event` };
    }
    // promote-on: push. A manual or scheduled run on the default branch trains what a push there would.
    if (event !== 'push' && event !== 'workflow_dispatch' && event !== 'schedule') {
        return { promote: false, promoteNote: `promote-on is push and this is a ${event} event` };
    }
    if (!isDefaultBranch(ctx)) {
        const where = ctx.payload.repository?.default_branch ?? 'the default branch (the payload does not name it)';
        return { promote: false, promoteNote: `promote-on is push, but ${ctx.ref || 'this ref'} is not ${where}` };
    }
    return { promote: true, promoteNote: `promote-on is push and this is the default branch` };
}
function trainPlan(settings, ctx) {
    const pullRequest = pullRequestOf(ctx);
    return {
        kind: 'train',
        ...promotion(settings, ctx),
        pullRequest,
        commit: pullRequest?.headSha ?? ctx.sha,
        ref: pullRequest?.headRef ?? (ctx.ref.replace(/^refs\/(heads|tags)\//, '') || null),
        readOnly: readOnlyReason(ctx, pullRequest),
    };
}
/** `mode: auto`: train on pull requests, pushes, manual and scheduled runs and releases; report on workflow_run. */
function autoPlan(settings, ctx) {
    const { eventName, payload } = ctx;
    switch (eventName) {
        case 'pull_request':
            if (!PULL_REQUEST_ACTIONS.includes(payload.action ?? '')) {
                return {
                    kind: 'skip',
                    reason: `pull_request "${payload.action}" events need no run (modelgate runs on ${PULL_REQUEST_ACTIONS.join(', ')})`,
                };
            }
            return trainPlan(settings, ctx);
        case 'pull_request_target':
            return {
                kind: 'skip',
                reason: 'pull_request_target runs with a write token next to code from the pull request, so mode: auto does not train on it; use pull_request, and for forks a workflow_run workflow with mode: report (see the README)',
            };
        case 'push':
            if (payload.deleted)
                return { kind: 'skip', reason: `${ctx.ref} was deleted: there is no commit to train` };
            return trainPlan(settings, ctx);
        case 'release':
            if (payload.action !== 'published')
                return {
                    kind: 'skip',
                    reason: `release "${payload.action}" events need no run (modelgate runs on published)`,
                };
            return trainPlan(settings, ctx);
        case 'workflow_run':
            return { kind: 'report' };
        case 'workflow_dispatch':
        case 'schedule':
            return trainPlan(settings, ctx);
        default:
            return {
                kind: 'skip',
                reason: `the ${eventName} event is not one modelgate runs on in mode: auto (${AUTO_EVENTS.join(', ')}); nothing to do`,
            };
    }
}
function planRun(settings, ctx) {
    switch (settings.mode) {
        case 'auto':
            return autoPlan(settings, ctx);
        case 'train':
            return trainPlan(settings, ctx);
        case 'report':
            return { kind: 'report' };
        case 'deploy': {
            const tag = ctx.payload.release?.tag_name ??
                (ctx.ref.startsWith('refs/tags/') ? ctx.ref.slice('refs/tags/'.length) : null);
            return { kind: 'deploy', ref: tag ?? ctx.sha, tag };
        }
        case 'rollback':
            return { kind: 'rollback', ref: ctx.sha };
    }
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/store/store-url.ts + 1 modules
var store_url = __webpack_require__(7002);
// EXTERNAL MODULE: ./src/action/constants.ts
var constants = __webpack_require__(915);
;// CONCATENATED MODULE: ./src/action/inputs.ts




/** The defaults of action.yml (a test keeps the two equal); used when an input arrives empty. */
const INPUT_DEFAULTS = {
    [constants/* Inputs */.G0.Models]: 'models/*',
    [constants/* Inputs */.G0.Store]: '.modelgate',
    [constants/* Inputs */.G0.Comment]: 'on-change',
    [constants/* Inputs */.G0.Checks]: 'true',
    [constants/* Inputs */.G0.FailOn]: 'fail',
    [constants/* Inputs */.G0.PromoteOn]: 'push',
    [constants/* Inputs */.G0.Mode]: 'auto',
    [constants/* Inputs */.G0.ResultsFile]: 'modelgate-results.json',
};
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
class Problems {
    list = [];
    add(name, message) {
        this.list.push(`input "${name}": ${message}`);
    }
}
function oneOf(read, name, allowed, problems) {
    const raw = read(name) || INPUT_DEFAULTS[name];
    const value = raw.toLowerCase();
    if (allowed.includes(value))
        return value;
    problems.add(name, `"${raw}" is not one of ${allowed.join(', ')}`);
    return INPUT_DEFAULTS[name];
}
/** YAML 1.2 core-schema booleans, like core.getBooleanInput, but '' means the default. */
function bool(read, name, fallback, problems) {
    const raw = read(name);
    if (raw === '')
        return fallback;
    if (TRUE.includes(raw))
        return true;
    if (FALSE.includes(raw))
        return false;
    problems.add(name, `"${raw}" is not a boolean; use true or false`);
    return undefined;
}
/** Newline- or comma-separated list, blanks dropped. */
function splitList(text) {
    return text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
/** store-url's messages name CLI flags; in the Action the same words are input names. */
function asInputMessage(message) {
    return message.replace(/--(store|s3-endpoint|s3-region|s3-force-path-style)\b/g, 'input "$1"');
}
function parseStore(read, workspace, problems) {
    const forcePathStyle = bool(read, constants/* Inputs */.G0.S3ForcePathStyle, false, problems);
    const endpoint = read(constants/* Inputs */.G0.S3Endpoint);
    const region = read(constants/* Inputs */.G0.S3Region);
    try {
        const location = (0,store_url.parseStoreUrl)(read(constants/* Inputs */.G0.Store) || INPUT_DEFAULTS[constants/* Inputs */.G0.Store], {
            ...(endpoint ? { s3Endpoint: endpoint } : {}),
            ...(region ? { s3Region: region } : {}),
            // false is the SDK's own default, so only `true` is passed on (and only it is an error for a directory store).
            ...(forcePathStyle ? { s3ForcePathStyle: true } : {}),
        });
        if (location.kind === 'fs')
            location.dir = external_node_path_default().resolve(workspace, location.dir);
        return location;
    }
    catch (error) {
        if (!(error instanceof errors/* UserError */.yo))
            throw error;
        problems.list.push(asInputMessage((0,errors/* describeError */.Uc)(error)));
        return undefined;
    }
}
/**
 * Parse and check every input at once, so one run reports every bad value together. A problem throws a
 * UserError whose message names each input; nothing has happened yet at that point.
 */
function parseInputs(read, workspace) {
    const problems = new Problems();
    const models = splitList(read(constants/* Inputs */.G0.Models) || INPUT_DEFAULTS[constants/* Inputs */.G0.Models]);
    for (const pattern of models) {
        if (external_node_path_default().isAbsolute(pattern) || pattern.split(/[\\/]/).includes('..')) {
            problems.add(constants/* Inputs */.G0.Models, `"${pattern}" must be a path inside the workspace (relative, without "..")`);
        }
    }
    const store = parseStore(read, workspace, problems);
    const githubToken = read(constants/* Inputs */.G0.GitHubToken);
    const comment = oneOf(read, constants/* Inputs */.G0.Comment, constants/* COMMENT_POLICIES */.zd, problems);
    const checks = bool(read, constants/* Inputs */.G0.Checks, true, problems);
    const failOn = oneOf(read, constants/* Inputs */.G0.FailOn, constants/* FAIL_ON */.d$, problems);
    const promoteOn = oneOf(read, constants/* Inputs */.G0.PromoteOn, constants/* PROMOTE_ON */.Lx, problems);
    const mode = oneOf(read, constants/* Inputs */.G0.Mode, constants/* MODES */.FN, problems);
    const resultsText = read(constants/* Inputs */.G0.ResultsFile) || INPUT_DEFAULTS[constants/* Inputs */.G0.ResultsFile];
    const resultsFile = external_node_path_default().resolve(workspace, resultsText);
    if (resultsText.endsWith('/') || resultsText.endsWith('.md')) {
        problems.add(constants/* Inputs */.G0.ResultsFile, `"${resultsText}" must name a JSON file (the report goes beside it as .md)`);
    }
    // Checked together: values that are fine alone but not in combination.
    const needsApi = comment !== 'never' || checks === true || mode === 'deploy' || mode === 'rollback';
    if (githubToken === '' && needsApi) {
        const uses = mode === 'deploy' || mode === 'rollback'
            ? `mode: ${mode} creates a GitHub deployment`
            : 'comments and check runs need it';
        problems.add(constants/* Inputs */.G0.GitHubToken, `is empty but ${uses}; pass \${{ github.token }}, or set comment: never and checks: false`);
    }
    if (mode === 'report' && comment === 'never' && checks === false) {
        problems.add(constants/* Inputs */.G0.Mode, '"report" posts the comment and check runs, but comment is never and checks is false: nothing to do');
    }
    if (problems.list.length === 1)
        throw new errors/* UserError */.yo(problems.list[0]);
    if (problems.list.length > 1)
        throw new errors/* UserError */.yo(`${problems.list.length} problems with the inputs: ${problems.list.join('; ')}`);
    return {
        models,
        store: store,
        githubToken,
        comment,
        checks: checks,
        failOn,
        promoteOn,
        mode,
        resultsFile,
        reportFile: resultsFile.replace(/\.json$/i, '') + '.md',
    };
}

// EXTERNAL MODULE: ./src/action/session.ts
var action_session = __webpack_require__(9462);
;// CONCATENATED MODULE: ./src/action/run-action.ts




/**
 * The action after its first log line: read the event, parse the inputs, decide what to do, do it. Loaded
 * lazily by main.ts so the runner shows the banner before the pipeline, the AWS SDK and Octokit load.
 */
async function runAction(services) {
    const ctx = await readActionContext(services.env, services.cwd);
    const settings = parseInputs(services.readInput, ctx.workspace);
    if (settings.githubToken)
        services.setSecret(settings.githubToken);
    const plan = planRun(settings, ctx);
    const { logger } = services;
    logger.info(`${ctx.eventName} on ${(0,action_session/* repositoryOf */._)(ctx)} (${ctx.ref || ctx.sha}), mode: ${settings.mode} → ${plan.kind}`);
    const session = (0,action_session/* createSession */.j)(settings, ctx, services);
    switch (plan.kind) {
        case 'skip':
            logger.info(`nothing to do: ${plan.reason}`);
            return;
        case 'train': {
            const { trainMode } = await Promise.all(/* import() */[__webpack_require__.e(319), __webpack_require__.e(366)]).then(__webpack_require__.bind(__webpack_require__, 4366));
            return trainMode(session, plan);
        }
        case 'report': {
            const { reportMode } = await Promise.all(/* import() */[__webpack_require__.e(319), __webpack_require__.e(632)]).then(__webpack_require__.bind(__webpack_require__, 8632));
            return reportMode(session);
        }
        case 'deploy': {
            const { deployMode } = await __webpack_require__.e(/* import() */ 581).then(__webpack_require__.bind(__webpack_require__, 4962));
            return deployMode(session, plan);
        }
        case 'rollback': {
            const { rollbackMode } = await __webpack_require__.e(/* import() */ 581).then(__webpack_require__.bind(__webpack_require__, 4962));
            return rollbackMode(session, plan);
        }
    }
}


/***/ }),

/***/ 9462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ repositoryOf),
/* harmony export */   j: () => (/* binding */ createSession)
/* harmony export */ });
function createSession(settings, ctx, services) {
    let client;
    return {
        settings,
        ctx,
        services,
        github: () => (client ??= services.createOctokit(settings.githubToken, ctx.apiUrl)),
    };
}
/** `owner/name` of the repository the workflow runs in. */
function repositoryOf(ctx) {
    return `${ctx.owner}/${ctx.repo}`;
}


/***/ })

};
