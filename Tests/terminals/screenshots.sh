#!/usr/bin/env bash
# `show` in real terminals, checked from screenshots: starts Xvfb, then for each terminal — xterm in VT340 mode
# (sixel, `numColorRegisters: 1024`) and kitty (its graphics protocol; LIBGL_ALWAYS_SOFTWARE=1) — runs convsh in
# it, screenshots the screen (ImageMagick's `import -window root`), finds the picture in the screenshot and
# compares it with the raster convsh rendered (Tests/terminals/compare.py, OpenCV):
#   photo  `show img` of the bundled photo; reference: `save img` of the same tensor (the photo fits at its own
#          size, so that is the raster show draws). kitty: PSNR ≥ 30 dB. xterm: PSNR ≥ that of ImageMagick's own
#          sixel of the same reference (`convert ref.png sixel:-`) drawn in the same xterm in the same run.
#   lesson `show d cmap=magma` of the lesson's edge map (gray photo, edge kernel, relu); reference `save d cmap=magma`;
#          PSNR ≥ 30 dB in both terminals.
#   grid   `show p cmap=magma` of 64 feature maps (conv2d with a random [3,3,3,64] bank, maxpool 8): every tile of
#          `save p FILE.png grid cmap=magma` must be found in the screenshot, in order, at PSNR ≥ 30 dB.
#   table  `show k` of the edge kernel in tmux inside xterm: the text read back with `tmux capture-pane`, and each
#          shaded cell's colour (its 256-colour background) checked in the screenshot.
#   filters `show m.block1_conv1.kernel` of the bundled VGG16: its 64 colour filters, screenshot only (for the
#          README; FilterBankPictureTests checks the tiles' colours).
# Screenshots and references stay in OUT for a person to look at. A terminal that cannot start here is skipped
# and reported; every wait has a timeout. About 2 minutes on a quiet 2-core machine.
#
# Usage: Tests/terminals/screenshots.sh [CONVSH] [OUT]
#   CONVSH  the binary (default .build/debug/convsh); OUT the folder (default out/terminals)
# Needs Xvfb, ImageMagick and a Python 3 with NumPy ($CONVSH_PYTHON if it has NumPy, else python3 — Debian's
# python3-numpy, which scripts/setup installs): without them it fails, it does not skip.
# Exit status: 0 pass, 1 fail, 77 skipped (no terminal could start).
set -uo pipefail
cd "$(dirname "$0")/../.."
convsh=$(realpath "${1:-.build/debug/convsh}")
out=${2:-out/terminals}
photo=$(realpath examples/chelsea.jpg)
here=$(realpath Tests/terminals)
skip() { echo "skip: $*"; exit 77; }
for tool in Xvfb import convert; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (scripts/setup installs it)"; exit 1; }
done
python=""
for candidate in "${CONVSH_PYTHON:-}" python3 /usr/bin/python3; do
    [[ -n $candidate ]] && "$candidate" -c 'import numpy' 2>/dev/null && { python=$candidate; break; }
done
[[ -n $python ]] || { echo "FAIL: no Python 3 with NumPy (scripts/setup installs python3-numpy)"; exit 1; }
[[ -x $convsh ]] || { echo "FAIL: no binary at $convsh (build first)"; exit 1; }
mkdir -p "$out" && out=$(realpath "$out")
work=$(mktemp -d)
failures=0 ran=0 skipped=()
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# --- Xvfb on a free display (it picks one and writes its number to fd 3) ---
exec 3> "$work/display"
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
exec 3>&-
terminal_pid=""
cleanup() {
    [[ -n $terminal_pid ]] && kill "$terminal_pid" 2>/dev/null
    kill "$xvfb" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 50); do [[ -s $work/display ]] && break; sleep 0.1; done
[[ -s $work/display ]] || skip "Xvfb did not start: $(tail -1 "$work/xvfb.log")"
export DISPLAY=:$(head -1 "$work/display")

