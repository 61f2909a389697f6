export const id = 108;
export const ids = [108];
export const modules = {

/***/ 82108:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gatherMode: () => (/* binding */ gatherMode),
  reportMode: () => (/* binding */ reportMode)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/github/api.ts
var api = __webpack_require__(28943);
// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(92935);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/config/sweep.ts
var sweep = __webpack_require__(5518);
// EXTERNAL MODULE: ./src/data/dataset.ts
var data_dataset = __webpack_require__(99724);
// EXTERNAL MODULE: ./src/evaluate/metrics.ts + 2 modules
var metrics = __webpack_require__(54323);
// EXTERNAL MODULE: ./src/gate/compare.ts + 2 modules
var compare = __webpack_require__(48169);
;// CONCATENATED MODULE: ./src/util/sample-stats.ts
/** The mean of a list of numbers (NaN for none). */
function mean(values) {
    return values.reduce((a, b) => a + b, 0) / values.length;
}
/** Sample variance (n − 1); 0 for fewer than two values. */
function sampleVariance(values) {
    if (values.length < 2)
        return 0;
    const m = mean(values);
    return values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1);
}

// EXTERNAL MODULE: ./src/gate/stats/normal.ts
var normal = __webpack_require__(76652);
// EXTERNAL MODULE: ./src/gate/stats/student-t.ts
var student_t = __webpack_require__(8573);
;// CONCATENATED MODULE: ./src/gate/seed-mean.ts



/**
 * The paired difference of the seeds' MEAN metric against the champion, for every overall gated metric that
 * all K seeds report: Δ̄ = mean of the seeds' differences, with
 *   se² = (mean of the seeds' standard errors)² + s²/K
 * where the first term bounds the eval-row sampling error of the mean for any correlation between the seeds
 * (sd of a sum ≤ the sum of sds; equal when the seeds' errors are perfectly correlated, which is close to
 * the truth for one spec on the same rows) and s²/K is the seed-to-seed spread of the differences (their
 * sample variance, which also holds some row noise, so the sum errs on the wide side). The challenger's own
 * value (for floors) is combined the same way. The gate then decides on this estimate as on any other.
 */
function seedMeanEstimates(gates, confidence) {
    const out = {};
    const first = gates[0];
    if (!first)
        return out;
    const z = (0,normal/* criticalValue */.z7)(confidence);
    const overall = (g, metric) => g.comparisons.find((c) => c.metric === metric && c.scope.kind === 'overall' && c.verdict !== 'not-gated');
    for (const c0 of first.comparisons) {
        if (c0.scope.kind !== 'overall' || c0.verdict === 'not-gated')
            continue;
        const per = gates.map((g) => overall(g, c0.metric));
        if (per.some((c) => c === undefined || !Number.isFinite(c.se)))
            continue;
        const cs = per;
        const sign = c0.higherIsBetter ? 1 : -1;
        const diffs = cs.map((c) => c.diff);
        const k = cs.length;
        const se = Math.sqrt(mean(cs.map((c) => c.se)) ** 2 + sampleVariance(diffs) / k);
        const dfs = cs.map((c) => c.df);
        const df = dfs.every((d) => d !== null) ? Math.min(...dfs) : undefined;
        const crit = df === undefined ? z : (0,student_t/* studentTQuantile */.$J)(1 - (1 - confidence) / 2, df);
        const oriented = mean(diffs);
        const challengers = cs.map((c) => c.challenger);
        const challengerSes = cs.map((c) => (c.challengerUpper - c.challengerLower) / (2 * z));
        const challenger = mean(challengers);
        const challengerSe = Math.sqrt(mean(challengerSes) ** 2 + sampleVariance(challengers) / k);
        out[c0.metric] = {
            champion: c0.champion,
            challenger,
            // PairedEstimate is in the metric's raw orientation (challenger − champion).
            diff: sign * oriented,
            lower: sign > 0 ? oriented - crit * se : -(oriented + crit * se),
            upper: sign > 0 ? oriented + crit * se : -(oriented - crit * se),
            se,
            method: 'seed-mean',
            challengerLower: challenger - z * challengerSe,
            challengerUpper: challenger + z * challengerSe,
            challengerSe,
            ...(df === undefined ? {} : { df }),
            rows: c0.n,
            diffs,
        };
    }
    return out;
}

