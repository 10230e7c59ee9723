#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every case of every GLib test executable alone (`-l` lists them,
# `-p PATH` runs one), so a case that only passes after the ones before it
# shows up. Prints TAP, one line per case; a case that fails or skips when
# alone is "not ok", with its last lines of output.
#
# Usage: test-each-alone.sh BUILDDIR [TEST…]
#   BUILDDIR  a meson build directory of this project
#   TEST      names of executables in BUILDDIR/tests (default: every test-*)
#
# It sets the environment of tests/meson.build where the caller has not, and
# runs itself under `xvfb-run -a` when there is no display, for the widget
# and window tests. The source root is the one this script belongs to, or
# CM_SOURCE_ROOT.
set -u

builddir=$(cd "${1:?usage: test-each-alone.sh BUILDDIR [TEST…]}" && pwd) || exit 2
shift
root=${CM_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${CM_EACH_ALONE_NO_XVFB:-}" ] \
   && command -v xvfb-run >/dev/null; then
  export CM_EACH_ALONE_NO_XVFB=1
  # -noreset: one case after another, each the only client; a resetting
  # Xvfb drops the connection of the next.
  exec xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" "$0" "$builddir" "$@"
fi

export G_TEST_SRCDIR=${G_TEST_SRCDIR:-$root/tests}
export G_TEST_BUILDDIR=${G_TEST_BUILDDIR:-$builddir/tests}
export CM_SOURCE_ROOT=$root
export GSETTINGS_BACKEND=${GSETTINGS_BACKEND:-memory}
export GSETTINGS_SCHEMA_DIR=${GSETTINGS_SCHEMA_DIR:-$builddir/data}
export GIO_USE_VFS=${GIO_USE_VFS:-local}
export GIO_USE_VOLUME_MONITOR=${GIO_USE_VOLUME_MONITOR:-unix}
export G_DEBUG=${G_DEBUG:-fatal-criticals}
export GSK_RENDERER=${GSK_RENDERER:-cairo}
export GDK_DEBUG=${GDK_DEBUG:-gl-disable}
export GTK_A11Y=${GTK_A11Y:-none}
export NO_AT_BRIDGE=${NO_AT_BRIDGE:-1}
export LC_ALL=${LC_ALL:-C.UTF-8}

if [ $# -gt 0 ]; then
  exes=()
  for name in "$@"; do exes+=("$builddir/tests/$name"); done
else
  exes=("$builddir"/tests/test-*)
fi

n=0 failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for exe in "${exes[@]}"; do
  [ -f "$exe" ] && [ -x "$exe" ] || continue
  name=$(basename "$exe")
  if ! cases=$("$exe" -l 2>"$out"); then
    n=$((n + 1)) failed=$((failed + 1))
    echo "not ok $n - $name -l"
    sed 's/^/# /' "$out" | tail -5
    continue
  fi
  mapfile -t paths < <(printf '%s\n' "$cases" | grep '^/')
  for path in "${paths[@]}"; do
    n=$((n + 1))
    # In a subshell, so the shell's own "Aborted" goes to the log too.
    (timeout 300 "$exe" --tap -p "$path"; exit $?) >"$out" 2>&1
    rc=$?
    if [ $rc = 0 ] && ! grep -q '^ok .*# SKIP' "$out" && grep -q '^ok ' "$out"; then
      echo "ok $n - $name $path"
    else
      failed=$((failed + 1))
      if [ $rc = 0 ]; then why="skipped or ran nothing"; else why="exit $rc"; fi
      echo "not ok $n - $name $path ($why)"
      grep -v '^# \(Start\|End\) of ' "$out" | tail -5 | sed 's/^/# /'
    fi
  done
done

echo "1..$n"
[ $failed = 0 ]
