#!/usr/bin/env python3
"""Writes Tests/OpsTests/Reference/math/cases.json: what NumPy (and TensorFlow, for its activations and
tf.round) compute for ConvShell's tensor math, run by Tests/OpsTests/Math/MathReferenceTests.swift.

    ${CONVSH_PYTHON:-python3} scripts/make-math-reference.py

Every float is stored as its float32 bit pattern (so -0, inf and NaN survive JSON). Inputs are fixed edge values
(±0, ±inf, NaN, halves for rounding) and seeded random values; rerunning rewrites the same file.

Case kinds:
  op         a registry op called with tensor/number arguments and options (np.sqrt, tf.nn.gelu, np.sum(axis=)...)
  code       one op code of the element-wise engine on broadcast operands (the operators + - * / % ** < ... and
             the logic ops; NumPy's float32 ufuncs, Python's % semantics through np.remainder), and its
             transcendental functions and activations at the extremes of the float range (TensorFlow)
  error      an op code on zero tensors of shapes that do not broadcast: the message we give
  index      NumPy basic indexing x[...] (the index written as Python source)
  format     str(array) / np.array2string(precision=digits)
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import tensorflow as tf

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "OpsTests", "Reference", "math")
rng = np.random.default_rng(9)
cases = []

EDGE = np.array([-np.inf, -7.0, -2.5, -1.5, -1.0, -0.5, -0.0, 0.0, 1e-3, 0.5, 1.0, 1.5, 2.5, 3.0, 6.5, 40.0,
                 np.inf, np.nan], np.float32)
# The whole float range for the vectorised transcendental functions: huge, overflow and underflow thresholds of exp,
# subnormals, the smallest and largest floats, and a sweep of every binade.
EXTREME = np.concatenate([np.array(
    [-np.inf, -3.4028235e38, -1e30, -1e10, -200, -104, -103.9, -103, -100, -89, -88.7, -87.3, -20, -9, -5.5, -4, -3.9,
     -1e-3, -1e-20, -1e-38, -1e-40, -1.4e-45, -0.0, 0.0, 1.4e-45, 1e-40, 1e-38, 1e-20, 1e-7, 3.9, 4, 5.5, 9, 20, 88.7,
     88.72283, 88.72284, 89, 100, 1e10, 1e30, 3.4028235e38, np.inf, np.nan], np.float32),
    np.float32(2.0) ** np.arange(-149, 128, 3, dtype=np.float32),
    -(np.float32(1.5) ** np.arange(-200, 200, 5, dtype=np.float32))]).astype(np.float32)
POSITIVE = np.array([0.0, 1e-6, 0.25, 1.0, 2.0, 10.0, 1e4, np.inf, np.nan, -1.0, -0.0], np.float32)


def bits(a):
    a = np.array(a, np.float32, order="C")  # keeps 0-d (np.ascontiguousarray would make it 1-d)
    return {"shape": list(a.shape), "bits": [int(b) for b in a.reshape(-1).view(np.uint32)]}


def operand(v):
    return {"number": float(v)} if isinstance(v, (int, float)) else bits(v)


def random(shape, low=-2.0, high=2.0):
    return (np.round(rng.uniform(low, high, size=shape) * 64) / 64).astype(np.float32)


def op(name, args, expected, options=None, reference=""):
    out = {"number": float(expected)} if np.ndim(expected) == 0 and not isinstance(expected, np.ndarray) else bits(expected)
    cases.append({"kind": "op", "name": name, "args": [operand(a) for a in args], "options": options or {},
                  "expected": out, "reference": reference or name})


def code(name, args, expected, reference):
    cases.append({"kind": "code", "code": name, "args": [operand(a) for a in args], "expected": bits(expected),
                  "reference": reference})


with np.errstate(all="ignore"):
    # MARK: element-wise functions (NumPy)
    for name, f in [("abs", np.abs), ("sqrt", np.sqrt), ("square", np.square), ("exp", np.exp), ("log", np.log),
                    ("log1p", np.log1p), ("sin", np.sin), ("cos", np.cos), ("tanh", np.tanh), ("floor", np.floor),
                    ("ceil", np.ceil), ("sign", np.sign)]:
        for label, x in (("edge", EDGE), ("random", random([3, 5], -4, 4))):
            op(name, [x], f(x), reference=f"np.{f.__name__} ({label})")
    op("sqrt", [POSITIVE], np.sqrt(POSITIVE), reference="np.sqrt (positive)")
    op("log", [POSITIVE], np.log(POSITIVE), reference="np.log (positive)")
    op("round", [EDGE], tf.round(EDGE).numpy(), reference="tf.round (half to even)")
    assert np.array_equal(tf.round(EDGE).numpy(), np.round(EDGE), equal_nan=True)
    # MARK: activations (TensorFlow)
    for name, f in [("sigmoid", tf.math.sigmoid), ("relu6", tf.nn.relu6), ("elu", tf.nn.elu), ("selu", tf.nn.selu),
                    ("softplus", tf.math.softplus), ("swish", tf.nn.silu), ("gelu", tf.nn.gelu)]:
        for label, x in (("edge", EDGE), ("random", random([4, 6], -8, 8))):
            op(name, [x], f(x).numpy(), reference=f"tf {name} ({label})")
    # exp, log, log1p and tanh are NumPy's functions in the language (TensorFlow reads a subnormal input as 0:
    # tf.math.log(-1e-40) is -inf where IEEE and NumPy give NaN); the activations are TensorFlow's.
    for name, f in [("exp", np.exp), ("log", np.log), ("log1p", np.log1p), ("tanh", np.tanh)]:
        code(name, [EXTREME], f(EXTREME), f"np.{f.__name__} (the float range's extremes)")
    for name, f in [("sigmoid", tf.math.sigmoid), ("softplus", tf.math.softplus), ("elu", tf.nn.elu),
                    ("selu", tf.nn.selu), ("swish", tf.nn.silu), ("gelu", tf.nn.gelu),
                    ("geluTanh", lambda v: tf.nn.gelu(v, approximate=True))]:
        code(name, [EXTREME], f(EXTREME).numpy(), f"tf {name} (the float range's extremes)")
    x = random([4, 6], -8, 8)
    op("gelu", [x], tf.nn.gelu(x, approximate=True).numpy(), {"approximate": 1}, "tf.nn.gelu(approximate=True)")
    op("leaky_relu", [x], tf.nn.leaky_relu(x).numpy(), reference="tf.nn.leaky_relu (alpha 0.2)")
    op("leaky_relu", [x], tf.nn.leaky_relu(x, alpha=0.01).numpy(), {"alpha": 0.01}, "tf.nn.leaky_relu(alpha=0.01)")
    # MARK: binary and ternary functions, with broadcasting
    a, b = EDGE.reshape(-1, 1), EDGE.reshape(1, -1)
    op("minimum", [a, b], np.minimum(a, b), reference="np.minimum (every pair of edge values)")
    op("maximum", [a, b], np.maximum(a, b), reference="np.maximum (every pair of edge values)")
    c = random([3, 1, 4])
    lo, hi = random([5, 1], -1, 0), random([4], 0, 1)
    op("clip", [c, lo, hi], np.clip(c, lo, hi), reference="np.clip, broadcast bounds")
    op("clip", [EDGE, -1.0, 2.0], np.clip(EDGE, np.float32(-1), np.float32(2)), reference="np.clip (edge)")
    cond = (random([2, 3, 4]) > 0).astype(np.float32)
    p, q = random([3, 4]), random([4])
    op("where", [cond, p, q], np.where(cond != 0, p, q), reference="np.where, broadcast")
    xs = random([6, 7])
    op("where", [(xs > 0.5).astype(np.float32), xs * np.float32(2) - np.float32(1), 0.0],
       np.where(xs > 0.5, xs * 2 - 1, 0), reference="np.where(x > 0.5, x * 2 - 1, 0)")
    op("sqrt", [4.0], 2.0, reference="a number stays a number")

    # MARK: op codes (the operators)
    pairs = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.divide,
             "remainder": np.remainder, "power": np.power, "less": np.less, "lessEqual": np.less_equal,
             "greater": np.greater, "greaterEqual": np.greater_equal, "equal": np.equal, "notEqual": np.not_equal,
             "logicalAnd": np.logical_and, "logicalOr": np.logical_or}
    for name, f in pairs.items():
        code(name, [a, b], f(a, b).astype(np.float32), f"np.{f.__name__} (edge pairs)")
        r1, r2 = random([2, 3, 1], -3, 3), random([4], -3, 3)
        code(name, [r1, r2], f(r1, r2).astype(np.float32), f"np.{f.__name__}, [2,3,1] with [4]")
    code("negate", [EDGE], -EDGE, "np.negative")
    code("logicalNot", [EDGE], np.logical_not(EDGE).astype(np.float32), "np.logical_not")
    r = random([3, 4])
    for p_ in (2.0, 0.5, 1.0, -1.0, 3.0):
        code("power", [EDGE, p_], np.power(EDGE, np.float32(p_)), f"np.power(x, {p_}) (NumPy's fast paths)")
    code("multiply", [r, 1.0 / 3.0], r * (1.0 / 3.0), "x * (1/3): the Python number cast to float32 first")
    u, v = random([5, 1, 3]), random([1, 4, 1])
    code("add", [u, v], u + v, "np.add, [5,1,3] with [1,4,1]")
    cases.append({"kind": "error", "code": "add", "shapes": [[300, 451, 2], [3]],
                  "error": "shapes [300,451,2] and [3] do not broadcast", "reference": "NumPy's broadcasting rule"})

    # MARK: reductions
    x = random([3, 4, 5])
    xn = x.copy()
    xn[1, 2, 3] = np.nan
    for name, f in [("sum", np.sum), ("mean", np.mean), ("max", np.max), ("min", np.min), ("std", np.std),
                    ("var", np.var)]:
        op(name, [x], f(x), reference=f"np.{name}(x)")
        for axis in (0, -1, [0, 2], [1], [0, 1, 2], [-2, -1]):
            op(name, [x], f(x, axis=tuple(axis) if isinstance(axis, list) else axis), {"axis": axis},
               f"np.{name}(x, axis={axis})")
        op(name, [x], f(x, axis=1, keepdims=True), {"axis": 1, "keepdims": 1}, f"np.{name}(x, axis=1, keepdims=True)")
        op(name, [x], f(x, keepdims=True), {"keepdims": 1}, f"np.{name}(x, keepdims=True)")
    op("max", [xn], np.max(xn, axis=2), {"axis": 2}, "np.max propagates NaN")
    big = rng.uniform(0, 1, size=10_000).astype(np.float32)
    op("sum", [big], np.sum(big), reference="np.sum of 10,000 values (pairwise)")
    op("mean", [big.reshape(10, 1000)], np.mean(big.reshape(10, 1000), axis=1), {"axis": 1}, "np.mean rows")
    for name, f in [("argmax", np.argmax), ("argmin", np.argmin)]:
        ties = np.array([[1, 3, 3, 0], [2, 2, -1, -1], [0, np.nan, 5, np.nan]], np.float32)
        op(name, [ties], float(f(ties)), reference=f"np.{name}(x) flattened")
        for axis in (0, 1, -1):
            op(name, [ties], f(ties, axis=axis).astype(np.float32), {"axis": axis}, f"np.{name}(x, axis={axis})")
        op(name, [x], f(x, axis=1, keepdims=True).astype(np.float32), {"axis": 1, "keepdims": 1},
           f"np.{name}(x, axis=1, keepdims=True)")

    # MARK: shape helpers
    s = random([2, 3, 4])
    op("size", [s], float(np.size(s)), reference="np.size(x)")
    cases.append({"kind": "op", "name": "shape", "args": [bits(s)], "options": {}, "expected": {"list": list(s.shape)},
                  "reference": "np.shape(x)"})
    op("reshape", [s, [4, -1]], s.reshape(4, -1), reference="np.reshape(x, (4, -1))")
    q1 = random([1, 3, 1, 2])
    op("squeeze", [q1], np.squeeze(q1), reference="np.squeeze(x)")
    op("squeeze", [q1], np.squeeze(q1, axis=2), {"axis": 2}, "np.squeeze(x, axis=2)")
    op("expand_dims", [s, -1], np.expand_dims(s, -1), reference="np.expand_dims(x, -1)")
    op("expand_dims", [s, 1], np.expand_dims(s, 1), reference="np.expand_dims(x, 1)")
    op("transpose", [s], np.transpose(s), reference="np.transpose(x)")
    op("transpose", [s, [2, 0, 1]], np.transpose(s, (2, 0, 1)), reference="np.transpose(x, (2, 0, 1))")
    t1, t2 = random([2, 3, 1]), random([2, 3, 2])
    op("concat", [t1, t2], np.concatenate([t1, t2], axis=-1), reference="np.concatenate(axis=-1)")
    op("concat", [s, s], np.concatenate([s, s], axis=0), {"axis": 0}, "np.concatenate(axis=0)")

    # MARK: indexing
    x = np.arange(4 * 5 * 6, dtype=np.float32).reshape(4, 5, 6)
    for index in ["1", "-1", "1:3", "::-1", "..., 2", "1:-1:2, ::-2", ":, 3", "..., ::-1", "-3:, 2, 1:5:3",
                  "2, 3, 4", "..., 1:2", "::2, ..., -2", ":, :, :", "5:", "-10:2", "3:1", "3:1:-1", "::-3, -2:",
                  ":, 10:, 0", "...", "0, ..."]:
        cases.append({"kind": "index", "input": bits(x), "index": index, "expected": bits(eval(f"x[{index}]")),
                      "reference": f"x[{index}]"})
    # Runs longer than one task (16384 floats), which are split into pieces over the worker pool.
    long = np.arange(16500 * 2, dtype=np.float32).reshape(1, 16500, 2)
    for index in ["..., 1", "0, 10:", "0, ::-1, 0"]:
        cases.append({"kind": "index", "input": bits(long), "index": index, "expected": bits(eval(f"long[{index}]")),
                      "reference": f"x[{index}] of shape [1,16500,2]"})
    for index, message in [("4", "index 4 is out of range for axis 0 with size 4"),
                           ("0, -6", "index -6 is out of range for axis 1 with size 5"),
                           ("0, 0, 0, 0", "too many indices for a tensor of shape [4,5,6]: 4 given")]:
        cases.append({"kind": "index", "input": bits(x), "index": index, "error": message, "reference": f"x[{index}]"})

    # MARK: printing
    formats = [
        np.array([1, 2, 3], np.float32), np.array([1.5, 2, 3.25], np.float32), np.array([[1, 2], [3, 4]], np.float32),
        np.array([0.1, 0.2, 0.3], np.float32), np.array([1e-5, 1.5e8], np.float32),
        np.array([np.nan, 1, -np.inf], np.float32), np.array([-0.0, 0.0], np.float32), np.float32(2.5),
        random([2, 3, 4]), rng.standard_normal(100).astype(np.float32), random([40, 50]),
        np.array([1 / 3, 2 / 3, 100], np.float32), np.array([123456789, 1], np.float32), random([1, 1, 8]),
        np.array([np.nan, np.inf], np.float32), np.array([[1e-3, 1], [10, 1e5]], np.float32),
        rng.standard_normal([3, 400]).astype(np.float32),
    ]
    for i, arr in enumerate(formats):
        for digits in ([8, 3] if i in (3, 8, 11) else [8]):
            cases.append({"kind": "format", "input": bits(arr), "digits": digits,
                          "expected": np.array2string(np.asarray(arr), precision=digits),
                          "reference": f"np.array2string(precision={digits})"})

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "cases.json"), "w") as f:
    json.dump({"generator": "scripts/make-math-reference.py", "numpy": np.__version__, "tensorflow": tf.__version__,
               "cases": cases}, f, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}/cases.json")
