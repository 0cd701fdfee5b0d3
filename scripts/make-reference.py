#!/usr/bin/env python3
"""Writes the reference cases of Tests/OpsTests/Reference: inputs, kernels and the outputs TensorFlow (or SciPy)
computes for them, as small .npy files, plus manifest.json describing every case.

Run with a Python that has tensorflow-cpu, numpy and scipy (pip install tensorflow-cpu scipy), from the
repository root:

    ${CONVSH_PYTHON:-python3} scripts/make-reference.py

It also writes the inputs of the golden transcripts, Tests/Golden/data/*.npy. The files are committed; the Swift tests (Tests/OpsTests/ReferenceTests.swift) read them and run every case
through the real op (registry lookup, Arguments, Context) and through ConvReference. Rerunning the script
rewrites the same bytes (every input comes from a seeded generator).

What each reference is:
  conv2d, 4-D kernel      tf.nn.conv2d (NHWC, SAME puts the odd padding bottom/right).
  conv2d, 2-D kernel      tf.nn.depthwise_conv2d with the kernel on every channel; when stride > 1 and
                          dilation > 1 together, tf.nn.conv2d with the block-diagonal [kh,kw,C,C] kernel instead
                          (the issue: TF's depthwise op mishandles that combination; follow tf.nn.conv2d).
  activation=relu         tf.nn.relu(tf.nn.conv2d(...)).
  border=reflect|replicate|wrap   scipy.ndimage.correlate with mode reflect|nearest|wrap (SAME, stride 1).
                          Alignment: SciPy centres a k-tap filter on tap k//2 + origin; TensorFlow's SAME puts
                          tap (k-1)//2 on the output pixel (the odd padding pixel goes bottom/right). We pass
                          origin = (k-1)//2 - k//2 (0 for odd k, -1 for even k), so border=zero would equal
                          tf.nn.conv2d SAME exactly; the script asserts that before writing any border case.
  relu                    tf.nn.relu (-0.0 gives +0.0 in Eigen's vector path, NaN stays NaN; see the note below).
  maxpool                 tf.nn.max_pool2d (SAME pads with -inf: padding never wins, inputs are all negative).
  load (.npy)             files written by numpy.lib.format (dtypes, byte orders, versions 1.0/2.0), expected
                          as astype(float32); Fortran order, complex, structured and unicode must be refused.
  save (.npy)             NumPy's bytes for a float32 C-order array: `save` must write the same file.

Self-checks (assertions, not written out): tf.nn.conv2d with stride and dilation equals the same conv with the
dilated kernel written out with zeros; SciPy's modes equal numpy.pad's symmetric/edge/wrap followed by a VALID
conv.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import scipy.ndimage as ndimage
import tensorflow as tf

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "OpsTests", "Reference")
cases = []

os.makedirs(OUT, exist_ok=True)
for stale in os.listdir(OUT):
    if stale.endswith(".npy") or stale == "manifest.json":
        os.remove(os.path.join(OUT, stale))


def data(seed, shape, low=-1.0, high=1.0):
    """Seeded uniform float32 values, rounded to 1/64 so the files stay readable and sums stay exact-ish."""
    rng = np.random.default_rng(seed)
    return (np.round(rng.uniform(low, high, size=shape) * 64) / 64).astype(np.float32)


def save(name, array):
    np.save(os.path.join(OUT, name), np.asarray(array, dtype=np.float32, order="C"))  # keeps 0-d
    return name


def add(name, op, tensors, output, words=(), options=None, reference=""):
    """Records one case: tensors are the op's tensor arguments in order; words and options follow them."""
    files = [save(f"{name}_{label}.npy", array) for label, array in tensors]
    cases.append({
        "name": name,
        "op": op,
        "inputs": files,
        "words": list(words),
        "options": options or {},
        "output": save(f"{name}_out.npy", output),
        "reference": reference,
    })


