import datetime as dt

import pytest

from hfig.core.dates import DateSyntaxError, Precision, parse_fuzzy_date

D = dt.date


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2019-05-07", D(2019, 5, 7), D(2019, 5, 7), Precision.DAY),
        ("~2019-05-23", D(2019, 5, 20), D(2019, 5, 26), Precision.ABOUT),
        ("2019-W21", D(2019, 5, 20), D(2019, 5, 26), Precision.WEEK),
        ("2019-04-early", D(2019, 4, 1), D(2019, 4, 10), Precision.PART_OF_MONTH),
        ("2019-04-mid", D(2019, 4, 11), D(2019, 4, 20), Precision.PART_OF_MONTH),
        ("2019-04-late", D(2019, 4, 21), D(2019, 4, 30), Precision.PART_OF_MONTH),
        ("2019-02-late", D(2019, 2, 21), D(2019, 2, 28), Precision.PART_OF_MONTH),
        ("2019-05", D(2019, 5, 1), D(2019, 5, 31), Precision.MONTH),
        ("2019", D(2019, 1, 1), D(2019, 12, 31), Precision.YEAR),
    ],
)
def test_fuzzy_dates_span_the_days_they_may_mean(text, earliest, latest, precision):
    d = parse_fuzzy_date(text)
    assert (d.earliest, d.latest, d.precision) == (earliest, latest, precision)
    assert d.text == text


@pytest.mark.parametrize(
    "text", ["2019-02-30", "2019-13-01", "2019-W54", "late April", "~2019-05", "19-05-01"]
)
def test_impossible_or_unknown_dates_are_refused(text):
    with pytest.raises(DateSyntaxError):
        parse_fuzzy_date(text)


def test_a_fuzzy_date_is_never_silently_exact():
    d = parse_fuzzy_date("2019-04-late")
    assert d.earliest != d.latest
    assert str(d) == "2019-04-late"
