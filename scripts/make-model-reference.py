#!/usr/bin/env python3
"""Writes the model reference cases of Tests/OpsTests/Reference/models/: tiny Keras models saved as Keras 3
`.keras` and legacy `.h5`, exported to ONNX, an input, and every layer's output as Keras computes it
(`keras.Model(inputs, layer.output).predict`) plus ONNX Runtime's output of each ONNX file, as .npy files.
manifest.json lists the cases: for each model its files, input and per-layer outputs.

    ${CONVSH_PYTHON:-python3} scripts/make-model-reference.py

Needs keras 3, tensorflow-cpu, numpy, h5py, tf2onnx, onnx and onnxruntime. Weights are random (seeded) and
batch-norm statistics are set away from 0/1, so every parameter matters to the outputs.
"""
import json
import os
import pathlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/OpsTests/Reference/models"
rng = np.random.default_rng(11)


def randomise(model):
    """Gives every weight a seeded random value (variances positive), so no parameter is 0 or 1."""
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            randomise(layer)
            continue
        values = []
        for w in layer.weights:
            v = rng.uniform(-0.5, 0.5, size=w.shape).astype(np.float32)
            if "variance" in w.path:
                v = rng.uniform(0.5, 2.0, size=w.shape).astype(np.float32)
            values.append(v)
        layer.set_weights(values)


def sequential():
    return keras.Sequential([
        keras.Input((10, 10, 3)),
        layers.Conv2D(4, 3, padding="same", activation="relu", name="conv_a"),
        layers.BatchNormalization(name="bn"),
        layers.MaxPooling2D(2, name="pool"),
        layers.ZeroPadding2D(((1, 0), (0, 1)), name="zpad"),
        layers.DepthwiseConv2D(3, padding="valid", name="dw"),
        layers.Activation("tanh", name="act"),
        layers.Conv2D(6, 2, strides=2, padding="same", use_bias=False, name="conv_s2"),
        layers.Dropout(0.5, name="drop"),
        layers.Flatten(name="flat"),
        layers.Dense(5, activation="softmax", name="head"),
    ], name="tiny_seq")


def functional():
    x = keras.Input((9, 9, 3), name="image")
    a = layers.Conv2D(4, 3, padding="same", name="conv_a")(x)
    b = layers.Conv2D(4, 3, padding="same", activation="relu", name="conv_b")(a)
    s = layers.Add(name="add")([a, b])
    c = layers.Concatenate(name="cat")([s, x])
    r = layers.ReLU(name="relu")(c)
    p = layers.AveragePooling2D(2, strides=1, name="avg")(r)
    q = layers.SeparableConv2D(5, 3, padding="same", activation="sigmoid", name="sep")(p)
    g = layers.GlobalAveragePooling2D(name="gap")(q)
    y = layers.Dense(3, name="head")(g)
    return keras.Model(x, y, name="tiny_res")


def nested():
    inner = keras.Sequential([keras.Input((6, 6, 2)),
                              layers.Conv2D(3, 3, padding="same", activation="relu", name="inner_conv"),
                              layers.MaxPooling2D(2, name="inner_pool")], name="inner")
    x = keras.Input((6, 6, 2), name="x")
    y = inner(x)
    y = layers.Conv2D(2, 1, name="outer_conv")(y)
    y = layers.GlobalMaxPooling2D(name="gmp")(y)
    return keras.Model(x, y, name="tiny_nested")


def activations():
    """Every activation the executor runs besides relu and softmax, each on the same raw conv output (values on
    both sides of 0), and the ReLU and LeakyReLU layers with their options; Multiply and Add join them. Not
    exported to ONNX (the importer has no Selu, Softplus, Softsign, HardSigmoid, Clip or Exp)."""
    x = keras.Input((5, 5, 3), name="x")
    raw = layers.Conv2D(6, 3, padding="same", name="conv_raw")(x)
    elu = layers.Conv2D(6, 3, padding="same", activation="elu", name="conv_elu")(x)
    branches = [layers.Activation(a, name=f"act_{a}")(raw)
                for a in ["sigmoid", "tanh", "selu", "softplus", "softsign", "swish", "silu", "relu6", "exponential",
                          "hard_sigmoid", "gelu", "leaky_relu"]]
    branches += [layers.ReLU(max_value=0.8, negative_slope=0.05, threshold=0.1, name="relu_all")(raw),
                 layers.ReLU(max_value=6.0, name="relu_6")(raw),
                 layers.ReLU(negative_slope=0.1, name="relu_leaky")(raw),
                 layers.ReLU(max_value=1.5, threshold=0.3, name="relu_threshold")(raw),
                 layers.LeakyReLU(negative_slope=0.15, name="leaky")(raw)]
    product = layers.Multiply(name="mul")(branches[:3])
    y = layers.Add(name="sum")(branches[3:] + [product, elu])
    return keras.Model(x, y, name="tiny_act")


