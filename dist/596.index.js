export const id = 596;
export const ids = [596];
export const modules = {

/***/ 53596:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  drainOnSignal: () => (/* binding */ drainOnSignal),
  runServe: () => (/* binding */ runServe),
  serveSettings: () => (/* binding */ serveSettings)
});

// UNUSED EXPORTS: modelsWithAlias

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/pipeline/family-env.ts
var family_env = __webpack_require__(33374);
// EXTERNAL MODULE: ./node_modules/fastify/fastify.js
var fastify = __webpack_require__(16703);
var fastify_default = /*#__PURE__*/__webpack_require__.n(fastify);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/serve/json-log.ts

function jsonLog(stream, clock) {
    const write = (level, msg, fields) => void stream.write(`${JSON.stringify({ time: clock.now().toISOString(), level, msg, ...fields })}\n`);
    return { info: (m, f) => write('info', m, f), error: (m, f) => write('error', m, f) };
}
function predictionLog(file, clock) {
    const stream = (0,external_node_fs_.createWriteStream)(file, { flags: 'a' });
    return {
        append: (record) => void stream.write(`${JSON.stringify({ time: clock.now().toISOString(), ...record })}\n`),
        close: () => new Promise((resolve) => stream.end(resolve)),
    };
}

// EXTERNAL MODULE: ./node_modules/prom-client/index.js
var prom_client = __webpack_require__(95222);
;// CONCATENATED MODULE: ./src/serve/metrics.ts

/** The server's Prometheus metrics, on a registry of its own (several servers may share a process in tests). */
class ServeMetrics {
    registry = new prom_client.Registry();
    requests = new prom_client.Counter({
        name: 'modelgate_serve_requests_total',
        help: 'HTTP requests answered, by route, model and status code',
        labelNames: ['route', 'model', 'status'],
        registers: [this.registry],
    });
    latency = new prom_client.Histogram({
        name: 'modelgate_serve_request_duration_seconds',
        help: 'Time from request received to response sent, by route and model',
        labelNames: ['route', 'model'],
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers: [this.registry],
    });
    errors = new prom_client.Counter({
        name: 'modelgate_serve_errors_total',
        help: 'Requests refused or failed, by route and reason (schema, missing_column, unseen_category, internal, …)',
        labelNames: ['route', 'reason'],
        registers: [this.registry],
    });
    rows = new prom_client.Counter({
        name: 'modelgate_serve_rows_total',
        help: 'Rows scored, by model',
        labelNames: ['model'],
        registers: [this.registry],
    });
    modelInfo = new prom_client.Gauge({
        name: 'modelgate_serve_model_info',
        help: 'The run each model serves (value 1), with the alias it follows',
        labelNames: ['model', 'alias', 'run_id'],
        registers: [this.registry],
    });
    loads = new prom_client.Counter({
        name: 'modelgate_serve_model_loads_total',
        help: 'Attempts to load the run behind the alias, by model and outcome (success, failure)',
        labelNames: ['model', 'outcome'],
        registers: [this.registry],
    });
    lastLoadFailed = new prom_client.Gauge({
        name: 'modelgate_serve_model_load_failed',
        help: 'Whether the latest load of the run behind the alias failed (1: still serving the previous run)',
        labelNames: ['model'],
        registers: [this.registry],
    });
    loadFailures = new prom_client.Counter({
        name: 'modelgate_serve_model_load_failures_total',
        help: 'Failed loads of the run behind the alias, by model and the run that failed',
        labelNames: ['model', 'run_id'],
        registers: [this.registry],
    });
    constructor(options = {}) {
        if (options.defaults)
            (0,prom_client.collectDefaultMetrics)({ register: this.registry });
    }
    served(model, alias, runId, previous) {
        if (previous !== null)
            this.modelInfo.remove({ model, alias, run_id: previous });
        this.modelInfo.set({ model, alias, run_id: runId }, 1);
        this.lastLoadFailed.set({ model }, 0);
        this.loads.inc({ model, outcome: 'success' });
    }
    loadFailed(model, runId) {
        this.loads.inc({ model, outcome: 'failure' });
        this.loadFailures.inc({ model, run_id: runId });
        this.lastLoadFailed.set({ model }, 1);
    }
}

// EXTERNAL MODULE: ./src/store/registry.ts
var store_registry = __webpack_require__(40506);
;// CONCATENATED MODULE: ./src/serve/model-holder.ts


const intervalTimer = {
    every(ms, fn) {
        const handle = setInterval(fn, ms);
        handle.unref();
        return () => clearInterval(handle);
    },
};
/**
 * The models being served and the alias they follow. A poll reads each alias; when it names another run,
 * that run is loaded fully (every file sha256-checked) and only then swapped in, by one assignment: a request
 * holds the model it started with (a lease), and a replaced model is disposed when its last lease ends.
 * A failed load leaves the old model serving and is logged and counted.
 */
