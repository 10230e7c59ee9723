#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tools/check-potfiles passes on the tree and fails, naming the file, when a
# file with a translatable string is missing from po/POTFILES.in or a line
# of it is stale; in a copy of the tree.
# Usage: test-check-potfiles.sh SOURCE_ROOT
set -u
root=$1
n=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

fresh() {
  rm -rf "$tmp/tree"
  mkdir -p "$tmp/tree"
  cp -r "$root/app" "$root/widgets" "$root/resources" "$root/po" "$root/tools" "$root/data" "$tmp/tree/"
}

# expect MESSAGE: check-potfiles on the copy exits 1 and prints MESSAGE.
expect() {
  "$tmp/tree/tools/check-potfiles" "$tmp/tree" >"$tmp/out" 2>&1
  rc=$?
  [ $rc = 1 ] && grep -qF "$1" "$tmp/out"
}

"$root/tools/check-potfiles" "$root"; ok $? "the tree's POTFILES.in is complete"

fresh
printf 'static const char *s = N_("A new string");\n' >>"$tmp/tree/app/model/cm-time-filter.c"
expect "app/model/cm-time-filter.c: error: has translatable strings but is not in po/POTFILES.in"
ok $? "an N_() string in an unlisted model file"

fresh
printf 'void f (void) { puts (ngettext ("a", "b", 2)); }\n' >>"$tmp/tree/widgets/cm-timeline.c"
expect "widgets/cm-timeline.c: error: has translatable strings but is not in po/POTFILES.in"
ok $? "an ngettext in an unlisted widget"

fresh
cp "$tmp/tree/resources/ui/cm-details.ui" "$tmp/tree/resources/ui/cm-new.ui"
expect "resources/ui/cm-new.ui: error: has translatable strings but is not in po/POTFILES.in"
ok $? "a .ui file with translatable=\"yes\""

fresh
echo "app/cm-gone.c" >>"$tmp/tree/po/POTFILES.in"
expect "po/POTFILES.in: error: app/cm-gone.c does not exist"
ok $? "a listed file that is gone"

fresh
echo "app/model/cm-time-filter.c" >>"$tmp/tree/po/POTFILES.in"
expect "po/POTFILES.in: error: app/model/cm-time-filter.c marks no translatable string"
ok $? "a listed file with nothing to translate"

fresh
printf 'static int my_(int x) { return x; }\nstatic int y = my_(1);\n' >>"$tmp/tree/app/model/cm-time-filter.c"
"$tmp/tree/tools/check-potfiles" "$tmp/tree" >"$tmp/out" 2>&1
ok $? "a function whose name ends in _ is no mark"

echo "1..$n"
[ $failed -eq 0 ]
