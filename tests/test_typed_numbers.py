"""Numbers as a Dutch user types them: a decimal comma is read as a decimal point wherever
a value is typed (add-measurement's VALUE and ``--breakdown`` values, set-target's VALUE),
and a separator that may separate thousands is refused with what to type instead.

The commands' cases run end to end on a copy of the shipped data, with a rate and a
percent with a breakdown added: what is accepted is checked in the file written, what is
refused by its whole message, exit 1 and every file of the data folder unchanged. The rule
itself (``records.numbers.parse_value``) is checked on a table of examples in every unit,
and on properties that hold for any text typed.
"""

from __future__ import annotations

import difflib
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import DATA, edit, run
from ivb.checks.values import MAX_COUNT, unit_problem
from ivb.problems import IvbError
from ivb.records.numbers import parse_value

WONING = "diefstal-inbraak-woning"  # count, values up to 2014
TOTAAL = "slachtofferschap-totaal"  # percent, target 18 for 2015
HALT = "verwijzingen-halt"  # count, breakdowns geslacht (jongens, meisjes) and soort-delict
MOTOR = "diefstal-uit-vanaf-motorvoertuigen"  # count, target 150 for 2015
RATE = "geweld-per-1000"  # per 1000, added below
BEKEND = "bekend-met-halt"  # percent with a breakdown that is no partition, added below
REASON = "Raadsbesluit 10 maart 2016"

ADDED = f"""
  - id: {RATE}
    name: "Geweldsmisdrijven per 1.000 inwoners"
    source: "CBS"
    unit: per 1000
    per: inwoners
    direction: "-"
    measurements:
      2014: 5
    targets:
      2015: 4

  - id: {BEKEND}
    name: "Jongeren die Halt kennen"
    source: "Jeugdmonitor"
    unit: percent
    direction: "+"
    breakdowns:
      - id: leeftijd
        name: Leeftijd
        partition: false
        categories:
          - id: jong
            name: 12 tot 15 jaar
          - id: oud
            name: 15 tot 18 jaar
    measurements:
      2014: 40
    targets:
      2015: 45
"""


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("IVB_DATA", raising=False)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    """A copy of the shipped data in the working folder, with a rate and a percent with a
    breakdown added to priority 1."""
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    path = Path("data") / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    listed = f"      - {WONING}\n      - {RATE}\n      - {BEKEND}\n"
    edit(path, f"      - {WONING}\n", listed)
    code, _, err = run(capsys, "validate", "--data", "data")
    assert code == 0, err
    return Path("data")


def files_of(data: Path) -> dict[str, bytes]:
    """Every file of a data folder (leftover temporary files too), by its path in it."""
    return {
        p.relative_to(data).as_posix(): p.read_bytes()
        for p in sorted(data.rglob("*"), key=str)
        if p.is_file()
    }


def added_lines(old: bytes, new: bytes) -> list[str]:
    """The lines ``new`` adds to ``old``, when it only adds lines."""
    diff = list(difflib.ndiff(old.decode().splitlines(), new.decode().splitlines()))
    assert not [line for line in diff if line.startswith("- ")], "a line was changed"
    return [line[2:] for line in diff if line.startswith("+ ")]


def recorded(data: Path, ident: str, year: int, key: str = "measurements") -> object:
    """The entry written for ``ident``'s year, as YAML reads it."""
    doc = yaml.safe_load((data / "indicators.yaml").read_text(encoding="utf-8"))
    return next(i for i in doc["indicators"] if i["id"] == ident)[key][year]


# -- accepted: a decimal comma, or a point --------------------------------------------------


