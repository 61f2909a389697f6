export const id = 156;
export const ids = [156];
export const modules = {

/***/ 8948:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ writeOutputs)
/* harmony export */ });
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(915);

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

/***/ 2056:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KG: () => (/* binding */ rowLocation),
/* harmony export */   Nb: () => (/* binding */ readCsv),
/* harmony export */   Zc: () => (/* binding */ rowFile),
/* harmony export */   uV: () => (/* binding */ columnOf)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var csv_parse_sync__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5175);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);




/** "row 17 (line 18)" for a row index of the table; messages put the file in front (see rowFile). */
function rowLocation(table, row) {
    for (const source of table.sources) {
        if (row < source.firstRow + source.rowCount) {
            const local = row - source.firstRow;
            const line = source.lines ? source.lines[local] : local + 2;
            return `row ${local + 1} (line ${line})`;
        }
    }
    return `row ${row + 1}`;
}
/** The file a row came from (full path), for messages that must name the file. */
function rowFile(table, row) {
    return table.sources.find((s) => row < s.firstRow + s.rowCount)?.file ?? table.sources[0]?.file ?? '';
}
function parseFile(file, bytes) {
    const options = { bom: true, skip_empty_lines: true, relax_column_count: false, trim: false };
    let records;
    try {
        // Without `columns`, csv-parse returns one array of strings per record.
        const parsed = (0,csv_parse_sync__WEBPACK_IMPORTED_MODULE_2__/* .parse */ .qg)(bytes, options);
        records = parsed;
    }
    catch (error) {
        const e = error;
        if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' &&
            e.lines !== undefined &&
            Array.isArray(e.record)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${file}: line ${e.lines}: ${e.record.length} fields, but the header has a different number; quote fields that contain commas`);
        }
        const where = e.lines !== undefined ? `line ${e.lines}: ` : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${file}: ${where}${(e.message ?? String(error)).replace(/^Invalid [^:]*: /, '')}`);
    }
    if (records.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${file}: the file is empty (expected a header row and data rows)`);
    const header = records[0].map((h) => h.trim());
    const rows = records.slice(1);
    // Quoted fields may span lines; only then are line numbers not "row + 1", and only then pay for them.
    let lines = null;
    if (bytes.includes(0x22) && rows.some((r) => r.some((f) => f.includes('\n')))) {
        const withInfo = (0,csv_parse_sync__WEBPACK_IMPORTED_MODULE_2__/* .parse */ .qg)(bytes, { ...options, info: true });
        lines = Int32Array.from(withInfo.slice(1), (r) => r.info.lines);
    }
    return { header, rows, lines };
}
/** Read CSV files that share one header. Errors name the file and line. */
async function readCsv(files) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    let header = null;
    let columns = [];
    const sources = [];
    let rowCount = 0;
    for (const file of files) {
        let bytes;
        try {
            bytes = await node_fs__WEBPACK_IMPORTED_MODULE_1__.promises.readFile(file);
        }
        catch {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${file}: cannot read the data file (check data paths in modelgate.yml; they are relative to it)`);
        }
        hash.update(bytes);
        const parsed = parseFile(file, bytes);
        const seen = new Set();
        for (const name of parsed.header) {
            if (name === '')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${file}: line 1: a column has an empty name`);
            if (seen.has(name))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${file}: line 1: column "${name}" appears twice`);
            seen.add(name);
        }
        if (header === null) {
            header = parsed.header;
            columns = header.map(() => []);
        }
        else if (parsed.header.join('\u0000') !== header.join('\u0000')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${file}: line 1: the header differs from ${files[0]}'s (all data files of a model must share one header)`);
        }
        for (const row of parsed.rows) {
            for (let c = 0; c < row.length; c++)
                columns[c].push(row[c]);
        }
        sources.push({ file, firstRow: rowCount, rowCount: parsed.rows.length, lines: parsed.lines });
        rowCount += parsed.rows.length;
    }
    if (header === null || rowCount === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${files.join(', ')}: no data rows (expected a header row followed by at least one row)`);
    }
    return { header, columns, rowCount, sources, sha256: hash.digest('hex') };
}
/** A column's values by name; a missing column is a UserError naming the files, the use and the columns there are. */
function columnOf(table, name, context) {
    const index = table.header.indexOf(name);
    if (index < 0) {
        const files = [...new Set(table.sources.map((s) => s.file))].join(', ');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo(`${files}: missing column "${name}" (${context}); columns are: ${table.header.join(', ')}`);
    }
    return table.columns[index];
}


/***/ }),

/***/ 1972:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pd: () => (/* binding */ transform),
/* harmony export */   vO: () => (/* binding */ fitPreprocessor)
/* harmony export */ });
/* unused harmony export MISSING_CATEGORY */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _csv_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2056);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2884);



const MISSING_CATEGORY = '__missing__';
function cellError(table, row, column, why) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${(0,_csv_js__WEBPACK_IMPORTED_MODULE_1__/* .rowFile */ .Zc)(table, row)}: ${(0,_csv_js__WEBPACK_IMPORTED_MODULE_1__/* .rowLocation */ .KG)(table, row)}, column "${column}": ${why}`);
}
/** Read a numeric cell: NaN for missing, an error for text or an infinite value. */
function numericCell(table, values, row, column) {
    const { value, kind } = (0,_values_js__WEBPACK_IMPORTED_MODULE_2__/* .parseColumn */ .s0)(values);
    const k = kind[row];
    if (k === _values_js__WEBPACK_IMPORTED_MODULE_2__/* .CELL_NUMBER */ .Bj)
        return value[row];
    if (k === _values_js__WEBPACK_IMPORTED_MODULE_2__/* .CELL_MISSING */ .mp)
        return Number.NaN;
    const raw = values[row];
    if (k === _values_js__WEBPACK_IMPORTED_MODULE_2__/* .CELL_INFINITE */ .AA)
        throw cellError(table, row, column, `"${raw}" is not a finite number`);
    throw cellError(table, row, column, `"${raw}" is not a number (the column is numeric; declare data.types: { ${column}: categorical } if it is a category)`);
}
function median(sorted) {
    const n = sorted.length;
    return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}
function fitNumeric(table, rows, name, policy) {
    const values = (0,_csv_js__WEBPACK_IMPORTED_MODULE_1__/* .columnOf */ .uV)(table, name, 'feature');
    const present = new Float64Array(rows.length);
    let count = 0;
    let firstMissing = -1;
    for (let i = 0; i < rows.length; i++) {
        const v = numericCell(table, values, rows[i], name);
        if (Number.isNaN(v)) {
            if (firstMissing < 0)
                firstMissing = rows[i];
        }
        else
            present[count++] = v;
    }
    if (firstMissing >= 0 && policy.numeric === 'error') {
        throw cellError(table, firstMissing, name, 'missing value (data.missing.numeric is "error"; use median or mean to impute)');
    }
    if (count === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${(0,_csv_js__WEBPACK_IMPORTED_MODULE_1__/* .rowFile */ .Zc)(table, rows[0] ?? 0)}: column "${name}" has no values in the training rows; exclude it`);
    const data = present.subarray(0, count).sort();
    let sum = 0;
    for (let i = 0; i < count; i++)
        sum += data[i];
    const fill = policy.numeric === 'error' ? null : policy.numeric === 'mean' ? sum / count : median(data);
    // Mean and scale after imputation, as a SimpleImputer → StandardScaler pipeline computes them.
    const missing = rows.length - count;
    const total = sum + (fill ?? 0) * missing;
    const mean = total / rows.length;
    let ss = 0;
    for (let i = 0; i < count; i++)
        ss += (data[i] - mean) ** 2;
    ss += missing * ((fill ?? mean) - mean) ** 2;
    const std = Math.sqrt(ss / rows.length);
    return { name, kind: 'numeric', fill, mean, scale: std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1 };
}
function fitCategorical(table, rows, name, policy) {
    const values = (0,_csv_js__WEBPACK_IMPORTED_MODULE_1__/* .columnOf */ .uV)(table, name, 'feature');
    const counts = new Map();
    let missing = 0;
    for (let i = 0; i < rows.length; i++) {
        const raw = values[rows[i]];
        if ((0,_values_js__WEBPACK_IMPORTED_MODULE_2__/* .isMissing */ .b2)(raw)) {
            if (policy.categorical === 'error')
                throw cellError(table, rows[i], name, 'missing value (data.missing.categorical is "error")');
            missing++;
            continue;
        }
        const c = (0,_values_js__WEBPACK_IMPORTED_MODULE_2__/* .categoryOf */ .Qd)(raw);
        counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let fill = null;
    if (policy.categorical === 'category')
        fill = MISSING_CATEGORY;
    else if (policy.categorical === 'most_frequent') {
        // Ties go to the smallest value, as in scikit-learn's SimpleImputer.
        let best = -1;
        for (const [c, n] of counts)
            if (n > best || (n === best && fill !== null && c < fill))
                [fill, best] = [c, n];
    }
    if (fill !== null && missing > 0)
        counts.set(fill, (counts.get(fill) ?? 0) + missing);
    const categories = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (categories.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${(0,_csv_js__WEBPACK_IMPORTED_MODULE_1__/* .rowFile */ .Zc)(table, rows[0] ?? 0)}: column "${name}" has no values in the training rows; exclude it`);
    return { name, kind: 'categorical', fill, categories };
}
function fitPreprocessor(table, rows, features, config) {
    const states = features.map((f) => f.kind === 'numeric'
        ? fitNumeric(table, rows, f.name, config.missing)
        : fitCategorical(table, rows, f.name, config.missing));
    const outputColumns = states.flatMap((s) => s.kind === 'numeric' ? [s.name] : s.categories.map((c) => `${s.name}=${c}`));
    return {
        version: 1,
        features: states,
        missing: config.missing,
        unseenCategory: config.unseen_category,
        outputColumns,
    };
}
/** Rows → a dense row-major Float64Array (n × d) with the fitted preprocessing. */
function transform(pre, table, rows) {
    const n = rows.length;
    const d = pre.outputColumns.length;
    const x = new Float64Array(n * d);
    const notes = { imputed: {}, unseen: {} };
    let offset = 0;
    for (const state of pre.features) {
        const values = (0,_csv_js__WEBPACK_IMPORTED_MODULE_1__/* .columnOf */ .uV)(table, state.name, 'feature the model was trained with');
        if (state.kind === 'numeric') {
            const { fill, mean, scale } = state;
            let imputed = 0;
            for (let i = 0; i < n; i++) {
                let v = numericCell(table, values, rows[i], state.name);
                if (Number.isNaN(v)) {
                    if (fill === null)
                        throw cellError(table, rows[i], state.name, 'missing value (data.missing.numeric is "error")');
                    v = fill;
                    imputed++;
                }
                x[i * d + offset] = (v - mean) / scale;
            }
            if (imputed)
                notes.imputed[state.name] = imputed;
            offset += 1;
        }
        else {
            const index = new Map(state.categories.map((c, k) => [c, k]));
            let imputed = 0;
            let unseen = 0;
            for (let i = 0; i < n; i++) {
                const raw = values[rows[i]];
                let category;
                if ((0,_values_js__WEBPACK_IMPORTED_MODULE_2__/* .isMissing */ .b2)(raw)) {
                    if (state.fill === null)
                        throw cellError(table, rows[i], state.name, 'missing value (data.missing.categorical is "error")');
                    category = state.fill;
                    imputed++;
                }
                else
                    category = (0,_values_js__WEBPACK_IMPORTED_MODULE_2__/* .categoryOf */ .Qd)(raw);
                const k = index.get(category);
                if (k === undefined) {
                    if (pre.unseenCategory === 'error') {
                        throw cellError(table, rows[i], state.name, `category "${category}" was not seen in training (known: ${state.categories.slice(0, 8).join(', ')}${state.categories.length > 8 ? ', …' : ''}); set data.unseen_category: zeros to score it as all-zero`);
                    }
                    unseen++;
                    continue;
                }
                x[i * d + offset + k] = 1;
            }
            if (imputed)
                notes.imputed[state.name] = imputed;
            if (unseen)
                notes.unseen[state.name] = unseen;
            offset += state.categories.length;
        }
    }
    return { x, n, d, notes };
}


/***/ }),

/***/ 2884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $J: () => (/* binding */ parseNumber),
/* harmony export */   AA: () => (/* binding */ CELL_INFINITE),
/* harmony export */   Bj: () => (/* binding */ CELL_NUMBER),
/* harmony export */   CL: () => (/* binding */ sortLabels),
/* harmony export */   Qd: () => (/* binding */ categoryOf),
/* harmony export */   YZ: () => (/* binding */ hashString),
/* harmony export */   b2: () => (/* binding */ isMissing),
/* harmony export */   jv: () => (/* binding */ CELL_TEXT),
/* harmony export */   mp: () => (/* binding */ CELL_MISSING),
/* harmony export */   s0: () => (/* binding */ parseColumn)
/* harmony export */ });
/* unused harmony export isInfinite */
/** How raw CSV strings are read as values: one place, so training, scoring and validation agree. */
/** Tokens read as a missing value (pandas' defaults, minus the ambiguous ones). */
const MISSING = new Set(['', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', 'None', '#N/A']);
function isMissing(raw) {
    return MISSING.has(raw) || (raw.length > 0 && raw.trim() === '');
}
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const INFINITE = /^\s*[+-]?(inf|infinity)\s*$/i;
/** A finite number, or NaN when the text is not one (including "Infinity", hex, "1,5"). */
function parseNumber(raw) {
    return NUMBER.test(raw) ? Number(raw) : Number.NaN;
}
function isInfinite(raw) {
    return INFINITE.test(raw);
}
/** What a cell of a column read as numbers holds. */
const CELL_NUMBER = 0;
const CELL_MISSING = 1;
const CELL_TEXT = 2;
const CELL_INFINITE = 3;
const parsedColumns = new WeakMap();
/**
 * Every cell of a column read as a number, once: type inference, fitting and each transform of the same rows
 * (the challenger's and the champion's) would otherwise parse the same strings again. Cached per column array.
 */
function parseColumn(values) {
    let parsed = parsedColumns.get(values);
    if (parsed)
        return parsed;
    const value = new Float64Array(values.length);
    const kind = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) {
        const raw = values[i];
        let v = Number.NaN;
        let k = CELL_NUMBER;
        if (isMissing(raw))
            k = CELL_MISSING;
        else {
            v = parseNumber(raw);
            if (Number.isNaN(v))
                k = isInfinite(raw) ? CELL_INFINITE : CELL_TEXT;
            else if (!Number.isFinite(v))
                [k, v] = [CELL_INFINITE, Number.NaN]; // an overflowing literal like 1e999
        }
        value[i] = v;
        kind[i] = k;
    }
    parsed = { value, kind };
    parsedColumns.set(values, parsed);
    return parsed;
}
/** A categorical value as stored: surrounding whitespace does not make a new category. */
function categoryOf(raw) {
    return raw.trim();
}
/** Ascending, numerically when every label is a number ("2" < "10"), else by code unit (like numpy). */
function sortLabels(labels) {
    const numeric = labels.every((l) => !Number.isNaN(parseNumber(l)));
    return [...labels].sort(numeric ? (a, b) => parseNumber(a) - parseNumber(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
/**
 * A 32-bit hash of a string (FNV-1a over UTF-16 code units, then murmur3's finaliser so that nearby keys
 * spread evenly). Used to put a row on the train or eval side from its key alone, so the side never
 * changes when other rows are added or removed.
 */
function hashString(text, seed) {
    let h = (0x811c9dc5 ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
}


/***/ }),

/***/ 9341:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Cq: () => (/* binding */ DEFAULT_METRICS),
  Cb: () => (/* binding */ METRICS),
  XQ: () => (/* reexport */ argsort),
  Gm: () => (/* binding */ computeDetails),
  pH: () => (/* binding */ computeMetrics)
});

// UNUSED EXPORTS: LOG_LOSS_EPS, TASKS, averagePrecision, binaryAtThreshold, brierScore, checkMetricNames, logLoss, metricsForTask, multiclassMetrics, regressionMetrics, rocAuc

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/evaluate/metrics-argsort.ts
/**
 * Stable ascending argsort of a Float64Array by LSD radix sort on the IEEE-754 bit patterns. A comparator
 * sort over 1M indices costs hundreds of milliseconds; this is a few linear passes over typed arrays.
 */

/** Which 32-bit half of a float64 is the low word on this machine. */
const LOW_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;
/**
 * Indices that sort `values` ascending; equal values keep their original order (so -0 and +0, being equal,
 * stay in index order). NaN has no place in an order and is rejected.
 */
function argsort(values) {
    const n = values.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++)
        order[i] = i;
    if (n < 2) {
        if (n === 1 && Number.isNaN(values[0]))
            throw nanError(0);
        return order;
    }
    // Map each double to an unsigned 64-bit key (hi, lo) whose unsigned order is the numeric order:
    // negatives get all bits flipped, non-negatives get the sign bit set.
    const raw = new Uint32Array(Float64Array.from(values).buffer);
    let hi = new Uint32Array(n);
    let lo = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
        let h = raw[2 * i + 1 - LOW_WORD];
        let l = raw[2 * i + LOW_WORD];
        if ((h & 0x7ff00000) === 0x7ff00000 && ((h & 0xfffff) !== 0 || l !== 0))
            throw nanError(i);
        if (h === 0x80000000 && l === 0)
            h = 0; // -0 sorts as +0
        if (h & 0x80000000) {
            h = ~h >>> 0;
            l = ~l >>> 0;
        }
        else {
            h = (h | 0x80000000) >>> 0;
        }
        hi[i] = h;
        lo[i] = l;
    }
    // 16-bit digits halve the passes for large inputs; 8-bit digits keep the count tables small otherwise.
    const bits = n >= 1 << 16 ? 16 : 8;
    const radix = 1 << bits;
    const mask = radix - 1;
    const digitsPerWord = 32 / bits;
    const passes = 2 * digitsPerWord;
    const counts = new Uint32Array(passes * radix);
    for (let i = 0; i < n; i++) {
        const l = lo[i];
        const h = hi[i];
        for (let d = 0; d < digitsPerWord; d++) {
            counts[d * radix + ((l >>> (d * bits)) & mask)]++;
            counts[(digitsPerWord + d) * radix + ((h >>> (d * bits)) & mask)]++;
        }
    }
    let src = order;
    let dst = new Uint32Array(n);
    let nextHi = new Uint32Array(n);
    let nextLo = new Uint32Array(n);
    for (let pass = 0; pass < passes; pass++) {
        const base = pass * radix;
        // A digit that is the same for every row leaves the order as it is: skip the pass.
        let constant = false;
        for (let b = 0; b < radix; b++) {
            const c = counts[base + b];
            if (c === n)
                constant = true;
            if (c !== 0)
                break;
        }
        if (constant)
            continue;
        let start = 0;
        for (let b = 0; b < radix; b++) {
            const c = counts[base + b];
            counts[base + b] = start;
            start += c;
        }
        const keys = pass < digitsPerWord ? lo : hi;
        const shift = (pass % digitsPerWord) * bits;
        const carryLo = pass < digitsPerWord - 1; // the low word is still needed by a later pass
        for (let k = 0; k < n; k++) {
            const at = counts[base + ((keys[k] >>> shift) & mask)]++;
            dst[at] = src[k];
            nextHi[at] = hi[k];
            if (carryLo)
                nextLo[at] = lo[k];
        }
        ;
        [src, dst] = [dst, src];
        [hi, nextHi] = [nextHi, hi];
        if (carryLo)
            [lo, nextLo] = [nextLo, lo];
    }
    return src;
}
function nanError(row) {
    return new errors/* UserError */.yo(`argsort: values[${row}] is NaN; scores must be numbers, not NaN`);
}

;// CONCATENATED MODULE: ./src/evaluate/metrics-input.ts
/**
 * Input checks shared by the metric functions. Length/shape mismatches and invalid weights are caller bugs
 * (RangeError); bad values in the data (NaN scores, labels out of range) are user-fixable (UserError). The
 * per-row checks are written inline in each metric's main loop so they cost no extra pass over the data;
 * these helpers only build the messages.
 */

function checkLength(fn, input, actual, expected) {
    if (actual !== expected) {
        throw new RangeError(`${fn}: ${input} has length ${actual}, expected ${expected} (one per row)`);
    }
}
function checkWeightLength(fn, weight, n) {
    if (weight !== undefined)
        checkLength(fn, 'weight', weight.length, n);
}
/** Sample weights must be finite and non-negative (sklearn sample_weight; bootstrap counts may be 0). */
function badWeight(fn, row, value) {
    throw new RangeError(`${fn}: weight[${row}] is ${value}; weights must be finite and >= 0`);
}
function badLabel(fn, row, value, expected) {
    throw new errors/* UserError */.yo(`${fn}: y[${row}] is ${value}; expected ${expected}`);
}
function badValue(fn, input, row, value, expected) {
    throw new errors/* UserError */.yo(`${fn}: ${input}[${row}] is ${value}; expected ${expected}`);
}
function badOrder(fn, position) {
    throw new RangeError(`${fn}: order is not an ascending argsort of score (it goes down at position ${position}); ` +
        'pass argsort(score) for the same score array');
}

;// CONCATENATED MODULE: ./src/evaluate/metrics-binary.ts
/**
 * Binary classification metrics with scikit-learn's semantics (checked against sklearn 1.2.1 fixtures).
 * Labels are 0/1 in a Uint8Array; `weight` is sklearn's sample_weight (bootstrap counts, zeros allowed).
 * Ranking metrics take an optional precomputed ascending `order` (argsort(score)) so a bootstrap sorts once
 * and then only loops: with `order` they allocate nothing.
 */


/** np.finfo(np.float64).eps: sklearn >= 1.2 clips log-loss probabilities to [eps, 1 - eps] (eps='auto'). */
const LOG_LOSS_EPS = Number.EPSILON;
function checkRanking(fn, y, score, weight, order) {
    checkLength(fn, 'score', score.length, y.length);
    checkWeightLength(fn, weight, y.length);
    if (order !== undefined)
        checkLength(fn, 'order', order.length, y.length);
}
/**
 * Area under the ROC curve as the weighted Mann-Whitney statistic: the share of (positive, negative) pairs
 * where the positive scores higher, ties counting one half. Equal to sklearn's trapezoidal roc_auc_score.
 * NaN when either class has zero total weight (sklearn raises or returns nan there).
 */
function rocAuc(y, score, weight, order) {
    checkRanking('rocAuc', y, score, weight, order);
    const idx = order ?? argsort(score);
    const n = y.length;
    let pairs = 0; // weighted count of correctly ranked pairs, ties counting 1/2
    let negBelow = 0; // negative weight with a strictly lower score than the current group
    let posTotal = 0;
    let groupPos = 0;
    let groupNeg = 0;
    let previous = NaN;
    for (let k = 0; k < n; k++) {
        const i = idx[k];
        const s = score[i];
        if (s !== previous) {
            if (s < previous)
                badOrder('rocAuc', k);
            if (s !== s)
                badValue('rocAuc', 'score', i, s, 'a number');
            pairs += groupPos * (negBelow + 0.5 * groupNeg);
            negBelow += groupNeg;
            posTotal += groupPos;
            groupPos = 0;
            groupNeg = 0;
            previous = s;
        }
        const w = weight === undefined ? 1 : weight[i];
        if (!(w >= 0 && w < Infinity))
            badWeight('rocAuc', i, w);
        const label = y[i];
        if (label === 1)
            groupPos += w;
        else if (label === 0)
            groupNeg += w;
        else
            badLabel('rocAuc', i, label, '0 or 1');
    }
    pairs += groupPos * (negBelow + 0.5 * groupNeg);
    negBelow += groupNeg;
    posTotal += groupPos;
    if (posTotal === 0 || negBelow === 0)
        return NaN;
    return pairs / (posTotal * negBelow);
}
/**
 * sklearn's average_precision_score: sum over distinct score thresholds (descending) of
 * (recall gain) x (precision at that threshold), no interpolation; tied scores form one threshold.
 * NaN when the positives have zero total weight (sklearn 1.2.1 returns 0 with a warning there).
 */
function averagePrecision(y, score, weight, order) {
    checkRanking('averagePrecision', y, score, weight, order);
    const idx = order ?? argsort(score);
    let truePos = 0; // weight of positives scoring >= the current threshold
    let falsePos = 0;
    let groupPos = 0;
    let groupNeg = 0;
    let sum = 0; // sum of groupPos x precision; divided by total positive weight at the end
    let previous = NaN;
    for (let k = y.length - 1; k >= 0; k--) {
        const i = idx[k];
        const s = score[i];
        if (s !== previous) {
            if (s > previous)
                badOrder('averagePrecision', k + 1);
            if (s !== s)
                badValue('averagePrecision', 'score', i, s, 'a number');
            truePos += groupPos;
            falsePos += groupNeg;
            // A group without positive weight adds no recall; skipping it also avoids 0/0 when no weight is seen yet.
            if (groupPos > 0)
                sum += groupPos * (truePos / (truePos + falsePos));
            groupPos = 0;
            groupNeg = 0;
            previous = s;
        }
        const w = weight === undefined ? 1 : weight[i];
        if (!(w >= 0 && w < Infinity))
            badWeight('averagePrecision', i, w);
        const label = y[i];
        if (label === 1)
            groupPos += w;
        else if (label === 0)
            groupNeg += w;
        else
            badLabel('averagePrecision', i, label, '0 or 1');
    }
    truePos += groupPos;
    falsePos += groupNeg;
    if (groupPos > 0)
        sum += groupPos * (truePos / (truePos + falsePos));
    return truePos === 0 ? NaN : sum / truePos;
}
/**
 * Binary log loss (natural log) with sklearn 1.2.1's arithmetic: p is clipped to [eps, 1 - eps]
 * (eps = 2^-52), the row [1 - p, p] is divided by its sum, and the weighted mean is taken.
 * Defined for one-class inputs (sklearn with labels=[0, 1]); NaN when the total weight is zero.
 */
function logLoss(y, p, weight) {
    checkLength('logLoss', 'p', p.length, y.length);
    checkWeightLength('logLoss', weight, y.length);
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
        const raw = p[i];
        if (raw !== raw)
            badValue('logLoss', 'p', i, raw, 'a probability');
        const clipped = raw < LOG_LOSS_EPS ? LOG_LOSS_EPS : raw > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : raw;
        const other = 1 - clipped;
        const rowSum = other + clipped; // not always exactly 1 in floating point; sklearn divides by it
        const label = y[i];
        let loss;
        if (label === 1)
            loss = -Math.log(clipped / rowSum);
        else if (label === 0)
            loss = -Math.log(other / rowSum);
        else
            badLabel('logLoss', i, label, '0 or 1');
        const w = weight === undefined ? 1 : weight[i];
        if (!(w >= 0 && w < Infinity))
            badWeight('logLoss', i, w);
        sum += w * loss;
        total += w;
    }
    return total === 0 ? NaN : sum / total;
}
/** Weighted mean squared difference between p and y. p must lie in [0, 1] (sklearn raises otherwise). */
function brierScore(y, p, weight) {
    checkLength('brierScore', 'p', p.length, y.length);
    checkWeightLength('brierScore', weight, y.length);
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i++) {
        const prob = p[i];
        if (!(prob >= 0 && prob <= 1))
            badValue('brierScore', 'p', i, prob, 'a probability in [0, 1]');
        const label = y[i];
        if (label > 1)
            badLabel('brierScore', i, label, '0 or 1');
        const w = weight === undefined ? 1 : weight[i];
        if (!(w >= 0 && w < Infinity))
            badWeight('brierScore', i, w);
        const d = label - prob;
        sum += w * d * d;
        total += w;
    }
    return total === 0 ? NaN : sum / total;
}
/**
 * Threshold metrics: a row is predicted positive when p >= threshold. precision, recall and f1 are 0 when
 * their denominator is 0 (sklearn zero_division=0); accuracy is NaN when the total weight is zero.
 */
