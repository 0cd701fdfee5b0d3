#!/usr/bin/env python3
"""Writes Tests/OpsTests/Reference/nonfinite: what TensorFlow does with NaN and ±inf in conv2d, relu and maxpool,
as small .npy files and manifest.json (the same case format as scripts/make-reference.py).

Run from the repository root with a Python that has tensorflow-cpu, numpy and scipy:

    ${CONVSH_PYTHON:-python3} scripts/make-nonfinite-reference.py

What each reference is (and what it pins):
  maxpool   tf.nn.max_pool2d. TensorFlow starts every window at the lowest float32 and skips NaN, so a window
            of NaN and -inf only gives -3.4028235e38 (not -inf, not NaN); +inf wins; padding never counts.
  conv2d    tf.nn.conv2d, SAME and VALID: a NaN or inf tap spreads to every output whose window holds it, and
            inf meeting -inf (or 0 · inf) is NaN; TensorFlow skips padded taps instead of multiplying them by
            zero, so a NaN that a padded position would meet gives a finite output there.
            border=reflect|replicate|wrap (beyond TensorFlow): numpy.pad symmetric|edge|wrap with TensorFlow's
            SAME split, then tf.nn.conv2d VALID; the padding copies the non-finite values like any other.
  relu      tf.nn.relu: NaN stays NaN, +inf stays, -inf gives 0.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import tensorflow as tf

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "OpsTests", "Reference", "nonfinite")
os.makedirs(OUT, exist_ok=True)
for stale in os.listdir(OUT):
    os.remove(os.path.join(OUT, stale))
cases = []
nan, inf = np.float32(np.nan), np.float32(np.inf)


def add(name, op, tensors, output, words=(), options=None, reference=""):
    files = []
    for label, array in tensors:
        files.append(f"{name}_{label}.npy")
        np.save(os.path.join(OUT, files[-1]), np.asarray(array, np.float32))
    np.save(os.path.join(OUT, f"{name}_out.npy"), np.asarray(output, np.float32))
    cases.append({"name": name, "op": op, "inputs": files, "words": list(words), "options": options or {},
                  "output": f"{name}_out.npy", "reference": reference})


def grid(seed, h, w, c=1):
    rng = np.random.default_rng(seed)
    return (np.round(rng.uniform(-1, 1, size=(h, w, c)) * 8) / 8).astype(np.float32)


# MARK: - maxpool

x = np.array([[nan, nan, 1, 2, -inf],
              [nan, nan, nan, 3, -inf],
              [inf, 1, -inf, -inf, nan],
              [1, 2, -inf, -inf, nan],
              [nan, -inf, 5, nan, nan]], np.float32)[:, :, None]
for padding in ["valid", "same"]:
    y = tf.nn.max_pool2d(x[None], 2, 2, padding.upper()).numpy()[0]
    add(f"maxpool_nan_inf_2x2_{padding}", "maxpool", [("x", x)], y, [padding], {}, "tf.nn.max_pool2d")
y = tf.nn.max_pool2d(x[None], 3, 1, "SAME").numpy()[0]
add("maxpool_nan_inf_3x3_s1_same", "maxpool", [("x", x)], y, ["same"], {"size": 3, "stride": 1}, "tf.nn.max_pool2d")
lowest = tf.nn.max_pool2d(np.full((1, 2, 2, 1), nan, np.float32), 2, 2, "VALID").numpy().ravel()[0]
assert lowest == -np.finfo(np.float32).max, lowest
# 8 and 17 channels: the vector lanes and the scalar tail of the kernels.
wide = np.full((4, 4, 17), nan, np.float32)
wide[0, 0, ::2] = -inf
wide[1, 1, 3] = 7
wide[2:, 2:, 5:9] = np.arange(16, dtype=np.float32).reshape(2, 2, 4)
add("maxpool_nan_17_channels", "maxpool", [("x", wide)], tf.nn.max_pool2d(wide[None], 2, 2, "VALID").numpy()[0],
    ["valid"], {}, "tf.nn.max_pool2d")


# MARK: - conv2d

NUMPY_MODE = {"reflect": "symmetric", "replicate": "edge", "wrap": "wrap"}


def conv(x, k, padding, border=None):
    """x [H,W,C], k [kh,kw,C,O] -> [H',W',O], as tf.nn.conv2d (border: pad first, then VALID)."""
    if border is None:
        return tf.nn.conv2d(x[None], k, 1, padding.upper()).numpy()[0]
    kh, kw = k.shape[:2]
    top, left = (kh - 1) // 2, (kw - 1) // 2
    padded = np.pad(x, ((top, kh - 1 - top), (left, kw - 1 - left), (0, 0)), mode=NUMPY_MODE[border])
    return tf.nn.conv2d(padded[None], k, 1, "VALID").numpy()[0]


image = grid(200, 6, 7)
image[0, 0, 0] = nan        # a corner: SAME's padded taps next to it are skipped, not multiplied
image[3, 4, 0] = inf
image[5, 1, 0] = -inf
kernel = (np.round(np.random.default_rng(201).uniform(-1, 1, (3, 3, 1, 2)) * 8) / 8).astype(np.float32)
kernel[1, 1, 0, 1] = 0      # 0 · inf is NaN in the second filter's centre tap
for padding in ["same", "valid"]:
    add(f"conv2d_nan_inf_{padding}", "conv2d", [("x", image), ("k", kernel)], conv(image, kernel, padding),
        [padding], {}, "tf.nn.conv2d")
for border in ["reflect", "replicate", "wrap"]:
    add(f"conv2d_nan_inf_border_{border}", "conv2d", [("x", image), ("k", kernel)],
        conv(image, kernel, "same", border), ["same"], {"border": border},
        f"numpy.pad mode={NUMPY_MODE[border]} (TF's SAME split), then tf.nn.conv2d VALID")
# A NaN in the kernel: every output is NaN, padding or not.
bad_kernel = kernel.copy()
bad_kernel[0, 0, 0, 0] = nan
add("conv2d_nan_kernel_same", "conv2d", [("x", grid(202, 4, 5)), ("k", bad_kernel)],
    conv(grid(202, 4, 5), bad_kernel, "same"), ["same"], {}, "tf.nn.conv2d")
# An overflow: finite inputs whose products exceed float32 give inf, and inf - inf NaN.
big = np.array([[1e30, 1e30], [1e30, -1e30]], np.float32)[:, :, None]
add("conv2d_overflow_valid", "conv2d", [("x", big), ("k", np.full((1, 2, 1, 1), 1e30, np.float32))],
    conv(big, np.full((1, 2, 1, 1), 1e30, np.float32), "valid"), ["valid"], {}, "tf.nn.conv2d")


# MARK: - relu

special = np.array([[nan, inf, -inf, 1], [-nan, -1, 0, 2]], np.float32)
add("relu_nan_inf", "relu", [("x", special)], tf.nn.relu(special).numpy(), [], {}, "tf.nn.relu")

with open(os.path.join(OUT, "manifest.json"), "w") as f:
    json.dump({"generator": "scripts/make-nonfinite-reference.py", "tensorflow": tf.__version__,
               "numpy": np.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to Tests/OpsTests/Reference/nonfinite", file=sys.stderr)
