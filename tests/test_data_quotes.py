"""Every bundled claim that quotes its source states its figure the way the quote does.

The reader (`tests/quote_reader.py`) finds the record's value and qualifier in
its quote, in the language of the source: digit groups in five conventions,
decimal commas, scale words ("million", "mln", "млн", "milhões", "mil",
"लाख"), ranges, English and German number words; qualifier phrases before the
number or, in Hindi, Marathi, Georgian and Arabic, after it. The few records it
cannot read are listed in `EXCEPTIONS` with the reason, and the test checks
that each of them still fails, so the list cannot go stale.
"""

from __future__ import annotations

import msgspec
import pytest

from hfig.cli.context import load_data
from hfig.core.model import Claim
from hfig.core.qualifiers import Qualifier
from tests.quote_reader import numbers, problems, problems_in

# Records whose quote cannot show the figure as recorded, and why.
EXCEPTIONS: dict[str, str] = {
    "nws-20200107-rcg-children-killed": "Arabic number word: 'تسعون' (ninety)",
    "seed-russia-armoured-vehicles-destroyed": "the count is the article: 'an armored infantry carriers'",
    "nws-20200303-rrc-displaced-border": "the source's typo 'noe more than' for 'no more than'",
    "nws-20191222-cccm-displaced-nov": "'over' is a preposition: 'an increase over the 70,000'",
    "sd-20230928-iom_dtm-displaced": "OCHA's slip 'about 4.3 people' (inferred.value: 4.3 million)",
    "sd-20231005-iom_dtm-displaced": "OCHA's slip 'about 4.4 people' (inferred.value: 4.4 million)",
}


@pytest.fixture(scope="module")
def bundled() -> list[Claim]:
    return list(load_data(None).claims)


def test_every_quoted_claim_states_its_figure_as_recorded(bundled):
    quoted = [c for c in bundled if c.quote]
    assert len(quoted) >= 300
    failures = {c.id: problems(c) for c in quoted if c.id not in EXCEPTIONS}
    failures = {k: v for k, v in failures.items() if v}
    assert not failures, "\n".join(f"{k} ({next(c for c in quoted if c.id == k).source}): {v}"
                                   for k, v in sorted(failures.items()))


@pytest.mark.parametrize("claim_id", sorted(EXCEPTIONS))
def test_each_exception_is_still_an_exception(bundled, claim_id):
    """An exception whose quote now reads correctly must leave the list."""
    claim = next(c for c in bundled if c.id == claim_id)
    assert claim.quote and problems(claim), f"{claim_id} now passes: remove it from EXCEPTIONS"


def test_the_nw_syria_2019_2020_records_all_cite_and_quote(bundled):
    new = [c for c in bundled if c.source and "nw-syria-2019-2020-" in c.source.file]
    assert len(new) >= 220
    assert all(c.url and c.quote and c.publisher for c in new), [c.id for c in new if not (c.url and c.quote)]


def test_the_fact_sheet_records_cite_their_source(bundled):
    facts = [c for c in bundled if c.source and c.source.file.endswith("nw-syria-2019-facts.yaml")]
    assert facts and all(c.url for c in facts)
    assert sum(1 for c in facts if c.quote) >= 40


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("over 330 000 people", 330_000),
        ("von insgesamt 180.000 Menschen", 180_000),
        ("إلى 1.018.529 نسمة", 1_018_529),
        ("17،761 عائلة ( 97،694 نسمة)", 97_694),
        ("أكثر من ١٦١١ عائلة", 1_611),
        ("spikes to over 300K, 229 dead", 300_000),
        ("an estimated 1.12 million IDPs", 1_120_000),
        ("almost 1 million people", 1_000_000),
        ("over half a million people", 500_000),
        ("an estimated three million people", 3_000_000),
        ("Thirty-five of those killed", 35),
        ("بلغ أكثر من 359 ألف شخص", 359_000),
        # written for the languages added after review
        ("6.285 million people were displaced", 6_285_000),  # a decimal point before a scale word
        ("the estimate of 7.7mn people", 7_700_000),
        ("4.3 mln IDPs", 4_300_000),
        ("12M people in need", 12_000_000),
        ("a million refugees", 1_000_000),
        ("2.1-2.2 million people", 2_100_000),  # a range takes its scale from its upper end
        ("un millón de refugiados", 1_000_000),  # Spanish
        ("más de 300 mil personas", 300_000),
        ("1,3 milioni di sfollati", 1_300_000),  # Italian
        ("quase 2,9 milhões de pessoas", 2_900_000),  # Portuguese
        ("eine Million Menschen", 1_000_000),  # German
        ("Fünfzehn Schulen wurden getroffen", 15),
        ("zweiundzwanzig Kinder", 22),
        ("nesten 2 millioner mennesker", 2_000_000),  # Norwegian
        ("близько 1,5 млн людей", 1_500_000),  # Ukrainian
        ("понад 2 тис. людей", 2_000),
        ("около 300 тыс. человек", 300_000),  # Russian
        ("٣٬٥٠٠ جريح", 3_500),  # Arabic thousands separator
        ("४०० से अधिक लोग", 400),  # Devanagari digits
        ("2,5 लाख लोग विस्थापित", 250_000),  # Hindi lakh
    ],
)
def test_the_reader_knows_the_forms_numbers_take(quote, value):
    assert any(abs(v - value) < 0.5 for v, _, _ in numbers(quote))