function binaryAtThreshold(y, p, threshold, weight) {
    checkLength('binaryAtThreshold', 'p', p.length, y.length);
    checkWeightLength('binaryAtThreshold', weight, y.length);
    if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
        throw new RangeError(`binaryAtThreshold: threshold is ${String(threshold)}; expected a number`);
    }
    let tn = 0;
    let fp = 0;
    let fn = 0;
    let tp = 0;
    for (let i = 0; i < y.length; i++) {
        const prob = p[i];
        if (prob !== prob)
            badValue('binaryAtThreshold', 'p', i, prob, 'a number');
        const w = weight === undefined ? 1 : weight[i];
        if (!(w >= 0 && w < Infinity))
            badWeight('binaryAtThreshold', i, w);
        const label = y[i];
        if (label > 1)
            badLabel('binaryAtThreshold', i, label, '0 or 1');
        if (prob >= threshold) {
            if (label === 1)
                tp += w;
            else
                fp += w;
        }
        else if (label === 1)
            fn += w;
        else
            tn += w;
    }
    const total = tn + fp + fn + tp;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    return {
        accuracy: total === 0 ? NaN : (tn + tp) / total,
        precision,
        recall,
        f1: f1FromPrecisionRecall(precision, recall),
        confusion: [
            [tn, fp],
            [fn, tp],
        ],
    };
}
/** sklearn's F1 from precision and recall: 2PR / (P + R), 0 when P + R = 0. */
function f1FromPrecisionRecall(precision, recall) {
    const denominator = precision + recall;
    return denominator === 0 ? 0 : (2 * precision * recall) / denominator;
}

;// CONCATENATED MODULE: ./src/evaluate/metrics-multiclass.ts
/**
 * Multiclass metrics with scikit-learn's semantics for labels=range(K): classes absent from y or never
 * predicted still get a confusion row/column, per-class scores (zero_division=0) and a share of the macro F1.
 */


/**
 * `proba` is n x K row-major; the predicted class is the first maximum of each row (np.argmax). log_loss
 * follows sklearn 1.2.1: each probability is clipped to [eps, 1 - eps] (eps = 2^-52), each row is divided
 * by its sum (rows need not sum to 1), and the weighted mean of -log(p[true]) is taken.
 * accuracy and log_loss are NaN when the total weight is zero.
 */
function multiclassMetrics(y, proba, K, weight) {
    const n = y.length;
    if (!Number.isInteger(K) || K < 2)
        throw new RangeError(`multiclassMetrics: K is ${K}; expected an integer >= 2`);
    checkLength('multiclassMetrics', 'proba', proba.length, n * K);
    checkWeightLength('multiclassMetrics', weight, n);
    const confusion = new Float64Array(K * K);
    let lossSum = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
        const label = y[i];
        if (!(label >= 0 && label < K))
            badLabel('multiclassMetrics', i, label, `a class index in 0..${K - 1}`);
        const w = weight === undefined ? 1 : weight[i];
        if (!(w >= 0 && w < Infinity))
            badWeight('multiclassMetrics', i, w);
        const row = i * K;
        let predicted = 0;
        let best = -Infinity;
        let rowSum = 0;
        for (let k = 0; k < K; k++) {
            const q = proba[row + k];
            if (q !== q)
                badValue('multiclassMetrics', 'proba', row + k, q, `a probability (row ${i}, class ${k})`);
            if (q > best) {
                best = q;
                predicted = k;
            }
            rowSum += clip(q);
        }
        confusion[label * K + predicted] += w;
        lossSum += w * -Math.log(clip(proba[row + label]) / rowSum);
        total += w;
    }
    const precision = [];
    const recall = [];
    const f1 = [];
    const support = [];
    let correct = 0;
    let macro = 0;
    let weighted = 0;
    for (let k = 0; k < K; k++) {
        let predictedAsK = 0;
        let trueK = 0;
        for (let j = 0; j < K; j++) {
            predictedAsK += confusion[j * K + k];
            trueK += confusion[k * K + j];
        }
        const hits = confusion[k * K + k];
        correct += hits;
        const precisionK = predictedAsK === 0 ? 0 : hits / predictedAsK;
        const recallK = trueK === 0 ? 0 : hits / trueK;
        const f1K = f1FromPrecisionRecall(precisionK, recallK);
        precision.push(precisionK);
        recall.push(recallK);
        f1.push(f1K);
        support.push(trueK);
        macro += f1K;
        weighted += f1K * trueK;
    }
    const rows = [];
    for (let k = 0; k < K; k++)
        rows.push(Array.from(confusion.subarray(k * K, (k + 1) * K)));
    return {
        accuracy: total === 0 ? NaN : correct / total,
        f1_macro: macro / K,
        // sklearn: with no support at all the weighted average is zero_division (0 here)
        f1_weighted: total === 0 ? 0 : weighted / total,
        log_loss: total === 0 ? NaN : lossSum / total,
        precision,
        recall,
        f1,
        support,
        confusion: rows,
    };
}
function clip(q) {
    return q < LOG_LOSS_EPS ? LOG_LOSS_EPS : q > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : q;
}

;// CONCATENATED MODULE: ./src/evaluate/metrics-regression.ts
/** Regression metrics with scikit-learn's semantics (sample_weight, r2_score force_finite=True). */

/**
 * rmse and mae are weighted means (NaN when the total weight is zero). r2 = 1 - SSres / SStot around the
 * weighted mean of y; like sklearn it is NaN with fewer than 2 rows, and when y is constant (SStot = 0)
 * it is 1 for perfect predictions and 0 otherwise. "Constant" is decided by comparing the values of the
 * rows with positive weight, not by SStot rounding to exactly 0, so it does not depend on summation order.
 */
function regressionMetrics(y, pred, weight) {
    const n = y.length;
    checkLength('regressionMetrics', 'pred', pred.length, n);
    checkWeightLength('regressionMetrics', weight, n);
    let total = 0;
    let weightedY = 0;
    let squared = 0;
    let absolute = 0;
    let first = NaN; // first y with positive weight
    let constant = true;
    for (let i = 0; i < n; i++) {
        const target = y[i];
        const predicted = pred[i];
        if (!Number.isFinite(target))
            badValue('regressionMetrics', 'y', i, target, 'a finite number');
        if (!Number.isFinite(predicted))
            badValue('regressionMetrics', 'pred', i, predicted, 'a finite number');
        const w = weight === undefined ? 1 : weight[i];
        if (!(w >= 0 && w < Infinity))
            badWeight('regressionMetrics', i, w);
        const error = target - predicted;
        squared += w * error * error;
        absolute += w * Math.abs(error);
        weightedY += w * target;
        total += w;
        if (w > 0) {
            if (first !== first)
                first = target;
            else if (target !== first)
                constant = false;
        }
    }
    if (total === 0)
        return { rmse: NaN, mae: NaN, r2: NaN };
    return {
        rmse: Math.sqrt(squared / total),
        mae: absolute / total,
        r2: rSquared(y, weight, total, weightedY, squared, constant),
    };
}
function rSquared(y, weight, total, weightedY, residual, constant) {
    if (y.length < 2)
        return NaN;
    if (residual === 0)
        return 1;
    if (constant)
        return 0;
    const mean = weightedY / total;
    let spread = 0;
    for (let i = 0; i < y.length; i++) {
        const d = y[i] - mean;
        spread += (weight === undefined ? 1 : weight[i]) * d * d;
    }
    return spread === 0 ? 0 : 1 - residual / spread;
}

;// CONCATENATED MODULE: ./src/evaluate/metrics.ts
/**
 * Evaluation metrics: the catalogue of metric names the gate and report use (one source of truth for
 * names, labels, directions and ranges) and dispatch from a task + predictions to the named metrics.
 * The metric arithmetic lives in metrics-{binary,multiclass,regression}.ts and is checked against
 * scikit-learn fixtures (scripts/fixtures/metrics_fixtures.py).
 */








const TASKS = ['binary', 'multiclass', 'regression'];
function metric(name, label, tasks, higherIsBetter, range) {
    return { name, label, tasks, higherIsBetter, range };
}
const METRICS = {
    roc_auc: metric('roc_auc', 'ROC AUC', ['binary'], true, [0, 1]),
    average_precision: metric('average_precision', 'Average precision', ['binary'], true, [0, 1]),
    log_loss: metric('log_loss', 'Log loss', ['binary', 'multiclass'], false, [0, Infinity]),
    brier: metric('brier', 'Brier score', ['binary'], false, [0, 1]),
    accuracy: metric('accuracy', 'Accuracy', ['binary', 'multiclass'], true, [0, 1]),
    precision: metric('precision', 'Precision', ['binary'], true, [0, 1]),
    recall: metric('recall', 'Recall', ['binary'], true, [0, 1]),
    f1: metric('f1', 'F1', ['binary'], true, [0, 1]),
    f1_macro: metric('f1_macro', 'Macro F1', ['multiclass'], true, [0, 1]),
    f1_weighted: metric('f1_weighted', 'Weighted F1', ['multiclass'], true, [0, 1]),
    rmse: metric('rmse', 'RMSE', ['regression'], false, [0, Infinity]),
    mae: metric('mae', 'MAE', ['regression'], false, [0, Infinity]),
    r2: metric('r2', 'R²', ['regression'], true, [-Infinity, 1]),
};
const DEFAULT_METRICS = {
    binary: ['roc_auc', 'average_precision', 'log_loss', 'brier', 'accuracy', 'f1'],
    multiclass: ['accuracy', 'f1_macro', 'f1_weighted', 'log_loss'],
    regression: ['rmse', 'mae', 'r2'],
};
/** The metric names that apply to a task, in catalogue order. */
function metricsForTask(task) {
    return Object.values(METRICS)
        .filter((info) => info.tasks.includes(task))
        .map((info) => info.name);
}
/** Throws a UserError naming the metric and listing the valid ones when a name does not fit the task. */
function checkMetricNames(task, names) {
    if (!TASKS.includes(task))
        throw new errors/* UserError */.yo(`unknown task "${String(task)}"; expected one of ${TASKS.join(', ')}`);
    for (const name of names) {
        const info = Object.hasOwn(METRICS, name) ? METRICS[name] : undefined;
        if (info === undefined || !info.tasks.includes(task)) {
            const what = info === undefined ? 'unknown metric' : `metric does not apply to a ${task} task:`;
            throw new errors/* UserError */.yo(`${what} "${name}"; for ${task} use one of ${metricsForTask(task).join(', ')}`);
        }
    }
}
/** Compute the named scalar metrics (NaN where a metric is undefined, e.g. ROC AUC with one class). */
function computeMetrics(task, y, pred, opts = {}) {
    const names = opts.names ?? DEFAULT_METRICS[task];
    checkMetricNames(task, names);
    const values = {};
    if (task === 'binary') {
        const labels = expectArray(y, Uint8Array, 'binary', 'Uint8Array of 0/1');
        const threshold = opts.threshold ?? 0.5;
        let atThreshold; // one pass serves all four threshold metrics
        for (const name of names) {
            if (name === 'roc_auc')
                values[name] = rocAuc(labels, pred, opts.weight, opts.order);
            else if (name === 'average_precision')
                values[name] = averagePrecision(labels, pred, opts.weight, opts.order);
            else if (name === 'log_loss')
                values[name] = logLoss(labels, pred, opts.weight);
            else if (name === 'brier')
                values[name] = brierScore(labels, pred, opts.weight);
            else {
                atThreshold ??= binaryAtThreshold(labels, pred, threshold, opts.weight);
                values[name] = atThreshold[name];
            }
        }
    }
    else if (task === 'multiclass') {
        const labels = expectArray(y, Int32Array, 'multiclass', 'Int32Array of class indices');
        const all = multiclassMetrics(labels, pred, requireClasses(opts.classes), opts.weight);
        for (const name of names)
            values[name] = all[name];
    }
    else {
        const targets = expectArray(y, Float64Array, 'regression', 'Float64Array');
        const all = regressionMetrics(targets, pred, opts.weight);
        for (const name of names)
            values[name] = all[name];
    }
    return values;
}
function computeDetails(task, y, pred, opts = {}) {
    checkMetricNames(task, []);
    if (task === 'binary') {
        const labels = expectArray(y, Uint8Array, 'binary', 'Uint8Array of 0/1');
        const threshold = opts.threshold ?? 0.5;
        const { confusion } = binaryAtThreshold(labels, pred, threshold, opts.weight);
        const [[tn, fp], [fn, tp]] = confusion;
        const precision = [ratio(tn, tn + fn), ratio(tp, tp + fp)];
        const recall = [ratio(tn, tn + fp), ratio(tp, tp + fn)];
        const f1 = [
            f1FromPrecisionRecall(precision[0], recall[0]),
            f1FromPrecisionRecall(precision[1], recall[1]),
        ];
        const support = [tn + fp, fn + tp];
        return {
            task,
            classes: [0, 1],
            threshold,
            confusion,
            precision,
            recall,
            f1,
            support,
            total: support[0] + support[1],
        };
    }
    if (task === 'multiclass') {
        const labels = expectArray(y, Int32Array, 'multiclass', 'Int32Array of class indices');
        const K = requireClasses(opts.classes);
        const m = multiclassMetrics(labels, pred, K, opts.weight);
        const classes = Array.from({ length: K }, (_, k) => k);
        const total = m.support.reduce((a, b) => a + b, 0);
        const { confusion, precision, recall, f1, support } = m;
        return { task, classes, threshold: null, confusion, precision, recall, f1, support, total };
    }
    const targets = expectArray(y, Float64Array, 'regression', 'Float64Array');
    regressionMetrics(targets, pred, opts.weight); // validates lengths, values and weights
    let total = 0;
    let errorSum = 0;
    let maxAbs = 0;
    for (let i = 0; i < targets.length; i++) {
        const w = opts.weight === undefined ? 1 : opts.weight[i];
        const error = pred[i] - targets[i];
        total += w;
        errorSum += w * error;
        if (w > 0 && Math.abs(error) > maxAbs)
            maxAbs = Math.abs(error);
    }
    return total === 0
        ? { task, total, meanError: null, maxAbsError: null }
        : { task, total, meanError: errorSum / total, maxAbsError: maxAbs };
}
function ratio(numerator, denominator) {
    return denominator === 0 ? 0 : numerator / denominator;
}
function requireClasses(classes) {
    if (classes === undefined || !Number.isInteger(classes) || classes < 2) {
        throw new RangeError(`multiclass metrics need opts.classes, the number of classes (an integer >= 2); got ${String(classes)}`);
    }
    return classes;
}
function expectArray(y, type, task, expected) {
    if (!(y instanceof type))
        throw new TypeError(`${task} metrics need y as a ${expected}, got ${y.constructor.name}`);
    return y;
}


/***/ }),

/***/ 9553:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A1: () => (/* binding */ scoreRows),
/* harmony export */   GN: () => (/* binding */ PREPROCESS_JSON),
/* harmony export */   TP: () => (/* binding */ loadModelFiles),
/* harmony export */   fP: () => (/* binding */ serializeBundle),
/* harmony export */   gw: () => (/* binding */ MODEL_DIR)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _data_preprocess_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1972);
/* harmony import */ var _train_model_io_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(144);



const PREPROCESS_JSON = 'preprocess.json';
const MODEL_DIR = 'model';
function serializeBundle(bundle) {
    return new TextEncoder().encode(`${JSON.stringify(bundle, null, 2)}\n`);
}
/** Load a stored model from its files (as written by the run): model/model.json, model/weights.bin, preprocess.json. */
async function loadModelFiles(runtime, read, label) {
    const bundle = JSON.parse(new TextDecoder().decode(await read(PREPROCESS_JSON)));
    if (bundle.preprocessor?.version !== 1 || !bundle.target)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${label}: ${PREPROCESS_JSON} is not a modelgate preprocessing file`);
    const model = await (0,_train_model_io_js__WEBPACK_IMPORTED_MODULE_2__/* .loadTfModel */ .eQ)(runtime.tf, await read(`${MODEL_DIR}/${_train_model_io_js__WEBPACK_IMPORTED_MODULE_2__/* .MODEL_JSON */ .T$}`), await read(`${MODEL_DIR}/${_train_model_io_js__WEBPACK_IMPORTED_MODULE_2__/* .WEIGHTS_BIN */ .mE}`), label);
    return { ...bundle, model, label };
}
/** Preprocess rows with the model's own fitted preprocessing and predict with the stored tfjs model. */
function scoreRows(runtime, loaded, table, rows) {
    const { x, n, d, notes } = (0,_data_preprocess_js__WEBPACK_IMPORTED_MODULE_1__/* .transform */ .pd)(loaded.preprocessor, table, rows);
    const expected = loaded.model.inputs[0].shape[1] ?? d;
    if (expected !== d) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${loaded.label}: the model expects ${expected} inputs but its preprocessing produced ${d}; the run's files do not belong together`);
    }
    return { predictions: (0,_train_model_io_js__WEBPACK_IMPORTED_MODULE_2__/* .predictTf */ .kt)(runtime.tf, loaded.model, x, n, d), notes };
}


/***/ }),

/***/ 8943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mc: () => (/* binding */ githubCall),
/* harmony export */   jh: () => (/* binding */ retryTransient),
/* harmony export */   x6: () => (/* binding */ GitHubPermissionError)
/* harmony export */ });
/* unused harmony export RETRY_DELAYS_MS */
/** The GitHub client type and one wrapper that turns every failed call into a readable, one-line error. */
/** The token may not do this (a read-only token, or a `permissions:` block without the needed scope). */
class GitHubPermissionError extends Error {
    name = 'GitHubPermissionError';
}
function isHttpError(error) {
    return (typeof error === 'object' && error !== null && typeof error.status === 'number');
}
/** GitHub's own message (`{"message": "..."}`), or the client's. */
function apiMessage(error) {
    const data = error.response?.data;
    if (typeof data === 'object' &&
        data !== null &&
        typeof data.message === 'string') {
        return data.message;
    }
    return error.message;
}
/**
 * Run one API call; on failure throw an Error saying what was being done, the HTTP status and GitHub's
 * message, e.g. "GitHub API: creating the modelgate comment on acme/app#7 failed: HTTP 500 Server Error".
 * A 403 that is not rate limiting becomes a GitHubPermissionError, which callers may degrade on.
 */
async function githubCall(what, call) {
    try {
        return await call();
    }
    catch (error) {
        if (!isHttpError(error))
            throw error;
        const message = `GitHub API: ${what} failed: HTTP ${error.status} ${apiMessage(error)}`;
        if (error.status === 403 && !/rate limit/i.test(apiMessage(error)))
            throw new GitHubPermissionError(message, { cause: error });
        throw new Error(message, { cause: error });
    }
}
/** Pauses before the 2nd and 3rd attempt of a transient failure (GitHub's 5xx usually clear within seconds). */
const RETRY_DELAYS_MS = [500, 1500];
/** A server error (5xx) or a dropped connection: worth another try. Client errors (4xx) never are. */
function isTransient(error) {
    const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
    if (isHttpError(cause))
        return cause.status >= 500;
    const code = cause?.code;
    return (typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|UND_ERR_)/.test(code));
}
/**
 * Run `work` again after a transient failure, up to RETRY_DELAYS_MS.length more times. `work` must be safe
 * to repeat: the sticky comment retries its whole find-or-create, so a comment created by a request whose
 * answer was lost is found on the next attempt instead of being posted twice.
 */
async function retryTransient(work, onRetry) {
    for (let attempt = 0;; attempt++) {
        try {
            return await work();
        }
        catch (error) {
            const delay = RETRY_DELAYS_MS[attempt];
            if (delay === undefined || !isTransient(error))
                throw error;
            onRetry?.(error, attempt + 1);
            await new Promise((resolve) => setTimeout(resolve, delay));
        }
    }
}


/***/ }),

/***/ 8539:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M6: () => (/* binding */ CHAMPION),
/* harmony export */   QS: () => (/* binding */ scoreChampion)
/* harmony export */ });
/* unused harmony export loadStoredModel */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _evaluate_metrics_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9341);
/* harmony import */ var _evaluate_score_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9553);



const CHAMPION = 'champion';
/**
 * A stored run's model, named by run id or by an alias (null when the alias does not exist yet), loaded
 * from the run's own files, each checked against its manifest.
 */
async function loadStoredModel(registry, runtime, model, ref) {
    let runId = ref.runId;
    if (!runId) {
        const alias = await registry.getAlias(model, ref.alias);
        if (!alias)
            return null;
        runId = alias.record.runId;
    }
    const manifest = await registry.readManifest(model, runId);
    const loaded = await (0,_evaluate_score_js__WEBPACK_IMPORTED_MODULE_2__/* .loadModelFiles */ .TP)(runtime, (p) => registry.readRunFile(manifest, p), `run ${runId}`);
    return { runId, manifest, loaded };
}
/**
 * Load the run an alias points at and score it on the challenger's eval rows with its own stored
 * preprocessing. Never compared by stored numbers: the eval set may have changed in this very change.
 * null when there is no such alias yet; a UserError when the run cannot be scored on these rows.
 */
async function scoreChampion(spec, deps, runtime, dataset, runId) {
    const stored = await loadStoredModel(deps.registry, runtime, spec.name, { runId, alias: CHAMPION });
    if (!stored)
        return null;
    const { runId: id, manifest, loaded } = stored;
    try {
        const theirs = loaded.target;
        const ours = dataset.target;
        if (theirs.task !== ours.task || theirs.classes.join('\u0000') !== ours.classes.join('\u0000')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`champion run ${id} predicts ${theirs.task} ${theirs.classes.length ? `classes [${theirs.classes.join(', ')}]` : 'values'} but this spec has ${ours.task} ${ours.classes.length ? `classes [${ours.classes.join(', ')}]` : 'values'}; the two cannot be compared on the same rows`);
        }
        const scored = (0,_evaluate_score_js__WEBPACK_IMPORTED_MODULE_2__/* .scoreRows */ .A1)(runtime, loaded, dataset.eval.table, dataset.eval.rows);
        const options = { classes: ours.classes.length, threshold: spec.threshold };
        return {
            runId: id,
            commit: manifest.meta.git?.commit ?? null,
            predictions: scored.predictions,
            metrics: (0,_evaluate_metrics_js__WEBPACK_IMPORTED_MODULE_1__/* .computeMetrics */ .pH)(spec.task, dataset.eval.y, scored.predictions, {
                ...options,
                names: spec.metricNames,
            }),
            details: (0,_evaluate_metrics_js__WEBPACK_IMPORTED_MODULE_1__/* .computeDetails */ .Gm)(spec.task, dataset.eval.y, scored.predictions, options),
        };
    }
    finally {
        loaded.model.dispose();
    }
}


/***/ }),

/***/ 377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BH: () => (/* binding */ loadSpecs),
  ji: () => (/* binding */ resultsJson),
  $D: () => (/* binding */ runAll)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
// EXTERNAL MODULE: ./src/evaluate/metrics.ts + 5 modules
var evaluate_metrics = __webpack_require__(9341);
;// CONCATENATED MODULE: ./src/config/spec-schema.ts


/**
 * The schema of `models/<name>/modelgate.yml`. Keys are snake_case like the YAML; defaults follow
 * scikit-learn where a user would compare (LogisticRegression C=1, MLPClassifier alpha=1e-4, adam 1e-3).
 */
const positive = schemas/* number */.aig().positive();
const fraction = schemas/* number */.aig().gt(0).lt(1);
const columnList = schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1);
const csvFiles = schemas/* union */.KCZ([schemas/* string */.YjP().min(1), schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1)])
    .transform((v) => (Array.isArray(v) ? v : [v]));
const splitSchema = schemas/* object */.Ikc({
    /** Share of rows that go to the evaluation set. */
    fraction: fraction.default(0.2),
    seed: schemas/* number */.aig().int().nonnegative().default(0),
    /** Column whose value decides the side of a row; default: the id column, else the whole row's content. */
    key: schemas/* string */.YjP().min(1).optional(),
})
    .strict();
const dataSchema = schemas/* object */.Ikc({
    train: csvFiles,
    eval: csvFiles.optional(),
    split: splitSchema.optional(),
    target: schemas/* string */.YjP().min(1),
    /** Label of the positive class for binary tasks; default: 1/true/yes when present, else the second label in sorted order. */
    positive_class: schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()]).transform(String).optional(),
    id: schemas/* string */.YjP().min(1).optional(),
    features: columnList.optional(),
    exclude: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).default([]),
    types: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* enum */.k5n(['numeric', 'categorical'])).default({}),
    missing: schemas/* object */.Ikc({
        numeric: schemas/* enum */.k5n(['median', 'mean', 'error']).default('median'),
        categorical: schemas/* enum */.k5n(['most_frequent', 'category', 'error']).default('most_frequent'),
    })
        .strict()
        .default({ numeric: 'median', categorical: 'most_frequent' }),
    unseen_category: schemas/* enum */.k5n(['zeros', 'error']).default('zeros'),
})
    .strict();
const earlyStopping = schemas/* object */.Ikc({
    patience: schemas/* number */.aig().int().positive().default(10),
    validation_fraction: fraction.default(0.1),
    min_delta: schemas/* number */.aig().nonnegative().default(1e-4),
})
    .strict();
const optimizerSchema = schemas/* object */.Ikc({
    name: schemas/* enum */.k5n(['adam', 'sgd']).default('adam'),
    learning_rate: positive.default(0.001),
    beta1: fraction.default(0.9),
    beta2: fraction.default(0.999),
    epsilon: positive.default(1e-8),
    momentum: schemas/* number */.aig().min(0).lt(1).default(0.9),
})
    .strict();
/** `logistic` and `linear` name the same generalized linear model; the link follows the task (logit, softmax, identity). */
const linearModel = schemas/* object */.Ikc({
    type: schemas/* enum */.k5n(['logistic', 'linear']),
    /** Inverse L2 strength, as scikit-learn's LogisticRegression C (classification). */
    C: positive.default(1),
    /** L2 strength for linear regression (ridge); 0 is ordinary least squares. */
    alpha: schemas/* number */.aig().nonnegative().default(0),
    max_iter: schemas/* number */.aig().int().positive().default(1000),
    /**
     * L-BFGS stops when max |∂L/∂θ| ≤ tol, L the summed loss + L2 penalty, or when L stops decreasing
     * (relative change ≤ 64·ε) — scikit-learn's lbfgs criteria and default, so both stop at the same point.
     */
    tol: positive.default(1e-4),
    seed: schemas/* number */.aig().int().nonnegative().default(0),
})
    .strict();
const mlpModel = schemas/* object */.Ikc({
    type: schemas/* literal */.euz('mlp'),
    hidden: schemas/* array */.YOg(schemas/* number */.aig().int().positive()).min(1).default([100]),
    activation: schemas/* enum */.k5n(['relu', 'tanh', 'sigmoid']).default('relu'),
    dropout: schemas/* number */.aig().min(0).lt(1).default(0),
    /** L2 penalty on weights, as scikit-learn's MLPClassifier alpha. */
    alpha: schemas/* number */.aig().nonnegative().default(1e-4),
    optimizer: optimizerSchema.default(optimizerSchema.parse({})),
    epochs: schemas/* number */.aig().int().positive().default(200),
    batch_size: schemas/* number */.aig().int().positive().default(200),
    early_stopping: schemas/* union */.KCZ([schemas/* literal */.euz(false), earlyStopping]).default(earlyStopping.parse({})),
    seed: schemas/* number */.aig().int().nonnegative().default(0),
})
    .strict();
const metricGate = schemas/* object */.Ikc({
    /** Non-inferiority margin, absolute: the challenger may be worse by at most this much. */
    max_drop: schemas/* number */.aig().nonnegative().optional(),
    /** Non-inferiority margin relative to the champion's value, in percent. */
    max_drop_pct: schemas/* number */.aig().nonnegative().optional(),
    /** An absolute floor (a ceiling for lower-is-better metrics) the challenger must not fall beyond. */
    min: schemas/* number */.aig().optional(),
    /** Reported, never gating. */
    informational: schemas/* boolean */.zMY().default(false),
})
    .strict()
    .refine((g) => g.max_drop === undefined || g.max_drop_pct === undefined, {
    message: 'give either max_drop or max_drop_pct, not both',
})
    .refine((g) => g.informational || g.max_drop !== undefined || g.max_drop_pct !== undefined || g.min !== undefined, {
    message: 'a gated metric needs max_drop, max_drop_pct or min (or informational: true)',
});
const sliceSchema = schemas/* union */.KCZ([
    columnList.transform((columns) => ({ columns })),
    schemas/* object */.Ikc({ columns: columnList }).strict().passthrough(),
])
    .pipe(schemas/* object */.Ikc({
    columns: columnList,
    /** Slices with fewer eval rows are reported but not gated. */
    min_size: schemas/* number */.aig().int().positive().default(100),
    /** Largest allowed gap between the best and the worst slice, per metric. */
    max_gap: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* number */.aig().nonnegative()).default({}),
})
    .strict());
