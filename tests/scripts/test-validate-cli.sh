#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Drives `chronomap validate` as a user would, with no display: exit codes,
# message format, and every file of the JSON conformance suite.
# Usage: test-validate-cli.sh CHRONOMAP SOURCE_ROOT TESTDATA
# TESTDATA is the repository's tests/data/ (see its README.md).
set -u
exe=$1 root=$2 data=$3
unset DISPLAY WAYLAND_DISPLAY
n=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

run() {
  "$exe" validate "$@" >"$tmp/out" 2>"$tmp/err"
  echo $? >"$tmp/rc"
}

rc() { cat "$tmp/rc"; }

sample="$root/data/samples/metaverse-cn-2021-2023.json"
run "$sample"
ok $(( $(rc) != 0 )) "sample is valid (exit 0)"
grep -q "valid: 10 announcements" "$tmp/out"; ok $? "sample summary on stdout"
grep -q "note: place \"Wuhan\" has no lat/lon; the offline gazetteer gives Wuhan" "$tmp/err"; ok $? "gazetteer note on stderr"

# libgeonames translates city names into the UI language: resolution must
# not depend on it.
LANGUAGE=zh_CN "$exe" validate "$sample" >"$tmp/out" 2>"$tmp/err"
ok $? "sample is valid in a Chinese session too"

