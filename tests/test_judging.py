"""Judging a year honestly: targets per year, survey editions, stale values and chance.

The four stories a coordinator and a council trip over, end to end through ``ivb status``
(table and json) and ``ivb report``, on the shipped data with figures recorded for
2014-2016 by ``ivb add-measurement``; then each rule of ``progress.evaluate`` on its own.
The rules are stated in docs/status.md ("How status is determined").
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import DATA, edit, run
from ivb.progress import (
    ACHIEVED,
    NO_DATA,
    NOT_ACHIEVED,
    OFF_TRACK,
    ON_TRACK,
    STALE,
    Source,
    evaluate,
    tolerance_for,
)

MOTOR = "diefstal-uit-vanaf-motorvoertuigen"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def record(capsys, data: Path, ident: str, year: int, value: str) -> None:
    code, _, err = run(
        capsys, "add-measurement", ident, str(year), value, "--any-year", "--data", str(data)
    )
    assert code == 0, err


def status_json(capsys, data: Path, *args: str) -> dict[str, dict]:
    code, out, err = run(capsys, "status", "--data", str(data), "-f", "json", *args)
    assert code == 0, err
    doc = json.loads(out)
    assert "stale" in doc["statuses"]
    return {i["id"]: i for p in doc["priorities"] for i in p["indicators"]}


def report_md(capsys, data: Path, tmp_path: Path, *args: str) -> str:
    out = tmp_path / "report.md"
    code, _, err = run(capsys, "report", "--lang", "nl", "--data", str(data), "-o", str(out), *args)
    assert code == 0, err
    return out.read_text(encoding="utf-8")


# -- 1. a target reused after its year says so; each target year keeps its verdict --------


def test_a_target_after_its_year_is_said_to_be_carried_and_its_own_verdict_stays(
    capsys, data, tmp_path
):
    record(capsys, data, MOTOR, 2015, "158")
    record(capsys, data, MOTOR, 2016, "140")
    motor = status_json(capsys, data, "--year", "2016")[MOTOR]
    assert motor["status"] == ACHIEVED  # 140 meets the ceiling of 150 ...
    assert motor["target"] == {"year": 2015, "value": 150}
    assert motor["target_carried_forward"] is True  # ... of 2015, the last target
    assert motor["verdicts"] == {"2015": NOT_ACHIEVED}  # 158 missed it in its own year
    as_of_2015 = status_json(capsys, data, "--year", "2015")[MOTOR]
    assert as_of_2015["status"] == NOT_ACHIEVED and as_of_2015["target_carried_forward"] is False
    assert as_of_2015["verdicts"] == {"2015": NOT_ACHIEVED}

    code, out, _ = run(capsys, "status", "--data", str(data), "--year", "2016", "-f", "markdown")
    assert code == 0
    (row,) = [line for line in out.splitlines() if line.startswith("| Diefstal uit/vanaf")]
    # 140 meets 150, within chance (a count of 140 is consistent with 118 to 165) ...
    assert "150 '15 |" in row and row.rstrip(" |").endswith("achieved (chance)")
    # ... and under the table: against which target, and 2015's own verdict (158 > 150,
    # within chance too).
    assert (
        "- Diefstal uit/vanaf motorvoertuigen: judged against the 2015 target, the last; "
        "2015: not achieved (chance)\n"
    ) in out

    text = report_md(capsys, data, tmp_path, "--year", "2016")
    assert (
        "Na 2015 is er geen streefwaarde meer; de waarde van 2016 is getoetst aan die van 2015."
        in text
    )
    assert "Streefjaar 2015: niet gehaald (158 tegen 150, binnen toeval)." in text


# -- 2. a survey's years between editions are not missing ----------------------------------


def test_years_between_survey_editions_are_not_missing(capsys, data, tmp_path):
    for ident in ("mishandeling", MOTOR):
        record(capsys, data, ident, 2015, "40")
    text = report_md(capsys, data, tmp_path, "--year", "2015")
    missing = text.split("### Volledigheid van de gegevens", 1)[1].split("\n## ", 1)[0]
    assert "Slachtofferschap" not in missing  # no Veiligheidsmonitor in 2015
    assert "Diefstal/inbraak woning" in missing  # a yearly police figure is
    assert (
        "Veiligheidsmonitor (6 indicatoren) meet niet elk jaar, maar in 2011 en 2014: een "
        "jaar daartussen ontbreekt niet. Wanneer de volgende editie komt, is nog niet "
        "vastgelegd."
    ) in missing
    survey = status_json(capsys, data, "--year", "2015")["slachtofferschap-totaal"]
    assert survey["due"] is None and survey["status"] != STALE
    police = status_json(capsys, data, "--year", "2015")["diefstal-inbraak-woning"]
    assert police["due"] == 2014


# -- 3. an old value is stale, not on or off track -----------------------------------------


def test_a_value_older_than_the_latest_survey_edition_is_stale(capsys, data, tmp_path):
    ervaring = status_json(capsys, data, "--year", "2014")["ervaring-jeugdcriminaliteit"]
    assert ervaring["status"] == STALE
    assert ervaring["latest"] == {"year": 2011, "value": 4}
    others = status_json(capsys, data, "--year", "2014")["slachtofferschap-totaal"]
    assert others["status"] != STALE  # its 2014 edition is there
    text = report_md(capsys, data, tmp_path, "--year", "2014")
    assert (
        "de laatste waarde is van 2011, maar de Veiligheidsmonitor van 2014 heeft al cijfers: "
        "te oud om de stand op te beoordelen."
    ) in text
    code, out, _ = run(capsys, "status", "--data", str(data), "--year", "2014", "-f", "markdown")
    assert code == 0
    (row,) = [line for line in out.splitlines() if "Ervaring met jeugdcriminaliteit" in line]
    assert row.rstrip(" |").endswith("stale") and "off track" not in row


def test_a_yearly_figure_two_years_old_is_stale_one_year_old_is_not(capsys, data):
    as_of_2014 = status_json(capsys, data, "--year", "2014")["mishandeling"]
    assert as_of_2014["status"] == ON_TRACK  # 2013's figure: the 2014 one comes in 2015
    record(capsys, data, "mishandeling", 2015, "35")
    as_of_2016 = status_json(capsys, data, "--year", "2016")["mishandeling"]
    assert as_of_2016["status"] == NOT_ACHIEVED  # 2015's figure: the 2016 one comes in 2017
    as_of_2017 = status_json(capsys, data, "--year", "2017")["mishandeling"]
    assert as_of_2017["status"] == STALE  # 2016's is missing: 2015's is too old to judge
    assert as_of_2017["verdicts"] == {"2015": NOT_ACHIEVED}  # its target year's verdict stays


# -- 4. chance is not read as change -------------------------------------------------------


def test_small_counts_are_judged_with_their_chance(capsys, data, tmp_path):
    rows = status_json(capsys, data)
    school = rows["inbraak-school"]  # 2, 3, 3 against a target of 1
    assert school["latest"] == {"year": 2013, "value": 3}
    assert school["chance"] == {  # against the path's 1.5 for 2013 (2 in 2011 to 1 in 2015)
        "low": 0.619,
        "high": 8.767,
        "level": 0.95,
        "compared": 1.5,
        "target_within": True,
    }
    overval = rows["overval"]  # 7, 1, 1 against 0
    assert overval["chance"]["target_within"] is True
    woning = rows["diefstal-inbraak-woning"]
    assert (woning["chance"]["low"], woning["chance"]["high"]) == (101.314, 145.668)
    assert rows["slachtofferschap-totaal"]["chance"] is None  # a percentage claims none

    code, out, _ = run(capsys, "status", "--data", str(data), "-f", "markdown")
    (row,) = [line for line in out.splitlines() if line.startswith("| Inbraak school")]
    assert f"{school['status'].replace('-', ' ')} (chance)" in row

    text = report_md(capsys, data, tmp_path)
    assert (
        "Het verschil kan toeval zijn: een geregistreerd aantal van 3 past bij een "
        "onderliggend niveau van 0,6 tot 8,8 per jaar (95%)"
    ) in text
    assert "binnen toeval" in text


@pytest.mark.parametrize(
    ("count", "low", "high"),
    [(0, 0.0, 3.689), (3, 0.619, 8.767), (20, 12.217, 30.888), (122, 101.314, 145.668)],
)
def test_the_chance_status_carries_is_the_exact_poisson_interval(capsys, data, count, low, high):
    edit(data / "indicators.yaml", "      2013: 40\n", f"      2013: {count}\n")  # mishandeling
    chance = status_json(capsys, data)["mishandeling"]["chance"]
    assert (chance["low"], chance["high"]) == (low, high)


def test_a_level_of_one_holds_within_a_whole_unit_and_has_no_progress(capsys, data):
    veelplegers = status_json(capsys, data)["veelplegers"]  # 3, 1, 0, 1 held at 1
    assert veelplegers["progress"] is None
    assert veelplegers["status"] == ON_TRACK
    edit(data / "indicators.yaml", "      2014: 1\n", "      2014: 2\n")
    assert status_json(capsys, data)["veelplegers"]["status"] == ON_TRACK  # 2 is within 1 of 1


# -- each rule on its own ------------------------------------------------------------------


def test_tolerance_of_a_count_is_at_least_one_unless_the_data_says_otherwise():
    assert tolerance_for(1, None, "count") == 1
    assert tolerance_for(40, None, "count") == 4
    assert tolerance_for(1, 0.1, "count") == 0.1  # declared: as the data says
    assert tolerance_for(1, None, "percent") == pytest.approx(0.1)


def test_verdicts_of_every_target_year_up_to_the_year_judged():
    values = {2011: 10, 2015: 9, 2016: 7}
    targets = {2015: 8, 2016: 8, 2017: 6}
    ev = evaluate(values, targets, "-", as_of=2016, unit="count")
    assert {y: v.status for y, v in ev.verdicts.items()} == {2015: NOT_ACHIEVED, 2016: ACHIEVED}
    assert ev.status == ACHIEVED and ev.target is not None and ev.target.year == 2016
    assert ev.carried_forward is False
    later = evaluate(values, targets, "-", as_of=2018, data_year=2018, unit="count")
    assert {y: v.status for y, v in later.verdicts.items()} == {
        2015: NOT_ACHIEVED,
        2016: ACHIEVED,
        2017: NO_DATA,
    }


def test_pace_before_a_later_target_uses_that_target():
    ev = evaluate({2014: 10, 2015: 9}, {2017: 6}, "-", as_of=2015, unit="count")
    assert ev.target is not None and ev.target.year == 2017
    assert ev.status in (ON_TRACK, OFF_TRACK) and ev.carried_forward is False


def test_survey_staleness_follows_the_editions_that_are_out():
    survey = Source((2011, 2014, 2017), frozenset({2011, 2014}))
    old = evaluate({2011: 4.0}, {2018: 3.0}, "-", as_of=2016, source=survey)
    assert old.status == STALE and old.expected_year == 2014
    assert old.due == 2014
    current = evaluate({2011: 4.0, 2014: 3.5}, {2018: 3.0}, "-", as_of=2016, source=survey)
    assert current.status != STALE and current.due == 2017
    not_out = Source((2011, 2014), frozenset({2011}))  # 2014's edition has no figures yet
    assert evaluate({2011: 4.0}, {2018: 3.0}, "-", as_of=2014, source=not_out).status != STALE


def test_chance_qualifies_but_never_replaces_the_status():
    ev = evaluate({2011: 2, 2012: 3, 2013: 3}, {2015: 1}, "-", unit="count")
    assert ev.status == OFF_TRACK and ev.within_chance
    big = evaluate({2011: 500, 2013: 700}, {2015: 400}, "-", unit="count")
    assert big.status == OFF_TRACK and big.chance is not None and not big.within_chance
    percent = evaluate({2011: 2, 2013: 3}, {2015: 1}, "-", unit="percent")
    assert percent.chance is None and not percent.within_chance


# -- found by an outside review ------------------------------------------------------------


def test_a_value_of_the_target_year_itself_is_not_judged_against_an_older_target(capsys, data):
    record(capsys, data, "diefstal-van-motorvoertuigen", 2015, "25")  # no 2016 figure yet
    row = status_json(capsys, data, "--year", "2016")["diefstal-van-motorvoertuigen"]
    assert row["status"] == NOT_ACHIEVED and row["target_carried_forward"] is False
    code, out, _ = run(capsys, "status", "--data", str(data), "--year", "2016", "-f", "markdown")
    assert "Diefstal van motorvoertuigen:" not in out  # no note: the status says it all


def test_without_a_year_ivb_judges_as_of_the_latest_year_of_the_data(capsys, data):
    for year, value in ((2014, "165"), (2015, "158"), (2016, "140")):
        record(capsys, data, MOTOR, year, value)
    without = status_json(capsys, data)
    as_of = status_json(capsys, data, "--year", "2016")
    assert {i: r["status"] for i, r in without.items()} == {
        i: r["status"] for i, r in as_of.items()
    }


def test_a_figure_after_the_policy_does_not_make_the_others_stale(capsys, data):
    before = {i: r["status"] for i, r in status_json(capsys, data).items()}
    record(capsys, data, "mishandeling", 2022, "10")
    after = {i: r["status"] for i, r in status_json(capsys, data).items()}
    assert {i: s for i, s in after.items() if i != "mishandeling"} == {
        i: s for i, s in before.items() if i != "mishandeling"
    }


def test_a_stale_yearly_figure_says_which_figure_is_due(capsys, data, tmp_path):
    record(capsys, data, MOTOR, 2015, "158")
    code, _, err = run(
        capsys, "set-target", MOTOR, "2018", "120", "--reason", "raad", "--data", str(data)
    )
    assert code == 0, err
    text = report_md(capsys, data, tmp_path, "--year", "2017")  # before the 2018 target
    assert (
        "de laatste waarde is van 2015; als jaarcijfer had er nu al een voor 2016 moeten zijn"
    ) in text


def test_a_survey_target_between_editions_names_the_missing_edition(capsys, data, tmp_path):
    text = report_md(capsys, data, tmp_path, "--year", "2016")
    assert (
        "de Veiligheidsmonitor meet in 2011 en 2014; er is geen editie vastgelegd die de "
        "streefwaarde van 2015 kan meten."
    ) in text


def test_an_edition_without_figures_is_said_to_be_overdue(capsys, data, tmp_path):
    edit(data / "indicators.yaml", "    years: [2011, 2014]\n", "    years: [2011, 2014, 2017]\n")
    text = report_md(capsys, data, tmp_path, "--year", "2018")
    assert "De editie van 2017 heeft nog geen cijfers." in text
    assert status_json(capsys, data, "--year", "2018")["slachtofferschap-totaal"]["due"] == 2017


def test_no_chance_is_claimed_where_there_is_no_difference(capsys, data):
    veelplegers = status_json(capsys, data)["veelplegers"]  # 1 against a level of 1
    assert veelplegers["chance"]["target_within"] is True
    code, out, _ = run(capsys, "status", "--data", str(data), "-f", "markdown")
    (row,) = [line for line in out.splitlines() if line.startswith("| Veelplegers")]
    assert "(chance)" not in row


def test_a_low_bound_is_never_printed_as_zero(capsys, data, tmp_path):
    text = report_md(capsys, data, tmp_path)
    # Overval: 1 in 2013 against the path's 3.5: the interval of 1 starts at 0.025, not 0.
    assert "een geregistreerd aantal van 1 past bij een onderliggend niveau van 0,03 tot" in text


def test_no_status_loses_a_letter_at_80_columns(capsys, data, monkeypatch):
    for year, value in ((2015, "158"), (2016, "140")):
        record(capsys, data, MOTOR, year, value)
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "status", "--data", str(data), "--year", "2016")
    assert code == 0
    words = " ".join(out.split())
    assert "achieve " not in words and "not achieve\n" not in out and "('1\n" not in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_one_schema_error_in_the_indicators_does_not_lose_the_cadences(capsys, data):
    edit(data / "indicators.yaml", 'code: "1.3.2"', "code: 1.3")
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "(wrong-type)" in errors[0], errors


def test_the_confirmation_of_a_figure_after_the_policy_speaks_of_that_figure(capsys, data):
    code, out, err = run(
        capsys, "add-measurement", "overval", "2020", "1", "--any-year", "--data", str(data)
    )
    assert code == 0, err
    assert "Overval (aantal incidenten) now: 1 in 2020" in out