const gateSchema = schemas/* object */.Ikc({
    confidence: schemas/* number */.aig().gt(0.5).lt(1).default(0.95),
    adjust: schemas/* enum */.k5n(['holm', 'none']).default('holm'),
    on_inconclusive: schemas/* enum */.k5n(['pass', 'fail', 'neutral']).default('neutral'),
    resamples: schemas/* number */.aig().int().min(100).default(1000),
    seed: schemas/* number */.aig().int().nonnegative().default(0),
    metrics: schemas/* record */.g1P(schemas/* string */.YjP(), metricGate).default({}),
})
    .strict();
const specSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit')
        .optional(),
    task: schemas/* enum */.k5n(['binary', 'multiclass', 'regression']),
    data: dataSchema,
    model: schemas/* discriminatedUnion */.gMt('type', [linearModel, mlpModel]),
    metrics: schemas/* array */.YOg(schemas/* string */.YjP()).min(1).optional(),
    /** Decision threshold on P(positive) for accuracy, precision, recall and F1 (binary). */
    threshold: fraction.default(0.5),
    slices: sliceSchema.optional(),
    gate: gateSchema.default(gateSchema.parse({})),
})
    .strict()
    .superRefine((spec, ctx) => {
    const task = spec.task;
    const known = (name) => evaluate_metrics/* METRICS */.Cb[name]?.tasks.includes(task) ?? false;
    const expected = () => Object.values(evaluate_metrics/* METRICS */.Cb)
        .filter((m) => m.tasks.includes(task))
        .map((m) => m.name)
        .join(', ');
    spec.metrics?.forEach((name, i) => {
        if (!known(name))
            ctx.addIssue({
                code: 'custom',
                path: ['metrics', i],
                message: `unknown metric "${name}" for a ${task} task; expected one of ${expected()}`,
            });
    });
    for (const name of Object.keys(spec.gate.metrics)) {
        if (!known(name))
            ctx.addIssue({
                code: 'custom',
                path: ['gate', 'metrics', name],
                message: `unknown metric "${name}" for a ${task} task; expected one of ${expected()}`,
            });
    }
    for (const name of Object.keys(spec.slices?.max_gap ?? {})) {
        if (!known(name))
            ctx.addIssue({
                code: 'custom',
                path: ['slices', 'max_gap', name],
                message: `unknown metric "${name}"; expected one of ${expected()}`,
            });
    }
    if (spec.data.eval && spec.data.split) {
        ctx.addIssue({
            code: 'custom',
            path: ['data', 'split'],
            message: 'give either data.eval (a separate evaluation CSV) or data.split, not both',
        });
    }
    const features = spec.data.features ?? [];
    if (features.includes(spec.data.target)) {
        ctx.addIssue({
            code: 'custom',
            path: ['data', 'features'],
            message: `the target column "${spec.data.target}" cannot also be a feature`,
        });
    }
    if (spec.data.id && features.includes(spec.data.id)) {
        ctx.addIssue({
            code: 'custom',
            path: ['data', 'features'],
            message: `the id column "${spec.data.id}" cannot also be a feature`,
        });
    }
});
/** The gate when a spec names no metrics: the task's main metric with a modest non-inferiority margin. */
const DEFAULT_GATE = {
    binary: { roc_auc: { max_drop: 0.01, informational: false } },
    multiclass: { accuracy: { max_drop: 0.01, informational: false } },
    regression: { rmse: { max_drop_pct: 2, informational: false } },
};
function metricsFor(spec) {
    const names = spec.metrics ?? evaluate_metrics/* DEFAULT_METRICS */.Cq[spec.task];
    // Gated metrics are always computed, even when not listed for reporting.
    return [...new Set([...names, ...Object.keys(spec.gate.metrics)])];
}

;// CONCATENATED MODULE: ./src/config/load-spec.ts






const SPEC_FILE = 'modelgate.yml';
/** Where models live by default: models/<name>/modelgate.yml. */
const MODELS_DIR = 'models';
function formatPath(pathParts) {
    let out = '';
    for (const part of pathParts) {
        if (typeof part === 'number')
            out += `[${part}]`;
        else
            out += out ? `.${String(part)}` : String(part);
    }
    return out || '(top level)';
}
/** One line per problem: "<key path>: <what was expected>". */
function formatIssues(issues) {
    return issues.map((issue) => {
        let message = issue.message;
        if (issue.code === 'unrecognized_keys')
            message = `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
        if (issue.code === 'invalid_value' && 'values' in issue) {
            message = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
        }
        if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
            message = 'expected type: logistic, linear or mlp';
        }
        return `${formatPath(issue.path)}: ${message}`;
    });
}
async function loadSpec(dirOrFile) {
    const specFile = dirOrFile.endsWith('.yml') || dirOrFile.endsWith('.yaml') ? dirOrFile : external_node_path_default().join(dirOrFile, SPEC_FILE);
    let bytes;
    try {
        bytes = await external_node_fs_.promises.readFile(specFile);
    }
    catch {
        throw new errors/* UserError */.yo(`${specFile}: cannot read the model spec (does ${external_node_path_default().dirname(specFile)} hold a ${SPEC_FILE}?)`);
    }
    const doc = (0,dist/* parseDocument */.Tp)(bytes.toString('utf8'));
    if (doc.errors.length > 0) {
        const first = doc.errors[0];
        const where = first.linePos ? `line ${first.linePos[0].line}, column ${first.linePos[0].col}` : 'YAML';
        throw new errors/* UserError */.yo(`${specFile}: ${where}: ${first.message.split('\n')[0]}`);
    }
    const raw = doc.toJS();
    const parsed = specSchema.safeParse(raw ?? {});
    if (!parsed.success) {
        const lines = formatIssues(parsed.error.issues);
        const head = lines.length === 1 ? lines[0] : `${lines.length} problems: ${lines.join('; ')}`;
        throw new errors/* UserError */.yo(`${specFile}: ${head}`);
    }
    const spec = parsed.data;
    if (Object.keys(spec.gate.metrics).length === 0)
        spec.gate.metrics = { ...DEFAULT_GATE[spec.task] };
    const dir = external_node_path_default().dirname(specFile);
    const resolve = (files) => files.map((f) => external_node_path_default().resolve(dir, f));
    return {
        ...spec,
        name: spec.name ?? external_node_path_default().basename(external_node_path_default().resolve(dir)),
        dir,
        specFile,
        specHash: (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex'),
        trainFiles: resolve(spec.data.train),
        evalFiles: spec.data.eval ? resolve(spec.data.eval) : undefined,
        metricNames: metricsFor(spec),
    };
}
function globToRegExp(glob) {
    let re = '';
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*' && glob[i + 1] === '*') {
            re += '.*';
            i++;
        }
        else if (c === '*')
            re += '[^/]*';
        else if (c === '?')
            re += '[^/]';
        else
            re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${re}$`);
}
async function listSpecDirs(root) {
    const out = [];
    const walk = async (dir, depth) => {
        let entries;
        try {
            entries = await external_node_fs_.promises.readdir(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        if (entries.some((e) => e.isFile() && e.name === SPEC_FILE))
            out.push(dir);
        if (depth === 0)
            return;
        for (const e of entries) {
            if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
                await walk(external_node_path_default().join(dir, e.name), depth - 1);
        }
    };
    await walk(root, 4);
    return out;
}
/**
 * Model directories from CLI arguments or the Action's `models` input: directories, spec files or globs
 * ("models/*", "models/**"). Nothing given: every folder under models/ with a modelgate.yml.
 */
async function findModelDirs(patterns, cwd) {
    const dirs = new Set();
    const wanted = patterns.length > 0 ? patterns : [`${MODELS_DIR}/*`];
    for (const pattern of wanted) {
        if (/[*?]/.test(pattern)) {
            const base = pattern.slice(0, pattern.search(/[*?]/)).replace(/[^/]*$/, '') || '.';
            const matcher = globToRegExp(external_node_path_default().posix.normalize(pattern.replace(/\/$/, '')));
            for (const dir of await listSpecDirs(external_node_path_default().resolve(cwd, base))) {
                const rel = external_node_path_default().relative(cwd, dir).split((external_node_path_default()).sep).join('/');
                if (matcher.test(rel) || matcher.test(`${rel}/${SPEC_FILE}`))
                    dirs.add(dir);
            }
            if (patterns.length > 0 &&
                ![...dirs].some((d) => matcher.test(external_node_path_default().relative(cwd, d).split((external_node_path_default()).sep).join('/')))) {
                throw new errors/* UserError */.yo(`models "${pattern}": no directory with a ${SPEC_FILE} matches`);
            }
        }
        else {
            const full = external_node_path_default().resolve(cwd, pattern);
            const dir = full.endsWith('.yml') || full.endsWith('.yaml') ? external_node_path_default().dirname(full) : full;
            try {
                await external_node_fs_.promises.access(external_node_path_default().join(dir, SPEC_FILE));
            }
            catch {
                throw new errors/* UserError */.yo(`models "${pattern}": ${external_node_path_default().join(dir, SPEC_FILE)} does not exist`);
            }
            dirs.add(dir);
        }
    }
    if (dirs.size === 0) {
        throw new errors/* UserError */.yo(`no models found: create models/<name>/${SPEC_FILE} or pass model directories`);
    }
    return [...dirs].sort();
}

// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/data/csv.ts
var csv = __webpack_require__(2056);
;// CONCATENATED MODULE: ./src/evaluate/predictions-csv.ts

function csvField(value) {
    return /[",\n\r]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}
/** Column names of a prediction file: probabilities per class for classifiers, one value for regression. */
function predictionColumns(target) {
    if (target.task === 'regression')
        return [`predicted_${target.column}`];
    if (target.task === 'binary')
        return [`p_${target.classes[1]}`];
    return target.classes.map((c) => `p_${c}`);
}
/**
 * Rows as CSV: the id column (or the 1-based row number), optionally the true label, then the predictions.
 * Numbers are written with full precision so stored predictions can be re-checked exactly.
 */
function predictionsCsv(options) {
    const { table, rows, idColumn, target, predictions, truth } = options;
    const ids = idColumn ? (0,csv/* columnOf */.uV)(table, idColumn, 'data.id') : null;
    const columns = predictionColumns(target);
    const width = target.task === 'multiclass' ? target.classes.length : 1;
    const header = [idColumn ?? 'row', ...(truth ? [target.column] : []), ...columns].map(csvField).join(',');
    const lines = [header];
    for (let i = 0; i < rows.length; i++) {
        const fields = [ids ? csvField(ids[rows[i]]) : String(rows[i] + 1)];
        if (truth)
            fields.push(csvField(target.task === 'regression' ? String(truth[i]) : target.classes[truth[i]]));
        for (let k = 0; k < width; k++)
            fields.push(String(predictions[i * width + k]));
        lines.push(fields.join(','));
    }
    return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

// EXTERNAL MODULE: ./src/evaluate/score.ts
var score = __webpack_require__(9553);
// EXTERNAL MODULE: ./src/data/values.ts
var data_values = __webpack_require__(2884);
;// CONCATENATED MODULE: ./src/gate/stats/normal.ts
/**
 * Standard normal distribution: CDF, upper tail and quantile, accurate to double precision including the
 * far tails (a gate's p-values and critical values must not be off in the 3rd digit at z = 8).
 *
 * - `normalCdf` is W. J. Cody's rational Chebyshev approximation, "Rational Chebyshev approximations for
 *   the error function", Math. Comp. 23 (1969) 631–637, as implemented in ACM TOMS Algorithm 715
 *   (SPECFUN, 1993) and used by R's `pnorm`. Relative error ≈ 1e-16 in both tails down to the underflow
 *   limit (x ≈ −37.5), because the tail branch evaluates exp(−x²/2) with the x² split trick instead of
 *   computing 1 − Φ(|x|) by cancellation.
 * - `normalQuantile` is Wichura's AS 241 (PPND16), Applied Statistics 37 (1988) 477–484, relative
 *   accuracy ≈ 1e-16 for p in [1e-300, 1 − 1e-16]. Acklam's algorithm would need a refinement step to
 *   reach 1e-15; AS 241 gets there without one.
 *
 * Coefficients are the published ones (identical to R's nmath/pnorm.c and nmath/qnorm.c).
 */

const SQRT_32 = 5.656854249492380195206754896838;
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const A = [
    2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
    0.065682337918207449113,
];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
    0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
    2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
    1.0765576773720192317e-8,
];
const D = [
    22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
    18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [
    0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
    2.9112874951168792e-5, 0.02307344176494017303,
];
const Q = [
    1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
    7.29751555083966205e-5,
];
/** exp(−y²/2)·factor without losing the low bits of y² (Cody: split y at a multiple of 1/16). */
function gaussianTail(y, factor) {
    const ySplit = Math.trunc(y * 16) / 16;
    const del = (y - ySplit) * (y + ySplit);
    return Math.exp(-ySplit * ySplit * 0.5) * Math.exp(-del * 0.5) * factor;
}
/** Φ(x) = P(Z ≤ x) for a standard normal Z. NaN in, NaN out; ±Infinity give 0 and 1. */
function normalCdf(x) {
    if (Number.isNaN(x))
        return NaN;
    const y = Math.abs(x);
    if (y <= 0.67448975) {
        // |x| ≤ Φ⁻¹(3/4): Φ(x) = 1/2 + x·R(x²), no cancellation issue.
        let num = 0;
        let den = 0;
        if (y > 1.1102230246251565e-16) {
            const xsq = x * x;
            num = A[4] * xsq;
            den = xsq;
            for (let i = 0; i < 3; i++) {
                num = (num + A[i]) * xsq;
                den = (den + B[i]) * xsq;
            }
        }
        return 0.5 + (x * (num + A[3])) / (den + B[3]);
    }
    let tail; // P(Z > |x|)
    if (y <= SQRT_32) {
        let num = C[8] * y;
        let den = y;
        for (let i = 0; i < 7; i++) {
            num = (num + C[i]) * y;
            den = (den + D[i]) * y;
        }
        tail = gaussianTail(y, (num + C[7]) / (den + D[7]));
    }
    else if (y < 38.5) {
        // Asymptotic-series branch; beyond 38.5 the tail underflows to 0 in doubles anyway.
        const xsq = 1 / (x * x);
        let num = P[5] * xsq;
        let den = xsq;
        for (let i = 0; i < 4; i++) {
            num = (num + P[i]) * xsq;
            den = (den + Q[i]) * xsq;
        }
        const r = (xsq * (num + P[4])) / (den + Q[4]);
        tail = gaussianTail(y, (ONE_OVER_SQRT_2PI - r) / y);
    }
    else {
        tail = 0;
    }
    return x > 0 ? 1 - tail : tail;
}
/** P(Z > x), computed without cancellation (so normalSf(10) ≈ 7.6e-24 with full relative accuracy). */
function normalSf(x) {
    return normalCdf(-x);
}
/** Two-sided p-value of a z statistic: 2·P(Z > |z|), at most 1. */
function twoSidedNormalPValue(z) {
    if (Number.isNaN(z))
        return NaN;
    return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}
/**
 * Φ⁻¹(p) by Wichura's AS 241. p = 0 → −Infinity, p = 1 → +Infinity. A p outside [0, 1] is a programming
 * error (RangeError); user-supplied confidence levels go through `criticalValue`, which names the input.
 */
function normalQuantile(p) {
    if (Number.isNaN(p))
        return NaN;
    if (p < 0 || p > 1)
        throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
    if (p === 0)
        return -Infinity;
    if (p === 1)
        return Infinity;
    const q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
        const r = 0.180625 - q * q;
        return ((q *
            (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
                45921.953931549871457) *
                r +
                13731.693765509461125) *
                r +
                1971.5909503065514427) *
                r +
                133.14166789178437745) *
                r +
                3.387132872796366608)) /
            (((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r +
                21213.794301586595867) *
                r +
                5394.1960214247511077) *
                r +
                687.1870074920579083) *
                r +
                42.313330701600911252) *
                r +
                1));
    }
    // Tails: work with r = sqrt(−log(min(p, 1 − p))). For p > 1/2, 1 − p is exact in binary floating point
    // (Sterbenz), so the upper tail is as accurate as p itself allows.
    let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
    let value;
    if (r <= 5) {
        r -= 1.6;
        value =
            (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
                1.27045825245236838258) *
                r +
                3.64784832476320460504) *
                r +
                5.7694972214606914055) *
                r +
                4.6303378461565452959) *
                r +
                1.42343711074968357734) /
                (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
                    0.14810397642748007459) *
                    r +
                    0.68976733498510000455) *
                    r +
                    1.6763848301838038494) *
                    r +
                    2.05319162663775882187) *
                    r +
                    1);
    }
    else {
        r -= 5;
        value =
            (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
                0.026532189526576123093) *
                r +
                0.29656057182850489123) *
                r +
                1.7848265399172913358) *
                r +
                5.4637849111641143699) *
                r +
                6.6579046435011037772) /
                (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
                    7.868691311456132591e-4) *
                    r +
                    0.0148753612908506148525) *
                    r +
                    0.13692988092273580531) *
                    r +
                    0.59983220655588793769) *
                    r +
                    1);
    }
    return q < 0 ? -value : value;
}
/**
 * Validates a two-sided confidence level (e.g. 0.95) and returns z_{1−α/2}. Throws a UserError that names
 * the input, because the usual mistake is writing 95 for 0.95.
 */
function normal_criticalValue(confidence, inputName = 'confidence') {
    if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence <= 0 || confidence >= 1) {
        throw new errors/* UserError */.yo(`${inputName} must be a number strictly between 0 and 1 (e.g. 0.95), got ${String(confidence)}`);
    }
    // −Φ⁻¹(α/2) rather than Φ⁻¹(1 − α/2): α/2 is exact, 1 − α/2 would round.
    return -normalQuantile((1 - confidence) / 2);
}

;// CONCATENATED MODULE: ./src/gate/stats/multiplicities.ts
/**
 * Bootstrap multiplicities: how many times each row ("cell") is drawn in resample r.
 *
 * Like resample-kernels.ts, these functions are shipped to worker threads as source text, so each must be
 * self-contained: no imports, no module-level values, only arguments, nested helpers and globals.
 *
 * Distribution: exactly that of drawing each stratum's size in rows with replacement (multinomial), obtained
 * by Poissonization so that memory is written sequentially (random writes made the direct method 3× slower
 * at 10⁶ rows):
 *   1. every cell gets an independent Poisson(1) count; let T be a stratum's total and m its size;
 *   2. given T, those counts are Multinomial(T, uniform) — the histogram of T i.i.d. uniform draws;
 *   3. if T < m, add m − T further uniform draws; if T > m, remove T − m of the T draws chosen uniformly
 *      (a uniformly chosen subset of i.i.d. draws is i.i.d.). Either way the result is the histogram of m
 *      i.i.d. uniform draws, for every T, hence exactly Multinomial(m, uniform).
 * Removal picks a draw uniformly by rejection: cell j uniform, accepted with probability count_j / M for a
 * bound M ≥ every count. Only |T − m| ≈ √m cells are touched, in random order.
 *
 * Random numbers: resample r has its own xoshiro128** generator (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021) seeded by hashing (seed, r) with Wellons'
 * "lowbias32" avalanche finalizer (a bijection), so a resample depends only on (seed, r) — not on the thread
 * or the order resamples are drawn in. Integers in [0, m) use Lemire's multiply-and-reject method (ACM TOMACS
 * 29(1), 2019), exactly uniform. Poisson counts invert the CDF with a 12-bit lookup table; a table bucket
 * containing a CDF step falls back to comparing the 32-bit output and, if that is still undecided, 21 more
 * bits — so the counts follow Poisson(1) to double precision (the mass beyond the table, P(X > 18) < 1e-16,
 * is below it too).
 */
