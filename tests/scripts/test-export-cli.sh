#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Drives `chronomap export` as a report author would, with no display: page
# sizes, the words in the PDF, every category in the legend, PNG size and
# resolution, SVG that parses, exit codes, and what happens to what is at
# the output path (symlinks, modes, FIFOs, signals, standard output).
# Usage: test-export-cli.sh CHRONOMAP SOURCE_ROOT TESTDATA
set -u
exe=$1 root=$2 data=$3
unset DISPLAY WAYLAND_DISPLAY
n=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sample="$root/data/samples/metaverse-cn-2021-2023.json"
twelve="$data/figure-12-categories.json"

ok() {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

# export ARGS…: runs the export, keeps its status, stdout and stderr
export_() {
  "$exe" export "$@" >"$tmp/out" 2>"$tmp/err"
  echo $? >"$tmp/rc"
}
rc() { cat "$tmp/rc"; }
is() { [ "$1" = "$2" ]; ok $? "$3 (got $1)"; }

# PDF page sizes, in points, for each --page.
while read -r page w h; do
  export_ "$sample" -q -o "$tmp/p.pdf" --page "$page"
  size=$(pdfinfo "$tmp/p.pdf" 2>/dev/null | awk '/^Page size:/ { printf "%.0fx%.0f", $3, $5 }')
  is "$size" "${w}x${h}" "--page $page is ${w}×${h} pt"
done <<'EOF'
a4 595 842
a4-landscape 842 595
a3 842 1191
a3-landscape 1191 842
a5 420 595
a5-landscape 595 420
letter 612 792
letter-landscape 792 612
100x50mm 283 142
8x4in 576 288
EOF

# The words of the figure, as text that extracts.
export_ "$sample" -o "$tmp/fig.pdf" --from 2022-01 --to 2022-11
is "$(rc)" 0 "a PDF of the sample"
pdftotext -layout "$tmp/fig.pdf" "$tmp/fig.txt"
grep -q "Metaverse announcements by Chinese local governments" "$tmp/fig.txt"; ok $? "the PDF holds the dataset's title"
grep -q "Jan – Nov 2022" "$tmp/fig.txt"; ok $? "the PDF states the period"
for c in "Government work report" "Development plan" "Forum or meeting" "Industrial park" "Advisory appointment"; do
  grep -q "$c" "$tmp/fig.txt"; ok $? "the legend names \"$c\""
done
grep -q "Sources: News report on the 2023 China·Hebi" "$tmp/fig.txt"; ok $? "the footer has the dataset's sources"
grep -q "Base map: .*GMT" "$tmp/fig.txt"; ok $? "the footer has the base map's attribution"
pdffonts "$tmp/fig.pdf" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }'; ok $? "every font is embedded"
pdfinfo "$tmp/fig.pdf" | grep -q "^Creator: *Chronomap"; ok $? "the PDF names its creator"
pdfinfo "$tmp/fig.pdf" | grep -q "^Title: *Metaverse"; ok $? "the PDF's title is the figure's"
pdfinfo "$tmp/fig.pdf" | grep -q "^CreationDate:"; ok $? "the PDF has a creation date"
export_ "$sample" -q -o "$tmp/world.pdf" --view map
pdftotext "$tmp/world.pdf" - | grep -q "JIANGSU"; ok $? "area names extract as words, not letter-spaced"

# The adoption curve: its heading and its axis extract, in Chinese too; no
# base map is needed, and no legend of categories is drawn.
export_ "$sample" -q -o "$tmp/adoption.pdf" --view adoption --basemap "$tmp/no-such-basemap.geojson"
is "$(rc)" 0 "--view adoption needs no base map"
pdftotext -layout "$tmp/adoption.pdf" "$tmp/adoption.txt"
grep -q "Places that have announced" "$tmp/adoption.txt"; ok $? "the adoption figure has its heading"
grep -q "2022" "$tmp/adoption.txt"; ok $? "and a time axis"
! grep -q "Advisory appointment" "$tmp/adoption.txt"; ok $? "and no legend of the categories"
export_ "$sample" -q -o "$tmp/adoption-zh.pdf" --view adoption --lang zh
pdftotext "$tmp/adoption-zh.pdf" - | grep -q "已发布公告的地点"; ok $? "the adoption figure in Chinese"
export_ "$sample" -o "$tmp/usage.png" --view globe
grep -q "both, map, timeline or adoption" "$tmp/err"; ok $? "a bad --view names the four views"

