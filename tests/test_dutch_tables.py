"""In Dutch: ``ivb status`` and ``ivb plans`` in the terminal, with the report's words for
the statuses and states and decimal commas, through the same code as in English (the
default, which every other test reads); the machine formats stay as they are.

Golden files: ``golden/*-nl*``. Regenerate with ``IVB_UPDATE_GOLDEN=1 pytest
tests/test_dutch_tables.py`` and read the diff as a Dutch reader would."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from helpers import DATA, ROOT, check_golden, run
from ivb import i18n
from ivb.plans import evaluate, set_action
from ivb.render.numbers import fmt_distance, fmt_number, fmt_value
from ivb.render.plans import action_set_text, euros, evaluated_text
from ivb.render.status import render_status_table
from ivb.status.build import build_status
from ivb.status.view import IndicatorView, PriorityView, StatusView

TODAY = dt.date(2026, 1, 31)


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch):
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.mark.parametrize(
    ("name", "args", "columns"),
    [
        ("status-nl-80.txt", ["status"], "80"),
        ("status-nl-120.txt", ["status"], "120"),
        ("status-2015-priority-2-nl-80.txt", ["status", "--year", "2015", "-p", "2"], "80"),
        ("status-2015-priority-2-nl-120.txt", ["status", "--year", "2015", "-p", "2"], "120"),
        ("status-nl.md", ["status", "--format", "markdown"], "80"),
        ("plans-nl-100.txt", ["plans"], "100"),
        ("plans-nl-80.txt", ["plans"], "80"),
        ("plans-nl.md", ["plans", "--format", "markdown"], "100"),
    ],
)
def test_golden_dutch_renderings_of_the_shipped_data(
    dutch, capsys, monkeypatch, name, args, columns
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    code, out, err = run(capsys, *args, "--data", str(DATA))
    assert (code, err) == (0, "")
    if name.endswith(".txt"):
        assert max(len(line) for line in out.splitlines()) <= int(columns)
    check_golden(name, out)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("status.json", ["status", "--format", "json"]),
        ("status.csv", ["status", "--format", "csv", "--lang", "en"]),
        ("plans.csv", ["plans", "--format", "csv", "--lang", "en"]),
    ],
)
def test_machine_formats_are_the_same_in_dutch(dutch, capsys, name, args) -> None:
    """json and the plain csv are for scripts: English keys and codes, decimal points."""
    code, out, _ = run(capsys, *args, "--data", str(DATA))
    assert code == 0
    assert out == (ROOT / "tests" / "golden" / name).read_text(encoding="utf-8")


def _rate_view() -> StatusView:
    ind = IndicatorView(
        "r",
        "Geweldsmisdrijven per 1000 inwoners",
        "per 1000",
        "-",
        None,
        {2011: 5.2, 2012: 4.5, 2013: 4.75, 2014: 3.5},
        frozenset({2014}),
        {2015: 3.2},
    )
    return StatusView(
        "Beleid", "Teststad", (2015, 2018), (PriorityView("p", 1, "Eén", ("r",)),), {"r": ind}
    )


def test_the_table_has_decimal_commas_in_dutch_and_points_in_english(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    shown = {}
    for lang in ("en", "nl"):
        i18n.use(lang)
        try:
            out = io.StringIO()
            render_status_table(build_status(_rate_view()), out)
            shown[lang] = out.getvalue()
        finally:
            i18n.use("en")
    for value in ("5.2 /1000", "4.5 /1000", "4.8 /1000", "3.5* /1000 '14"):
        assert value in shown["en"] and value.replace(".", ",") in shown["nl"], value
    assert "." not in shown["nl"].split("\n\n")[1]  # no decimal point in the table
    assert "≤3.2 /1000 '15" in shown["en"] and "≤3,2 /1000 '15" in shown["nl"]
    assert "+0.3 " in shown["en"] and "+0,3 " in shown["nl"]
    assert "Prioriteit 1 · Eén" in shown["nl"] and "  op koers\n" in shown["nl"]
    assert "Priority 1 · Eén" in shown["en"] and "  on track\n" in shown["en"]


def test_one_number_formatter_follows_the_language(dutch) -> None:
    assert fmt_number(30.8) == "30,8"
    assert fmt_value(29.5, "per 1000", provisional=True) == "29,5* /1000"
    assert fmt_value(1.5, "percent") == "1,5%"
    assert fmt_distance(-2.5, "per 1000") == "-2,5"
    assert fmt_distance(0.04, "percent") == "+0,04 pp"
    assert fmt_number(30.8, ".") == "30.8"  # a mark asked for is the mark given
    assert euros(2500) == "€ 2.500" and euros(1250.5) == "€ 1.250,5"
    i18n.use("en")
    assert fmt_number(30.8) == "30.8" and euros(1250.5) == "€1,250.5"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_set_action_and_evaluate_confirm_in_dutch(dutch, data: Path) -> None:
    day = dt.date(2016, 3, 1)
    done = set_action(data, "lokfietsen-winkelhof", "running", date=day, today=TODAY)
    text = action_set_text(done)
    assert text.startswith(
        "Stand van lokfietsen-winkelhof gewijzigd van gepland naar in uitvoering"
    )
    assert " op 2016-03-01, in " in text
    done = set_action(
        data, "lokfietsen-winkelhof", "stopped", note="geen fietsen", date=day, today=TODAY
    )
    text = action_set_text(done)
    assert "van in uitvoering naar gestopt op 2016-03-01: geen fietsen, in " in text
    assert text.endswith(" (in uitvoering sinds 2016-03-01 bewaard in de geschiedenis).\n")
    done = evaluate(data, "lokfietsen-winkelhof", 2016, "Goed gegaan", date=day, today=TODAY)
    assert evaluated_text(done).startswith(
        "Evaluatie 2016 van lokfietsen-winkelhof vastgelegd (gedateerd 2016-03-01): Goed gegaan, "
        "in "
    )


def test_the_help_of_status_plans_and_report_reads_in_dutch(dutch, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # each text on one line
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = run(capsys, "status", "--help")
    assert code == 0
    assert "Toon per prioriteit hoe elke indicator ervoor staat" in out
    assert "Toon alleen deze prioriteit (het nummer)." in out
    assert "Uitvoerformaat. csv in het Nederlands" in out
    code, out, _ = run(capsys, "plans", "--help")
    assert code == 0
    assert (
        "Alleen acties met deze stand: planned (gepland), running (in uitvoering), done "
        "(afgerond) of stopped (gestopt)." in out
    )
    code, out, _ = run(capsys, "report", "--help")
    assert code == 0
    assert "Maak het jaarverslag voor de raad, als HTML of markdown." in out
    # The second paragraph is one line, not the ragged lines of a docstring.
    assert "Per prioriteit de indicatoren met een grafiek en hun status in woorden, de " in out
    code, out, _ = run(capsys, "evaluate", "--help")
    assert code == 0 and "Vervang een evaluatie die voor het jaar al is vastgelegd." in out


def test_the_notes_under_a_table_say_each_verdict_in_dutch(dutch, monkeypatch) -> None:
    """A value judged against an earlier target, and each target year's verdict, under
    the table in the report's words."""
    ind = IndicatorView(
        "a",
        "Woninginbraak",
        "count",
        "-",
        None,
        {2013: 122, 2015: 95, 2016: 99, 2017: 98},
        frozenset(),
        {2015: 100, 2016: 90},
    )
    view = StatusView(
        "Beleid", "Teststad", (2015, 2018), (PriorityView("p", 1, "Eén", ("a",)),), {"a": ind}
    )
    monkeypatch.setenv("COLUMNS", "200")
    out = io.StringIO()
    render_status_table(build_status(view, as_of=2017), out)
    assert (
        "\nWoninginbraak: beoordeeld tegen de streefwaarde voor 2016, de laatste; 2015: gehaald "
        "(toeval); 2016: niet gehaald (toeval)\n" in out.getvalue()
    )
    assert "  niet gehaald (toeval)\n" in out.getvalue()


def test_what_was_written_and_a_workbook_without_a_file_are_said_in_dutch(
    dutch, capsys, tmp_path
) -> None:
    target = tmp_path / "status.csv"
    code, out, err = run(capsys, "status", "--data", str(DATA), "-f", "csv", "-o", str(target))
    assert (code, out, err) == (0, "", f"{target} geschreven.\n")
    assert target.read_bytes().startswith("\ufeffpriority;".encode())  # Dutch Excel's csv
    code, out, err = run(capsys, "plans", "--data", str(DATA), "-f", "xlsx")
    assert (code, out) == (2, "")
    assert "--format xlsx vraagt -o BESTAND (bijv. -o status.xlsx): een werkmap is een" in err
