#!/usr/bin/env python3
"""Writes the image I/O reference files under Tests/OpsTests/Reference/io/.

Inputs are small images made here (JPEG with Pillow's libjpeg, PNG with Pillow, tf.io.encode_png or the tiny
writer below for the variants those cannot make, Netpbm and .npy by hand or NumPy); expected outputs come from
TensorFlow (tf.io.decode_jpeg / decode_png + tf.image.convert_image_dtype), NumPy and matplotlib, never from
ConvShell. Photo crops come from scikit-image's sample photos `coffee` and `camera` (CC0, per
skimage/data/_fetchers.py).

    ${CONVSH_PYTHON:-python3} scripts/make-io-reference.py

Needs tensorflow-cpu, numpy, pillow, matplotlib and scikit-image.
"""
import io
import json
import os
import pathlib
import struct
import zlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import matplotlib  # noqa: E402
import numpy as np  # noqa: E402
import skimage.data  # noqa: E402
import tensorflow as tf  # noqa: E402
from PIL import Image  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/OpsTests/Reference/io"
manifest = {"jpeg": [], "png": [], "netpbm": [], "npy": {}, "colormap": []}


def write(name, data):
    (OUT / name).write_bytes(data)


def save_npy(name, array):
    np.save(OUT / name, np.ascontiguousarray(array))


def to_float(decoded):
    """TensorFlow's uint8/uint16 -> float32 conversion."""
    return tf.image.convert_image_dtype(decoded, tf.float32).numpy()


# MARK: - JPEG

def jpeg_cases():
    coffee = Image.fromarray(skimage.data.coffee()).crop((200, 100, 245, 131))  # 45x31, odd
    camera = Image.fromarray(skimage.data.camera()).crop((180, 60, 221, 93))  # 41x33, odd
    tiny = coffee.crop((0, 0, 3, 5))
    cases = {
        "jpeg_444.jpg": (coffee, dict(quality=90, subsampling=0)),
        "jpeg_422.jpg": (coffee, dict(quality=90, subsampling=1)),
        "jpeg_420.jpg": (coffee, dict(quality=90, subsampling=2)),
        "jpeg_progressive.jpg": (coffee, dict(quality=85, subsampling=2, progressive=True)),
        "jpeg_gray.jpg": (camera, dict(quality=90)),
        "jpeg_gray_progressive.jpg": (camera, dict(quality=90, progressive=True)),
        "jpeg_tiny.jpg": (tiny, dict(quality=75)),
    }
    for name, (image, options) in cases.items():
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", **options)
        write(name, buffer.getvalue())
    # CMYK with Adobe's APP14 marker (Pillow writes inverted CMYK, as Photoshop does).
    cmyk = np.asarray(coffee.crop((0, 0, 21, 13)).convert("CMYK"))
    buffer = io.BytesIO()
    Image.fromarray(cmyk, "CMYK").save(buffer, "JPEG", quality=95)
    write("jpeg_cmyk.jpg", buffer.getvalue())
    # The same without the APP14 marker: libjpeg and TensorFlow then read the samples as plain (not inverted) CMYK.
    data = buffer.getvalue()
    app14 = data.index(b"Adobe") - 4  # FF EE, two length bytes, then "Adobe"
    assert data[app14:app14 + 2] == b"\xff\xee"
    length = struct.unpack(">H", data[app14 + 2:app14 + 4])[0]
    write("jpeg_cmyk_plain.jpg", data[:app14] + data[app14 + 2 + length:])
    # Two extraneous bytes before the end marker: libjpeg warns, TensorFlow decodes.
    data = (OUT / "jpeg_420.jpg").read_bytes()
    end = data.rindex(b"\xff\xd9")
    write("jpeg_extraneous.jpg", data[:end] + b"\x00\x00" + data[end:])

    for name in sorted(p.name for p in OUT.glob("jpeg_*.jpg")):
        data = (OUT / name).read_bytes()
        stem = name[:-4]
        entry = {"file": name}
        for dct, method in (("accurate", "INTEGER_ACCURATE"), ("fast", "")):
            decoded = tf.io.decode_jpeg(data, dct_method=method)
            save_npy(f"{stem}.{dct}.u8.npy", decoded.numpy())
            entry["shape"] = list(decoded.shape)
            if not name.startswith("jpeg_cmyk"):  # TensorFlow refuses channels=1 on CMYK
                save_npy(f"{stem}.{dct}.gray.u8.npy", tf.io.decode_jpeg(data, channels=1, dct_method=method).numpy())
            if decoded.shape[-1] == 1:
                save_npy(f"{stem}.{dct}.rgb.u8.npy", tf.io.decode_jpeg(data, channels=3, dct_method=method).numpy())
        manifest["jpeg"].append(entry)


