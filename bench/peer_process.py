"""Whole-process peers of `npm run bench` (Debian's /usr/bin/python3): one Python process doing what one
`modelgate` command does, timed from outside (start-up and imports included, as a user waits for them).

    peer_process.py run <config.json>          read, split, preprocess, fit, predict, metrics, save the model;
                                               with "champion": also load that pickled model and score it
    peer_process.py predict <model.pkl> <input.csv> <output.csv>   read, predict_proba, to_csv
    peer_process.py ingest <csv>               pandas.read_csv alone, timed in-process (prints BENCH {json})
"""
import json
import os
import pickle
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    f1_score,
    log_loss,
    roc_auc_score,
)
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

EVAL_EVERY = 5  # row i is an eval row when i % 5 == 4: the same share as modelgate's 20% split


def metrics(y, p):
    return {
        "roc_auc": roc_auc_score(y, p),
        "average_precision": average_precision_score(y, p),
        "log_loss": log_loss(y, p),
        "brier": brier_score_loss(y, p),
        "accuracy": accuracy_score(y, p >= 0.5),
        "f1": f1_score(y, p >= 0.5),
    }


def model_of(spec):
    if spec["type"] == "logistic":
        return LogisticRegression(C=spec.get("C", 1.0))
    stopping = spec.get("early_stopping")
    return MLPClassifier(
        hidden_layer_sizes=tuple(spec["hidden"]),
        alpha=spec.get("alpha", 1e-4),
        batch_size=spec.get("batch_size", 200),
        learning_rate_init=spec.get("learning_rate", 1e-3),
        max_iter=spec.get("epochs", 200),
        early_stopping=bool(stopping),
        n_iter_no_change=stopping["patience"] if stopping else 10,
        validation_fraction=stopping["validation_fraction"] if stopping else 0.1,
        random_state=spec.get("seed", 0),
    )


def run(config_file):
    with open(config_file) as f:
        config = json.load(f)
    frame = pd.read_csv(config["csv"])
    target = config["target"]
    y = (frame[target].astype(str) == str(config["positive"])).to_numpy().astype(np.int8)
    features = frame.drop(columns=[target] + config.get("exclude", []))
    categorical = [c for c in features.columns if features[c].dtype == object or c in config.get("categorical", [])]
    numeric = [c for c in features.columns if c not in categorical]
    test = np.arange(len(frame)) % EVAL_EVERY == EVAL_EVERY - 1
    pre = ColumnTransformer(
        [
            ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
            ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), categorical),
        ]
    )
    pipeline = make_pipeline(pre, model_of(config["model"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        pipeline.fit(features[~test], y[~test])
    p = pipeline.predict_proba(features[test])[:, 1]
    result = {"challenger": metrics(y[test], p)}
    out = config["out"]
    os.makedirs(out, exist_ok=True)
    pd.DataFrame({"row": np.flatnonzero(test), "p": p, target: y[test]}).to_csv(os.path.join(out, "predictions.csv"), index=False)
    with open(os.path.join(out, "model.pkl"), "wb") as f:
        pickle.dump(pipeline, f)
    if config.get("champion"):
        with open(config["champion"], "rb") as f:
            champion = pickle.load(f)
        q = champion.predict_proba(features[test])[:, 1]
        result["champion"] = metrics(y[test], q)
    with open(os.path.join(out, "metrics.json"), "w") as f:
        json.dump(result, f)


def predict(model_file, input_csv, output_csv):
    with open(model_file, "rb") as f:
        pipeline = pickle.load(f)
    frame = pd.read_csv(input_csv)
    p = pipeline.predict_proba(frame)[:, 1]
    pd.DataFrame({"row": np.arange(len(p)), "p": p}).to_csv(output_csv, index=False)


def ingest(csv):
    started = time.perf_counter()
    cpu = time.process_time()
    frame = pd.read_csv(csv)
    seconds = time.perf_counter() - started
    print("BENCH " + json.dumps({"seconds": seconds, "cpuSeconds": time.process_time() - cpu, "rows": len(frame)}), flush=True)


if __name__ == "__main__":
    argv = sys.argv[1:]
    if argv[:1] == ["run"] and len(argv) == 2:
        run(argv[1])
    elif argv[:1] == ["predict"] and len(argv) == 4:
        predict(*argv[1:])
    elif argv[:1] == ["ingest"] and len(argv) == 2:
        ingest(argv[1])
    else:
        sys.exit(__doc__)