class ModelHolder {
    deps;
    slots = new Map();
    polling = null;
    stopTimer = null;
    constructor(deps, models) {
        this.deps = deps;
        for (const name of models)
            this.slots.set(name, {
                name,
                current: null,
                etag: null,
                failed: null,
                leases: new Map(),
                retired: new Set(),
            });
    }
    get alias() {
        return this.deps.alias;
    }
    names() {
        return [...this.slots.keys()];
    }
    has(name) {
        return this.slots.has(name);
    }
    /** Ready when every model has a loaded run. */
    ready() {
        return [...this.slots.values()].every((s) => s.current !== null);
    }
    current(name) {
        return this.slots.get(name)?.current ?? null;
    }
    /** The model to answer one request with; null when it is not loaded (yet). */
    acquire(name) {
        const slot = this.slots.get(name);
        const model = slot?.current;
        if (!slot || !model)
            return null;
        slot.leases.set(model, (slot.leases.get(model) ?? 0) + 1);
        let released = false;
        return {
            model,
            release: () => {
                if (released)
                    return;
                released = true;
                const left = slot.leases.get(model) - 1;
                if (left > 0)
                    slot.leases.set(model, left);
                else {
                    slot.leases.delete(model);
                    if (slot.retired.delete(model))
                        model.dispose();
                }
            },
        };
    }
    /** Read every alias once and swap in what moved. Concurrent calls share one poll. */
    pollOnce() {
        this.polling ??= (async () => {
            try {
                const outcomes = [];
                for (const slot of this.slots.values())
                    outcomes.push(await this.pollSlot(slot));
                return outcomes;
            }
            finally {
                this.polling = null;
            }
        })();
        return this.polling;
    }
    async pollSlot(slot) {
        const { registry, alias, log, metrics } = this.deps;
        const model = slot.name;
        let pointer;
        try {
            // The tag last seen (served or failed): a conditional read answers "unchanged" without a body.
            pointer = await registry.getAliasIfChanged(model, alias, slot.failed?.etag ?? slot.etag);
        }
        catch (error) {
            const message = (0,errors/* describeError */.Uc)(error);
            log.error('alias read failed', { model, alias, error: message });
            metrics.errors.inc({ route: 'poll', reason: 'alias_read' });
            return { model, outcome: 'failed', runId: slot.current?.runId ?? '', error: message };
        }
        if (pointer === 'unchanged')
            return { model, outcome: 'unchanged' };
        if (!pointer)
            return { model, outcome: 'no-alias' };
        const { record, etag } = pointer;
        if (record.runId === slot.current?.runId) {
            // Back on the run being served (e.g. rolled back from a broken one): nothing to load, nothing failing.
            slot.etag = etag;
            if (slot.failed)
                metrics.lastLoadFailed.set({ model }, 0);
            slot.failed = null;
            return { model, outcome: 'unchanged' };
        }
        if (etag === slot.etag || etag === slot.failed?.etag)
            return { model, outcome: 'unchanged' };
        let next;
        try {
            next = await this.deps.load(model, record.runId, store_registry/* Registry */.OR.recordedManifestSha256(record));
        }
        catch (error) {
            const message = (0,errors/* describeError */.Uc)(error);
            slot.failed = { runId: record.runId, etag };
            metrics.loadFailed(model, record.runId);
            log.error('load failed; still serving the previous run', {
                model,
                alias,
                run_id: record.runId,
                serving: slot.current?.runId ?? null,
                error: message,
            });
            return { model, outcome: 'failed', runId: record.runId, error: message };
        }
        const previous = slot.current;
        slot.current = next;
        slot.etag = etag;
        slot.failed = null;
        if (previous) {
            if (slot.leases.has(previous))
                slot.retired.add(previous);
            else
                previous.dispose();
        }
        metrics.served(model, alias, next.runId, previous?.runId ?? null);
        log.info('serving run', { model, alias, run_id: next.runId, previous: previous?.runId ?? null });
        return { model, outcome: 'swapped', from: previous?.runId ?? null, to: next.runId };
    }
    start(timer, intervalMs) {
        this.stopTimer = timer.every(intervalMs, () => void this.pollOnce());
    }
    /** Stop polling, wait for a poll under way, and dispose every model no request holds. */
    async close() {
        this.stopTimer?.();
        this.stopTimer = null;
        await this.polling?.catch(() => undefined);
        for (const slot of this.slots.values()) {
            if (slot.current) {
                if (slot.leases.has(slot.current))
                    slot.retired.add(slot.current);
                else
                    slot.current.dispose();
            }
            slot.current = null;
        }
    }
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/serve/openapi.ts

const STATUS_TEXT = {
    200: 'OK',
    400: 'Bad input: the message names the row and column',
    404: 'No such model',
    413: 'Body or row count over the limit',
    501: 'Not available for this model family',
    503: 'Not loaded yet',
};
/** The OpenAPI 3.1 document of the routes, from the same schemas fastify validates with. */
function openApiDocument(routes) {
    const paths = {};
    for (const route of routes) {
        const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}');
        const params = route.schema.params;
        const responses = {};
        for (const [status, schema] of Object.entries(route.schema.response)) {
            responses[status] = {
                description: STATUS_TEXT[Number(status)] ?? 'Response',
                content: { [route.produces ?? 'application/json']: { schema } },
            };
        }
        paths[path] ??= {};
        paths[path][route.method.toLowerCase()] = {
            summary: route.summary,
            operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => (c ?? '').toUpperCase())}`,
            ...(params?.properties
                ? {
                    parameters: Object.entries(params.properties).map(([name, schema]) => ({
                        name,
                        in: 'path',
                        required: true,
                        schema,
                    })),
                }
                : {}),
            ...(route.schema.body
                ? { requestBody: { required: true, content: { 'application/json': { schema: route.schema.body } } } }
                : {}),
            responses,
        };
    }
    return {
        openapi: '3.1.0',
        info: {
            title: 'modelgate serve',
            version: version/* VERSION */.x,
            description: "The run behind each model's alias, served over HTTP: modelgate's own /v1 API and the Open Inference Protocol (KServe v2) under /v2.",
        },
        paths,
    };
}

;// CONCATENATED MODULE: ./src/serve/schemas.ts
/**
 * JSON Schemas of every request and response: fastify validates requests and serialises responses with
 * them, and the OpenAPI document at /openapi.json is built from the same objects (openapi.ts).
 */
const cellValue = { type: ['number', 'string', 'boolean', 'null'] };
const errorBody = {
    type: 'object',
    required: ['error'],
    properties: {
        error: { type: 'string', description: 'What was wrong, naming the row and column' },
        reason: { type: 'string', description: 'A stable label: missing_column, wrong_type, unseen_category, …' },
    },
};
/** The refusals every model route can give. */
const modelErrors = { 400: errorBody, 404: errorBody, 413: errorBody, 503: errorBody };
const modelParam = {
    type: 'object',
    required: ['model'],
    properties: { model: { type: 'string', description: 'Model name' } },
};
const rowsBody = {
    type: 'object',
    required: ['rows'],
    properties: {
        rows: {
            type: 'array',
            description: 'Rows as objects keyed by column (the columns the model was trained on; others are ignored)',
            items: { type: 'object', additionalProperties: cellValue },
        },
    },
};
const rowAnswer = {
    type: 'object',
    properties: {
        probabilities: { type: 'object', additionalProperties: { type: 'number' } },
        predicted_class: { type: 'string' },
        confidence: { type: 'number' },
        value: { type: 'number', description: 'Regression: the predicted value' },
    },
};
const servedBy = {
    model: { type: 'string' },
    run_id: { type: 'string', description: 'The run that answered' },
    alias: { type: 'string' },
};
const notes = {
    type: 'object',
    description: 'Cells the run imputed or scored as all-zero (unseen categories), counted per column',
    properties: {
        imputed: { type: 'object', additionalProperties: { type: 'integer' } },
        unseen: { type: 'object', additionalProperties: { type: 'integer' } },
    },
};
const predictResponse = {
    type: 'object',
    required: ['model', 'run_id', 'predictions'],
    properties: { ...servedBy, predictions: { type: 'array', items: rowAnswer }, notes },
};
const explainResponse = {
    type: 'object',
    required: ['model', 'run_id', 'explanations'],
    properties: {
        ...servedBy,
        output: {
            type: 'string',
            description: 'What the contributions sum to: logit, logits per class, or value',
        },
        explanations: {
            type: 'array',
            items: {
                type: 'object',
                properties: {
                    intercept: { type: 'object', additionalProperties: { type: 'number' } },
                    contributions: {
                        type: 'object',
                        description: 'Per model input (standardised column or column=category): per output, input × weight',
                        additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
                    },
                    total: { type: 'object', additionalProperties: { type: 'number' } },
                },
            },
        },
    },
};
/** Open Inference Protocol (KServe v2) shapes. */
const tensor = {
    type: 'object',
    required: ['name', 'shape', 'datatype', 'data'],
    properties: {
        name: { type: 'string' },
        shape: { type: 'array', items: { type: 'integer' } },
        datatype: { type: 'string' },
        parameters: { type: 'object' },
        data: { type: 'array' },
    },
};
const inferRequest = {
    type: 'object',
    required: ['inputs'],
    properties: {
        id: { type: 'string' },
        parameters: { type: 'object' },
        inputs: { type: 'array', items: tensor, description: 'One tensor per column, shape [n] or [n, 1]' },
        outputs: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
    },
};
const inferResponse = {
    type: 'object',
    required: ['model_name', 'outputs'],
    properties: {
        model_name: { type: 'string' },
        model_version: { type: 'string' },
        id: { type: 'string' },
        parameters: { type: 'object', additionalProperties: true },
        outputs: { type: 'array', items: tensor },
    },
};
const tensorMeta = {
    type: 'object',
    properties: {
        name: { type: 'string' },
        datatype: { type: 'string' },
        shape: { type: 'array', items: { type: 'integer' } },
    },
};
const modelMetadata = {
    type: 'object',
    required: ['name', 'platform', 'inputs', 'outputs'],
    properties: {
        name: { type: 'string' },
        versions: { type: 'array', items: { type: 'string' } },
        platform: { type: 'string' },
        inputs: { type: 'array', items: tensorMeta },
        outputs: { type: 'array', items: tensorMeta },
    },
};
const liveBody = { type: 'object', properties: { live: { type: 'boolean' } } };
const readyBody = {
    type: 'object',
    properties: {
        ready: { type: 'boolean' },
        name: { type: 'string' },
        models: {
            type: 'object',
            additionalProperties: { type: ['string', 'null'], description: 'The run served, null while loading' },
        },
    },
};

;// CONCATENATED MODULE: ./src/serve/routes-ops.ts

/** Health, readiness, Prometheus metrics and the OpenAPI document. */
function opsRoutes(context, document) {
    const { holder, metrics } = context;
    const models = () => Object.fromEntries(holder.names().map((n) => [n, holder.current(n)?.runId ?? null]));
    let cached = null;
    return [
        {
            method: 'GET',
            url: '/health',
            summary: 'The process is up and answering (liveness)',
            schema: { response: { 200: liveBody } },
            handler: () => Promise.resolve({ live: true }),
        },
        {
            method: 'GET',
            url: '/ready',
            summary: 'Every model has a loaded run (readiness): 200, else 503; the run per model',
            schema: { response: { 200: readyBody, 503: readyBody } },
            handler: (_request, reply) => {
                const ready = holder.ready();
                return Promise.resolve(reply.code(ready ? 200 : 503).send({ ready, models: models() }));
            },
        },
        {
            method: 'GET',
            url: '/metrics',
            summary: 'Prometheus metrics: requests, latency, errors by reason, the run and alias per model, loads',
            produces: 'text/plain',
            schema: { response: { 200: { type: 'string' } } },
            handler: async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
        },
        {
            method: 'GET',
            url: '/openapi.json',
            summary: 'This API as an OpenAPI 3.1 document',
            schema: { response: { 200: { type: 'object', additionalProperties: true } } },
            handler: () => Promise.resolve((cached ??= document())),
        },
    ];
}

;// CONCATENATED MODULE: ./src/serve/answers.ts
/** Binary: positive when P(positive) ≥ this; multiclass: the most probable class. */
const BINARY_THRESHOLD = 0.5;
/** Per-row answers from the scoring output (binary P(positive), multiclass n × K, regression values). */
function rowAnswers(target, predictions, n) {
    const out = new Array(n);
    if (target.task === 'regression') {
        for (let i = 0; i < n; i++)
            out[i] = { value: predictions[i] };
        return out;
    }
    const { classes } = target;
    for (let i = 0; i < n; i++) {
        const probs = classProbabilities(target, predictions, i);
        let best = 0;
        if (target.task === 'binary')
            best = probs[1] >= BINARY_THRESHOLD ? 1 : 0;
        else
            for (let k = 1; k < probs.length; k++)
                if (probs[k] > probs[best])
                    best = k;
        const probabilities = {};
        classes.forEach((c, k) => (probabilities[c] = probs[k]));
        out[i] = { probabilities, predicted_class: classes[best], confidence: probs[best] };
    }
    return out;
}
/** Row i's probability per class, in class order. */
function classProbabilities(target, predictions, i) {
    if (target.task === 'binary') {
        const p = predictions[i];
        return [1 - p, p];
    }
    const k = target.classes.length;
    return Array.from(predictions.subarray(i * k, (i + 1) * k));
}

;// CONCATENATED MODULE: ./src/serve/batcher.ts
/**
 * Dynamic batching: requests for one model that arrive in the same turn of the event loop are scored with
 * one call (scoring has a fixed cost per call — ~1-2 ms in tfjs, more in ONNX Runtime — whatever the row count), then each gets
 * its own rows back. The rows and their order are unchanged, so every answer is the one a call of its own
 * would give. If a batch fails, each request is scored alone, so one request's fault never fails another's.
 */
class Batcher {
    model;
    maxRows;
    queue = [];
    constructor(model, maxRows) {
        this.model = model;
        this.maxRows = maxRows;
    }
    score(table) {
        return new Promise((resolve, reject) => {
            if (this.queue.push({ table, resolve, reject }) === 1)
                setImmediate(() => this.flush());
        });
    }
    flush() {
        const queue = this.queue;
        this.queue = [];
        let start = 0;
        while (start < queue.length) {
            let end = start;
            let rows = 0;
            while (end < queue.length && (end === start || rows + queue[end].table.rowCount <= this.maxRows))
                rows += queue[end++].table.rowCount;
            // Each group settles its own requests (never rejects), so nothing here is left unhandled.
            void this.scoreGroup(queue.slice(start, end), rows);
            start = end;
        }
    }
    async scoreGroup(group, rows) {
        if (group.length > 1) {
            try {
                const { predictions } = await this.model.score(concat(group.map((p) => p.table), rows));
                const width = predictions.length / rows;
                let offset = 0;
                for (const p of group) {
                    const n = p.table.rowCount * width;
                    p.resolve(predictions.slice(offset, offset + n));
                    offset += n;
                }
                return;
            }
            catch {
                // Fall through: score each alone, so the error reaches only the request that caused it.
            }
        }
        await Promise.all(group.map(async (p) => {
            try {
                p.resolve((await this.model.score(p.table)).predictions);
            }
            catch (error) {
                p.reject(error);
            }
        }));
    }
}
/** Tables with the same header (the model's features, in its order) one after another. */
function concat(tables, rows) {
    const first = tables[0];
    return {
        header: first.header,
        columns: first.header.map((_, c) => tables.flatMap((t) => t.columns[c])),
        rowCount: rows,
        sources: [{ file: 'request', firstRow: 0, rowCount: rows, lines: null }],
        sha256: '',
    };
}
const batchers = new WeakMap();
/** Score a validated table with the model, batched with concurrent requests for the same model. */
function scoreBatched(model, table, maxRows) {
    let batcher = batchers.get(model);
    if (!batcher)
        batchers.set(model, (batcher = new Batcher(model, maxRows)));
    return batcher.score(table);
}

// EXTERNAL MODULE: ./src/data/values.ts
var values = __webpack_require__(62884);
;// CONCATENATED MODULE: ./src/serve/rows.ts


/** A request the client must fix (4xx), or that cannot be answered yet (501, 503); never a server fault. */
class BadInput extends errors/* UserError */.yo {
    status;
    reason;
    name = 'BadInput';
    constructor(status, reason, message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }
}
const SOURCE = 'request';
const NON_FINITE = /^\s*[+-]?(nan|inf|infinity)\s*$/i;
function cell(row, column, reason, why) {
    return new BadInput(400, reason, `row ${row + 1}, column "${column}": ${why}`);
}
/**
 * JSON rows (objects keyed by column) → the string table the scoring path reads, validated against the run's
 * own preprocessing first so every refusal names the row and column: a missing column, a value of the wrong
 * type, NaN or ±Infinity, a missing value the run's policy does not impute, a category the run never saw
 * when its unseen_category policy is "error". Numbers become their shortest round-trip text (String(v)), so
 * scoring reads exactly the number sent. Columns the model does not use are ignored.
 */
function rowsToTable(rows, pre, maxRows) {
    if (rows.length === 0)
        throw new BadInput(400, 'schema', 'no rows: send at least one row');
    if (rows.length > maxRows)
        throw new BadInput(413, 'too_many_rows', `${rows.length} rows: at most ${maxRows} per request`);
    const header = pre.features.map((f) => f.name);
    const notes = { imputed: {}, unseen: {} };
    const count = (what, column) => void (what[column] = (what[column] ?? 0) + 1);
    const columns = pre.features.map((feature) => {
        const out = new Array(rows.length);
        const known = feature.kind === 'categorical' ? new Set(feature.categories) : null;
        for (let i = 0; i < rows.length; i++) {
            const row = rows[i];
            if (!Object.prototype.hasOwnProperty.call(row, feature.name))
                throw cell(i, feature.name, 'missing_column', `missing (the model needs columns ${header.join(', ')})`);
            const v = row[feature.name];
            if (v === null || (typeof v === 'string' && feature.kind === 'categorical' && (0,values/* isMissing */.b2)(v))) {
                if (feature.fill === null)
                    throw cell(i, feature.name, 'missing_value', `${JSON.stringify(v)} is a missing value, and the run's missing-value policy is "error"`);
                count(notes.imputed, feature.name);
                out[i] = '';
            }
            else if (feature.kind === 'numeric') {
                if (typeof v === 'number') {
                    // JSON has no NaN, but 1e999 parses to Infinity.
                    if (!Number.isFinite(v))
                        throw cell(i, feature.name, 'not_finite', `${v} is not a finite number`);
                    out[i] = String(v);
                }
                else if (typeof v === 'string' && NON_FINITE.test(v))
                    throw cell(i, feature.name, 'not_finite', `"${v}" is not a finite number`);
                else
                    throw cell(i, feature.name, 'wrong_type', `expected a number (or null), got ${JSON.stringify(v)}`);
            }
            else {
                if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
                    throw cell(i, feature.name, 'wrong_type', `expected a string category (or null), got ${JSON.stringify(v)}`);
                const category = (0,values/* categoryOf */.Qd)(String(v));
                if (!known.has(category)) {
                    if (pre.unseenCategory !== 'error')
                        count(notes.unseen, feature.name);
                    else
                        throw cell(i, feature.name, 'unseen_category', `category "${category}" was not seen in training (known: ${feature.categories.slice(0, 8).join(', ')}${feature.categories.length > 8 ? ', …' : ''})`);
                }
                out[i] = category;
            }
        }
        return out;
    });
    const table = {
        header,
        columns,
        rowCount: rows.length,
        sources: [{ file: SOURCE, firstRow: 0, rowCount: rows.length, lines: null }],
        sha256: '',
    };
    return { table, notes };
}

