"""Check the hand labels of the real extract evaluation set (issue 14).

Run with plain Python from the repository root:

    python tests/extract_real/check_labels.py          # check only
    python tests/extract_real/check_labels.py --fill   # also write `occurrence`
    python tests/extract_real/check_labels.py --labels tests/extract_real/labels_b
                        # check another labeller's files (a second labelling of some texts)

It checks the form of every label file against the contract's names and
docs/extract-labelling.md, and, where the texts are present (they are not
committed), that every `written` string is found in its text, in label order.
It never imports hfig: the labels must not depend on the extractor.
It does not judge a label right or wrong; reading does that.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent
METRICS = {
    "displaced", "idps", "refugees", "fled_abroad", "returnees",
    "people_killed", "civilians_killed", "children_killed", "women_killed",
    "combatants_killed", "people_injured", "civilians_injured", "children_injured",
    "casualties", "civilian_casualties", "people_missing", "people_detained",
    "aid_workers_killed", "aid_workers_injured", "aid_workers_kidnapped",
    "aid_worker_attacks", "health_workers_killed", "health_workers_injured",
    "health_attacks", "health_facility_attacks", "health_personnel_attacks",
    "ambulance_attacks", "health_facilities_attacked", "health_facilities_damaged",
    "health_facilities_out_of_service", "health_facilities_suspended",
    "health_attack_deaths", "health_attack_injuries", "population_served_affected",
    "schools_destroyed", "schools_affected", "schools_attacked", "education_attacks",
    "houses_destroyed", "houses_damaged",
}
REFERENCE = ROOT.parent.parent / "data" / "reference"
# Claimant ids come from the registry itself, so a claimant added there is usable here.


def _reference(name: str, section: str, key: str) -> set[str]:
    data = yaml.safe_load((REFERENCE / name).read_text(encoding="utf-8"))
    return {str(item[key]) for item in data[section]}


CLAIMANTS = _reference("claimants.yaml", "claimants", "id")
VOCABULARY = _reference("metrics.yaml", "metrics", "name")
QUALIFIERS = {"exact", "about", "at_least", "more_than", "up_to", "less_than", "between", "vague"}
VAGUE = {"several", "tens", "dozens", "scores", "hundreds", "thousands",
         "tens_of_thousands", "hundreds_of_thousands", "millions"}
COUNTRIES = {"SY", "UA", "SD", "PS", "IL", "LB", "MM", "CD", "YE", "AF", "SA", "TD",
             # the final part (labelled 2026-11-30) adds crises beyond the first eight
             "ET", "HT", "SO", "SS", "BF", "NG", "IQ",
             # the final2 part (labelled 2026-11-30) adds Mozambique and Mali
             "MZ", "ML",
             # the final3 part (labelled 2026-11-30) adds Libya, Niger, Burundi and Cameroon
             "LY", "NE", "BI", "CM",
             # the final4 part (labelled 2026-11-30) adds the Central African Republic, Pakistan,
             # Azerbaijan and Armenia (Nagorno-Karabakh) and Colombia
             "CF", "PK", "AZ", "AM", "CO",
             # the final5 part (labelled 2026-11-30) adds Sri Lanka and the Philippines
             "LK", "PH",
             # the final6 part (labelled 2026-12-01) adds India (Kashmir, Manipur), Indonesia (Papua),
             # Mexico, El Salvador, Iran, Thailand, Uganda, Honduras, Georgia and Nicaragua
             "IN", "ID", "MX", "SV", "IR", "TH", "UG", "HN", "GE", "NI",
             # the final7 part (labelled 2026-12-01) adds Russia (Chechnya), Serbia (Kosovo, 1999),
             # Bosnia and Herzegovina, Kenya, Rwanda, Sierra Leone, Venezuela, Kyrgyzstan, Tajikistan,
             # Nepal, Liberia, Peru, Egypt and Côte d'Ivoire
             "RU", "RS", "BA", "KE", "RW", "SL", "VE", "KG", "TJ", "NP", "LR", "PE", "EG", "CI",
             # the final8 part (labelled 2026-12-01) adds Benin
             "BJ",
             # the final9 part (labelled 2026-12-01) adds Togo
             "TG",
             # the final10 part (labelled 2026-12-01) adds Bangladesh, Kazakhstan, South Africa, Guinea,
             # Uzbekistan, Timor-Leste, Zimbabwe and Turkey
             "BD", "KZ", "ZA", "GN", "UZ", "TL", "ZW", "TR",
             # the final11 part (labelled 2026-12-01) adds Papua New Guinea
             "PG",
             # the final12 part (labelled 2026-12-01) adds Ecuador
             "EC",
             # the final13 part (labelled 2026-12-01) adds Bolivia, Angola and Algeria
             "BO", "AO", "DZ",
             # the final14 part (labelled 2026-12-01) adds the Republic of the Congo, Cambodia, Ghana
             # and Tanzania
             "CG", "KH", "GH", "TZ",
             # the final15 part (labelled 2026-12-01) adds Senegal, Solomon Islands, Eritrea, Eswatini,
             # Madagascar, Belarus, Guinea-Bissau, Lesotho and Tunisia (India was there already; Assam is
             # a new crisis)
             "SN", "SB", "ER", "SZ", "MG", "BY", "GW", "LS", "TN",
             # the final16 part (labelled 2026-12-01) adds China (Xinjiang), North Macedonia, Bahrain,
             # Guatemala, the United Kingdom (Northern Ireland), Djibouti and Mauritania (India, Russia,
             # Mexico and Papua New Guinea were there already; Chhattisgarh, Dagestan, Chiapas and
             # Bougainville are new crises)
             "CN", "MK", "BH", "GT", "GB", "DJ", "MR",
             # the final17 part (labelled 2026-12-01) adds Western Sahara (Bangladesh, Indonesia, Russia,
             # India, Pakistan, China, Mozambique, South Sudan, Cameroon and Haiti were there already; the
             # Chittagong Hill Tracts, Poso, Ingushetia, Tripura, Nagaland, Kabardino-Balkaria, Odisha and
             # Tibet are new crises)
             "EH"}
FIELDS = {"written", "value", "value_max", "qualifier", "metric", "subset", "unit",
          "claimant", "claimant_as_written", "area", "country", "period_start",
          "period_end", "as_of", "cumulative", "in_headline", "repeat_of", "note",
          "occurrence"}
REQUIRED = {"written", "value", "qualifier", "metric", "claimant", "country",
            "as_of", "cumulative", "in_headline"}
FUZZY = re.compile(r"^(~?\d{4}-\d{2}-\d{2}|\d{4}-W\d{2}|\d{4}-\d{2}-(early|mid|late)|\d{4}-\d{2}|\d{4})$")


def whole_matches(text: str, written: str) -> list[int]:
    """Start offsets of `written` where it is not part of a longer number or word."""
    found = []
    for m in re.finditer(re.escape(written), text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before.isalnum() or after.isalnum():
            continue
        # "1,200" must not match inside "11,200" nor "200" inside "1,200"
        if before in ",." and m.start() >= 2 and text[m.start() - 2].isdigit():
            continue
        if after in ",." and m.end() + 1 < len(text) and text[m.end() + 1].isdigit():
            continue
        found.append(m.start())
    return found


def fuzzy_ok(v: object) -> bool:
    """A fuzzy date of docs/format.md whose month, week and day exist."""
    if v is None:
        return True
    text = str(v)
    if not FUZZY.match(text):
        return False
    parts = text.lstrip("~").split("-")
    if len(parts) >= 2 and parts[1].startswith("W"):
        return 1 <= int(parts[1][1:]) <= 53
    if len(parts) >= 2 and not 1 <= int(parts[1]) <= 12:
        return False
    if len(parts) == 3 and parts[2].isdigit():
        try:
            date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            return False
    return True


def check_file(path: Path, sources: dict[str, Any], fill: bool) -> list[str]:
    errors: list[str] = []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    tid = data.get("id")
    where = path.name
    if tid != path.stem:
        errors.append(f"{where}: id {tid!r} does not match the file name")
    if tid not in sources:
        errors.append(f"{where}: id not in sources.yaml")
    text_path = ROOT / "texts" / f"{path.stem}.txt"
    text = text_path.read_text(encoding="utf-8") if text_path.exists() else None
    figures = data.get("figures") or []
    cursor = 0
    changed = False
    for n, fig in enumerate(figures, 1):
        at = f"{where} figure {n} ({fig.get('written')!r})"
        for key in REQUIRED - set(fig):
            errors.append(f"{at}: missing {key}")
        for key in set(fig) - FIELDS:
            errors.append(f"{at}: unknown field {key}")
        q = fig.get("qualifier")
        if q not in QUALIFIERS:
            errors.append(f"{at}: qualifier {q!r}")
        if fig.get("metric") not in METRICS:
            errors.append(f"{at}: metric {fig.get('metric')!r}")
        c = fig.get("claimant")
        if c is not None and c not in CLAIMANTS:
            errors.append(f"{at}: claimant {c!r} not in the contract")
        if fig.get("country") not in COUNTRIES:
            errors.append(f"{at}: country {fig.get('country')!r}")
        v = fig.get("value")
        if q == "vague":
            if v not in VAGUE:
                errors.append(f"{at}: vague value {v!r} not in the lexicon")
        elif not isinstance(v, (int, float)) or isinstance(v, bool):
            errors.append(f"{at}: value {v!r} is not a number")
        if (fig.get("value_max") is not None) != (q == "between"):
            errors.append(f"{at}: value_max goes with between only")
        if q == "between" and isinstance(v, (int, float)) and fig["value_max"] < v:
            errors.append(f"{at}: value_max below value")
        for key in ("period_start", "period_end", "as_of"):
            if not fuzzy_ok(fig.get(key)):
                errors.append(f"{at}: {key} {fig.get(key)!r} is not a fuzzy date")
        r = fig.get("repeat_of")
        if r is not None and not (isinstance(r, int) and 1 <= r < n):
            errors.append(f"{at}: repeat_of {r!r} must name an earlier figure")
        if fig.get("unit") not in (None, "households"):
            errors.append(f"{at}: unit {fig.get('unit')!r}")
        if text is None:
            continue
        matches = whole_matches(text, str(fig["written"]))
        if not matches:
            errors.append(f"{at}: not found in the text")
            continue
        after = [m for m in matches if m >= cursor]
        if not after:
            errors.append(f"{at}: found only before the previous figure (labels out of order?)")
            continue
        start = after[0]
        given = fig.get("occurrence")
        if isinstance(given, int) and 1 <= given <= len(matches) and matches[given - 1] >= cursor:
            start = matches[given - 1]  # a hand-given occurrence skips an earlier unlabelled match
        occurrence = matches.index(start) + 1
        cursor = start + 1
        want = occurrence if len(matches) > 1 else None
        if fig.get("occurrence") != want:
            if fill:
                if want is None:
                    fig.pop("occurrence", None)
                else:
                    fig["occurrence"] = want
                changed = True
            else:
                errors.append(f"{at}: occurrence should be {want}")
    for section in ("out_of_scope", "unscored"):
        for item in data.get(section) or []:
            if text is not None and str(item.get("written")) not in text:
                errors.append(f"{where} {section} {item.get('written')!r}: not in the text")
            if not item.get("why"):
                errors.append(f"{where} {section} {item.get('written')!r}: no reason")
    for key in set(data) - {"id", "figures", "out_of_scope", "unscored"}:
        errors.append(f"{where}: unknown section {key}")
    if fill and changed:
        write_occurrences(path, figures)
    return errors


def write_occurrences(path: Path, figures: list[dict[str, Any]]) -> None:
    """Rewrite only the `occurrence:` lines, keeping the hand-written layout."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    n = 0
    in_figures = False
    for line in lines:
        if not line.startswith(" "):
            in_figures = line.startswith("figures:")
        if in_figures and re.match(r"^  - written: ", line):
            n += 1
            out.append(line)
            occ = figures[n - 1].get("occurrence")
            if occ is not None:
                out.append(f"    occurrence: {occ}")
            continue
        if in_figures and re.match(r"^    occurrence: ", line):
            continue
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