@pytest.mark.parametrize(
    ("ident", "typed", "value"),
    [
        (TOTAAL, "1,5", 1.5),
        (TOTAAL, "1.5", 1.5),  # a point is still a decimal point
        (TOTAAL, "13,5%", 13.5),
        (TOTAAL, "13,5 %", 13.5),
        (TOTAAL, "13,25", 13.25),
        (TOTAAL, "13,50", 13.5),
        (TOTAAL, "13,0", 13),  # a whole number stays whole
        (TOTAAL, "100,00%", 100),
        (TOTAAL, "0,5", 0.5),
        (TOTAAL, "1,500", 1.5),  # three digits, but 1500 is no percent: decimals
        (RATE, "29,5", 29.5),
        (RATE, "0,25", 0.25),
        (RATE, "4,75", 4.75),
    ],
)
def test_add_measurement_reads_a_decimal_comma(capsys, data, ident, typed, value):
    before = (data / "indicators.yaml").read_bytes()
    code, out, err = run(capsys, "add-measurement", ident, "2015", typed, "--data", str(data))
    assert (code, err) == (0, ""), err
    assert added_lines(before, (data / "indicators.yaml").read_bytes()) == [f"      2015: {value}"]
    got = recorded(data, ident, 2015)
    assert got == value and type(got) is type(value)
    assert out.startswith(f"Recorded {ident} 2015: {value}")


def test_breakdown_values_read_a_decimal_comma(capsys, data):
    before = (data / "indicators.yaml").read_bytes()
    args = [BEKEND, "2015", "40,5", "-b", "leeftijd.jong=38,25", "-b", "leeftijd.oud=42.5%"]
    code, _, err = run(capsys, "add-measurement", *args, "--data", str(data))
    assert (code, err) == (0, "")
    assert recorded(data, BEKEND, 2015) == {
        "value": 40.5,
        "breakdown": {"leeftijd": {"jong": 38.25, "oud": 42.5}},
    }
    assert added_lines(before, (data / "indicators.yaml").read_bytes()) == [
        "      2015:",
        "        value: 40.5",
        "        breakdown:",
        "          leeftijd:",
        "            jong: 38.25",
        "            oud: 42.5",
    ]


@pytest.mark.parametrize(
    ("ident", "typed", "value", "shown"),
    [
        (TOTAAL, "16,5", 16.5, "16.5%"),
        (TOTAAL, "16,5%", 16.5, "16.5%"),
        (TOTAAL, "16,0", 16, "16%"),
        (RATE, "3,75", 3.75, "3.75 /1000"),
    ],
)
def test_set_target_reads_a_decimal_comma(capsys, data, ident, typed, value, shown):
    before = (data / "indicators.yaml").read_bytes()
    args = [ident, "2016", typed, "--reason", REASON, "--data", str(data)]
    code, out, err = run(capsys, "set-target", *args)
    assert (code, err) == (0, "")
    assert out.startswith(f"Set the target of {ident} for 2016: {shown} (")
    assert added_lines(before, (data / "indicators.yaml").read_bytes()) == [
        "      2016:",
        f"        value: {value}",
        f'        note: "{REASON}"',
    ]
    got = recorded(data, ident, 2016, "targets")
    assert isinstance(got, dict) and type(got["value"]) is type(value)


# -- refused: what may separate thousands, and decimals where they do not fit ---------------

AMBIGUOUS_COUNT = (
    "could mean 1225 (with a thousands separator) or {typed} (with decimals); a count is a "
    "whole number: write 1225"
)

