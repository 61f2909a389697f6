"""Shared by train.py and predict.py: the feature matrix XGBoost sees, from modelgate's CSV hand-off."""
import json
import os

import pandas as pd


def features(frame, categories):
    """Numeric columns as floats (missing → NaN, which XGBoost handles); categoricals one-hot on the
    categories seen in training (an unseen or missing category is all zeros)."""
    numeric = [c for c in json.loads(os.environ["MODELGATE_FEATURES"]) if c not in categories]
    parts = [frame[numeric].apply(pd.to_numeric, errors="coerce").astype("float64")]
    for column, values in categories.items():
        for value in values:
            parts.append((frame[column].astype(str) == value).astype("float64").rename(f"{column}={value}"))
    return pd.concat(parts, axis=1)


def read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