# MARK: - PNG

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def pack_rows(samples, depth):
    """Rows of a [H,W,C] integer array as PNG scanlines (filter byte 0), big-endian, sub-byte depths packed."""
    rows = []
    for row in samples:
        flat = row.reshape(-1)
        if depth == 16:
            body = flat.astype(">u2").tobytes()
        elif depth == 8:
            body = flat.astype(np.uint8).tobytes()
        else:
            per = 8 // depth
            padded = np.concatenate([flat, np.zeros((-len(flat)) % per, dtype=flat.dtype)]).reshape(-1, per)
            body = bytes(int(sum(int(v) << (8 - depth * (i + 1)) for i, v in enumerate(group))) for group in padded)
        rows.append(b"\x00" + body)
    return rows


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png_bytes(samples, color_type, depth, interlace=False, extra=b""):
    """A PNG of `samples` [H,W,C] written by hand (for variants Pillow and TensorFlow cannot write)."""
    height, width = samples.shape[:2]
    raw = b""
    if interlace:
        for x0, y0, dx, dy in ADAM7:
            part = samples[y0::dy, x0::dx]
            if part.size:
                raw += b"".join(pack_rows(part, depth))
    else:
        raw = b"".join(pack_rows(samples, depth))
    header = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 1 if interlace else 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + extra + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def png_cases():
    rng = np.random.default_rng(3)
    h, w = 11, 13
    u8 = lambda c: rng.integers(0, 256, (h, w, c), dtype=np.uint8)  # noqa: E731
    u16 = lambda c: rng.integers(0, 65536, (h, w, c), dtype=np.uint16)  # noqa: E731
    cases = {}
    for c, name in ((1, "gray"), (2, "ga"), (3, "rgb"), (4, "rgba")):
        cases[f"png_{name}8.png"] = tf.io.encode_png(u8(c)).numpy()
        cases[f"png_{name}16.png"] = tf.io.encode_png(u16(c)).numpy()
    palette = Image.fromarray(u8(3)).quantize(colors=7)
    buffer = io.BytesIO()
    palette.save(buffer, "PNG")
    cases["png_palette.png"] = buffer.getvalue()
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", transparency=bytes([0, 128, 255, 255, 40, 255, 255]))
    cases["png_palette_trns.png"] = buffer.getvalue()
    cases["png_gray4.png"] = png_bytes(rng.integers(0, 16, (h, w, 1)), 0, 4)
    cases["png_gray1.png"] = png_bytes(rng.integers(0, 2, (h, w, 1)), 0, 1)
    cases["png_rgb8_interlaced.png"] = png_bytes(u8(3), 2, 8, interlace=True)
    cases["png_ga16_interlaced.png"] = png_bytes(u16(2), 4, 16, interlace=True)
    # A gAMA of 1.0 and a gray tRNS: TensorFlow ignores both and returns the stored samples.
    gray = u8(1)
    cases["png_gray8_gamma.png"] = png_bytes(gray, 0, 8, extra=chunk(b"gAMA", struct.pack(">I", 100000)))
    cases["png_gray8_trns.png"] = png_bytes(gray, 0, 8, extra=chunk(b"tRNS", struct.pack(">H", int(gray[0, 0, 0]))))
    # Every 8-bit value, and 4096 16-bit values including both ends: TensorFlow's conversion to float32.
    cases["png_ramp8.png"] = tf.io.encode_png(np.arange(256, dtype=np.uint8).reshape(16, 16, 1)).numpy()
    ramp16 = (np.arange(4096, dtype=np.int64) * 16 + np.arange(4096) % 16)
    ramp16[-1] = 65535
    cases["png_ramp16.png"] = tf.io.encode_png(ramp16.astype(np.uint16).reshape(64, 64, 1)).numpy()

    for name, data in sorted(cases.items()):
        write(name, data)
        sixteen = data[24] == 16
        decoded = tf.io.decode_png(data, dtype=tf.uint16 if sixteen else tf.uint8)
        value = to_float(decoded)
        save_npy(name[:-4] + ".f32.npy", value)
        entry = {"file": name, "shape": list(value.shape)}
        channels = value.shape[-1]
        color = value[..., :3] if channels >= 3 else value[..., :1]
        if channels >= 3:
            save_npy(name[:-4] + ".gray.f32.npy", tf.image.rgb_to_grayscale(tf.constant(color)).numpy())
        else:
            save_npy(name[:-4] + ".rgb.f32.npy", to_float(tf.io.decode_png(
                data, channels=3, dtype=tf.uint16 if sixteen else tf.uint8)))
        manifest["png"].append(entry)