;// CONCATENATED MODULE: ./src/serve/context.ts

function unknownModel(holder, name) {
    return new BadInput(404, 'unknown_model', `no model "${name}" (served: ${holder.names().join(', ')})`);
}
/**
 * Lease the model a request names and run `answer` with it; the lease ends when the answer is built, so a
 * swap during the request leaves this request on the model it started with.
 */
async function withModel(context, request, name, answer) {
    if (!context.holder.has(name))
        throw new BadInput(404, 'unknown_model', `no model "${name}" (served: ${context.holder.names().join(', ')})`);
    request.served = { model: name, runId: null, rows: 0 };
    const lease = context.holder.acquire(name);
    if (!lease)
        throw new BadInput(503, 'not_ready', `model "${name}" is not loaded yet`);
    try {
        request.served.runId = lease.model.runId;
        await context.hooks.beforeScore?.(lease.model, request);
        // Awaited here, so the lease lasts until the answer is built.
        return await answer(lease.model);
    }
    finally {
        lease.release();
    }
}

;// CONCATENATED MODULE: ./src/serve/routes-v1.ts





async function predict(context, request, model) {
    const { rows } = request.body;
    const { table, notes } = rowsToTable(rows, model.preprocessor, context.maxRows);
    const predictions = await scoreBatched(model, table, context.maxRows);
    const answers = rowAnswers(model.target, predictions, rows.length);
    request.served.rows = rows.length;
    context.predictions?.append({ model: model.name, run_id: model.runId, inputs: rows, outputs: answers });
    return {
        model: model.name,
        run_id: model.runId,
        alias: context.holder.alias,
        predictions: answers,
        ...(Object.keys(notes.imputed).length || Object.keys(notes.unseen).length ? { notes } : {}),
    };
}
async function explain(context, request, model) {
    if (!model.explain)
        throw new BadInput(501, 'not_implemented', `explanations are not available yet for ${model.family} models (only logistic and linear); run ${model.runId} is a ${model.family}`);
    const { rows } = request.body;
    const e = await model.explain(rowsToTable(rows, model.preprocessor, context.maxRows).table);
    const { task, classes } = model.target;
    const outputs = task === 'multiclass' ? classes : [task === 'binary' ? `logit(${classes[1]})` : 'value'];
    const explanations = [];
    for (let i = 0; i < e.n; i++) {
        const contributions = {};
        const total = {};
        const intercept = {};
        outputs.forEach((o, k) => (total[o] = intercept[o] = e.intercept[k]));
        e.inputs.forEach((input, j) => {
            const byOutput = {};
            outputs.forEach((o, k) => {
                const c = e.contributions[(i * e.inputs.length + j) * e.outputs + k];
                byOutput[o] = c;
                total[o] += c;
            });
            contributions[input] = byOutput;
        });
        explanations.push({ intercept, contributions, total });
    }
    request.served.rows = rows.length;
    return {
        model: model.name,
        run_id: model.runId,
        alias: context.holder.alias,
        output: task === 'binary' ? 'logit' : task === 'multiclass' ? 'logits' : 'value',
        explanations,
    };
}
function v1Routes(context) {
    return [
        {
            method: 'POST',
            url: '/v1/models/:model/predict',
            summary: 'Score rows: probabilities, predicted class and confidence per row (or values for regression)',
            schema: { params: modelParam, body: rowsBody, response: { 200: predictResponse, ...modelErrors } },
            handler: (request) => withModel(context, request, request.params.model, (m) => predict(context, request, m)),
        },
        {
            method: 'POST',
            url: '/v1/models/:model/explain',
            summary: 'Per-row exact contributions of a linear or logistic model: input × weight per model input, plus the intercept, summing to the logit (or value)',
            schema: {
                params: modelParam,
                body: rowsBody,
                response: { 200: explainResponse, ...modelErrors, 501: errorBody },
            },
            handler: (request) => withModel(context, request, request.params.model, (m) => explain(context, request, m)),
        },
    ];
}

