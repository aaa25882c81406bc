"""Does hfig's CSV, TSV and xlsx output open right in a real spreadsheet (LibreOffice Calc)?

Not a test (no test may need LibreOffice): a check to run by hand after changing a writer.

    apt-get install -y --no-install-recommends libreoffice-calc
    python scripts/spreadsheet_check.py [--keep DIR] [--strict]

It writes the bundled data's `summary`, `compare displaced`, `timeline displaced` and `records`,
and the same commands on a fixture of awkward values (ids such as `0012`, `1e5`, `2019-05`;
quotes starting with `=`, `+`, `-`, `@`; commas, quotes, line breaks, non-Latin letters; a
12-digit figure; open bounds; empty cells), as CSV, TSV and xlsx with the command line; has
`soffice --headless --convert-to xlsx` open each file the ways a user might (CSV as UTF-8 with
commas, "detect special numbers" on as `--infilter` gives it, and off; in a German locale; with
no filter options at all, with and without `--bom`: Calc then reads Latin-1, worse than its Open
dialog, which detects UTF-8; with the text columns set to Text, as the README advises; TSV with
the tab separator and without; hfig's own xlsx, and that file opened and saved again by Calc),
reads what Calc made with openpyxl, and compares every cell with what hfig meant (the
library's ResultTable): numbers must be numbers, text must stay the same text (no id read as
a number or a date, no leading zero lost, no formula), a column of days all dates or all ISO
text, no row or column shifted.

Each way of opening is either one hfig recommends (README, Output) or a known limit of
CSV (docs/decisions.md, "In a real spreadsheet"): a finding in a recommended way exits 1,
one in a known limit is printed and exits 0 unless --strict.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURE = '''hfig: 1
claimants:
  - id: "0012"
    name: "Comité, \\"Ärzte\\" & co — 医生 دكتور"
    kind: ngo
claims:
  - id: "0012"
    metric: displaced
    value: 999999999999
    claimant: "0012"
    area: Idlib
    period: {start: 2019-05-01}
    as_of: 2019-05-20
    publisher: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"
    quote: "+1 more, \\"quoted\\", and\\na second line; Ελληνικά, русский, 中文, العربية"
    notes: "@SUM(A1:A2)"
  - id: "1e5"
    metric: displaced
    value: 1500
    qualifier: at_least
    claimant: "0012"
    area: Idlib
    period: {start: 2019-05-01}
    as_of: 2019-05
    publisher: "-5"
    quote: "1/2"
    notes: "(5)"
  - id: "2019-05"
    metric: displaced
    value: 2500
    qualifier: about
    claimant: un
    area: إدلب
    period: {start: 2019-05-01}
    as_of: 2019-05-late
    publisher: "12,000"
    quote: "1e5"
    notes: "0012"
  - id: "1.50"
    metric: displaced
    value: 3000
    qualifier: more_than
    claimant: un
    area: Idlib
    period: {start: 2019-05-01}
    as_of: ~2019-05-23
    publisher: "TRUE"
    quote: "50%"
    notes: "2019-05-23"
  - id: "12345678901234567890"
    metric: displaced
    value: 20
    value_max: 30
    qualifier: between
    claimant: un
    area: Idlib
    period: {start: 2019-05-01}
    as_of: 2019-05-24
    publisher: "1 2"
    quote: "  leading spaces"
    notes: "-"
'''

CALC_CSV = "Text - txt - csv (StarCalc)"
TEXT_COLUMNS = "(the dialog's column types: Text for each column of text, Standard for the rest)"


@dataclass(frozen=True)
class Opening:
    """One way a user opens a file: which hfig format, the import filter options, whether hfig
    recommends it (a finding then fails the check)."""

    name: str
    fmt: str
    infilter: str | None
    recommended: bool
    via_calc: bool = True


OPENINGS = [
    Opening("xlsx (hfig's file)", "xlsx", None, True, via_calc=False),
    Opening("xlsx opened and saved by Calc", "xlsx", None, True),
    Opening("csv, import dialog: UTF-8, comma", "csv", f"{CALC_CSV}:44,34,76,1", False),
    Opening("csv, UTF-8, comma, special numbers off", "csv", f"{CALC_CSV}:44,34,76,1,,1033,false,false",
            False),
    Opening("csv, no filter options (double-click)", "csv", None, False),
    Opening("csv --bom, no filter options (double-click)", "bom.csv", None, False),
    Opening("csv, UTF-8, comma, German locale", "csv", f"{CALC_CSV}:44,34,76,1,,1031", False),
    Opening("csv, UTF-8, comma, English (USA), text columns Text", "csv", TEXT_COLUMNS, True),
    Opening("tsv, import dialog: UTF-8, tab", "tsv", f"{CALC_CSV}:9,34,76,1", False),
    Opening("tsv, no filter options (double-click)", "tsv", None, False),
]

COMMANDS = {  # name: (command line arguments, the library's tables: one CSV table, the xlsx sheets)
    "summary": (["summary"], lambda d: (d.summary_table(), [d.summary_table()])),
    "compare": (["compare", "displaced"],
                lambda d: (d.compare_table("displaced"), list(d.compare_tables("displaced")))),
    "timeline": (["timeline", "displaced"],
                 lambda d: (d.timeline_table("displaced"), [d.timeline_table("displaced")])),
    "records": (["records"], lambda d: (d.records_table(), [d.records_table()])),
}


@dataclass
class Finding:
    data: str
    command: str
    opening: str
    column: str
    problem: str
    count: int
    example: str
    recommended: bool


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--strict", action="store_true", help="exit 1 on any finding, known limits too")
    args = parser.parse_args()
    if shutil.which("soffice") is None:
        print("soffice not found: apt-get install -y --no-install-recommends libreoffice-calc",
              file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="hfig-sheet-"))
    work.mkdir(parents=True, exist_ok=True)
    fixture = work / "fixture"
    fixture.mkdir(exist_ok=True)
    (fixture / "awkward.yaml").write_text(FIXTURE, encoding="utf-8")
    env = {**os.environ, "HFIG_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1"}
    findings: list[Finding] = []
    checked = 0
    import hfig

    for data_name, paths in (("bundled", []), ("fixture", [str(fixture)])):
        ds = hfig.load(*paths, cache=False)
        for command, (argv, tables_of) in COMMANDS.items():
            csv_table, sheets = tables_of(ds)
            out = work / data_name / command
            out.mkdir(parents=True, exist_ok=True)
            data_args = [a for p in paths for a in ("--data", p)]
            files = {}
            for fmt in ("csv", "tsv", "xlsx", "bom.csv"):
                files[fmt] = out / f"{command}.{fmt}"
                bom = ["--bom"] if fmt.startswith("bom.") else []
                subprocess.run([sys.executable, "-m", "hfig", *argv, *data_args,
                                "--format", fmt.split(".")[-1], *bom, "-o", str(files[fmt])],
                               check=True, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
            for opening in OPENINGS:
                infilter = opening.infilter
                if infilter == TEXT_COLUMNS:  # column/type pairs: 2 is Text, 1 Standard
                    kinds = "/".join(f"{j}/{2 if text else 1}"
                                     for j, text in enumerate(text_columns(csv_table), 1))
                    infilter = f"{CALC_CSV}:44,34,76,1,{kinds},1033"
                got = opened(opening, infilter, files[opening.fmt], out / slug(opening.name))
                tables = sheets if opening.fmt == "xlsx" else [csv_table]
                for problem in compare(got, tables, opening):
                    column, kind, count, example = problem
                    findings.append(Finding(data_name, command, opening.name, column, kind, count, example,
                                            opening.recommended))
                checked += 1
    print_findings(findings, checked)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    failing = [f for f in findings if f.recommended or args.strict]
    return 1 if failing else 0


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")


def text_columns(table: Any) -> list[bool]:
    """Which of the table's columns hold text only (a user sets these to Text in the dialog)."""
    names = [c.name for c in table.machine_columns]
    rows = list(table.rows)
    return [all(isinstance(r.get(n), str | list | type(None)) for r in rows)
            and any(r.get(n) not in (None, "", []) for r in rows) for n in names]


