"""Python side of `npm run bench:onnx` (Debian's python3-torch, python3-onnx, python3-xgboost, python3-pandas).

    onnx_peer.py prepare <dir>   a PyTorch MLP (20 → 64 → 32 → 2) exported with torch.onnx.export to
                                 <dir>/mlp.onnx, its weights to <dir>/mlp.pt, 1,000,000 float32 rows to
                                 <dir>/rows.f32
    onnx_peer.py torch <dir>     time PyTorch's own forward on the same rows (1 thread)
    onnx_peer.py xgb <dir>       time XGBoost predict_proba in-process on <dir>/xgb/input.csv (1 thread):
                                 what `format: command` costs beyond it is process start + CSV hand-off
Prints one `BENCH {json}` line.
"""
import json
import os
import sys
import time

import numpy as np

ROWS, FEATURES = 1_000_000, 20


def mlp():
    import torch

    return torch.nn.Sequential(
        torch.nn.Linear(FEATURES, 64),
        torch.nn.ReLU(),
        torch.nn.Linear(64, 32),
        torch.nn.ReLU(),
        torch.nn.Linear(32, 2),
        torch.nn.Softmax(dim=1),
    )


def prepare(d):
    import torch

    torch.manual_seed(0)
    net = mlp().eval()
    x = np.random.default_rng(0).standard_normal((ROWS, FEATURES), dtype=np.float32)
    x.tofile(os.path.join(d, "rows.f32"))
    torch.save(net.state_dict(), os.path.join(d, "mlp.pt"))
    torch.onnx.export(
        net,
        torch.from_numpy(x[:8]),
        os.path.join(d, "mlp.onnx"),
        input_names=["features"],
        output_names=["probabilities"],
        dynamic_axes={"features": {0: "N"}, "probabilities": {0: "N"}},
        opset_version=13,
    )
    print("BENCH " + json.dumps({"seconds": 0}))


def forward(d):
    import torch

    torch.set_num_threads(1)
    net = mlp().eval()
    net.load_state_dict(torch.load(os.path.join(d, "mlp.pt")))
    x = torch.from_numpy(np.fromfile(os.path.join(d, "rows.f32"), dtype=np.float32).reshape(ROWS, FEATURES))
    started = time.perf_counter()
    with torch.no_grad():
        p = net(x)[:, 1].numpy()
    seconds = time.perf_counter() - started
    print("BENCH " + json.dumps({"seconds": seconds, "meanPrediction": float(p.mean()), "threads": 1}))


def xgb(d):
    import pandas as pd
    import xgboost

    sys.path.insert(0, os.environ["CREDIT_XGB_DIR"])
    from common import features, read

    started = time.perf_counter()
    with open(os.path.join(d, "categories.json")) as f:
        categories = json.load(f)
    model = xgboost.XGBClassifier(n_jobs=1)
    model.load_model(os.path.join(d, "model.json"))
    p = model.predict_proba(features(read(os.path.join(d, "input.csv")), categories))[:, 1]
    seconds = time.perf_counter() - started
    print("BENCH " + json.dumps({"seconds": seconds, "meanPrediction": float(p.mean()), "pandas": pd.__version__}))


if __name__ == "__main__":
    command, d = sys.argv[1], sys.argv[2]
    {"prepare": prepare, "torch": forward, "xgb": xgb}[command](d)