;// CONCATENATED MODULE: ./src/serve/routes-v2.ts





const NUMERIC = /^(FP(16|32|64)|U?INT(8|16|32|64)|BOOL)$/;
/** Flatten nested row-major data (the spec allows both flat and nested arrays). */
function flat(data) {
    return data.some(Array.isArray) ? data.flat(Infinity) : data;
}
/** Named column tensors → rows keyed by column. */
function tensorsToRows(inputs) {
    if (inputs.length === 0)
        throw new BadInput(400, 'schema', 'inputs: send one tensor per column');
    const n = inputs[0].shape[0] ?? 0;
    const rows = Array.from({ length: n }, () => ({}));
    for (const t of inputs) {
        const [count, width = 1, ...rest] = t.shape;
        if (count !== n || width !== 1 || rest.length > 0)
            throw new BadInput(400, 'schema', `input "${t.name}": shape [${t.shape.join(', ')}]; every input is one column, shape [${n}] or [${n}, 1]`);
        const data = flat(t.data);
        if (data.length !== n)
            throw new BadInput(400, 'schema', `input "${t.name}": ${data.length} values for shape [${t.shape.join(', ')}]`);
        if (t.datatype !== 'BYTES' && !NUMERIC.test(t.datatype))
            throw new BadInput(400, 'schema', `input "${t.name}": datatype "${t.datatype}" is not supported (use FP64 or BYTES)`);
        for (let i = 0; i < n; i++)
            rows[i][t.name] = data[i];
    }
    return rows;
}
async function infer(context, request, model) {
    const rows = tensorsToRows(request.body.inputs);
    const n = rows.length;
    const { table } = rowsToTable(rows, model.preprocessor, context.maxRows);
    const predictions = await scoreBatched(model, table, context.maxRows);
    request.served.rows = n;
    const { target } = model;
    const outputs = [];
    if (target.task === 'regression') {
        outputs.push({ name: 'predictions', shape: [n], datatype: 'FP64', data: Array.from(predictions) });
    }
    else {
        const answers = rowAnswers(target, predictions, n);
        const k = target.classes.length;
        const probs = [];
        for (let i = 0; i < n; i++)
            probs.push(...classProbabilities(target, predictions, i));
        outputs.push({ name: 'probabilities', shape: [n, k], datatype: 'FP64', data: probs }, {
            name: 'predicted_class',
            shape: [n],
            datatype: 'BYTES',
            data: answers.map((a) => ('predicted_class' in a ? a.predicted_class : '')),
        }, {
            name: 'confidence',
            shape: [n],
            datatype: 'FP64',
            data: answers.map((a) => ('confidence' in a ? a.confidence : 0)),
        });
    }
    const wanted = request.body.outputs?.map((o) => o.name);
    const chosen = wanted ? outputs.filter((o) => wanted.includes(o.name)) : outputs;
    context.predictions?.append({ model: model.name, run_id: model.runId, inputs: rows, outputs: chosen });
    return {
        model_name: model.name,
        model_version: model.runId,
        ...(request.body.id !== undefined ? { id: request.body.id } : {}),
        outputs: chosen,
    };
}
function metadata(model) {
    const { task, classes } = model.target;
    const outputs = task === 'regression'
        ? [{ name: 'predictions', datatype: 'FP64', shape: [-1] }]
        : [
            { name: 'probabilities', datatype: 'FP64', shape: [-1, classes.length] },
            { name: 'predicted_class', datatype: 'BYTES', shape: [-1] },
            { name: 'confidence', datatype: 'FP64', shape: [-1] },
        ];
    return {
        name: model.name,
        versions: [model.runId],
        platform: `modelgate_${model.family}`,
        inputs: model.preprocessor.features.map((f) => ({
            name: f.name,
            datatype: f.kind === 'numeric' ? 'FP64' : 'BYTES',
            shape: [-1, 1],
        })),
        outputs,
    };
}
function v2Routes(context) {
    const { holder } = context;
    return [
        {
            method: 'GET',
            url: '/v2/health/live',
            summary: 'Open Inference Protocol: the server is live',
            schema: { response: { 200: liveBody } },
            handler: () => Promise.resolve({ live: true }),
        },
        {
            method: 'GET',
            url: '/v2/health/ready',
            summary: 'Open Inference Protocol: every model is loaded (503 while not)',
            schema: { response: { 200: readyBody, 503: readyBody } },
            handler: (_request, reply) => Promise.resolve(reply.code(holder.ready() ? 200 : 503).send({ ready: holder.ready() })),
        },
        {
            method: 'GET',
            url: '/v2/models/:model',
            summary: 'Open Inference Protocol: model metadata (inputs per column, outputs, the run as version)',
            schema: { params: modelParam, response: { 200: modelMetadata, ...modelErrors } },
            handler: (request) => withModel(context, request, request.params.model, metadata),
        },
        {
            method: 'GET',
            url: '/v2/models/:model/ready',
            summary: 'Open Inference Protocol: this model is loaded (503 while not)',
            schema: { params: modelParam, response: { 200: readyBody, 404: errorBody, 503: readyBody } },
            handler: (request, reply) => {
                const name = request.params.model;
                if (!holder.has(name))
                    return Promise.reject(unknownModel(holder, name));
                const ready = holder.current(name) !== null;
                return Promise.resolve(reply.code(ready ? 200 : 503).send({ name, ready }));
            },
        },
        {
            method: 'POST',
            url: '/v2/models/:model/infer',
            summary: 'Open Inference Protocol: inference on one tensor per column',
            schema: { params: modelParam, body: inferRequest, response: { 200: inferResponse, ...modelErrors } },
            handler: (request) => withModel(context, request, request.params.model, (m) => infer(context, request, m)),
        },
    ];
}