@pytest.mark.parametrize(
    ("quote", "value", "qualifier"),
    [
        ("au moins 49 civils ont été tués", 49, Qualifier.AT_LEAST),  # French
        ("plus de 300 000 personnes ont fui", 300_000, Qualifier.MORE_THAN),
        ("environ 500 blessés", 500, Qualifier.ABOUT),
        ("más de 200 muertos", 200, Qualifier.MORE_THAN),  # Spanish
        ("al menos 12 niños", 12, Qualifier.AT_LEAST),
        ("casi 4.000 heridos", 4_000, Qualifier.ABOUT),
        ("hasta 50 escuelas dañadas", 50, Qualifier.UP_TO),
        ("quase 7.500 mortos", 7_500, Qualifier.ABOUT),  # Portuguese
        ("pelo menos 30 feridos", 30, Qualifier.AT_LEAST),
        ("mais de 1.000 casas", 1_000, Qualifier.MORE_THAN),
        ("sono stati uccisi più di 8.300 civili", 8_300, Qualifier.MORE_THAN),  # Italian
        ("ha ucciso almeno 4.600 civili", 4_600, Qualifier.AT_LEAST),
        ("circa 200 feriti", 200, Qualifier.ABOUT),
        ("fino a 350 persone", 350, Qualifier.UP_TO),
        ("mehr als 1.000 Tote", 1_000, Qualifier.MORE_THAN),  # German
        ("mindestens 20 Kinder", 20, Qualifier.AT_LEAST),
        ("etwa 300 Verletzte", 300, Qualifier.ABOUT),
        ("bis zu 50 Schulen", 50, Qualifier.UP_TO),
        ("meer dan 500 doden", 500, Qualifier.MORE_THAN),  # Dutch
        ("bijna 100 gewonden", 100, Qualifier.ABOUT),
        ("mere end 200 dræbte", 200, Qualifier.MORE_THAN),  # Danish
        ("mindst 30 dræbte", 30, Qualifier.AT_LEAST),
        ("nesten 2 millioner mennesker", 2_000_000, Qualifier.ABOUT),  # Norwegian
        ("minst 40 drepte", 40, Qualifier.AT_LEAST),
        ("WHO hefur skráð rúmlega 700 árásir", 700, Qualifier.MORE_THAN),  # Icelandic
        ("að minnsta kosti 9 látnir", 9, Qualifier.AT_LEAST),
        ("погибло как минимум 1208 человек", 1_208, Qualifier.AT_LEAST),  # Russian
        ("более 500 раненых", 500, Qualifier.MORE_THAN),
        ("около 1,5 млн человек", 1_500_000, Qualifier.ABOUT),
        ("понад 421 дитина поранена", 421, Qualifier.MORE_THAN),  # Ukrainian
        ("щонайменше 12 загиблих", 12, Qualifier.AT_LEAST),
        ("майже 8 млн переселенців", 8_000_000, Qualifier.ABOUT),
        ("وأصيب أكثر من 4000 شخص", 4_000, Qualifier.MORE_THAN),  # Arabic
        ("قتل 300 على الأقل من المدنيين", 300, Qualifier.AT_LEAST),
        ("نزح نحو 200 ألف مدني", 200_000, Qualifier.ABOUT),
        ("मरने वालों की संख्या 400 से अधिक हो गई", 400, Qualifier.MORE_THAN),  # Hindi
        ("लगभग 3,500 लोग घायल हुए", 3_500, Qualifier.ABOUT),
        ("कम से कम 50 लोग मारे गए", 50, Qualifier.AT_LEAST),
        ("किमान 68 जण ठार झाले", 68, Qualifier.AT_LEAST),  # Marathi
        ("100 पेक्षा जास्त जखमी", 100, Qualifier.MORE_THAN),
        ("დაახლოებით 600 ადამიანი დაიღუპა", 600, Qualifier.ABOUT),  # Georgian
        ("1500-ზე მეტი დაშავდა", 1_500, Qualifier.MORE_THAN),
        ("IOM estimates that 4,633,930 people are displaced", 4_633_930, Qualifier.EXACT),
        ("An estimated 7,794,480 people have been displaced", 7_794_480, Qualifier.EXACT),
        ("IOM estimates that 3.7 million people are displaced", 3_700_000, Qualifier.ABOUT),
    ],
)
def test_qualifiers_are_read_in_the_language_of_the_quote(quote, value, qualifier):
    assert problems_in(quote, value, qualifier) == []


