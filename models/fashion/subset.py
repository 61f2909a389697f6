"""Make models/fashion/data from the full Fashion-MNIST IDX files (Debian's dataset-fashion-mnist, MIT).

The first 6,000 training images (about 600 per class) for training and the first 1,000 test images for
evaluation, written as gzipped IDX with a fixed gzip mtime so the bytes are reproducible.

    /usr/bin/python3 models/fashion/subset.py ../shared/data/fashion-mnist models/fashion/data
"""
import gzip
import struct
import sys
from pathlib import Path


def read_idx(path):
    raw = gzip.decompress(Path(path).read_bytes())
    rank = raw[3]
    dims = struct.unpack(f">{rank}I", raw[4 : 4 + 4 * rank])
    return dims, raw[4 + 4 * rank :]


def write_idx(path, dims, data):
    header = bytes([0, 0, 8, len(dims)]) + struct.pack(f">{len(dims)}I", *dims)
    with open(path, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as out:
            out.write(header + data)


def subset(source, target, prefix, out_prefix, count):
    dims, images = read_idx(source / f"{prefix}-images-idx3-ubyte.gz")
    _, labels = read_idx(source / f"{prefix}-labels-idx1-ubyte.gz")
    per = dims[1] * dims[2]
    write_idx(target / f"{out_prefix}-images.idx.gz", (count, dims[1], dims[2]), images[: count * per])
    write_idx(target / f"{out_prefix}-labels.idx.gz", (count,), labels[:count])
    counts = [labels[:count].count(bytes([c])) for c in range(10)]
    print(f"{out_prefix}: {count} images, per class {counts}")


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    subset(source, target, "train", "train", 6000)
    subset(source, target, "t10k", "eval", 1000)
