#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line in Chinese: with LANGUAGE=zh_CN under C.UTF-8 (glibc
# honours LANGUAGE in any locale but C), `chronomap validate` speaks the
# build's zh_CN translation (CHRONOMAP_LOCALEDIR, set by tests/meson.build),
# keeps the FILE:LINE:COLUMN lines as scripts read them, and its exit
# statuses do not change.
# Usage: test-i18n-cli.sh CHRONOMAP SOURCE_ROOT
set -u
exe=$1 root=$2
unset DISPLAY WAYLAND_DISPLAY
n=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8

ok() {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

[ -n "${CHRONOMAP_LOCALEDIR:-}" ] && [ -f "$CHRONOMAP_LOCALEDIR/zh_CN/LC_MESSAGES/chronomap.mo" ]
ok $? "the build's zh_CN catalogue is where CHRONOMAP_LOCALEDIR says"

sample="$root/data/samples/metaverse-cn-2021-2023.json"
LANGUAGE=zh_CN "$exe" validate "$sample" >"$tmp/out" 2>"$tmp/err"
ok $? "sample is valid (exit 0)"
grep -q "：有效：10 条公告，13 个地点，5 个类别" "$tmp/out"; ok $? "the summary is in Chinese"
# The gazetteer's notes come after it looked names up in the C locale:
# translation must survive that (GLib decides once, on its first lookup).
grep -q "note: place \"Wuhan\" has no lat/lon" "$tmp/err"; ok $? "diagnostic lines keep their format"

LANGUAGE=zh_CN "$exe" validate >"$tmp/out" 2>"$tmp/err"
ok $(( $? != 2 )) "no file: usage error (exit 2)"
grep -q "^chronomap validate：未指定文件" "$tmp/err"; ok $? "the usage error is in Chinese"
grep -q "^用法：chronomap validate" "$tmp/err"; ok $? "the usage line is in Chinese"

LANGUAGE=zh_CN "$exe" validate --help >"$tmp/out" 2>&1
grep -q "只输出警告和错误" "$tmp/out"; ok $? "--help describes the options in Chinese"
grep -q "退出状态：" "$tmp/out"; ok $? "--help gives the exit statuses in Chinese"

# convert: its messages in Chinese, the FILE: error: tag as scripts read it.
LANGUAGE=zh_CN "$exe" convert "$sample" -o "$tmp/sample.json" >"$tmp/out" 2>"$tmp/err"
ok $? "convert in Chinese (exit 0)"
grep -q "：10 条公告，13 个地点，5 个类别" "$tmp/out"; ok $? "convert's summary is in Chinese"
LANGUAGE=zh_CN "$exe" convert "$tmp/sample.json" -o "$tmp/sample.json" >"$tmp/out" 2>"$tmp/err"
ok $(( $? != 2 )) "convert onto its input: usage error (exit 2)"
grep -qx "chronomap convert: 输出会覆盖输入文件" "$tmp/err"; ok $? "the usage error is in Chinese"
printf 'date,title\n2021-01-05,A\nnot a date,B\n' >"$tmp/skips.csv"
LANGUAGE=zh_CN "$exe" convert "$tmp/skips.csv" -o "$tmp/skips.json" >"$tmp/out" 2>"$tmp/err"
grep -Eq "^$tmp/skips.csv: error: .*；未写入任何内容（--allow-skips 会写入其余部分）$" "$tmp/err"
ok $? "a skipped row: FILE: error: kept, the message in Chinese"

# Without LANGUAGE the C locale is English, as before.
"$exe" validate "$sample" >"$tmp/out" 2>/dev/null
grep -q "valid: 10 announcements" "$tmp/out"; ok $? "English without LANGUAGE"

echo "1..$n"
[ $failed -eq 0 ]