CRISES = {"syria", "ukraine", "sudan", "gaza", "myanmar", "drc", "yemen", "afghanistan", "ethiopia", "iraq",
          "haiti", "somalia", "south_sudan", "burkina_faso", "nigeria", "lebanon", "mozambique", "mali",
          # the final3 part (labelled 2026-11-30) adds libya, niger, burundi and cameroon
          "libya", "niger", "burundi", "cameroon",
          # the final4 part (labelled 2026-11-30) adds these
          "central_african_republic", "pakistan", "nagorno_karabakh", "colombia",
          # the final5 part (labelled 2026-11-30) adds these
          "sri_lanka", "philippines",
          # the final6 part (labelled 2026-12-01) adds these
          "kashmir", "manipur", "papua", "mexico", "el_salvador", "iran",
          "thailand", "uganda", "honduras", "georgia", "nicaragua",
          # the final7 part (labelled 2026-12-01) adds these
          "chechnya", "kosovo", "bosnia", "kenya", "rwanda", "sierra_leone", "venezuela",
          "kyrgyzstan_tajikistan", "chad", "nepal", "israel", "liberia", "peru", "egypt", "cote_divoire",
          # the final8 part (labelled 2026-12-01) adds this
          "benin",
          # the final9 part (labelled 2026-12-01) adds this
          "togo",
          # the final10 part (labelled 2026-12-01) adds these
          "bangladesh", "kazakhstan", "south_africa", "guinea", "uzbekistan", "timor_leste",
          "zimbabwe", "turkey",
          # the final11 part (labelled 2026-12-01) adds this
          "papua_new_guinea",
          # the final12 part (labelled 2026-12-01) adds this
          "ecuador",
          # the final13 part (labelled 2026-12-01) adds these
          "bolivia", "angola", "algeria",
          # the final14 part (labelled 2026-12-01) adds these
          "republic_of_congo", "cambodia_thailand", "ghana", "tanzania",
          # the final15 part (labelled 2026-12-01) adds these
          "senegal", "solomon_islands", "eritrea", "eswatini", "assam", "madagascar", "belarus",
          "guinea_bissau", "lesotho", "tunisia",
          # the final16 part (labelled 2026-12-01) adds these
          "chhattisgarh", "xinjiang", "north_macedonia", "bougainville",
          "bahrain", "dagestan", "guatemala", "chiapas", "northern_ireland", "djibouti",
          # the final17 part (labelled 2026-12-01) adds these
          "chittagong_hill_tracts", "poso", "ingushetia", "tripura", "nagaland", "western_sahara",
          "kabardino_balkaria", "odisha", "tibet"}
