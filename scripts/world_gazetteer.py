"""Generate data/reference/world_places.tsv and world_names.tsv (docs/places.md).

The world gazetteer - every country (ISO 3166-1) and first-level subdivision
(ISO 3166-2), with names in several languages - comes from two libraries made
for it, read here, at build time, never by hfig at run time:

- pycountry (ISO 3166-1 and 3166-2 with the iso-codes project's translations);
- HDX's Countries & Territories Taxonomy, the CSV inside hdx-python-country
  (the names humanitarian data uses: "occupied Palestinian territory",
  "DR Congo", "Türkiye"). Only its CSV is read:
  `pip install pycountry && pip install --no-deps hdx-python-country`.

Where an OCHA COD-AB table is bundled (data/reference/cod/*.csv, and Syria's
admin1.csv), a subdivision's ISO 3166-2 code and names become aliases of the
matching P-code (matched by name; OVERRIDES lists the pairs names alone do not
settle, by the COD name, never by a P-code typed here). Elsewhere each
subdivision is a unit of its own, keyed by its ISO 3166-2 code.

    python scripts/world_gazetteer.py            # write the two files
    python scripts/world_gazetteer.py --check    # exit 1 if they are not what this would write
"""

from __future__ import annotations

import argparse
import csv
import gettext
import importlib.util
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hfig.core.gazetteer import normalise, stem  # noqa: E402

REFERENCE = ROOT / "data" / "reference"
LANGUAGES = ("ar", "es", "fr", "ru", "zh_CN", "uk", "my")
"""The UN's six official languages (English is the base), plus the national languages of the
crises the bundled data covers that are not among them (Ukrainian, Burmese)."""

TAXONOMY_COLUMNS = (
    "Preferred Term", "ISO Alt Term", "HPC Tools Alt Term", "RW Short Name", "RW API Alt Term",
    "English Short", "English Formal", "French Short", "Spanish Short", "Russian Short", "Chinese Short",
    "Arabic Short",
)

OVERRIDES: dict[str, tuple[str, ...]] = {
    # ISO 3166-2 code -> the COD unit name(s) it is, where the names differ beyond spelling.
    "SD-GZ": ("Aj Jazirah",),             # ISO "Gezira"
    "MM-02": ("Bago (East)", "Bago (West)"),  # COD splits Bago region in two
    "MM-17": ("Shan (South)", "Shan (North)", "Shan (East)"),  # and Shan state in three
    "MM-18": ("Nay Pyi Taw",),
    "PS-DEB": ("Deir Al-Balah",),         # ISO "Deir El Balah"
    "PS-KYS": ("Khan Younis",),           # ISO "Khan Yunis"
    "PS-JRH": ("Jericho",),               # ISO "Jericho and Al Aghwar"
    "UA-43": ("Autonomous Republic of Crimea",),  # ISO "Avtonomna Respublika Krym"
}



