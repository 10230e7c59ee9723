#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the dataset schema, the corpus and the sample against each other.

usage: check-schema.py SCHEMA CORPUS_DIR SAMPLE [--chronomap PATH_TO_BINARY]

- SCHEMA must be a valid JSON Schema (draft 2020-12);
- SAMPLE and every CORPUS_DIR/valid/*.json must pass it;
- every CORPUS_DIR/schema-invalid/*.json must fail it;
- every CORPUS_DIR/semantic-invalid/*.json must pass it (only the loader
  can see what is wrong with those);
- CORPUS_DIR/README.md must list every corpus file, once;
- SAMPLE and valid/ files must also pass a small Python re-implementation of
  the loader's rules (unique ids, references, parent loops, calendar dates,
  spans), so the sample is checked even before the binary exists;
- with --chronomap, `PATH validate FILE` must exit 0 for SAMPLE and valid/
  (with no error line) and 1 for both invalid folders, with at least one
  error line in the documented format and, when README.md gives a pointer
  for the file, an error line at or below that pointer.

Prints one line per check and a final "N passed, N failed"; exits 1 if any
check failed, 2 on a usage error.
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
except ImportError:  # pragma: no cover
    sys.stderr.write("check-schema.py: needs Debian's python3-jsonschema; run it with /usr/bin/python3\n")
    sys.exit(2)

KINDS = ("valid", "schema-invalid", "semantic-invalid")
README_LINE = re.compile(r"^- `([^`]+)`(?: \[`([^`]*)`\])? — (.+)$")
README_HEAD = re.compile(r"^## (valid|schema-invalid|semantic-invalid)/")
VALIDATE_TIMEOUT = 120


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print("ok   " + what)
        else:
            self.failed += 1
            print("FAIL " + what + (": " + detail if detail else ""))
        sys.stdout.flush()
        return ok


def load_json(path):
    """Returns (value, None) or (None, message). A BOM is allowed."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            return json.load(f), None
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return None, str(e)


def schema_problem(validator, instance):
    """None if the instance passes, else a one-line description of the first problem."""
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    e = errors[0]
    pointer = "".join("/" + str(p) for p in e.absolute_path) or "(root)"
    msg = e.message if len(e.message) < 160 else e.message[:157] + "..."
    more = " (and %d more)" % (len(errors) - 1) if len(errors) > 1 else ""
    return "%s: %s%s" % (pointer, msg, more)


# --- a small re-implementation of the loader's semantic rules -------------

DATE_RE = re.compile(
    r"^(-?[0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})"
    r"(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?(Z|[+-][0-9]{2}:[0-9]{2}))?)?)?\Z")


def _days_in_month(year, month):
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


DEEP_YEAR_RE = re.compile(r"^[+-][1-9][0-9]{4,10}\Z")


def _days_from_civil(year, month, day):
    """Days since 1970-01-01 on the proleptic Gregorian calendar, any year
    (datetime stops at year 1; the format reaches back to -9999 and beyond)."""
    y = year - (1 if month <= 2 else 0)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def date_bounds(text):
    """(first_second, last_second) of the period a date names, in seconds
    from 1970-01-01T00:00Z (fractions dropped: exact enough for ordering
    checks on test data). Raises ValueError with a readable message."""
    if DEEP_YEAR_RE.match(text):
        year = int(text)
        return _days_from_civil(year, 1, 1) * 86400, _days_from_civil(year + 1, 1, 1) * 86400 - 1
    m = DATE_RE.match(text)
    if not m:
        raise ValueError("invalid date %r" % text)
    year = int(m.group(1))
    month = int(m.group(2) or 1)
    day = int(m.group(3) or 1)
    if not 1 <= month <= 12:
        raise ValueError("invalid date %r" % text)
    if day > _days_in_month(year, month) or day < 1:
        raise ValueError("invalid date %r: day %d does not exist" % (text, day))
    if m.group(3) is None:
        last_month = 12 if m.group(2) is None else month
        start = _days_from_civil(year, month, 1)
        end = _days_from_civil(year, last_month, _days_in_month(year, last_month)) + 1
        return start * 86400, end * 86400 - 1
    day_s = _days_from_civil(year, month, day) * 86400
    if m.group(4) is None:
        return day_s, day_s + 86399
    secs = int(m.group(4)) * 3600 + int(m.group(5)) * 60 + int(m.group(6) or 0)
    offset = 0
    if m.group(8) != "Z":
        sign = -1 if m.group(8)[0] == "-" else 1
        offset = sign * (int(m.group(8)[1:3]) * 3600 + int(m.group(8)[4:6]) * 60)
    t = day_s + secs - offset
    if t < _days_from_civil(-9999, 1, 1) * 86400 or t >= _days_from_civil(10000, 1, 1) * 86400:
        raise ValueError("invalid date %r: outside years -9999 to 9999" % text)
    return t, t


def semantic_problems(doc):
    """List of 'pointer: message' strings; [] when the dataset follows the rules."""
    problems = []
    if not isinstance(doc, dict):
        return ["(root): not an object"]
    ids = {}
    for kind in ("places", "categories", "sources", "announcements"):
        seen = {}
        for i, item in enumerate(doc.get(kind, [])):
            if item["id"] in seen:
                problems.append("/%s/%d/id: duplicate id %r (first at /%s/%d)"
                                % (kind, i, item["id"], kind, seen[item["id"]]))
            else:
                seen[item["id"]] = i
        ids[kind] = seen

    places = doc.get("places", [])
    for i, p in enumerate(places):
        if "parent" in p and p["parent"] not in ids["places"]:
            problems.append("/places/%d/parent: unknown place %r" % (i, p["parent"]))
    for i, p in enumerate(places):
        chain, cur = set(), p
        while "parent" in cur and cur["parent"] in ids["places"]:
            if cur["id"] in chain:
                problems.append("/places/%d/parent: the chain of parents loops" % i)
                break
            chain.add(cur["id"])
            cur = places[ids["places"][cur["parent"]]]

    for i, s in enumerate(doc.get("sources", [])):
        if "date" in s:
            try:
                date_bounds(s["date"])
            except ValueError as e:
                problems.append("/sources/%d/date: %s" % (i, e))

    for i, a in enumerate(doc.get("announcements", [])):
        where = "/announcements/%d" % i
        if "place" in a and a["place"] not in ids["places"]:
            problems.append("%s/place: unknown place %r" % (where, a["place"]))
        if a["category"] not in ids["categories"]:
            problems.append("%s/category: unknown category %r" % (where, a["category"]))
        for j, s in enumerate(a.get("sources", [])):
            if s not in ids["sources"]:
                problems.append("%s/sources/%d: unknown source %r" % (where, j, s))
        try:
            start = date_bounds(a["date"])[0]
        except ValueError as e:
            problems.append("%s/date: %s" % (where, e))
            continue
        if "end" in a:
            try:
                if date_bounds(a["end"])[1] < start:
                    problems.append("%s/end: %r ends before %r starts" % (where, a["end"], a["date"]))
            except ValueError as e:
                problems.append("%s/end: %s" % (where, e))
    return problems


# --- the corpus README -----------------------------------------------------

def read_readme(path):
    """{kind: {file: pointer-or-None}} and a list of format problems."""
    listed = {k: {} for k in KINDS}
    problems = []
    kind = None
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        return listed, [str(e)]
    for n, line in enumerate(lines, 1):
        h = README_HEAD.match(line)
        if h:
            kind = h.group(1)
            continue
        if line.startswith("## "):
            kind = None
            continue
        if kind is None or not line.startswith("- `"):
            continue
        m = README_LINE.match(line)
        if not m:
            problems.append("line %d is not '- `FILE` [`POINTER`] — text'" % n)
        elif m.group(1) in listed[kind]:
            problems.append("line %d lists %s/%s again" % (n, kind, m.group(1)))
        else:
            listed[kind][m.group(1)] = m.group(2)
    return listed, problems


# --- running the binary ----------------------------------------------------

def error_line_res(path):
    names = sorted({path, os.path.abspath(path)}, key=len, reverse=True)
    alt = "(?:" + "|".join(re.escape(n) for n in names) + ")"
    return (re.compile("^" + alt + r"(:\d+:\d+)?:? .*error: "),
            re.compile("^" + alt + r": /\S*(:\d+:\d+)?: error:"),
            re.compile("^" + alt + r"(?::\d+:\d+)?: (/[^ ]*?)(?::\d+:\d+)?: error: "))


def run_validate(exe, path):
    """(exit code or None, stderr lines, problem text)."""
    try:
        p = subprocess.run([exe, "validate", path], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=VALIDATE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, [], "timed out after %d s" % VALIDATE_TIMEOUT
    except OSError as e:
        return None, [], str(e)
    return p.returncode, p.stderr.decode("utf-8", "replace").splitlines(), ""


def check_with_binary(report, exe, path, expect_valid, pointer):
    label = "chronomap validate %s" % path
    code, lines, problem = run_validate(exe, path)
    if code is None:
        report.check(False, label, problem)
        return
    generic, pointed, pointer_re = error_line_res(path)
    errors = [l for l in lines if generic.match(l) or pointed.match(l)]
    first = lines[0] if lines else "(no output on stderr)"
    if expect_valid:
        report.check(code == 0 and not errors, label + " exits 0 without errors",
                     "exit %d; %s" % (code, errors[0] if errors else first))
        return
    if not report.check(code == 1, label + " exits 1", "exit %d; %s" % (code, first)):
        return
    report.check(bool(errors), label + " prints an error line",
                 "no line like 'FILE:LINE:COLUMN: [/pointer: ]error: ...'; got: " + first)
    if pointer is not None and errors:
        found = [m.group(1) for m in (pointer_re.match(l) for l in errors) if m]
        ok = any(f == pointer or f.startswith(pointer.rstrip("/") + "/") for f in found)
        report.check(ok, label + " points at " + pointer,
                     "error pointers: " + (", ".join(found) or "none") + "; " + errors[0])


# --- main --------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description="Check the Chronomap schema, corpus and sample.")
    ap.add_argument("schema")
    ap.add_argument("corpus_dir")
    ap.add_argument("sample")
    ap.add_argument("--chronomap", metavar="PATH_TO_BINARY")
    args = ap.parse_args()

    report = Report()

    schema, err = load_json(args.schema)
    if err is None:
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as e:
            err = "%s at %s" % (e.message, "/".join(str(p) for p in e.absolute_path))
    if not report.check(err is None, "schema %s is a valid draft 2020-12 schema" % args.schema, err):
        print("%d passed, %d failed" % (report.passed, report.failed))
        return 1
    # No format_checker: "format" is not used for validation here.
    validator = Draft202012Validator(schema)

    files = {}
    for kind in KINDS:
        d = os.path.join(args.corpus_dir, kind)
        try:
            files[kind] = sorted(f for f in os.listdir(d) if f.endswith(".json"))
        except OSError as e:
            files[kind] = []
            report.check(False, "corpus folder %s" % d, str(e))
            continue
        report.check(bool(files[kind]), "corpus folder %s has files" % d, "none found")

    listed, problems = read_readme(os.path.join(args.corpus_dir, "README.md"))
    report.check(not problems, "corpus README.md is well formed", "; ".join(problems))
    for kind in KINDS:
        missing = [f for f in files[kind] if f not in listed[kind]]
        extra = [f for f in listed[kind] if f not in files[kind]]
        detail = "; ".join(filter(None, [
            "not listed: " + ", ".join(missing) if missing else "",
            "listed but absent: " + ", ".join(extra) if extra else ""]))
        report.check(not missing and not extra, "corpus README.md lists exactly the files of %s/" % kind, detail)

    # The sample.
    doc, err = load_json(args.sample)
    if report.check(err is None, "sample %s is JSON" % args.sample, err):
        p = schema_problem(validator, doc)
        if report.check(p is None, "sample %s passes the schema" % args.sample, p):
            sp = semantic_problems(doc)
            report.check(not sp, "sample %s follows the loader's rules" % args.sample, "; ".join(sp))

    # The corpus.
    for kind in KINDS:
        for name in files[kind]:
            path = os.path.join(args.corpus_dir, kind, name)
            doc, err = load_json(path)
            if not report.check(err is None, "%s is JSON" % path, err):
                continue
            p = schema_problem(validator, doc)
            if kind == "schema-invalid":
                report.check(p is not None, "%s fails the schema" % path, "it passes")
                continue
            if not report.check(p is None, "%s passes the schema" % path, p):
                continue
            if kind == "valid":
                sp = semantic_problems(doc)
                report.check(not sp, "%s follows the loader's rules" % path, "; ".join(sp))

    if args.chronomap:
        check_with_binary(report, args.chronomap, args.sample, True, None)
        for kind in KINDS:
            for name in files[kind]:
                check_with_binary(report, args.chronomap, os.path.join(args.corpus_dir, kind, name),
                                  kind == "valid", listed[kind].get(name))

    print("%d passed, %d failed" % (report.passed, report.failed))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
