#!/usr/bin/env python3
"""Times the peers of ConvShell's benchmark workloads W1-W8 (TensorFlow, ONNX Runtime, OpenCV, NumPy), CV1-CV4
(TensorFlow's avg_pool2d, image.resize, math.sigmoid, nn.gelu) and the tensor-math workloads E1, E2, C1, S1
(NumPy and numexpr).

Run by `scripts/bench --peers` with the interpreter in CONVSH_PYTHON (a venv with tensorflow-cpu, onnxruntime,
onnx, opencv-python-headless, numpy and numexpr). Each (library, thread count) runs in a fresh process, because
TensorFlow fixes its thread pools at start. Every timed call is a plain user-level call including its output
allocation: 3 warm-up calls, then N = clamp(seconds / one call, 7, 60) timed calls, median reported. Conv results
and element-wise results are spot-checked against a float64 NumPy reference so a fast-but-wrong peer shows up in
the `err` column.

Prints one JSON object per line: workload, peer, threads, median_ms, min_ms, rate, unit, err.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time

EDGE = [[-1.0, -1.0, -1.0], [-1.0, 8.0, -1.0], [-1.0, -1.0, -1.0]]
# id: (N, H, W, Cin, Cout, stride) of the 3x3 SAME convs
CONVS = {"W2": (1, 224, 224, 3, 64, 1), "W3": (1, 224, 224, 64, 64, 1), "W4": (1, 112, 112, 128, 128, 1),
         "W5": (8, 224, 224, 64, 64, 1), "W6": (1, 224, 224, 64, 64, 2)}
WORKLOADS = ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "CV1", "CV2", "CV3", "CV4", "E1", "E2", "C1", "S1"]
LIBS = ["tf", "ort", "cv2", "np", "ne"]
# The tensor-math workloads (issue 9): (NumPy call, numexpr expression or None, float64 reference), on `inputs`.
MATH = {"E1": (lambda np, gx, gy: np.sqrt(gx ** 2 + gy ** 2), "sqrt(gx**2 + gy**2)",
               lambda np, gx, gy: np.sqrt(gx.astype(np.float64) ** 2 + gy.astype(np.float64) ** 2)),
        "E2": (lambda np, x: np.where(x > 0.5, x * 2 - 1, 0), "where(x > 0.5, x * 2 - 1, 0)",
               lambda np, x: np.where(x > 0.5, x.astype(np.float64) * 2 - 1, 0)),
        "C1": (lambda np, x: x.copy(), None, lambda np, x: x),
        "S1": (lambda np, x: x[..., 3].copy(), None, lambda np, x: x[..., 3])}


def timed(fn, seconds):
    for _ in range(3):
        fn()
    t0 = time.perf_counter()
    fn()
    one = time.perf_counter() - t0
    reps = int(max(7, min(60, seconds / max(one, 1e-9))))
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts) * 1e3, min(ts) * 1e3, reps


def same_pads(size, k, s):
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return out, total // 2, total - total // 2


def spot_error(np, got, x, w, stride, count=24):
    """max |got - ref| / max(1, |ref|) at random output positions, ref in float64 (TF's SAME padding)."""
    n, h, wd, _ = x.shape
    kh, kw, _, _ = w.shape
    oh, pt, _ = same_pads(h, kh, stride)
    ow, pl, _ = same_pads(wd, kw, stride)
    rng = np.random.default_rng(5)
    worst, scale = 0.0, 1.0
    for _ in range(count):
        b, oy, ox = int(rng.integers(n)), int(rng.integers(oh)), int(rng.integers(ow))
        ref = np.zeros(w.shape[3])
        for dy in range(kh):
            for dx in range(kw):
                iy, ix = oy * stride - pt + dy, ox * stride - pl + dx
                if 0 <= iy < h and 0 <= ix < wd:
                    ref += x[b, iy, ix].astype(np.float64) @ w[dy, dx].astype(np.float64)
        worst = max(worst, float(np.max(np.abs(got[b, oy, ox] - ref))))
        scale = max(scale, float(np.max(np.abs(ref))))
    return worst / scale


def math_inputs(np, wl):
    """The arrays of a tensor-math workload, in the order its NumPy call takes them."""
    rng = np.random.default_rng(200 + int(wl[1:]) + 10 * "ECS".index(wl[0]))
    if wl == "E1":
        return [rng.uniform(-1, 1, (4096, 4096, 1)).astype(np.float32) for _ in range(2)]
    if wl == "S1":
        return [rng.random((224, 224, 64), dtype=np.float32)]
    return [rng.random((4096, 4096, 8), dtype=np.float32)]


def math_spot_error(np, got, arrays, reference, count=4096):
    """max |got - ref| / max(1, |ref|) at random flat positions, ref in float64."""
    ref = np.asarray(reference(np, *arrays)).reshape(-1)
    flat = np.asarray(got).reshape(-1)
    at = np.random.default_rng(6).integers(0, ref.size, count)
    return float(np.max(np.abs(flat[at] - ref[at])) / max(1.0, float(np.max(np.abs(ref[at])))))


def math_rate(wl, ms, arrays):
    """GB/s of bytes read + written: every input once and the output once (S1: its output read and written)."""
    out = 224 * 224 * 4 if wl == "S1" else arrays[0].nbytes
    moved = 2 * out if wl == "S1" else sum(a.nbytes for a in arrays) + out
    return moved / (ms * 1e-3) / 1e9, "gbps"


def inputs(np, wl):
    rng = np.random.default_rng(int(wl.lstrip("CVW")) + (100 if wl.startswith("CV") else 0))
    if wl == "W1":
        return rng.random((1, 4096, 4096, 1), dtype=np.float32), np.array(EDGE, np.float32).reshape(3, 3, 1, 1), 1
    if wl == "W7":
        return rng.standard_normal((4096, 4096, 16), dtype=np.float32), None, None
    if wl in ("W8", "CV1"):
        return rng.standard_normal((1, 224, 224, 64), dtype=np.float32), None, None
    if wl == "CV2":
        return rng.random((1, 1024, 1024, 3), dtype=np.float32), None, None
    if wl in ("CV3", "CV4"):
        return rng.uniform(-4, 4, (4096, 4096, 8)).astype(np.float32), None, None
    n, h, w, cin, cout, s = CONVS[wl]
    limit = (6.0 / (9 * (cin + cout))) ** 0.5
    return (rng.random((n, h, w, cin), dtype=np.float32),
            rng.uniform(-limit, limit, (3, 3, cin, cout)).astype(np.float32), s)


def rate(np, wl, ms, x, stride):
    if wl in MATH:
        return math_rate(wl, ms, x)
    if wl in CONVS:
        n, h, w, cin, cout, s = CONVS[wl]
        oh, ow = -(-h // s), -(-w // s)
        return 2.0 * n * oh * ow * cin * cout * 9 / (ms * 1e-3) / 1e9, "gflops"
    out = {"W8": x.nbytes // 4, "CV1": x.nbytes // 4, "CV2": 224 * 224 * 3 * 4}.get(wl, x.nbytes)
    return (x.nbytes + out) / (ms * 1e-3) / 1e9, "gbps"


# MARK: - workers (one process each)

def worker_tf(np, wl, threads, emit, seconds):
    import tensorflow as tf
    if wl in MATH:
        return
    x, w, s = inputs(np, wl)
    xt = tf.constant(x)
    if wl == "W7":
        emit("tf.nn.relu", lambda: tf.nn.relu(xt), x, s, None)
    elif wl == "W8":
        emit("tf.nn.max_pool2d", lambda: tf.nn.max_pool2d(xt, ksize=2, strides=2, padding="VALID"), x, s, None)
    elif wl == "CV1":
        emit("tf.nn.avg_pool2d", lambda: tf.nn.avg_pool2d(xt, ksize=2, strides=2, padding="VALID"), x, s, None)
    elif wl == "CV2":
        emit("tf.image.resize", lambda: tf.image.resize(xt, (224, 224), method="bilinear"), x, s, None)
    elif wl == "CV3":
        f = lambda: tf.math.sigmoid(xt)
        emit("tf.math.sigmoid", f, x, s, lambda: math_spot_error(np, f().numpy(), [x], lambda np, v: 1 / (
            1 + np.exp(-v.astype(np.float64)))))
    elif wl == "CV4":
        f = lambda: tf.nn.gelu(xt)
        erf = np.vectorize(math.erf)
        emit("tf.nn.gelu", f, x, s, lambda: math_spot_error(np, f().numpy(), [x], lambda np, v: (
            v.astype(np.float64) * 0.5 * (1 + erf(v.astype(np.float64) / math.sqrt(2))))))
    else:
        wt = tf.constant(w)
        f = lambda: tf.nn.conv2d(xt, wt, strides=s, padding="SAME")
        emit("tf.nn.conv2d", f, x, s, lambda: spot_error(np, f().numpy(), x, w, s))


def worker_ort(np, wl, threads, emit, seconds):
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper
    if wl in ("W7", "CV1", "CV2", "CV3", "CV4") or wl in MATH:
        return
    x, w, s = inputs(np, wl)
    xn = np.ascontiguousarray(x.transpose(0, 3, 1, 2))
    if wl == "W8":
        node = helper.make_node("MaxPool", ["x"], ["y"], kernel_shape=[2, 2], strides=[2, 2])
        inits = []
    else:
        _, pt, pb = same_pads(x.shape[1], 3, s)
        _, pl, pr = same_pads(x.shape[2], 3, s)
        node = helper.make_node("Conv", ["x", "w"], ["y"], kernel_shape=[3, 3], strides=[s, s],
                                pads=[pt, pl, pb, pr])
        inits = [numpy_helper.from_array(w.transpose(3, 2, 0, 1).copy(), "w")]
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, xn.shape)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    f = lambda: session.run(None, {"x": xn})[0]
    check = None if wl == "W8" else lambda: spot_error(np, f().transpose(0, 2, 3, 1), x, w, s)
    emit("ORT " + node.op_type + " (NCHW)", f, x, s, check)


def worker_cv2(np, wl, threads, emit, seconds):
    import cv2
    if wl != "W1":
        return
    cv2.setNumThreads(threads)
    x, w, s = inputs(np, wl)
    img = np.ascontiguousarray(x[0, :, :, 0])
    k = np.array(EDGE, np.float32)
    f = lambda: cv2.filter2D(img, -1, k, borderType=cv2.BORDER_CONSTANT)
    emit("cv2.filter2D", f, x, s, lambda: spot_error(np, f()[None, :, :, None], x, w, s))


def worker_np(np, wl, threads, emit, seconds):
    if wl in MATH:
        call, _, reference = MATH[wl]
        arrays = math_inputs(np, wl)
        f = lambda: call(np, *arrays)
        emit("NumPy", f, arrays, None, lambda: math_spot_error(np, f(), arrays, reference))
        return
    if wl != "W7":
        return
    x, _, _ = inputs(np, wl)
    emit("np.maximum (new array)", lambda: np.maximum(x, 0.0), x, None, None)


def worker_ne(np, wl, threads, emit, seconds):
    """numexpr: the same expression compiled once, evaluated on `threads` threads."""
    if wl not in MATH or MATH[wl][1] is None:
        return
    import numexpr as ne
    ne.set_num_threads(threads)
    _, expression, reference = MATH[wl]
    arrays = math_inputs(np, wl)
    names = dict(zip(["gx", "gy"] if wl == "E1" else ["x"], arrays))
    f = lambda: ne.evaluate(expression, local_dict=names)
    emit("numexpr", f, arrays, None, lambda: math_spot_error(np, f(), arrays, reference))


WORKERS = {"tf": worker_tf, "ort": worker_ort, "cv2": worker_cv2, "np": worker_np, "ne": worker_ne}


def run_worker(args):
    import numpy as np

    def emit(peer, fn, x, stride, check):
        median, low, reps = timed(fn, args.seconds)
        value, unit = rate(np, args.workload, median, x, stride)
        row = {"workload": args.workload, "peer": peer, "threads": args.threads, "median_ms": median,
               "min_ms": low, "reps": reps, "rate": value, "unit": unit}
        if check:
            row["err"] = check()
        print(json.dumps(row), flush=True)

    if args.lib == "tf":
        import tensorflow as tf
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    WORKERS[args.lib](np, args.workload, args.threads, emit, args.seconds)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--threads", default="1,2", help="thread counts, comma-separated")
    ap.add_argument("--workloads", default=",".join(WORKLOADS))
    ap.add_argument("--libs", default=",".join(LIBS))
    ap.add_argument("--seconds", type=float, default=1.0, help="approximate timed seconds per measurement")
    ap.add_argument("--worker", dest="lib", help=argparse.SUPPRESS)
    ap.add_argument("--workload", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.lib:
        args.threads = int(args.threads)
        run_worker(args)
        return
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    for threads in args.threads.split(","):
        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            env[var] = threads
        for wl in args.workloads.split(","):
            for lib in args.libs.split(","):
                p = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", lib, "--workload", wl,
                                    "--threads", threads, "--seconds", str(args.seconds)],
                                   env=env, capture_output=True, text=True)
                sys.stdout.write(p.stdout)
                sys.stdout.flush()
                if p.returncode != 0:
                    print("bench-peers: %s %s on %s threads failed: %s" % (lib, wl, threads, p.stderr[-400:]),
                          file=sys.stderr)


if __name__ == "__main__":
    main()