// EXTERNAL MODULE: ./src/data/preprocess.ts
var preprocess = __webpack_require__(11972);
// EXTERNAL MODULE: ./src/evaluate/score.ts
var score = __webpack_require__(9553);
// EXTERNAL MODULE: ./src/train/dense/layers-format.ts
var layers_format = __webpack_require__(40076);
;// CONCATENATED MODULE: ./src/serve/served-model.ts




const LINEAR_FAMILIES = new Set(['logistic', 'linear']);
const everyRow = (table) => Uint32Array.from({ length: table.rowCount }, (_, i) => i);
/**
 * Load a run fully (every file checked against its manifest, the manifest against the hash its alias
 * recorded) into a ServedModel, through the run's model family.
 */
async function loadServedModel(registry, env, name, runId, manifestSha256) {
    const manifest = await registry.readManifest(name, runId, manifestSha256);
    const read = (p) => registry.readRunFile(manifest, p);
    const label = `run ${runId}`;
    const loaded = await (0,score/* loadModelFiles */.TP)(env, read, manifest.files.map((f) => f.path), label);
    const family = loaded.modelType ?? manifest.meta.modelType ?? 'mlp';
    return {
        name,
        runId,
        family,
        runtime: loaded.scorer.runtime,
        target: loaded.target,
        preprocessor: loaded.preprocessor,
        score: (table) => loaded.scorer.score(table, everyRow(table)),
        explain: LINEAR_FAMILIES.has(family) ? linearExplainer(read, loaded.preprocessor, label) : null,
        dispose: () => loaded.scorer.dispose(),
    };
}
/**
 * A linear run's one dense layer (kernel, bias), read from its stored layers model on the first explanation
 * asked for (without TensorFlow.js): serving never needs it otherwise.
 */