@pytest.mark.parametrize(
    ("quote", "value", "qualifier", "problem"),
    [
        ("sono stati uccisi più di 8.300 civili", 8_300, Qualifier.EXACT,
         "8300 is recorded as exact but a qualifier word precedes it"),
        ("ha ucciso almeno 4.600 civili", 4_600, Qualifier.MORE_THAN, "no 'more_than' word before 4600"),
        ("понад 421 дитина поранена", 421, Qualifier.AT_LEAST, "no 'at_least' word before 421"),
        ("умерло как минимум 1208 человек", 1_208, Qualifier.EXACT,
         "1208 is recorded as exact but a qualifier word precedes it"),
        ("मरने वालों की संख्या 400 से अधिक हो गई", 400, Qualifier.EXACT,
         "400 is recorded as exact but a qualifier word follows it"),
        ("1500-ზე მეტი დაშავდა", 1_500, Qualifier.AT_LEAST, "no 'at_least' word before 1500"),
        ("quase 7.500 mortos", 7_500, Qualifier.EXACT,
         "7500 is recorded as exact but a qualifier word precedes it"),
        # a phrase inside a longer one is not read: "no more than" is not "more than"
        ("no more than 100,000 others moved", 100_000, Qualifier.MORE_THAN,
         "no 'more_than' word before 100000"),
        ("pas moins de 200 morts", 200, Qualifier.LESS_THAN, "no 'less_than' word before 200"),
        ("не менее 50 раненых", 50, Qualifier.LESS_THAN, "no 'less_than' word before 50"),
        # an estimate word before a round figure is "about"
        ("IOM estimates 5.4 million IDPs", 5_400_000, Qualifier.EXACT,
         "5.4e+06 is recorded as exact but a qualifier word precedes it"),
        ("As many as 257 incidents were recorded", 257, Qualifier.EXACT,
         "257 is recorded as exact but a qualifier word precedes it"),
    ],
)
def test_a_qualifier_the_quote_does_not_state_is_caught(quote, value, qualifier, problem):
    assert problems_in(quote, value, qualifier) == [problem]


def test_a_range_is_read_as_between_its_ends():
    assert problems_in("has probably now reached 2.1-2.2 million people", 2_100_000, Qualifier.BETWEEN,
                       2_200_000) == []
    assert problems_in("between 10,000 and 15,000 people", 10_000, Qualifier.BETWEEN, 15_000) == []
    two_reports = "2.1 million, and a week later 2.2 million"
    assert problems_in(two_reports, 2_100_000, Qualifier.BETWEEN, 2_200_000) == [
        "no 'between' word or range joining 2.1e+06 and 2.2e+06"]


def test_a_wrong_value_or_qualifier_is_caught():
    claim = next(c for c in load_data(None).claims if c.id == "p8-who-displaced")
    assert problems(claim) == []
    as_exact = msgspec.structs.replace(claim, qualifier=Qualifier.EXACT)
    assert problems(as_exact) == ["330000 is recorded as exact but a qualifier word precedes it"]
    as_at_least = msgspec.structs.replace(claim, qualifier=Qualifier.AT_LEAST)
    assert problems(as_at_least) == ["no 'at_least' word before 330000"]
    misread = msgspec.structs.replace(claim, value=333000)
    assert problems(misread) == ["333000 is not in the quote"]


def test_a_derived_figure_is_caught_even_with_its_reason():
    """`inferred.value` explains a reading; it does not excuse a figure no one stated."""
    assert problems_in("only half of Khartoum's 130 hospitals were still operating", 65, Qualifier.ABOUT) == [
        "65 is not in the quote"]
