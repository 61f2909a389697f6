export const id = 855;
export const ids = [855,2];
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
            const { trainMode } = await Promise.all(/* import() */[__webpack_require__.e(348), __webpack_require__.e(156), __webpack_require__.e(319), __webpack_require__.e(467)]).then(__webpack_require__.bind(__webpack_require__, 7467));
            return trainMode(session, plan);
        }
        case 'report': {
            const { reportMode } = await Promise.all(/* import() */[__webpack_require__.e(348), __webpack_require__.e(156), __webpack_require__.e(319), __webpack_require__.e(632)]).then(__webpack_require__.bind(__webpack_require__, 8632));
            return reportMode(session);
        }
        case 'deploy': {
            const { deployMode } = await Promise.all(/* import() */[__webpack_require__.e(348), __webpack_require__.e(156), __webpack_require__.e(581)]).then(__webpack_require__.bind(__webpack_require__, 4962));
            return deployMode(session, plan);
        }
        case 'rollback': {
            const { rollbackMode } = await Promise.all(/* import() */[__webpack_require__.e(348), __webpack_require__.e(156), __webpack_require__.e(581)]).then(__webpack_require__.bind(__webpack_require__, 4962));
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


/***/ }),

/***/ 5163:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FR: () => (/* binding */ failsRun),
/* harmony export */   Gc: () => (/* binding */ checkConclusion),
/* harmony export */   d$: () => (/* binding */ FAIL_ON)
/* harmony export */ });
/* unused harmony export reportedVerdict */
/**
 * How a verdict counts once the gate has spoken: for check runs, the step and the CLI's exit code. One place,
 * so the Action and the CLI cannot disagree.
 */
/** Which verdicts fail the step (Action `fail-on`, CLI `--fail-on`). */
const FAIL_ON = ['fail', 'inconclusive', 'never'];
/** The verdict as reported: `on_inconclusive: pass | fail` turns inconclusive into that verdict. */
function reportedVerdict(verdict, onInconclusive = 'neutral') {
    return verdict === 'inconclusive' && onInconclusive !== 'neutral' ? onInconclusive : verdict;
}
/** Whether a model's outcome fails the step (or the CLI run) under `fail-on`. */
function failsRun(model, failOn) {
    const verdict = reportedVerdict(model.verdict, model.onInconclusive);
    return (failOn !== 'never' && (verdict === 'fail' || (failOn === 'inconclusive' && verdict === 'inconclusive')));
}
/** A check run's conclusion: fail → failure; inconclusive → neutral, or failure when `fail-on: inconclusive`. */
function checkConclusion(model, failOn) {
    const verdict = reportedVerdict(model.verdict, model.onInconclusive);
    if (verdict === 'fail')
        return 'failure';
    if (verdict === 'inconclusive')
        return failOn === 'inconclusive' ? 'failure' : 'neutral';
    return 'success';
}


/***/ }),

/***/ 7002:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bucketNameProblem: () => (/* binding */ bucketNameProblem),
  openStore: () => (/* binding */ openStore),
  parseStoreUrl: () => (/* binding */ parseStoreUrl)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/store/fs-store.ts




const LOCK_WAIT_MS = 10_000;
function etagOf(body) {
    return (0,external_node_crypto_.createHash)('sha256').update(body).digest('hex');
}
function isCode(error, code) {
    return typeof error === 'object' && error !== null && error.code === code;
}
/**
 * An ObjectStore in a local directory. Writes go to a temporary file first and are linked or renamed into
 * place, so a reader never sees half an object. Conditional writes on one key are serialised with a lock
 * file, which makes compare-and-swap safe between processes on the same machine.
 */