REFUSED = [
    # A count: 1.225 is 1225 to one user, 1.225 to another; a count has no decimals.
    pytest.param(
        ["add-measurement", WONING, "2015", "1.225"],
        "the value '1.225' " + AMBIGUOUS_COUNT.format(typed="1.225"),
        id="count-1.225",
    ),
    pytest.param(
        ["add-measurement", WONING, "2015", "1,225"],
        "the value '1,225' " + AMBIGUOUS_COUNT.format(typed="1,225"),
        id="count-1,225",
    ),
    pytest.param(
        ["add-measurement", WONING, "2015", "1,5"],
        "the value '1,5' is not a count: write a whole number such as 98",
        id="count-1,5",
    ),
    pytest.param(
        ["add-measurement", WONING, "2015", "0,225"],  # no thousands start with 0
        "the value '0,225' is not a count: write a whole number such as 98",
        id="count-0,225",
    ),
    # Thousands that are separated: typed without the separator.
    pytest.param(
        ["add-measurement", WONING, "2015", "1.225.000"],
        "the value '1.225.000' separates thousands with a point; write it without: 1225000",
        id="count-1.225.000",
    ),
    pytest.param(
        ["add-measurement", WONING, "2015", "1 225"],
        "the value '1 225' separates thousands with a space; write it without: 1225",
        id="count-space",
    ),
    pytest.param(
        ["add-measurement", WONING, "2015", "12.345,6"],
        "the value '12.345,6' separates thousands with a point; without it, it is 12345.6, "
        "but a count must be a whole number of 0 or more",
        id="count-12.345,6",
    ),
    pytest.param(
        ["add-measurement", RATE, "2015", "12.345,6"],
        "the value '12.345,6' separates thousands with a point; write it without: 12345,6",
        id="rate-12.345,6",
    ),
    pytest.param(
        ["add-measurement", RATE, "2015", "12,345.6"],
        "the value '12,345.6' separates thousands with a comma; write it without: 12345.6",
        id="rate-12,345.6",
    ),
    pytest.param(
        ["add-measurement", TOTAAL, "2015", "12,345.6"],
        "the value '12,345.6' separates thousands with a comma; without it, it is 12345.6, "
        "but a percent must lie between 0 and 100",
        id="percent-12,345.6",
    ),
    # A percent: 1225 is no percent, so 1.225 has three decimals, one too many.
    pytest.param(
        ["add-measurement", TOTAAL, "2015", "1.225"],
        "the value '1.225' is 1.225: a percent has at most two decimals; round it to two "
        "decimals: 1.23",
        id="percent-1.225",
    ),
    pytest.param(
        ["add-measurement", TOTAAL, "2015", "13,125%"],
        "the value '13,125%' is 13.125: a percent has at most two decimals; round it to two "
        "decimals: 13,13",
        id="percent-13,125",
    ),
    pytest.param(
        ["add-measurement", TOTAAL, "2015", "130,5"],
        "the value '130,5' is 130.5, but a percent must lie between 0 and 100",
        id="percent-130,5",
    ),
    pytest.param(
        ["add-measurement", TOTAAL, "2015", ",5"],
        "the value ',5' is not a percentage: write a number from 0 to 100, such as 13, 13,5, "
        "13.5 or 13%",
        id="percent-,5",
    ),
    # A rate: 1500 per 1000 inhabitants is possible, so 1,500 is 1500 or 1,5.
    pytest.param(
        ["add-measurement", RATE, "2015", "1,500"],
        "the value '1,500' could mean 1500 (with a thousands separator) or 1,500 (with "
        "decimals): write 1500 or 1,5",
        id="rate-1,500",
    ),
    pytest.param(
        ["add-measurement", RATE, "2015", "4.125"],
        "the value '4.125' could mean 4125 (with a thousands separator) or 4.125 (with "
        "decimals); read as decimals it is 4.125: a rate has at most two decimals; write "
        "4125, or round it to two decimals: 4.13",
        id="rate-4.125",
    ),
    pytest.param(
        ["add-measurement", RATE, "2015", "-1,5"],
        "the value '-1,5' is -1.5, but a rate (per 1000) is 0 or more",
        id="rate-negative",
    ),
    # A breakdown's value, by the same rule.
    pytest.param(
        ["add-measurement", HALT, "2015", "1225", "-b", "geslacht.jongens=1.225"],
        "--breakdown 'geslacht.jongens': the value '1.225' "
        + AMBIGUOUS_COUNT.format(typed="1.225"),
        id="breakdown-count-1.225",
    ),
    pytest.param(
        ["add-measurement", HALT, "2015", "20", "-b", "geslacht.jongens=7,5"],
        "--breakdown 'geslacht.jongens': the value '7,5' is not a count: write a whole number "
        "such as 98",
        id="breakdown-count-7,5",
    ),
    pytest.param(
        ["add-measurement", BEKEND, "2015", "40", "-b", "leeftijd.jong=38,125"],
        "--breakdown 'leeftijd.jong': the value '38,125' is 38.125: a percent has at most two "
        "decimals; round it to two decimals: 38,13",
        id="breakdown-percent-38,125",
    ),
    # A target, by the same rule.
    pytest.param(
        ["set-target", MOTOR, "2016", "1.400", "--reason", REASON],
        "the target '1.400' could mean 1400 (with a thousands separator) or 1.400 (with "
        "decimals); a count is a whole number: write 1400",
        id="target-count-1.400",
    ),
    pytest.param(
        ["set-target", MOTOR, "2016", "1 400", "--reason", REASON],
        "the target '1 400' separates thousands with a space; write it without: 1400",
        id="target-count-space",
    ),
    pytest.param(
        ["set-target", MOTOR, "2016", "140,5", "--reason", REASON],
        "the target '140,5' is not a count: write a whole number such as 98",
        id="target-count-140,5",
    ),
    pytest.param(
        ["set-target", TOTAAL, "2016", "16,125", "--reason", REASON],
        "the target '16,125' is 16.125: a percent has at most two decimals; round it to two "
        "decimals: 16,13",
        id="target-percent-16,125",
    ),
    pytest.param(
        ["set-target", RATE, "2016", "3,500", "--reason", REASON],
        "the target '3,500' could mean 3500 (with a thousands separator) or 3,500 (with "
        "decimals): write 3500 or 3,5",
        id="target-rate-3,500",
    ),
]