def opened(opening: Opening, infilter: str | None, path: Path, out: Path) -> list[list[list[Any]]]:
    """The sheets a user sees after opening `path` this way: rows of cell values, a formula as
    ("formula", text)."""
    import openpyxl

    if opening.via_calc:
        out.mkdir(parents=True, exist_ok=True)
        profile = out.parent / "lo-profile"
        command = ["soffice", f"-env:UserInstallation=file://{profile.resolve()}", "--headless",
                   "--convert-to", "xlsx", "--outdir", str(out)]
        if infilter:
            command.append(f"--infilter={infilter}")
        subprocess.run([*command, str(path)], check=True, capture_output=True, timeout=180)
        path = out / (path.name.rsplit(".", 1)[0] + ".xlsx")
    book = openpyxl.load_workbook(path, data_only=False)
    sheets = []
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            rows.append([("formula", c.value) if c.data_type == "f" else c.value for c in row])
        sheets.append(rows)
    return sheets


def compare(got: list[list[list[Any]]], tables: list[Any],
            opening: Opening) -> list[tuple[str, str, int, str]]:
    """(column, problem, how many cells, an example) for each column that does not read back as meant."""
    problems: dict[tuple[str, str], list[str]] = defaultdict(list)
    if len(got) != len(tables):
        return [("(sheets)", f"{len(got)} sheets, {len(tables)} meant", 1, "")]
    for sheet, table in zip(got, tables, strict=True):
        names = [c.name for c in table.machine_columns]
        rows = [r for r in sheet if any(v is not None for v in r)]
        header = [str(v) if v is not None else "" for v in (rows[0] if rows else [])]
        header += [""] * (len(names) - len(header))
        if header[:len(names)] != names or any(v is not None for r in rows for v in r[len(names):]):
            problems[("(header)", "columns shifted")].append(f"{header[:6]} ...")
            continue
        meant = list(table.rows)
        if len(rows) - 1 != len(meant):
            problems[("(rows)", "rows shifted")].append(f"{len(rows) - 1} rows, {len(meant)} meant")
            continue
        for j, name in enumerate(names):
            kinds = set()
            for row, want in zip(rows[1:], meant, strict=True):
                cell = row[j] if j < len(row) else None
                problem, kind = judge(cell, want.get(name), opening)
                if kind:
                    kinds.add(kind)
                if problem:
                    problems[(name, problem)].append(f"{want.get(name)!r} -> {cell!r}")
            if name.endswith("_date") and len(kinds) > 1:
                problems[(name, "days both dates and text")].append(", ".join(sorted(kinds)))
    return [(column, problem, len(examples), examples[0][:70])
            for (column, problem), examples in sorted(problems.items())]