# Twelve categories on A5 portrait: none folded away.
export_ "$twelve" -q -o "$tmp/twelve.pdf" --page a5
pdftotext "$tmp/twelve.pdf" "$tmp/twelve.txt"
missing=0
for c in "Policy document" "Development plan" "Forum or meeting" "Industrial park" "Investment fund" \
         "Research laboratory" "Award or competition" "Industry alliance" "Pilot project" \
         "Technical standard" "Training programme" "Subsidy scheme"; do
  grep -q "$c" "$tmp/twelve.txt" || { missing=1; echo "# missing: $c"; }
done
ok $missing "an A5 legend keeps all twelve categories"
! grep -q "+[0-9]" "$tmp/twelve.txt"; ok $? "and folds none into \"+N\""

# --lang zh: the figure's own words are Chinese.
export_ "$sample" -q -o "$tmp/zh.pdf" --lang zh
pdftotext "$tmp/zh.pdf" - | grep -q "公告"; ok $? "--lang zh words the legend in Chinese"
pdftotext "$tmp/zh.pdf" - | grep -q "10 条公告" && ! pdftotext "$tmp/zh.pdf" - | grep -q "10 announcements"
ok $? "and the subtitle too"

# PNG: size from --page and --dpi, with a pHYs chunk.
png_info() {
  /usr/bin/python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
w, h = struct.unpack(">II", d[16:24])
i = d.find(b"pHYs")
ppm = struct.unpack(">I", d[i + 4:i + 8])[0] if i > 0 else 0
print("%dx%d %d" % (w, h, round(ppm * 0.0254)))
PY
}
export_ "$sample" -q -o "$tmp/a4.png"
is "$(png_info "$tmp/a4.png")" "3508x2480 300" "an A4 PNG is 3508×2480 at 300 dpi"
export_ "$sample" -q -o "$tmp/w.PnG" --width 800 --height 600
is "$(rc)" 0 "-o x.PnG is a PNG"
is "$(png_info "$tmp/w.PnG")" "800x600 96" "--width 800 --height 600 is 800×600 at 96 dpi"
export_ "$sample" -q -o "$tmp/d.png" --page a5 --dpi 150
is "$(png_info "$tmp/d.png")" "874x1240 150" "--page a5 --dpi 150"

# SVG: XML with a <title>.
export_ "$sample" -q -o "$tmp/fig.svg"
/usr/bin/python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
t = root.find("{http://www.w3.org/2000/svg}title")
sys.exit(0 if t is not None and t.text.startswith("Metaverse") else 1)' "$tmp/fig.svg"
ok $? "the SVG parses and has a <title>"

# Standard output.
"$exe" export "$sample" -o - --format pdf >"$tmp/stdout.pdf" 2>/dev/null
is "$?" 0 "-o - --format pdf exits 0"
head -c 5 "$tmp/stdout.pdf" | grep -q "%PDF-"; ok $? "and writes the PDF to standard output"
export_ "$sample" -o -
is "$(rc)" 2 "-o - without --format is a usage error"

# Usage errors: exit 2, nothing written.
for args in "--lang fr" "--page a9" "--view globe" "--dpi 20" "--dpi 3000" "--page a4 --width 800 --height 600" \
            "--width 800" "--style sepia" "--format gif" "--from 2022-02-30" "--from 2023 --to 2022" \
            "--view both --bare"; do
  # shellcheck disable=SC2086
  export_ "$sample" -o "$tmp/usage.png" $args
  is "$(rc)" 2 "$args is a usage error"
done
[ ! -e "$tmp/usage.png" ]; ok $? "usage errors write nothing"
export_ "$sample" -o "$tmp/x.gif"
is "$(rc)" 2 "an unknown extension is a usage error"
export_
is "$(rc)" 2 "no dataset is a usage error"
"$exe" export --help >"$tmp/help" 2>&1
grep -q -- "--page" "$tmp/help" && grep -q -- "--category" "$tmp/help" && ! grep -q "FILE FILE" "$tmp/help"
ok $? "--help lists the options, FILE once"