function linearExplainer(read, pre, label) {
    let layer = null;
    const load = async () => {
        const net = (0,layers_format/* readLayersModel */.Id)(await read(`${score/* MODEL_DIR */.gw}/${layers_format/* MODEL_JSON */.T$}`), await read(`${score/* MODEL_DIR */.gw}/${layers_format/* WEIGHTS_BIN */.mE}`), `${label}/${score/* MODEL_DIR */.gw}`);
        if (!net || net.layers.length !== 1)
            throw new errors/* UserError */.yo(`${label}: its stored model is not one dense layer, so it has no linear explanation`);
        return net.layers[0];
    };
    return async (table) => {
        layer ??= load();
        const { kernel, bias } = await layer;
        return explainLinear(pre, kernel, bias, table);
    };
}
/** contributions[i, j, k] = x[i, j] · W[j, k] for the one dense layer; Σ_j + intercept[k] = the logit. */
function explainLinear(pre, kernel, bias, table) {
    const { x, n, d } = (0,preprocess/* transform */.pd)(pre, table, everyRow(table));
    const k = bias.length;
    const contributions = new Float64Array(n * d * k);
    for (let i = 0; i < n; i++)
        for (let j = 0; j < d; j++) {
            const v = x[i * d + j];
            for (let c = 0; c < k; c++)
                contributions[(i * d + j) * k + c] = v * kernel[j * k + c];
        }
    return { inputs: pre.outputColumns, outputs: k, contributions, intercept: bias, n };
}