def pair(value):
    return list(value) if isinstance(value, (list, tuple)) else [value, value]


# MARK: - conv2d with a 4-D kernel: tf.nn.conv2d

def conv_case(name, seed, n, h, w, cin, kh, kw, cout, padding, stride=1, dilation=1, rank=4, relu=False):
    x = data(seed, (n, h, w, cin))
    k = data(seed + 1, (kh, kw, cin, cout))
    y = tf.nn.conv2d(x, k, strides=pair(stride), padding=padding.upper(), dilations=pair(dilation)).numpy()
    if pair(stride) != [1, 1] and pair(dilation) != [1, 1]:
        # Self-check: the same conv with the dilation written into the kernel as zeros.
        dy, dx = pair(dilation)
        wide = np.zeros(((kh - 1) * dy + 1, (kw - 1) * dx + 1, cin, cout), np.float32)
        wide[::dy, ::dx] = k
        check = tf.nn.conv2d(x, wide, strides=pair(stride), padding=padding.upper()).numpy()
        assert np.allclose(y, check, atol=1e-5), name
    reference = "tf.nn.conv2d"
    if relu:
        y = tf.nn.relu(y).numpy()
        reference = "tf.nn.relu(tf.nn.conv2d)"
    assert n == 1 or rank == 4
    if rank == 3:
        x, y = x[0], y[0]
    options = {}
    if stride != 1:
        options["stride"] = stride
    if dilation != 1:
        options["dilation"] = dilation
    if relu:
        options["activation"] = "relu"
    add(name, "conv2d", [("x", x), ("k", k)], y, [padding], options, reference)


conv_case("conv_2x2_same", 10, 1, 6, 7, 3, 2, 2, 4, "same")                  # even kernel: pad 0 top, 1 bottom
conv_case("conv_2x2_valid", 12, 1, 6, 7, 3, 2, 2, 4, "valid")
conv_case("conv_3x3_same_cin1_cout1", 14, 1, 7, 9, 1, 3, 3, 1, "same")
conv_case("conv_4x4_same", 16, 1, 8, 8, 1, 4, 4, 4, "same")                  # pad 3: 1 top, 2 bottom
conv_case("conv_5x3_same_s2", 18, 1, 9, 10, 3, 5, 3, 7, "same", stride=2)    # H pad 2/2, W pad 0/1
conv_case("conv_3x3_same_s2_even", 20, 1, 8, 8, 3, 3, 3, 4, "same", stride=2)  # pad 1: 0 top, 1 bottom
conv_case("conv_3x3_same_s3", 22, 1, 10, 11, 5, 3, 3, 7, "same", stride=3)   # H pad 1/1, W pad 0/1
conv_case("conv_4x4_same_s3", 24, 1, 7, 7, 1, 4, 4, 1, "same", stride=3)     # pad 3: 1/2
conv_case("conv_3x3_valid_s2", 26, 1, 9, 8, 5, 3, 3, 7, "valid", stride=2)
conv_case("conv_2x2_valid_s3", 28, 1, 8, 10, 3, 2, 2, 4, "valid", stride=3)  # stride > kernel: skips pixels
conv_case("conv_3x3_same_s2x1", 30, 1, 7, 6, 3, 3, 3, 4, "same", stride=[2, 1])
conv_case("conv_3x3_same_d2", 32, 1, 9, 9, 3, 3, 3, 4, "same", dilation=2)
conv_case("conv_2x2_same_d3", 34, 1, 8, 7, 1, 2, 2, 4, "same", dilation=3)   # extent 4: pad 1/2
conv_case("conv_3x2_valid_d2x3", 36, 1, 9, 10, 3, 3, 2, 4, "valid", dilation=[2, 3])
conv_case("conv_3x3_same_s2_d2", 38, 1, 9, 10, 3, 3, 3, 4, "same", stride=2, dilation=2)
conv_case("conv_2x2_valid_s3_d2", 40, 1, 11, 9, 5, 2, 2, 7, "valid", stride=3, dilation=2)
conv_case("conv_4x3_same_s2_d2_even", 42, 1, 8, 9, 1, 4, 3, 1, "same", stride=2, dilation=[2, 1])
conv_case("conv_batch2_3x3_same_s2", 44, 2, 7, 6, 3, 3, 3, 4, "same", stride=2)
conv_case("conv_batch2_2x2_valid", 46, 2, 5, 5, 5, 2, 2, 7, "valid")
conv_case("conv_rank3_3x3_same", 48, 1, 6, 5, 3, 3, 3, 4, "same", rank=3)
conv_case("conv_5x5_same_wider_than_input", 50, 1, 3, 4, 1, 5, 5, 4, "same")  # padding wider than the image
conv_case("conv_1x1_cin5_cout7", 52, 1, 4, 5, 5, 1, 1, 7, "valid")
conv_case("conv_3x3_same_relu", 54, 1, 6, 6, 3, 3, 3, 4, "same", relu=True)


