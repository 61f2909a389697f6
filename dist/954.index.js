export const id = 954;
export const ids = [954];
export const modules = {

/***/ 43954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
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

// EXTERNAL MODULE: ./src/bot/parse.ts
var parse = __webpack_require__(75506);
;// CONCATENATED MODULE: ./src/action/dispatch.ts


const PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened'];
const AUTO_EVENTS = [
    'pull_request',
    'push',
    'workflow_dispatch',
    'schedule',
    'workflow_run',
    'release',
    'issue_comment',
];
/** issue_comment: a `/modelgate` command on a pull request by a person, or why there is nothing to do. */
function commandPlan(ctx) {
    const { payload } = ctx;
    if (payload.action !== 'created')
        return {
            kind: 'skip',
            reason: `issue_comment "${payload.action}" events need no run (commands are read when created)`,
        };
    const { issue, comment } = payload;
    if (!issue?.pull_request || !comment)
        return { kind: 'skip', reason: 'the comment is on an issue, not a pull request' };
    // Bots never command, modelgate's own replies included (whatever token wrote them).
    if ((0,parse/* isBotAuthor */.L5)(comment.user) || (comment.body ?? '').includes(parse/* REPLY_MARKER */.Qs))
        return {
            kind: 'skip',
            reason: `the comment is by a bot (${comment.user?.login ?? 'unknown'}); bots' comments are ignored`,
        };
    const command = (0,parse/* parseCommand */.RM)(comment.body ?? '');
    if (!command)
        return { kind: 'skip', reason: 'the comment has no /modelgate command' };
    return {
        kind: 'command',
        command,
        pullNumber: issue.number,
        commentId: comment.id,
        author: comment.user?.login ?? ctx.actor,
    };
}
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
/**
 * `mode: auto`: train on pull requests, pushes, manual and scheduled runs; deploy the champion on a published
 * release (train and promote instead with `promote-on: release`); report on workflow_run.
 */
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
            // A release ships the champion. Only a repository that promotes on releases trains on one instead.
            return settings.promoteOn === 'release' ? trainPlan(settings, ctx) : deployPlan(ctx);
        case 'workflow_run':
            return { kind: 'report' };
        case 'issue_comment':
            return commandPlan(ctx);
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
function deployPlan(ctx) {
    const tag = ctx.payload.release?.tag_name ??
        (ctx.ref.startsWith('refs/tags/') ? ctx.ref.slice('refs/tags/'.length) : null);
    return { kind: 'deploy', ref: tag ?? ctx.sha, tag };
}
function planRun(settings, ctx) {
    switch (settings.mode) {
        case 'auto':
            return autoPlan(settings, ctx);
        case 'train':
            return trainPlan(settings, ctx);
        case 'plan':
            return { kind: 'plan' };
        case 'report': {
            if (settings.plan === null)
                return { kind: 'report' };
            return { kind: 'gather', train: trainPlan(settings, ctx) };
        }
        case 'deploy':
            return deployPlan(ctx);
        case 'rollback':
            return { kind: 'rollback', ref: ctx.sha };
    }
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/deploy/webhook.ts
var webhook = __webpack_require__(57074);
// EXTERNAL MODULE: ./src/store/store-url.ts + 1 modules
var store_url = __webpack_require__(47002);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(38816);
;// CONCATENATED MODULE: ./src/action/plan-json.ts

const params = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP(), schemas/* boolean */.zMY(), schemas/* array */.YOg(schemas/* number */.aig())]));
const planSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz(1),
    entries: schemas/* array */.YOg(schemas/* object */.Ikc({
        entry: schemas/* string */.YjP().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
        model: schemas/* string */.YjP().min(1),
        trial: schemas/* number */.aig().int().nonnegative(),
        seed: schemas/* number */.aig().int().nonnegative(),
        params,
    })),
    skipped: schemas/* array */.YOg(schemas/* object */.Ikc({ model: schemas/* string */.YjP(), reason: schemas/* string */.YjP() })),
    reasons: schemas/* array */.YOg(schemas/* object */.Ikc({ model: schemas/* string */.YjP(), reason: schemas/* string */.YjP() })),
})
    .strict();
/** The plan job's `plan-json` output, as the report job gets it back; a message when it is not one. */
function parsePlanJson(text) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch {
        return "is not JSON; pass the plan job's plan-json output";
    }
    const parsed = planSchema.safeParse(raw);
    if (!parsed.success)
        return `is not a modelgate plan (${parsed.error.issues[0]?.path.join('.') || 'top level'}: ${parsed.error.issues[0]?.message}); pass the plan job's plan-json output`;
    return parsed.data;
}

