#!/usr/bin/env bash
# `show` in a real terminal: runs `convsh -c 'img = load PHOTO; show img'` inside tmux (a 100x40 window,
# COLORTERM=truecolor) and checks with `tmux capture-pane -e` that the picture has the size `show` promises —
# fitted to the window keeping the aspect ratio, two pixel rows per line — drawn in 24-bit colour. Then checks
# that the same command piped into a file writes no escape code at all.
#
# Usage: Tests/tmux/show-photo.sh [CONVSH] [PHOTO]
#   CONVSH  the binary (default .build/debug/convsh)
#   PHOTO   an image `load` reads (default: the first .jpg/.png/.ppm/.pgm/.npy under examples/)
# Exit status: 0 pass, 1 fail, 77 skipped (no tmux).
set -euo pipefail
cd "$(dirname "$0")/../.."

convsh=${1:-.build/debug/convsh}
photo=${2:-$(ls examples/*.jpg examples/*.png examples/*.ppm examples/*.pgm examples/*.npy 2>/dev/null | head -1)}
columns=100 rows=40
command -v tmux >/dev/null || { echo "skip: tmux is not installed"; exit 77; }
[[ -x $convsh ]] || { echo "FAIL: no binary at $convsh (build first)"; exit 1; }
[[ -f $photo ]] || { echo "FAIL: no photo (give one as the second argument)"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }

# The photo's size, from the shell itself: `stats` begins "img: [H,W,C] float32" (or "[H,W]").
read -r height width < <("$convsh" -c "img = load \"$photo\"; stats img" | head -1 \
    | sed -E 's/^img: \[([0-9]+),([0-9]+).*/\1 \2/')
[[ $height =~ ^[0-9]+$ && $width =~ ^[0-9]+$ ]] || fail "cannot read the photo's shape from stats"

# Expected picture (PictureLayout.fit): inside columns x 2·(rows-2) pixels, enlarged by whole factors only,
# else the binding side exact and the other rounded down.
max_w=$columns max_h=$((2 * (rows - 2)))
factor=$(( max_w / width < max_h / height ? max_w / width : max_h / height ))
if (( factor >= 1 )); then
    w=$((width * factor)) h=$((height * factor))
elif (( max_w * height <= max_h * width )); then
    w=$max_w h=$((height * max_w / width))
else
    w=$((width * max_h / height)) h=$max_h
fi
lines=$(( (h + 1) / 2 ))

socket="convsh-show-$$"
cleanup() { tmux -L "$socket" kill-server 2>/dev/null || true; }
trap cleanup EXIT
tmux -L "$socket" -f /dev/null new-session -d -x "$columns" -y "$rows" \
    "env COLORTERM=truecolor TERM=xterm-256color NO_COLOR= $(printf %q "$convsh") -c $(printf %q "img = load \"$photo\"; show img"); sleep 60"
capture=""
for _ in $(seq 100); do
    capture=$(tmux -L "$socket" capture-pane -e -p)
    grep -q "^img \[" <<<"$(sed 's/\x1b\[[0-9;]*m//g' <<<"$capture")" && break
    sleep 0.1
done
plain=$(sed 's/\x1b\[[0-9;]*m//g' <<<"$capture")
grep -q "^img \[$height,$width" <<<"$plain" || fail "no legend line for img [$height,$width,...]; screen was:
$plain"

# Every picture line is w half blocks; there are exactly `lines` of them.
picture_lines=$(grep -c "▀" <<<"$plain" || true)
[[ $picture_lines == "$lines" ]] || fail "expected $lines picture lines, got $picture_lines"
while IFS= read -r line; do
    cells=$(grep -o "▀" <<<"$line" | wc -l)
    [[ $cells == "$w" ]] || fail "expected $w cells per picture line, got $cells"
done < <(grep "▀" <<<"$plain")
grep -q $'\x1b\[38;2;[0-9]*;[0-9]*;[0-9]*m' <<<"$capture" || fail "no 24-bit foreground colour on screen"
grep -q $'\x1b\[48;2;[0-9]*;[0-9]*;[0-9]*m' <<<"$capture" || fail "no 24-bit background colour on screen"
if grep -q $'\x1b\[38;5;' <<<"$capture"; then fail "256-colour escapes although COLORTERM=truecolor"; fi
echo "ok: show drew $photo as ${w}x${h} pixels in $lines lines of 24-bit half blocks"

# Not a terminal: no escape codes, one descriptive line.
piped=$("$convsh" -c "img = load \"$photo\"; show img" | cat)
if grep -q $'\x1b' <<<"$piped"; then fail "escape codes written to a pipe"; fi
grep -q "not a terminal" <<<"$piped" || fail "piped show printed: $piped"
echo "ok: piped show wrote no escape codes"