# MARK: - conv2d with a 2-D kernel: depthwise

def block_diagonal(k2, c):
    """[kh,kw] → [kh,kw,C,C] with the kernel on the channel diagonal."""
    bank = np.zeros(k2.shape + (c, c), np.float32)
    for i in range(c):
        bank[:, :, i, i] = k2
    return bank


def depthwise_case(name, seed, n, h, w, c, kh, kw, padding, stride=1, dilation=1, rank=4):
    x = data(seed, (n, h, w, c))
    k = data(seed + 1, (kh, kw))
    s, d = pair(stride), pair(dilation)
    if s != [1, 1] and d != [1, 1]:
        y = tf.nn.conv2d(x, block_diagonal(k, c), strides=s, padding=padding.upper(), dilations=d).numpy()
        reference = "tf.nn.conv2d with the block-diagonal [kh,kw,C,C] kernel"
    else:
        tiled = np.repeat(k[:, :, None, None], c, axis=2)  # [kh,kw,C,1]
        y = tf.nn.depthwise_conv2d(x, tiled, strides=[1, *s, 1], padding=padding.upper(), dilations=d).numpy()
        reference = "tf.nn.depthwise_conv2d with the kernel on every channel"
        check = tf.nn.conv2d(x, block_diagonal(k, c), strides=s, padding=padding.upper(), dilations=d).numpy()
        assert np.allclose(y, check, atol=1e-5), name
    if rank == 3:
        x, y = x[0], y[0]
    elif rank == 2:
        assert c == 1
        x, y = x[0, :, :, 0], y[0, :, :, 0]
    options = {}
    if stride != 1:
        options["stride"] = stride
    if dilation != 1:
        options["dilation"] = dilation
    add(name, "conv2d", [("x", x), ("k", k)], y, [padding], options, reference)


depthwise_case("depthwise_3x3_same_c3", 60, 1, 7, 8, 3, 3, 3, "same")
depthwise_case("depthwise_2x2_same_s2_c5", 62, 1, 6, 7, 5, 2, 2, "same", stride=2)
depthwise_case("depthwise_4x4_valid_d2", 64, 1, 8, 9, 3, 4, 4, "valid", dilation=2)
depthwise_case("depthwise_3x3_same_s2_d2", 66, 1, 9, 10, 3, 3, 3, "same", stride=2, dilation=2)
depthwise_case("depthwise_2x3_valid_s3_d2", 68, 1, 10, 11, 3, 2, 3, "valid", stride=3, dilation=2)
depthwise_case("depthwise_rank3_5x3_same", 70, 1, 6, 7, 3, 5, 3, "same", rank=3)
depthwise_case("depthwise_batch2_3x3_valid", 72, 2, 5, 6, 3, 3, 3, "valid")
depthwise_case("depthwise_rank2_3x3_same", 74, 1, 7, 9, 1, 3, 3, "same", rank=2)
depthwise_case("depthwise_rank2_2x2_same_s2", 76, 1, 5, 6, 1, 2, 2, "same", stride=2, rank=2)