# MARK: - Netpbm

def netpbm_cases():
    rng = np.random.default_rng(5)
    cases = [
        # name, header (with comments), samples, maxval, plain
        ("netpbm_p2.pgm", "P2\n# a plain gray map\n7 5\n# maxval next\n255\n", (5, 7, 1), 255, True),
        ("netpbm_p3.ppm", "P3 4 3 1000\n", (3, 4, 3), 1000, True),
        ("netpbm_p5.pgm", "P5\n# comment\n9 # width\n6\n255\n", (6, 9, 1), 255, False),
        ("netpbm_p6.ppm", "P6 5 7 255\n", (7, 5, 3), 255, False),
        ("netpbm_p5_16.pgm", "P5\n6 4\n65535\n", (4, 6, 1), 65535, False),
        ("netpbm_p6_12bit.ppm", "P6\t3\r\n2 4095 ", (2, 3, 3), 4095, False),
        ("netpbm_p5_maxval100.pgm", "P5 5 3\n100\n", (3, 5, 1), 100, False),
    ]
    for name, header, shape, maxval, plain in cases:
        samples = rng.integers(0, maxval + 1, shape)
        samples.flat[0] = maxval
        samples.flat[1] = 0
        if plain:
            lines = [" ".join(str(v) for v in row.reshape(-1)) for row in samples]
            body = ("\n# a comment between rows\n".join(lines) + "\n").encode()
        else:
            body = samples.astype(">u2" if maxval > 255 else np.uint8).tobytes()
        write(name, header.encode() + body)
        # The spec's value x/maxval, computed as NumPy computes TensorFlow's convert_image_dtype: x * float32(1/m).
        value = samples.astype(np.float32) * np.float32(1 / maxval)
        save_npy(name.rsplit(".", 1)[0] + ".f32.npy", value)
        manifest["netpbm"].append({"file": name, "shape": list(shape), "maxval": maxval})


# MARK: - NPY