@pytest.mark.parametrize(("args", "message"), REFUSED)
def test_a_value_that_may_separate_thousands_is_refused_and_nothing_written(
    capsys, data, args, message
):
    before = files_of(data)
    code, out, err = run(capsys, *args, "--data", str(data))
    assert (code, out, err) == (1, "", f"ivb: {message}\n")
    assert files_of(data) == before


@pytest.mark.parametrize("command", ["add-measurement", "set-target"])
def test_the_help_of_value_shows_the_decimal_comma(capsys, command):
    code, out, _ = run(capsys, command, "-h")
    assert code == 0
    said = " ".join(out.replace("│", " ").split())
    assert "a percentage (13, 13,5, 13.5 or 13%) or a rate (29,5 or 29.5)" in said
    assert "decimals after a comma or a point, no thousands separator" in said


@pytest.mark.parametrize(
    ("ident", "typed", "message"),
    [
        (WONING, "1" + "0" * 5000, "is more than 9,999,999,999: not a plausible count"),
        (TOTAAL, "1" + "0" * 300 + ",5", "is 1e+300, but a percent must lie between 0 and 100"),
        (RATE, "1" + "0" * 400 + ",125", "is more than 9,999,999,999: not a plausible rate"),
        (RATE, "9" * 20 + ",125", "is more than 9,999,999,999: not a plausible rate"),
    ],
    ids=["count", "percent", "rate-past-a-float", "rate"],
)
def test_a_huge_value_with_a_decimal_comma_is_refused_in_one_line(
    capsys, data, ident, typed, message
):
    before = files_of(data)
    code, out, err = run(capsys, "add-measurement", ident, "2015", typed, "--data", str(data))
    assert (code, out) == (1, "")
    assert message in err and len(err) < 200 and "Traceback" not in err
    assert files_of(data) == before


# -- the rule itself: examples in every unit --------------------------------------------

COUNT, PERCENT, PER_1000 = "count", "percent", "per 1000"
NOT_A_COUNT = "is not a count: write a whole number such as 98"