/* istanbul ignore next -- shipped to workers as source text, where coverage counters do not exist */
/** Inversion tables for Poisson(1), built once per thread. */
function buildPoissonTables() {
    const cdf = [];
    let term = Math.exp(-1);
    let sum = 0;
    for (let k = 0; sum + term < 1; k++) {
        sum += term;
        cdf.push(sum);
        term /= k + 1;
    }
    const thresholds = Float64Array.from(cdf, (p) => p * 4294967296);
    const lut = new Uint8Array(4096);
    for (let bucket = 0; bucket < 4096; bucket++) {
        const low = bucket * 1048576;
        const high = low + 1048576;
        let k = 0;
        while (k < thresholds.length && thresholds[k] <= low)
            k++;
        lut[bucket] = k === thresholds.length || thresholds[k] >= high ? k : 255;
    }
    return { lut, thresholds };
}
/* istanbul ignore next -- shipped to workers as source text, where coverage counters do not exist */
/** Fills `counts[cell]` with the multiplicities of resample `resample`. */
function drawMultiplicities(counts, plan, seedLo, seedHi, resample) {
    function lowbias32(x) {
        x ^= x >>> 16;
        x = Math.imul(x, 0x7feb352d);
        x ^= x >>> 15;
        x = Math.imul(x, 0x846ca68b);
        x ^= x >>> 16;
        return x >>> 0;
    }
    /** xoshiro128** step on st (the rare paths; the hot loop keeps the state in locals). */
    function next(st) {
        const x = (st[1] * 5) | 0;
        const out = (((x << 7) | (x >>> 25)) * 9) >>> 0;
        const t = st[1] << 9;
        st[2] ^= st[0];
        st[3] ^= st[1];
        st[1] ^= st[2];
        st[0] ^= st[3];
        st[2] ^= t;
        st[3] = (st[3] << 11) | (st[3] >>> 21);
        return out;
    }
    /** Uniform integer in [0, m) by Lemire's method; out·m < 2⁵³ keeps both product words exact. */
    function below(st, m) {
        const rejectBelow = 4294967296 % m;
        for (;;) {
            const product = next(st) * m;
            const high = (product * 2.3283064365386963e-10) >>> 0;
            if (product - high * 4294967296 >= rejectBelow)
                return high;
        }
    }
    const { lut, thresholds } = plan.tables;
    const last = thresholds.length;
    const st = plan.state;
    const h = lowbias32(lowbias32(lowbias32(seedLo ^ 0x243f6a88) ^ seedHi) ^ resample);
    // Four distinct inputs to a bijection give four distinct words, so the state is never all zero.
    let s0 = lowbias32((h + 0x9e3779b9) >>> 0) | 0;
    let s1 = lowbias32((h + 0x3c6ef372) >>> 0) | 0;
    let s2 = lowbias32((h + 0xdaa66d2b) >>> 0) | 0;
    let s3 = lowbias32((h + 0x78dde6e4) >>> 0) | 0;
    const totals = plan.totals;
    const stratumOfCell = plan.stratumOfCell;
    const strata = plan.strataOffsets.length - 1;
    totals.fill(0, 0, strata);
    let maxCount = 0;
    // Hot loop. No Math.* calls: under jest's vm sandbox each global lookup costs ~0.5 µs. The multipliers
    // 5 and 9 keep int32 products below 2³⁶, exact in doubles, so `| 0` / `>>> 0` equal Math.imul.
    for (let cell = 0; cell < counts.length; cell++) {
        const x = (s1 * 5) | 0;
        const out = (((x << 7) | (x >>> 25)) * 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        let count = lut[out >>> 20];
        if (count === 255) {
            // A CDF step falls inside this bucket: compare the full output, then 21 more bits if still tied.
            count = 0;
            while (count < last && thresholds[count] <= out)
                count++;
            if (count < last && thresholds[count] < out + 1) {
                st[0] = s0;
                st[1] = s1;
                st[2] = s2;
                st[3] = s3;
                const u = out + (next(st) >>> 11) * 4.76837158203125e-7; // out + V, V uniform on a 2⁻²¹ grid
                s0 = st[0];
                s1 = st[1];
                s2 = st[2];
                s3 = st[3];
                while (count < last && thresholds[count] <= u)
                    count++;
            }
        }
        counts[cell] = count;
        if (count > maxCount)
            maxCount = count;
        totals[stratumOfCell === null ? 0 : stratumOfCell[cell]] += count;
    }
    st[0] = s0;
    st[1] = s1;
    st[2] = s2;
    st[3] = s3;
    // Condition each stratum's total on its size (see the file comment for why this is exact).
    for (let s = 0; s < strata; s++) {
        const base = plan.strataOffsets[s];
        const size = plan.strataOffsets[s + 1] - base;
        let total = totals[s];
        while (total < size) {
            const j = base + below(st, size);
            const cell = plan.strataCells === null ? j : plan.strataCells[j];
            const count = counts[cell] + 1;
            if (count === 256)
                throw new Error(`bootstrap multiplicity of cell ${cell} overflowed 255`);
            counts[cell] = count;
            total++;
        }
        while (total > size) {
            const j = base + below(st, size);
            const cell = plan.strataCells === null ? j : plan.strataCells[j];
            if (below(st, maxCount) < counts[cell]) {
                counts[cell]--;
                total--;
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/gate/stats/bootstrap.ts
/**
 * Paired bootstrap over rows (Efron & Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 6 and 13):
 * each resample draws n rows with replacement and the statistic — challenger metric − champion metric — is
 * evaluated on those same rows for both models, so their correlation is kept. Rows are represented by
 * integer multiplicities (a weights vector) rather than copied, so a resample allocates nothing.
 *
 * Stratified resampling (e.g. by class) draws each stratum to its own size, so every resample has exactly
 * the original class balance (as pROC's `boot.stratified = TRUE` does for AUC).
 *
 * The interval is the percentile interval: the α/2 and 1 − α/2 quantiles of the replicates, quantiles by
 * linear interpolation between order statistics (Hyndman & Fan 1996, type 7; numpy's and R's default).
 * se is the standard deviation of the replicates (divisor R − 1).
 *
 * Determinism: resample r depends only on (seed, r) (see multiplicities.ts), so the same seed gives
 * bit-identical replicates, and the threaded AUC version (bootstrap-auc.ts) agrees with itself for any
 * number of threads.
 */



/** Splits a non-negative safe integer seed into the two 32-bit words the generator hashes. */
function seedWords(seed) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
        throw new errors/* UserError */.yo(`bootstrap seed must be a non-negative integer, got ${String(seed)}`);
    }
    return { seedLo: seed % 4294967296, seedHi: Math.floor(seed / 4294967296) };
}
function checkResamples(resamples) {
    if (!Number.isSafeInteger(resamples) || resamples < 1 || resamples > 0x7fffffff) {
        throw new errors/* UserError */.yo(`bootstrap resamples must be a positive integer, got ${String(resamples)}`);
    }
}
/**
 * Groups cells by stratum. `rowOfCell[k]` is the row stored in cell k (null: cell = row). Strata are
 * numbered in ascending label order and cells ascend within a stratum, so the layout — and hence every
 * resample — is a function of the data alone.
 */
function buildStrata(strata, n, rowOfCell) {
    if (strata === undefined)
        return { strataOffsets: Int32Array.of(0, n), strataCells: null, stratumOfCell: null };
    if (strata.length !== n)
        throw new errors/* UserError */.yo(`bootstrap strata has ${strata.length} rows, expected ${n}`);
    const labels = Array.from(new Set(strata)).sort((a, b) => a - b);
    const indexOfLabel = new Map(labels.map((label, i) => [label, i]));
    const stratumOfCell = new Int32Array(n);
    const strataOffsets = new Int32Array(labels.length + 1);
    for (let k = 0; k < n; k++) {
        const s = indexOfLabel.get(strata[rowOfCell === null ? k : rowOfCell[k]]);
        stratumOfCell[k] = s;
        strataOffsets[s + 1]++;
    }
    for (let s = 0; s < labels.length; s++)
        strataOffsets[s + 1] += strataOffsets[s];
    const next = strataOffsets.slice(0, labels.length);
    const strataCells = new Int32Array(n);
    for (let k = 0; k < n; k++)
        strataCells[next[stratumOfCell[k]]++] = k;
    return { strataOffsets, strataCells, stratumOfCell };
}
/** Type-7 quantile of ascending-sorted values. */
function sortedQuantile(sorted, q) {
    const h = (sorted.length - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
/**
 * Percentile interval and se of the replicates. A non-finite replicate (e.g. an AUC resample that drew no
 * positive row) makes the interval meaningless, so it is an error that says how many and what to do.
 */
function summarizeReplicates(estimate, replicates, confidence) {
    normal_criticalValue(confidence);
    let bad = 0;
    let firstBad = -1;
    let sum = 0;
    for (let r = 0; r < replicates.length; r++) {
        const v = replicates[r];
        if (!Number.isFinite(v)) {
            if (firstBad < 0)
                firstBad = r;
            bad++;
        }
        else
            sum += v;
    }
    if (bad > 0) {
        throw new errors/* UserError */.yo(`bootstrap: ${bad} of ${replicates.length} resamples gave a non-finite statistic (first: resample ` +
            `${firstBad}, value ${replicates[firstBad]}); for AUC this means a resample without positive or ` +
            `negative rows — stratify by class (strata = y) or use more rows`);
    }
    const mean = sum / replicates.length;
    let squares = 0;
    for (let r = 0; r < replicates.length; r++)
        squares += (replicates[r] - mean) ** 2;
    const sorted = Float64Array.from(replicates).sort();
    const alpha = 1 - confidence;
    return {
        estimate,
        lower: sortedQuantile(sorted, alpha / 2),
        upper: sortedQuantile(sorted, 1 - alpha / 2),
        se: replicates.length > 1 ? Math.sqrt(squares / (replicates.length - 1)) : NaN,
        replicates,
    };
}
/**
 * Generic paired bootstrap: runs `statistic` in this thread on `resamples` multiplicity vectors. For ROC AUC
 * on large data prefer `pairedBootstrapAuc` (bootstrap-auc.ts), which uses worker threads.
 */
function pairedBootstrap(options) {
    const { n, strata, statistic, resamples = 1000, seed, confidence = 0.95 } = options;
    if (!Number.isSafeInteger(n) || n < 1)
        throw new errors/* UserError */.yo(`bootstrap n must be a positive integer, got ${n}`);
    checkResamples(resamples);
    normal_criticalValue(confidence);
    const { seedLo, seedHi } = seedWords(seed);
    const layout = buildStrata(strata, n, null);
    const plan = {
        ...layout,
        tables: buildPoissonTables(),
        totals: new Float64Array(layout.strataOffsets.length - 1),
        state: new Int32Array(4),
    };
    const weights = new Float64Array(n).fill(1);
    const estimate = statistic(weights);
    const counts = new Uint8Array(n);
    const replicates = new Float64Array(resamples);
    for (let r = 0; r < resamples; r++) {
        drawMultiplicities(counts, plan, seedLo, seedHi, r);
        for (let i = 0; i < n; i++)
            weights[i] = counts[i];
        replicates[r] = statistic(weights);
    }
    return summarizeReplicates(estimate, replicates, confidence);
}

;// CONCATENATED MODULE: ./src/gate/stats/ranks.ts
/**
 * Sorting and input checks shared by the rank statistics (DeLong, bootstrap AUC).
 *
 * `argsortAscending` is a stable LSD radix sort on the IEEE-754 bit patterns (4 passes of 16 bits, passes
 * whose digit is constant are skipped). A comparator sort of an index array costs ~0.4 s for 10⁶ rows in V8;
 * this is ~10× faster and, being stable, gives tied scores a deterministic order (by row index).
 */

/** Throws a UserError naming the input if `y` has a value other than 0/1 or the wrong length. */
function assertBinaryLabels(where, y, n) {
    if (y.length !== n)
        throw new errors/* UserError */.yo(`${where}: y has ${y.length} rows, expected ${n}`);
    for (let i = 0; i < n; i++) {
        if (y[i] > 1)
            throw new errors/* UserError */.yo(`${where}: y[${i}] is ${y[i]}; labels must be 0 or 1`);
    }
}
/** Throws a UserError naming the input if a score is NaN or the lengths differ (±Infinity rank fine). */
function assertScores(where, name, scores, n) {
    if (scores.length !== n) {
        throw new errors/* UserError */.yo(`${where}: ${name} has ${scores.length} rows but y has ${n}; they must be the same rows`);
    }
    for (let i = 0; i < n; i++) {
        if (Number.isNaN(scores[i]))
            throw new errors/* UserError */.yo(`${where}: ${name}[${i}] is NaN; every row needs a score`);
    }
}
/**
 * Row indices ordering `values` ascending; ties keep row order (stable). −0 and +0 compare equal.
 * NaN is not ordered: callers validate with `assertScores` first.
 */
function argsortAscending(values) {
    const n = values.length;
    const bits = new Float64Array(n);
    for (let i = 0; i < n; i++)
        bits[i] = values[i] + 0; // −0 + 0 = +0, so both zeros share one key
    const words = new Uint32Array(bits.buffer);
    const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
    const loWord = littleEndian ? 0 : 1;
    let hi = new Uint32Array(n);
    let lo = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
        const h = words[2 * i + 1 - loWord];
        const l = words[2 * i + loWord];
        // Order-preserving map from doubles to unsigned integers: negative numbers flip all bits (so larger
        // magnitude sorts lower), non-negative numbers flip only the sign bit (so they sort above negatives).
        if (h >>> 31 === 1) {
            hi[i] = ~h >>> 0;
            lo[i] = ~l >>> 0;
        }
        else {
            hi[i] = (h | 0x80000000) >>> 0;
            lo[i] = l;
        }
    }
    let index = new Int32Array(n);
    for (let i = 0; i < n; i++)
        index[i] = i;
    let hiTmp = new Uint32Array(n);
    let loTmp = new Uint32Array(n);
    let indexTmp = new Int32Array(n);
    const counts = new Int32Array(65536);
    for (let pass = 0; pass < 4; pass++) {
        const word = pass < 2 ? lo : hi;
        const shift = pass % 2 === 0 ? 0 : 16;
        counts.fill(0);
        for (let i = 0; i < n; i++)
            counts[(word[i] >>> shift) & 0xffff]++;
        if (n === 0 || counts[(word[0] >>> shift) & 0xffff] === n)
            continue; // all rows share this digit
        let total = 0;
        for (let d = 0; d < 65536; d++) {
            const c = counts[d];
            counts[d] = total;
            total += c;
        }
        for (let i = 0; i < n; i++) {
            const dest = counts[(word[i] >>> shift) & 0xffff]++;
            hiTmp[dest] = hi[i];
            loTmp[dest] = lo[i];
            indexTmp[dest] = index[i];
        }
        ;
        [hi, hiTmp] = [hiTmp, hi];
        [lo, loTmp] = [loTmp, lo];
        [index, indexTmp] = [indexTmp, index];
    }
    return index;
}
/**
 * Exclusive end positions of the runs of equal values in `values` read in `order` (ascending).
 * The last entry is n. Used for midranks: rows in one run are tied.
 */
function tieGroupEnds(values, order) {
    const n = order.length;
    const ends = [];
    for (let k = 1; k < n; k++) {
        if (values[order[k]] !== values[order[k - 1]])
            ends.push(k);
    }
    if (n > 0)
        ends.push(n);
    return Int32Array.from(ends);
}

;// CONCATENATED MODULE: ./src/gate/stats/delong.ts
/**
 * DeLong's nonparametric variance of ROC AUC and covariance of two correlated AUCs measured on the same
 * rows: DeLong, DeLong & Clarke-Pearson (1988), "Comparing the areas under two or more correlated receiver
 * operating characteristic curves: a nonparametric approach", Biometrics 44:837–845.
 *
 * Computed with the fast algorithm of Sun & Xu (2014), "Fast implementation of DeLong's algorithm for
 * comparing the areas under correlated receiver operating characteristic curves", IEEE Signal Processing
 * Letters 21(11):1389–1393: the structural components (placements) come from midranks, so the cost is one
 * O(n log n) sort per score instead of DeLong's O(m·n) pairwise kernel. With m positives and k negatives,
 *   V10(x_i) = (midrank of x_i among all rows − midrank among positives) / k
 *            = (#negatives below x_i + ½·#negatives tied with x_i) / k
 *   V01(y_j) = 1 − (midrank of y_j among all − midrank among negatives) / m
 *            = (#positives above y_j + ½·#positives tied with y_j) / m
 *   AUC = mean V10 = mean V01,  S10, S01 = sample covariance matrices (divisor m−1, k−1) of the placements,
 *   Var = S10/m + S01/k.
 * Ties count ½ (midranks), matching the Mann–Whitney AUC that scikit-learn and pROC report.
 *
 * Degenerate inputs: fewer than 2 positive or 2 negative rows throws a UserError (the sample covariances
 * need m−1, k−1 > 0; with one class AUC itself is undefined). A zero standard error of the difference
 * (e.g. two identical score vectors) is not an error: see `delongPaired`.
 */



/**
 * Placements of one score vector: v10[i] for the i-th positive row (in row order), v01[j] for the j-th
 * negative row. Exported for tests; rows are matched to placements by their order in y.
 */
function delongPlacements(y, score) {
    const n = y.length;
    let positives = 0;
    for (let i = 0; i < n; i++)
        positives += y[i];
    const negatives = n - positives;
    // Rank of each row among its own class, in row order, so both scores' placements line up row by row.
    const slot = new Int32Array(n);
    for (let i = 0, p = 0, q = 0; i < n; i++)
        slot[i] = y[i] === 1 ? p++ : q++;
    const v10 = new Float64Array(positives);
    const v01 = new Float64Array(negatives);
    const order = argsortAscending(score);
    let posBelow = 0;
    let negBelow = 0;
    let start = 0;
    while (start < n) {
        let end = start + 1;
        const value = score[order[start]];
        while (end < n && score[order[end]] === value)
            end++;
        let tiedPos = 0;
        for (let k = start; k < end; k++)
            tiedPos += y[order[k]];
        const tiedNeg = end - start - tiedPos;
        const posPlacement = (negBelow + 0.5 * tiedNeg) / negatives;
        const negPlacement = (positives - posBelow - 0.5 * tiedPos) / positives;
        for (let k = start; k < end; k++) {
            const row = order[k];
            if (y[row] === 1)
                v10[slot[row]] = posPlacement;
            else
                v01[slot[row]] = negPlacement;
        }
        posBelow += tiedPos;
        negBelow += tiedNeg;
        start = end;
    }
    return { v10, v01 };
}
function mean(values) {
    let sum = 0;
    for (let i = 0; i < values.length; i++)
        sum += values[i];
    return sum / values.length;
}
/** Sample covariance (divisor len − 1) given precomputed means; two-pass for accuracy. */
function sampleCovariance(a, meanA, b, meanB) {
    let sum = 0;
    for (let i = 0; i < a.length; i++)
        sum += (a[i] - meanA) * (b[i] - meanB);
    return sum / (a.length - 1);
}
function countClasses(where, y) {
    let positives = 0;
    for (let i = 0; i < y.length; i++)
        positives += y[i];
    const negatives = y.length - positives;
    if (positives < 2 || negatives < 2) {
        throw new errors/* UserError */.yo(`${where}: y has ${positives} positive and ${negatives} negative row(s); AUC and its DeLong variance ` +
            `need at least 2 rows of each class`);
    }
    return { positives, negatives };
}
/** DeLong variance of a single ROC AUC. */
function delongVariance(y, score) {
    const where = 'delongVariance';
    assertBinaryLabels(where, y, y.length);
    assertScores(where, 'score', score, y.length);
    const { positives, negatives } = countClasses(where, y);
    const { v10, v01 } = delongPlacements(y, score);
    const auc = mean(v10);
    const m01 = mean(v01);
    const variance = sampleCovariance(v10, auc, v10, auc) / positives + sampleCovariance(v01, m01, v01, m01) / negatives;
    return { auc, variance, se: Math.sqrt(variance), positives, negatives };
}
/**
 * DeLong test and confidence interval for aucA − aucB on the same rows.
 *
 * If se is 0 (both scores induce the same placements, e.g. identical or monotone-equivalent scores), the
 * difference is exactly known: lower = upper = diff, and z/pValue are 0/1 when diff is 0, ±Infinity/0
 * otherwise. No NaN is returned for valid input.
 */
function delongPaired(y, scoreA, scoreB, confidence = 0.95) {
    const where = 'delongPaired';
    const z95 = normal_criticalValue(confidence);
    assertBinaryLabels(where, y, y.length);
    assertScores(where, 'scoreA', scoreA, y.length);
    assertScores(where, 'scoreB', scoreB, y.length);
    const { positives, negatives } = countClasses(where, y);
    const a = delongPlacements(y, scoreA);
    const b = delongPlacements(y, scoreB);
    const aucA = mean(a.v10);
    const aucB = mean(b.v10);
    const a01 = mean(a.v01);
    const b01 = mean(b.v01);
    const varA = sampleCovariance(a.v10, aucA, a.v10, aucA) / positives +
        sampleCovariance(a.v01, a01, a.v01, a01) / negatives;
    const varB = sampleCovariance(b.v10, aucB, b.v10, aucB) / positives +
        sampleCovariance(b.v01, b01, b.v01, b01) / negatives;
    const cov = sampleCovariance(a.v10, aucA, b.v10, aucB) / positives +
        sampleCovariance(a.v01, a01, b.v01, b01) / negatives;
    const diff = aucA - aucB;
    // The variance of a difference is ≥ 0 mathematically; clamp rounding noise (identical scores give ±1e-19).
    const varDiff = Math.max(0, varA + varB - 2 * cov);
    const se = Math.sqrt(varDiff);
    let z;
    let pValue;
    if (se > 0) {
        z = diff / se;
        pValue = twoSidedNormalPValue(z);
    }
    else {
        z = diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
        pValue = diff === 0 ? 1 : 0;
    }
    return {
        aucA,
        aucB,
        diff,
        varA,
        varB,
        cov,
        se,
        lower: diff - z95 * se,
        upper: diff + z95 * se,
        z,
        pValue,
        positives,
        negatives,
    };
}

;// CONCATENATED MODULE: ./src/gate/stats/binomial.ts
/**
 * Exact binomial probabilities with full relative accuracy for large n (McNemar on 10⁶ rows can have 10⁵
 * discordant pairs, where naive log-gamma differences lose 8+ digits).
 *
 * The point probability uses Catherine Loader's saddle-point form, "Fast and accurate computation of
 * binomial probabilities" (2000), the algorithm behind R's dbinom: the Stirling-series error terms
 * (`stirlingError`) and the deviance term (`bd0`) are each computed without cancellation. Tail sums run
 * downward from the point probability with the exact ratio P(j−1)/P(j) = j / (n − j + 1).
 */
/** ln(n!) − ln(√(2πn)·(n/e)ⁿ) for integer n ≥ 0 (Loader; exact table for n ≤ 15, series above). */
const STIRLING_ERROR_TABLE = [
    0.0, 0.0810614667953272582196702, 0.0413406959554092940938221, 0.02767792568499833914878929,
    0.02079067210376509311152277, 0.01664469118982119216319487, 0.01387612882307074799874573,
    0.01189670994589177009505572, 0.010411265261972096497478567, 0.009255462182712732917728637,
    0.008330563433362871256469318, 0.007573675487951840794972024, 0.006942840107209529865664152,
    0.006408994188004207068439631, 0.005951370112758847735624416, 0.00555473355196280137103869,
];
const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;
const S5 = 691 / 360360;
const S6 = 1 / 156;
function stirlingError(n) {
    if (n <= 15) {
        const tabled = STIRLING_ERROR_TABLE[n];
        if (tabled === undefined)
            throw new RangeError(`stirlingError: n is ${n}; expected an integer >= 0`);
        return tabled;
    }
    const nn = n * n;
    if (n > 15.7e6)
        return S0 / n;
    if (n > 6180)
        return (S0 - S1 / nn) / n;
    if (n > 205)
        return (S0 - (S1 - S2 / nn) / nn) / n;
    if (n > 86)
        return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
    if (n > 27)
        return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
    // 15 < n ≤ 27: two more terms of the asymptotic series (Loader/R use order 7 up to 23.5).
    return (S0 - (S1 - (S2 - (S3 - (S4 - (S5 - S6 / nn) / nn) / nn) / nn) / nn) / nn) / n;
}
/** Deviance term x·ln(x/np) + np − x, by a series when x ≈ np (where the direct form cancels). */
function bd0(x, np) {
    if (Math.abs(x - np) < 0.1 * (x + np)) {
        let v = (x - np) / (x + np);
        let s = (x - np) * v;
        if (Math.abs(s) < Number.MIN_VALUE)
            return s;
        let ej = 2 * x * v;
        v *= v;
        for (let j = 1; j < 1000; j++) {
            ej *= v;
            const s1 = s + ej / (2 * j + 1);
            if (s1 === s)
                return s1;
            s = s1;
        }
    }
    return x * Math.log(x / np) + np - x;
}
/** P(X = x) for X ~ Binomial(n, p), integers 0 ≤ x ≤ n, 0 < p < 1. */
function binomialPmf(x, n, p) {
    const q = 1 - p;
    if (x === 0)
        return n === 0 ? 1 : Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q));
    if (x === n)
        return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p));
    const lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
    const lf = Math.log(2 * Math.PI) + Math.log(x) + Math.log1p(-x / n);
    return Math.exp(lc - 0.5 * lf);
}
/**
 * P(X ≤ k) for X ~ Binomial(n, p) with k ≤ n·p (the lower tail, where terms shrink going down).
 * Returns 0 only if P(X = k) underflows (below ~1e-308).
 */
function binomialLowerTail(k, n, p) {
    if (k >= n)
        return 1;
    const oddsRatio = (1 - p) / p;
    let term = binomialPmf(k, n, p);
    let sum = term;
    for (let j = k; j > 0 && term > sum * 1e-17; j--) {
        term *= (j / (n - j + 1)) * oddsRatio;
        sum += term;
    }
    return Math.min(1, sum);
}
/**
 * Exact two-sided p-value of b successes out of b + c trials under p = ½ (the exact McNemar test):
 * min(1, 2·P(X ≤ min(b, c))). For p = ½ the distribution is symmetric, so doubling the smaller tail equals
 * the "sum of outcomes no more likely than observed" definition (scipy's binomtest, R's binom.test).
 */
function exactMcNemarPValue(b, c) {
    const n = b + c;
    if (n === 0)
        return 1;
    return Math.min(1, 2 * binomialLowerTail(Math.min(b, c), n, 0.5));
}

;// CONCATENATED MODULE: ./src/gate/stats/mcnemar.ts
/**
 * Paired accuracy: the exact McNemar test and a confidence interval for accA − accB on the same rows.
 *
 * Test: exact conditional McNemar test — under H0 the b discordant rows where only A is right and the c rows
 * where only B is right split Binomial(b + c, ½); two-sided p = min(1, 2·P(X ≤ min(b, c))).
 *
 * Interval: Newcombe's hybrid score interval for a difference of paired proportions, method 10 of
 * R. G. Newcombe (1998), "Improved confidence intervals for the difference between binomial proportions
 * based on paired data", Statistics in Medicine 17:2635–2650. It combines the Wilson score intervals
 * (l1, u1) for accA and (l2, u2) for accB with the estimated correlation φ of the two proportions:
 *   L = θ − sqrt((accA − l1)² − 2φ(accA − l1)(u2 − accB) + (u2 − accB)²)
 *   U = θ + sqrt((u1 − accA)² − 2φ(u1 − accA)(accB − l2) + (accB − l2)²)
 * with φ = (ad − bc − n/2)/sqrt((a+b)(c+d)(a+c)(b+d)) if ad − bc > n/2, 0 if 0 ≤ ad − bc ≤ n/2,
 * (ad − bc)/sqrt(…) if ad − bc < 0, and 0 if any margin is empty (Newcombe 1998; the same rule is used in
 * Fagerland, Lydersen & Laake, "Statistical Analysis of Contingency Tables" (2017), ch. 8). Chosen because
 * Newcombe's evaluation found it close to nominal coverage (unlike the Wald interval, which under-covers and
 * can leave [−1, 1] when discordant pairs are few), while being closed-form (Tango's score interval needs a
 * root search).
 */



/** Wilson score interval for x successes in n trials (Wilson 1927), two-sided, critical value z. */
function wilsonInterval(x, n, z) {
    const z2 = z * z;
    const denominator = n + z2;
    const center = (x + z2 / 2) / denominator;
    const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / denominator;
    // Exact endpoints at the boundaries (the formula gives them up to rounding).
    return { lower: x === 0 ? 0 : Math.max(0, center - half), upper: x === n ? 1 : Math.min(1, center + half) };
}
/**
 * Newcombe's method 10 interval from the four cells of the paired table:
 * a = both right, b = only A right, c = only B right, d = both wrong.
 */
function newcombePairedInterval(a, b, c, d, confidence = 0.95) {
    const z = normal_criticalValue(confidence);
    const n = a + b + c + d;
    const p1 = (a + b) / n;
    const p2 = (a + c) / n;
    const w1 = wilsonInterval(a + b, n, z);
    const w2 = wilsonInterval(a + c, n, z);
    const marginProduct = (a + b) * (c + d) * (a + c) * (b + d);
    let phi = 0;
    if (marginProduct > 0) {
        const cross = a * d - b * c;
        if (cross > n / 2)
            phi = (cross - n / 2) / Math.sqrt(marginProduct);
        else if (cross < 0)
            phi = cross / Math.sqrt(marginProduct);
    }
    const theta = p1 - p2;
    const dl1 = p1 - w1.lower;
    const du1 = w1.upper - p1;
    const dl2 = p2 - w2.lower;
    const du2 = w2.upper - p2;
    // The radicands are ≥ 0 for |φ| ≤ 1; clamp rounding noise below 0.
    const lower = theta - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
    const upper = theta + Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2));
    return { lower: Math.max(-1, lower), upper: Math.min(1, upper) };
}
/**
 * Exact McNemar test and Newcombe interval for paired accuracy. `correctA[i]` / `correctB[i]` are 1 when
 * that model classified row i correctly, else 0. `weight[i]` (optional) is a non-negative integer
 * multiplicity of row i (e.g. a deduplicated eval set); fractional weights are rejected because the exact
 * binomial test counts rows.
 */
function mcnemarPaired(correctA, correctB, weight, confidence = 0.95) {
    const where = 'mcnemarPaired';
    normal_criticalValue(confidence);
    const rows = correctA.length;
    if (correctB.length !== rows) {
        throw new errors/* UserError */.yo(`${where}: correctA has ${rows} rows but correctB has ${correctB.length}; they must be the same rows`);
    }
    if (weight !== undefined && weight.length !== rows) {
        throw new errors/* UserError */.yo(`${where}: weight has ${weight.length} rows but correctA has ${rows}`);
    }
    let bothCorrect = 0;
    let b = 0;
    let c = 0;
    let bothWrong = 0;
    for (let i = 0; i < rows; i++) {
        const ai = correctA[i];
        const bi = correctB[i];
        if (ai > 1)
            throw new errors/* UserError */.yo(`${where}: correctA[${i}] is ${ai}; expected 0 or 1`);
        if (bi > 1)
            throw new errors/* UserError */.yo(`${where}: correctB[${i}] is ${bi}; expected 0 or 1`);
        let w = 1;
        if (weight !== undefined) {
            w = weight[i];
            if (!Number.isSafeInteger(w) || w < 0) {
                throw new errors/* UserError */.yo(`${where}: weight[${i}] is ${w}; weights must be non-negative integers (row multiplicities)`);
            }
        }
        if (ai === 1) {
            if (bi === 1)
                bothCorrect += w;
            else
                b += w;
        }
        else if (bi === 1)
            c += w;
        else
            bothWrong += w;
    }
    const n = bothCorrect + b + c + bothWrong;
    if (n === 0)
        throw new errors/* UserError */.yo(`${where}: no rows (or all weights are 0); accuracy is undefined`);
    const accA = (bothCorrect + b) / n;
    const accB = (bothCorrect + c) / n;
    const { lower, upper } = newcombePairedInterval(bothCorrect, b, c, bothWrong, confidence);
    return {
        accA,
        accB,
        diff: (b - c) / n,
        b,
        c,
        bothCorrect,
        bothWrong,
        n,
        pValue: exactMcNemarPValue(b, c),
        lower,
        upper,
        se: Math.sqrt(Math.max(0, b + c - ((b - c) * (b - c)) / n)) / n,
    };
}

;// CONCATENATED MODULE: ./src/gate/paired.ts






function correctness(input, pred) {
    const n = input.y.length;
    const out = new Uint8Array(n);
    if (input.task === 'binary') {
        for (let i = 0; i < n; i++)
            out[i] = (pred[i] >= input.threshold ? 1 : 0) === input.y[i] ? 1 : 0;
    }
    else {
        const k = input.classes;
        for (let i = 0; i < n; i++) {
            let best = 0;
            for (let c = 1; c < k; c++)
                if (pred[i * k + c] > pred[i * k + best])
                    best = c;
            out[i] = best === input.y[i] ? 1 : 0;
        }
    }
    return out;
}
function strataOf(input) {
    if (input.task === 'regression')
        return undefined;
    return Int32Array.from(input.y);
}
function pairedEstimate(metric, input) {
    const { task, y, challenger, champion, confidence } = input;
    const z = normal_criticalValue(confidence);
    if (metric === 'roc_auc' && task === 'binary') {
        const labels = y;
        let positives = 0;
        for (let i = 0; i < labels.length; i++)
            positives += labels[i];
        if (positives < 2 || labels.length - positives < 2) {
            throw new errors/* UserError */.yo(`ROC AUC needs at least 2 rows of each class (here ${positives} positive, ${labels.length - positives} negative)`);
        }
        const r = delongPaired(labels, challenger, champion, confidence);
        const own = delongVariance(labels, challenger);
        return {
            champion: r.aucB,
            challenger: r.aucA,
            diff: r.diff,
            lower: r.lower,
            upper: r.upper,
            se: r.se,
            method: 'delong',
            challengerLower: Math.max(0, own.auc - z * own.se),
            challengerUpper: Math.min(1, own.auc + z * own.se),
            challengerSe: own.se,
        };
    }
    if (metric === 'accuracy' && task !== 'regression') {
        const r = mcnemarPaired(correctness(input, challenger), correctness(input, champion), undefined, confidence);
        const n = y.length;
        const own = wilsonInterval(Math.round(r.accA * n), n, z);
        return {
            champion: r.accB,
            challenger: r.accA,
            diff: r.diff,
            lower: r.lower,
            upper: r.upper,
            se: r.se,
            method: 'mcnemar',
            challengerLower: own.lower,
            challengerUpper: own.upper,
            challengerSe: Math.sqrt((r.accA * (1 - r.accA)) / n),
        };
    }
    // Everything else: paired bootstrap, the same resampled rows for both models.
    const options = { classes: input.classes, threshold: input.threshold, names: [metric] };
    const orderA = task === 'binary' ? (0,evaluate_metrics/* argsort */.XQ)(challenger) : undefined;
    const orderB = task === 'binary' ? (0,evaluate_metrics/* argsort */.XQ)(champion) : undefined;
    const value = (pred, order, weight) => (0,evaluate_metrics/* computeMetrics */.pH)(task, y, pred, { ...options, weight, order })[metric];
    const chal = value(challenger, orderA);
    const champ = value(champion, orderB);
    const common = {
        n: y.length,
        strata: strataOf(input),
        resamples: input.resamples,
        seed: input.seed,
        confidence,
    };
    const diff = pairedBootstrap({
        ...common,
        statistic: (w) => value(challenger, orderA, w) - value(champion, orderB, w),
    });
    let own = { lower: Number.NaN, upper: Number.NaN, se: Number.NaN };
    if (input.needChallengerInterval)
        own = pairedBootstrap({ ...common, statistic: (w) => value(challenger, orderA, w) });
    return {
        champion: champ,
        challenger: chal,
        diff: chal - champ,
        lower: diff.lower,
        upper: diff.upper,
        se: diff.se,
        method: 'bootstrap',
        challengerLower: own.lower,
        challengerUpper: own.upper,
        challengerSe: own.se,
    };
}
/** Rows of the arrays at the given positions (for slices). */
function subsetInput(input, positions) {
    const width = input.task === 'multiclass' ? input.classes : 1;
    const pick = (a) => {
        const out = new Float64Array(positions.length * width);
        for (let i = 0; i < positions.length; i++)
            for (let k = 0; k < width; k++)
                out[i * width + k] = a[positions[i] * width + k];
        return out;
    };
    const y = input.y;
    const ySub = y instanceof Uint8Array
        ? new Uint8Array(positions.length)
        : y instanceof Int32Array
            ? new Int32Array(positions.length)
            : new Float64Array(positions.length);
    for (let i = 0; i < positions.length; i++)
        ySub[i] = y[positions[i]];
    return { ...input, y: ySub, challenger: pick(input.challenger), champion: pick(input.champion) };
}