// EXTERNAL MODULE: ./src/action/constants.ts
var constants = __webpack_require__(90915);
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
    [constants/* Inputs */.G0.AllowOutsideWorkspace]: 'false',
    [constants/* Inputs */.G0.DeployEnvironment]: 'production',
    [constants/* Inputs */.G0.AllowInconclusive]: 'false',
    [constants/* Inputs */.G0.ChangedOnly]: 'false',
    [constants/* Inputs */.G0.ReportUrlExpiryHours]: '168',
    [constants/* Inputs */.G0.ReportArtifact]: 'modelgate-report',
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
/** `deploy-to`: a directory or s3:// URL; the s3-* inputs apply to it too when it is on S3. */
function parseDeployTo(read, workspace, problems) {
    const raw = read(constants/* Inputs */.G0.DeployTo);
    if (raw === '')
        return null;
    const endpoint = read(constants/* Inputs */.G0.S3Endpoint);
    const region = read(constants/* Inputs */.G0.S3Region);
    const s3 = raw.startsWith('s3://');
    try {
        const location = (0,store_url.parseStoreUrl)(raw, s3
            ? {
                ...(endpoint ? { s3Endpoint: endpoint } : {}),
                ...(region ? { s3Region: region } : {}),
                ...(TRUE.includes(read(constants/* Inputs */.G0.S3ForcePathStyle)) ? { s3ForcePathStyle: true } : {}),
            }
            : {});
        if (location.kind === 'fs')
            location.dir = external_node_path_default().resolve(workspace, location.dir);
        return location;
    }
    catch (error) {
        if (!(error instanceof errors/* UserError */.yo))
            throw error;
        problems.add(constants/* Inputs */.G0.DeployTo, (0,errors/* describeError */.Uc)(error).replace(/--store /g, ''));
        return null;
    }
}
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
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
    const allowOutsideWorkspace = bool(read, constants/* Inputs */.G0.AllowOutsideWorkspace, false, problems);
    const failOn = oneOf(read, constants/* Inputs */.G0.FailOn, constants/* FAIL_ON */.d$, problems);
    const promoteOn = oneOf(read, constants/* Inputs */.G0.PromoteOn, constants/* PROMOTE_ON */.Lx, problems);
    const mode = oneOf(read, constants/* Inputs */.G0.Mode, constants/* MODES */.FN, problems);
    const resultsText = read(constants/* Inputs */.G0.ResultsFile) || INPUT_DEFAULTS[constants/* Inputs */.G0.ResultsFile];
    const resultsFile = external_node_path_default().resolve(workspace, resultsText);
    if (resultsText.endsWith('/') || resultsText.endsWith('.md')) {
        problems.add(constants/* Inputs */.G0.ResultsFile, `"${resultsText}" must name a JSON file (the report goes beside it as .md)`);
    }
    const deployTo = parseDeployTo(read, workspace, problems);
    const deployWebhook = read(constants/* Inputs */.G0.DeployWebhook) || null;
    const webhookProblem = deployWebhook === null ? null : (0,webhook/* webhookUrlProblem */.g2)(deployWebhook);
    if (webhookProblem !== null)
        problems.add(constants/* Inputs */.G0.DeployWebhook, webhookProblem);
    const deployEnvironment = read(constants/* Inputs */.G0.DeployEnvironment) || INPUT_DEFAULTS[constants/* Inputs */.G0.DeployEnvironment];
    if (deployEnvironment.length > 255 || /[\u0000-\u001f]/.test(deployEnvironment))
        problems.add(constants/* Inputs */.G0.DeployEnvironment, 'must be an environment name of at most 255 characters');
    const allowInconclusive = bool(read, constants/* Inputs */.G0.AllowInconclusive, false, problems);
    const reportBaseUrl = read(constants/* Inputs */.G0.ReportBaseUrl).replace(/\/+$/, '') || null;
    if (reportBaseUrl !== null && !/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(reportBaseUrl))
        problems.add(constants/* Inputs */.G0.ReportBaseUrl, 'must be an https:// URL without query or fragment');
    const expiryText = read(constants/* Inputs */.G0.ReportUrlExpiryHours) || INPUT_DEFAULTS[constants/* Inputs */.G0.ReportUrlExpiryHours];
    const expiryHours = Number(expiryText);
    // S3 signature version 4 allows at most 7 days.
    if (!Number.isInteger(expiryHours) || expiryHours < 1 || expiryHours > 168)
        problems.add(constants/* Inputs */.G0.ReportUrlExpiryHours, `"${expiryText}" must be a whole number of hours from 1 to 168`);
    const reportArtifact = read(constants/* Inputs */.G0.ReportArtifact);
    if (reportArtifact && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(reportArtifact))
        problems.add(constants/* Inputs */.G0.ReportArtifact, `"${reportArtifact}" is not an artifact name (letters, digits, ".", "_", "-")`);
    const model = read(constants/* Inputs */.G0.Model) || null;
    if (model !== null && !NAME.test(model))
        problems.add(constants/* Inputs */.G0.Model, `"${model}" is not a model name (letters, digits, ".", "_" and "-")`);
    const toRun = read(constants/* Inputs */.G0.ToRun) || null;
    if (toRun !== null && !NAME.test(toRun))
        problems.add(constants/* Inputs */.G0.ToRun, `"${toRun}" is not a run id`);
    if (toRun !== null && model === null)
        problems.add(constants/* Inputs */.G0.ToRun, 'names a run of one model, so input "model" must name that model');
    const changedOnly = bool(read, constants/* Inputs */.G0.ChangedOnly, false, problems);
    const entry = read(constants/* Inputs */.G0.Entry) || null;
    if (entry !== null && !NAME.test(entry))
        problems.add(constants/* Inputs */.G0.Entry, `"${entry}" is not a plan entry id`);
    let plan = null;
    const planText = read(constants/* Inputs */.G0.Plan);
    if (planText !== '') {
        const parsed = parsePlanJson(planText);
        if (typeof parsed === 'string')
            problems.add(constants/* Inputs */.G0.Plan, parsed);
        else
            plan = parsed;
    }
    if (entry !== null && mode !== 'train')
        problems.add(constants/* Inputs */.G0.Entry, `is for mode: train (a matrix job), not mode: ${mode}`);
    if (plan !== null && mode !== 'report')
        problems.add(constants/* Inputs */.G0.Plan, `is for mode: report (the job after the matrix), not mode: ${mode}`);
    // Checked together: values that are fine alone but not in combination.
    // A plan job and a matrix job post nothing: only the report job needs the token.
    const posts = mode !== 'plan' && !(mode === 'train' && entry !== null);
    const needsApi = (posts && (comment !== 'never' || checks === true)) || mode === 'deploy' || mode === 'rollback';
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
        allowOutsideWorkspace: allowOutsideWorkspace,
        reportFile: resultsFile.replace(/\.json$/i, '') + '.md',
        htmlFile: resultsFile.replace(/\.json$/i, '') + '.html',
        reportBaseUrl,
        reportUrlExpirySeconds: expiryHours * 3600,
        reportArtifact: reportArtifact === 'none' ? null : reportArtifact || INPUT_DEFAULTS[constants/* Inputs */.G0.ReportArtifact],
        deployTo,
        deployWebhook,
        deployEnvironment,
        allowInconclusive: allowInconclusive ?? false,
        model,
        toRun,
        changedOnly: changedOnly ?? false,
        entry,
        plan,
    };
}