# Failures: exit 1 with a message that names the culprit.
export_ "$sample" -o "$tmp/no-such-folder/x.png"
is "$(rc)" 1 "a missing folder exits 1"
grep -q "no-such-folder" "$tmp/err"; ok $? "and the message names the folder"
export_ /nonexistent.json -o "$tmp/x.png"
is "$(rc)" 1 "a missing dataset exits 1"
export_ "$sample" -o "$tmp/x.png" --category nope
is "$(rc)" 1 "an unknown category exits 1"
mkdir "$tmp/dir.png"
export_ "$sample" -o "$tmp/dir.png"
is "$(rc)" 1 "a directory at the output exits 1"
mkfifo "$tmp/fifo.png"
export_ "$sample" -o "$tmp/fifo.png"
is "$(rc)" 1 "a FIFO at the output exits 1"
[ -p "$tmp/fifo.png" ]; ok $? "and the FIFO is left alone"
ls -A "$tmp" | grep -q "^\.chronomap-"; ok $(( $? == 0 )) "no temporary file is left behind"

# Empty figure: written, says so, warns.
export_ "$sample" -o "$tmp/empty.pdf" --from 2030 --to 2031
is "$(rc)" 0 "a figure with no announcement in range exits 0"
grep -q "warning: no announcement" "$tmp/err"; ok $? "and warns on stderr"
# -raw: in drawing order, so a map label under the message does not
# interleave with it.
pdftotext -raw "$tmp/empty.pdf" - | grep -q "No announcements from 1 Jan 2030 to 31 Dec 2031"; ok $? "and says so in the figure"

# Filters, as the window's.
export_ "$sample" -o "$tmp/f.pdf" --category work-report --category plan --search Wuhan
is "$(rc)" 0 "--category and --search"
pdftotext "$tmp/f.pdf" - | grep -q "2 of 5 categories · search “Wuhan”"; ok $? "the subtitle states the filters"

# What is at the output path.
export_ "$sample" -q -o "$tmp/target.png" --width 100 --height 100
ln -s target.png "$tmp/link.png"
export_ "$sample" -q -o "$tmp/link.png" --width 200 --height 100
[ -L "$tmp/link.png" ]; ok $? "writing through a symlink keeps the link"
is "$(png_info "$tmp/target.png" | cut -d' ' -f1)" "200x100" "and updates its target"
chmod 640 "$tmp/target.png"
export_ "$sample" -q -o "$tmp/target.png" --width 100 --height 100
is "$(stat -c %a "$tmp/target.png")" 640 "a replaced file keeps its mode"

# SIGTERM and SIGINT remove the temporary file. The output is opened before
# the dataset is read: a dataset of 300,000 announcements keeps the export
# reading for a while with its temporary file made.
/usr/bin/python3 - "$tmp/big.json" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"title": "Big", "places": [{"id": "p", "name": "P", "lat": 30, "lon": 114}],'
            ' "categories": [{"id": "c", "label": "C", "color": "#0072B2"}], "announcements": [')
    f.write(",".join('{"id": "a%d", "date": "2022-01-%02d", "place": "p", "category": "c", "title": "T"}'
                     % (i, 1 + i % 28) for i in range(300000)))
    f.write("]}")
PY
for sig in TERM INT; do
  "$exe" export "$tmp/big.json" -q -o "$tmp/sig.png" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 400); do ls -A "$tmp" | grep -q "^\.chronomap-" && break; sleep 0.005; done
  ls -A "$tmp" | grep -q "^\.chronomap-"; ok $? "SIG$sig: the export is under way"
  kill -"$sig" "$pid"
  wait "$pid" 2>/dev/null
  ls -A "$tmp" | grep -q "^\.chronomap-"; ok $(( $? == 0 )) "SIG$sig removes the temporary file"
  [ ! -e "$tmp/sig.png" ]; ok $? "and writes no partial file"
done

echo "1..$n"
[ "$failed" -eq 0 ]
