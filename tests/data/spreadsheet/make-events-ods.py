#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes events.ods (tests/data/spreadsheet/README in tests/data/README.md):
an OpenDocument spreadsheet as LibreOffice saves one, by hand, with only the
standard library: no LibreOffice on the machine that made it.

    python3 make-events-ods.py events.ods

The output is the same byte for byte on every run (fixed ZIP times)."""

import sys
import zipfile

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="%s"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
""" % MIMETYPE


def text(value):
    return ('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
            % value.replace("&", "&amp;").replace("<", "&lt;"))


def number(value):
    return ('<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>'
            % (value, value))


def date(value, shown):
    return ('<table:table-cell office:value-type="date" office:date-value="%s"><text:p>%s</text:p></table:table-cell>'
            % (value, shown))


def empty(repeat=1):
    return '<table:table-cell table:number-columns-repeated="%d"/>' % repeat


def row(*cells):
    return "<table:table-row>%s</table:table-row>" % "".join(cells)


# Chinese headers, date and date-time cells, a text date "300 BC", a row
# with no date (skipped), an empty cell repeated as LibreOffice writes it.
ANNOUNCEMENTS = [
    row(text("日期"), text("标题"), text("纬度"), text("经度"), text("类别")),
    row(date("2021-11-15", "15/11/21"), text("Wuhan metaverse plan"), number("30.5928"), number("114.3055"),
        text("plan")),
    row(date("2021-12-24T09:30:00", "24/12/21 09:30"), text("Shanghai action plan"), number("31.2304"),
        number("121.4737"), text("plan")),
    row(text("300 BC"), text("Ancient record"), empty(2), text("history")),
    row(empty(1), text("No date here"), number("34.7466"), number("113.6253"), text("plan")),
]

YEARS = [
    row(text("year"), text("title")),
    row(number("1880"), text("A year")),
    row(number("-4600000000"), text("Earth forms")),
]


def table(name, rows):
    return '<table:table table:name="%s">%s</table:table>' % (name, "".join(rows))


CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>%s%s</office:spreadsheet></office:body>
</office:document-content>
""" % (table("Announcements", ANNOUNCEMENTS), table("Years", YEARS))


def entry(name):
    info = zipfile.ZipInfo(name, date_time=(2026, 12, 7, 0, 0, 0))
    info.external_attr = 0o644 << 16
    return info


def main():
    with zipfile.ZipFile(sys.argv[1], "w") as ods:
        # The mimetype first and stored, as the format asks.
        info = entry("mimetype")
        info.compress_type = zipfile.ZIP_STORED
        ods.writestr(info, MIMETYPE)
        for name, data in (("META-INF/manifest.xml", MANIFEST), ("content.xml", CONTENT)):
            info = entry(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            ods.writestr(info, data.encode("utf-8"))


if __name__ == "__main__":
    main()