// EXTERNAL MODULE: ./src/action/session.ts
var action_session = __webpack_require__(59462);
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
            const { trainMode } = await __webpack_require__.e(/* import() */ 579).then(__webpack_require__.bind(__webpack_require__, 42579));
            return trainMode(session, plan);
        }
        case 'report': {
            const { reportMode } = await Promise.all(/* import() */[__webpack_require__.e(579), __webpack_require__.e(108)]).then(__webpack_require__.bind(__webpack_require__, 82108));
            return reportMode(session);
        }
        case 'plan': {
            const { planMode } = await __webpack_require__.e(/* import() */ 331).then(__webpack_require__.bind(__webpack_require__, 76331));
            return planMode(session);
        }
        case 'gather': {
            const { gatherMode } = await Promise.all(/* import() */[__webpack_require__.e(579), __webpack_require__.e(108)]).then(__webpack_require__.bind(__webpack_require__, 82108));
            return gatherMode(session, plan.train);
        }
        case 'deploy': {
            const { deployMode } = await __webpack_require__.e(/* import() */ 423).then(__webpack_require__.bind(__webpack_require__, 27423));
            return deployMode(session, plan);
        }
        case 'rollback': {
            const { rollbackMode } = await __webpack_require__.e(/* import() */ 835).then(__webpack_require__.bind(__webpack_require__, 82835));
            return rollbackMode(session, plan);
        }
        case 'command': {
            const { commandMode } = await Promise.all(/* import() */[__webpack_require__.e(579), __webpack_require__.e(773)]).then(__webpack_require__.bind(__webpack_require__, 62154));
            return commandMode(session, plan);
        }
    }
}


/***/ }),

/***/ 59462:
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