# MARK: - border modes: scipy.ndimage.correlate

SCIPY_MODE = {"reflect": "reflect", "replicate": "nearest", "wrap": "wrap"}
NUMPY_MODE = {"reflect": "symmetric", "replicate": "edge", "wrap": "wrap"}


def origin(k):
    """SciPy origin that puts TensorFlow's SAME alignment on a k-tap axis: (k-1)//2 - k//2."""
    return (k - 1) // 2 - k // 2


def correlate(plane, k2, mode):
    """[H,W] correlated with [kh,kw], SAME size, TensorFlow's alignment."""
    return ndimage.correlate(plane.astype(np.float64), k2.astype(np.float64), mode=mode,
                             origin=[origin(k2.shape[0]), origin(k2.shape[1])])


def check_alignment():
    """SciPy with zero padding and our origin equals tf.nn.conv2d SAME, for odd and even kernels."""
    for kh, kw in [(2, 2), (3, 3), (4, 4), (5, 3), (2, 5)]:
        x = data(90 + kh * 10 + kw, (7, 8))
        k = data(91 + kh * 10 + kw, (kh, kw))
        mine = correlate(x, k, "constant")
        tf_same = tf.nn.conv2d(x[None, :, :, None], k[:, :, None, None], 1, "SAME").numpy()[0, :, :, 0]
        assert np.allclose(mine, tf_same, atol=1e-5), (kh, kw)


def check_against_numpy_pad(x, k, border):
    """SciPy's mode equals numpy.pad with TF's SAME split followed by a VALID correlation."""
    kh, kw = k.shape
    top, left = (kh - 1) // 2, (kw - 1) // 2
    padded = np.pad(x, ((top, kh - 1 - top), (left, kw - 1 - left)), mode=NUMPY_MODE[border])
    valid = tf.nn.conv2d(padded[None, :, :, None], k[:, :, None, None], 1, "VALID").numpy()[0, :, :, 0]
    return np.allclose(correlate(x, k, SCIPY_MODE[border]), valid, atol=1e-5)


def border_case(name, seed, h, w, c, kshape, border, rank):
    """2-D kernel (kshape (kh,kw)) on each channel, or 4-D kernel (kh,kw,c,cout) summed over channels."""
    x = data(seed, (h, w, c))
    k = data(seed + 1, kshape)
    if len(kshape) == 2:
        y = np.stack([correlate(x[:, :, i], k, SCIPY_MODE[border]) for i in range(c)], axis=-1)
        for i in range(c):
            assert check_against_numpy_pad(x[:, :, i], k, border), name
    else:
        cout = kshape[3]
        y = np.stack([sum(correlate(x[:, :, i], k[:, :, i, o], SCIPY_MODE[border]) for i in range(c))
                      for o in range(cout)], axis=-1)
    if rank == 2:
        assert c == 1 and len(kshape) == 2
        x, y = x[:, :, 0], y[:, :, 0]
    elif rank == 4:
        x, y = x[None], y[None]
    add(name, "conv2d", [("x", x), ("k", k)], y.astype(np.float32), ["same"], {"border": border},
        f"scipy.ndimage.correlate mode={SCIPY_MODE[border]}, origin=(k-1)//2-k//2 per axis")


check_alignment()
border_case("border_reflect_3x3", 100, 6, 7, 1, (3, 3), "reflect", 2)
border_case("border_replicate_3x3", 102, 6, 7, 1, (3, 3), "replicate", 2)
border_case("border_wrap_3x3", 104, 6, 7, 1, (3, 3), "wrap", 2)
border_case("border_reflect_4x4_c2", 106, 6, 7, 2, (4, 4), "reflect", 3)      # even: pad 1 top, 2 bottom
border_case("border_wrap_2x2_c3", 108, 5, 6, 3, (2, 2), "wrap", 4)
border_case("border_replicate_5x3_c3", 110, 7, 6, 3, (5, 3), "replicate", 3)
border_case("border_reflect_bank_cin3_cout4", 112, 5, 6, 3, (3, 3, 3, 4), "reflect", 4)
border_case("border_wrap_5x5_on_3x4", 114, 3, 4, 1, (5, 5), "wrap", 2)        # padding as wide as the image
border_case("border_reflect_5x5_on_3x4", 116, 3, 4, 1, (5, 5), "reflect", 2)