EXAMPLES = [  # typed, unit, the value read or the whole refusal after "the value '...'"
    # Decimals after a comma or a point; a whole number stays whole.
    ("1,5", PERCENT, 1.5),
    ("1.5", PERCENT, 1.5),
    ("1,5", PER_1000, 1.5),
    ("13,0", PERCENT, 13),
    ("13,0", PER_1000, 13),
    ("13,50%", PERCENT, 13.5),
    ("0,00", PERCENT, 0),
    ("-0,0", PER_1000, 0),
    ("1000,5", PER_1000, 1000.5),  # four digits before the comma: it separates decimals
    ("1,000", PERCENT, 1),  # 1000 is no percent: the comma can only separate decimals
    ("100,000", PERCENT, 100),
    ("1225", COUNT, 1225),
    ("1225", PER_1000, 1225),
    # A count has no decimals, whatever separates them.
    ("1,5", COUNT, NOT_A_COUNT),
    ("13,0", COUNT, NOT_A_COUNT),
    ("0,225", COUNT, NOT_A_COUNT),  # no thousands start with a 0
    ("-1.225", COUNT, NOT_A_COUNT),
    # One separator before three digits: 1225 or 1.225, never guessed where 1225 can be.
    (
        "1.225",
        COUNT,
        "could mean 1225 (with a thousands separator) or 1.225 (with decimals); a count is a "
        "whole number: write 1225",
    ),
    (
        "999,999",
        COUNT,
        "could mean 999999 (with a thousands separator) or 999,999 (with decimals); a count "
        "is a whole number: write 999999",
    ),
    (
        "1,000",
        PER_1000,
        "could mean 1000 (with a thousands separator) or 1,000 (with decimals): write 1000 or 1",
    ),
    (
        "12.345",
        PER_1000,
        "could mean 12345 (with a thousands separator) or 12.345 (with decimals); read as "
        "decimals it is 12.345: a rate has at most two decimals; write 12345, or round it to "
        "two decimals: 12.35",
    ),
    # A percent: the same text has three decimals, rounded in the separator typed.
    (
        "12,345",
        PERCENT,
        "is 12.345: a percent has at most two decimals; round it to two decimals: 12,35",
    ),
    (
        "12.345",
        PERCENT,
        "is 12.345: a percent has at most two decimals; round it to two decimals: 12.35",
    ),
    (
        "99,995",
        PERCENT,
        "is 99.995: a percent has at most two decimals; round it to two decimals: 100",
    ),
    ("999,999", PERCENT, "is 999.999, but a percent must lie between 0 and 100"),
    ("-1,225", PERCENT, "is -1.225, but a percent must lie between 0 and 100"),
    (
        "1,2345",
        PER_1000,
        "is 1.2345: a rate has at most two decimals; round it to two decimals: 1,23",
    ),
    # Separated thousands: the number without the separator.
    (
        "1.225.000",
        COUNT,
        "separates thousands with a point; write it without: 1225000",
    ),
    ("1,225,000", PER_1000, "separates thousands with a comma; write it without: 1225000"),
    ("1\u00a0225", COUNT, "separates thousands with a space; write it without: 1225"),
    ("1.225,5", PER_1000, "separates thousands with a point; write it without: 1225,5"),
    (
        "1.225,000",
        COUNT,
        "separates thousands with a point; without it, it is written 1225.0; write a count "
        "without decimals: 1225",
    ),
    (
        "1 225",
        PERCENT,
        "separates thousands with a space; without it, it is 1225, but a percent must lie "
        "between 0 and 100",
    ),
    # Not a number.
    (
        "1,",
        PERCENT,
        "is not a percentage: write a number from 0 to 100, such as 13, 13,5, 13.5 or 13%",
    ),
    (
        "1,,5",
        PER_1000,
        "is not a rate (per 1000): write a number of 0 or more, such as 29, 29,5 or 29.5",
    ),
    ("+5", COUNT, NOT_A_COUNT),
    ("1e3", COUNT, NOT_A_COUNT),
    ("1,5%", COUNT, ": this indicator counts; a count has no %"),
    ("\u0661\u0662", PERCENT, "is written with other digits than 0-9; type it with 0-9"),
]


@pytest.mark.parametrize(
    ("typed", "unit", "expected"), EXAMPLES, ids=[f"{u}:{t}" for t, u, _ in EXAMPLES]
)
def test_the_rule_on_examples(typed, unit, expected):
    if not isinstance(expected, str):
        got = parse_value(typed, unit)
        assert got == expected and type(got) is type(expected)
        return
    with pytest.raises(IvbError) as refused:
        parse_value(typed, unit)
    said = f"the value {typed!r}"
    # ": this ..." follows the quoted text without a space; every other refusal with one.
    assert str(refused.value) == said + ("" if expected[0] == ":" else " ") + expected


# -- the rule itself: properties for any text -------------------------------------------

UNITS = [COUNT, PERCENT, PER_1000, "per 10000"]
NUMBERISH = st.text(alphabet="0123456789.,% -\u00a0", max_size=14)
SWAP = str.maketrans(".,", ",.")


def outcome(text: str, unit: str) -> tuple[str, object]:
    try:
        value = parse_value(text, unit)
    except IvbError as refused:
        return "refused", str(refused)
    return "read", value


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(NUMBERISH, st.text(max_size=14)), unit=st.sampled_from(UNITS))
def test_any_text_is_a_value_of_the_unit_or_refused_naming_it(text, unit):
    """Whatever is typed, the value read fits the unit's rule (the one validate applies),
    or the refusal is an ``IvbError`` naming what was typed: never another exception."""
    kind, result = outcome(text, unit)
    if kind == "read":
        assert isinstance(result, int | float)
        assert unit_problem(result, unit) is None
    elif text.strip():
        assert str(result).startswith(f"the value {text!r}")
    else:
        assert result == "the value is empty; give a number"