// EXTERNAL MODULE: ./src/util/numbers.ts
var numbers = __webpack_require__(91986);
// EXTERNAL MODULE: ./src/pipeline/champion.ts
var pipeline_champion = __webpack_require__(78539);
// EXTERNAL MODULE: ./src/pipeline/fanout-records.ts
var fanout_records = __webpack_require__(17180);
// EXTERNAL MODULE: ./src/pipeline/promote.ts
var promote = __webpack_require__(84214);
// EXTERNAL MODULE: ./src/pipeline/remote-data.ts
var remote_data = __webpack_require__(97919);
// EXTERNAL MODULE: ./src/pipeline/run-all.ts + 20 modules
var run_all = __webpack_require__(40274);
;// CONCATENATED MODULE: ./src/pipeline/fanout-report.ts













/** Sample standard deviation (n − 1); 0 for a single value. */
function sd(values) {
    return Math.sqrt(sampleVariance(values));
}
function describeParams(params) {
    const parts = Object.entries(params).map(([k, v]) => `model.${k}=${JSON.stringify(v)}`);
    return parts.length ? parts.join(', ') : 'the spec as written';
}
/** The trial with the best mean selection value over its seeds (ties: the lower trial number). */
function bestTrial(spec, ok) {
    const trials = [...new Set(ok.map((r) => r.trial))].sort((a, b) => a - b);
    if (!spec.sweep)
        return { trial: trials[0], note: null };
    const metric = (0,sweep/* selectionMetric */.vn)(spec);
    const higher = metrics/* METRICS */.Cb[metric]?.higherIsBetter ?? true;
    const scores = trials.map((t) => ({
        trial: t,
        value: mean(ok.filter((r) => r.trial === t).map((r) => r.selection?.value ?? Number.NaN)),
    }));
    const ranked = scores
        .filter((s) => !Number.isNaN(s.value))
        .sort((a, b) => (higher ? b.value - a.value : a.value - b.value) || a.trial - b.trial);
    if (ranked.length === 0)
        throw new errors/* UserError */.yo(`${spec.name}: no trial has a validation ${metric}`);
    const best = ranked[0];
    const record = ok.find((r) => r.trial === best.trial);
    const label = metrics/* METRICS */.Cb[metric]?.label ?? metric;
    const others = ranked
        .slice(1, 6)
        .map((s) => `trial ${s.trial} ${(0,numbers/* formatMetric */.gI)(s.value)}`)
        .join(', ');
    return {
        trial: best.trial,
        note: `sweep: trial ${best.trial} of ${trials.length} chosen (${describeParams(record.params)}) by validation ${label} ${(0,numbers/* formatMetric */.gI)(best.value)} on ${record.selection.rows} rows (${record.selection.source}); the eval rows played no part in the choice${others ? `; next: ${others}` : ''}`,
    };
}
/**
 * With seeds: the gate decides on the seeds' mean (seedMeanGate); the seed nearest the seeds' mean of the key
 * metric on the eval rows is the one promoted and whose slices are shown, so the model that ships is a typical
 * seed, not the luckiest one; mean ± sd of every metric is shown.
 */
function representativeSeed(records, keyMetric) {
    if (records.length === 1)
        return { record: records[0], note: null };
    const values = records.map((r) => r.result.challenger.metrics[keyMetric] ?? Number.NaN);
    const m = mean(values);
    let at = 0;
    for (let i = 1; i < values.length; i++)
        if (Math.abs(values[i] - m) < Math.abs(values[at] - m))
            at = i;
    const metricNames = Object.keys(records[0].result.challenger.metrics);
    const spread = metricNames
        .map((name) => {
        const v = records.map((r) => r.result.challenger.metrics[name] ?? Number.NaN);
        return `${metrics/* METRICS */.Cb[name]?.label ?? name} ${(0,numbers/* formatMetric */.gI)(mean(v))} ± ${(0,numbers/* formatMetric */.gI)(sd(v))}`;
    })
        .join(', ');
    return {
        record: records[at],
        note: `seeds: over ${records.length} seeds (mean ± sd on the eval rows): ${spread}; gated: the mean over the seeds; promoted: seed ${records[at].seed} (run ${records[at].runId}), the seed whose ${metrics/* METRICS */.Cb[keyMetric]?.label ?? keyMetric} is nearest the mean`,
    };
}
/** Runs `work` with the chosen record's trial spec, its data (downloaded when remote) and its eval predictions. */
function withChosenRun(spec, record, deps, work) {
    const trial = (0,sweep/* trialSpec */.eu)(spec, { trial: record.trial, params: record.params, seedIndex: record.seed });
    return (0,remote_data/* withLocalData */.u)(trial, deps.registry.store, async (local) => {
        const dataset = await (0,data_dataset/* loadDataset */.Zh)(local);
        const scored = await (0,pipeline_champion/* scoreChampion */.QS)(local, deps, dataset, record.runId);
        return work({ spec: local, dataset, predictions: scored.predictions });
    }, deps.commandEnv);
}
/** The seeds' gates when they can be pooled: two or more, each compared with one and the same champion. */
function poolableSeeds(seeds) {
    const gates = seeds.map((r) => r.result.gate);
    const championRuns = new Set(seeds.map((r) => r.result.champion?.runId ?? null));
    const championRun = championRuns.size === 1 ? [...championRuns][0] : null;
    if (seeds.length < 2 || !championRun || gates.some((g) => g === null))
        return null;
    return { gates: gates, championRun };
}
/**
 * The gate on the mean over the seeds of one trial: every seed was compared with the same champion on the
 * same eval rows by its train job; their overall estimates are pooled (gate/seed-mean.ts) and the gate decides
 * on the pooled estimate, with the representative seed's predictions for the slices.
 */