def layer_outputs(model, x):
    """[(name, output)] for every layer after the input, from Keras itself."""
    result = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        probe = keras.Model(model.inputs, layer.output)
        result.append((layer.name, probe.predict(x, verbose=0)))
    return result


MEMBER = {"moving_mean": "mean", "moving_variance": "variance"}


def save_weights(model, name):
    """Each leaf layer's variables as Keras holds them, under ConvShell's member names; returns the list."""
    saved = []
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            saved += save_weights(layer, name)
            continue
        for w in layer.weights:
            member = w.path.split("/")[-1]
            member = MEMBER.get(member, member)
            np.save(OUT / f"{name}_{layer.name}_{member}.npy", w.numpy())
            saved.append(f"{layer.name}.{member}")
    return saved


def export_onnx(model, path, x):
    """tf2onnx export; returns ONNX Runtime's output for x, or None when the exporter is missing."""
    import onnxruntime as ort
    import tensorflow as tf
    import tf2onnx
    spec = [tf.TensorSpec((None,) + tuple(model.inputs[0].shape[1:]), tf.float32, name="input")]
    tf2onnx.convert.from_function(tf.function(lambda t: model(t)), input_signature=spec, opset=13,
                                  output_path=str(path))
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {session.get_inputs()[0].name: x})[0]


def bad_files():
    """Broken files for the bad-input tests: a .keras without config.json, one whose weights lack a layer, one
    whose config disagrees with its weights' shapes, an ONNX graph with a cycle and one with an unknown op."""
    import io
    import zipfile
    import h5py
    import onnx
    from onnx import TensorProto, helper
    good = zipfile.ZipFile(OUT / "tiny_seq.keras")
    config, weights = good.read("config.json"), good.read("model.weights.h5")
    with zipfile.ZipFile(OUT / "bad_no_config.keras", "w") as z:
        z.writestr("model.weights.h5", weights)
    source = h5py.File(io.BytesIO(weights), "r")
    stripped = io.BytesIO()
    with h5py.File(stripped, "w") as f:
        for key in source:
            source.copy(key, f)
        del f["layers/conv2d"]
    with zipfile.ZipFile(OUT / "bad_missing_weights.keras", "w") as z:
        z.writestr("config.json", config)
        z.writestr("model.weights.h5", stripped.getvalue())
    edited = json.loads(config)
    edited["config"]["layers"][1]["config"]["filters"] = 5
    with zipfile.ZipFile(OUT / "bad_wrong_shape.keras", "w") as z:
        z.writestr("config.json", json.dumps(edited))
        z.writestr("model.weights.h5", weights)
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 4, 3])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4, 4, 3])
    cycle = helper.make_graph([helper.make_node("Add", ["x", "b"], ["a"], name="first"),
                               helper.make_node("Relu", ["a"], ["b"], name="second")], "cycle", [x], [y])
    onnx.save(helper.make_model(cycle), OUT / "bad_cycle.onnx")
    unknown = helper.make_graph([helper.make_node("Relu", ["x"], ["r"], name="relu"),
                                 helper.make_node("LpNormalization", ["r"], ["y"], name="norm")], "unknown", [x], [y])
    onnx.save(helper.make_model(unknown), OUT / "bad_unknown_op.onnx")