class FsObjectStore {
    root;
    location;
    constructor(root) {
        this.root = root;
        this.location = root;
    }
    file(key) {
        if (key.startsWith('/') || key.split('/').includes('..'))
            throw new Error(`invalid store key: ${key}`);
        return external_node_path_default().join(this.root, ...key.split('/'));
    }
    async get(key) {
        try {
            const body = new Uint8Array(await external_node_fs_.promises.readFile(this.file(key)));
            return { body, etag: etagOf(body) };
        }
        catch (error) {
            if (isCode(error, 'ENOENT'))
                return null;
            throw error;
        }
    }
    async put(key, body, condition) {
        const target = this.file(key);
        await external_node_fs_.promises.mkdir(external_node_path_default().dirname(target), { recursive: true });
        const tmp = `${target}.tmp-${process.pid}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
        await external_node_fs_.promises.writeFile(tmp, body);
        try {
            if (condition && 'ifNoneMatch' in condition) {
                // link() fails when the target exists: an atomic create-only write.
                try {
                    await external_node_fs_.promises.link(tmp, target);
                }
                catch (error) {
                    if (isCode(error, 'EEXIST'))
                        throw new errors/* PreconditionFailedError */.k9(key);
                    throw error;
                }
            }
            else if (condition && 'ifMatch' in condition) {
                await this.withLock(target, async () => {
                    const current = await this.get(key);
                    if (!current || current.etag !== condition.ifMatch)
                        throw new errors/* PreconditionFailedError */.k9(key);
                    await external_node_fs_.promises.rename(tmp, target);
                });
            }
            else {
                await this.withLock(target, () => external_node_fs_.promises.rename(tmp, target));
            }
        }
        finally {
            await external_node_fs_.promises.rm(tmp, { force: true });
        }
        return { etag: etagOf(body) };
    }
    async list(prefix) {
        const keys = [];
        const walk = async (dir, rel) => {
            let entries;
            try {
                entries = await external_node_fs_.promises.readdir(dir, { withFileTypes: true });
            }
            catch (error) {
                if (isCode(error, 'ENOENT'))
                    return;
                throw error;
            }
            for (const entry of entries) {
                const key = rel ? `${rel}/${entry.name}` : entry.name;
                if (entry.isDirectory())
                    await walk(external_node_path_default().join(dir, entry.name), key);
                else if (!entry.name.includes('.tmp-') && !entry.name.endsWith('.lock'))
                    keys.push(key);
            }
        };
        // Walk only the directory the prefix names, then filter by the full prefix.
        const dirPart = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
        await walk(dirPart ? this.file(dirPart) : this.root, dirPart);
        return keys.filter((k) => k.startsWith(prefix)).sort();
    }
    async withLock(target, work) {
        const lock = `${target}.lock`;
        const started = Date.now();
        for (let attempt = 0;; attempt++) {
            try {
                const handle = await external_node_fs_.promises.open(lock, 'wx');
                await handle.close();
                break;
            }
            catch (error) {
                if (!isCode(error, 'EEXIST'))
                    throw error;
                if (Date.now() - started > LOCK_WAIT_MS) {
                    throw new errors/* UserError */.yo(`store lock ${lock} is held for more than ${LOCK_WAIT_MS / 1000}s; if no modelgate process is running, delete it`);
                }
                await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt * 2)));
            }
        }
        try {
            return await work();
        }
        finally {
            await external_node_fs_.promises.rm(lock, { force: true });
        }
    }
}

;// CONCATENATED MODULE: ./src/store/store-url.ts


/** Why a bucket name breaks S3's naming rules, or null when it is valid. */
function bucketNameProblem(name) {
    if (name.length < 3 || name.length > 63)
        return `must be 3 to 63 characters long (it has ${name.length})`;
    if (!/^[a-z0-9.-]+$/.test(name))
        return 'may contain only lowercase letters, digits, dots and hyphens';
    if (!/^[a-z0-9].*[a-z0-9]$/.test(name))
        return 'must begin and end with a letter or digit';
    if (name.includes('..'))
        return 'must not contain two adjacent dots';
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name))
        return 'must not look like an IP address';
    if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name))
        return 'must not start with xn--, sthree- or amzn-s3-demo-';
    if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name))
        return 'must not end with an S3-reserved suffix';
    return null;
}
function parseEndpoint(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors/* UserError */.yo(`--s3-endpoint "${value}" is not a URL; expected e.g. http://127.0.0.1:9000`);
    }
    // Checked first, and the value never echoed here: a URL with user:password@ would print the password.
    if (url.username || url.password) {
        throw new errors/* UserError */.yo('--s3-endpoint must not contain credentials (user:password@); use the AWS credential variables');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new errors/* UserError */.yo(`--s3-endpoint "${value}" must start with http:// or https://`);
    }
    return value;
}
/**
 * Parse a --store value: `s3://bucket[/prefix]` or a local directory. The S3 flags apply only to s3:// stores,
 * and only the flags given are passed on, so the SDK's environment (AWS_REGION, AWS_ENDPOINT_URL_S3, ...) keeps
 * deciding everything else.
 */