# --- References, from convsh itself: the photo as show draws it, the 64-map montage ---
maps='img = load "'"$photo"'"; w = kernel random 3 3 3 64 seed=1; m = conv2d img w same; p = maxpool m size=8'
lesson='img = load "'"$photo"'" gray; k = kernel edge; f = conv2d img k same; d = relu f'
filters='m = load "'"$(realpath examples/vgg16_block12.keras)"'"'
"$convsh" -c "img = load \"$photo\"; save img \"$out/photo-reference.png\"" || fail "cannot save the photo reference"
"$convsh" -c "$lesson; save d \"$out/lesson-reference.png\" cmap=magma" || fail "cannot save the lesson reference"
"$convsh" -c "$maps; save p \"$out/grid-reference.png\" grid cmap=magma" || fail "cannot save the grid reference"
convert "$out/photo-reference.png" sixel:"$work/imagemagick.six"

# Runs COMMAND (a shell command line) in TERMINAL (xterm|kitty) full screen, waits until it has written its
# marker (at most 30 s), screenshots the screen into OUT/NAME.png. Returns 2 when the terminal did not start.
# The command sees the cell size in $work/winsize ("rows columns xpixels ypixels").
run_in() {
    local terminal=$1 name=$2 command=$3
    rm -f "$work/done" "$work/winsize"
    cat > "$work/run.sh" <<SCRIPT
#!/bin/sh
"$python" -c 'import fcntl, struct, sys, termios; print(*struct.unpack("HHHH", fcntl.ioctl(0, termios.TIOCGWINSZ, bytes(8))))' > "$work/winsize"
printf '\033[H\033[2J'
$command
touch "$work/done"
sleep 60
SCRIPT
    chmod +x "$work/run.sh"
    case $terminal in
        xterm) xterm -ti vt340 -xrm 'XTerm*numColorRegisters: 1024' -xrm 'XTerm*decTerminalID: vt340' \
                     -bg black -fg white -geometry 100x40+0+0 -e "$work/run.sh" >"$work/$name.log" 2>&1 & ;;
        kitty) LIBGL_ALWAYS_SOFTWARE=1 kitty --config NONE -o initial_window_width=100c -o initial_window_height=40c \
                     -o remember_window_size=no -o background=black -o foreground=white "$work/run.sh" \
                     >"$work/$name.log" 2>&1 & ;;
    esac
    terminal_pid=$!
    for _ in $(seq 300); do
        [[ -f $work/done ]] && break
        kill -0 "$terminal_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [[ ! -f $work/done ]]; then
        kill "$terminal_pid" 2>/dev/null; wait "$terminal_pid" 2>/dev/null; terminal_pid=""
        echo "  $terminal did not run the command: $(tail -2 "$work/$name.log" | tr '\n' ' ')"
        return 2
    fi
    sleep 1
    import -window root "$out/$name.png"
    kill "$terminal_pid" 2>/dev/null; wait "$terminal_pid" 2>/dev/null; terminal_pid=""
    return 0
}

compare() { "$python" "$here/compare.py" "$@"; }

check_picture() {   # TERMINAL CASE FLOOR_DB: OUT/TERMINAL-CASE.png against OUT/CASE-reference.png
    local terminal=$1 case=$2 floor=$3 x y db
    read -r x y db < <(compare locate "$out/$terminal-$case.png" "$out/$case-reference.png")
    if awk "BEGIN { exit !($db >= $floor) }"; then
        ok "$terminal: $case found at $x,$y, PSNR $db dB (needs ≥ $floor)"
    else
        fail "$terminal: $case PSNR $db dB at $x,$y, needs ≥ $floor (see $out/$terminal-$case.png)"
    fi
}

check_grid() {    # TERMINAL
    local terminal=$1 count db order
    read -r count db order < <(compare tiles "$out/$terminal-grid.png" "$out/grid-reference.png" 64 8)
    if [[ $order == yes ]] && awk "BEGIN { exit !($db >= 30) }"; then
        ok "$terminal: all $count tiles of the 64-map grid found in order, worst PSNR $db dB"
    else
        fail "$terminal: grid tiles worst PSNR $db dB, in order: $order (see $out/$terminal-grid.png)"
    fi
}