def judge(cell: Any, want: Any, opening: Opening) -> tuple[str | None, str | None]:
    """A problem with one cell (or None), and for a day, whether Calc made it a date or text."""
    from hfig.render.text_formats import spreadsheet_safe

    if isinstance(cell, tuple):
        if isinstance(want, bool) and cell[1] == ("=TRUE()" if want else "=FALSE()"):
            return None, None  # how Calc saves any boolean cell in xlsx: a constant, nothing run
        return "formula", None
    if want is None or (isinstance(want, float) and not math.isfinite(want)) or want == "" or want == []:
        return (None if cell in (None, "") else "empty cell filled"), None
    if isinstance(want, bool):
        if cell is want or cell == ("true" if want else "false") or (type(cell) is int and cell == int(want)):
            return None, None
        return "flag changed", None
    if isinstance(want, int | float):
        if isinstance(cell, bool) or not isinstance(cell, int | float):
            return "number as text", None
        return (None if math.isclose(cell, want, rel_tol=1e-12) else "number changed"), None
    if isinstance(want, dt.date):
        if isinstance(cell, dt.datetime) and cell.date() == want:
            return None, "date"
        if cell == want.isoformat() and opening.fmt != "xlsx":
            return None, "ISO text"
        return "day changed", None
    text = ";".join(want) if isinstance(want, list) else str(want)
    if isinstance(cell, str):
        if cell == text or (opening.fmt != "xlsx" and cell == spreadsheet_safe(text)):
            return None, None
        return "text changed", None
    if isinstance(cell, bool):
        return "text became a flag", None
    if isinstance(cell, dt.datetime | dt.date | dt.time):
        return "text became a date", None
    return "text became a number", None


def print_findings(findings: list[Finding], checked: int) -> None:
    print(f"{checked} files opened and read back; {len(findings)} findings")
    if not findings:
        return
    rows = [("", "data", "command", "opened as", "column", "problem", "cells", "example")]
    rows += [("FAIL" if f.recommended else "known", f.data, f.command, f.opening, f.column, f.problem,
              str(f.count), f.example) for f in findings]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False))
        print(cells + "  " + row[-1].replace("\n", "\\n"))
    summary: dict[tuple[str, str], int] = defaultdict(int)
    for f in findings:
        summary[(f.opening, f.problem)] += f.count
    print("\nper way of opening:")
    for (opening, problem), count in sorted(summary.items()):
        print(f"  {opening}: {problem} ({count} cells)")


if __name__ == "__main__":
    csv.field_size_limit(1 << 30)
    sys.exit(main())
