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
grep -Eq "^$sample:[0-9]+:[0-9]+: /places/[0-9]+: note: 地点 \"Wuhan\" 没有经纬度；离线地名库给出 Wuhan \(Hubei" "$tmp/err"
ok $? "a loader's note in Chinese after its FILE:LINE:COLUMN: /pointer: note: prefix"

# A bad file: each message in Chinese, the FILE:LINE:COLUMN: and the
# severity as editors and scripts read them.
printf '{"title":"t","announcements":[{"id":"a","date":"2022-02-30","title":"x","category":"c"}],"categories":[{"id":"c","label":"C","color":"#ff0000"}],"bogus":1}' >"$tmp/bad.json"
LANGUAGE=zh_CN "$exe" validate "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"
ok $(( $? != 1 )) "bad file: invalid (exit 1)"
grep -qx "$tmp/bad.json:1:48: /announcements/0/date: error: 无效日期 \"2022-02-30\"：2022年2月只有 28 天" "$tmp/err"
ok $? "the date parser's error in Chinese, its prefix unchanged"
grep -qx "$tmp/bad.json:1:154: /bogus: error: 未知成员 \"bogus\"；应为 title、description、places、categories、sources 或 announcements（自定义成员请加 \"x-\" 前缀）" "$tmp/err"
ok $? "an unknown member: the list in Chinese"
printf '{"title": "t", "announcements": [}' >"$tmp/syntax.json"
LANGUAGE=zh_CN "$exe" validate "$tmp/syntax.json" >"$tmp/out" 2>"$tmp/err"
grep -qx "$tmp/syntax.json:1:34: error: 意外的 '}'；应为一个值（对象、数组、字符串、数字、true、false 或 null）" "$tmp/err"
ok $? "a JSON syntax error in Chinese"
LANGUAGE=zh_CN "$exe" validate "$tmp" >"$tmp/out" 2>"$tmp/err"
grep -qx "$tmp: error: 这是文件夹；应为 JSON 文件" "$tmp/err"; ok $? "an unreadable file: FILE: error: then Chinese"

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
printf 'date,title\n2021-01-05,A\nnot a date,B\n13/13/2021,C\n,D\n' >"$tmp/skips.csv"
LANGUAGE=zh_CN "$exe" validate "$tmp/skips.csv" >"$tmp/out" 2>"$tmp/err"
grep -qx "$tmp/skips.csv:3:1: warning: 已跳过此行：其 date \"not a date\" 无法读取：.* — 因同一原因（日期无法读取）共跳过 2 行，另见 4:1" "$tmp/err"
ok $? "skipped rows: one warning per reason, in Chinese"
grep -qx "$tmp/skips.csv: error: 4 行中显示了 1 条，跳过 3 条：日期无法读取（2）、没有日期（1）（--allow-skips 可接受此情况）" "$tmp/err"
ok $? "the skipped-row summary in Chinese"
LANGUAGE=zh_CN "$exe" convert "$tmp/skips.csv" -o "$tmp/skips.json" >"$tmp/out" 2>"$tmp/err"
grep -Eq "^$tmp/skips.csv: error: .*；未写入任何内容（--allow-skips 会写入其余部分）$" "$tmp/err"
ok $? "a skipped row: FILE: error: kept, the message in Chinese"

# export and --animate: usage errors, warnings and results in Chinese after
# the untranslated "chronomap export: " (and "warning: "); exit statuses kept.
LANGUAGE=zh_CN "$exe" export "$sample" -o "$tmp/x.png" --dpi 5 >"$tmp/out" 2>"$tmp/err"
ok $(( $? != 2 )) "export usage error (exit 2)"
grep -qx "chronomap export: --dpi 必须在 36 到 2400 之间（实际为 5）" "$tmp/err"; ok $? "export's usage error in Chinese"
grep -q "^用法：chronomap export 文件 -o 输出.png|svg|pdf " "$tmp/err"; ok $? "export's usage line in Chinese"
LANGUAGE=zh_CN "$exe" export "$sample" -o "$tmp/x.webp" --animate 2023..2021 --step 1m >"$tmp/out" 2>"$tmp/err"
ok $(( $? != 2 )) "--animate backwards: usage error (exit 2)"
grep -qx "chronomap export: --animate 2023..2021：开始晚于结束" "$tmp/err"; ok $? "--animate's usage error in Chinese"
LANGUAGE=zh_CN "$exe" export "$sample" -o "$tmp/x.png" --width 320 --height 200 --category nosuch >"$tmp/out" 2>"$tmp/err"
ok $(( $? != 1 )) "an unknown category: exit 1"
grep -qx "chronomap export: $sample: 没有 id 为“nosuch”的类别" "$tmp/err"; ok $? "the export library's error in Chinese"
LANGUAGE=zh_CN "$exe" export "$tmp/skips.csv" -o "$tmp/skips.png" --width 320 --height 200 >"$tmp/out" 2>"$tmp/err"
ok $? "export of a CSV with skipped rows (exit 0)"
grep -qx "chronomap export: $tmp/skips.csv: warning: 4 行中显示了 1 条，跳过 3 条：日期无法读取（2）、没有日期（1）" "$tmp/err"
ok $? "export's skipped-row warning in Chinese"
grep -qx "$tmp/skips.png：320×200 像素的 PNG，96 dpi（85×53 毫米）" "$tmp/out"; ok $? "export's result in Chinese"
LANGUAGE=zh_CN "$exe" export --help-all >"$tmp/out" 2>&1
grep -q "只显示此类别（可重复）" "$tmp/out" && grep -q "日期（或开始日期）所在的列" "$tmp/out"
ok $? "export --help-all describes its and the mapping's options in Chinese"

# Without LANGUAGE the C locale is English, as before.
"$exe" validate "$sample" >"$tmp/out" 2>/dev/null
grep -q "valid: 10 announcements" "$tmp/out"; ok $? "English without LANGUAGE"

echo "1..$n"
[ $failed -eq 0 ]