def npy_cases():
    signed = [-128, -1, 0, 1, 2, 100, 127]
    unsigned = [0, 1, 2, 100, 127, 200, 255]
    real = [-2.5, -1.0, 0.0, 0.25, 1.0, 3.0, 1000.5]
    cases = {
        "npy_f4.npy": np.array(real, "<f4").reshape(7, 1),
        "npy_f4_be.npy": np.array(real, ">f4"),
        "npy_f8.npy": np.array([0.1, -1e-3, 3.0e38, 123456.789], "<f8").reshape(2, 2),
        "npy_f8_be.npy": np.array(real, ">f8"),
        "npy_f2.npy": np.array(real[:6], "<f2").reshape(1, 2, 3),
        "npy_i1.npy": np.array(signed, "|i1"),
        "npy_i2_be.npy": np.array([-32768, -1, 0, 32767], ">i2"),
        "npy_i4.npy": np.array([-2**31, -7, 0, 2**31 - 1], "<i4"),
        "npy_i8.npy": np.array([-2**40, -1, 0, 2**53], "<i8"),
        "npy_u1.npy": np.array(unsigned, "|u1").reshape(7, 1, 1),
        "npy_u2.npy": np.array([0, 1, 65535], "<u2"),
        "npy_u4_be.npy": np.array([0, 1, 2**32 - 1], ">u4"),
        "npy_u8.npy": np.array([0, 1, 2**64 - 1], "<u8"),
        "npy_bool.npy": np.array([[True, False, True]]),
        "npy_scalar.npy": np.array(4.5, "<f4"),
        "npy_empty.npy": np.zeros((0, 3), "<f4"),
    }
    for name, array in cases.items():
        np.save(OUT / name, array)
        manifest["npy"][name] = {"shape": list(array.shape),
                                 "values": [float(v) for v in array.astype(np.float32).reshape(-1)]}
    with open(OUT / "npy_v2.npy", "wb") as f:
        np.lib.format.write_array(f, np.array(real, "<f4").reshape(7, 1, 1), version=(2, 0))
    manifest["npy"]["npy_v2.npy"] = {"shape": [7, 1, 1], "values": [float(np.float32(v)) for v in real]}
    with open(OUT / "npy_v3.npy", "wb") as f:
        np.lib.format.write_array(f, np.array(real, "<f4"), version=(3, 0))
    manifest["npy"]["npy_v3.npy"] = {"shape": [7], "values": [float(np.float32(v)) for v in real]}
    # What np.save writes for a float32 array, for comparing ConvShell's own .npy files byte for byte.
    np.save(OUT / "npy_saved_by_numpy.npy", np.array([[1.5, -2], [0, 3]], "<f4"))
    np.save(OUT / "npy_saved_by_numpy_rank1.npy", np.arange(5, dtype="<f4"))
    # Refused: Fortran order, complex, text, structured.
    np.save(OUT / "bad_fortran.npy", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
    np.save(OUT / "bad_complex.npy", np.array([1 + 2j], "<c8"))
    np.save(OUT / "bad_unicode.npy", np.array(["ab"]))
    np.save(OUT / "bad_structured.npy", np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]))


# MARK: - Colour maps and oversized headers

def colormap_cases():
    rng = np.random.default_rng(7)
    x = (rng.standard_normal((9, 11)) * 3).astype(np.float32)
    x[0, 0], x[0, 1] = x.min() - 0, x.max()  # the ends are in the data
    np.save(OUT / "cmap_input.npy", x)
    for name in ("magma", "viridis", "gray", "coolwarm"):
        # What plt.imsave(f, x, cmap=name) writes: Normalize() over x's range, then the table, as bytes.
        rgb = matplotlib.colormaps[name](matplotlib.colors.Normalize()(x), bytes=True)[..., :3]
        save_npy(f"cmap_{name}.u8.npy", rgb)
        manifest["colormap"].append(name)


def oversized_cases():
    """Headers that claim 60000 x 60000 (3.6 gigapixels, over the default cap) on a few bytes of data."""
    data = bytearray((OUT / "jpeg_420.jpg").read_bytes())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", 60000, 60000)
    write("huge.jpg", bytes(data))
    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)
    write("huge.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
          + chunk(b"IEND", b""))
    write("huge.pgm", b"P5 60000 60000 255\n" + bytes(64))
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (60000, 60000, 3), }"
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    write("huge.npy", b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + bytes(16))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    jpeg_cases()
    png_cases()
    netpbm_cases()
    npy_cases()
    colormap_cases()
    oversized_cases()
    table = to_float(tf.constant(np.arange(256, dtype=np.uint8)))
    save_npy("tf_u8_to_f32.npy", table)
    divided = np.arange(256, dtype=np.float32) / np.float32(255)
    t16 = to_float(tf.constant(np.arange(65536, dtype=np.uint16)))
    divided16 = np.arange(65536, dtype=np.float32) / np.float32(65535)
    manifest["versions"] = {"tensorflow": tf.__version__, "numpy": np.__version__, "matplotlib": matplotlib.__version__,
                            "pillow": Image.__version__}
    manifest["division_differs"] = {"u8": int((table != divided).sum()), "u16": int((t16 != divided16).sum())}
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {len(list(OUT.iterdir()))} files, {total / 1024:.0f} KiB, to {OUT.relative_to(ROOT)}")
    print(f"x/255 differs from TensorFlow's x*float32(1/255) for {manifest['division_differs']['u8']} of 256 values,"
          f" x/65535 from x*float32(1/65535) for {manifest['division_differs']['u16']} of 65536")


if __name__ == "__main__":
    main()
