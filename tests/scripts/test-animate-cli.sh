#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `chronomap export --animate` as a user drives it, with no display: what it
# writes (frame counts and sizes are read back in tests/test-animation.c),
# every exit status, one line per usage error, and nothing left behind by a
# usage error, a failure or a signal.
# Usage: test-animate-cli.sh CHRONOMAP SOURCE_ROOT
set -u
exe=$1 root=$2
unset DISPLAY WAYLAND_DISPLAY
n=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sample="$root/data/samples/metaverse-cn-2021-2023.json"

ok() {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
run() {
  "$exe" export "$sample" "$@" >"$tmp/out" 2>"$tmp/err"
  echo $? >"$tmp/rc"
}
rc() { cat "$tmp/rc"; }
is() { [ "$1" = "$2" ]; ok $? "$3 (got $1)"; }
clean() { ! ls -A "$tmp" | grep -q "^\.chronomap-"; }

anim=(--animate 2021-10..2023-05 --step 1m --width 320 --height 240)

run "${anim[@]}" -o "$tmp/a.webp"
is "$(rc)" 0 "a WebP exits 0"
grep -q "a.webp: 20 frames of 320×240 px, animated WebP, 7.0 s at 4 fps" "$tmp/out"; ok $? "and says what it wrote"
head -c 4 "$tmp/a.webp" | grep -q RIFF; ok $? "and it is a RIFF file"
run "${anim[@]}" -o "$tmp/A.GIF" --fps 10 --hold 0
is "$(rc)" 0 "a GIF (any case) exits 0"
head -c 6 "$tmp/A.GIF" | grep -q GIF89a; ok $? "and it is a GIF89a"
run "${anim[@]}" -o "$tmp/frames/"
is "$(rc)" 0 "a PNG series exits 0"
is "$(ls "$tmp/frames" | wc -l)" 20 "twenty frames"
[ -f "$tmp/frames/frame-0001.png" ] && [ -f "$tmp/frames/frame-0020.png" ]; ok $? "named frame-0001.png to frame-0020.png"
run "${anim[@]}" -o "$tmp/frames"
is "$(rc)" 0 "an existing folder without the slash takes a series too"
run --animate 2022-01-01..2022-01-01 --step 1d --width 320 --height 240 -o "$tmp/one.gif" --view timeline
is "$(rc)" 0 "one frame of a timeline"
clean; ok $? "no temporary file or folder is left"

# Usage errors: exit 2, one line, nothing written.
touch "$tmp/file"
while IFS='|' read -r args want; do
  # shellcheck disable=SC2086
  run $args
  is "$(rc)" 2 "$args is a usage error"
  is "$(grep -c "^chronomap export: " "$tmp/err")" 1 "with one line, then the usage"
  grep -q -- "$want" "$tmp/err"; ok $? "that says \"$want\""
done <<EOF
--animate 2023..2021 --step 1m -o $tmp/u.webp|the start comes after the end
--animate 2000..2023 --step 1d -o $tmp/u.webp|more than 2000 frames
--animate 2021..2023 --step 1x -o $tmp/u.webp|--step must be
--animate 2021..2023 --step month -o $tmp/u.webp|--step must be
--animate 2021..2023 -o $tmp/u.webp|needs --step
--animate 2021 --step 1m -o $tmp/u.webp|START..END
--animate 2021..2022-13 --step 1m -o $tmp/u.webp|START..END
--animate 2021..2023 --step 1m -o $tmp/file/|exists and is not a folder
--animate 2021..2023 --step 1m -o $tmp/u.mp4|.webp, .gif or a folder
--animate 2021..2023 --step 1m -o $tmp/u.png|.webp, .gif or a folder
--animate 2021..2023 --step 1m -o $tmp/u|.webp, .gif or a folder
--animate 2021..2023 --step 1m -o -|a file or a folder
--animate 2021..2023 --step 1m --fps 4 -o $tmp/u/|no timing
--animate 2021..2023 --step 1m --fps 0 -o $tmp/u.gif|--fps must be
--animate 2021..2023 --step 1m --fps 51 -o $tmp/u.gif|--fps must be
--animate 2021..2023 --step 1m --hold -1 -o $tmp/u.gif|--hold must be
--animate 2021..2023 --step 1m --at 2022 -o $tmp/u.gif|leave out --at
--animate 2021..2023 --step 1m --format png -o $tmp/u.gif|--format is for a still figure
--animate 2021..2023 --step 1m --width 20000 --height 100 -o $tmp/u.gif|too large
--step 1m -o $tmp/u.png|go with --animate
--fps 4 -o $tmp/u.png|go with --animate
EOF
[ ! -e "$tmp/u.webp" ] && [ ! -e "$tmp/u.gif" ] && [ ! -e "$tmp/u" ] && [ -f "$tmp/file" ]; ok $? "usage errors write nothing"
"$exe" export --help >"$tmp/help" 2>&1
grep -q -- "--animate" "$tmp/help" && grep -q -- "--step" "$tmp/help" && grep -q -- "--hold" "$tmp/help"
ok $? "--help lists the animation's options"

# Failures: exit 1 with the culprit named, nothing written.
run "${anim[@]}" -o "$tmp/no-such-folder/a.webp"
is "$(rc)" 1 "a missing folder exits 1"
grep -q "no-such-folder" "$tmp/err"; ok $? "and names it"
run "${anim[@]}" -o "$tmp/no-such-folder/frames/"
is "$(rc)" 1 "a series in a missing folder exits 1"
"$exe" export /nonexistent.json "${anim[@]}" -o "$tmp/x.webp" >/dev/null 2>&1
is "$?" 1 "a missing dataset exits 1"
run "${anim[@]}" -o "$tmp/x.webp" --category nope
is "$(rc)" 1 "an unknown category exits 1"
mkdir "$tmp/dir.gif"
run "${anim[@]}" -o "$tmp/dir.gif"
is "$(rc)" 0 "a folder named .gif takes a series, as a folder"
clean; ok $? "no temporary file or folder is left"

# SIGTERM and SIGINT while the frames are written (one a day for two
# years, at a large size: some seconds) remove the temporary file or
# folder and leave no output.
for sig in TERM INT; do
  for out in sig.webp sig.gif sig-frames/; do
    "$exe" export "$sample" -q --animate 2021-06-01..2023-05-01 --step 1d --width 1600 --height 1200 \
      -o "$tmp/$out" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 2000); do ls -A "$tmp" | grep -q "^\.chronomap-" && break; sleep 0.01; done
    ls -A "$tmp" | grep -q "^\.chronomap-"; ok $? "SIG$sig, $out: the animation is under way"
    sleep 0.3
    kill -"$sig" "$pid"
    wait "$pid" 2>/dev/null
    clean; ok $? "SIG$sig removes the temporary ${out%%/*}'s file or folder"
    [ ! -e "$tmp/$out" ]; ok $? "and writes no partial $out"
  done
done

echo "1..$n"
[ "$failed" -eq 0 ]