# MARK: - relu: tf.nn.relu

# NOTE: tf.nn.relu's sign of zero for -0.0 depends on where the element sits: Eigen's 8-lane packets return +0.0,
# the scalar tail after the last full packet returns -0.0. Eight values fill one packet, so every value here goes
# through the vector path, as nearly all of a real tensor does; convsh's relu gives +0.0 everywhere.
# NOTE: TensorFlow runs its ops with subnormals flushed to zero (relu(1e-45) is 0 there); convsh keeps IEEE
# subnormals, so the cases use tiny normal numbers instead.
special = np.array([[-0.0, 0.0, np.nan, np.inf],
                    [-np.inf, -1e-30, 1e-30, -3.5]], np.float32)
relu_special = tf.nn.relu(special).numpy()
assert not np.signbit(relu_special[0, 0]) and np.isnan(relu_special[0, 2]), relu_special
add("relu_special_values", "relu", [("x", special)], relu_special, reference="tf.nn.relu")
noise = data(120, (2, 4, 5, 3))
add("relu_batch", "relu", [("x", noise)], tf.nn.relu(noise).numpy(), reference="tf.nn.relu")


# MARK: - maxpool: tf.nn.max_pool2d

def pool_case(name, seed, n, h, w, c, size, stride, padding, rank=4, negative=True):
    x = data(seed, (n, h, w, c), -2.0, -0.5 if negative else 2.0)
    y = tf.nn.max_pool2d(x, ksize=pair(size), strides=pair(stride), padding=padding.upper()).numpy()
    if rank == 3:
        x, y = x[0], y[0]
    elif rank == 2:
        x, y = x[0, :, :, 0], y[0, :, :, 0]
    options = {}
    if size != 2:
        options["size"] = size
    if stride != size:
        options["stride"] = stride
    add(name, "maxpool", [("x", x)], y, [padding], options, "tf.nn.max_pool2d")


pool_case("maxpool_2x2_valid_odd", 130, 1, 7, 9, 3, 2, 2, "valid", rank=3, negative=False)
pool_case("maxpool_2x2_same_odd_negative", 132, 1, 7, 9, 3, 2, 2, "same", rank=3)
pool_case("maxpool_3x3_s2_same_negative", 134, 1, 8, 8, 1, 3, 2, "same", rank=3)  # pad 1: 0 top, 1 bottom
pool_case("maxpool_3x3_s1_same_negative", 136, 1, 5, 6, 2, 3, 1, "same")
pool_case("maxpool_3x3_s2_valid", 138, 1, 9, 8, 3, 3, 2, "valid", negative=False)
pool_case("maxpool_2x3_s1x2_same_negative", 140, 1, 6, 7, 2, [2, 3], [1, 2], "same")
pool_case("maxpool_batch2_2x2_same", 142, 2, 5, 5, 3, 2, 2, "same")
pool_case("maxpool_rank2_3x3_s3_valid", 144, 1, 10, 8, 1, 3, 3, "valid", rank=2, negative=False)


# MARK: - .npy files written by NumPy: load converts them to float32; save must write NumPy's bytes

