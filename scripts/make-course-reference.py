#!/usr/bin/env python3
"""Writes the reference cases of the course ops into Tests/OpsTests/CourseReference: inputs and the outputs
TensorFlow / Keras compute for them, as small .npy files, plus manifest.json describing every case.

Run with a Python that has tensorflow-cpu and keras 3, from the repository root:

    $CONVSH_PYTHON scripts/make-course-reference.py

Tests/OpsTests/CourseReferenceTests.swift runs every case through the registered op (registry lookup, argument
binding, options) and compares: exact (0) for copies (pad, flip, rot90, flatten, gray/rgb, globalpool max,
nearest resize), float32 rounding for arithmetic, 1e-5 absolute for resize and the projective transforms.
Every input comes from a seeded generator, so a rerun rewrites the same bytes.

A case is {name, op, inputs: [tensor files], args: [numbers and words after them], options: {key: number, word,
or {"tensor": file}}, output (or error: a piece of the expected message), reference: the TF call}.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import tensorflow as tf
import keras

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "OpsTests", "CourseReference")
os.makedirs(OUT, exist_ok=True)
for stale in os.listdir(OUT):
    if stale.endswith(".npy") or stale == "manifest.json":
        os.remove(os.path.join(OUT, stale))
cases = []


def data(seed, shape, low=-1.0, high=1.0):
    """Seeded uniform float32 values, rounded to 1/64 so the files stay readable."""
    rng = np.random.default_rng(seed)
    return (np.round(rng.uniform(low, high, size=shape) * 64) / 64).astype(np.float32)


def save(name, array):
    np.save(os.path.join(OUT, name), np.asarray(array, dtype=np.float32, order="C"))
    return name


def add(name, op, tensors, output, args=(), options=None, reference="", tensor_options=None):
    """One case: tensors are the op's tensor arguments in order; args and options follow them."""
    files = [save(f"{name}_{i}.npy", array) for i, array in enumerate(tensors)]
    opts = dict(options or {})
    for key, array in (tensor_options or {}).items():
        opts[key] = {"tensor": save(f"{name}_{key}.npy", array)}
    case = {"name": name, "op": op, "inputs": files, "args": list(args), "options": opts, "reference": reference}
    if isinstance(output, str):
        case["error"] = output
    else:
        case["output"] = save(f"{name}_out.npy", output)
    cases.append(case)


def as_batch(x):
    return x if x.ndim == 4 else (x[None] if x.ndim == 3 else x[None, :, :, None])


def like(x, y):
    """y [N,H,W,C] back in x's rank (an [H,W] image keeps [H,W] when one channel comes out)."""
    if x.ndim == 4:
        return y
    if x.ndim == 3:
        return y[0]
    return y[0, :, :, 0] if y.shape[-1] == 1 else y[0]


IMAGES = {  # name: shape; odd sizes, 1 and 3 channels, a batch and a matrix
    "rgb": (7, 9, 3), "gray": (9, 7, 1), "batch": (2, 5, 7, 3), "matrix": (7, 5),
}


def image(kind, seed, low=-1.0, high=1.0):
    return data(seed, IMAGES[kind], low, high)


# MARK: - avgpool: tf.nn.avg_pool2d (SAME averages only the real pixels)

for i, (kind, size, stride, padding) in enumerate([
        ("rgb", 2, None, "valid"), ("rgb", 2, None, "same"), ("gray", 3, 2, "same"), ("batch", 3, 1, "same"),
        ("matrix", 2, 1, "valid"), ("rgb", [2, 3], [1, 2], "same"), ("batch", 3, 3, "valid")]):
    x = image(kind, 100 + i)
    s = size if isinstance(size, list) else [size, size]
    st = s if stride is None else (stride if isinstance(stride, list) else [stride, stride])
    y = tf.nn.avg_pool2d(as_batch(x), s, st, padding.upper()).numpy()
    options = {"size": size}
    if stride is not None:
        options["stride"] = stride
    add(f"avgpool_{kind}_{i}_{padding}", "avgpool", [x], like(x, y), [padding], options, "tf.nn.avg_pool2d")

# MARK: - globalpool: Keras GlobalAveragePooling2D / GlobalMaxPooling2D