;// CONCATENATED MODULE: ./src/gate/slices.ts






const MISSING_SLICE = '(missing)';
/** Eval rows grouped by each slice column's values, in sorted value order. */
function sliceGroups(spec, evalRows) {
    const config = spec.slices;
    if (!config)
        return [];
    const groups = [];
    for (const column of config.columns) {
        const values = (0,csv/* columnOf */.uV)(evalRows.table, column, 'slices.columns');
        const byValue = new Map();
        evalRows.rows.forEach((row, i) => {
            const raw = values[row];
            const key = (0,data_values/* isMissing */.b2)(raw) ? MISSING_SLICE : (0,data_values/* categoryOf */.Qd)(raw);
            let list = byValue.get(key);
            if (!list)
                byValue.set(key, (list = []));
            list.push(i);
        });
        for (const value of (0,data_values/* sortLabels */.CL)([...byValue.keys()])) {
            groups.push({
                column,
                value,
                positions: Uint32Array.from(byValue.get(value)),
                minSize: config.min_size,
            });
        }
    }
    return groups;
}
function describeGap(g) {
    const label = evaluate_metrics/* METRICS */.Cb[g.metric]?.label ?? g.metric;
    return `${label} gap across ${g.column}: ${(0,format/* num */.bu)(g.gap)} between ${g.column}=${g.best} and ${g.column}=${g.worst} (CI ${(0,format/* interval */.YP)(g.lower, g.upper)}), allowed ${(0,format/* num */.bu)(g.maxGap)}: ${g.verdict}`;
}
/**
 * `slices.max_gap`: the challenger's gap between its best and worst gated slice on a metric, with a
 * bootstrap CI (each slice resampled within itself). pass when the CI's upper bound ≤ max_gap, fail when its
 * lower bound > max_gap, inconclusive otherwise. compareModels puts the fail claims into the Holm family.
 */
function sliceGaps(spec, sliceRows, base) {
    const config = spec.slices;
    if (!config)
        return [];
    const out = [];
    const groups = sliceRows.filter((g) => g.positions.length >= g.minSize);
    for (const [metric, maxGap] of Object.entries(config.max_gap)) {
        const info = evaluate_metrics/* METRICS */.Cb[metric];
        const sign = info.higherIsBetter ? 1 : -1;
        for (const column of config.columns) {
            const scored = groups
                .filter((g) => g.column === column)
                .map((g) => {
                const sub = subsetInput(base, g.positions);
                const value = (0,evaluate_metrics/* computeMetrics */.pH)(spec.task, sub.y, sub.challenger, {
                    classes: base.classes,
                    threshold: base.threshold,
                    names: [metric],
                })[metric];
                return { g, sub, value };
            })
                .filter((s) => Number.isFinite(s.value));
            if (scored.length < 2)
                continue;
            scored.sort((a, b) => sign * (b.value - a.value));
            const best = scored[0];
            const worst = scored[scored.length - 1];
            // Both slices in one resampling frame; strata keep each slice's (and class's) size fixed.
            const positions = Uint32Array.from([...best.g.positions, ...worst.g.positions]);
            const both = subsetInput(base, positions);
            const nBest = best.g.positions.length;
            const strata = new Int32Array(positions.length);
            const classes = spec.task === 'regression' ? 1 : base.classes;
            for (let i = 0; i < positions.length; i++)
                strata[i] = (i < nBest ? 0 : classes) + (spec.task === 'regression' ? 0 : Number(both.y[i]));
            const w1 = new Float64Array(positions.length);
            const w2 = new Float64Array(positions.length);
            const order = spec.task === 'binary' ? (0,evaluate_metrics/* argsort */.XQ)(both.challenger) : undefined;
            const metricOf = (w) => (0,evaluate_metrics/* computeMetrics */.pH)(spec.task, both.y, both.challenger, {
                classes: base.classes,
                threshold: base.threshold,
                names: [metric],
                weight: w,
                order,
            })[metric];
            const boot = pairedBootstrap({
                n: positions.length,
                strata,
                resamples: spec.gate.resamples,
                seed: spec.gate.seed,
                confidence: spec.gate.confidence,
                statistic: (w) => {
                    for (let i = 0; i < positions.length; i++) {
                        w1[i] = i < nBest ? w[i] : 0;
                        w2[i] = i < nBest ? 0 : w[i];
                    }
                    return sign * (metricOf(w1) - metricOf(w2));
                },
            });
            const gap = sign * (best.value - worst.value);
            const verdict = boot.upper <= maxGap ? 'pass' : boot.lower > maxGap ? 'fail' : 'inconclusive';
            const comparison = {
                metric,
                column,
                best: best.g.value,
                worst: worst.g.value,
                gap,
                lower: boot.lower,
                upper: boot.upper,
                maxGap,
                verdict,
                sentence: '',
            };
            comparison.sentence = describeGap(comparison);
            out.push({ comparison, se: boot.se });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/gate/stats/holm.ts
/**
 * Holm's step-down procedure for a family of m hypotheses: S. Holm (1979), "A simple sequentially rejective
 * multiple test procedure", Scandinavian Journal of Statistics 6:65–70. It controls the family-wise error
 * rate at α under any dependence between the tests (paired metrics on the same rows are dependent) and is
 * uniformly more powerful than Bonferroni.
 *
 * Adjusted p-values (Wright 1992, "Adjusted p-values for simultaneous inference", Biometrics 48:1005–1013):
 * with p₍₁₎ ≤ … ≤ p₍ₘ₎, p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎). Hypothesis i is rejected iff
 * p̃ᵢ ≤ α, which is exactly the step-down rule "reject p₍₁₎, p₍₂₎, … while p₍ⱼ₎ ≤ α/(m − j + 1)".
 */

function holm(pValues, alpha = 0.05) {
    if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
        throw new errors/* UserError */.yo(`holm: alpha must be strictly between 0 and 1, got ${String(alpha)}`);
    }
    pValues.forEach((p, i) => {
        if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
            throw new errors/* UserError */.yo(`holm: p-value #${i} is ${String(p)}; p-values must be numbers in [0, 1]`);
        }
    });
    const m = pValues.length;
    // Stable ascending order; ties keep input order (their adjusted values are equal anyway).
    const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
    const adjusted = new Array(m);
    let running = 0;
    order.forEach((index, rank) => {
        running = Math.max(running, Math.min(1, (m - rank) * pValues[index]));
        adjusted[index] = running;
    });
    return { adjusted, rejected: adjusted.map((p) => p <= alpha) };
}

;// CONCATENATED MODULE: ./src/gate/stats/power.ts
/**
 * "Honest resolution" helpers: how precise a paired comparison is, stated in metric units.
 *
 * All assume the estimate of the paired difference d̂ is approximately normal with standard error se (the
 * same assumption as the DeLong and Wald intervals) and that se shrinks like 1/√n with the number of rows.
 */


function checkNonNegative(name, value) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new errors/* UserError */.yo(`${name} must be a finite number ≥ 0, got ${String(value)}`);
    }
}
function checkPositive(name, value) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new UserError(`${name} must be a finite number > 0, got ${String(value)}`);
    }
}
/** Half-width of the two-sided interval d̂ ± z_{1−α/2}·se. */
function halfWidth(se, confidence = 0.95) {
    checkNonNegative('se', se);
    return criticalValue(confidence) * se;
}
/**
 * The smallest true drop (challenger worse by this much, in metric units, positive number) that the gate
 * detects — the interval's upper end falls below −margin — with probability `power`:
 *   margin + (z_{1−α/2} + z_power)·se.
 * Derivation: fail ⇔ d̂ + z·se < −margin; with true difference −D, P(fail) = Φ((D − margin − z·se)/se),
 * which equals `power` at D = margin + (z + z_power)·se.
 */
function detectableDrop(margin, se, confidence = 0.95, power = 0.9) {
    checkNonNegative('margin', margin);
    checkNonNegative('se', se);
    if (typeof power !== 'number' || !(power > 0 && power < 1)) {
        throw new errors/* UserError */.yo(`power must be strictly between 0 and 1 (e.g. 0.9), got ${String(power)}`);
    }
    return margin + (normal_criticalValue(confidence) + normalQuantile(power)) * se;
}
/**
 * Eval-set size at which the interval half-width equals `margin`, given standard error `se` measured on `n`
 * rows: z·se·√(n/N) = margin ⇒ N = n·(z·se/margin)², rounded up to whole rows. Returns 0 when se is 0.
 */
function rowsNeeded(se, n, margin, confidence = 0.95) {
    checkNonNegative('se', se);
    checkPositive('margin', margin);
    if (!Number.isSafeInteger(n) || n < 1)
        throw new UserError(`n must be a positive integer row count, got ${String(n)}`);
    const rows = n * ((criticalValue(confidence) * se) / margin) ** 2;
    // Forgive floating-point noise so that an exact answer such as 4·n is not rounded up to 4·n + 1.
    return Math.ceil(rows * (1 - 1e-12));
}

;// CONCATENATED MODULE: ./src/gate/sentences.ts

/**
 * One sentence a reviewer understands, e.g.
 * "ROC AUC −0.0040 (95% CI −0.0110 … +0.0030): within the allowed −0.0100 drop."
 */
function describeComparison(c, confidence, adjusted) {
    const ci = `${Math.round(confidence * 100)}% CI ${(0,format/* interval */.YP)(c.lower, c.upper)}`;
    // Lower-is-better metrics are oriented too (champion − challenger): say so where the sign could mislead.
    const orientation = c.higherIsBetter ? '' : '+ = better; ';
    const head = `${c.label}${c.scope.kind === 'slice' ? ` [${c.scope.column}=${c.scope.value}]` : ''} ${(0,format/* signed */.x8)(c.diff)} (${orientation}${ci})`;
    if (c.verdict === 'not-gated')
        return `${head}: not gated (${c.reason}).`;
    const parts = [];
    if (c.margin !== null) {
        const allowed = `the allowed −${(0,format/* num */.bu)(c.margin)} drop`;
        if (c.lower >= -c.margin)
            parts.push(`within ${allowed}`);
        else if (c.upper < -c.margin) {
            const p = c.pFailAdjusted ?? c.pFail;
            const pText = p === null ? '' : `, p=${p < 0.001 ? '<0.001' : p.toFixed(3)}${adjusted ? ' after Holm' : ''}`;
            // Decided on the drop claim itself, not the metric's combined verdict (a failing floor must not make
            // a drop that did not survive Holm read as significant).
            const significant = !adjusted || (c.pFailAdjusted !== null && c.pFailAdjusted < (1 - confidence) / 2);
            parts.push(significant
                ? `worse than ${allowed}, beyond what chance explains${pText}`
                : `below ${allowed}, but not significant once all tests are counted${pText}`);
        }
        else if (c.halfWidth > c.margin) {
            parts.push(`cannot be shown within ${allowed}: this eval set only resolves ±${(0,format/* num */.bu)(c.halfWidth)}`);
        }
        else
            parts.push(`cannot tell yet whether the drop exceeds ${allowed}: the interval reaches past it`);
    }
    if (c.floor !== null) {
        const word = c.higherIsBetter ? 'floor' : 'ceiling';
        const own = `challenger ${(0,format/* num */.bu)(c.challenger)} (CI ${(0,format/* num */.bu)(c.challengerLower)} … ${(0,format/* num */.bu)(c.challengerUpper)})`;
        const ok = c.higherIsBetter ? c.challengerLower >= c.floor : c.challengerUpper <= c.floor;
        const bad = c.higherIsBetter ? c.challengerUpper < c.floor : c.challengerLower > c.floor;
        parts.push(ok
            ? `${own} clears the ${word} ${(0,format/* num */.bu)(c.floor)}`
            : bad
                ? `${own} misses the ${word} ${(0,format/* num */.bu)(c.floor)}`
                : `${own} may not clear the ${word} ${(0,format/* num */.bu)(c.floor)}`);
    }
    return `${head}: ${parts.join('; ')}.`;
}

;// CONCATENATED MODULE: ./src/gate/compare.ts








function threeWay(lowerOk, upperBad) {
    return lowerOk ? 'pass' : upperBad ? 'fail' : 'inconclusive';
}
/** One-sided p-value of "the true value is below the boundary", from an estimate and its standard error. */
function pBelow(estimate, boundary, se) {
    if (!(se > 0))
        return estimate < boundary ? 0 : 1;
    return normalCdf((estimate - boundary) / se);
}
function buildTest(metric, gate, scope, n, e, confidence) {
    const info = evaluate_metrics/* METRICS */.Cb[metric];
    const sign = info.higherIsBetter ? 1 : -1;
    const diff = sign * e.diff;
    const [lower, upper] = sign > 0 ? [e.lower, e.upper] : [-e.upper, -e.lower];
    const margin = gate.max_drop ??
        (gate.max_drop_pct !== undefined ? (gate.max_drop_pct / 100) * Math.abs(e.champion) : null);
    const floor = gate.min ?? null;
    const halfWidth = (upper - lower) / 2;
    let dropVerdict = null;
    let pDrop = null;
    if (margin !== null) {
        dropVerdict = threeWay(lower >= -margin, upper < -margin);
        pDrop = pBelow(diff, -margin, e.se);
    }
    let floorVerdict = null;
    let pFloor = null;
    if (floor !== null) {
        // Oriented so that "below the floor" is bad for both directions (a ceiling for lower-is-better metrics).
        const [cl, cu] = sign > 0 ? [e.challengerLower, e.challengerUpper] : [-e.challengerUpper, -e.challengerLower];
        floorVerdict = threeWay(cl >= sign * floor, cu < sign * floor);
        pFloor = pBelow(sign * e.challenger, sign * floor, e.challengerSe);
    }
    const comparison = {
        metric,
        label: info.label,
        higherIsBetter: info.higherIsBetter,
        scope,
        n,
        champion: e.champion,
        challenger: e.challenger,
        diff,
        lower,
        upper,
        se: e.se,
        method: e.method,
        margin,
        floor,
        challengerLower: e.challengerLower,
        challengerUpper: e.challengerUpper,
        pFail: pDrop ?? pFloor,
        pFailAdjusted: null,
        verdict: gate.informational ? 'not-gated' : 'pass',
        reason: gate.informational ? 'informational' : '',
        halfWidth,
        detectableDrop: margin !== null ? detectableDrop(margin, e.se, confidence) : null,
        rowsNeeded: margin !== null && halfWidth > margin
            ? margin > 0
                ? Math.ceil(n * (halfWidth / margin) ** 2)
                : null
            : null,
        sentence: '',
    };
    return { comparison, pDrop, pFloor, dropVerdict, floorVerdict };
}
function notGated(metric, scope, n, reason) {
    const info = evaluate_metrics/* METRICS */.Cb[metric];
    return {
        metric,
        label: info.label,
        higherIsBetter: info.higherIsBetter,
        scope,
        n,
        champion: Number.NaN,
        challenger: Number.NaN,
        diff: Number.NaN,
        lower: Number.NaN,
        upper: Number.NaN,
        se: Number.NaN,
        method: 'bootstrap',
        margin: null,
        floor: null,
        challengerLower: Number.NaN,
        challengerUpper: Number.NaN,
        pFail: null,
        pFailAdjusted: null,
        verdict: 'not-gated',
        reason,
        halfWidth: Number.NaN,
        detectableDrop: null,
        rowsNeeded: null,
        sentence: `${info.label}: not gated (${reason})`,
    };
}
function worst(verdicts) {
    return verdicts.includes('fail') ? 'fail' : verdicts.includes('inconclusive') ? 'inconclusive' : 'pass';
}
function compareModels(input) {
    const { spec } = input;
    const gate = spec.gate;
    const confidence = gate.confidence;
    const base = {
        task: spec.task,
        y: input.y,
        challenger: input.challenger,
        champion: input.champion,
        classes: input.classes,
        threshold: spec.threshold,
        confidence,
        resamples: gate.resamples,
        seed: gate.seed,
        needChallengerInterval: false,
    };
    const tests = [];
    const comparisons = [];
    const notes = [];
    const scopes = [
        { scope: { kind: 'overall' }, positions: null, gated: true, reason: '' },
    ];
    const groups = sliceGroups(spec, input.eval);
    for (const group of groups) {
        const small = group.positions.length < group.minSize;
        scopes.push({
            scope: { kind: 'slice', column: group.column, value: group.value },
            positions: group.positions,
            gated: !small,
            reason: small ? `${group.positions.length} rows < slices.min_size ${group.minSize}` : '',
        });
        if (small)
            notes.push(`slice ${group.column}=${group.value}: ${group.positions.length} eval rows, below slices.min_size ${group.minSize}: reported, not gated`);
    }
    for (const { scope, positions, gated, reason } of scopes) {
        const scoped = positions ? subsetInput(base, positions) : base;
        for (const [metric, configured] of Object.entries(gate.metrics)) {
            // Floors are about the model as a whole; within slices only regressions (the margin) are gated.
            const metricGate = scope.kind === 'slice' ? { ...configured, min: undefined } : configured;
            if (metricGate.max_drop === undefined &&
                metricGate.max_drop_pct === undefined &&
                metricGate.min === undefined &&
                !metricGate.informational)
                continue;
            let estimate;
            try {
                estimate = pairedEstimate(metric, { ...scoped, needChallengerInterval: metricGate.min !== undefined });
            }
            catch (error) {
                comparisons.push(notGated(metric, scope, scoped.y.length, (0,errors/* describeError */.Uc)(error)));
                continue;
            }
            if (!Number.isFinite(estimate.challenger) || !Number.isFinite(estimate.champion)) {
                comparisons.push(notGated(metric, scope, scoped.y.length, 'the metric is undefined on these rows (one class only)'));
                continue;
            }
            const test = buildTest(metric, metricGate, scope, scoped.y.length, estimate, confidence);
            if (!gated) {
                test.comparison.verdict = 'not-gated';
                test.comparison.reason = reason;
            }
            comparisons.push(test.comparison);
            if (test.comparison.verdict !== 'not-gated')
                tests.push(test);
        }
    }
    // Holm over every fail claim in the family (drops, floors, slice gaps), at α/2: each claim is one-sided.
    const alpha = 1 - confidence;
    const gapTests = sliceGaps(spec, groups, base);
    const claims = [];
    for (const test of tests) {
        if (test.pDrop !== null)
            claims.push({ kind: 'drop', test, p: test.pDrop });
        if (test.pFloor !== null)
            claims.push({ kind: 'floor', test, p: test.pFloor });
    }
    for (const gap of gapTests) {
        const g = gap.comparison;
        claims.push({ kind: 'gap', gap, p: pBelow(-g.gap, -g.maxGap, gap.se) });
    }
    const adjust = gate.adjust === 'holm' && claims.length > 1;
    if (adjust) {
        const adjusted = holm(claims.map((c) => c.p), alpha / 2).adjusted;
        claims.forEach((claim, i) => {
            const p = adjusted[i];
            // A CI-level fail that does not survive the adjustment is downgraded to inconclusive. Without the
            // adjustment the CI alone decides (the normal-theory p-value can disagree with a percentile interval).
            const survives = p < alpha / 2;
            if (claim.kind === 'gap') {
                if (claim.gap.comparison.verdict === 'fail' && !survives)
                    claim.gap.comparison.verdict = 'inconclusive';
                return;
            }
            const { test } = claim;
            if (claim.kind === 'drop' && test.dropVerdict === 'fail' && !survives)
                test.dropVerdict = 'inconclusive';
            if (claim.kind === 'floor' && test.floorVerdict === 'fail' && !survives)
                test.floorVerdict = 'inconclusive';
            if (claim.kind === 'drop' || test.comparison.pFailAdjusted === null)
                test.comparison.pFailAdjusted = p;
        });
    }
    // The detectable drop must use the threshold a fail really has to clear: with Holm over m claims the first
    // rejection needs p < α/(2m), so z_{1−α/(2m)} replaces z_{1−α/2} (exact for the first step, conservative after).
    // As a confidence level: z_{1−α/(2m)} is the two-sided critical value of confidence 1 − α/m.
    const failConfidence = adjust ? 1 - alpha / claims.length : confidence;
    for (const test of tests) {
        const c = test.comparison;
        c.verdict = worst([test.dropVerdict, test.floorVerdict].filter((v) => v !== null));
        if (c.margin !== null)
            c.detectableDrop = detectableDrop(c.margin, c.se, failConfidence);
    }
    for (const c of comparisons)
        c.sentence ||= describeComparison(c, confidence, adjust);
    const gaps = gapTests.map((g) => {
        g.comparison.sentence = describeGap(g.comparison);
        return g.comparison;
    });
    const verdict = worst([...tests.map((t) => t.comparison.verdict), ...gaps.map((g) => g.verdict)]);
    const identical = input.challenger.length === input.champion.length &&
        input.challenger.every((v, i) => v === input.champion[i]);
    return {
        verdict,
        confidence,
        adjustment: adjust ? 'holm' : 'none',
        family: claims.length,
        comparisons,
        gaps,
        notes,
        identical,
    };
}