def npy_case(name, array, version=None, error=None):
    """A file as NumPy writes it; `expected` is array.astype(float32), or `error` a phrase the failure must hold."""
    path = os.path.join(OUT, f"{name}.npy")
    with open(path, "wb") as f:
        np.lib.format.write_array(f, array, version=version)
    case = {"name": name, "op": "load", "paths": [f"{name}.npy"], "inputs": [], "words": [], "options": {},
            "reference": f"numpy.lib.format.write_array, dtype {array.dtype.str}, version {version or 'auto'}"}
    if error:
        case["error"] = error
    else:
        case["output"] = save(f"{name}_out.npy", np.asarray(array, dtype=np.float32))
    cases.append(case)


npy_case("npy_f4_v1", data(150, (2, 3, 4)))
npy_case("npy_f4_v2", data(151, (3, 2)), version=(2, 0))
npy_case("npy_f8", np.array([[0.1, -2.5], [1e30, -1e-3]], np.float64))
npy_case("npy_f2", np.array([0.5, -1.25, 65504, 6e-5], np.float16))
npy_case("npy_i1", np.array([-128, -1, 0, 127], np.int8))
npy_case("npy_i2_big_endian", np.array([[-300, 2], [32767, -32768]], ">i2"))
npy_case("npy_i4_big_endian", np.array([-70000, 16777217], ">i4"))      # 16777217 rounds to 16777216
npy_case("npy_i8", np.array([[-(2 ** 40), 5]], np.int64))
npy_case("npy_u1_image", np.array([[[0], [128]], [[255], [7]]], np.uint8))
npy_case("npy_u2", np.array([0, 65535], np.uint16))
npy_case("npy_f8_big_endian", np.array([1.5, -0.25], ">f8"))
npy_case("npy_bool", np.array([True, False, True]))
npy_case("npy_scalar", np.array(3.25, np.float32))
npy_case("npy_empty", np.zeros((0, 3), np.float32))
npy_case("npy_fortran", np.asfortranarray(data(152, (3, 2))), error="Fortran")
npy_case("npy_complex", np.array([1 + 2j], np.complex64), error="unsupported .npy dtype")
npy_case("npy_structured", np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]), error="structured")
npy_case("npy_unicode", np.array(["ab"]), error="unsupported .npy dtype")

# What `save` must write, byte for byte: NumPy's own file for a float32 C-order array.
for name, array in [("npy_save_2x3", data(153, (2, 3))), ("npy_save_1d", data(154, (5,))),
                    ("npy_save_scalar", np.array(-1.5, np.float32)), ("npy_save_4d", data(155, (1, 2, 3, 2)))]:
    with open(os.path.join(OUT, f"{name}.npy"), "wb") as f:
        np.lib.format.write_array(f, array, version=(1, 0))
    cases.append({"name": name, "op": "save", "inputs": [f"{name}.npy"], "words": [], "options": {},
                  "output": f"{name}.npy", "reference": "numpy.lib.format.write_array version 1.0"})


# MARK: - inputs of the golden transcripts (Tests/Golden/data)

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Golden", "data")
os.makedirs(GOLDEN, exist_ok=True)
square = np.full((8, 8, 1), 0.25, np.float32)   # a gray [H,W,1] photo: a bright 4x4 square on a dark ground
square[2:6, 2:6] = 0.75
np.save(os.path.join(GOLDEN, "square.npy"), square)
np.save(os.path.join(GOLDEN, "keep.npy"), np.arange(6, dtype=np.float32).reshape(2, 3))
with open(os.path.join(GOLDEN, "truncated.npy"), "wb") as f:  # the header promises 64 floats, 8 bytes follow
    f.write(open(os.path.join(GOLDEN, "square.npy"), "rb").read()[:136])


# MARK: - manifest

with open(os.path.join(OUT, "manifest.json"), "w") as f:
    json.dump({"generator": "scripts/make-reference.py", "tensorflow": tf.__version__,
               "numpy": np.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
total = sum(os.path.getsize(os.path.join(OUT, name)) for name in os.listdir(OUT))
print(f"wrote {len(cases)} cases, {total} bytes, to Tests/OpsTests/Reference", file=sys.stderr)