async function seedMeanGate(chosen, pool, representativeSeed, deps) {
    const { spec, dataset } = chosen;
    const k = pool.gates.length;
    const champion = await (0,pipeline_champion/* scoreChampion */.QS)(spec, deps, dataset, pool.championRun);
    const methods = [...new Set(pool.gates.map((g) => g.method))].join(' / ');
    return (0,compare/* compareModels */.d)({
        spec,
        y: dataset.eval.y,
        classes: dataset.target.classes.length,
        challenger: chosen.predictions,
        champion: champion.predictions,
        eval: dataset.eval,
        override: {
            method: 'seed-mean',
            estimates: seedMeanEstimates(pool.gates, spec.gate.confidence),
            note: `gated on the mean over ${k} seeds, each compared with champion ${pool.championRun} (${methods}); standard error = the seeds' mean standard error (a bound for any correlation between them) combined with their spread / √${k}; slices are seed ${representativeSeed}'s`,
        },
    });
}
/** A model none of whose entries arrived: reported inconclusive, naming them, never pass. */
function absentResult(spec, problems, commit) {
    return {
        name: spec.name,
        task: spec.task,
        runId: '',
        verdict: 'inconclusive',
        stored: false,
        storeNote: 'no entry of this model finished',
        promoted: false,
        promoteNote: null,
        storeFailure: null,
        challenger: { runId: null, commit, metrics: {}, details: null },
        champion: null,
        championNote: `no entry of this model finished: ${problems.join('; ')}`,
        gate: null,
        data: { sha256: '', trainRows: 0, evalRows: 0, evalSource: '', features: 0, inputs: 0 },
        backend: { name: 'cpu', tfjs: '' },
        timings: {},
        warnings: problems,
        metricNames: spec.metricNames,
        onInconclusive: spec.gate.on_inconclusive,
        keyMetric: Object.keys(spec.gate.metrics)[0] ?? spec.metricNames[0],
        calibration: null,
        specPath: spec.specPath,
        dataNotes: { imputed: { training: {}, eval: {} }, unseen: {}, positiveClass: null },
        challengerSlices: null,
        changes: null,
        dirty: false,
    };
}
async function promoteChosen(chosen, record, result, deps) {
    const outcome = await (0,promote/* promoteRun */.U)({
        spec: chosen.spec,
        deps,
        runId: record.runId,
        stored: true,
        verdict: result.verdict,
        comparedChampion: result.champion?.runId ?? null,
        challenger: chosen.predictions,
        dataset: chosen.dataset,
    });
    return {
        ...result,
        promoted: outcome.promoted,
        promoteNote: outcome.note,
        storeFailure: outcome.failed ? outcome.note : result.storeFailure,
    };
}
/** The verdict with the entries' notes, at best inconclusive while an expected entry is missing or failed. */
function withEntryNotes(result, notes, problems) {
    let verdict = result.verdict;
    const added = [...notes];
    // An expected entry that did not arrive might have been the best trial: never a pass without it.
    if (problems.length > 0 && (verdict === 'pass' || verdict === 'no-champion')) {
        added.push(`verdict ${verdict} lowered to inconclusive: ${problems.length} expected entr${problems.length === 1 ? 'y is' : 'ies are'} missing or failed`);
        verdict = 'inconclusive';
    }
    return { ...result, verdict, warnings: [...added, ...result.warnings] };
}
/**
 * `mode: report` of a fan-out: read every entry the plan expected from the store, pick each model's best trial
 * on its validation split, take that trial's comparison with the champion (made on the eval rows by its train
 * job), name every missing or failed entry (the verdict is then at best inconclusive), and promote when asked.
 */