// EXTERNAL MODULE: ./src/train/model-io.ts
var model_io = __webpack_require__(144);
;// CONCATENATED MODULE: ./src/train/kernels/gemm-wasm.ts
// Generated by scripts/build-wasm.mjs from gemm.wat (wabt 1.0.32); do not edit: edit gemm.wat and rerun.
/** sha256 of the gemm.wat these bytes were assembled from (checked by __tests__/train-kernels.test.ts). */
const GEMM_WAT_SHA256 = 'c3de8903dde2a272d0293dcf76369be5b0314b14b01be835646d1cf10120d80e';
/** The assembled module, 4491 bytes, base64. */
const GEMM_WASM_BASE64 = 'AGFzbQEAAAABVQpgA3t/fwF7YAZ/e3t/f38AYA1/f39/f39/f39/f39/AGAEf39/fwBgBn9/f398fwBgBnt/f398fwBgBX9/f39/' +
    'AGABewF7YAF8AXxgBX9/f39/AX8CDwEDZW52Bm1lbW9yeQIAAQMNDAABAgICAwQFBgcICQc7BQRnZW1tAAQJdHJhbnNwb3NlAAUI' +
    'Z2xtX2RvdHMABghnbG1fZ3JhZAAIDmxvZ2lzdGljX3Rlcm1zAAsKzCEMSwAgAUEBRgR7IAD9DAAAAAAAAAAAAAAAAAAAAAD99wEF' +
    'IAFBAkYEeyAAIAL9AAQA/QwAAAAAAAAAAAAAAAAAAAAA/Ur9TgUgAAsLC1UAIAEgBCAFEAAhASADQQJPBEAgACAB/QsEAAUgACAB' +
    '/VsDAAALIANBA08EQCACIAQgBUEQahAAIQIgA0EERgRAIAAgAv0LBBAFIAAgAv1bAxAACwsL6QcCDH8OeyACQQAgC0EBSxshDSAC' +
    'QQF0QQAgC0ECSxshDiACQQNsQQAgC0EDSxshDyAIBEAgCP0ABAAhGSAI/QAEECEaCyAZIRsgGiEcIBkhHSAaIR4gGSEfIBohICAB' +
    'IA1qIRAgASAOaiERIAEgD2ohEiAABEADQCAE/QAEACElIAT9AAQQISYgAf0KAwAhISAQ/QoDACEiIBH9CgMAISMgEv0KAwAhJCAZ' +
    'ICEgJf3yAf3wASEZIBogISAm/fIB/fABIRogGyAiICX98gH98AEhGyAcICIgJv3yAf3wASEcIB0gIyAl/fIB/fABIR0gHiAjICb9' +
    '8gH98AEhHiAfICQgJf3yAf3wASEfICAgJCAm/fIB/fABISAgASADaiEBIBAgA2ohECARIANqIREgEiADaiESIAQgBWohBCAAQQFr' +
    'IQAgAA0ACwsgBiAHaiETIBMgB2ohFCAUIAdqIRUgCiAHaiEWIBYgB2ohFyAXIAdqIRggC0EERiAMQQRGcQRAIAlBAUYEQCAZ/QwA' +
    'AAAAAAAAAAAAAAAAAAAA/fcBIRkgGv0MAAAAAAAAAAAAAAAAAAAAAP33ASEaIBv9DAAAAAAAAAAAAAAAAAAAAAD99wEhGyAc/QwA' +
    'AAAAAAAAAAAAAAAAAAAA/fcBIRwgHf0MAAAAAAAAAAAAAAAAAAAAAP33ASEdIB79DAAAAAAAAAAAAAAAAAAAAAD99wEhHiAf/QwA' +
    'AAAAAAAAAAAAAAAAAAAA/fcBIR8gIP0MAAAAAAAAAAAAAAAAAAAAAP33ASEgCyAJQQJGBEAgGSAK/QAEAP0MAAAAAAAAAAAAAAAA' +
    'AAAAAP1K/U4hGSAaIAr9AAQQ/QwAAAAAAAAAAAAAAAAAAAAA/Ur9TiEaIBsgFv0ABAD9DAAAAAAAAAAAAAAAAAAAAAD9Sv1OIRsg' +
    'HCAW/QAEEP0MAAAAAAAAAAAAAAAAAAAAAP1K/U4hHCAdIBf9AAQA/QwAAAAAAAAAAAAAAAAAAAAA/Ur9TiEdIB4gF/0ABBD9DAAA' +
    'AAAAAAAAAAAAAAAAAAD9Sv1OIR4gHyAY/QAEAP0MAAAAAAAAAAAAAAAAAAAAAP1K/U4hHyAgIBj9AAQQ/QwAAAAAAAAAAAAAAAAA' +
    'AAAA/Ur9TiEgCyAGIBn9CwQAIAYgGv0LBBAgEyAb/QsEACATIBz9CwQQIBQgHf0LBAAgFCAe/QsEECAVIB/9CwQAIBUgIP0LBBAF' +
    'IAYgGSAaIAwgCSAKEAEgC0EBSwRAIBMgGyAcIAwgCSAWEAELIAtBAksEQCAUIB0gHiAMIAkgFxABCyALQQNLBEAgFSAfICAgDCAJ' +
    'IBgQAQsLC7ICAgN/BXsgAkEAIAtBAUsbIQ0gAkEBdEEAIAtBAksbIQ4gAkEDbEEAIAtBA0sbIQ8gCARAIAj9AAQAIRALIBAhESAQ' +
    'IRIgECETAkADQCAARQ0BIAT9AAQAIRQgECAB/QoDACAU/fIB/fABIRAgESABIA1q/QoDACAU/fIB/fABIREgEiABIA5q/QoDACAU' +
    '/fIB/fABIRIgEyABIA9q/QoDACAU/fIB/fABIRMgASADaiEBIAQgBWohBCAAQQFrIQAMAAsLIAYgECAQIAwgCSAKEAEgC0EBSwRA' +
    'IAYgB2ogESARIAwgCSAKIAdqEAELIAtBAksEQCAGIAdBAXRqIBIgEiAMIAkgCiAHQQF0ahABCyALQQNLBEAgBiAHQQNsaiATIBMg' +
    'DCAJIAogB0EDbGoQAQsLjAIBDH8gBEEDdCEPIAVBA3QhECAHQQN0IREgCUEDdCESQQAhDQJAA0AgDSAATw0BIAAgDWshFiAWQQRL' +
    'BEBBBCEWCyADIA0gD2xqIRMgCCANIBJsaiEUIAwgDSASbGohFUEAIQ4CQANAIA4gAU8NASABIA5rIRcgF0EESwRAQQQhFwsgCiAO' +
    'QQN0akEAIAobIRggF0ECSwRAIAIgEyAPIBAgBiAOQQN0aiARIBQgDkEDdGogEiAYIAsgFSAOQQN0aiAWIBcQAgUgAiATIA8gECAG' +
    'IA5BA3RqIBEgFCAOQQN0aiASIBggCyAVIA5BA3RqIBYgFxADCyAOQQRqIQ4MAAsLIA1BBGohDQwACwsLbAEFfyAAQQN0IQhBACEE' +
    'AkADQCAEIABPDQEgAiAEIAFsQQN0aiEGIAMgBEEDdGohByABIQUCQANAIAVFDQEgByAGKwMAOQMAIAZBCGohBiAHIAhqIQcgBUEB' +
    'ayEFDAALCyAEQQFqIQQMAAsLC/sDAwZ/BXsBfCABQQN0IQkgAUEBdiEIQQAhBgJAA0AgBkEEaiAASw0B/QwAAAAAAAAAAAAAAAAA' +
    'AAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEO/QwAAAAAAAAAAAAAAAAAAAAAIQ8gAiEKIAMhCyAI' +
    'IQcCQANAIAdFDQEgC/0ABAAhECAMIAr9AAQAIBD98gH98AEhDCANIAogCWr9AAQAIBD98gH98AEhDSAOIAogCUEBdGr9AAQAIBD9' +
    '8gH98AEhDiAPIAogCUEDbGr9AAQAIBD98gH98AEhDyAKQRBqIQogC0EQaiELIAdBAWshBwwACwsgDCAKIAsgASAEIAUQByANIAog' +
    'CWogCyABIAQgBUEIahAHIA4gCiAJQQF0aiALIAEgBCAFQRBqEAcgDyAKIAlBA2xqIAsgASAEIAVBGGoQByACIAlBAnRqIQIgBUEg' +
    'aiEFIAZBBGohBgwACwsCQANAIAYgAE8NAf0MAAAAAAAAAAAAAAAAAAAAACEMIAIhCiADIQsgCCEHAkADQCAHRQ0BIAwgCv0ABAAg' +
    'C/0ABAD98gH98AEhDCAKQRBqIQogC0EQaiELIAdBAWshBwwACwsgDCAKIAsgASAEIAUQByACIAlqIQIgBUEIaiEFIAZBAWohBgwA' +
    'CwsLMwEBfCAA/SEAIAD9IQGgIQYgA0EBcQRAIAYgASsDACACKwMAoqAhBgsgBSAGIASgOQMAC8UDAgV/BHsgAUEDdCEHQQAhBQJA' +
    'A0AgBUEEaiAASw0BIAP9CgMAIQogA/0KAwghCyAD/QoDECEMIAP9CgMYIQ0gAiEIIAQhCSABQQF2IQYCQANAIAZFDQEgCSAJ/QAE' +
    'ACAKIAj9AAQA/fIB/fABIAsgCCAHav0ABAD98gH98AEgDCAIIAdBAXRq/QAEAP3yAf3wASANIAggB0EDbGr9AAQA/fIB/fAB/QsE' +
    'ACAIQRBqIQggCUEQaiEJIAZBAWshBgwACwsgAUEBcQRAIAkgCSsDACADKwMAIAgrAwCioCADKwMIIAggB2orAwCioCADKwMQIAgg' +
    'B0EBdGorAwCioCADKwMYIAggB0EDbGorAwCioDkDAAsgAiAHQQJ0aiECIANBIGohAyAFQQRqIQUMAAsLAkADQCAFIABPDQEgA/0K' +
    'AwAhCiACIQggBCEJIAFBAXYhBgJAA0AgBkUNASAJIAn9AAQAIAogCP0ABAD98gH98AH9CwQAIAhBEGohCCAJQRBqIQkgBkEBayEG' +
    'DAALCyABQQFxBEAgCSAJKwMAIAMrAwAgCCsDAKKgOQMACyACIAdqIQIgA0EIaiEDIAVBAWohBQwACwsLsgQBA3sgAP0MAAAAAADg' +
    'hcAAAAAAAOCFwP33ASEAIAD9DP6CK2VHFfc//oIrZUcV9z/98gH9lAEhASAAIAH9DAAA4P5CLuY/AADg/kIu5j/98gH98QEgAf0M' +
    'djx5Ne856j12PHk17znqPf3yAf3xASEC/QwJbagTRhLmPQltqBNGEuY9IQMgAyAC/fIB/QyY2Pjv2O4hPpjY+O/Y7iE+/fABIQMg' +
    'AyAC/fIB/QzkRPVnReZaPuRE9WdF5lo+/fABIQMgAyAC/fIB/Qxcn3i3T36SPlyfeLdPfpI+/fABIQMgAyAC/fIB/Qw0x1al4x3H' +
    'PjTHVqXjHcc+/fABIQMgAyAC/fIB/QwaoAEaoAH6PhqgARqgAfo+/fABIQMgAyAC/fIB/QwaoAEaoAEqPxqgARqgASo//fABIQMg' +
    'AyAC/fIB/QwXbMEWbMFWPxdswRZswVY//fABIQMgAyAC/fIB/QwRERERERGBPxEREREREYE//fABIQMgAyAC/fIB/QxVVVVVVVWl' +
    'P1VVVVVVVaU//fABIQMgAyAC/fIB/QxVVVVVVVXFP1VVVVVVVcU//fABIQMgAyAC/fIB/QwAAAAAAADgPwAAAAAAAOA//fABIQMg' +
    'AyAC/fIB/QwAAAAAAADwPwAAAAAAAPA//fABIQMgAyAC/fIB/QwAAAAAAADwPwAAAAAAAPA//fABIQMgAyAB/fwB/ccB/Qz/AwAA' +
    'AAAAAP8DAAAAAAAA/c4BQTT9ywH98gELwQIBA3xEAAAAAADghcAgACAARAAAAAAA4IXAYxshACAARP6CK2VHFfc/op4hASAAIAFE' +
    'AADg/kIu5j+ioSABRHY8eTXvOeo9oqEhAkQJbagTRhLmPSEDIAMgAqJEmNj479juIT6gIQMgAyACokTkRPVnReZaPqAhAyADIAKi' +
    'RFyfeLdPfpI+oCEDIAMgAqJENMdWpeMdxz6gIQMgAyACokQaoAEaoAH6PqAhAyADIAKiRBqgARqgASo/oCEDIAMgAqJEF2zBFmzB' +
    'Vj+gIQMgAyACokQRERERERGBP6AhAyADIAKiRFVVVVVVVaU/oCEDIAMgAqJEVVVVVVVVxT+gIQMgAyACokQAAAAAAADgP6AhAyAD' +
    'IAKiRAAAAAAAAPA/oCEDIAMgAqJEAAAAAAAA8D+gIQMgAyABsEL/B3xCNIa/ogueBAMDfwh7BXz9DAAAAAAAAPA/AAAAAAAA8D8h' +
    'DyAAQQF2IQUCQANAIAVFDQEgAf0ABAAhCCAC/QAEACEJIAj97AH97QEQCSEK/QwAAAAAAADwPwAAAAAAAPA/IAr98AEhC/0MAAAA' +
    'AAAA8D8AAAAAAADwPyAKIAj9DAAAAAAAAAAAAAAAAAAAAAD9TP1SIAv98wEgCf3xASEMIAEgDP0LBAAgDSAI/QwAAAAAAAAAAAAA' +
    'AAAAAAAA/fcBIAkgCP3yAf3xAf3wASENIA4gDP3wASEOIA8gC/3yASEPIAZBAWohBiAGQYABRgRAIAMgB0EDdGogD/0LBAAgB0EC' +
    'aiEH/QwAAAAAAADwPwAAAAAAAPA/IQ9BACEGCyABQRBqIQEgAkEQaiECIAVBAWshBQwACwsgBgRAIAMgB0EDdGogD/0LBAAgB0EC' +
    'aiEHCyAEIA39CwQAIAQgDv0LBBAgBEQAAAAAAAAAADkDICAERAAAAAAAAAAAOQMoIABBAXEEQCABKwMAIRAgAisDACERIBCZmhAK' +
    'IRJEAAAAAAAA8D8gEqAhE0QAAAAAAADwPyASIBBEAAAAAAAAAABmGyAToyARoSEUIAEgFDkDACAERAAAAAAAAAAAIBAgEEQAAAAA' +
    'AAAAAGMbIBEgEKKhOQMgIAQgFDkDKCADIAdBA3RqIBM5AwAgAyAHQQN0akQAAAAAAADwPzkDCCAHQQJqIQcLIAcL';

;// CONCATENATED MODULE: ./src/train/kernels/js-kernels.ts
function jsKernels(memory) {
    return {
        gemm: (...args) => gemm(new Float64Array(memory()), args),
        transpose: (...args) => transpose(new Float64Array(memory()), args),
        glm_dots: (...args) => glmDots(new Float64Array(memory()), args),
        glm_grad: (...args) => glmGrad(new Float64Array(memory()), args),
        logistic_terms: (...args) => logisticTerms(new Float64Array(memory()), args),
    };
}
function gemm(f, args) {
    const [rows, cols, depth, pa, sam, sak, pb, sbk, pc, ldc, pi, epi, pe] = args;
    const a = pa / 8;
    const b = pb / 8;
    const init = pi / 8;
    for (let m = 0; m < rows; m++) {
        // Row m of c accumulates in place, k ascending: the same sum for each element as the wasm tiles.
        const c = pc / 8 + m * ldc;
        for (let n = 0; n < cols; n++)
            f[c + n] = pi ? f[init + n] : 0;
        for (let k = 0; k < depth; k++) {
            const v = f[a + m * sam + k * sak];
            const bk = b + k * sbk;
            for (let n = 0; n < cols; n++)
                f[c + n] = f[c + n] + v * f[bk + n];
        }
        if (epi === 1) {
            for (let n = 0; n < cols; n++)
                if (f[c + n] < 0)
                    f[c + n] = 0;
        }
        else if (epi === 2) {
            const e = pe / 8 + m * ldc;
            for (let n = 0; n < cols; n++)
                if (!(f[e + n] > 0))
                    f[c + n] = 0;
        }
    }
}
function transpose(f, args) {
    const [rows, cols, ps, pd] = args;
    const src = ps / 8;
    const dst = pd / 8;
    for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++)
            f[dst + c * rows + r] = f[src + r * cols + c];
}
/** s[i] = (Σ even j + Σ odd j, as wasm's two lanes) + the odd last term + b. */
function glmDots(f, args) {
    const [n, d, px, pt, b, ps] = args;
    const x = px / 8;
    const t = pt / 8;
    const s = ps / 8;
    const even = d & ~1;
    for (let i = 0; i < n; i++) {
        const row = x + i * d;
        let lane0 = 0;
        let lane1 = 0;
        for (let j = 0; j < even; j += 2) {
            lane0 += f[row + j] * f[t + j];
            lane1 += f[row + j + 1] * f[t + j + 1];
        }
        let sum = lane0 + lane1;
        if (d & 1)
            sum += f[row + even] * f[t + even];
        f[s + i] = sum + b;
    }
}
/** g[j] += r[i]·x[i, j], row by row. */
function glmGrad(f, args) {
    const [n, d, px, pr, pg] = args;
    const x = px / 8;
    const r = pr / 8;
    const g = pg / 8;
    for (let i = 0; i < n; i++) {
        const ri = f[r + i];
        const row = x + i * d;
        for (let j = 0; j < d; j++)
            f[g + j] = f[g + j] + ri * f[row + j];
    }
}
// exp(a), a ≤ 0, exactly as gemm.wat's $exp_lanes / $exp_scalar compute it (see there for the method).
const INV_LN2 = 1.4426950408889634;
const LN2_HI = 6.9314718036912382e-1; // 0x3fe62e42fee00000, fdlibm's ln2_hi
const LN2_LO = 1.9082149292705877e-10; // 0x3dea39ef35793c76
const TAYLOR = [
    1.0, 1.0, 0.5, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333, 0.001388888888888889,
    0.0001984126984126984, 2.48015873015873e-5, 2.7557319223985893e-6, 2.755731922398589e-7,
    2.505210838544172e-8, 2.08767569878681e-9, 1.6059043836821613e-10,
];
const bits = new Uint32Array(2);
const asDouble = new Float64Array(bits.buffer);
/** WebAssembly's f64.nearest: round half to even. */
function nearest(x) {
    const floor = Math.floor(x);
    const frac = x - floor;
    if (frac !== 0.5)
        return frac < 0.5 ? floor : floor + 1;
    return floor % 2 === 0 ? floor : floor + 1;
}
function expNonPositive(a) {
    const x = a < -700 ? -700 : a;
    const k = nearest(x * INV_LN2);
    const r = x - k * LN2_HI - k * LN2_LO;
    let p = TAYLOR[13];
    for (let i = 12; i >= 0; i--)
        p = p * r + TAYLOR[i];
    // 2^k from its exponent bits (little-endian: the high word second).
    bits[0] = 0;
    bits[1] = (k + 1023) << 20;
    return p * asDouble[0];
}
/** One row's share of logistic_terms: writes the residual at s, returns [lin, factor] through out. */
function logisticRow(f, s, t, out) {
    const v = f[s];
    const tv = f[t];
    const e = expNonPositive(-Math.abs(v));
    const factor = 1 + e;
    const r = (v >= 0 ? 1 : e) / factor - tv;
    f[s] = r;
    out[0] = (v < 0 ? 0 : v) - tv * v;
    out[1] = factor;
    out[2] = r;
}
/** gemm.wat's logistic_terms: lane 0 the even rows, lane 1 the odd rows, products over 128 steps. */
function logisticTerms(f, args) {
    const [n, ps, pt, pprod, pacc] = args;
    const prod = pprod / 8;
    const acc = pacc / 8;
    const row = new Float64Array(3);
    const lin = [0, 0];
    const rsum = [0, 0];
    const product = [1, 1];
    let count = 0;
    let written = 0;
    let s = ps / 8;
    let t = pt / 8;
    for (let step = n >>> 1; step > 0; step--) {
        for (let lane = 0; lane < 2; lane++) {
            logisticRow(f, s + lane, t + lane, row);
            lin[lane] = lin[lane] + row[0];
            product[lane] = product[lane] * row[1];
            rsum[lane] = rsum[lane] + row[2];
        }
        if (++count === 128) {
            f[prod + written++] = product[0];
            f[prod + written++] = product[1];
            product[0] = product[1] = 1;
            count = 0;
        }
        s += 2;
        t += 2;
    }
    if (count) {
        f[prod + written++] = product[0];
        f[prod + written++] = product[1];
    }
    f.set([lin[0], lin[1], rsum[0], rsum[1], 0, 0], acc);
    if (n & 1) {
        logisticRow(f, s, t, row);
        f[acc + 4] = row[0];
        f[acc + 5] = row[2];
        f[prod + written++] = row[1];
        f[prod + written++] = 1;
    }
    return written;
}

;// CONCATENATED MODULE: ./src/train/kernels/gemm.ts
/**
 * The trainers' kernels: matrix products for the MLP and predictNet, and the dot products, gradient and
 * logistic loss terms of fitLinear's objective. WebAssembly SIMD (f64x2; gemm.wat, embedded as gemm-wasm.ts)
 * with a plain JavaScript fallback (js-kernels.ts) where WebAssembly SIMD is unavailable. The fallback repeats
 * the WebAssembly arithmetic operation for operation, so the two backends give bit-identical results. The
 * matrix products compute every output as `s = init; for k ascending: s += a·b` (a separate multiply and
 * add), which is also what the trainer's scalar loops computed before these kernels.
 *
 * The kernels read and write an arena: one memory (a WebAssembly.Memory, or an ArrayBuffer for the fallback)
 * that the caller carves into Float64Array views once per fit or prediction and reuses for every step.
 */


const EPILOGUE = { none: 0, relu: 1, mask: 2 };
const PAGE = 65536;
/** wasm32 addresses 4 GiB; stay below 2 GiB so every byte offset is a positive i32. */
const MAX_PAGES = 32767;
/** Slack after the last array: the wasm tiles read (never write) up to 32 bytes past a matrix's last row. */
const SLACK = 32;
/** Offset of the first array; 0 stays unused so that it can mean "no init row". */
const BASE = 16;
let compiled;
/**
 * The kernel module compiled (synchronously) with the given WebAssembly API, or null when there is none or it
 * lacks SIMD (validate() fails on the module's v128 instructions).
 */
function compileKernels(api) {
    const bytes = Buffer.from(GEMM_WASM_BASE64, 'base64');
    return api && api.validate(bytes) ? new api.Module(bytes) : null;
}
/** The compiled kernel module of this runtime, or null; compiled once per process. */
function wasmModule() {
    compiled ??= compileKernels(globalThis.WebAssembly);
    return compiled;
}
/** 'wasm' where WebAssembly SIMD is available (Node ≥ 16.4), else 'js'. */
function defaultBackend() {
    return wasmModule() ? 'wasm' : 'js';
}
/** A fresh arena; prefer withArena, which reuses one. */
function createArena(backend = defaultBackend()) {
    if (backend === 'wasm') {
        const module = wasmModule();
        if (!module)
            throw new Error('WebAssembly SIMD is not available in this runtime; use the js kernels');
        const api = globalThis.WebAssembly;
        const memory = new api.Memory({ initial: 1, maximum: MAX_PAGES });
        const { exports } = new api.Instance(module, { env: { memory } });
        return new ArenaImpl('wasm', memory, exports);
    }
    let buffer = new ArrayBuffer(PAGE);
    const memory = {
        get buffer() {
            return buffer;
        },
        grow(pages) {
            const old = buffer.byteLength / PAGE;
            buffer = new ArrayBuffer(buffer.byteLength + pages * PAGE);
            return old;
        },
    };
    return new ArenaImpl('js', memory, jsKernels(() => buffer));
}
const idle = new Map();
/** Arenas larger than this are not kept for reuse once their user is done. */
const KEEP_BYTES = 64 * 1024 * 1024;
/**
 * Run fn with an arena of the given backend: the one kept from an earlier call when it is free, else a new
 * one (a nested call, e.g. a prediction inside a fit, gets its own). Views must not outlive fn.
 */
function gemm_withArena(fn, backend = defaultBackend()) {
    const arena = idle.get(backend) ?? createArena(backend);
    idle.delete(backend);
    try {
        return fn(arena);
    }
    finally {
        if (arena.capacity <= KEEP_BYTES)
            idle.set(backend, arena);
    }
}
class ArenaImpl {
    backend;
    memory;
    raw;
    generation = null;
    /** Bytes below this may hold an earlier user's data; above it the memory is as grown: zero. */
    dirty = 0;
    constructor(backend, memory, raw) {
        this.backend = backend;
        this.memory = memory;
        this.raw = raw;
    }
    get capacity() {
        return this.memory.buffer.byteLength;
    }
    allocate(lengths, zero = true) {
        const offsets = [];
        let end = BASE;
        for (const length of lengths) {
            if (!Number.isInteger(length) || length < 0)
                throw new Error(`arena: bad array length ${length}`);
            offsets.push(end);
            end += Math.ceil((length * 8) / 16) * 16;
        }
        end += SLACK;
        const have = this.memory.buffer.byteLength;
        if (end > have) {
            const pages = Math.ceil((end - have) / PAGE);
            if (have / PAGE + pages > MAX_PAGES) {
                throw new Error(`arena: ${(end / 2 ** 20).toFixed(0)} MiB exceeds the kernels' 2 GiB limit`);
            }
            this.memory.grow(pages);
        }
        const buffer = this.memory.buffer;
        // Zeroed like fresh typed arrays: an earlier user's data must not leak into optimizer state.
        if (zero)
            new Uint8Array(buffer, 0, Math.min(end, this.dirty)).fill(0);
        this.dirty = Math.max(this.dirty, end);
        this.generation = buffer;
        return lengths.map((length, i) => new Float64Array(buffer, offsets[i], length));
    }
    gemm(rows, cols, depth, a, sam, sak, b, sbk, c, ldc, init, epilogue = 'none', e) {
        if (rows === 0 || cols === 0)
            return;
        const reach = (label, view, last) => {
            this.check('gemm', label, view, last + 1);
            return view.byteOffset;
        };
        // With depth 0 the product is init alone and a, b are never read.
        const pa = depth > 0 ? reach('a', a, (rows - 1) * sam + (depth - 1) * sak) : 0;
        const pb = depth > 0 ? reach('b', b, (depth - 1) * sbk + cols - 1) : 0;
        const pc = reach('c', c, (rows - 1) * ldc + cols - 1);
        const pi = init ? reach('init', init, cols - 1) : 0;
        let pe = 0;
        if (epilogue === 'mask') {
            if (!e)
                throw new Error('gemm: the mask epilogue needs e');
            pe = reach('e', e, (rows - 1) * ldc + cols - 1);
        }
        this.raw.gemm(rows, cols, depth, pa, sam, sak, pb, sbk, pc, ldc, pi, EPILOGUE[epilogue], pe);
    }
    transpose(src, rows, cols, dst) {
        this.check('transpose', 'src', src, rows * cols);
        this.check('transpose', 'dst', dst, rows * cols);
        this.raw.transpose(rows, cols, src.byteOffset, dst.byteOffset);
    }
    glmDots(n, d, x, theta, b, s) {
        this.check('glmDots', 'x', x, n * d);
        this.check('glmDots', 'theta', theta, d);
        this.check('glmDots', 's', s, n);
        this.raw.glm_dots(n, d, x.byteOffset, theta.byteOffset, b, s.byteOffset);
    }
    glmGrad(n, d, x, r, g) {
        this.check('glmGrad', 'x', x, n * d);
        this.check('glmGrad', 'r', r, n);
        this.check('glmGrad', 'g', g, d);
        this.raw.glm_grad(n, d, x.byteOffset, r.byteOffset, g.byteOffset);
    }
    logisticTerms(n, s, t, prod, acc) {
        this.check('logisticTerms', 's', s, n);
        this.check('logisticTerms', 't', t, n);
        this.check('logisticTerms', 'prod', prod, 2 * Math.ceil(n / 256) + 2);
        this.check('logisticTerms', 'acc', acc, 6);
        return this.raw.logistic_terms(n, s.byteOffset, t.byteOffset, prod.byteOffset, acc.byteOffset);
    }
    /** The kernels write wherever the offsets say: every view must be in the arena and long enough. */
    check(kernel, label, view, length) {
        if (view.buffer !== this.generation)
            throw new Error(`${kernel}: ${label} is not a view of the current arena`);
        if (view.length < length)
            throw new Error(`${kernel}: ${label} needs ${length} elements, has ${view.length}`);
    }
}

;// CONCATENATED MODULE: ./src/train/kernels/glm-objective.ts
const LAYOUT = { residentBytes: 4 * 2 ** 20, chunkBytes: 128 * 1024 };
/** θ holds the d × k weights row-major (feature j, class c at j·k + c), then k intercepts. */
function glmObjective(data, penalty, arena, layout = LAYOUT) {
    const { x, n, d, k, kind, weight } = data;
    // The rows that count (weight ≠ 0), in order, with their targets and weights.
    let kept = null;
    let totalWeight = n;
    let count = n;
    if (weight) {
        totalWeight = 0;
        count = 0;
        for (let i = 0; i < n; i++) {
            totalWeight += weight[i];
            if (weight[i] !== 0)
                count++;
        }
        kept = new Uint32Array(count);
        for (let i = 0, p = 0; i < n; i++)
            if (weight[i] !== 0)
                kept[p++] = i;
    }
    const t = new Float64Array(count);
    const w = kept ? new Float64Array(count) : null;
    if (!kept)
        t.set(data.y);
    else
        for (let p = 0; p < count; p++) {
            t[p] = data.y[kept[p]];
            w[p] = weight[kept[p]];
        }
    const chunk = Math.max(4, Math.min(count, Math.floor(layout.chunkBytes / (8 * Math.max(1, d)))));
    const resident = count * (d + 1) * 8 <= layout.residentBytes;
    const held = resident ? count : chunk;
    const terms = kind === 'logistic' && !w; // the arena's logisticTerms, which reads the targets from the arena
    const [xs, ts, thetaW, thetaB, s, g, gc, prod, partial] = arena.allocate([
        held * d,
        terms ? held : 0,
        d * k,
        k,
        chunk * k,
        d * k,
        k > 1 ? d * k : 0,
        2 * Math.ceil(chunk / 256) + 2,
        6,
    ], false);
    // Rows start… of the kept ones (their x and, for logisticTerms, targets) into the arena at `at`.
    const load = (start, rows, at) => {
        if (!kept)
            xs.set(x.subarray(start * d, (start + rows) * d), at * d);
        else
            for (let p = 0; p < rows; p++)
                xs.set(x.subarray(kept[start + p] * d, kept[start + p] * d + d), (at + p) * d);
        if (terms)
            ts.set(t.subarray(start, start + rows), at);
    };
    if (resident)
        load(0, count, 0);
    // acc[0]: summed loss; acc[1 + c]: summed residuals of output c (the intercepts' gradient).
    const acc = new Float64Array(1 + k);
    const bias = d * k;
    return (theta, grad) => {
        thetaW.set(theta.subarray(0, bias));
        thetaB.set(theta.subarray(bias));
        g.fill(0);
        acc.fill(0);
        for (let start = 0; start < count; start += chunk) {
            const rows = Math.min(chunk, count - start);
            const at = resident ? start : 0;
            if (!resident)
                load(start, rows, 0);
            const xc = xs.subarray(at * d, (at + rows) * d);
            if (kind === 'softmax') {
                arena.gemm(rows, k, d, xc, d, 1, thetaW, k, s, k, thetaB);
                softmaxResiduals(s, t, w, start, rows, k, acc);
                arena.gemm(d, k, rows, xc, 1, d, s, k, gc, k, null);
                for (let j = 0; j < bias; j++)
                    g[j] = g[j] + gc[j];
                continue;
            }
            arena.glmDots(rows, d, xc, thetaW, theta[d], s);
            if (terms) {
                const written = arena.logisticTerms(rows, s, ts.subarray(at, at + rows), prod, partial);
                let loss = partial[0] + partial[1] + partial[4];
                for (let q = 0; q < written; q++)
                    loss += Math.log(prod[q]);
                acc[0] = acc[0] + loss;
                acc[1] = acc[1] + partial[2] + partial[3] + partial[5];
            }
            else if (kind === 'logistic')
                weightedLogisticResiduals(s, t, w, start, rows, acc);
            else
                squaredResiduals(s, t, w, start, rows, acc);
            arena.glmGrad(rows, d, xc, s, g);
        }
        grad.set(g);
        for (let c = 0; c < k; c++)
            grad[bias + c] = acc[1 + c];
        let l2 = 0;
        for (let j = 0; j < bias; j++)
            l2 += theta[j] * theta[j];
        for (let j = 0; j < grad.length; j++)
            grad[j] = grad[j] / totalWeight;
        for (let j = 0; j < bias; j++)
            grad[j] = grad[j] + (penalty * theta[j]) / totalWeight;
        return acc[0] / totalWeight + (0.5 * penalty * l2) / totalWeight;
    };
}
/**
 * Weighted logistic loss w·(log(1 + e^s) − y·s) of rows start… of a chunk whose linear predictors are in s;
 * s becomes the weighted residuals w·(σ(s) − y).
 */
function weightedLogisticResiduals(s, t, w, start, rows, acc) {
    let loss = 0;
    let sum = 0;
    for (let i = 0; i < rows; i++) {
        const si = s[i];
        const ti = t[start + i];
        const wi = w[start + i];
        const e = Math.exp(-Math.abs(si));
        // σ(s) = 1/(1 + e) for s ≥ 0, e/(1 + e) below; one division either way.
        const r = wi * ((si >= 0 ? 1 : e) / (1 + e) - ti);
        loss += wi * (Math.max(si, 0) + Math.log1p(e) - ti * si);
        s[i] = r;
        sum += r;
    }
    acc[0] = acc[0] + loss;
    acc[1] = acc[1] + sum;
}
/** Squared loss ½(s − y)²; s becomes the residuals s − y (weighted). */
function squaredResiduals(s, t, w, start, rows, acc) {
    let loss = 0;
    let sum = 0;
    for (let i = 0; i < rows; i++) {
        const wi = w ? w[start + i] : 1;
        const diff = s[i] - t[start + i];
        loss += wi * 0.5 * diff * diff;
        s[i] = wi * diff;
        sum += wi * diff;
    }
    acc[0] = acc[0] + loss;
    acc[1] = acc[1] + sum;
}
/** Softmax cross-entropy of rows × k scores in s (class index in t); s becomes p − onehot(y) (weighted). */
function softmaxResiduals(s, t, w, start, rows, k, acc) {
    let loss = 0;
    for (let i = 0; i < rows; i++) {
        const o = i * k;
        const yi = t[start + i];
        const wi = w ? w[start + i] : 1;
        let max = -Infinity;
        for (let c = 0; c < k; c++)
            max = Math.max(max, s[o + c]);
        const scoreY = s[o + yi];
        let sum = 0;
        for (let c = 0; c < k; c++) {
            const e = Math.exp(s[o + c] - max);
            s[o + c] = e;
            sum += e;
        }
        loss += wi * (max + Math.log(sum) - scoreY);
        for (let c = 0; c < k; c++) {
            const r = wi * (s[o + c] / sum - (c === yi ? 1 : 0));
            s[o + c] = r;
            acc[1 + c] = acc[1 + c] + r;
        }
    }
    acc[0] = acc[0] + loss;
}

