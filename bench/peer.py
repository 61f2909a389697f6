"""The scikit-learn / numpy side of `npm run bench` (run with Debian's /usr/bin/python3).

    peer.py train <workdir> <logistic|mlp> <synthetic|flights>
    peer.py metrics <workdir>
    peer.py predict-prepare <workdir>            fit + pickle the pipelines the predict row loads (untimed)
    peer.py predict <workdir> <logistic|mlp>

Each command prints one line `BENCH {json}`; "seconds" is the timed work only (never imports or reading the
shared input files), the same boundaries as the modelgate scripts next to this file.
"""
import json
import os
import pickle
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    f1_score,
    log_loss,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from scipy.stats import rankdata
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
FLIGHTS_CSV = os.environ.get("BENCH_FLIGHTS_CSV") or os.path.join(HERE, "data", "flights_200k.csv")
FLIGHTS_TEST_EVERY = 5  # row i is a test row when i % 5 == 4 (as in bench/mg-train.ts)
RESAMPLES = 1000
SEED = 0
PREDICT_EPOCHS = 1
Z95 = 1.959963984540054


def report(result):
    print("BENCH " + json.dumps(result), flush=True)


def read_matrix(workdir, name):
    with open(os.path.join(workdir, name + ".json")) as f:
        meta = json.load(f)
    x = np.fromfile(os.path.join(workdir, name + ".x.f64"), dtype="<f8").reshape(meta["n"], meta["d"])
    y = np.fromfile(os.path.join(workdir, name + ".y.u8"), dtype=np.uint8)
    return x, y


def flights_split(frame):
    y = (frame["delay"].to_numpy() > 15).astype(np.uint8)
    test = np.arange(len(frame)) % FLIGHTS_TEST_EVERY == FLIGHTS_TEST_EVERY - 1
    x = frame[["distance", "time"]].to_numpy(dtype=np.float64)
    return x, y, test


def load_flights():
    """Read, standardise (fitted on the train rows) and split: the "end to end" part."""
    x, y, test = flights_split(pd.read_csv(FLIGHTS_CSV))
    scaler = StandardScaler().fit(x[~test])
    return scaler.transform(x[~test]), y[~test], scaler.transform(x[test]), y[test]


def make_model(kind, epochs=10):
    if kind == "logistic":
        return LogisticRegression()
    return MLPClassifier(
        hidden_layer_sizes=(64, 32),
        batch_size=512,
        learning_rate_init=0.01,
        max_iter=epochs,
        early_stopping=False,
        n_iter_no_change=10**9,
        tol=0,
        random_state=0,
    )


def train(workdir, kind, dataset):
    load_seconds = None
    started = time.perf_counter()
    if dataset == "synthetic":
        x_train, y_train = read_matrix(workdir, "synthetic-train")
        x_test, y_test = read_matrix(workdir, "synthetic-test")
    else:
        x_train, y_train, x_test, y_test = load_flights()
        load_seconds = time.perf_counter() - started
    model = make_model(kind)
    fit_start = time.perf_counter()
    cpu_start = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter=10 epochs is the point of the row
        model.fit(x_train, y_train)
    cpu_seconds = time.process_time() - cpu_start
    fit_seconds = time.perf_counter() - fit_start
    auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
    n_iter = model.n_iter_
    report(
        {
            "seconds": fit_seconds,
            "cpuSeconds": cpu_seconds,
            "e2eSeconds": None if load_seconds is None else load_seconds + fit_seconds,
            "auc": float(auc),
            "iterations": int(np.max(n_iter)),
            "finalLoss": float(model.loss_) if kind == "mlp" else None,
        }
    )


def metric_suite(y, score):
    predicted = (score >= 0.5).astype(np.uint8)
    return {
        "roc_auc": roc_auc_score(y, score),
        "average_precision": average_precision_score(y, score),
        "log_loss": log_loss(y, score),
        "brier": brier_score_loss(y, score),
        "accuracy": accuracy_score(y, predicted),
        "precision": precision_score(y, predicted),
        "recall": recall_score(y, predicted),
        "f1": f1_score(y, predicted),
    }


def delong_paired(y, a, b):
    """DeLong's paired test of AUC(a) - AUC(b) (DeLong, DeLong & Clarke-Pearson 1988) with Sun & Xu's (2014)
    midrank algorithm: placements from three rankings per score, then the 2 x 2 covariance of the AUCs."""
    pos = y == 1
    m, n = int(pos.sum()), int((~pos).sum())
    v10, v01, aucs = [], [], []
    for s in (a, b):
        tx = rankdata(s[pos])
        ty = rankdata(s[~pos])
        tz = rankdata(s)
        aucs.append((tz[pos].sum() - m * (m + 1) / 2) / (m * n))
        v10.append((tz[pos] - tx) / n)
        v01.append(1 - (tz[~pos] - ty) / m)
    s10 = np.cov(np.vstack(v10))
    s01 = np.cov(np.vstack(v01))
    cov = s10 / m + s01 / n
    diff = aucs[0] - aucs[1]
    se = np.sqrt(cov[0, 0] + cov[1, 1] - 2 * cov[0, 1])
    return diff, diff - Z95 * se, diff + Z95 * se


