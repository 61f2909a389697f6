"""The FastAPI + uvicorn peer of `modelgate serve` (npm run bench:serve).

    serve_peer.py fit CSV TARGET POSITIVE MODEL.pkl   fit the scikit-learn pipeline on the CSV, pickle it
    MODEL=MODEL.pkl uvicorn serve_peer:app ...         serve it

The pipeline is what modelgate fits for a logistic model: numeric columns → median impute → standardise;
categorical → most frequent → one-hot (unknown categories as all-zero); then LogisticRegression (lbfgs, L2, C=1).
The route and its JSON match modelgate's /v1 predict: {"rows": [{column: value}]} → per-row probabilities,
predicted class and confidence. Written the way the FastAPI docs recommend: a pydantic body and a plain `def`
endpoint (blocking scikit-learn work runs in FastAPI's thread pool).
"""

import os
import pickle
import sys
from typing import Any, Dict, List

import pandas as pd


def fit(csv: str, target: str, positive: str, out: str) -> None:
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    frame = pd.read_csv(csv)
    y = (frame[target].astype(str) == positive).astype(int)
    x = frame.drop(columns=[target])
    numeric = [c for c in x.columns if pd.api.types.is_numeric_dtype(x[c])]
    categorical = [c for c in x.columns if c not in numeric]
    pre = ColumnTransformer(
        [
            ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
            (
                "cat",
                Pipeline(
                    [
                        ("impute", SimpleImputer(strategy="most_frequent")),
                        ("onehot", OneHotEncoder(handle_unknown="ignore")),
                    ]
                ),
                categorical,
            ),
        ]
    )
    pipe = Pipeline([("pre", pre), ("model", LogisticRegression(C=1.0, max_iter=1000))])
    pipe.fit(x, y)
    negative = sorted(set(frame[target].astype(str)) - {positive})[0]
    with open(out, "wb") as f:
        pickle.dump({"pipe": pipe, "columns": list(x.columns), "classes": [negative, positive]}, f)


if __name__ == "__main__":
    fit(*sys.argv[2:6]) if sys.argv[1] == "fit" else sys.exit("usage: serve_peer.py fit CSV TARGET POSITIVE OUT")
else:
    from fastapi import FastAPI
    from pydantic import BaseModel

    with open(os.environ["MODEL"], "rb") as f:
        loaded = pickle.load(f)
    PIPE, COLUMNS, CLASSES = loaded["pipe"], loaded["columns"], loaded["classes"]

    class Rows(BaseModel):
        rows: List[Dict[str, Any]]

    app = FastAPI()

    @app.post("/v1/models/{model}/predict")
    def predict(model: str, body: Rows) -> Dict[str, Any]:
        frame = pd.DataFrame(body.rows, columns=COLUMNS)
        proba = PIPE.predict_proba(frame)
        predictions = []
        for p0, p1 in proba.tolist():
            best = 1 if p1 >= 0.5 else 0
            predictions.append(
                {
                    "probabilities": {CLASSES[0]: p0, CLASSES[1]: p1},
                    "predicted_class": CLASSES[best],
                    "confidence": max(p0, p1),
                }
            )
        return {"model": model, "predictions": predictions}

    @app.get("/health")
    def health() -> Dict[str, bool]:
        return {"live": True}