;// CONCATENATED MODULE: ./src/train/lbfgs.ts
/**
 * Limited-memory BFGS over Float64Array with a strong-Wolfe line search (Nocedal & Wright, Numerical
 * Optimization, algorithms 7.4, 3.5 and 3.6). Convex models are fitted full-batch with it, as scikit-learn's
 * `lbfgs` solver does: one pass over the data per evaluation, no per-batch overhead.
 */
function dot(a, b) {
    let s = 0;
    for (let i = 0; i < a.length; i++)
        s += a[i] * b[i];
    return s;
}
function maxAbs(a) {
    let m = 0;
    for (let i = 0; i < a.length; i++)
        m = Math.max(m, Math.abs(a[i]));
    return m;
}
/** Minimiser of the cubic through (a, fa, ga) and (b, fb, gb), clamped into the bracket. */
function cubicMin(a, fa, ga, b, fb, gb) {
    const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
    const disc = d1 * d1 - ga * gb;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    if (disc >= 0) {
        const d2 = Math.sign(b - a) * Math.sqrt(disc);
        const t = b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
        if (Number.isFinite(t) && t > lo + 0.1 * (hi - lo) && t < hi - 0.1 * (hi - lo))
            return t;
    }
    return (a + b) / 2;
}
function lbfgs(objective, x0, options) {
    const n = x0.length;
    const m = options.memory ?? 10;
    const ftol = options.ftol ?? 64 * Number.EPSILON;
    const fFloor = options.fFloor ?? 1;
    const c1 = 1e-4;
    const c2 = 0.9;
    const x = Float64Array.from(x0);
    const g = new Float64Array(n);
    const xt = new Float64Array(n);
    const gt = new Float64Array(n);
    const p = new Float64Array(n);
    const s = Array.from({ length: m }, () => new Float64Array(n));
    const y = Array.from({ length: m }, () => new Float64Array(n));
    const rho = new Float64Array(m);
    const alpha = new Float64Array(m);
    let stored = 0;
    let head = 0;
    let evaluations = 1;
    let f = objective(x, g);
    let gradMax = maxAbs(g);
    if (!Number.isFinite(f))
        throw new Error('L-BFGS: the objective is not finite at the starting point');
    // The last evaluated point stays in xt/gt/lastF: every accepting path ends by evaluating the accepted step.
    let lastF = f;
    const evaluate = (step) => {
        for (let i = 0; i < n; i++)
            xt[i] = x[i] + step * p[i];
        evaluations++;
        lastF = objective(xt, gt);
        return [lastF, dot(gt, p)];
    };
    let iteration = 0;
    let converged = gradMax <= options.tol;
    while (!converged && iteration < options.maxIter) {
        // Two-loop recursion: p = -H g.
        p.set(g);
        for (let k = 0; k < stored; k++) {
            const j = (head - 1 - k + m) % m;
            alpha[j] = rho[j] * dot(s[j], p);
            const yj = y[j];
            for (let i = 0; i < n; i++)
                p[i] = p[i] - alpha[j] * yj[i];
        }
        if (stored > 0) {
            const j = (head - 1 + m) % m;
            const gamma = dot(s[j], y[j]) / dot(y[j], y[j]);
            for (let i = 0; i < n; i++)
                p[i] = p[i] * gamma;
        }
        for (let k = stored - 1; k >= 0; k--) {
            const j = (head - 1 - k + m) % m;
            const beta = rho[j] * dot(y[j], p);
            const sj = s[j];
            for (let i = 0; i < n; i++)
                p[i] = p[i] + (alpha[j] - beta) * sj[i];
        }
        for (let i = 0; i < n; i++)
            p[i] = -p[i];
        let dg0 = dot(g, p);
        if (dg0 >= 0) {
            // Not a descent direction (curvature information went stale): restart from steepest descent.
            for (let i = 0; i < n; i++)
                p[i] = -g[i];
            dg0 = dot(g, p);
            stored = 0;
        }
        // Strong-Wolfe line search (N&W algorithm 3.5); `zoom` is algorithm 3.6 with cubic interpolation.
        const zoom = (lo, flo, glo, hi, fhi, ghi) => {
            for (let z = 0; z < 30; z++) {
                const t = Number.isFinite(fhi) && Number.isFinite(ghi) ? cubicMin(lo, flo, glo, hi, fhi, ghi) : (lo + hi) / 2;
                const [fz, gz] = evaluate(t);
                if (!Number.isFinite(fz) || fz > f + c1 * t * dg0 || fz >= flo) {
                    hi = t;
                    fhi = fz;
                    ghi = gz;
                }
                else {
                    if (Math.abs(gz) <= -c2 * dg0)
                        return t;
                    if (gz * (hi - lo) >= 0) {
                        hi = lo;
                        fhi = flo;
                        ghi = glo;
                    }
                    lo = t;
                    flo = fz;
                    glo = gz;
                }
                if (Math.abs(hi - lo) <= 1e-15 * Math.max(1, Math.abs(lo)))
                    break;
            }
            // Curvature not met at machine precision: take the best point with sufficient decrease, if any.
            if (lo > 0 && flo < f) {
                evaluate(lo);
                return lo;
            }
            return null;
        };
        let step = stored === 0 ? Math.min(1, 1 / Math.max(1e-12, Math.sqrt(dot(g, g)))) : 1;
        let prevStep = 0;
        let prevF = f;
        let prevDg = dg0;
        let accepted = null;
        for (let trial = 0; trial < 40; trial++) {
            const [ft, dgt] = evaluate(step);
            if (!Number.isFinite(ft) || ft > f + c1 * step * dg0 || (trial > 0 && ft >= prevF)) {
                accepted = zoom(prevStep, prevF, prevDg, step, ft, dgt);
                break;
            }
            if (Math.abs(dgt) <= -c2 * dg0) {
                accepted = step;
                break;
            }
            if (dgt >= 0) {
                accepted = zoom(step, ft, dgt, prevStep, prevF, prevDg);
                break;
            }
            prevStep = step;
            prevF = ft;
            prevDg = dgt;
            step *= 2;
        }
        if (accepted === null)
            break; // No progress possible along p at machine precision.
        // xt, gt hold the accepted point (the last evaluation); update memory.
        const sj = s[head];
        const yj = y[head];
        for (let i = 0; i < n; i++) {
            sj[i] = xt[i] - x[i];
            yj[i] = gt[i] - g[i];
        }
        const sy = dot(sj, yj);
        if (sy > 1e-10 * Math.sqrt(dot(sj, sj) * dot(yj, yj))) {
            rho[head] = 1 / sy;
            head = (head + 1) % m;
            stored = Math.min(stored + 1, m);
        }
        x.set(xt);
        g.set(gt);
        const fOld = f;
        f = lastF;
        gradMax = maxAbs(g);
        iteration++;
        options.onIteration?.(iteration, f, gradMax);
        if (gradMax <= options.tol)
            converged = true;
        else if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), fFloor) <= ftol)
            converged = true;
    }
    return { x, f, iterations: iteration, evaluations, converged, gradMax };
}

;// CONCATENATED MODULE: ./src/train/model-types.ts
/** The output activation and loss that a task implies. */
function outputActivation(task) {
    return task === 'binary' ? 'sigmoid' : task === 'multiclass' ? 'softmax' : 'linear';
}

;// CONCATENATED MODULE: ./src/train/linear.ts




/**
 * The mean loss plus an L2 penalty on the weights (not the intercepts), the objective scikit-learn's
 * LogisticRegression (penalty l2, lbfgs) and Ridge minimise, so the fitted coefficients can be compared.
 *   binary:      mean log-loss          + ||w||² / (2·C·n)
 *   multiclass:  mean softmax log-loss  + ||W||² / (2·C·n)
 *   regression:  mean ½(y − ŷ)²         + α·||w||² / (2·n)   (on a standardised target)
 * (n is the total row weight when rows are weighted.)
 */
function makeObjective(data, penalty, target, arena) {
    const { x, n, d, task, weight } = data;
    const kind = task === 'binary' ? 'logistic' : task === 'multiclass' ? 'softmax' : 'squared';
    const k = task === 'multiclass' ? data.classes : 1;
    const y = target ?? data.y;
    return glmObjective({ x, n, d, y, kind, k, ...(weight ? { weight } : {}) }, penalty, arena);
}
/** Fit a logistic (binary, multinomial) or linear (ridge) model full-batch with L-BFGS. */
function fitLinear(data, config, logger) {
    const started = performance.now();
    const { d, n, task } = data;
    const k = task === 'multiclass' ? data.classes : 1;
    let target = null;
    let yMean = 0;
    let yScale = 1;
    if (task === 'regression') {
        // Standardise the target so the gradient tolerance means the same for any unit; α is unaffected.
        const y = data.y;
        for (let i = 0; i < n; i++)
            yMean += y[i];
        yMean /= n;
        let ss = 0;
        for (let i = 0; i < n; i++)
            ss += (y[i] - yMean) ** 2;
        yScale = Math.sqrt(ss / n) || 1;
        target = new Float64Array(n);
        for (let i = 0; i < n; i++)
            target[i] = (y[i] - yMean) / yScale;
    }
    const penalty = task === 'regression' ? config.alpha : 1 / config.C;
    // The objective is a mean; `tol` is scikit-learn's, on the summed loss's gradient (n × the mean's), and so
    // is the relative-decrease test: both are scaled so the fit stops where scikit-learn's lbfgs would.
    const rows = data.weight ? data.weight.reduce((a, b) => a + b, 0) : n;
    const result = gemm_withArena((arena) => lbfgs(makeObjective(data, penalty, target, arena), new Float64Array(d * k + k), {
        maxIter: config.max_iter,
        tol: config.tol / rows,
        fFloor: 1 / rows,
        onIteration: (it, f, g) => {
            if (it % 10 === 0)
                logger.progress(`  lbfgs iteration ${it}: loss ${f.toFixed(6)}, max|grad| ${g.toExponential(2)}`);
        },
    }));
    const kernel = result.x.slice(0, d * k);
    const bias = result.x.slice(d * k);
    if (task === 'regression') {
        for (let j = 0; j < kernel.length; j++)
            kernel[j] = kernel[j] * yScale;
        bias[0] = bias[0] * yScale + yMean;
    }
    const millis = performance.now() - started;
    logger.progress(`  lbfgs: ${result.iterations} iterations, loss ${result.f.toFixed(6)}, ${result.converged ? 'converged' : `not converged (max_iter ${config.max_iter})`}, ${millis.toFixed(0)} ms`);
    if (!result.converged)
        logger.warn(`L-BFGS stopped at max_iter=${config.max_iter} before max|grad| ≤ ${config.tol}; raise model.max_iter`);
    return {
        net: { layers: [{ kernel, bias, inputs: d, units: k, activation: outputActivation(task) }], dropout: 0 },
        summary: {
            algorithm: 'lbfgs',
            iterations: result.iterations,
            finalLoss: result.f,
            converged: result.converged,
            millis,
        },
    };
}

;// CONCATENATED MODULE: ./src/util/rng.ts
/**
 * A seeded pseudo-random generator (xoshiro128**, seeded through splitmix32) so that training, shuffles and
 * splits give identical results for the same seed on every machine and Node version.
 */
class Rng {
    a;
    b;
    c;
    d;
    constructor(seed) {
        let s = seed >>> 0;
        const next = () => {
            s = (s + 0x9e3779b9) >>> 0;
            let z = s;
            z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
            z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
            return (z ^ (z >>> 16)) >>> 0;
        };
        this.a = next();
        this.b = next();
        this.c = next();
        this.d = next();
    }
    /** A uniform 32-bit unsigned integer. */
    nextUint32() {
        const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
        const t = this.b << 9;
        this.c ^= this.a;
        this.d ^= this.b;
        this.b ^= this.c;
        this.a ^= this.d;
        this.c ^= t;
        this.d = rotl(this.d, 11);
        return result;
    }
    /** Uniform in [0, 1) with 53 bits of precision. */
    next() {
        return ((this.nextUint32() >>> 5) * 67108864 + (this.nextUint32() >>> 6)) / 9007199254740992;
    }
    /** Uniform integer in [0, n). */
    int(n) {
        return Math.floor(this.next() * n);
    }
    uniform(low, high) {
        return low + (high - low) * this.next();
    }
    /** Fisher–Yates shuffle in place. */
    shuffle(values) {
        for (let i = values.length - 1; i > 0; i--) {
            const j = this.int(i + 1);
            const t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }
}
function rotl(x, k) {
    return (x << k) | (x >>> (32 - k));
}

;// CONCATENATED MODULE: ./src/train/forward.ts

/**
 * out[rows × units] = act(input[rows × inputs] · kernel + bias), row-major, with the layer's arrays and the
 * buffers all views of `arena`. ReLU is applied as the product is stored; other activations afterwards.
 */
function forwardLayer(arena, layer, input, rows, out) {
    const { kernel, bias, inputs, units, activation } = layer;
    arena.gemm(rows, units, inputs, input, inputs, 1, kernel, units, out, units, bias, activation === 'relu' ? 'relu' : 'none');
    if (activation !== 'relu')
        activate(activation, out, rows, units);
}
function activate(activation, z, rows, units) {
    const len = rows * units;
    switch (activation) {
        case 'relu':
            for (let i = 0; i < len; i++)
                if (z[i] < 0)
                    z[i] = 0;
            break;
        case 'tanh':
            for (let i = 0; i < len; i++)
                z[i] = Math.tanh(z[i]);
            break;
        case 'sigmoid':
            for (let i = 0; i < len; i++)
                z[i] = 1 / (1 + Math.exp(-z[i]));
            break;
        case 'softmax':
            for (let i = 0; i < rows; i++) {
                const o = i * units;
                let max = -Infinity;
                for (let j = 0; j < units; j++)
                    max = Math.max(max, z[o + j]);
                let sum = 0;
                for (let j = 0; j < units; j++) {
                    const e = Math.exp(z[o + j] - max);
                    z[o + j] = e;
                    sum += e;
                }
                for (let j = 0; j < units; j++)
                    z[o + j] = z[o + j] / sum;
            }
            break;
        case 'linear':
            break;
    }
}
/**
 * Run `count` rows of x (count × inputs) through layers whose arrays live in the arena, `acts[l]` holding
 * up to acts[0].length / inputs rows of layer l's input, and write the outputs to `out` (count × units).
 */
function forwardRows(arena, layers, acts, x, count, out) {
    const inputs = layers[0].inputs;
    const units = layers[layers.length - 1].units;
    const block = Math.floor(acts[0].length / inputs);
    for (let start = 0; start < count; start += block) {
        const rows = Math.min(block, count - start);
        acts[0].set(x.subarray(start * inputs, (start + rows) * inputs));
        for (let l = 0; l < layers.length; l++)
            forwardLayer(arena, layers[l], acts[l], rows, acts[l + 1]);
        out.set(acts[layers.length].subarray(0, rows * units), start * units);
    }
}
/**
 * The network's outputs for n rows (n × last layer's units), in blocks to bound memory. The same sums in the
 * same order as the training loop's forward pass, on either kernel backend: bit-identical results.
 */
function predictNet(net, x, n, blockRows = 4096, backend) {
    const last = net.layers[net.layers.length - 1];
    const out = new Float64Array(n * last.units);
    if (n === 0)
        return out;
    const block = Math.min(blockRows, n);
    const sizes = [net.layers[0].inputs, ...net.layers.map((l) => l.units)];
    return withArena((arena) => {
        const views = arena.allocate([
            ...net.layers.flatMap((l) => [l.kernel.length, l.units]),
            ...sizes.map((s) => block * s),
        ]);
        const layers = net.layers.map((l, i) => {
            const kernel = views[2 * i];
            const bias = views[2 * i + 1];
            kernel.set(l.kernel);
            bias.set(l.bias);
            return { ...l, kernel, bias };
        });
        forwardRows(arena, layers, views.slice(2 * net.layers.length), x, n, out);
        return out;
    }, backend);
}

;// CONCATENATED MODULE: ./src/train/kernels/mlp-workspace.ts
function allocateWorkspace(arena, initial, sizes, batch) {
    const perLayer = (l) => {
        const k = l.kernel.length;
        return [k, l.units, k, l.units, k, k, l.units, l.units, k];
    };
    const views = arena.allocate([
        ...initial.flatMap(perLayer),
        ...sizes.map((s) => batch * s),
        ...sizes.map((s) => batch * s),
        1,
    ]);
    let next = 0;
    const take = () => views[next++];
    const ws = {
        layers: [],
        grads: [],
        moments: [],
        transposed: [],
        acts: [],
        deltas: [],
        one: views[views.length - 1],
    };
    for (const l of initial) {
        const layer = { ...l, kernel: take(), bias: take() };
        layer.kernel.set(l.kernel);
        layer.bias.set(l.bias);
        ws.layers.push(layer);
        ws.grads.push({ kernel: take(), bias: take() });
        ws.moments.push({ mK: take(), vK: take(), mB: take(), vB: take() });
        ws.transposed.push(take());
    }
    for (let i = 0; i < sizes.length; i++)
        ws.acts.push(take());
    for (let i = 0; i < sizes.length; i++)
        ws.deltas.push(take());
    ws.one[0] = 1;
    return ws;
}
/**
 * Gradients of the batch's mean loss + alpha·||W||²/(2·rows) (scikit-learn's MLP penalty) into ws.grads,
 * from the output delta (prediction − target) in ws.deltas[last]; the hidden layers' deltas are overwritten.
 * Per layer: ∇W = Aᵀ·Δ, ∇b = 1ᵀ·Δ, and the input gradient Δ·Wᵀ through the activation's derivative.
 */
function backward(arena, ws, rows, alpha, dropout, masks) {
    const { layers, grads, transposed, acts, deltas, one } = ws;
    for (let l = layers.length - 1; l >= 0; l--) {
        const layer = layers[l];
        const { inputs, units, kernel } = layer;
        const a = acts[l];
        const dl = deltas[l + 1];
        const g = grads[l];
        arena.gemm(inputs, units, rows, a, 1, inputs, dl, units, g.kernel, units, null);
        arena.gemm(1, units, rows, one, 0, 0, dl, units, g.bias, units, null);
        for (let i = 0; i < kernel.length; i++)
            g.kernel[i] = (g.kernel[i] + alpha * kernel[i]) / rows;
        for (let j = 0; j < units; j++)
            g.bias[j] = g.bias[j] / rows;
        if (l > 0) {
            const prev = deltas[l];
            const hiddenAct = layers[l - 1].activation;
            arena.transpose(kernel, inputs, units, transposed[l]);
            // ReLU's derivative is 1 where the (post-dropout) activation is positive: applied as stored.
            const relu = hiddenAct === 'relu';
            arena.gemm(rows, inputs, units, dl, units, 1, transposed[l], inputs, prev, inputs, null, relu ? 'mask' : 'none', a);
            if (dropout > 0 || !relu)
                backThroughHidden(prev, a, masks[l - 1], rows * inputs, hiddenAct, dropout);
        }
    }
}
/**
 * The input gradient through a hidden layer's dropout and activation, in place: `prev` holds Δ·Wᵀ (already
 * zeroed where a ReLU activation is not positive). `act` is the post-dropout activation: for kept units
 * act = f(z)/keep, so f(z) = act·keep.
 */
function backThroughHidden(prev, act, mask, len, activation, dropout) {
    const keep = 1 - dropout;
    for (let i = 0; i < len; i++) {
        let s = prev[i];
        if (dropout > 0)
            s *= mask[i];
        if (activation !== 'relu') {
            const f = dropout > 0 && mask[i] > 0 ? act[i] * keep : act[i];
            if (activation === 'tanh')
                s *= 1 - f * f;
            else
                s *= f * (1 - f);
        }
        prev[i] = s;
    }
}
function adamUpdate(p, g, m, v, lr, b1, b2, eps) {
    for (let i = 0; i < p.length; i++) {
        const gi = g[i];
        const mi = b1 * m[i] + (1 - b1) * gi;
        const vi = b2 * v[i] + (1 - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] = p[i] - (lr * mi) / (Math.sqrt(vi) + eps);
    }
}
function momentumUpdate(p, g, velocity, lr, momentum) {
    for (let i = 0; i < p.length; i++) {
        velocity[i] = momentum * velocity[i] - lr * g[i];
        p[i] = p[i] + velocity[i];
    }
}

;// CONCATENATED MODULE: ./src/train/mlp.ts





function initLayers(sizes, hidden, output, rng) {
    const layers = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
        const inputs = sizes[l];
        const units = sizes[l + 1];
        const bound = Math.sqrt((hidden === 'sigmoid' ? 2 : 6) / (inputs + units));
        const kernel = new Float64Array(inputs * units);
        const bias = new Float64Array(units);
        for (let i = 0; i < kernel.length; i++)
            kernel[i] = rng.uniform(-bound, bound);
        for (let i = 0; i < units; i++)
            bias[i] = rng.uniform(-bound, bound);
        layers.push({ kernel, bias, inputs, units, activation: l + 2 === sizes.length ? output : hidden });
    }
    return layers;
}
/** Mean loss of outputs against targets (log-loss, cross-entropy or ½ squared error). */
function meanLoss(task, out, y, rows, k) {
    let loss = 0;
    const eps = 1e-15;
    for (let i = 0; i < rows; i++) {
        if (task === 'binary') {
            const p = Math.min(1 - eps, Math.max(eps, out[i]));
            loss -= y[i] ? Math.log(p) : Math.log(1 - p);
        }
        else if (task === 'multiclass')
            loss -= Math.log(Math.max(eps, out[i * k + y[i]]));
        else
            loss += 0.5 * (out[i] - y[i]) ** 2;
    }
    return loss / rows;
}
function fitMlp(data, config, logger, validationScore, options = {}) {
    return gemm_withArena((arena) => train(arena, data, config, logger, validationScore), options.kernels);
}
function train(arena, data, config, logger, validationScore) {
    const started = performance.now();
    const rng = new Rng(config.seed);
    const { x, d, task } = data;
    const k = task === 'multiclass' ? data.classes : 1;
    // Regression targets are standardised for training; the output layer is rescaled at the end.
    let y = data.y;
    let yMean = 0;
    let yScale = 1;
    if (task === 'regression') {
        const raw = data.y;
        yMean = raw.reduce((a, b) => a + b, 0) / raw.length;
        yScale = Math.sqrt(raw.reduce((a, b) => a + (b - yMean) ** 2, 0) / raw.length) || 1;
        y = raw.map((v) => (v - yMean) / yScale);
    }
    const order = rng.shuffle(Uint32Array.from({ length: data.n }, (_, i) => i));
    const stopping = config.early_stopping;
    const valCount = stopping ? Math.max(1, Math.round(stopping.validation_fraction * data.n)) : 0;
    const valIdx = order.subarray(0, valCount);
    const trainIdx = order.slice(valCount);
    const nTrain = trainIdx.length;
    const valX = new Float64Array(valCount * d);
    const valY = task === 'regression'
        ? new Float64Array(valCount)
        : task === 'binary'
            ? new Uint8Array(valCount)
            : new Int32Array(valCount);
    for (let i = 0; i < valCount; i++) {
        valX.set(x.subarray(valIdx[i] * d, valIdx[i] * d + d), i * d);
        valY[i] = y[valIdx[i]];
    }
    const sizes = [d, ...config.hidden, k];
    const batch = Math.min(config.batch_size, nTrain);
    const ws = allocateWorkspace(arena, initLayers(sizes, config.activation, outputActivation(task), rng), sizes, batch);
    const { layers, grads, moments, acts, deltas } = ws;
    const masks = config.hidden.map((s) => new Float64Array(batch * s));
    const { optimizer, alpha, dropout } = config;
    const keep = 1 - dropout;
    let step = 0;
    let best = {
        loss: Infinity,
        epoch: 0,
        weights: layers.map((l) => ({ kernel: l.kernel.slice(), bias: l.bias.slice() })),
    };
    let wait = 0;
    let epoch = 0;
    let trainLoss = Number.NaN;
    let stoppedEarly = false;
    const batchY = new Float64Array(batch);
    const valOut = new Float64Array(valCount * k);
    const a0 = acts[0];
    for (epoch = 1; epoch <= config.epochs; epoch++) {
        rng.shuffle(trainIdx);
        let lossSum = 0;
        for (let start = 0; start < nTrain; start += batch) {
            const rows = Math.min(batch, nTrain - start);
            for (let i = 0; i < rows; i++) {
                const r = trainIdx[start + i];
                for (let j = 0, src = r * d, dst = i * d; j < d; j++)
                    a0[dst + j] = x[src + j];
                batchY[i] = y[r];
            }
            // Forward, with inverted dropout on hidden layers.
            for (let l = 0; l < layers.length; l++) {
                const out = acts[l + 1];
                forwardLayer(arena, layers[l], acts[l], rows, out);
                if (dropout > 0 && l + 1 < layers.length) {
                    const mask = masks[l];
                    for (let i = 0; i < rows * layers[l].units; i++) {
                        mask[i] = rng.next() < keep ? 1 / keep : 0;
                        out[i] = out[i] * mask[i];
                    }
                }
            }
            const out = acts[layers.length];
            lossSum += meanLoss(task, out, batchY, rows, k) * rows;
            // Output delta for the canonical link: prediction − target.
            const delta = deltas[layers.length];
            for (let i = 0; i < rows; i++) {
                if (k === 1)
                    delta[i] = out[i] - batchY[i];
                else
                    for (let c = 0; c < k; c++)
                        delta[i * k + c] = out[i * k + c] - (batchY[i] === c ? 1 : 0);
            }
            backward(arena, ws, rows, alpha, dropout, masks);
            // Parameter update.
            step++;
            for (let l = 0; l < layers.length; l++) {
                const layer = layers[l];
                const g = grads[l];
                const m = moments[l];
                if (optimizer.name === 'adam') {
                    const lr = (optimizer.learning_rate * Math.sqrt(1 - optimizer.beta2 ** step)) / (1 - optimizer.beta1 ** step);
                    adamUpdate(layer.kernel, g.kernel, m.mK, m.vK, lr, optimizer.beta1, optimizer.beta2, optimizer.epsilon);
                    adamUpdate(layer.bias, g.bias, m.mB, m.vB, lr, optimizer.beta1, optimizer.beta2, optimizer.epsilon);
                }
                else {
                    momentumUpdate(layer.kernel, g.kernel, m.mK, optimizer.learning_rate, optimizer.momentum);
                    momentumUpdate(layer.bias, g.bias, m.mB, optimizer.learning_rate, optimizer.momentum);
                }
            }
        }
        trainLoss = lossSum / nTrain;
        if (!Number.isFinite(trainLoss)) {
            throw new Error(`training diverged at epoch ${epoch} (loss ${trainLoss}); lower model.optimizer.learning_rate`);
        }
        let line = `  epoch ${epoch}/${config.epochs}: loss ${trainLoss.toFixed(5)}`;
        if (stopping) {
            // The validation rows go through the batch buffers (no dropout at prediction).
            forwardRows(arena, layers, acts, valX, valCount, valOut);
            const valLoss = meanLoss(task, valOut, valY, valCount, k);
            line += `, val_loss ${valLoss.toFixed(5)}`;
            if (validationScore) {
                const score = validationScore(valY, valOut, valCount);
                line += `, val_${score.name} ${score.value.toFixed(4)}`;
            }
            if (valLoss < best.loss - stopping.min_delta) {
                best = {
                    loss: valLoss,
                    epoch,
                    weights: layers.map((l) => ({ kernel: l.kernel.slice(), bias: l.bias.slice() })),
                };
                wait = 0;
            }
            else if (++wait >= stopping.patience) {
                logger.progress(line);
                stoppedEarly = true;
                break;
            }
        }
        logger.progress(line);
    }
    // The arena is reused after this fit: the returned net owns copies.
    const fitted = stopping
        ? best.weights
        : layers.map((l) => ({ kernel: l.kernel.slice(), bias: l.bias.slice() }));
    const net = { layers: layers.map((l, i) => ({ ...l, ...fitted[i] })), dropout: config.dropout };
    if (task === 'regression') {
        const last = net.layers[net.layers.length - 1];
        for (let i = 0; i < last.kernel.length; i++)
            last.kernel[i] = last.kernel[i] * yScale;
        last.bias[0] = last.bias[0] * yScale + yMean;
    }
    const epochs = Math.min(epoch, config.epochs);
    const millis = performance.now() - started;
    logger.progress(`  mlp: ${epochs} epochs${stoppedEarly ? ` (early stop; best epoch ${best.epoch})` : ''}, ${step} steps, ${millis.toFixed(0)} ms, ${arena.backend} kernels`);
    return {
        net,
        summary: {
            algorithm: optimizer.name,
            iterations: step,
            epochs,
            finalLoss: stopping ? best.loss : trainLoss,
            converged: true,
            ...(stopping ? { bestEpoch: best.epoch, stoppedEarly } : {}),
            millis,
        },
    };
}

