"""Score MODELGATE_INPUT_CSV with the stored model in MODELGATE_MODEL_DIR; write p_<label> per class."""
import json
import os

import xgboost as xgb

from common import features, read

model_dir = os.environ["MODELGATE_MODEL_DIR"]
with open(os.path.join(model_dir, "categories.json")) as f:
    categories = json.load(f)
model = xgb.XGBClassifier()
model.load_model(os.path.join(model_dir, "model.json"))
proba = model.predict_proba(features(read(os.environ["MODELGATE_INPUT_CSV"]), categories))
negative, positive = json.loads(os.environ["MODELGATE_CLASSES"])
with open(os.environ["MODELGATE_OUTPUT_CSV"], "w") as f:
    f.write(f"p_{negative},p_{positive}\n")
    for p in proba[:, 1]:
        p = float(p)
        f.write(f"{repr(1.0 - p)},{repr(p)}\n")