@settings(max_examples=400, deadline=None)
@given(text=NUMBERISH, unit=st.sampled_from(UNITS))
def test_a_comma_and_a_point_are_read_alike(text, unit):
    """A text and the same text with its commas and points swapped are both read, as the
    same number, or both refused: no separator is favoured."""
    kind, result = outcome(text, unit)
    swapped_kind, swapped = outcome(text.translate(SWAP), unit)
    assert swapped_kind == kind
    if kind == "read":
        assert swapped == result and type(swapped) is type(result)


@settings(max_examples=300, deadline=None)
@given(
    whole=st.integers(min_value=0, max_value=100),
    hundredths=st.integers(min_value=0, max_value=99),
    unit=st.sampled_from([PERCENT, PER_1000]),
    sep=st.sampled_from([",", "."]),
)
def test_two_decimals_after_a_comma_or_a_point_are_read_exactly(whole, hundredths, unit, sep):
    expected = whole + hundredths / 100
    if unit == PERCENT and expected > 100:
        return
    got = parse_value(f"{whole}{sep}{hundredths:02d}", unit)
    assert got == pytest.approx(expected, abs=1e-12)
    assert isinstance(got, int) == (hundredths == 0)


@settings(max_examples=300, deadline=None)
@given(
    number=st.integers(min_value=0, max_value=MAX_COUNT),
    unit=st.sampled_from([COUNT, PER_1000, "per 10000"]),
)
def test_a_whole_number_typed_plain_is_itself(number, unit):
    got = parse_value(str(number), unit)
    assert got == number and type(got) is int


@settings(max_examples=300, deadline=None)
@given(
    number=st.integers(min_value=1000, max_value=MAX_COUNT),
    unit=st.sampled_from([COUNT, PER_1000]),
    sep=st.sampled_from([".", ",", " ", "\u00a0"]),
)
def test_thousands_typed_with_a_separator_are_refused_with_the_number_to_type(number, unit, sep):
    typed = f"{number:,}".replace(",", sep)
    kind, message = outcome(typed, unit)
    assert kind == "refused"
    assert isinstance(message, str) and message.startswith(f"the value {typed!r} ")
    assert f"write {number}" in message or f"write it without: {number}" in message


@settings(max_examples=300, deadline=None)
@given(
    before=st.integers(min_value=1, max_value=999),
    after=st.integers(min_value=0, max_value=999),
    unit=st.sampled_from([COUNT, PER_1000, "per 10000"]),
    sep=st.sampled_from([".", ","]),
)
def test_one_separator_before_three_digits_is_never_guessed(before, after, unit, sep):
    """``1.225`` where 1225 can be a value: refused, naming both readings."""
    typed = f"{before}{sep}{after:03d}"
    kind, message = outcome(typed, unit)
    assert kind == "refused" and isinstance(message, str)
    assert message.startswith(
        f"the value {typed!r} could mean {before * 1000 + after} (with a thousands "
        f"separator) or {typed} (with decimals)"
    )


@settings(max_examples=300, deadline=None)
@given(
    thousandths=st.integers(min_value=0, max_value=99_999).filter(lambda t: t % 10),
    sep=st.sampled_from([".", ","]),
)
def test_a_percent_with_three_decimals_is_refused_with_it_rounded(thousandths, sep):
    """A percent is at most 100, so ``12,345`` can only be 12.345: one decimal too many;
    the refusal gives it rounded to two, in the separator typed, and that is read back."""
    typed = f"{thousandths // 1000}{sep}{thousandths % 1000:03d}"
    kind, message = outcome(typed, PERCENT)
    assert kind == "refused" and isinstance(message, str)
    said, hint = message.split("; round it to two decimals: ")
    exact = Decimal(thousandths) / 1000
    assert said == f"the value {typed!r} is {exact}: a percent has at most two decimals"
    rounded = exact.quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert parse_value(hint, PERCENT) == float(rounded)
    assert sep in hint or float(rounded) == int(rounded)