async function gatherReport(specs, plan, deps, workflowRun, options) {
    const byName = new Map(specs.map((s) => [s.name, s]));
    const models = [];
    const names = [...new Set(plan.entries.map((e) => e.model))];
    for (const name of names) {
        const spec = byName.get(name);
        if (!spec)
            throw new errors/* UserError */.yo(`the plan names model "${name}", but no spec in input "models" has that name`);
        const ok = [];
        const problems = [];
        for (const entry of plan.entries.filter((e) => e.model === name)) {
            const record = await (0,fanout_records/* readEntryRecord */.ut)(deps.registry.store, workflowRun, entry.entry);
            if (record === null)
                problems.push(`entry ${entry.entry} is missing (its job left no record for run ${workflowRun})`);
            else if ('unreadable' in record)
                problems.push(`entry ${entry.entry} is unreadable: ${record.unreadable}`);
            else if (record.status === 'failed')
                problems.push(`entry ${entry.entry} failed: ${record.error}`);
            else
                ok.push(record);
        }
        for (const p of problems)
            deps.logger.warn(`${name}: ${p}`);
        if (ok.length === 0) {
            models.push(absentResult(spec, problems, deps.git.commit));
            continue;
        }
        const chosen = bestTrial(spec, ok);
        const seeds = ok.filter((r) => r.trial === chosen.trial).sort((a, b) => a.seed - b.seed);
        const { record, note } = representativeSeed(seeds, seeds[0].result.keyMetric);
        const notes = [chosen.note, note, ...problems].filter((n) => n !== null);
        const pool = poolableSeeds(seeds);
        if (!pool && !options.promote) {
            models.push(withEntryNotes({ ...record.result }, notes, problems));
            continue;
        }
        // Pooling and promotion both need the chosen run's data and predictions: read and score them once.
        const result = await withChosenRun(spec, record, deps, async (run) => {
            let r = { ...record.result };
            if (pool) {
                const pooled = await seedMeanGate(run, pool, record.seed, deps);
                // A seed failed by gate.drift rather than by its gate (the data is every seed's) stays failed.
                const driftFailed = seeds.some((e) => e.result.verdict === 'fail' && e.result.gate?.verdict !== 'fail');
                r = { ...r, gate: pooled, verdict: driftFailed ? 'fail' : pooled.verdict };
            }
            r = withEntryNotes(r, notes, problems);
            return options.promote ? promoteChosen(run, record, r, deps) : r;
        });
        models.push(result);
    }
    return (0,run_all/* runResults */.Qj)(models, deps);
}

