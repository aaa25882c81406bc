"""Places for every country (docs/places.md): names, codes, clashes, COD tables, `hfig areas import`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hfig.cache import load_cached
from hfig.cache.fast import fast_load
from hfig.cli import app
from hfig.core.gazetteer import Gazetteer, decide, overlaps
from hfig.load.admin_table import TableError, read_table
from hfig.load.loader import load
from hfig.load.paths import bundled_root, expand
from hfig.load.vocabulary import build_gazetteer
from hfig.load.world import SortedLines, WorldIndex, world_files

from .conftest import FIXTURES

REFERENCE = bundled_root() / "reference"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load([]).data.gazetteer


# --- report spellings and codes -----------------------------------------------------

@pytest.mark.parametrize(("written", "cod_name"), [
    # the spellings reports use -> the unit of the bundled COD table (its own name, as published)
    ("Kharkiv Oblast", "Kharkivska"), ("Kharkiv region", "Kharkivska"), ("Kharkivska", "Kharkivska"),
    ("UA-63", "Kharkivska"), ("Kyiv Oblast", "Kyivska"), ("Kyiv", "Kyiv"), ("Odesa", "Odeska"),
    ("Zaporizhzhia Oblast", "Zaporizka"), ("Donetsk region", "Donetska"),
    ("Crimea", "Autonomous Republic of Crimea"),
    ("Khartoum State", "Khartoum"), ("North Darfur", "North Darfur"), ("Gezira", "Aj Jazirah"),
    ("El Fasher", "Al Fasher"),
    ("Gaza Strip", "Gaza Strip"), ("the Gaza Strip", "Gaza Strip"), ("Gaza", "Gaza Strip"),
    ("Gaza governorate", "Gaza"), ("Khan Yunis", "Khan Younis"), ("West Bank", "West Bank"),
    ("Rakhine State", "Rakhine"), ("Kachin", "Kachin"), ("MM-16", "Rakhine"),
    ("North Kivu", "Nord-Kivu"), ("Nord-Kivu", "Nord-Kivu"), ("South Kivu", "Sud-Kivu"), ("Ituri", "Ituri"),
    ("Idlib", "Idleb"), ("SY-ID", "Idleb"),
])
def test_report_spellings_resolve_to_the_cod_unit(gaz: Gazetteer, written: str, cod_name: str) -> None:
    place = gaz.resolve(written)
    assert place is not None and place.name == cod_name and place.level is not None


@pytest.mark.parametrize(("written", "iso2"), [
    ("Ukraine", "UA"), ("UA", "UA"), ("UKR", "UA"), ("ukr", "UA"), ("Україна", "UA"),
    ("Sudan", "SD"), ("SDN", "SD"), ("Syrian Arab Republic", "SY"), ("Syria", "SY"), ("سوريا", "SY"),
    ("occupied Palestinian territory", "PS"), ("oPt", "PS"), ("State of Palestine", "PS"),
    ("DRC", "CD"), ("DR Congo", "CD"), ("Democratic Republic of the Congo", "CD"),
    ("République démocratique du Congo", "CD"),
    ("Myanmar", "MM"), ("Burma", "MM"), ("Türkiye", "TR"), ("Turkey", "TR"), ("Yemen", "YE"), ("YEM", "YE"),
    ("Georgia", "GE"), ("Luxembourg", "LU"),  # a country beats a subdivision of another of the same name
])
def test_countries_by_name_code_and_language(gaz: Gazetteer, written: str, iso2: str) -> None:
    place = gaz.resolve(written)
    assert place is not None and (place.key, place.level, place.pcodes) == (iso2, 0, (iso2,))


def test_iso_subdivisions_of_countries_without_a_cod_table_are_units(gaz: Gazetteer) -> None:
    place = gaz.resolve("YE-SA")
    assert place is not None and place.level == 1 and place.key == "YE-SA"
    assert gaz.knows_pcode("YE-SA") and gaz.resolve("Yemen") is not None
    assert overlaps("YE-SA", "YE") and not overlaps("YE-SA", "SD")


def test_an_iso_subdivision_over_several_cod_units_is_a_named_area(gaz: Gazetteer) -> None:
    shan = gaz.resolve("Shan State")
    assert shan is not None and shan.level is None
    assert sorted(gaz.place(p).name for p in shan.pcodes) == ["Shan (East)", "Shan (North)", "Shan (South)"]


def test_no_key_can_overlap_another_countrys_by_prefix(gaz: Gazetteer) -> None:
    world = WorldIndex()
    countries = {k for k, v in SortedLines(world_files()[0]).items() if v.startswith("0\t")}
    assert {"SY", "UA", "SD", "PS", "MM", "CD", "YE", "AF"} <= countries
    assert all(len(c) == 2 for c in countries)
    keys = [k for k, _ in SortedLines(world_files()[0]).items()] + list(gaz.places)
    for key in keys:
        place = gaz.place(key) or world.place(key)
        assert place is not None
        for code in place.pcodes:
            assert code[:2] in countries, code  # every key starts with its own country's code
    # so a claim in Sudan never touches one in South Sudan, or SDN anything
    assert not overlaps("SD01", "SS") and gaz.resolve("SDN").key == "SD"


# --- names that clash -----------------------------------------------------------------

def test_suran_is_ambiguous_and_the_error_lists_both_with_pcodes_and_country() -> None:
    result = load(expand([FIXTURES / "places_suran.yaml"]))
    [problem] = [p for p in result.problems if p.code == "unknown-area"]
    names = [p for p in result.data.gazetteer.ambiguity("Suran")]
    assert len(names) == 2 and {p.parent[:4] for p in names} == {"SY02", "SY05"}
    for place in names:
        assert place.key in problem.message
    assert "SY)" in problem.message and "Suran, Hama" in problem.message


def test_a_qualified_name_or_the_data_sets_countries_settle_a_clash(gaz: Gazetteer) -> None:
    suran_hama = gaz.resolve("Suran, Hama")
    assert suran_hama is not None and suran_hama.key.startswith("SY05")
    assert gaz.resolve("Northern") is None and len(gaz.ambiguity("Northern")) > 2
    northern = gaz.resolve("Northern State", {"SD"})
    assert northern is not None and northern.key.startswith("SD")
    # both in Syria: the country cannot settle it
    assert decide(gaz.candidates("Suran"), frozenset({"SY"})) == gaz.ambiguity("Suran")


def test_five_crises_in_report_spellings_validate_alike_in_every_loader(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HFIG_CACHE_DIR", str(tmp_path / "cache"))
    files = expand([FIXTURES / "places_world_crises.yaml"])
    expected = load(files)
    assert expected.ok, expected.problems
    areas = {c.id: c.area.pcodes for c in expected.data.claims}
    assert areas["sd-3"][0].startswith("SD")  # "Northern": the data set is about Sudan, not Zambia
    assert areas["ua-1"] == areas["ua-2"] == areas["ua-4"] and areas["ps-1"] == areas["ps-2"]
    for other in (fast_load(files), load_cached(files), load_cached(files)):
        assert other.ok
        assert {c.id: c.area for c in other.data.claims} == {c.id: c.area for c in expected.data.claims}
        assert other.data.countries() == {"UA", "SD", "PS", "MM", "CD"}


@pytest.mark.parametrize("region", ["ukraine", "UA", "UKR", "Kharkiv Oblast", "sudan", "Gaza Strip"])
def test_summary_region_by_country_name_or_code(runner, region: str) -> None:
    result = runner.invoke(app, ["summary", "--data", str(FIXTURES / "places_world_crises.yaml"),
                                 "--region", region, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert rows and all(r["claim_ids"] or r["set_aside"] for r in rows)


def test_region_ukraine_holds_the_oblast_claims_and_not_sudans(runner) -> None:
    result = runner.invoke(app, ["records", "--data", str(FIXTURES / "places_world_crises.yaml"),
                                 "--region", "UKR", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    ids = {r["id"] for r in json.loads(result.stdout)["rows"]}
    assert ids == {"ua-1", "ua-2", "ua-3", "ua-4"}


def test_an_unknown_name_says_which_countries_are_known_and_how_to_add(runner) -> None:
    result = runner.invoke(app, ["summary", "--region", "Mosul"])
    assert result.exit_code == 2
    assert "not a place hfig knows" in result.stderr and "ISO 3166-2" in result.stderr
    assert "hfig areas import" in result.stderr and "UA" in result.stderr and "SY" in result.stderr
    assert "ma loula" not in result.stderr.lower()


def test_a_misspelt_place_is_offered_as_named_and_nearest_first_where_the_data_is(gaz: Gazetteer) -> None:
    # as named, with its key: never the normalised form that was matched ('idlib (SY07)')
    assert gaz.suggest("Idlibb") == ["Idleb (SY07)"]
    # in Syrian data a Syrian place ranks first among near ones; elsewhere the nearest anywhere
    assert gaz.suggest("Hamaa", frozenset({"SY"})) == ["Hama (SY05)", "Hamra (SY050103)"]
    assert gaz.suggest("Hamaa")[:2] == ["Hama (SY05)", "Hamadān (IR-13)"]
    # ... but not a Syrian name merely nearest among Syria's, when another country's is far nearer
    assert gaz.suggest("Kharkivv", frozenset({"SY"})) == ["Kharkivska (UA63)"]
    assert gaz.suggest("Zzzz") == []


def test_a_record_with_a_misspelt_area_is_offered_the_place_as_named(runner) -> None:
    result = runner.invoke(app, ["validate", str(FIXTURES / "unknown_area.yaml")])
    assert result.exit_code == 1
    assert ("'Idlibb' is not a place hfig knows (did you mean 'Idleb (SY07)'?)"
            in result.stdout + result.stderr)


# --- admin tables and hfig areas import ----------------------------------------------------

@pytest.mark.parametrize("table", ["codab_south_sudan_plain.csv", "codab_south_sudan_hxl.csv"])
def test_wide_cod_tables_plain_and_hxl_read_the_same(table: str) -> None:
    parsed = read_table(FIXTURES / table)
    assert parsed.country == "SS"
    units = {u.pcode: u for u in parsed.units}
    assert units["SS01"].level == 1 and units["SS0101"].name == "Juba" and units["SS0101"].parent == "SS01"
    assert len(parsed.units) == 30


def test_the_long_layout_and_xlsx_are_read() -> None:
    long = read_table(FIXTURES / "codab_somalia_long.csv")
    assert long.country == "SO" and {u.pcode for u in long.units if u.level == 2} == {"SO2301", "SO2302",
                                                                                    "SO2401", "SO2801"}
    book = read_table(FIXTURES / "codab_south_sudan.xlsx")
    assert {u.pcode for u in book.units} >= {"SS00", "SS01", "SS0101"}


def test_the_bundled_cod_tables_are_read_by_the_same_reader() -> None:
    sizes = {p.stem: len(read_table(p).units) for p in sorted((REFERENCE / "cod").glob("*.csv"))}
    assert sizes == {"cod": 26, "mmr": 98, "pse": 18, "sdn": 208, "ukr": 166}


def test_a_malformed_table_is_refused_with_its_row_and_nothing_is_written(runner, tmp_path: Path) -> None:
    with pytest.raises(TableError, match=r"row 3.*SS0202 does not start with its parent's SS01"):
        read_table(FIXTURES / "codab_malformed.csv")
    out = tmp_path / "areas.yaml"
    result = runner.invoke(app, ["areas", "import", str(FIXTURES / "codab_malformed.csv"), "-o", str(out)])
    assert result.exit_code == 1 and "row 3" in result.stderr and not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("table", ["codab_south_sudan_plain.csv", "codab_south_sudan_hxl.csv",
                                   "codab_south_sudan.xlsx"])
def test_areas_import_writes_a_file_that_validates_and_claims_use_its_pcodes(runner, tmp_path: Path,
                                                                             table: str) -> None:
    out = tmp_path / "ssd-areas.yaml"
    result = runner.invoke(app, ["areas", "import", str(FIXTURES / table), "--country", "SSD",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "pcode: SS01" in text and '"SS-EC"' in text  # ISO 3166-2 code -> alias of the matching unit
    if table.endswith(".xlsx"):
        return  # the workbook holds the first rows only: Wau is not in it
    files = expand([out, FIXTURES / "places_ssd_claims.yaml"])
    result_load = load(files)
    assert result_load.ok, result_load.problems
    areas = {c.id: c.area.pcodes for c in result_load.data.claims}
    assert areas == {"ss-1": ("SS0101",), "ss-2": ("SS0903",), "ss-3": ("SS01",), "ss-4": ("SS02",)}
    validate = runner.invoke(app, ["validate", "--data", str(out)])
    assert validate.exit_code == 0, validate.stderr


def test_areas_import_refuses_a_table_of_another_country(runner) -> None:
    result = runner.invoke(app, ["areas", "import", str(FIXTURES / "codab_somalia_long.csv"),
                                 "--country", "UA"])
    assert result.exit_code == 1 and "SO" in result.stderr


def test_units_already_bundled_get_only_their_extra_names(tmp_path: Path) -> None:
    table = tmp_path / "ukr.csv"
    table.write_text("ADM0_PCODE,ADM1_PCODE,ADM1_EN,ADM1_UA\nUA,UA63,Kharkivska,Харківська\n",
                     encoding="utf-8")
    from hfig.cli.areas import areas_file

    text, _ = areas_file(table, "UA", read_table(table).units, build_gazetteer([], []))
    assert "level:" not in text and "pcode: UA63" in text and "Харківська" in text


# --- the world index -----------------------------------------------------------------------

def test_world_index_files_are_sorted_for_binary_search() -> None:
    for path in world_files():
        keys = [k for k, _ in SortedLines(path).items()]
        assert keys == sorted(keys) and len(keys) == len(set(keys))
        lines = SortedLines(path)
        for key in keys[:: max(1, len(keys) // 50)]:
            assert lines.get(key) is not None
        assert lines.get("zzzz no such key") is None


def test_world_index_agrees_with_pycountry() -> None:
    pycountry = pytest.importorskip("pycountry")
    header = world_files()[0].read_text(encoding="utf-8").splitlines()[0]
    if pycountry.__version__ not in header:
        pytest.skip(f"index built from another pycountry: {header}")
    world = WorldIndex()
    for country in pycountry.countries:
        assert world.place(country.alpha_2) is not None and world.code(country.alpha_3) == country.alpha_2
    firsts = [s for s in pycountry.subdivisions if s.parent_code is None]
    known = sum(1 for s in firsts if world.place(s.code) is not None or world.code(s.code) is not None)
    assert known == len(firsts) - 14  # Syria's 14 are areas.yaml's aliases