;// CONCATENATED MODULE: ./src/serve/app.ts











const DEFAULT_MAX_ROWS = 10_000;
const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
const ROW_CELL = /^\/rows\/(\d+)\/(.+)$/;
/** A schema error at /rows/<i>/<column> says "row i+1, column …", as the boundary checks do. */
function schemaFailure(e, body) {
    const first = e.validation?.[0];
    const at = first ? ROW_CELL.exec(first.instancePath) : null;
    if (!first || !at)
        return { status: 400, reason: 'schema', message: e.message };
    const row = Number(at[1]);
    const column = at[2].replace(/~1/g, '/').replace(/~0/g, '~');
    const value = body?.rows?.[row]?.[column];
    // JSON has no NaN, but 1e999 parses to Infinity, which the schema's "number" refuses.
    if (typeof value === 'number' && !Number.isFinite(value))
        return {
            status: 400,
            reason: 'not_finite',
            message: `row ${row + 1}, column "${column}": ${value} is not a finite number`,
        };
    return {
        status: 400,
        reason: 'schema',
        message: `row ${row + 1}, column "${column}": ${first.message ?? 'invalid'}`,
    };
}
function failure(error, body) {
    if (error instanceof BadInput)
        return { status: error.status, reason: error.reason, message: error.message };
    const e = error;
    if (e.validation)
        return schemaFailure(e, body);
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return { status: 413, reason: 'body_too_large', message: e.message };
    if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        e instanceof SyntaxError)
        return { status: 400, reason: 'invalid_json', message: `the body is not valid JSON: ${e.message}` };
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
        return { status: e.statusCode, reason: 'schema', message: e.message };
    // The scoring path's own checks (the same as `modelgate predict`'s): the input, not the server, is at fault.
    if (error instanceof errors/* UserError */.yo)
        return { status: 400, reason: 'bad_input', message: error.message };
    return { status: 500, reason: 'internal', message: 'internal error (see the server log)' };
}
function createModelServer(options) {
    const metrics = new ServeMetrics({ defaults: options.processMetrics });
    const { log } = options;
    const holder = new ModelHolder({
        registry: options.registry,
        alias: options.alias,
        load: options.load ??
            ((name, runId, sha) => loadServedModel(options.registry, options.familyEnv, name, runId, sha)),
        log,
        metrics,
    }, options.models);
    const context = {
        holder,
        metrics,
        log,
        maxRows: options.maxRows ?? DEFAULT_MAX_ROWS,
        hooks: options.hooks ?? {},
        predictions: options.predictionsFile ? predictionLog(options.predictionsFile, options.clock) : null,
    };
    const app = fastify_default()({
        logger: false,
        bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
        ajv: {
            customOptions: { allowUnionTypes: true, coerceTypes: false, removeAdditional: false, allErrors: false },
        },
    });
    app.decorateRequest('served', null);
    // While draining, answers to in-flight requests close their connection: a keep-alive client would
    // otherwise hold the server open until its keep-alive timeout.
    let closing = false;
    app.addHook('onSend', (_request, reply, payload, done) => {
        if (closing)
            void reply.header('connection', 'close');
        done(null, payload);
    });
    app.addHook('onResponse', (request, reply, done) => {
        const route = request.routeOptions.url ?? 'unmatched';
        const served = request.served;
        const model = served?.model ?? '';
        const seconds = reply.elapsedTime / 1000;
        metrics.requests.inc({ route, model, status: reply.statusCode });
        metrics.latency.observe({ route, model }, seconds);
        if (served?.rows)
            metrics.rows.inc({ model }, served.rows);
        log.info('request', {
            method: request.method,
            url: request.url,
            status: reply.statusCode,
            ms: Number(reply.elapsedTime.toFixed(3)),
            ...(served ? { model, run_id: served.runId, rows: served.rows } : {}),
        });
        done();
    });
    app.setErrorHandler((error, request, reply) => {
        const { status, reason, message } = failure(error, request.body);
        metrics.errors.inc({ route: request.routeOptions.url ?? 'unmatched', reason });
        if (status >= 500 && !(error instanceof BadInput))
            log.error('request failed', { url: request.url, error: (0,errors/* describeError */.Uc)(error), stack: error.stack });
        return reply.code(status).send({ error: message, reason });
    });
    app.setNotFoundHandler((request, reply) => reply
        .code(404)
        .send({ error: `no route ${request.method} ${request.url.split('?')[0]}`, reason: 'no_route' }));
    const routes = [...v1Routes(context), ...v2Routes(context)];
    const all = [...routes, ...opsRoutes(context, () => openApiDocument(all))];
    for (const route of all) {
        app.route({
            method: route.method,
            url: route.url,
            schema: route.produces ? {} : route.schema,
            handler: route.handler,
        });
    }
    return {
        app,
        holder,
        metrics,
        async start(host, port) {
            const url = await app.listen({ host, port });
            void holder.pollOnce();
            holder.start(options.timer ?? intervalTimer, options.pollMs ?? 10_000);
            return url;
        },
        async close() {
            closing = true;
            await app.close();
            await holder.close();
            await context.predictions?.close();
        },
    };
}

