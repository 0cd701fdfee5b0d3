#!/usr/bin/env python3
"""Writes Tests/OpsTests/Reference/files/manifest.json: what Python says glob, basename, stem, dirname and range
give, for the fixture tree beside it and a list of paths. ConvShell's ops must give the same.

    python3 scripts/make-files-reference.py      # any Python 3; the standard library only
"""
import glob, json, os, pathlib

here = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "OpsTests" / "Reference" / "files"
patterns = ["*.jpg", "a/*", "a/*.jpg", "a/.*", "**/*.jpg", "**", "a/**", "a/**/*.jpg", "*/b/*", "a/[xy].*",
            "a/?.png", "d/*.JPG", "d/*.jpg", "nothing/*", "sp ace.jpg", "ü*", "a/b/c/w.jpg", "**/c"]
# Matched as tree/PATTERN from the folder holding the tree, as the test matches FOLDER/tree/PATTERN.
os.chdir(here)
globs = {p: sorted(glob.glob("tree/" + p, recursive=True), key=lambda s: s.encode()) for p in patterns}
paths = ["photos/cat.jpg", "cat.jpg", "/cat.jpg", "a/b.tar.gz", ".bashrc", "a/.bashrc", "a/b/", "noext", "x/y.z/w"]
parts = {p: {"basename": os.path.basename(p), "dirname": os.path.dirname(p),
             "stem": pathlib.PurePosixPath(os.path.basename(p)).stem if os.path.basename(p) else ""} for p in paths}
ranges = [[5], [0], [-3], [2, 8], [2, 8, 3], [3, 0, -1], [8, 2], [0, 10, -1], [-5, 5, 4]]
(here / "manifest.json").write_text(json.dumps({
    "globs": globs, "parts": parts,
    "ranges": [{"args": a, "values": list(range(*a))} for a in ranges]}, indent=1, ensure_ascii=False) + "\n")
