#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tools/check-layers passes on the tree and fails on each kind of planted
# violation, in a copy of app/ and widgets/.
# Usage: test-check-layers.sh SOURCE_ROOT
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
  cp -r "$root/app" "$root/widgets" "$tmp/tree/"
}

# plant FILE LINE: insert LINE after the first line of FILE, expect exit 1
# and a message naming FILE.
plant() {
  fresh
  sed -i "1a $2" "$tmp/tree/$1"
  "$root/tools/check-layers" "$tmp/tree" >"$tmp/out" 2>&1
  rc=$?
  [ $rc = 1 ] && grep -q "^$1:2: error: " "$tmp/out"
  ok $? "$3"
}

fresh
"$root/tools/check-layers" "$tmp/tree" >"$tmp/out" 2>&1
ok $? "the tree as it is passes"

plant widgets/painters/map/cm-map-view.c '#include "cm-dataset.h"' "a painter including the dataset model fails"
plant widgets/painters/timeline/cm-timeline-view.c '#include <gtk/gtk.h>' "a painter including GTK fails"
plant app/model/cm-date.c '#include <adwaita.h>' "the model including libadwaita fails"
plant app/export/cm-view-data.c '#include "cm-map.h"' "the export including a widget fails"
plant app/util/cm-text.c '#include "cm-dataset.h"' "the utilities including the model fails"
plant app/model/cm-date.c '#include "cm-canvas.h"' "the model including a painter fails"

fresh
printf '#include <glib.h>\nint cm_free_function (void);\n' >"$tmp/tree/widgets/cm-plain.c"
"$root/tools/check-layers" "$tmp/tree" >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "^widgets/cm-plain.c:1: error: GTK-free code belongs in widgets/painters/" "$tmp/out"
ok $? "a GTK-free .c beside the widgets fails"

fresh
echo "export_deps += [gtk_dep]" >>"$tmp/tree/app/export/meson.build"
"$root/tools/check-layers" "$tmp/tree" >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "^app/export/meson.build:[0-9]*: error: the export library is GTK-free" "$tmp/out"
ok $? "a GTK dependency in a GTK-free library fails"

echo "1..$n"
[ $failed = 0 ]