SPLITS = ("dev", "test", "final", *(f"final{k}" for k in range(2, 18)))
STYLES = {"un", "ngo", "monitor", "media"}


def check_sources(texts: list[dict[str, Any]]) -> list[str]:
    errors = []
    for t in texts:
        at = f"sources.yaml {t.get('id')}"
        if t.get("crisis") not in CRISES:
            errors.append(f"{at}: crisis {t.get('crisis')!r}")
        if t.get("style") not in STYLES:
            errors.append(f"{at}: style {t.get('style')!r}")
        if t.get("split") not in SPLITS:
            errors.append(f"{at}: split {t.get('split')!r}")
        if t.get("claimant_default") is not None and t["claimant_default"] not in CLAIMANTS:
            errors.append(f"{at}: claimant_default {t['claimant_default']!r}")
        if not fuzzy_ok(t.get("published")) or t.get("published") is None:
            errors.append(f"{at}: published {t.get('published')!r} is not a fuzzy date")
        if not re.fullmatch(r"[0-9a-f]{64}", str(t.get("sha256"))):
            errors.append(f"{at}: sha256")
    return errors


def main(argv: list[str]) -> int:
    fill = "--fill" in argv
    sources = {t["id"]: t for t in yaml.safe_load((ROOT / "sources.yaml").read_text())["texts"]}
    errors: list[str] = check_sources(list(sources.values()))
    errors += [f"in-scope metric {m!r} is not in the vocabulary" for m in sorted(METRICS - VOCABULARY)]
    folder = Path(argv[argv.index("--labels") + 1]) if "--labels" in argv else ROOT / "labels"
    files = sorted(folder.glob("*.yaml"))
    for path in files:
        errors += check_file(path, sources, fill)
    # A second labelling covers only some texts; the first must cover them all.
    missing = set() if "--labels" in argv else set(sources) - {p.stem for p in files}
    for tid in sorted(missing):
        errors.append(f"{tid}: no label file")
    for e in errors:
        print(e)
    print(f"{len(files)} label files, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