;// CONCATENATED MODULE: ./src/train/train.ts


/** Fit the configured model: convex models full-batch with L-BFGS, MLPs with minibatch Adam/SGD. */
function trainModel(config, data, logger, validationScore) {
    if (data.n === 0)
        throw new Error('no training rows');
    return config.type === 'mlp'
        ? fitMlp(data, config, logger, validationScore)
        : fitLinear(data, config, logger);
}

;// CONCATENATED MODULE: ./src/data/dataset.ts




function describeFiles(files) {
    return files.map((f) => external_node_path_default().basename(f)).join(', ');
}
/** Numeric when every present value is a number; an almost-numeric column with a stray value is an error. */
function inferKind(table, name, rows) {
    const values = (0,csv/* columnOf */.uV)(table, name, 'feature');
    const { kind } = (0,data_values/* parseColumn */.s0)(values);
    let numbers = 0;
    let others = 0;
    let firstOther = -1;
    for (let i = 0; i < rows.length; i++) {
        const k = kind[rows[i]];
        if (k === data_values/* CELL_MISSING */.mp)
            continue;
        if (k !== data_values/* CELL_TEXT */.jv)
            numbers++;
        else if (others++ === 0)
            firstOther = rows[i];
    }
    if (others === 0)
        return numbers > 0 ? 'numeric' : 'categorical';
    if (numbers > others * 4) {
        throw new errors/* UserError */.yo(`${(0,csv/* rowFile */.Zc)(table, firstOther)}: ${(0,csv/* rowLocation */.KG)(table, firstOther)}, column "${name}": "${values[firstOther]}" is not a number, ` +
            `but most of the column is numeric; fix the value or declare data.types: { ${name}: categorical }`);
    }
    return 'categorical';
}
function selectFeatures(spec, table, rows) {
    const { data } = spec;
    const excluded = new Set([data.target, ...(data.id ? [data.id] : []), ...data.exclude]);
    const names = data.features ?? table.header.filter((h) => !excluded.has(h));
    for (const name of [...names, ...data.exclude, ...Object.keys(data.types)])
        (0,csv/* columnOf */.uV)(table, name, 'named in modelgate.yml');
    if (names.length === 0)
        throw new errors/* UserError */.yo(`${spec.specFile}: data: no feature columns left after excluding target, id and exclude`);
    return names.map((name) => ({ name, kind: data.types[name] ?? inferKind(table, name, rows) }));
}
function defaultPositive(labels) {
    const lower = labels.map((l) => l.toLowerCase());
    for (const candidate of ['1', 'true', 'yes', 'y', 'positive', 'pos']) {
        const i = lower.indexOf(candidate);
        if (i >= 0)
            return labels[i];
    }
    return labels[1];
}
function encodeTargetClasses(spec, table, rows) {
    const column = spec.data.target;
    const values = (0,csv/* columnOf */.uV)(table, column, 'data.target');
    if (spec.task === 'regression')
        return { column, task: spec.task, classes: [] };
    const seen = new Set();
    for (let i = 0; i < rows.length; i++) {
        const raw = values[rows[i]];
        if (!(0,data_values/* isMissing */.b2)(raw))
            seen.add(raw.trim());
    }
    const labels = (0,data_values/* sortLabels */.CL)([...seen]);
    const files = describeFiles(spec.trainFiles);
    if (labels.length < 2) {
        throw new errors/* UserError */.yo(`${files}: target column "${column}" has ${labels.length === 0 ? 'no values' : `one class only ("${labels[0]}")`} in the training rows; a classifier needs at least two`);
    }
    if (spec.task === 'binary') {
        if (labels.length > 2) {
            throw new errors/* UserError */.yo(`${files}: target column "${column}" has ${labels.length} classes (${labels.slice(0, 5).join(', ')}${labels.length > 5 ? ', …' : ''}); use task: multiclass`);
        }
        const positive = spec.data.positive_class ?? defaultPositive(labels);
        if (!labels.includes(positive)) {
            throw new errors/* UserError */.yo(`${spec.specFile}: data.positive_class: "${positive}" is not a label of "${column}" (labels: ${labels.join(', ')})`);
        }
        return { column, task: spec.task, classes: [labels.find((l) => l !== positive), positive] };
    }
    return { column, task: spec.task, classes: labels };
}
/** Encode the target of the given rows; a missing or unknown label is an error naming the row. */
function encodeTargets(target, table, rows) {
    const values = (0,csv/* columnOf */.uV)(table, target.column, 'data.target');
    const fail = (row, why) => {
        throw new errors/* UserError */.yo(`${(0,csv/* rowFile */.Zc)(table, row)}: ${(0,csv/* rowLocation */.KG)(table, row)}, column "${target.column}": ${why}`);
    };
    if (target.task === 'regression') {
        const y = new Float64Array(rows.length);
        for (let i = 0; i < rows.length; i++) {
            const raw = values[rows[i]];
            if ((0,data_values/* isMissing */.b2)(raw))
                fail(rows[i], 'the target is missing');
            const v = (0,data_values/* parseNumber */.$J)(raw);
            if (!Number.isFinite(v))
                fail(rows[i], `"${raw}" is not a finite number`);
            y[i] = v;
        }
        return y;
    }
    const index = new Map(target.classes.map((c, i) => [c, i]));
    const y = target.task === 'binary' ? new Uint8Array(rows.length) : new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
        const raw = values[rows[i]];
        if ((0,data_values/* isMissing */.b2)(raw))
            fail(rows[i], 'the target is missing');
        const k = index.get(raw.trim());
        if (k === undefined)
            fail(rows[i], `label "${raw}" was not seen in the training rows (known: ${target.classes.join(', ')})`);
        y[i] = k;
    }
    return y;
}
function allRows(n) {
    const rows = new Uint32Array(n);
    for (let i = 0; i < n; i++)
        rows[i] = i;
    return rows;
}
/** Split by a hash of each row's key, so a row's side depends on that row alone. */
function splitRows(spec, table) {
    const split = spec.data.split ?? { fraction: 0.2, seed: 0, key: undefined };
    const keyColumn = split.key ?? spec.data.id;
    const keys = keyColumn ? (0,csv/* columnOf */.uV)(table, keyColumn, 'split key') : null;
    const threshold = split.fraction * 2 ** 32;
    const side = new Uint8Array(table.rowCount);
    let evalCount = 0;
    for (let r = 0; r < table.rowCount; r++) {
        let key;
        if (keys) {
            key = keys[r];
            if ((0,data_values/* isMissing */.b2)(key))
                throw new errors/* UserError */.yo(`${(0,csv/* rowFile */.Zc)(table, r)}: ${(0,csv/* rowLocation */.KG)(table, r)}, column "${keyColumn}": the split key is missing`);
        }
        else {
            key = table.columns.map((c) => c[r]).join('\u001f');
        }
        if ((0,data_values/* hashString */.YZ)(key, split.seed) < threshold) {
            side[r] = 1;
            evalCount++;
        }
    }
    const train = new Uint32Array(table.rowCount - evalCount);
    const evalRows = new Uint32Array(evalCount);
    for (let r = 0, t = 0, e = 0; r < table.rowCount; r++) {
        if (side[r])
            evalRows[e++] = r;
        else
            train[t++] = r;
    }
    const by = keyColumn ? `column "${keyColumn}"` : 'the whole row';
    return {
        train,
        eval: evalRows,
        how: `${Math.round(split.fraction * 100)}% split by a hash of ${by} (seed ${split.seed})`,
    };
}
/** Read the spec's data, pick features, encode targets and choose the eval rows. */
async function loadDataset(spec) {
    const trainTable = await (0,csv/* readCsv */.Nb)(spec.trainFiles);
    let train;
    let evalTable;
    let evalRows;
    let evalSource;
    let dataHash = trainTable.sha256;
    if (spec.evalFiles) {
        evalTable = await (0,csv/* readCsv */.Nb)(spec.evalFiles);
        train = allRows(trainTable.rowCount);
        evalRows = allRows(evalTable.rowCount);
        evalSource = `separate file ${describeFiles(spec.evalFiles)}`;
        dataHash = `${trainTable.sha256}+${evalTable.sha256}`;
        const missing = trainTable.header.filter((h) => !evalTable.header.includes(h) && h !== spec.data.id);
        if (missing.length > 0)
            throw new errors/* UserError */.yo(`${describeFiles(spec.evalFiles)}: missing column(s) ${missing.map((m) => `"${m}"`).join(', ')} that the training data has`);
    }
    else {
        const split = splitRows(spec, trainTable);
        train = split.train;
        evalTable = trainTable;
        evalRows = split.eval;
        evalSource = split.how;
    }
    const where = describeFiles(spec.trainFiles);
    if (train.length === 0)
        throw new errors/* UserError */.yo(`${where}: no training rows (the split put every row in the eval set)`);
    if (evalRows.length === 0)
        throw new errors/* UserError */.yo(`${spec.evalFiles ? describeFiles(spec.evalFiles) : where}: no evaluation rows; raise data.split.fraction or add rows`);
    const target = encodeTargetClasses(spec, trainTable, train);
    const features = selectFeatures(spec, trainTable, train);
    return {
        features,
        target,
        train: { table: trainTable, rows: train, y: encodeTargets(target, trainTable, train) },
        eval: { table: evalTable, rows: evalRows, y: encodeTargets(target, evalTable, evalRows) },
        dataHash,
        evalSource,
    };
}

// EXTERNAL MODULE: ./src/data/preprocess.ts
var preprocess = __webpack_require__(1972);
;// CONCATENATED MODULE: ./src/pipeline/prepare.ts


/** Read and validate the data, fit preprocessing on the training rows only, build the training matrix. */
async function prepareData(spec) {
    const dataset = await loadDataset(spec);
    const preprocessor = (0,preprocess/* fitPreprocessor */.vO)(dataset.train.table, dataset.train.rows, dataset.features, spec.data);
    const { x, n, d, notes } = (0,preprocess/* transform */.pd)(preprocessor, dataset.train.table, dataset.train.rows);
    return {
        dataset,
        preprocessor,
        training: { x, n, d, y: dataset.train.y, task: spec.task, classes: dataset.target.classes.length },
        trainNotes: notes,
    };
}

;// CONCATENATED MODULE: ./src/pipeline/calibration-store.ts

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
function calibrationKey(model) {
    if (!NAME.test(model))
        throw new errors/* UserError */.yo(`model name "${model}": use letters, digits, ".", "_" and "-"`);
    return `models/${model}/calibration.json`;
}
/** Write a calibration (any JSON object with the report's `summary`), replacing the previous one. */
async function storeCalibration(registry, model, calibration) {
    const key = calibrationKey(model);
    await registry.store.put(key, new TextEncoder().encode(`${JSON.stringify(calibration, null, 2)}\n`));
    return key;
}
async function loadCalibration(registry, model) {
    const object = await registry.store.get(calibrationKey(model));
    if (!object)
        return null;
    let parsed;
    try {
        parsed = JSON.parse(new TextDecoder().decode(object.body));
    }
    catch {
        throw new errors/* UserError */.yo(`${registry.store.location}/${calibrationKey(model)}: not valid JSON (the store object is damaged)`);
    }
    return parsed.summary ?? null;
}

// EXTERNAL MODULE: ./src/pipeline/champion.ts
var pipeline_champion = __webpack_require__(8539);
;// CONCATENATED MODULE: ./src/pipeline/promote.ts



/**
 * Make a passing (or first) run the champion with compare-and-swap. If another promotion won the race and
 * the champion is now a different run, the challenger is re-compared with that run and promoted only if it
 * still passes.
 */
async function promoteRun(args) {
    const { spec, deps, runId, verdict, comparedChampion } = args;
    if (!args.stored)
        return { promoted: false, note: 'not promoted: the run was not stored' };
    if (verdict !== 'pass' && verdict !== 'no-champion')
        return { promoted: false, note: `not promoted: the gate's verdict is ${verdict}` };
    const check = async (current) => {
        const now = current?.runId ?? null;
        if (now === comparedChampion)
            return;
        if (now === null)
            throw new errors/* UserError */.yo(`the champion of "${spec.name}" was removed while promoting; not promoting`);
        const runtime = await deps.runtime();
        const rival = await (0,pipeline_champion/* scoreChampion */.QS)(spec, deps, runtime, args.dataset, now);
        const gate = compareModels({
            spec,
            y: args.dataset.eval.y,
            classes: args.dataset.target.classes.length,
            challenger: args.challenger,
            champion: rival.predictions,
            eval: args.dataset.eval,
        });
        if (gate.verdict !== 'pass') {
            throw new errors/* UserError */.yo(`the champion changed to ${now} while promoting, and this run's verdict against it is ${gate.verdict}; not promoting`);
        }
    };
    try {
        const reason = verdict === 'no-champion' ? 'first run: no champion yet' : `gate passed against ${comparedChampion}`;
        await deps.registry.setAlias(spec.name, pipeline_champion/* CHAMPION */.M6, runId, {
            action: 'promote',
            by: deps.actor,
            reason,
            check,
        });
        deps.logger.info(`  promoted ${runId} to champion of ${spec.name}`);
        return { promoted: true, note: `promoted to champion (${reason})` };
    }
    catch (error) {
        if (error instanceof errors/* UserError */.yo)
            return { promoted: false, note: `not promoted: ${error.message}` };
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/pipeline/run-model.ts











const encoder = new TextEncoder();
function keyMetricOf(spec) {
    return Object.keys(spec.gate.metrics)[0] ?? spec.metricNames[0];
}
/**
 * The whole loop for one model: data → train → evaluate → compare with the champion → store → (promote).
 * Each stage is a function of typed inputs; side effects come in through `deps`.
 */
async function runModel(spec, deps, options) {
    const { logger, registry } = deps;
    const timings = {};
    const warnings = [];
    const started = performance.now();
    const lap = (name, since) => {
        const now = performance.now();
        timings[name] = Math.round(now - since);
        return now;
    };
    logger.info(`${spec.name}: ${spec.task}, ${spec.model.type} (${spec.specFile})`);
    // data
    const prepared = await prepareData(spec);
    const { dataset, preprocessor, training } = prepared;
    logger.info(`  data: ${dataset.train.rows.length} training rows, ${dataset.eval.rows.length} eval rows (${dataset.evalSource}); ${dataset.features.length} features → ${training.d} inputs`);
    let t = lap('data', started);
    // train
    const task = spec.task;
    const validationName = task === 'binary' ? 'roc_auc' : task === 'multiclass' ? 'accuracy' : 'rmse';
    const { net, summary } = trainModel(spec.model, training, logger, (y, outputs) => ({
        name: validationName,
        value: (0,evaluate_metrics/* computeMetrics */.pH)(task, y, outputs, { classes: training.classes, names: [validationName] })[validationName],
    }));
    t = lap('train', t);
    // evaluate: the challenger is scored through the very files that get stored.
    const runtime = await deps.runtime();
    const bundle = { preprocessor, target: dataset.target, idColumn: spec.data.id ?? null };
    const files = { [score/* PREPROCESS_JSON */.GN]: (0,score/* serializeBundle */.fP)(bundle) };
    for (const [name, body] of Object.entries(await (0,model_io/* saveTfModel */.nQ)(runtime.tf, net)))
        files[`${score/* MODEL_DIR */.gw}/${name}`] = body;
    const challengerModel = await (0,score/* loadModelFiles */.TP)(runtime, (p) => Promise.resolve(files[p]), 'challenger');
    const scored = (0,score/* scoreRows */.A1)(runtime, challengerModel, dataset.eval.table, dataset.eval.rows);
    challengerModel.model.dispose();
    const metricOptions = { classes: training.classes, threshold: spec.threshold };
    const metrics = (0,evaluate_metrics/* computeMetrics */.pH)(task, dataset.eval.y, scored.predictions, {
        ...metricOptions,
        names: spec.metricNames,
    });
    const details = (0,evaluate_metrics/* computeDetails */.Gm)(task, dataset.eval.y, scored.predictions, metricOptions);
    for (const [name, value] of Object.entries(metrics)) {
        if (Number.isNaN(value))
            warnings.push(`${evaluate_metrics/* METRICS */.Cb[name]?.label ?? name} is undefined on the eval rows (e.g. only one class present)`);
    }
    t = lap('evaluate', t);
    // compare with the champion, re-scored on the same eval rows
    let champion = null;
    let championNote = null;
    try {
        champion = await (0,pipeline_champion/* scoreChampion */.QS)(spec, deps, runtime, dataset);
    }
    catch (error) {
        if (!(error instanceof errors/* UserError */.yo))
            throw error;
        championNote = (0,errors/* describeError */.Uc)(error);
        warnings.push(`the champion could not be scored on this eval set: ${championNote}`);
    }
    const gate = champion
        ? compareModels({
            spec,
            y: dataset.eval.y,
            classes: training.classes,
            challenger: scored.predictions,
            champion: champion.predictions,
            eval: dataset.eval,
        })
        : null;
    const verdict = gate ? gate.verdict : championNote ? 'inconclusive' : 'no-champion';
    t = lap('compare', t);
    // A run goes on without its calibration; the reason is worth a warning only when the store is readable
    // (without credentials the champion note already says why nothing could be read).
    const calibration = await loadCalibration(registry, spec.name).catch((error) => {
        if (deps.storeWritable)
            warnings.push(`calibration not shown: ${(0,errors/* describeError */.Uc)(error)}`);
        return null;
    });
    const runId = registry.newRunId();
    const meta = {
        tool: { name: 'modelgate', version: deps.toolVersion, node: process.version },
        task,
        modelType: spec.model.type,
        spec: { file: spec.specFile, sha256: spec.specHash },
        data: {
            sha256: dataset.dataHash,
            trainRows: dataset.train.rows.length,
            evalRows: dataset.eval.rows.length,
            evalSource: dataset.evalSource,
            features: dataset.features.length,
            inputs: training.d,
        },
        git: deps.git,
        seed: spec.model.seed,
        backend: { name: runtime.backend, tfjs: runtime.version },
        policies: {
            missing: spec.data.missing,
            unseenCategory: spec.data.unseen_category,
            imputed: prepared.trainNotes.imputed,
            unseen: scored.notes.unseen,
        },
        training: summary,
        metrics,
        timings,
        comparedWith: champion ? { runId: champion.runId, verdict } : null,
    };
    files['predictions.csv'] = predictionsCsv({
        table: dataset.eval.table,
        rows: dataset.eval.rows,
        idColumn: spec.data.id,
        target: dataset.target,
        predictions: scored.predictions,
        truth: dataset.eval.y,
    });
    files['metrics.json'] = encoder.encode(`${JSON.stringify({ metrics, details, comparison: gate }, null, 2)}\n`);
    // store
    let stored = false;
    let storeNote = null;
    if (deps.storeWritable) {
        try {
            await registry.writeRun(spec.name, runId, files, meta);
            stored = true;
        }
        catch (error) {
            // Read-only credentials (a fork's pull request): report without storing instead of failing the run.
            if (!(error instanceof errors/* AccessDeniedError */.Uk))
                throw error;
            storeNote = `not stored: ${error.message}`;
            warnings.push(storeNote);
        }
    }
    else {
        storeNote = `not stored: ${registry.store.location} is read-only here`;
    }
    t = lap('store', t);
    // promote
    let promoted = false;
    let promoteNote = null;
    if (options.promote) {
        ;
        ({ promoted, note: promoteNote } = await promoteRun({
            spec,
            deps,
            runId,
            stored,
            verdict,
            comparedChampion: champion?.runId ?? null,
            challenger: scored.predictions,
            dataset,
        }));
    }
    lap('promote', t);
    timings.total = Math.round(performance.now() - started);
    return {
        name: spec.name,
        task,
        runId,
        verdict,
        stored,
        storeNote,
        promoted,
        promoteNote,
        challenger: { runId: stored ? runId : null, commit: deps.git.commit, metrics, details },
        champion: champion
            ? {
                runId: champion.runId,
                commit: champion.commit,
                metrics: champion.metrics,
                details: champion.details,
            }
            : null,
        championNote,
        gate,
        data: meta.data,
        backend: meta.backend,
        timings,
        warnings,
        metricNames: spec.metricNames,
        classLabels: dataset.target.classes,
        onInconclusive: spec.gate.on_inconclusive,
        keyMetric: keyMetricOf(spec),
        calibration,
    };
}

;// CONCATENATED MODULE: ./src/pipeline/run-all.ts




/** Load every spec first, so a bad spec fails the run before any model trains or anything is stored. */
async function loadSpecs(patterns, cwd) {
    const dirs = await findModelDirs(patterns, cwd);
    const specs = [];
    for (const dir of dirs)
        specs.push(await loadSpec(dir));
    const names = new Map();
    for (const spec of specs) {
        const other = names.get(spec.name);
        if (other)
            throw new errors/* UserError */.yo(`${spec.specFile}: model name "${spec.name}" is also used by ${other}; names must be unique`);
        names.set(spec.name, spec.specFile);
    }
    return specs;
}
async function runAll(specs, deps, options) {
    const models = [];
    for (const spec of specs)
        models.push(await runModel(spec, deps, options));
    return {
        schema: 1,
        tool: { name: 'modelgate', version: deps.toolVersion },
        commit: deps.git.commit,
        ref: deps.git.ref,
        store: deps.registry.store.location,
        createdAt: deps.clock.now().toISOString(),
        verdict: (0,format/* worstVerdict */.zP)(models.map((m) => m.verdict)),
        models,
    };
}
/** Results as JSON, NaN/Infinity as null (JSON has neither); the CLI's --json and the Action's results file. */
function resultsJson(results) {
    return `${JSON.stringify(results, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}


/***/ }),

/***/ 2011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fu: () => (/* binding */ shortSha),
/* harmony export */   Id: () => (/* binding */ verdictLabel),
/* harmony export */   Wh: () => (/* binding */ int),
/* harmony export */   YP: () => (/* binding */ interval),
/* harmony export */   YY: () => (/* binding */ VERDICT_ICON),
/* harmony export */   bu: () => (/* binding */ num),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   x8: () => (/* binding */ signed),
/* harmony export */   zP: () => (/* binding */ worstVerdict)
/* harmony export */ });
/* unused harmony export escapeCell */
/** Number formatting shared by every report surface (CLI, PR comment, check run, job summary). */
const VERDICT_ICON = {
    pass: '✅',
    fail: '❌',
    inconclusive: '⚠️',
    'no-champion': '🆕',
    'not-gated': '·',
};
function verdictLabel(verdict) {
    return `${VERDICT_ICON[verdict]} ${verdict}`;
}
/** Four significant decimals for metric values in [0, 1]-ish ranges, more digits for large ones. */
function num(value, digits = 4) {
    if (value === null || value === undefined || Number.isNaN(value))
        return 'n/a';
    if (!Number.isFinite(value))
        return value > 0 ? '∞' : '−∞';
    const abs = Math.abs(value);
    const text = abs >= 1000 ? value.toFixed(1) : abs >= 100 ? value.toFixed(2) : value.toFixed(digits);
    return text.replace('-', '−');
}
function signed(value, digits = 4) {
    const text = num(value, digits);
    return value > 0 && text !== num(0, digits) ? `+${text}` : text;
}
function interval(lower, upper, digits = 4) {
    return `${signed(lower, digits)} … ${signed(upper, digits)}`;
}
function int(value) {
    return value.toLocaleString('en-US');
}
function shortSha(sha) {
    return sha ? sha.slice(0, 7) : 'unknown commit';
}
function escapeCell(text) {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
function table(header, rows) {
    const line = (cells) => `| ${cells.map(escapeCell).join(' | ')} |`;
    return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
/** The worst verdict over models: fail > inconclusive > pass > no-champion. */
function worstVerdict(verdicts) {
    const order = ['fail', 'inconclusive', 'pass', 'no-champion'];
    for (const v of order)
        if (verdicts.includes(v))
            return v;
    return 'no-champion';
}


/***/ }),

/***/ 144:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T$: () => (/* binding */ MODEL_JSON),
/* harmony export */   eQ: () => (/* binding */ loadTfModel),
/* harmony export */   kt: () => (/* binding */ predictTf),
/* harmony export */   mE: () => (/* binding */ WEIGHTS_BIN),
/* harmony export */   nQ: () => (/* binding */ saveTfModel)
/* harmony export */ });
/* unused harmony export buildTfModel */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

/**
 * Models are stored in the tfjs layers format — model.json (topology + weights manifest) and weights.bin —
 * exactly what `model.save('file://…')` writes, so any tfjs user can `tf.loadLayersModel` a run's model.
 */
const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';
function buildTfModel(tf, net) {
    // A fixed name: tfjs would number unnamed models (sequential_1, _2, …) and the bytes would depend on history.
    const model = tf.sequential({ name: 'modelgate' });
    net.layers.forEach((layer, l) => {
        model.add(tf.layers.dense({
            units: layer.units,
            activation: layer.activation,
            ...(l === 0 ? { inputShape: [layer.inputs] } : {}),
            name: `dense_${l + 1}`,
        }));
        if (net.dropout > 0 && l + 1 < net.layers.length)
            model.add(tf.layers.dropout({ rate: net.dropout, name: `dropout_${l + 1}` }));
    });
    const weights = net.layers.flatMap((layer) => [
        tf.tensor2d(Float32Array.from(layer.kernel), [layer.inputs, layer.units]),
        tf.tensor1d(Float32Array.from(layer.bias)),
    ]);
    model.setWeights(weights);
    weights.forEach((w) => w.dispose());
    return model;
}
/** Serialise a model to the two files of the layers format. */
async function saveTfModel(tf, net) {
    const model = buildTfModel(tf, net);
    let files = {};
    await model.save(tf.io.withSaveHandler((artifacts) => {
        const data = artifacts.weightData;
        const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
        const weights = Buffer.concat(buffers.map((b) => new Uint8Array(b)));
        const modelJson = {
            modelTopology: artifacts.modelTopology,
            format: 'layers-model',
            generatedBy: artifacts.generatedBy,
            convertedBy: null,
            weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs }],
        };
        files = {
            [MODEL_JSON]: new TextEncoder().encode(JSON.stringify(modelJson)),
            [WEIGHTS_BIN]: new Uint8Array(weights),
        };
        return Promise.resolve({
            modelArtifactsInfo: {
                dateSaved: new Date(0),
                modelTopologyType: 'JSON',
                weightDataBytes: weights.length,
            },
        });
    }));
    model.dispose();
    return files;
}
async function loadTfModel(tf, modelJson, weights, where) {
    let parsed;
    try {
        parsed = JSON.parse(new TextDecoder().decode(modelJson));
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where}/${MODEL_JSON}: not valid JSON`);
    }
    if (!parsed.modelTopology || !parsed.weightsManifest)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where}/${MODEL_JSON}: not a tfjs layers model`);
    const weightSpecs = parsed.weightsManifest.flatMap((g) => g.weights);
    const buffer = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
    return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs, weightData: buffer }));
}
/**
 * Predict n rows in blocks: one tensor and one `model.predict` call per block. The wasm backend copies the
 * whole input on every internal slice, so tfjs's own small batches are far slower than large blocks.
 */
function predictTf(tf, model, x, n, d, blockRows = 65536) {
    const units = model.outputs[0].shape[1] ?? 1;
    const out = new Float64Array(n * units);
    for (let start = 0; start < n; start += blockRows) {
        const rows = Math.min(blockRows, n - start);
        const block = tf.tidy(() => {
            const input = tf.tensor2d(Float32Array.from(x.subarray(start * d, (start + rows) * d)), [rows, d]);
            return model.predict(input, { batchSize: rows }).dataSync();
        });
        out.set(block, start * units);
    }
    return out;
}


/***/ })

};