/***/ 75506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L5: () => (/* binding */ isBotAuthor),
/* harmony export */   Qs: () => (/* binding */ REPLY_MARKER),
/* harmony export */   RM: () => (/* binding */ parseCommand)
/* harmony export */ });
/* unused harmony export COMMANDS */
/** The `/modelgate …` commands of a pull request comment, parsed without ever executing or echoing raw text. */
const COMMANDS = ['help', 'rerun', 'promote', 'explain'];
/** The marker of the bot's replies: a comment carrying it is never read as a command. */
const REPLY_MARKER = '<!-- modelgate:reply -->';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PREFIX = /^\/modelgate(?=\s|$)/;
/**
 * The first line that starts with `/modelgate` (outside code blocks and quotes), or null when there is none.
 * `/modelgate` alone means help.
 */
function parseCommand(body) {
    if (body.includes(REPLY_MARKER))
        return null;
    let fenced = false;
    for (const raw of body.split(/\r?\n/)) {
        const line = raw.trim();
        if (/^(```|~~~)/.test(line))
            fenced = !fenced;
        if (fenced || !PREFIX.test(line))
            continue;
        const words = line.slice('/modelgate'.length).trim().split(/\s+/).filter(Boolean);
        const [name = 'help', model, ...rest] = words;
        const known = COMMANDS.includes(name.toLowerCase());
        if (!known || rest.length > 0 || (model !== undefined && !NAME.test(model)))
            return { name: 'unknown', text: line.slice(0, 200) };
        return { name: name.toLowerCase(), model: model ?? null };
    }
    return null;
}
/** Whether a comment's author is a bot (GitHub Apps and the Actions token write as `<name>[bot]`). */
function isBotAuthor(user) {
    return user?.type === 'Bot' || (user?.login ?? '').endsWith('[bot]');
}


/***/ }),

/***/ 57074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UY: () => (/* binding */ SECRET_VARIABLE),
/* harmony export */   WW: () => (/* binding */ postWebhook),
/* harmony export */   g2: () => (/* binding */ webhookUrlProblem)
/* harmony export */ });
/* unused harmony exports SIGNATURE_HEADER, WEBHOOK_RETRY_DELAYS_MS, deliveryId, signature */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);


/** The header carrying the payload's HMAC-SHA256 under MODELGATE_WEBHOOK_SECRET, as GitHub's own webhooks do. */
const SIGNATURE_HEADER = 'X-Modelgate-Signature-256';
const SECRET_VARIABLE = 'MODELGATE_WEBHOOK_SECRET';
/** Pauses before the 2nd, 3rd and 4th attempt after a 5xx or a dropped connection. */
const WEBHOOK_RETRY_DELAYS_MS = [1000, 4000, 15000];
/** A version-4 UUID from 16 random bytes, like GitHub's X-GitHub-Delivery. */
function deliveryId(random) {
    const h = random.hex(16).split('');
    h[12] = '4';
    h[16] = '89ab'[parseInt(h[16], 16) & 3];
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes. */
function signature(secret, body) {
    return `sha256=${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', secret).update(body).digest('hex')}`;
}
/**
 * POST the payload, signed. 5xx answers and network errors are retried with backoff; any other non-2xx, or a
 * 5xx after the last retry, throws, which fails the deployment.
 */
async function postWebhook(url, secret, payload, deps) {
    const body = JSON.stringify(payload);
    const headers = {
        'content-type': 'application/json',
        'user-agent': 'modelgate-webhook',
        'x-modelgate-event': payload.event,
        'x-modelgate-delivery': deliveryId(deps.random),
        [SIGNATURE_HEADER.toLowerCase()]: signature(secret, body),
    };
    const where = `deploy-webhook ${new URL(url).origin}`;
    for (let attempt = 1;; attempt++) {
        let failure;
        try {
            const response = await deps.fetch(url, { method: 'POST', headers, body, redirect: 'manual' });
            await response.arrayBuffer().catch(() => undefined);
            if (response.status >= 200 && response.status < 300)
                return { status: response.status, attempts: attempt };
            failure = `HTTP ${response.status}`;
            if (response.status < 500)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${where} refused the ${payload.event} of ${payload.model}: ${failure}`);
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo)
                throw error;
            failure =
                error instanceof Error
                    ? (error.cause?.message ?? error.message)
                    : String(error);
        }
        const delay = WEBHOOK_RETRY_DELAYS_MS[attempt - 1];
        if (delay === undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${where} failed for the ${payload.event} of ${payload.model} after ${attempt} attempts: ${failure}`);
        deps.logger.warn(`${where}: ${failure}; retrying in ${delay / 1000} s (attempt ${attempt + 1})`);
        await deps.sleep(delay);
    }
}
/** https:// anywhere; http:// only to this machine (a test receiver, a local agent). */
function webhookUrlProblem(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return `"${value}" is not a URL`;
    }
    if (url.username || url.password)
        return 'must not contain credentials (user:password@)';
    if (url.protocol === 'https:')
        return null;
    if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
        return null;
    return 'must be an https:// URL (http:// only to 127.0.0.1 or localhost)';
}


/***/ })

};
