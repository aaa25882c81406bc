"""OCHA COD-AB admin tables, as HDX distributes them, read into admin units.

Two layouts are read, plain or HXL-tagged (a second row of `#` hashtags):

- wide, one row per unit of the deepest level, every level's P-code and names
  in columns: `ADM0_PCODE, ADM1_PCODE, ADM1_EN, ADM1_AR, ADM2_PCODE, ...`
  (also `admin1Pcode, admin1Name_en`, and HXL `#adm1+code`, `#adm1+name+i_en`);
- long, one row per unit: `Location, Admin Level, P-Code, Name, Parent P-Code`
  (HDX's global P-codes; HXL `#adm+code`, `#geo+admin_level`, `#adm+name`,
  `#adm+code+parent`). The bundled tables in data/reference/cod are in it.

`.xlsx` workbooks (every sheet that has P-code columns) need openpyxl, imported
only when one is read. Anything that is not a consistent admin table raises
`TableError` with the row and column, so that nothing half-read is used.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

from msgspec import Struct

from hfig.core.gazetteer import AdminUnit

PCODE = re.compile(r"[A-Z]{2}[A-Z0-9]{0,14}")
_WIDE_CODE = re.compile(r"(?:adm(?:in)?(\d)_?p?code|#adm(\d)\+code(?:\+v_pcode)?)")
_WIDE_NAME = re.compile(
    r"(?:adm(?:in)?(\d)_?(?:name_?|alt\d)?_?([a-z]{2,3})|#adm(\d)\+name((?:\+[a-z_0-9]+)*))")
_LANG_ATTRIBUTE = re.compile(r"\+i_([a-z]{2,3})")
_LONG = {
    "code": ("p-code", "pcode", "#adm+code"),
    "level": ("admin level", "#geo+admin_level"),
    "name": ("name", "#adm+name"),
    "parent": ("parent p-code", "#adm+code+parent"),
    "country": ("location", "#country+code"),
}


class TableError(Exception):
    """The table is not an admin table hfig can read; the message says where and why."""


class MissingOpenpyxl(TableError):
    """An .xlsx table, and openpyxl is not installed."""


class AdminTable(Struct):
    country: str | None  # ISO alpha-2 from the table's admin0 column, if it has one
    units: list[AdminUnit]


def read_table(path: Path) -> AdminTable:
    """Every admin unit (level 1 and deeper) of a CSV or XLSX admin table."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            sheets = _xlsx_sheets(path)
        elif suffix in (".csv", ".txt"):
            sheets = [(path.name, _csv_rows(path))]
        else:
            raise TableError(f"{path}: expected a .csv or .xlsx admin table")
    except OSError as exc:
        raise TableError(f"{path}: cannot read: {exc.strerror}") from None
    builder = _Builder(str(path))
    read_any = False
    for sheet, rows in sheets:
        read_any |= builder.add_sheet(sheet, rows)
    if not read_any:
        raise TableError(
            f"{path}: no P-code columns found (expected ADM1_PCODE, ADM1_EN, ... or the HXL "
            "hashtags #adm1+code, #adm1+name, ...; or P-Code, Admin Level, Name, Parent P-Code)")
    return builder.table()


def _csv_rows(path: Path) -> list[list[str]]:
    from hfig.load.paths import read_regular  # a FIFO or device given by mistake must not block

    try:
        text = read_regular(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(f"{path}: not UTF-8 text (save the table as UTF-8 CSV)") from None
    return [row for row in csv.reader(text.splitlines())]


def _xlsx_sheets(path: Path) -> list[tuple[str, list[list[str]]]]:
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:
        raise MissingOpenpyxl("reading .xlsx needs openpyxl: pip install 'hfig[xlsx]' (or save the sheet "
                              "as CSV)") from None
    from hfig.load.paths import open_regular

    with open_regular(path) as handle:  # OSError for a FIFO or device: the caller says so
        try:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # a corrupt workbook raises anything from zipfile to KeyError
            raise TableError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})") from None
        sheets = []
        for sheet in book.worksheets:
            rows = [["" if v is None else str(v).strip() for v in row]
                    for row in sheet.iter_rows(values_only=True)]
            sheets.append((sheet.title, rows))
        book.close()
    return sheets


