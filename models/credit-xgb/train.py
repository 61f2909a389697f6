"""Train XGBoost on the rows modelgate hands over (MODELGATE_TRAIN_CSV); write the model to MODELGATE_OUTPUT_DIR."""
import json
import os

import xgboost as xgb

from common import features, read

frame = read(os.environ["MODELGATE_TRAIN_CSV"])
categorical = json.loads(os.environ["MODELGATE_CATEGORICAL_FEATURES"])
categories = {c: sorted(frame[c].dropna().unique().tolist()) for c in categorical}
x = features(frame, categories)
y = (frame[os.environ["MODELGATE_TARGET"]] == os.environ["MODELGATE_POSITIVE_CLASS"]).astype(int)
model = xgb.XGBClassifier(
    n_estimators=300,
    max_depth=3,
    learning_rate=0.05,
    subsample=0.8,
    colsample_bytree=0.8,
    random_state=int(os.environ["MODELGATE_SEED"]),
    n_jobs=1,
)
model.fit(x, y)
out = os.environ["MODELGATE_OUTPUT_DIR"]
model.save_model(os.path.join(out, "model.json"))
with open(os.path.join(out, "categories.json"), "w") as f:
    json.dump(categories, f)
print(f"xgboost {xgb.__version__}: {len(frame)} rows, {x.shape[1]} columns")