for i, (kind, how, keep) in enumerate([("rgb", "avg", 0), ("rgb", "max", 0), ("batch", "avg", 0),
                                       ("batch", "max", 1), ("gray", "avg", 1)]):
    x = image(kind, 120 + i)
    layer = (keras.layers.GlobalAveragePooling2D if how == "avg" else keras.layers.GlobalMaxPooling2D)(
        keepdims=bool(keep))
    y = layer(as_batch(x)).numpy()
    y = y if x.ndim == 4 else y[0]
    add(f"globalpool_{kind}_{how}_k{keep}", "globalpool", [x], y, [how], {"keepdims": keep},
        f"keras.layers.Global{'Average' if how == 'avg' else 'Max'}Pooling2D(keepdims={bool(keep)})")

# MARK: - softmax: tf.nn.softmax

for i, (kind, axis) in enumerate([("rgb", -1), ("batch", -1), ("batch", 1), ("matrix", 0)]):
    x = image(kind, 140 + i, -4, 4)
    add(f"softmax_{kind}_axis{axis}", "softmax", [x], tf.nn.softmax(x, axis=axis).numpy(), [],
        {"axis": axis} if axis != -1 else {}, "tf.nn.softmax")

# MARK: - bias, dense, batchnorm, flatten

for i, kind in enumerate(["rgb", "batch", "gray"]):
    x = image(kind, 160 + i)
    b = data(170 + i, (x.shape[-1],))
    add(f"bias_{kind}", "bias", [x, b], tf.nn.bias_add(x, b).numpy(), reference="tf.nn.bias_add")
add("bias_wrong_channels", "bias", [image("rgb", 175), data(176, (4,))], "[4]")

for i, (shape, units, activation, use_bias) in enumerate([((5,), 3, None, True), ((2, 7), 4, "relu", True),
                                                          ((3, 6), 5, None, False), ((2, 3, 5), 2, "relu", False)]):
    x = data(180 + i, shape)
    layer = keras.layers.Dense(units, activation=activation, use_bias=use_bias)
    layer.build(x.shape)
    w = data(190 + i, (shape[-1], units))
    weights = [w] + ([data(195 + i, (units,))] if use_bias else [])
    layer.set_weights(weights)
    options = {"activation": activation} if activation else {}
    y = layer(x[None]).numpy()[0] if x.ndim == 1 else layer(x).numpy()
    add(f"dense_{i}_{activation or 'linear'}", "dense", [x] + weights, y, [], options,
        f"keras.layers.Dense({units}, activation={activation!r}, use_bias={use_bias})")
add("dense_wrong_inputs", "dense", [data(185, (2, 7)), data(186, (6, 3))], "[6,3]")

for i, (kind, with_beta, with_gamma, epsilon) in enumerate([("rgb", True, True, None), ("batch", True, True, 1e-5),
                                                            ("gray", False, False, None), ("rgb", True, False, None)]):
    x = image(kind, 200 + i)
    c = x.shape[-1]
    mean, var = data(210 + i, (c,)), data(215 + i, (c,), 0.1, 2.0)
    beta = data(220 + i, (c,)) if with_beta else None
    gamma = data(225 + i, (c,), 0.5, 1.5) if with_gamma else None
    eps = 0.001 if epsilon is None else epsilon
    y = tf.nn.batch_normalization(x, mean, var, beta, gamma, eps).numpy()
    tensors = [x, mean, var] + ([beta] if with_beta else []) + ([gamma] if with_gamma else [])
    add(f"batchnorm_{kind}_{i}", "batchnorm", tensors, y, [], {} if epsilon is None else {"epsilon": epsilon},
        f"tf.nn.batch_normalization(epsilon={eps})")

for kind in ["rgb", "batch", "matrix"]:
    x = image(kind, 230)
    y = keras.layers.Flatten()(x).numpy() if x.ndim == 4 else x.reshape(-1)
    add(f"flatten_{kind}", "flatten", [x], y, reference="keras.layers.Flatten (a batch keeps its first axis)")

# MARK: - conv2d bias= and activation=

for i, (activation, kind) in enumerate([("relu", "rgb"), ("none", "batch"), ("relu", "gray")]):
    x = image(kind, 240 + i)
    k = data(245 + i, (3, 3, x.shape[-1], 4))
    b = data(248 + i, (4,))
    y = tf.nn.bias_add(tf.nn.conv2d(as_batch(x), k, 1, "SAME"), b)
    if activation == "relu":
        y = tf.nn.relu(y)
    add(f"conv2d_bias_{activation}_{kind}", "conv2d", [x, k], like(x, y.numpy()), ["same"],
        {"activation": activation}, "tf.nn.bias_add(tf.nn.conv2d(SAME)) then the activation",
        tensor_options={"bias": b})
