#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every language of po/LINGUAS translates every message of the sources as
# they are now: a template is extracted afresh from po/POTFILES.in with the
# keywords of meson's "glib" preset (po/meson.build), and msgcmp finds no
# message missing, untranslated or fuzzy in LANG.po; msgfmt --check finds
# no format that does not match its message.
# Usage: test-po-complete.sh SOURCE_ROOT
set -u
root=$1
n=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

cd "$root" || exit 2
xgettext --from-code=UTF-8 --add-comments=Translators \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in -o "$tmp/chronomap.pot" 2>"$tmp/xgettext.err"
ok $? "xgettext extracts the messages of po/POTFILES.in"
echo "# $(grep -c '^msgid ' "$tmp/chronomap.pot") messages"

for lang in $(grep -v '^#' po/LINGUAS); do
  msgcmp "po/$lang.po" "$tmp/chronomap.pot" >"$tmp/out" 2>&1
  rc=$?
  [ $rc = 0 ] || head -20 "$tmp/out" | sed 's/^/# /'
  ok $rc "$lang.po has a translation of every message, none fuzzy"
  msgfmt --check --statistics -o /dev/null "po/$lang.po" >"$tmp/out" 2>&1
  rc=$?
  sed 's/^/# /' "$tmp/out"
  [ $rc = 0 ] && ! grep -q "fuzzy\|untranslated" "$tmp/out"
  ok $? "$lang.po compiles with checked formats, 0 fuzzy, 0 untranslated"
done

echo "1..$n"
[ $failed -eq 0 ]
