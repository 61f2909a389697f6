"""Generate the ONNX fixtures of the ONNX scoring tests, and the producing framework's outputs for them.

Run with Debian's Python (python3-torch, python3-onnx, python3-numpy):
    /usr/bin/python3 __fixtures__/onnx/make_fixtures.py
The tests read the .onnx files and expected.json only, so they need no Python.

- torch-mlp.onnx: a PyTorch MLP exported with torch.onnx.export: one float input "features" [N, 3] (the
  spec's features in order), output "probabilities" [N, 2] (softmax). Expected: PyTorch's own forward.
- zipmap-classifier.onnx: an ai.onnx.ml pipeline as scikit-learn-onnx writes it: one named input per column
  (x1, x2 float [N, 1]; g string [N, 1]), OneHotEncoder + Concat + LinearClassifier + ZipMap, outputs
  "output_label" and "output_probability" (a sequence of maps). Expected: the same affine map + softmax in
  numpy.
- unsupported.onnx: an int64 image-like input [N, 1, 4, 4]: modelgate must refuse it with a clear message.
"""
import json
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
rows = [
    {"x1": 0.5, "x2": -1.0, "g": "a"},
    {"x1": -0.25, "x2": 2.0, "g": "b"},
    {"x1": 1.5, "x2": 0.0, "g": "c"},
    {"x1": 0.0, "x2": 0.75, "g": "a"},
    {"x1": -2.0, "x2": -0.5, "g": "b"},
]
x3 = np.array([[r["x1"], r["x2"], 1.0 if r["g"] == "a" else 0.0] for r in rows], dtype=np.float32)
expected = {"rows": rows}

# 1. PyTorch MLP.
torch.manual_seed(0)
net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2), torch.nn.Softmax(dim=1))
net.eval()
with torch.no_grad():
    expected["torch-mlp"] = net(torch.from_numpy(x3)).numpy().astype(float).tolist()
torch.onnx.export(
    net,
    torch.from_numpy(x3),
    os.path.join(HERE, "torch-mlp.onnx"),
    input_names=["features"],
    output_names=["probabilities"],
    dynamic_axes={"features": {0: "N"}, "probabilities": {0: "N"}},
    opset_version=13,
)
expected["torch-mlp-features"] = x3.astype(float).tolist()

# 2. ai.onnx.ml classifier with ZipMap, one named input per column.
cats = ["a", "b", "c"]
coef = np.array([[0.3, -0.2, 0.1, 0.0, -0.1], [-0.3, 0.2, -0.1, 0.0, 0.1], [0.5, 0.4, 0.0, 0.2, -0.3]], dtype=np.float32)
coef = coef[:2]  # two classes: rows are per class, columns x1, x2, onehot(a, b, c)
intercepts = np.array([0.05, -0.05], dtype=np.float32)
labels = ["no", "yes"]
nodes = [
    helper.make_node("Concat", ["x1", "x2"], ["num"], axis=1),
    helper.make_node("OneHotEncoder", ["g"], ["g_onehot3"], domain="ai.onnx.ml", cats_strings=cats, zeros=1),
    helper.make_node("Reshape", ["g_onehot3", "shape_n3"], ["g_onehot"]),
    helper.make_node("Concat", ["num", "g_onehot"], ["all"], axis=1),
    helper.make_node(
        "LinearClassifier",
        ["all"],
        ["output_label", "scores"],
        domain="ai.onnx.ml",
        coefficients=coef.flatten().tolist(),
        intercepts=intercepts.tolist(),
        classlabels_strings=labels,
        post_transform="SOFTMAX",
        multi_class=1,
    ),
    helper.make_node("ZipMap", ["scores"], ["output_probability"], domain="ai.onnx.ml", classlabels_strings=labels),
]
map_type = onnx.TypeProto()
map_type.map_type.key_type = TensorProto.STRING
map_type.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(TensorProto.FLOAT, []))
graph = helper.make_graph(
    nodes,
    "zipmap_classifier",
    [
        helper.make_tensor_value_info("x1", TensorProto.FLOAT, ["N", 1]),
        helper.make_tensor_value_info("x2", TensorProto.FLOAT, ["N", 1]),
        helper.make_tensor_value_info("g", TensorProto.STRING, ["N", 1]),
    ],
    [
        helper.make_tensor_value_info("output_label", TensorProto.STRING, ["N"]),
        helper.make_value_info("output_probability", helper.make_sequence_type_proto(map_type)),
    ],
    [helper.make_tensor("shape_n3", TensorProto.INT64, [2], [-1, 3])],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 1)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, os.path.join(HERE, "zipmap-classifier.onnx"))
feats = np.array([[r["x1"], r["x2"]] + [1.0 if r["g"] == c else 0.0 for c in cats] for r in rows], dtype=np.float64)
z = feats @ coef.astype(np.float64).T + intercepts.astype(np.float64)
p = np.exp(z - z.max(axis=1, keepdims=True))
p /= p.sum(axis=1, keepdims=True)
expected["zipmap-classifier"] = p.tolist()

# 3. An input modelgate cannot feed.
graph = helper.make_graph(
    [helper.make_node("Identity", ["image"], ["out"])],
    "unsupported",
    [helper.make_tensor_value_info("image", TensorProto.INT64, ["N", 1, 4, 4])],
    [helper.make_tensor_value_info("out", TensorProto.INT64, ["N", 1, 4, 4])],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.save(model, os.path.join(HERE, "unsupported.onnx"))

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