class _Builder:
    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.units: dict[str, AdminUnit] = {}
        self.where: dict[str, str] = {}
        self.countries: set[str] = set()

    def add_sheet(self, sheet: str, rows: list[list[str]]) -> bool:
        rows = [r for r in rows if any(c.strip() for c in r)]
        if not rows:
            return False
        header = [c.strip() for c in rows[0]]
        body_start = 1
        tags = header
        if len(rows) > 1 and _is_hxl(rows[1]):
            tags, body_start = [c.strip() for c in rows[1]], 2
        elif _is_hxl(rows[0]):
            header = tags = [c.strip() for c in rows[0]]
        keys = [t.lower() if t.startswith("#") else h.lower() for h, t in zip(header, tags, strict=False)]
        long = {role: keys.index(name) for role, names in _LONG.items() for name in names if name in keys}
        if "code" in long and "level" in long and "name" in long:
            self._long(sheet, rows, body_start, long)
            return True
        wide = self._wide_columns(keys)
        if not wide:
            return False
        self._wide(sheet, rows, body_start, wide, keys)
        return True

    def _where(self, sheet: str, row: int, column: int | None = None) -> str:
        col = f", column {column + 1}" if column is not None else ""
        return f"{self.shown}: sheet {sheet!r}, row {row}{col}"

    def _long(self, sheet: str, rows: list[list[str]], start: int, col: dict[str, int]) -> None:
        for n, row in enumerate(rows[start:], start + 1):
            cell = _cells(row)
            level_text = cell(col["level"])
            if not level_text.isdigit():
                raise TableError(f"{self._where(sheet, n, col['level'])}: admin level {level_text!r} "
                                 "is not a whole number")
            level = int(level_text)
            code = cell(col["code"])
            parent = cell(col["parent"]) if "parent" in col else ""
            if level == 0:
                self.countries.add(code[:2])
                continue
            if level == 1 or not parent:
                parent = code[:2]
            if "country" in col and len(cell(col["country"])) == 2:
                self.countries.add(cell(col["country"]))
            self.add(sheet, n, col["code"], code, level, cell(col["name"]), (), parent)

    def _wide_columns(self, keys: list[str]) -> dict[int, tuple[int, list[tuple[str, int]]]]:
        """Admin level -> (its P-code column, [(language, name column)])."""
        codes: dict[int, int] = {}
        names: dict[int, list[tuple[str, int]]] = {}
        for i, key in enumerate(keys):
            code = _WIDE_CODE.fullmatch(key)
            if code:
                codes.setdefault(int(code.group(1) or code.group(2)), i)
                continue
            name = _WIDE_NAME.fullmatch(key)
            if name:
                level = int(name.group(1) or name.group(3))
                lang = name.group(2) or _hxl_language(name.group(4) or "")
                names.setdefault(level, []).append((lang, i))
        return {level: (codes[level], sorted(names.get(level, []), key=_language_order))
                for level in sorted(codes)}

    def _wide(self, sheet: str, rows: list[list[str]], start: int,
              wide: dict[int, tuple[int, list[tuple[str, int]]]], keys: list[str]) -> None:
        for n, row in enumerate(rows[start:], start + 1):
            cell = _cells(row)
            parent: str | None = None
            for level, (code_col, name_cols) in wide.items():
                code = cell(code_col)
                if not code:
                    continue
                if level == 0:
                    self.countries.add(code[:2])
                    parent = code[:2]
                    continue
                names = [cell(i) for _, i in name_cols if cell(i)]
                if not names:
                    raise TableError(f"{self._where(sheet, n, code_col)}: {keys[code_col]} {code} has "
                                     "no name in any name column")
                self.add(sheet, n, code_col, code, level, names[0], tuple(names[1:]), parent or code[:2])
                parent = code

    def add(self, sheet: str, row: int, column: int, code: str, level: int, name: str,
            others: tuple[str, ...], parent: str) -> None:
        where = self._where(sheet, row, column)
        if not PCODE.fullmatch(code):
            raise TableError(f"{where}: {code!r} is not a P-code (two capital letters, then letters "
                             "and digits: UA63, SD01001, MMR001)")
        if not 1 <= level <= 5:
            raise TableError(f"{where}: admin level {level} is outside 1-5")
        if not name:
            raise TableError(f"{where}: P-code {code} has no name")
        if not code.startswith(parent) or code == parent:
            raise TableError(f"{where}: P-code {code} does not start with its parent's {parent}; hfig "
                             "decides what contains what by P-code prefix, so it cannot use this table")
        unit = AdminUnit(code, name, parent, level, tuple(dict.fromkeys(o for o in others if o != name)))
        known = self.units.get(code)
        if known is None:
            self.units[code] = unit
            self.where[code] = where
        elif (known.name, known.parent, known.level) != (unit.name, unit.parent, unit.level):
            raise TableError(f"{where}: P-code {code} is {name!r} (level {level}, in {parent}) here but "
                             f"{known.name!r} (level {known.level}, in {known.parent}) at {self.where[code]}")

    def table(self) -> AdminTable:
        units = sorted(self.units.values(), key=lambda u: (u.level, u.pcode))
        for unit in units:
            if unit.level > 1 and unit.parent not in self.units:
                raise TableError(f"{self.where[unit.pcode]}: the parent {unit.parent} of {unit.pcode} is not "
                                 "in the table")
        if not units:
            raise TableError(f"{self.shown}: the table has no admin units (only headers, or admin0 only)")
        countries = {u.pcode[:2] for u in units if u.level == 1} | self.countries
        if len(countries) > 1:
            raise TableError(f"{self.shown}: units of several countries ({', '.join(sorted(countries))}); "
                             "import one country's table at a time")
        return AdminTable(next(iter(countries)) if countries else None, units)


def _cells(row: list[str]) -> Callable[[int], str]:
    def cell(i: int) -> str:
        return row[i].strip() if i < len(row) else ""
    return cell


def _is_hxl(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and sum(c.startswith("#") for c in cells) * 2 > len(cells)


def _hxl_language(attributes: str) -> str:
    found = _LANG_ATTRIBUTE.search(attributes)
    return found.group(1) if found else "en"


def _language_order(item: tuple[str, int]) -> tuple[int, int]:
    lang, column = item
    return (0 if lang == "en" else 1 if lang == "ref" else 2, column)
