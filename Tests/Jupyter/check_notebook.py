"""Checks an executed examples/lesson.ipynb: every code cell ran (an execution count, no error output), and
each `show` of a picture came back as a PNG that decodes to the expected size; `show k` as an HTML table.
    check_notebook.py EXECUTED.ipynb
Expected sizes follow from the lesson's tensors by hand (Montage's rule, docs/jupyter.md): the photo is
451x300; maxpool with same padding gives ceil(451/2) x ceil(300/2) = 226x150; two tiles side by side are
2*451+1 = 903 wide; four tiles (2 per row) are 903 x (2*300+1) = 601."""
import base64
import sys

import nbformat

from png_check import decode_size

# Code cell (in order) → the (width, height) of each PNG it must display, or "table" for an HTML kernel table.
EXPECTED = {
    0: [], 1: [(451, 300)], 2: "table", 3: [(451, 300)], 4: [(451, 300)], 5: [(226, 150)],
    6: [(903, 300)], 7: [(903, 601)], 8: [], 9: [],
}
# Code cell → text its stdout must contain (stats of the pooled result of the def in cell 9).
TEXT = {0: "img", 9: "[150,226,1]"}


def main(path):
    notebook = nbformat.read(path, as_version=4)
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    failures = []
    failed_cells = set()
    if len(cells) != len(EXPECTED):
        failures.append("expected %d code cells, found %d" % (len(EXPECTED), len(cells)))
    for index, cell in enumerate(cells):
        where = "cell %d (%s)" % (index, cell.source.splitlines()[0])
        before = len(failures)
        if cell.execution_count is None:
            failures.append(where + ": did not run")
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if errors:
            failures.append(where + ": error " + " ".join(errors[0].traceback))
        displays = [o for o in cell.outputs if o.output_type == "display_data"]
        pngs = [base64.b64decode(o.data["image/png"]) for o in displays if "image/png" in o.data]
        expected = EXPECTED.get(index, [])
        if expected == "table":
            html = [o.data.get("text/html", "") for o in displays]
            if len(html) != 1 or "<span style=\"background:#" not in html[0] or "text/plain" not in displays[0].data:
                failures.append(where + ": expected one shaded HTML table with text/plain")
                failed_cells.add(index)
            continue
        sizes = []
        for png in pngs:
            try:
                sizes.append(decode_size(png)[:2])
            except ValueError as error:
                failures.append(where + ": PNG does not decode: %s" % error)
        if sizes != expected:
            failures.append(where + ": PNG sizes %s, expected %s" % (sizes, expected))
        if any("text/plain" not in o.data for o in displays):
            failures.append(where + ": a display_data without text/plain")
        text = "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")
        if index in TEXT and TEXT[index] not in text:
            failures.append(where + ": stdout %r lacks %r" % (text[:200], TEXT[index]))
        if len(failures) > before:
            failed_cells.add(index)
    for failure in failures:
        print("check_notebook: " + failure)
    print("notebook cells: %d passed, %d failed" % (len(cells) - len(failed_cells), len(failed_cells)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
