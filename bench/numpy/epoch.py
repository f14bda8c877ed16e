"""One epoch of plain mini-batch SGD on Fashion-MNIST in NumPy, for nabla's
`epoch` benchmark (bench/epoch.ts), in two implementations of the same
algorithm:

- ``per-example``: the structure of Nielsen's network.py. Each mini-batch is
  a list of (784, 1) column vectors; backpropagation runs once per example
  and the per-example gradients are summed before the update.
- ``vectorized``: one mini-batch is a (784, m) matrix whose columns are the
  examples, and backpropagation runs once on the whole matrix.

Both use float64, sigmoid neurons, the quadratic cost, weights and biases
drawn from N(0, 1) (Nielsen's chapter 1 initialisation), the update
w <- w - (eta/m) * sum of the per-example gradients, and a shuffle drawn from
a fixed seed. Only the epoch itself is timed (time.perf_counter around it),
not reading the data nor evaluating the test accuracy afterwards.

Prints one JSON object on stdout: the seconds of each epoch (wall clock, and
CPU time of the process over all its threads), the test accuracy after the
last one, and which BLAS NumPy uses and with how many threads. Needs only
numpy and the standard library.
"""

import argparse
import ctypes
import gzip
import json
import os
import sys
import time

import numpy as np


def read_idx(path):
    """An IDX file (plain or gzipped) as a NumPy array of unsigned bytes."""
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        path = path + ".gz"
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise ValueError(f"{path}: not an IDX file of unsigned bytes")
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(directory, kind):
    """Images as rows (n, 784) in [0, 1] (float64) and labels (n,)."""
    prefix = "train" if kind == "train" else "t10k"
    images = read_idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte"))
    labels = read_idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte"))
    return images.reshape(images.shape[0], -1).astype(np.float64) / 255.0, labels.astype(np.int64)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def gradient_one(weights, biases, x, y):
    """Backpropagation for one example x (n0, 1) with target y (nL, 1)."""
    activation = x
    activations = [x]
    zs = []
    for w, b in zip(weights, biases):
        z = w @ activation + b
        zs.append(z)
        activation = sigmoid(z)
        activations.append(activation)
    delta = (activations[-1] - y) * sigmoid_prime(zs[-1])
    grad_b = [None] * len(weights)
    grad_w = [None] * len(weights)
    grad_b[-1] = delta
    grad_w[-1] = delta @ activations[-2].T
    for l in range(2, len(weights) + 1):
        delta = (weights[-l + 1].T @ delta) * sigmoid_prime(zs[-l])
        grad_b[-l] = delta
        grad_w[-l] = delta @ activations[-l - 1].T
    return grad_b, grad_w


def epoch_per_example(weights, biases, examples, order, m, eta):
    """One epoch, looping over the examples of each mini-batch (network.py's update_mini_batch)."""
    for start in range(0, len(order), m):
        batch = [examples[i] for i in order[start : start + m]]
        sum_b = [np.zeros(b.shape) for b in biases]
        sum_w = [np.zeros(w.shape) for w in weights]
        for x, y in batch:
            grad_b, grad_w = gradient_one(weights, biases, x, y)
            sum_b = [s + g for s, g in zip(sum_b, grad_b)]
            sum_w = [s + g for s, g in zip(sum_w, grad_w)]
        step = eta / len(batch)
        weights = [w - step * g for w, g in zip(weights, sum_w)]
        biases = [b - step * g for b, g in zip(biases, sum_b)]
    return weights, biases


def epoch_vectorized(weights, biases, x_rows, y_rows, order, m, eta):
    """One epoch, each mini-batch a matrix whose columns are its examples."""
    layers = len(weights)
    for start in range(0, len(order), m):
        idx = order[start : start + m]
        x = x_rows[idx].T
        y = y_rows[idx].T
        activations = [x]
        zs = []
        for w, b in zip(weights, biases):
            z = w @ activations[-1] + b
            zs.append(z)
            activations.append(sigmoid(z))
        delta = (activations[-1] - y) * sigmoid_prime(zs[-1])
        grad_b = [None] * layers
        grad_w = [None] * layers
        for l in range(layers - 1, -1, -1):
            if l < layers - 1:
                delta = (weights[l + 1].T @ delta) * sigmoid_prime(zs[l])
            grad_b[l] = delta.sum(axis=1, keepdims=True)
            grad_w[l] = delta @ activations[l].T
        step = eta / len(idx)
        weights = [w - step * g for w, g in zip(weights, grad_w)]
        biases = [b - step * g for b, g in zip(biases, grad_b)]
    return weights, biases


def accuracy(weights, biases, x_rows, labels):
    a = x_rows.T
    for w, b in zip(weights, biases):
        a = sigmoid(w @ a + b)
    return float(np.mean(np.argmax(a, axis=0) == labels))


def blas_info():
    """Which BLAS NumPy runs, and OpenBLAS's own word on its kernel and threads (as threadpoolctl reads them)."""
    info = {"numpy": np.__version__}
    try:
        config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        info["blas"] = f"{config.get('name')} {config.get('version')}"
    except Exception as e:  # older NumPy: no mode="dicts"
        info["blas"] = f"unknown ({e})"
    np.ones((64, 64)) @ np.ones((64, 64))  # make sure the library is loaded
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line})
    for path in paths:
        lib = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_openblas", "64_"), ("openblas", "64_"), ("openblas", "")):
            try:
                corename = getattr(lib, f"{prefix}_get_corename{suffix}")
                threads = getattr(lib, f"{prefix}_get_num_threads{suffix}")
            except AttributeError:
                continue
            corename.restype = ctypes.c_char_p
            info["library"] = os.path.basename(path)
            info["corename"] = corename().decode()
            info["threads"] = int(threads())
            return info
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--impl", choices=["per-example", "vectorized"], required=True)
    parser.add_argument("--dir", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--sizes", default="784,30,10")
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--eta", type=float, default=3.0)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=20261105)
    args = parser.parse_args()

    x_train, labels_train = load(args.dir, "train")
    x_test, labels_test = load(args.dir, "test")
    sizes = [int(s) for s in args.sizes.split(",")]
    y_train = np.eye(sizes[-1])[labels_train]

    rng = np.random.default_rng(args.seed)
    weights = [rng.standard_normal((n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [rng.standard_normal((n_out, 1)) for n_out in sizes[1:]]
    # network.py's training data: a list of (x, y) pairs of column vectors
    examples = (
        [(x_train[i].reshape(-1, 1), y_train[i].reshape(-1, 1)) for i in range(len(x_train))]
        if args.impl == "per-example"
        else None
    )

    seconds = []
    cpu_seconds = []
    for _ in range(args.epochs):
        order = rng.permutation(len(x_train))
        start = time.perf_counter()
        cpu_start = time.process_time()
        if args.impl == "per-example":
            weights, biases = epoch_per_example(weights, biases, examples, order, args.batch, args.eta)
        else:
            weights, biases = epoch_vectorized(weights, biases, x_train, y_train, order, args.batch, args.eta)
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)

    json.dump(
        {
            "impl": args.impl,
            "sizes": sizes,
            "batch": args.batch,
            "eta": args.eta,
            "seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "accuracy": accuracy(weights, biases, x_test, labels_test),
            "python": sys.version.split()[0],
            "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")},
            **blas_info(),
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    with np.errstate(over="ignore"):
        main()
