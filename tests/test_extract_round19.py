"""Round 19 (issue 14): a place the gazetteer lacks, named after a unit word or a verb of leaving, in
sentences written for these tests."""

from __future__ import annotations

from hfig.core.model import AreaPrecision
from hfig.extract import DraftClaim
from tests.test_extract import run


def _by_value(text: str, **kw: str) -> dict[float | str, DraftClaim]:
    return {d.value: d for d in run(text, **kw)}


def _unknown(d: DraftClaim, name: str, country: str) -> None:
    assert d.area is not None
    assert d.area.name == name
    assert d.area.pcodes == (country,)
    assert d.area.precision is AreaPrecision.PARTIAL
    # the reviewer sees that the P-code is a guess
    assert "is not in the gazetteer" in dict(d.inferred)["area"]


def test_a_place_after_the_commune_of() -> None:
    text = (
        "Fighting has spread across Mali since the spring.\n\n"
        "Gunmen attacked a market in the commune of Tessoumbi, killing 12 civilians, officials said."
    )
    _unknown(_by_value(text)[12], "Tessoumbi", "ML")


def test_a_place_after_the_capital() -> None:
    text = (
        "The war in Yemen has entered a new phase. Talks have stalled.\n\n"
        "Air strikes in the capital Qaryat Nur displaced 400 families this week, the agency said."
    )
    _unknown(_by_value(text)[400], "Qaryat Nur", "YE")


def test_a_place_after_a_compass_unit_word() -> None:
    text = (
        "Violence in Mozambique has worsened.\n\n"
        "Over 9,000 people were displaced in the northern district of Velanga last month."
    )
    _unknown(_by_value(text)[9000], "Velanga", "MZ")


def test_the_place_people_fled() -> None:
    text = (
        "Clashes continue in Sudan. Aid convoys were held up.\n\n"
        "At least 7,000 people fled Umm Hareiza in the past week, the agency said."
    )
    _unknown(_by_value(text)[7000], "Umm Hareiza", "SD")


def test_a_known_place_after_a_unit_word_is_still_the_gazetteers() -> None:
    text = "Shelling in the province of Kharkiv killed 5 civilians in Ukraine, the governor said."
    d = _by_value(text)[5]
    assert d.area is not None and d.area.pcodes == ("UA63",)