// EXTERNAL MODULE: ./src/action/constants.ts
var constants = __webpack_require__(90915);
// EXTERNAL MODULE: ./src/action/outputs.ts
var action_outputs = __webpack_require__(18948);
// EXTERNAL MODULE: ./src/action/publish.ts + 3 modules
var publish = __webpack_require__(37092);
// EXTERNAL MODULE: ./src/action/results-file.ts
var results_file = __webpack_require__(89599);
// EXTERNAL MODULE: ./src/action/session.ts
var action_session = __webpack_require__(59462);
// EXTERNAL MODULE: ./src/action/train-mode.ts + 1 modules
var train_mode = __webpack_require__(42579);
;// CONCATENATED MODULE: ./src/action/report-mode.ts












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
    const results = await (0,results_file/* readResultsFile */.B9)(file);
    const where = `input "${constants/* Inputs */.G0.ResultsFile}": ${file}`;
    if (results.github.repository.toLowerCase() !== (0,action_session/* repositoryOf */._)(ctx).toLowerCase()) {
        throw new errors/* UserError */.yo(`${where} holds results for ${results.github.repository}, not ${(0,action_session/* repositoryOf */._)(ctx)}; refusing to post them`);
    }
    const pr = results.github.pullRequest;
    if (!pr)
        throw new errors/* UserError */.yo(`${where} holds results of a ${results.github.event} event, not of a pull request; mode: report posts pull request results`);
    const outputs = {
        verdict: results.verdict,
        results: file,
        report: settings.reportFile,
        championChanged: false,
        runIds: (0,results_file/* storedRunIds */.LA)(results.models),
    };
    if (results.github.readOnly === null) {
        (0,action_outputs/* writeOutputs */.K)(services.setOutput, outputs);
        logger.info(`the run that made these results (pull request #${pr.number}) posted its comment and check runs itself; nothing to post`);
        return;
    }
    const run = ctx.payload.workflow_run;
    if (ctx.eventName === 'workflow_run') {
        if (!run)
            throw new errors/* UserError */.yo('the workflow_run event payload has no workflow_run');
        if (run.head_sha !== pr.headSha) {
            throw new errors/* UserError */.yo(`${where} is for commit ${(0,format/* shortSha */.Fu)(pr.headSha)}, but the workflow run that triggered this one built ${(0,format/* shortSha */.Fu)(run.head_sha)}; refusing to post results that do not belong to it`);
        }
    }
    const octokit = await session.github();
    const { data: live } = await (0,api/* githubCall */.Mc)(`reading pull request #${pr.number}`, () => octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pr.number }));
    if (pr.headRepository !== null && live.head.repo?.full_name !== pr.headRepository) {
        throw new errors/* UserError */.yo(`${where} says pull request #${pr.number} comes from ${pr.headRepository}, but it comes from ${live.head.repo?.full_name ?? 'a deleted repository'}; refusing to post`);
    }
    if (live.head.sha !== pr.headSha) {
        // Not an error: the pull request moved on, and the run for its new head will report.
        (0,action_outputs/* writeOutputs */.K)(services.setOutput, outputs);
        const note = (0,summary/* markdownNote */.ug) `pull request #${String(pr.number)} is now at ${(0,format/* shortSha */.Fu)(live.head.sha)}; these results are for ${(0,format/* shortSha */.Fu)(pr.headSha)}, so they are not posted (the run for the new head will be)`;
        logger.warn(note.plain);
        await services.appendSummary((0,summary/* summaryNotes */.O8)([note.markdown]));
        return;
    }
    logger.info(`posting the results of ${(0,format/* shortSha */.Fu)(pr.headSha)} for pull request #${pr.number} (verified against the pull request's head)`);
    await (0,publish/* publish */.mk)(session, results, { pullRequest: pr.number, readOnly: null, writeResults: false });
}
/**
 * `mode: report` with `plan`: the job after a fan-out's matrix. Gathers every entry the plan expected from the
 * store (tagged with this workflow run's id), picks each model's trial on its validation split, and posts the
 * one comment and one check run per model as a training run would; promotes per `promote-on`. A model the
 * plan skipped (`changed-only`) is listed, with why, under the verdicts of the comment and the summary.
 */
async function gatherMode(session, plan) {
    const { settings, ctx, services } = session;
    const fanout = settings.plan;
    const specs = await (0,run_all/* loadSpecs */.BH)(settings.models, ctx.workspace, {
        allowOutsideWorkspace: settings.allowOutsideWorkspace,
    });
    const workflowRun = (0,train_mode/* workflowRunId */.I)(session);
    const { deps, promote } = await (0,train_mode/* actionPipeline */.Z)(session, plan);
    services.logger.info(`gathering ${fanout.entries.length} entries of workflow run ${workflowRun} from ${deps.registry.store.location}`);
    const results = await gatherReport(specs, fanout, deps, workflowRun, { promote });
    for (const s of fanout.skipped)
        services.logger.info(`${s.model}: not trained (${s.reason})`);
    const pr = plan.pullRequest;
    await (0,publish/* publish */.mk)(session, {
        ...results,
        notTrained: fanout.skipped,
        github: {
            repository: (0,action_session/* repositoryOf */._)(ctx),
            event: ctx.eventName,
            workflow: ctx.workflow,
            runUrl: ctx.runUrl,
            commit: plan.commit,
            pullRequest: pr
                ? { number: pr.number, headSha: pr.headSha, headRepository: pr.headRepository }
                : null,
            readOnly: plan.readOnly,
        },
    }, { pullRequest: pr?.number ?? null, readOnly: plan.readOnly, writeResults: true });
}


/***/ })

};