add("conv2d_bias_wrong_channels", "conv2d", [image("rgb", 251), data(252, (3, 3, 3, 4))], "[3]", ["same"],
    tensor_options={"bias": data(253, (3,))})

# MARK: - pad: tf.pad on the spatial axes

for i, (kind, pads, mode, value) in enumerate([("rgb", (1, 2, 3, 0), "constant", 0.5), ("batch", (2, 1, 1, 2), "reflect", 0),
                                               ("gray", (3, 0, 2, 4), "symmetric", 0), ("matrix", (4, 6, 4, 4), "reflect", 0),
                                               ("rgb", (0, 7, 9, 0), "symmetric", 0)]):
    x = image(kind, 260 + i)
    t, b, l, r = pads
    spec = [[t, b], [l, r]] + [[0, 0]] * (x.ndim - 2)
    if x.ndim == 4:
        spec = [[0, 0]] + spec[:2] + [[0, 0]]
    y = tf.pad(x, spec, mode.upper(), constant_values=value).numpy()
    options = {"mode": mode} if mode != "constant" else {"value": value}
    add(f"pad_{kind}_{mode}", "pad", [x], y, list(pads), options, f"tf.pad(mode={mode.upper()!r})")
add("pad_reflect_too_wide", "pad", [image("rgb", 270)], "reflect", [7, 0, 0, 0], {"mode": "reflect"})
add("pad_negative", "pad", [image("rgb", 271)], "argument 3", [1, -1, 0, 0])

# MARK: - resize: tf.image.resize (half-pixel centres)

SIZES = [("rgb", 4, 5), ("rgb", 13, 17), ("gray", 5, 11), ("batch", 9, 3), ("matrix", 11, 9)]
for method in ["bilinear", "nearest", "bicubic", "area", "lanczos3"]:
    for antialias in ([0, 1] if method in ("bilinear", "bicubic", "lanczos3") else [0]):
        for i, (kind, h, w) in enumerate(SIZES):
            x = image(kind, 280 + i, 0, 1)
            y = tf.image.resize(as_batch(x), (h, w), method=method, antialias=bool(antialias)).numpy()
            options = {"method": method}
            if antialias:
                options["antialias"] = 1
            add(f"resize_{method}_aa{antialias}_{kind}_{h}x{w}", "resize", [x], like(x, y), [h, w], options,
                f"tf.image.resize(method={method!r}, antialias={bool(antialias)})")
add("resize_unknown_method", "resize", [image("rgb", 290)], "bilinear", [3, 3], {"method": "bilnear"})
add("resize_zero_size", "resize", [image("rgb", 291)], "argument 2", [0, 3])

# MARK: - flip, rot90: tf.image

for kind in ["rgb", "batch", "matrix"]:
    x = image(kind, 300)
    b = as_batch(x)
    add(f"flip_horizontal_{kind}", "flip", [x], like(x, tf.image.flip_left_right(b).numpy()), ["horizontal"],
        reference="tf.image.flip_left_right")
    add(f"flip_vertical_{kind}", "flip", [x], like(x, tf.image.flip_up_down(b).numpy()), ["vertical"],
        reference="tf.image.flip_up_down")
    for k in [1, 2, 3, -1, 5]:
        add(f"rot90_{kind}_k{k}", "rot90", [x], like(x, tf.image.rot90(b, k).numpy()), [], {"k": k},
            f"tf.image.rot90(k={k})")

# MARK: - rotate, translate, zoom: Keras' random layers for a fixed draw (ImageProjectiveTransformV3)

FILLS = ["reflect", "wrap", "constant", "nearest"]