def row_log_loss(y, p):
    clipped = np.clip(p, np.finfo(np.float64).eps, 1 - np.finfo(np.float64).eps)
    return -np.log(np.where(y == 1, clipped, 1 - clipped))


def stratified_bootstrap_log_loss(y, a, b, resamples, seed):
    """The class-stratified paired bootstrap of log loss(a) - log loss(b), as the gate runs it: per-row losses
    once, then per resample one multiplicity vector per class (np.bincount of rng.integers) and a dot."""
    d = row_log_loss(y, a) - row_log_loss(y, b)
    strata = [np.flatnonzero(y == k) for k in (0, 1)]
    rng = np.random.default_rng(seed)
    n = len(y)
    replicates = np.empty(resamples)
    for r in range(resamples):
        total = 0.0
        for rows in strata:
            w = np.bincount(rng.integers(0, len(rows), len(rows), dtype=np.int32), minlength=len(rows))
            total += np.dot(w, d[rows])
        replicates[r] = total / n
    low, high = np.percentile(replicates, [2.5, 97.5])
    return float(d.mean()), float(low), float(high)


def metrics(workdir):
    y = np.fromfile(os.path.join(workdir, "pred-y.u8"), dtype=np.uint8)
    a = np.fromfile(os.path.join(workdir, "pred-a.f64"), dtype="<f8")
    b = np.fromfile(os.path.join(workdir, "pred-b.f64"), dtype="<f8")
    started = time.perf_counter()
    cpu_start = time.process_time()
    suite_a = metric_suite(y, a)
    metric_suite(y, b)
    suite_seconds = time.perf_counter() - started
    delong_start = time.perf_counter()
    auc_diff = delong_paired(y, a, b)
    delong_seconds = time.perf_counter() - delong_start
    boot_start = time.perf_counter()
    loss_diff = stratified_bootstrap_log_loss(y, a, b, RESAMPLES, SEED)
    boot_seconds = time.perf_counter() - boot_start
    cpu_seconds = time.process_time() - cpu_start  # all threads of the process
    report(
        {
            "seconds": suite_seconds + delong_seconds + boot_seconds,
            "cpuSeconds": cpu_seconds,
            "suiteSeconds": suite_seconds,
            "delongSeconds": delong_seconds,
            "bootstrapSeconds": boot_seconds,
            "auc": float(suite_a["roc_auc"]),
            "aucDiff": [float(v) for v in auc_diff],
            "lossDiff": list(loss_diff),
        }
    )


def predict_prepare(workdir):
    x, y, test = flights_split(pd.read_csv(FLIGHTS_CSV))
    for kind in ("logistic", "mlp"):
        # One epoch, as bench/mg-predict.ts: the weights do not change what a prediction costs.
        pipeline = make_pipeline(StandardScaler(), make_model(kind, epochs=PREDICT_EPOCHS))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            pipeline.fit(pd.DataFrame(x[~test], columns=["distance", "time"]), y[~test])
        with open(os.path.join(workdir, "sk-" + kind + ".pkl"), "wb") as f:
            pickle.dump(pipeline, f)
    report({"seconds": 0})


def predict(workdir, kind):
    read_start = time.perf_counter()
    frame = pd.read_csv(os.path.join(workdir, "flights-1m.csv"))
    read_seconds = time.perf_counter() - read_start
    features = frame[["distance", "time"]]
    started = time.perf_counter()
    cpu_start = time.process_time()
    with open(os.path.join(workdir, "sk-" + kind + ".pkl"), "rb") as f:
        pipeline = pickle.load(f)
    p = pipeline.predict_proba(features)[:, 1]
    cpu_seconds = time.process_time() - cpu_start
    seconds = time.perf_counter() - started
    report({"seconds": seconds, "cpuSeconds": cpu_seconds, "readSeconds": read_seconds, "rows": int(len(p)), "meanPrediction": float(p.mean())})


def main(argv):
    command = argv[0] if argv else ""
    if command == "train" and len(argv) == 4:
        train(argv[1], argv[2], argv[3])
    elif command == "metrics" and len(argv) == 2:
        metrics(argv[1])
    elif command == "predict-prepare" and len(argv) == 2:
        predict_prepare(argv[1])
    elif command == "predict" and len(argv) == 3:
        predict(argv[1], argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