function parseStoreUrl(value, flags = {}) {
    const trimmed = value.trim();
    if (!trimmed)
        throw new errors/* UserError */.yo('--store is empty; expected s3://bucket/prefix or a directory like ./.modelgate');
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(trimmed)?.[1];
    if (!scheme) {
        const given = ['s3Endpoint', 's3Region', 's3ForcePathStyle'].filter((f) => flags[f] !== undefined);
        if (given.length > 0) {
            const names = given.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ');
            throw new errors/* UserError */.yo(`${names} only apply to s3:// stores, but --store "${trimmed}" is a local directory`);
        }
        return { kind: 'fs', dir: trimmed };
    }
    if (scheme !== 's3') {
        throw new errors/* UserError */.yo(`--store "${trimmed}": only s3:// URLs and local directories are supported, not ${scheme}://`);
    }
    const rest = trimmed.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    if (!bucket)
        throw new errors/* UserError */.yo(`--store "${trimmed}" names no bucket; expected s3://bucket/prefix`);
    const problem = bucketNameProblem(bucket);
    if (problem)
        throw new errors/* UserError */.yo(`--store "${trimmed}": bucket name "${bucket}" ${problem}`);
    const prefix = slash === -1 ? '' : rest.slice(slash + 1).replace(/\/+$/, '');
    if (prefix) {
        const segments = prefix.split('/');
        if (segments.some((s) => s === '' || s === '.' || s === '..')) {
            throw new errors/* UserError */.yo(`--store "${trimmed}": the prefix "${prefix}" has an empty, "." or ".." segment`);
        }
        if (/[\u0000-\u001f\\]/.test(prefix)) {
            throw new errors/* UserError */.yo(`--store "${trimmed}": the prefix "${prefix}" contains a control character or backslash`);
        }
    }
    const location = { kind: 's3', bucket, prefix };
    if (flags.s3Endpoint !== undefined)
        location.endpoint = parseEndpoint(flags.s3Endpoint);
    if (flags.s3Region !== undefined) {
        if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(flags.s3Region)) {
            throw new errors/* UserError */.yo(`--s3-region "${flags.s3Region}" is not a region name like eu-west-1`);
        }
        location.region = flags.s3Region;
    }
    if (flags.s3ForcePathStyle !== undefined)
        location.forcePathStyle = flags.s3ForcePathStyle;
    return location;
}
/**
 * The ObjectStore a parsed --store value names. The AWS SDK is loaded only when an S3 store is used: it is
 * most of the bundle, and a filesystem run should not pay for it at start-up.
 */
async function openStore(location) {
    if (location.kind === 'fs')
        return new FsObjectStore(location.dir);
    const { S3ObjectStore } = await Promise.all(/* import() */[__webpack_require__.e(358), __webpack_require__.e(496)]).then(__webpack_require__.bind(__webpack_require__, 4496));
    return new S3ObjectStore(location);
}


/***/ })

};
