"""In Dutch: the refusals and confirmations of set-action, evaluate, explain and import come
out in the catalogue's Dutch, with their placeholders filled, through the same code as in
English (the default, which every other test reads)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from helpers import DATA, ROOT
from ivb import i18n
from ivb.plans import evaluate, plans_report, set_action
from ivb.problems import IvbError, Unchanged, UsageError
from ivb.records.explain import ExplainRequest, explain
from ivb.records.importer import ImportRequest, NothingToImport, import_export
from ivb.render.importer import render_import_table, summary

TODAY = dt.date(2026, 1, 31)
TYPED = ROOT / "tests" / "cases" / "import" / "47013NED_2014-2016.csv"
WONING = "diefstal-inbraak-woning"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_the_fixture_speaks_dutch_and_english_comes_back(dutch) -> None:
    assert i18n.language() == "nl"
    assert i18n._("there is no plan {plan!r}; the plans are: {plans}").startswith("er is geen")


def test_set_action_on_an_unknown_action_is_refused_in_dutch(dutch, data: Path) -> None:
    before = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    with pytest.raises(IvbError) as refused:
        set_action(data, "lokfietsen", "done", today=TODAY)
    assert refused.value.message.startswith("er is geen actie 'lokfietsen'; bedoelt u ")
    assert "lokfietsen-winkelhof" in refused.value.message
    with pytest.raises(IvbError) as refused:
        set_action(data, "zzzz-onbekend", "done", today=TODAY)
    assert refused.value.message == (
        "er is geen actie 'zzzz-onbekend'; `ivb plans` toont ze allemaal"
    )
    assert {p: p.read_bytes() for p in data.rglob("*.yaml")} == before


def test_set_action_says_nothing_changed_with_the_state_in_dutch(dutch, data: Path) -> None:
    day = dt.date(2016, 3, 1)
    done = set_action(data, "lokfietsen-winkelhof", "done", date=day, today=TODAY)
    assert done.written
    with pytest.raises(Unchanged) as same:
        set_action(data, "lokfietsen-winkelhof", "done", date=day, today=TODAY)
    assert same.value.message == (
        "'lokfietsen-winkelhof' is al afgerond sinds 2016-03-01; er is niets gewijzigd."
    )


def test_evaluate_and_plans_refusals_in_dutch(dutch, data: Path) -> None:
    with pytest.raises(IvbError) as refused:
        evaluate(data, "lokfietsen-winkelhof", 2030, "Goed gegaan", today=TODAY)
    assert refused.value.message.startswith("2030 valt buiten de periode 2015-2016 van het plan")
    with pytest.raises(IvbError) as refused:
        evaluate(data, "lokfietsen-winkelhof", 2016, "Goed", date=dt.date(2027, 1, 1), today=TODAY)
    assert refused.value.message == "--date 2027-01-01 ligt in de toekomst"
    from ivb.data.load import load_dataset

    ds = load_dataset(data).dataset
    with pytest.raises(UsageError) as refused:
        plans_report(ds, priority=99)
    assert refused.value.message.startswith("er is geen prioriteit 99; de prioriteiten zijn 1, ")


def test_an_explanation_already_given_is_refused_in_dutch(dutch, data: Path) -> None:
    first = explain(data, ExplainRequest(WONING, 2016, "Eerste uitleg"))
    assert first.written
    with pytest.raises(IvbError) as refused:
        explain(data, ExplainRequest(WONING, 2016, "Tweede uitleg"))
    message = refused.value.message
    assert message.startswith(
        f"'{WONING}' heeft al een toelichting voor 2016 in zijn toelichtingen ("
    )
    assert message.endswith("): 'Eerste uitleg'; gebruik --replace om die te vervangen")
    with pytest.raises(Unchanged) as same:
        explain(data, ExplainRequest(WONING, 2016, "Eerste uitleg"))
    assert (
        same.value.message == f"'{WONING}' 2016 heeft deze toelichting al; er is niets gewijzigd."
    )


def test_an_import_is_summed_up_in_dutch(dutch, data: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # each line of the table whole
    request = ImportRequest(TYPED, downloaded=dt.date(2017, 3, 1))
    report = import_export(data, request, today=TODAY)
    written = report.count("new", "update", "replace")
    assert written > 0
    out = io.StringIO()
    render_import_table(report, out)
    text = out.getvalue()
    assert f"{written} nieuw" in summary(report)
    assert "Indicator" in text and "Jaar" in text and "Oud" in text and "Nieuw" in text
    assert text.startswith(
        "47013NED_2014-2016.csv: tabel 47013NED (volgens de bestandsnaam), regio Leiderdorp, "
        "indeling: platte tabel, UTF-8, gedownload op 2017-03-01\n"
    )
    assert f"\n{written} cijfers vastgelegd in {report.path}.\n" in text
    assert "recorded" not in text and "Recorded" not in text
    with pytest.raises(NothingToImport) as again:
        import_export(data, request, today=TODAY)
    message = again.value.message
    assert message.endswith("; er is niets gewijzigd.")
    assert "al vastgelegd" in message


def test_an_export_that_cannot_be_read_is_refused_in_dutch(dutch, data: Path, tmp_path) -> None:
    before = (data / "indicators.yaml").read_bytes()
    export = tmp_path / "47013NED_2015.csv"
    export.write_text('{"value": []}\n', encoding="utf-8")
    request = ImportRequest(export, downloaded=dt.date(2017, 3, 1))
    with pytest.raises(IvbError) as refused:
        import_export(data, request, today=TODAY)
    assert refused.value.message == (
        f"{export}: dit is een JSON-bestand, geen CSV-export; download de tabel als CSV"
    )
    assert (data / "indicators.yaml").read_bytes() == before