def onnx_activations():
    """An ONNX graph written by hand with the element-wise operators tf2onnx's exports of the tiny models lack:
    NHWC input, a 3x3 conv in NCHW, then Clip(0, 6), Clip from 0 without a maximum, Selu, Softplus, Softsign, Exp,
    Elu, LeakyRelu, Sigmoid and Tanh each on the conv's output (values on both sides of 0), summed by Adds, and
    ONNX Runtime's output for a seeded input: the sum, and each branch (NHWC) for `forward upto=BRANCH`."""
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper
    own = np.random.default_rng(12)  # its own seed: the same file whichever models ran before
    w = own.uniform(-2, 2, size=(4, 3, 3, 3)).astype(np.float32)  # outputs up to about ±9: Clip(0, 6) clips
    b = own.uniform(-0.5, 0.5, size=(4,)).astype(np.float32)
    constants = [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b"),
                 numpy_helper.from_array(np.array(0, np.float32), "zero"),
                 numpy_helper.from_array(np.array(6, np.float32), "six")]
    nodes = [helper.make_node("Transpose", ["x"], ["nchw"], perm=[0, 3, 1, 2], name="to_nchw"),
             helper.make_node("Conv", ["nchw", "w", "b"], ["c"], pads=[1, 1, 1, 1], name="conv"),
             helper.make_node("Clip", ["c", "zero", "six"], ["clip6"], name="clip6"),
             helper.make_node("Clip", ["c", "zero", ""], ["clip0"], name="clip0"),
             helper.make_node("Selu", ["c"], ["selu"], name="selu"),
             helper.make_node("Softplus", ["c"], ["softplus"], name="softplus"),
             helper.make_node("Softsign", ["c"], ["softsign"], name="softsign"),
             helper.make_node("Exp", ["c"], ["exp"], name="exp"),
             helper.make_node("Elu", ["c"], ["elu"], name="elu"),
             helper.make_node("LeakyRelu", ["c"], ["leaky"], alpha=0.15, name="leaky"),
             helper.make_node("Sigmoid", ["c"], ["sigmoid"], name="sigmoid"),
             helper.make_node("Tanh", ["c"], ["tanh"], name="tanh")]
    branches = ["clip6", "clip0", "selu", "softplus", "softsign", "exp", "elu", "leaky", "sigmoid", "tanh"]
    total = branches[0]
    for i, branch in enumerate(branches[1:]):
        nodes.append(helper.make_node("Add", [total, branch], [f"sum{i}"], name=f"add{i}"))
        total = f"sum{i}"
    nodes.append(helper.make_node("Transpose", [total], ["y"], perm=[0, 2, 3, 1], name="to_nhwc"))
    graph = helper.make_graph(nodes, "onnx_act", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 6, 6, 3])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 6, 6, 4])], constants)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save(model, OUT / "onnx_act.onnx")
    x = own.uniform(0, 1, size=(1, 6, 6, 3)).astype(np.float32)
    np.save(OUT / "onnx_act_input.npy", x[0])
    session = ort.InferenceSession(str(OUT / "onnx_act.onnx"), providers=["CPUExecutionProvider"])
    np.save(OUT / "onnx_act_onnxruntime.npy", session.run(None, {"x": x})[0][0])
    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    probe.graph.output.extend(helper.make_tensor_value_info(name, TensorProto.FLOAT, [1, 4, 6, 6]) for name in branches)
    session = ort.InferenceSession(probe.SerializeToString(), providers=["CPUExecutionProvider"])
    for name, value in zip(branches, session.run(branches, {"x": x})):
        np.save(OUT / f"onnx_act_{name}.npy", value[0].transpose(1, 2, 0))
    return branches


def vgg_reference():
    """The bundled VGG16 cut end to end: a 32x32 crop of examples/chelsea.jpg in [0,1], and Keras' block1_conv1
    and block2_pool outputs after keras.applications.vgg16.preprocess_input (caffe)."""
    import tensorflow as tf
    bundled = keras.models.load_model(ROOT / "examples/vgg16_block12.keras")
    # The same layers and weights on an input of any size (the bundled file says 224x224).
    base = keras.applications.VGG16(weights=None, include_top=False, input_shape=(None, None, 3))
    model = keras.Model(base.inputs, base.get_layer("block2_pool").output)
    for layer in bundled.layers:
        if layer.weights:  # the input layer's name depends on how many models this process built before
            model.get_layer(layer.name).set_weights(layer.get_weights())
    image = tf.io.decode_jpeg(tf.io.read_file(str(ROOT / "examples/chelsea.jpg")), dct_method="INTEGER_ACCURATE")
    crop = tf.image.convert_image_dtype(image, tf.float32).numpy()[100:132, 200:232]
    np.save(OUT / "vgg_input.npy", crop)
    x = keras.applications.vgg16.preprocess_input(crop[None] * 255.0)
    for name in ("block1_conv1", "block2_pool"):
        probe = keras.Model(model.inputs, model.get_layer(name).output)
        np.save(OUT / f"vgg_{name}.npy", probe.predict(x, verbose=0)[0])


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = []
    for build in (sequential, functional, nested, activations):
        model = build()
        randomise(model)
        name = model.name
        shape = (1,) + tuple(model.inputs[0].shape[1:])
        x = rng.uniform(0, 1, size=shape).astype(np.float32)
        np.save(OUT / f"{name}_input.npy", x[0])
        model.save(OUT / f"{name}.keras")
        model.save(OUT / f"{name}.h5")
        weights = save_weights(model, name)
        outputs = []
        for layer, y in layer_outputs(model, x):
            np.save(OUT / f"{name}_{layer}.npy", y[0])
            outputs.append(layer)
        entry = {"name": name, "input": list(shape[1:]), "layers": outputs,
                 "parameters": int(model.count_params()), "layer_count": len(model.layers),
                 "weights": weights}
        entry["onnx"] = build is not activations
        if entry["onnx"]:
            onnx_out = export_onnx(model, OUT / f"{name}.onnx", x)
            np.save(OUT / f"{name}_onnxruntime.npy", onnx_out[0])
        manifest.append(entry)
        print(name, "ok")
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    bad_files()
    onnx_activations()
    vgg_reference()


if __name__ == "__main__":
    main()