;// CONCATENATED MODULE: ./src/serve/serve-command.ts





function positiveInt(values, name, fallback, min = 1) {
    const raw = values[name];
    if (raw === undefined)
        return fallback;
    const n = Number(raw);
    if (typeof raw !== 'string' || !Number.isInteger(n) || n < min)
        throw new errors/* UserError */.yo(`--${name} "${String(raw)}": expected a whole number ≥ ${min}`);
    return n;
}
/** `modelgate serve` flags → typed settings (like actions' input-helper). */
function serveSettings(values, defaultAlias, cwd) {
    const model = values.model;
    const pollSeconds = values['poll-seconds'] === undefined ? 10 : Number(values['poll-seconds']);
    if (!(pollSeconds > 0))
        throw new errors/* UserError */.yo(`--poll-seconds "${String(values['poll-seconds'])}": expected a number > 0`);
    const log = values['log-predictions'];
    return {
        models: Array.isArray(model) ? model : typeof model === 'string' ? [model] : [],
        alias: typeof values.alias === 'string' ? values.alias : defaultAlias,
        host: typeof values.host === 'string' ? values.host : '127.0.0.1',
        port: positiveInt(values, 'port', 8080, 0),
        pollMs: pollSeconds * 1000,
        maxRows: positiveInt(values, 'max-rows', DEFAULT_MAX_ROWS),
        bodyLimit: positiveInt(values, 'max-body-bytes', DEFAULT_BODY_LIMIT),
        predictionsFile: typeof log === 'string' ? external_node_path_default().resolve(cwd, log) : undefined,
    };
}
/** Every model in the store that has the alias (when no --model is given). */
async function modelsWithAlias(registry, alias) {
    const keys = await registry.store.list('models/');
    const suffix = `/aliases/${alias}.json`;
    return keys.filter((k) => k.endsWith(suffix) && k.split('/').length === 4).map((k) => k.split('/')[1]);
}
/** Start serving; resolves once SIGTERM or SIGINT has drained the server. */
async function runServe(settings, deps, stdout) {
    const models = settings.models.length
        ? settings.models
        : await modelsWithAlias(deps.registry, settings.alias);
    if (models.length === 0)
        throw new errors/* UserError */.yo(`no model in ${deps.registry.store.location} has a "${settings.alias}" alias; pass --model NAME (served once the alias exists), or --alias champion to serve the champions`);
    const log = jsonLog(stdout, deps.clock);
    const server = createModelServer({
        registry: deps.registry,
        familyEnv: (0,family_env/* familyEnv */.u)(deps),
        models,
        alias: settings.alias,
        log,
        clock: deps.clock,
        maxRows: settings.maxRows,
        bodyLimit: settings.bodyLimit,
        pollMs: settings.pollMs,
        predictionsFile: settings.predictionsFile,
        processMetrics: true,
    });
    const url = await server.start(settings.host, settings.port);
    log.info('listening', { url, models, alias: settings.alias, store: deps.registry.store.location });
    return server;
}
/** Wait for SIGTERM / SIGINT, then close gracefully: in-flight requests complete, new ones are refused. */
function drainOnSignal(server, log) {
    return new Promise((resolve, reject) => {
        const stop = (signal) => {
            process.off('SIGTERM', stop);
            process.off('SIGINT', stop);
            log(signal);
            server.close().then(resolve, reject);
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
    });
}


/***/ })

};