# The kernel table inside tmux (attached in the terminal, so the screenshot shows it): a background job waits for
# the table, reads the pane back (`capture-pane -p` text, `-e` with colours) and writes the marker itself.
socket="convsh-table-$$"
table_command() {
    cat <<COMMAND
( for _ in \$(seq 100); do tmux -L $socket capture-pane -p 2>/dev/null | grep -q 'zero-summing' && break; sleep 0.1; done
  tmux -L $socket capture-pane -p > '$work/table.text'; tmux -L $socket capture-pane -e -p > '$work/table.capture'
  touch '$work/done' ) &
tmux -L $socket -f /dev/null new-session "'$convsh' -c 'k = kernel edge; show k'; sleep 60"
COMMAND
}

# The text as `show k` prints it off a terminal (shaded cells are padded, so spaces are compared as one); each
# shaded cell's colour in the screenshot.
check_table() {
    local expected cw ch cells mismatches
    squeeze() { sed -E 's/ +/ /g; s/^ //; s/ $//'; }
    expected=$("$convsh" -c 'k = kernel edge; show k' | squeeze)
    tmux -L "$socket" kill-server 2>/dev/null
    if [[ $(head -4 "$work/table.text" | squeeze) == "$expected" ]]; then
        ok "xterm+tmux: the kernel table reads back as printed"
    else
        fail "xterm+tmux: the kernel table reads back as:
$(head -4 "$work/table.text")"
    fi
    cp "$work/table.capture" "$out/xterm-table.capture"
    read -r _ _ cw ch < "$work/winsize"
    read -r cells mismatches < <(compare cells "$out/xterm-table.png" "$work/table.capture" \
        "$xterm_x" "$xterm_y" $((cw / 100)) $((ch / 40)))
    if (( cells >= 9 && mismatches == 0 )); then
        ok "xterm+tmux: all $cells shaded cells of the table have their colour on screen"
    else
        fail "xterm+tmux: $mismatches of $cells shaded cells differ on screen (see $out/xterm-table.png)"
    fi
}

# --- xterm (sixel) ---
if command -v xterm >/dev/null; then
    if run_in xterm xterm-imagemagick "cat '$work/imagemagick.six'"; then
        ran=$((ran + 1))
        read -r _ _ magick_db < <(compare locate "$out/xterm-imagemagick.png" "$out/photo-reference.png")
        echo "  ImageMagick's sixel of the photo in this xterm: PSNR $magick_db dB"
        run_in xterm xterm-photo "'$convsh' -c 'img = load \"$photo\"; show img'" &&
            check_picture xterm photo "$magick_db"
        # The photo is drawn at the first cell after clearing: where it was found is where the cells start.
        read -r xterm_x xterm_y _ < <(compare locate "$out/xterm-photo.png" "$out/photo-reference.png")
        run_in xterm xterm-grid "'$convsh' -c '$maps; show p cmap=magma'" && check_grid xterm
        run_in xterm xterm-lesson "'$convsh' -c '$lesson; show d cmap=magma'" && check_picture xterm lesson 30
        if command -v tmux >/dev/null; then
            run_in xterm xterm-table "$(table_command)" && check_table
        else
            skipped+=("the kernel table (tmux is not installed)")
        fi
    else
        skipped+=("xterm")
    fi
else
    skipped+=("xterm (not installed)")
fi

# --- kitty (graphics protocol) ---
if command -v kitty >/dev/null; then
    if run_in kitty kitty-photo "'$convsh' -c 'img = load \"$photo\"; show img'"; then
        ran=$((ran + 1))
        check_picture kitty photo 30
        run_in kitty kitty-grid "'$convsh' -c '$maps; show p cmap=magma'" && check_grid kitty
        run_in kitty kitty-lesson "'$convsh' -c '$lesson; show d cmap=magma'" && check_picture kitty lesson 30
        run_in kitty kitty-filters "'$convsh' -c '$filters; show m.block1_conv1.kernel'" ||
            fail "kitty: the VGG16 filters were not drawn"
    else
        skipped+=("kitty: $(tail -1 "$work/kitty-photo.log" 2>/dev/null)")
    fi
else
    skipped+=("kitty (not installed)")
fi

for s in "${skipped[@]}"; do echo "skipped: $s"; done
(( failures > 0 )) && { echo "FAIL: $failures check(s) failed; screenshots in $out"; exit 1; }
(( ran == 0 )) && skip "no terminal could start"
echo "ok: screenshots in $out"
