"""Finds pictures in a terminal screenshot and compares them with the rasters convsh rendered.

    compare.py locate SHOT REF               prints "X Y PSNR": where REF best matches in SHOT (normalised
                                             cross-correlation, as OpenCV's matchTemplate TM_CCORR_NORMED) and
                                             the PSNR there
    compare.py tiles SHOT MONTAGE N PERROW   finds each of the N tiles of MONTAGE (save X FILE.png grid: PERROW
                                             per row, boxes the size of the largest tile, 1-pixel gutters) in
                                             SHOT; prints "TILES MIN_PSNR IN_ORDER"
    compare.py cells SHOT CAPTURE X0 Y0 CW CH
                                             reads `tmux capture-pane -e` output (CAPTURE) and, for every cell
                                             with a 256-colour background, the screenshot pixel 1 pixel inside
                                             the cell's top-left corner (the cell grid starts at X0,Y0, cells are
                                             CW x CH); prints "CELLS MISMATCHES"
PSNR is 10·log10(255²/MSE) over the three channels, as ImageMagick's `compare -metric PSNR`.
Needs only NumPy (Debian's python3-numpy): pictures are read through ImageMagick's `convert FILE ppm:-`.
"""
import re
import subprocess
import sys

import numpy as np


def read(path):
    """The picture at `path` as an [H,W,3] uint8 RGB array (ImageMagick converts it to binary PPM, P6)."""
    run = subprocess.run(["convert", path, "-depth", "8", "-type", "TrueColor", "ppm:-"], capture_output=True)
    if run.returncode != 0:
        sys.exit(f"compare.py: cannot read {path}: {run.stderr.decode(errors='replace').strip()}")
    data = run.stdout
    # Header: P6, width, height, maxval, each separated by whitespace, then one whitespace byte and the samples.
    fields, at = [], 0
    while len(fields) < 4:
        match = re.compile(rb"\s*(#[^\n]*\n\s*)*(\S+)").match(data, at)
        fields.append(match.group(2))
        at = match.end()
    if fields[0] != b"P6" or int(fields[3]) != 255:
        sys.exit(f"compare.py: {path} did not convert to 8-bit PPM")
    width, height = int(fields[1]), int(fields[2])
    return np.frombuffer(data, np.uint8, width * height * 3, at + 1).reshape(height, width, 3)


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return 99.0 if mse == 0 else 10 * np.log10(255.0 ** 2 / mse)


class Shot:
    """A screenshot prepared for template matching: its channels' FFTs and the running sums of its squares."""

    def __init__(self, image):
        self.image = image
        self.height, self.width = image.shape[:2]
        pixels = image.astype(np.float64)
        self.spectra = [np.fft.rfft2(pixels[:, :, c]) for c in range(3)]
        squares = (pixels ** 2).sum(axis=2)
        self.integral = np.pad(squares.cumsum(0).cumsum(1), ((1, 0), (1, 0)))

    def locate(self, ref):
        """(x, y, PSNR) where `ref` best matches: the largest Σ T·I / √(Σ T² · Σ I²) over every position where
        ref lies wholly inside the shot (TM_CCORR_NORMED), the cross-correlation taken through the FFT."""
        h, w = ref.shape[:2]
        template = ref.astype(np.float64)
        product = sum(np.fft.irfft2(self.spectra[c] * np.conj(np.fft.rfft2(template[:, :, c],
                                                                            s=(self.height, self.width))),
                                    s=(self.height, self.width)) for c in range(3))
        valid = product[:self.height - h + 1, :self.width - w + 1]
        s = self.integral
        window = s[h:, w:] - s[:-h, w:] - s[h:, :-w] + s[:-h, :-w]
        denominator = np.sqrt(np.maximum(window, 0) * (template ** 2).sum())
        scores = np.where(denominator > 1e-9, valid / np.maximum(denominator, 1e-9), 0)
        y, x = np.unravel_index(np.argmax(scores), scores.shape)
        return int(x), int(y), psnr(self.image[y:y + h, x:x + w], ref)


def tiles(shot, montage, count, per_row):
    # The box is the largest tile; the montage is per_row·(box+1)−1 wide and rows·(box+1)−1 tall.
    rows = (count + per_row - 1) // per_row
    box_w = (montage.shape[1] + 1) // per_row - 1
    box_h = (montage.shape[0] + 1) // rows - 1
    found = []
    for k in range(count):
        y, x = k // per_row * (box_h + 1), k % per_row * (box_w + 1)
        tile = montage[y:y + box_h, x:x + box_w]
        found.append(shot.locate(tile))
    # In order: left to right within a row of the shot, rows top to bottom.
    in_order = all((b[1], b[0]) > (a[1], a[0]) or b[1] > a[1] for a, b in zip(found, found[1:]))
    return count, min(p for _, _, p in found), in_order


XTERM_CUBE = [0, 95, 135, 175, 215, 255]


def palette(n):
    if 16 <= n <= 231:
        n -= 16
        return XTERM_CUBE[n // 36], XTERM_CUBE[n // 6 % 6], XTERM_CUBE[n % 6]
    if 232 <= n <= 255:
        return (8 + 10 * (n - 232),) * 3
    return None


def cells(shot, capture, x0, y0, cw, ch):
    # capture-pane -e writes a colour only where it changes, so it carries over from line to line.
    checked = mismatches = 0
    background = None
    for row, line in enumerate(capture.split("\n")):
        column = 0
        for token in re.findall(r"\x1b\[[0-9;]*m|[^\x1b]", line):
            if token.startswith("\x1b"):
                codes = [int(c) for c in token[2:-1].split(";") if c] or [0]
                i = 0
                while i < len(codes):
                    if codes[i] == 48 and i + 2 < len(codes) and codes[i + 1] == 5:
                        background = palette(codes[i + 2]); i += 3; continue
                    if codes[i] in (0, 49):
                        background = None
                    i += 1
                continue
            if background is not None:
                r, g, b = shot[y0 + row * ch + 1, x0 + column * cw + 1]
                checked += 1
                if max(abs(int(r) - background[0]), abs(int(g) - background[1]), abs(int(b) - background[2])) > 2:
                    mismatches += 1
            column += 1
    return checked, mismatches


def main(argv):
    if len(argv) >= 3 and argv[0] == "locate":
        print("%d %d %.2f" % Shot(read(argv[1])).locate(read(argv[2])))
    elif len(argv) == 5 and argv[0] == "tiles":
        count, worst, in_order = tiles(Shot(read(argv[1])), read(argv[2]), int(argv[3]), int(argv[4]))
        print("%d %.2f %s" % (count, worst, "yes" if in_order else "no"))
    elif len(argv) == 7 and argv[0] == "cells":
        with open(argv[2], encoding="utf-8") as f:
            capture = f.read()
        print("%d %d" % cells(read(argv[1]), capture, *map(int, argv[3:7])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