bad="$root/tests/corpus/semantic-invalid"
f=$(ls "$bad"/*.json | head -1)
run "$sample" "$f"
ok $(( $(rc) != 1 )) "one invalid file among two gives exit 1"
grep -Eq "^$f(:[0-9]+:[0-9]+)?: (/[^ ]*: )?error: " "$tmp/err"; ok $? "error line starts with FILE:LINE:COLUMN: /pointer: error:"
grep -q "valid: 10 announcements" "$tmp/out"; ok $? "the valid file is still reported"

printf '{"title": "T",\n "announcements": [\n  {"id": "a", "date": "2022-02-30", "place": "x", "category": "c", "title": "t"}\n]}\n' >"$tmp/d.json"
run "$tmp/d.json"
grep -qx "$tmp/d.json:3:23: /announcements/0/date: error: invalid date \"2022-02-30\": February 2022 has 28 days" "$tmp/err"
ok $? "bad date reported with line, column and pointer"
[ "$(grep -c ': error: ' "$tmp/err")" = 3 ]; ok $? "all three problems of the file are reported"

run
ok $(( $(rc) != 2 )) "no file: usage error (exit 2)"
run --no-such-option "$sample"
ok $(( $(rc) != 2 )) "unknown option: usage error (exit 2)"
run "$tmp"
ok $(( $(rc) != 1 )) "a directory is invalid (exit 1)"
grep -q "is a directory" "$tmp/err"; ok $? "a directory is named as such"
run "$tmp/missing.json"
ok $(( $(rc) != 1 )) "a missing file is invalid (exit 1)"
: >"$tmp/empty.json"
run "$tmp/empty.json"
grep -q "empty.json:1:1: error: empty file" "$tmp/err"; ok $? "an empty file is reported"

# The suite is part of the repository: fewer files than it holds is a failure,
# not a vacuous pass.
suite=("$data"/jsontestsuite/[yni]_*.json)
[ -f "${suite[0]}" ] && [ ${#suite[@]} -ge 300 ]
ok $? "the JSON conformance suite is in $data/jsontestsuite (${#suite[@]} files)"
crashed=0 accepted=0
for f in "${suite[@]}"; do
  "$exe" validate -q "$f" >/dev/null 2>&1
  r=$?
  [ $r -gt 2 ] && { crashed=$((crashed + 1)); echo "# crash ($r): $f"; }
  case $(basename "$f") in n_*) [ $r -eq 0 ] && { accepted=$((accepted + 1)); echo "# accepted: $f"; } ;; esac
done
ok $crashed "no file of the JSON conformance suite crashes the validator"
ok $accepted "every n_ file of the conformance suite is rejected"

for f in "$data"/geojson/*.geojson "$data"/timelinejs/marktwain.json "$data"/timelinejs/eras.json; do
  run "$f"
  ok $(( $(rc) != 0 )) "imports $(basename "$f")"
done
run "$data/timelinejs/cosmo.json"
[ "$(rc)" = 0 ] && grep -q "valid: 7 announcements" "$tmp/out"
ok $? "cosmo.json: all seven events from 13.8 billion years ago to 3500 BC are read"

# Imports (issue 16): CSV recognised from the content, skipped rows fail
# validate unless allowed, and convert writes a dataset that validates.
for f in "$data"/csv/usgs_all_month_2024-05-05.csv "$data"/csv/women_in_computing.csv; do
  run "$f"
  ok $(( $(rc) != 0 )) "imports $(basename "$f")"
done
run "$data/csv/parser_test.csv"
[ "$(rc)" = 1 ] && grep -q 'no date found among "title", "count", "description"; name the column with --date' "$tmp/err"
ok $? "a CSV without a date names its columns and --date"
cp "$data/csv/parser_test.csv" "$tmp/table.json"
run --date count --allow-skips "$tmp/table.json"
[ "$(rc)" = 0 ] && grep -q "valid: 3 announcements" "$tmp/out"
ok $? "a CSV named .json is read as CSV; --date picks the column"
printf 'date,title\n2021-01-01,a\nsoon,b\nlater,c\n' >"$tmp/skips.csv"
run "$tmp/skips.csv"
[ "$(rc)" = 1 ] && grep -q "1 of 3 rows shown — 2 skipped: unreadable date" "$tmp/err"
ok $? "validate exits 1 when rows were skipped, with the summary"
[ "$(grep -c 'warning:' "$tmp/err")" = 1 ]
ok $? "one warning per reason, not one per row"
! grep -q "valid:" "$tmp/out"
ok $? "a file whose rows were skipped is not called valid"
[ "$(grep -c '1 of 3 rows shown' "$tmp/err")" = 1 ]
ok $? "the summary is said once, as the error"
run --allow-skips "$tmp/skips.csv"
ok $(( $(rc) != 0 )) "--allow-skips accepts skipped rows"
grep -q "valid: 1 announcements" "$tmp/out"
ok $? "--allow-skips calls it valid"
run --max-messages 1 --allow-skips "$tmp/skips.csv"
[ "$(grep -c 'skips.csv' "$tmp/err")" = 2 ] && grep -q "more messages not shown (--max-messages 1)" "$tmp/err"
ok $? "--max-messages limits the messages"
run --date-format YMD "$tmp/skips.csv"
ok $(( $(rc) != 2 )) "a bad --date-format is a usage error"
run --tz Mars/Olympus "$tmp/skips.csv"
ok $(( $(rc) != 2 )) "an unknown --tz is a usage error"
# Opening a file in the window takes the same mapping, checked before any
# display is needed.
"$exe" --date-format YMD "$tmp/skips.csv" >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && grep -q -- "--date-format takes DMY or MDY" "$tmp/err"
ok $? "the window's --date-format is checked as validate's (exit 2)"
"$exe" --help-mapping >"$tmp/out" 2>&1
grep -q -- "--date=COL" "$tmp/out" && grep -q -- "--sheet=NAME" "$tmp/out"
ok $? "the window takes the mapping options"

# Hostile spreadsheets: a small XLSX that inflates past the limit, a file
# that is not what its name says.
python3 - "$tmp/bomb.xlsx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types/>')
    z.writestr('xl/workbook.xml', '<workbook/>')
    with z.open('xl/worksheets/sheet1.xml', 'w') as f:
        for i in range(520):
            f.write(b'0' * (1 << 20))
PY
run "$tmp/bomb.xlsx"
[ "$(rc)" = 1 ] && grep -q "inflates to 545259539 bytes, more than the limit of 536870912 bytes (a zip bomb" "$tmp/err"
ok $? "a zip bomb is refused before it is inflated"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$tmp/image.xlsx"
run "$tmp/image.xlsx"
[ "$(rc)" = 1 ]
ok $? "a file that is not what its name says is refused"
for f in "$data"/gis/usgs50.gpkg "$data"/gis/usgs50.shp "$data"/gis/usgs50.kml "$data"/gis/usgs50.kmz "$data"/gis/usgs50.fgb "$data"/spreadsheet/events.xlsx; do
  run "$f"
  ok $(( $(rc) != 0 )) "imports $(basename "$f")"
done

for f in "$data"/timelinejs/cosmo.json "$data"/csv/women_in_computing.csv "$data"/geojson/usgs_all_week_2018-02-07.geojson; do
  out="$tmp/$(basename "$f").converted.json"
  "$exe" convert -q "$f" -o "$out" >/dev/null 2>"$tmp/err"
  r=$?
  "$exe" validate -q "$out" >/dev/null 2>>"$tmp/err"
  ok $(( r != 0 || $? != 0 )) "convert $(basename "$f") writes a dataset that validates"
done
grep -q '"date": "-13800000000"' "$tmp/cosmo.json.converted.json" && grep -q '"date": "-3500"' "$tmp/cosmo.json.converted.json"
ok $? "convert keeps deep time and BCE years"
"$exe" convert -q "$tmp/cosmo.json.converted.json" -o "$tmp/again.json" >/dev/null 2>&1 &&
  cmp -s <(grep -v description "$tmp/cosmo.json.converted.json") <(grep -v description "$tmp/again.json")
ok $? "a converted dataset converts to itself"
"$exe" convert "$tmp/skips.csv" -o "$tmp/none.json" >/dev/null 2>&1
[ $? = 1 ] && [ ! -e "$tmp/none.json" ]
ok $? "convert writes nothing when rows were skipped"
"$exe" convert "$tmp/skips.csv" >/dev/null 2>&1
ok $(( $? != 2 )) "convert without -o is a usage error"
# Places located by name with the table's state column are written where
# they were found: read again alone, "Springfield" would be ambiguous.
printf 'date,city,state\n2021-01-02,Springfield,Illinois\n2021-02-03,Springfield,Massachusetts\n' >"$tmp/states.csv"
"$exe" convert -q "$tmp/states.csv" -o "$tmp/states.json" >/dev/null 2>&1 &&
  "$exe" validate -q "$tmp/states.json" >/dev/null 2>&1 && grep -q '"lat": 39.8' "$tmp/states.json"
ok $? "places located by name and state round-trip through convert"

# The window without a display: GTK's own message and exit 1. A failed
# display probe before the application's start-up once left GTK marked as
# initialised, and libadwaita then asked for the icons of no display.
G_DEBUG=fatal-criticals "$exe" "$sample" >"$tmp/out" 2>"$tmp/err"
r=$?
[ $r = 1 ] && grep -q "cannot open display" "$tmp/err" && ! grep -q CRITICAL "$tmp/err"
ok $? "the window without a display says so and exits 1 (exit $r)"

echo "1..$n"
[ $failed -eq 0 ]