def cod_units() -> dict[str, list[tuple[str, str]]]:
    """Country (alpha-2) -> [(P-code, name)] of every bundled COD table, Syria's included."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in sorted((REFERENCE / "cod").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        for row in rows[2:]:
            out[row[2][:2]].append((row[2], row[3]))
    for level in (1, 2, 3):
        with open(REFERENCE / f"admin{level}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out["SY"].append((row["pcode"], row["name_en"]))
    return out


def iso_aliases_in_areas() -> set[str]:
    """ISO 3166-2 codes areas.yaml already gives as aliases (Syria's governorates)."""
    text = (REFERENCE / "areas.yaml").read_text(encoding="utf-8")
    return set(re.findall(r"\b([A-Z]{2}-[A-Z]{2,3})\b", text))


def taxonomy() -> dict[str, list[str]]:
    spec = importlib.util.find_spec("hdx.location")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("hdx-python-country is needed: pip install --no-deps hdx-python-country")
    folder = Path(next(iter(spec.submodule_search_locations)))
    path = next(folder.glob("*Taxonomy*.csv"))
    out: dict[str, list[str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["ISO 3166-1 Alpha 2-Codes"]
            if code and row["Deprecated"] != "Y":
                out[code] = [row[c] for c in TAXONOMY_COLUMNS if row.get(c)]
    return out


def variants(name: str) -> list[str]:
    """A name, and the name without ISO's trailing "(the)" and inverted ", The ... of the"."""
    out = [name]
    bare = re.sub(r"\s*\(the\)$", "", name)
    out.append(bare)
    if ", " in bare:
        head, _, tail = bare.partition(", ")
        out.append(f"{tail} {head}")
    return out


def build() -> tuple[list[str], list[str], list[str]]:
    import pycountry

    locales = Path(pycountry.__file__).parent / "locales"
    tr1 = [gettext.translation("iso3166-1", locales, [lang], fallback=True) for lang in LANGUAGES]
    tr2 = [gettext.translation("iso3166-2", locales, [lang], fallback=True) for lang in LANGUAGES]
    cods = cod_units()
    already = iso_aliases_in_areas()
    humanitarian = taxonomy()
    places: list[str] = []
    names: dict[str, set[str]] = defaultdict(set)
    notes: list[str] = []

    def name(text: str, key: str) -> None:
        norm = normalise(text)
        if norm and "\t" not in norm and "\n" not in norm:
            names[norm].add(key)

    for c in pycountry.countries:
        key = c.alpha_2
        shown = (humanitarian.get(key) or [getattr(c, "common_name", None) or c.name])[0]
        places.append(f"{key}\t0\t{shown}\t")
        own = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)]
        for text in [*own, *humanitarian.get(key, [])]:
            for v in variants(text) if text else []:
                name(v, key)
        for t in tr1:
            name(t.gettext(c.name), key)
        names[f"={c.alpha_3}"].add(key)

    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if s.parent_code is not None:
            continue  # first-level subdivisions only
        country = s.country_code
        spellings = [s.name, *(t.gettext(s.name) for t in tr2)]
        if country in cods:
            if s.code in already:
                continue  # areas.yaml maps it
            targets = match(s.code, spellings, cods[country])
            if not targets:
                notes.append(f"{s.code} {s.name!r}: no unit of the bundled {country} table has this name; "
                             "left out")
                continue
            if len(targets) == 1:
                for text in spellings:
                    name(text, targets[0])
                names[f"={s.code}"].add(targets[0])
                continue
            # One ISO subdivision, several COD units (Myanmar's Bago and Shan): a named area.
            places.append(f"{s.code}\t\t{s.name}\t{' '.join(sorted(targets))}")
        else:
            places.append(f"{s.code}\t1\t{s.name}\t")
        for text in spellings:
            name(text, s.code)
        names[f"={s.code}"].add(s.code)

    name_lines = [f"{n}\t{' '.join(sorted(keys))}" for n, keys in names.items()]
    return sorted(places), sorted(name_lines), notes


def match(code: str, spellings: list[str], units: list[tuple[str, str]]) -> list[str]:
    wanted = OVERRIDES.get(code)
    if wanted is not None:
        found = [p for p, n in units if n in wanted]
        if len(found) != len(wanted):
            sys.exit(f"{code}: OVERRIDES names {wanted}, the table has {len(found)} of them")
        return found
    stems = {stem(s) for s in spellings}
    found = [p for p, n in units if stem(n) in stems]
    by_level = sorted(found, key=len)
    return by_level[:1] if by_level else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the files instead of writing")
    args = parser.parse_args()
    import pycountry

    places, names, notes = build()
    header = (f"# generated by scripts/world_gazetteer.py from pycountry {pycountry.__version__}; "
              "do not edit\n")
    texts = {"world_places.tsv": header + "\n".join(places) + "\n",
             "world_names.tsv": header + "\n".join(names) + "\n"}
    for note in notes:
        print(note, file=sys.stderr)
    for file, text in texts.items():
        path = REFERENCE / file
        if args.check:
            if path.read_text(encoding="utf-8") != text:
                sys.exit(f"{path} is not what scripts/world_gazetteer.py writes: run it")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{path}: {text.count(chr(10)) - 1} lines, {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
