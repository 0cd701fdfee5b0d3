#!/usr/bin/env python3
"""Writes the data-set reference files under Tests/OpsTests/Reference/dataset/ (DatasetTests reads them).

NumPy and Python's csv module define the expected output, never ConvShell:
  row0.npy, row1.npy, row2.npy   three float32 [2,3,1] rows (np.save)
  set.npy                        np.save(np.stack(rows)): the [3,2,3,1] data set `save LIST set.npy` must equal
  set.csv                        csv.writer (QUOTE_MINIMAL, "\\n" line ends) of `path,row` for tricky names

    ${CONVSH_PYTHON:-python3} scripts/make-dataset-reference.py
"""
import csv
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/OpsTests/Reference/dataset"
OUT.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(12)
rows = [rng.standard_normal((2, 3, 1)).astype(np.float32) for _ in range(3)]
rows[1][0, 0, 0] = -0.0
rows[2][1, 2, 0] = np.float32(1e-40)  # a subnormal survives the copy
for i, row in enumerate(rows):
    np.save(OUT / ("row%d.npy" % i), row)
np.save(OUT / "set.npy", np.stack(rows))
names = ["photos/a, b.jpg", 'photos/say "hi".jpg', "photos/über.jpg"]
with open(OUT / "set.csv", "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["path", "row"])
    for i, name in enumerate(names[:3]):
        writer.writerow([name, i])
with open(OUT / "names.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(names[:3]) + "\n")
