"""PyTorch side of the CNN row of `npm run bench` (Debian's python3-torch, run with /usr/bin/python3).

    cnn_peer.py '<config json>'

The config (written by bench/harness-cnn.mjs from models/fashion/modelgate.yml as modelgate parses it) names the
IDX files and the network: per conv block Conv2d (padding "same" or none, ReLU; or no bias, BatchNorm2d, ReLU)
and MaxPool2d, then flatten, per dense layer dropout + Linear + ReLU, dropout, Linear output; softmax
cross-entropy; Adam with the spec's learning rate and tfjs's defaults (betas 0.9/0.999, epsilon 1e-7);
Glorot-uniform kernels and zero biases as Keras/tfjs initialise them; the spec's batch size and epochs,
reshuffled every epoch. Threads: `threads` in the config (1: tfjs's wasm backend is single-threaded in Node).

Timed as bench/mg-cnn.ts times: decode (gunzip + parse the IDX files + scale to [0, 1]), the fit, eval
accuracy (untimed), then prediction of the 10,000 images (train then eval images, cycled; bench-data.ts's
predictRows) in blocks of 1,024. Prints one line `BENCH {json}`.
"""
import gzip
import json
import sys
import time

import numpy as np
import torch

PREDICT_IMAGES = 10_000
PREDICT_BLOCK = 1024


def read_idx(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def read_pair(images, labels, scale):
    x = read_idx(images).astype(np.float32) / np.float32(255)
    if scale == "symmetric":
        x = x * 2 - 1
    # N × H × W gray → N × 1 × H × W (torch's NCHW); modelgate keeps N × H × W × 1.
    return torch.from_numpy(np.ascontiguousarray(x[:, None, :, :])), torch.from_numpy(
        read_idx(labels).astype(np.int64)
    )


def build(config, height, width, classes):
    layers = []
    channels = 1
    for block in config["conv"]:
        k = block["kernel"]
        layers.append(
            torch.nn.Conv2d(
                channels,
                block["filters"],
                k,
                padding="same" if block["padding"] == "same" else 0,
                bias=not config["batch_norm"],
            )
        )
        if block["padding"] != "same":
            height, width = height - k + 1, width - k + 1
        if config["batch_norm"]:
            # Keras's defaults: momentum 0.99 (torch counts the other way) and epsilon 1e-3.
            layers.append(torch.nn.BatchNorm2d(block["filters"], eps=1e-3, momentum=0.01))
        layers.append(torch.nn.ReLU())
        if block["pool"] > 1:
            layers.append(torch.nn.MaxPool2d(block["pool"]))
            height, width = height // block["pool"], width // block["pool"]
        channels = block["filters"]
    layers.append(torch.nn.Flatten())
    inputs = channels * height * width
    for units in config["dense"]:
        if config["dropout"] > 0:
            layers.append(torch.nn.Dropout(config["dropout"]))
        layers += [torch.nn.Linear(inputs, units), torch.nn.ReLU()]
        inputs = units
    if config["dropout"] > 0:
        layers.append(torch.nn.Dropout(config["dropout"]))
    layers.append(torch.nn.Linear(inputs, classes))
    model = torch.nn.Sequential(*layers)
    for m in model.modules():
        if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)):
            torch.nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                torch.nn.init.zeros_(m.bias)
    return model


def predict(model, x):
    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(x), PREDICT_BLOCK):
            out.append(torch.softmax(model(x[start : start + PREDICT_BLOCK]), dim=1))
    return torch.cat(out)


def main(config):
    torch.set_num_threads(config["threads"])
    torch.set_num_interop_threads(config["threads"])
    torch.manual_seed(config["seed"])
    started = time.perf_counter()
    x_train, y_train = read_pair(*config["train"], config["scale"])
    x_eval, y_eval = read_pair(*config["eval"], config["scale"])
    decode_seconds = time.perf_counter() - started

    classes = len(config["classes"])
    model = build(config, x_train.shape[2], x_train.shape[3], classes)
    optimizer = torch.optim.Adam(model.parameters(), lr=config["learning_rate"], eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    batch = config["batch_size"]
    generator = torch.Generator().manual_seed(config["seed"])
    cpu_started = time.process_time()
    started = time.perf_counter()
    steps = 0
    for _ in range(config["epochs"]):
        model.train()
        order = torch.randperm(len(x_train), generator=generator)
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x_train[rows]), y_train[rows])
            loss.backward()
            optimizer.step()
            steps += 1
    fit_seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started

    accuracy = (predict(model, x_eval).argmax(dim=1) == y_eval).double().mean().item()
    pool = torch.cat([x_train, x_eval])
    rows = torch.arange(PREDICT_IMAGES) % len(pool)
    started = time.perf_counter()
    p = predict(model, pool[rows])
    predict_seconds = time.perf_counter() - started
    print(
        "BENCH "
        + json.dumps(
            {
                "seconds": fit_seconds / config["epochs"],
                "fitSeconds": fit_seconds,
                "cpuSeconds": cpu_seconds / config["epochs"],
                "epochs": config["epochs"],
                "steps": steps,
                "decodeSeconds": decode_seconds,
                "accuracy": accuracy,
                "predictSeconds": predict_seconds,
                "meanConfidence": p.max(dim=1).values.double().mean().item(),
                "threads": torch.get_num_threads(),
                "torch": torch.__version__,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
