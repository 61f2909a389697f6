export const id = 966;
export const ids = [966];
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
/* unused harmony exports escapeCell, isVerdict */
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
function isVerdict(value) {
    return value === 'pass' || value === 'fail' || value === 'inconclusive';
}


/***/ })

};