def transform_cases(op, layer_for, draws, kinds):
    for i, draw in enumerate(draws):
        for fill in FILLS:
            for interpolation in ["bilinear", "nearest"]:
                kind = kinds[(i + FILLS.index(fill)) % len(kinds)]
                x = image(kind, 320 + i, 0, 1)
                value = 0.25 if fill == "constant" else 0.0
                layer = layer_for(draw, x, fill, interpolation, value)
                y = layer(as_batch(x), training=True).numpy()
                options = {"fill": fill, "interpolation": interpolation}
                if fill == "constant":
                    options["value"] = value
                args = list(draw) if isinstance(draw, tuple) else [draw]
                add(f"{op}_{i}_{fill}_{interpolation}_{kind}", op, [x], like(x, y), args, options,
                    f"{type(layer).__name__} for a fixed draw ({fill}, {interpolation})")


def h_w(x):
    b = as_batch(x)
    return b.shape[1], b.shape[2]


transform_cases("rotate", lambda d, x, f, i, v: keras.layers.RandomRotation(
    (d / 360, d / 360), fill_mode=f, interpolation=i, fill_value=v), [30, -45, 17, 90, 200], ["rgb", "gray", "batch"])
transform_cases("translate", lambda d, x, f, i, v: keras.layers.RandomTranslation(
    (d[0] / h_w(x)[0], d[0] / h_w(x)[0]), (d[1] / h_w(x)[1], d[1] / h_w(x)[1]), fill_mode=f, interpolation=i,
    fill_value=v), [(2, -3), (-1.5, 2.25), (4, 4)], ["rgb", "matrix", "batch"])
transform_cases("zoom", lambda d, x, f, i, v: keras.layers.RandomZoom(
    (d, d), fill_mode=f, interpolation=i, fill_value=v), [0.3, -0.25, 0.7], ["rgb", "gray", "batch"])
add("translate_too_far", "translate", [image("rgb", 340)], "argument 2", [8, 0])
add("zoom_factor_out_of_range", "zoom", [image("rgb", 341)], "argument 2", [-1.5])
add("rotate_unknown_fill", "rotate", [image("rgb", 342)], "reflect", [10], {"fill": "reflet"})

# MARK: - colour and intensity

for kind in ["rgb", "batch"]:
    x = image(kind, 350, 0, 1)
    add(f"gray_{kind}", "gray", [x], tf.image.rgb_to_grayscale(tf.constant(x)).numpy(), reference="tf.image.rgb_to_grayscale")
x = image("gray", 352, 0, 1)
add("rgb_gray", "rgb", [x], tf.image.grayscale_to_rgb(tf.constant(x)).numpy(), reference="tf.image.grayscale_to_rgb")
add("gray_of_gray", "gray", [x], "3 channels")
for i, (kind, factor) in enumerate([("rgb", 0.5), ("batch", 1.8), ("gray", -0.5)]):
    x = image(kind, 360 + i, 0, 1)
    add(f"contrast_{kind}_{factor}", "contrast", [x], tf.image.adjust_contrast(x, factor).numpy(), [factor],
        reference="tf.image.adjust_contrast")
    add(f"brightness_{kind}_{factor}", "brightness", [x], tf.image.adjust_brightness(x, factor).numpy(), [factor],
        reference="tf.image.adjust_brightness")
for kind in ["rgb", "batch", "gray"]:
    x = image(kind, 370, 0, 1)
    add(f"normalize_standard_{kind}", "normalize", [x], tf.image.per_image_standardization(x).numpy(), ["standard"],
        reference="tf.image.per_image_standardization")
    b = as_batch(x)
    low, high = b.min(axis=(1, 2, 3), keepdims=True), b.max(axis=(1, 2, 3), keepdims=True)
    add(f"normalize_range_{kind}", "normalize", [x], ((b - low) / (high - low)).reshape(x.shape), ["range"],
        reference="(x - min) / (max - min) per image (NumPy)")
add("normalize_standard_constant", "normalize", [np.full((3, 5, 1), 0.5, np.float32)],
    tf.image.per_image_standardization(np.full((3, 5, 1), 0.5, np.float32)).numpy(), ["standard"],
    reference="tf.image.per_image_standardization")

# MARK: - manifest

with open(os.path.join(OUT, "manifest.json"), "w") as f:
    json.dump({"generator": "scripts/make-course-reference.py", "tensorflow": tf.__version__,
               "keras": keras.__version__, "numpy": np.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
total = sum(os.path.getsize(os.path.join(OUT, name)) for name in os.listdir(OUT))
print(f"wrote {len(cases)} cases, {total} bytes, to Tests/OpsTests/CourseReference", file=sys.stderr)
