"""Spreadsheets: the language output follows, the csv for Dutch Excel, and the workbooks
of ``ivb status`` and ``ivb plans`` (opened with openpyxl, cell by cell)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from helpers import DATA, edit, run
from ivb.cli.language import Language, output_language
from ivb.problems import UsageError
from ivb.report.catalogue import TEXTS

NL = TEXTS["nl"]


@pytest.fixture(autouse=True)
def _settings(monkeypatch):
    monkeypatch.setenv("IVB_NO_CACHE", "1")
    monkeypatch.delenv("IVB_LANG", raising=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def ok(capsys, *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return out


def dutch_rows(out: str) -> list[list[str]]:
    """The csv for Dutch Excel read back: a byte order mark, then ``;``-separated rows."""
    assert out.startswith("\ufeff")
    return list(csv.reader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))


# -- the language ---------------------------------------------------------------------------


def test_the_language_is_the_option_then_ivb_lang_then_the_policy_then_dutch(monkeypatch):
    assert output_language(None) is Language.nl
    assert output_language(None, "en") is Language.en
    monkeypatch.setenv("IVB_LANG", "en")
    assert output_language(None, "nl") is Language.en
    assert output_language(Language.nl, "en") is Language.nl
    monkeypatch.setenv("IVB_LANG", " NL ")
    assert output_language(None, "en") is Language.nl
    monkeypatch.setenv("IVB_LANG", "")  # empty: not set
    assert output_language(None, "en") is Language.en


def test_an_unknown_ivb_lang_is_a_usage_error_that_names_it(capsys, monkeypatch):
    monkeypatch.setenv("IVB_LANG", "nl_NL.UTF-8")
    with pytest.raises(UsageError, match="IVB_LANG is 'nl_NL.UTF-8'"):
        output_language(None, "nl")
    code, out, err = run(capsys, "status", "--data", str(DATA), "-f", "csv")
    assert (code, out) == (2, "")
    assert "IVB_LANG is 'nl_NL.UTF-8', geen taal die ivb schrijft" in err  # ivb starts in Dutch
    # --lang decides alone: the setting is not consulted.
    assert run(capsys, "status", "--data", str(DATA), "-f", "csv", "--lang", "en")[0] == 0


def test_the_csv_follows_the_policy_language_ivb_lang_and_lang(capsys, monkeypatch, data):
    # The shipped policy says nl: Dutch Excel's csv by default.
    assert ok(capsys, "status", "--data", str(data), "-f", "csv").startswith("\ufeffpriority;")
    plain = ok(capsys, "status", "--data", str(data), "-f", "csv", "--lang", "en")
    assert plain.startswith("priority,")
    monkeypatch.setenv("IVB_LANG", "en")
    assert ok(capsys, "status", "--data", str(data), "-f", "csv") == plain
    assert ok(capsys, "plans", "--data", str(data), "-f", "csv").startswith("priority,")
    assert ok(capsys, "status", "--data", str(data), "-f", "csv", "--lang", "nl").startswith(
        "\ufeff"
    )
    monkeypatch.delenv("IVB_LANG")
    edit(data / "indicators.yaml", "  language: nl ", "  language: en ")
    assert ok(capsys, "status", "--data", str(data), "-f", "csv") == plain
    edit(data / "indicators.yaml", "  language: en ", "  # no language ")
    assert ok(capsys, "plans", "--data", str(data), "-f", "csv").startswith("\ufeffpriority;")


def test_a_policy_language_ivb_does_not_write_is_a_data_error(capsys, data):
    edit(data / "indicators.yaml", "  language: nl ", "  language: de ")
    code, _, err = run(capsys, "validate", "--data", str(data))
    assert code == 1 and "policy.language" in err


def test_the_report_follows_the_same_language(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("IVB_LANG", "en")
    page = ok(capsys, "report", "--data", str(DATA), "--year", "2015")
    assert "lower is better" in page and "lager is beter" not in page


# -- the csv for Dutch Excel ------------------------------------------------------------------


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("command", ["status", "plans"])
def test_the_dutch_csv_has_the_plain_csvs_cells_with_decimal_commas(capsys, command):
    plain = list(
        csv.reader(
            io.StringIO(ok(capsys, command, "--data", str(DATA), "-f", "csv", "--lang", "en"))
        )
    )
    dutch = dutch_rows(ok(capsys, command, "--data", str(DATA), "-f", "csv", "--lang", "nl"))
    assert len(dutch) == len(plain) > 10
    decimals = 0
    for plain_row, dutch_row in zip(plain, dutch, strict=True):
        assert len(dutch_row) == len(plain_row)
        for p, d in zip(plain_row, dutch_row, strict=True):
            if _number(p) and "." in p:
                assert d == p.replace(".", ","), (p, d)
                decimals += 1
            else:
                assert d == p
    assert decimals > 0 or command == "plans"  # the shipped plans have no amounts with cents


def test_the_dutch_csv_reads_back_with_its_numbers(capsys):
    out = ok(capsys, "status", "--data", str(DATA), "-f", "csv", "-p", "1")
    header, *rows = dutch_rows(out)
    assert header[:4] == ["priority", "priority_title", "id", "name"]
    row = dict(
        zip(
            header,
            next(r for r in rows if r[2] == "overige-diefstal-inbraak-vermogensdelicten"),
            strict=True,
        )
    )
    assert row["name"] == "Overige Diefstal/inbraak/vermogensdelicten"
    assert (row["latest_value"], row["target_value"], row["distance"]) == ("159", "150", "9")
    assert row["progress"] == "0,956730769"
    assert row["direction"] == "'-"  # text that would start a formula, guarded
    fietsen = dict(
        zip(header, next(r for r in rows if r[2] == "diefstal-brom-snor-fietsen"), strict=True)
    )
    assert fietsen["name"] == "Diefstal brom-, snor-, fietsen"  # a comma in text stays text
    assert fietsen["progress"] == "-0,076923077"  # a negative number is not guarded: a number
    # Every number read back as Dutch Excel reads it (a decimal comma) is the json's figure.
    report = json.loads(ok(capsys, "status", "--data", str(DATA), "-f", "json", "-p", "1"))
    by_id = {i["id"]: i for p in report["priorities"] for i in p["indicators"]}
    compared = 0
    for cells in rows:
        row = dict(zip(header, cells, strict=True))
        indicator = by_id[row["id"]]
        for column, expected in (
            ("progress", indicator["progress"]),
            ("distance", indicator["distance"]),
            ("latest_value", (indicator["latest"] or {}).get("value")),
        ):
            if expected is None:
                assert row[column] == ""
                continue
            assert "." not in row[column]
            assert float(row[column].replace(",", ".")) == pytest.approx(expected, abs=1e-9)
            compared += 1
    assert compared > 20


def test_the_dutch_csv_is_utf8_whatever_the_terminal_says():
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "IVB_NO_CACHE": "1"}
    env.pop("IVB_LANG", None)
    done = subprocess.run(
        [sys.executable, "-m", "ivb", "status", "--data", str(DATA), "-f", "csv", "-p", "2"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("\ufeff".encode())
    done.stdout.decode("utf-8")  # every byte UTF-8


def test_csv_to_a_file_is_the_same_bytes(capsys, tmp_path):
    out = ok(capsys, "status", "--data", str(DATA), "-f", "csv")
    target = tmp_path / "status.csv"
    code, stdout, err = run(capsys, "status", "--data", str(DATA), "-f", "csv", "-o", str(target))
    assert (code, stdout, err) == (0, "", f"{target} geschreven.\n")  # the policy's Dutch
    assert target.read_bytes() == out.encode("utf-8")
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left


def test_only_a_workbook_loads_openpyxl(tmp_path):
    """openpyxl is imported when a workbook is made, never for the other formats."""
    code = (
        "import sys\n"
        "from ivb.cli.main import main\n"
        "main(sys.argv[1:])\n"
        "print('openpyxl' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "IVB_NO_CACHE": "1"}
    said = []
    for argv in (["-f", "csv"], ["-f", "xlsx", "-o", str(tmp_path / "s.xlsx")]):
        done = subprocess.run(
            [sys.executable, "-c", code, "status", "--data", str(DATA), *argv],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        said.append(done.stderr.splitlines()[-1])
    assert said == ["False", "True"]


# -- the workbooks ---------------------------------------------------------------------------


def _workbook(capsys, path: Path, *argv: str) -> openpyxl.Workbook:
    code, out, err = run(capsys, *argv, "-f", "xlsx", "-o", str(path))
    english = argv[-2:] == ("--lang", "en")  # else the policy's Dutch
    assert (code, out, err) == (0, "", f"Wrote {path}.\n" if english else f"{path} geschreven.\n")
    return openpyxl.load_workbook(path)


def _rows(ws) -> dict[str, list]:
    """The table's rows by their first cell (row 3 holds the headers)."""
    return {row[0].value: row for row in ws.iter_rows(min_row=4) if row[0].value is not None}


def test_the_status_workbook_has_the_jaarverslag_table_per_priority(capsys, tmp_path, data):
    ok(
        capsys,
        "add-measurement",
        "diefstal-inbraak-woning",
        "2015",
        "98",
        "--provisional",
        "--data",
        str(data),
    )
    wb = _workbook(
        capsys, tmp_path / "status.xlsx", "status", "--data", str(data), "--year", "2015"
    )
    assert wb.sheetnames == ["Prioriteit 1", "Prioriteit 2", "Prioriteit 3"]
    ws = wb["Prioriteit 1"]
    assert ws["A1"].value == "Prioriteit 1 · Objectieve veiligheid"
    assert ws.freeze_panes == "B4"  # the headers and the indicator's name stay in view
    headers = [c.value for c in ws[3]]
    assert headers == [
        "Indicator",
        "Bron",
        "Nulmeting",
        "Realisatie 2011",
        "Realisatie 2012",
        "Realisatie 2013",
        "Realisatie 2014",
        "Realisatie 2015",
        "Streefwaarde",
        "Streefjaar",
        "Status",
    ]
    rows = _rows(ws)
    woning = [c.value for c in rows["Diefstal/inbraak woning"]]
    assert woning == [
        "Diefstal/inbraak woning",
        "Politie (BVH incidentcode 1.3.1)",
        116,
        116,
        141,
        122,
        None,  # the plan's "-": an empty cell, never 0
        98,
        100,
        2015,
        f"{NL['statuses']['achieved']} ({NL['within_chance']})",  # 98 against 100
    ]
    cells = rows["Diefstal/inbraak woning"]
    assert all(isinstance(c.value, int) for c in cells[2:6])
    # The provisional 2015 figure: marked by its format and in italics, and the legend says so.
    assert cells[7].number_format == '0"*"' and cells[7].font.i
    assert cells[7].comment is not None and cells[7].comment.text == NL["provisional_note"]
    assert all(c.comment is None for c in cells if c is not cells[7])
    assert cells[8].number_format == "0" and not cells[8].font.i
    legend = [ws.cell(row=r, column=1).value for r in range(4, ws.max_row + 1)]
    assert legend[-1] == NL["provisional_note"]
    assert ws.column_dimensions["A"].width > ws.column_dimensions["D"].width > 8
    # A percentage: the number 0-100 as json and csv give it, shown with its % by the format.
    survey = _rows(ws)["Slachtofferschap laatste jaar totaal (% aantal inwoners)"]
    assert isinstance(survey[2].value, int | float) and survey[2].number_format.endswith('"%"')


def test_the_status_workbook_in_english(capsys, tmp_path):
    wb = _workbook(
        capsys, tmp_path / "s.xlsx", "status", "--data", str(DATA), "-p", "2", "--lang", "en"
    )
    assert wb.sheetnames == ["Priority 2"]
    ws = wb["Priority 2"]
    headers = [c.value for c in ws[3]]
    assert headers[:4] == ["Indicator", "Source", TEXTS["en"]["baseline"], "Actual 2011"]
    assert headers[-3:] == ["Target", "Target year", "Status"]
    assert headers[-4] == "Actual 2014"  # without --year: up to the latest year with a value


def test_the_plans_workbook_has_a_sheet_of_actions(capsys, tmp_path, data):
    ok(
        capsys,
        "set-action",
        "lokfietsen-winkelhof",
        "--state",
        "running",
        "--date",
        "2015-05-01",
        "--data",
        str(data),
    )
    ok(
        capsys,
        "evaluate",
        "lokfietsen-winkelhof",
        "2015",
        "Drie maanden ingezet",
        "--date",
        "2016-01-15",
        "--data",
        str(data),
    )
    wb = _workbook(capsys, tmp_path / "plans.xlsx", "plans", "--data", str(data))
    assert wb.sheetnames == ["Prioriteit 1", "Prioriteit 2", "Prioriteit 3"]
    ws = wb["Prioriteit 1"]
    assert ws["A1"].value == "Prioriteit 1 · Objectieve veiligheid"
    assert ws.freeze_panes == "A4"
    headers = [c.value for c in ws[3]]
    assert headers == [
        "Uitvoeringsplannen",
        "Id",
        "Actie",
        "Trekker",
        "Partners",
        "Stand van zaken",
        "Sinds",
        "Budget",
        "Evaluatie 2015",
    ]
    assert [c.value for c in wb["Prioriteit 3"][3]] == headers
    by_id = {row[1].value: row for row in ws.iter_rows(min_row=4)}
    lokfietsen = by_id["lokfietsen-winkelhof-2016"]
    values = [c.value for c in lokfietsen]
    assert values[0] == "2015-2016, 2016-2017"
    assert values[5] == NL["states"]["running"]
    assert values[6] == dt.datetime(2015, 5, 1) and lokfietsen[6].is_date
    assert values[8] == "Drie maanden ingezet"
    # Every action of the csv, each on the sheet of its priority.
    rows = list(
        csv.DictReader(
            io.StringIO(ok(capsys, "plans", "--data", str(data), "-f", "csv", "--lang", "en"))
        )
    )
    sheets = {
        (int(ws.title.split()[-1]), row[1].value)
        for ws in wb.worksheets
        for row in ws.iter_rows(min_row=4)
    }
    assert sheets == {(int(r["priority"]), r["id"]) for r in rows}
    assert len(rows) > 10


def test_a_budget_is_a_number_in_euros(capsys, tmp_path, data):
    edit(
        data / "plans" / "2015-2016.yaml",
        '    title: "Inzet van lokauto\'s uitbreiden"\n',
        '    title: "Inzet van lokauto\'s uitbreiden"\n    budget: {amount: 1250.5}\n',
    )
    wb = _workbook(
        capsys, tmp_path / "plans.xlsx", "plans", "--data", str(data), "--plan", "2015-2016"
    )
    (row,) = [
        r
        for ws in wb.worksheets
        for r in ws.iter_rows(min_row=4)
        if r[2].value == "Inzet van lokauto's uitbreiden"
    ]
    assert row[7].value == 1250.5 and "€" in row[7].number_format


def test_a_workbook_needs_a_file(capsys):
    for argv in (("status",), ("plans",), ("status", "-o", "-")):
        code, out, err = run(capsys, *argv, "--data", str(DATA), "-f", "xlsx")
        assert (code, out) == (2, "")
        assert "--format xlsx vraagt -o BESTAND" in err


def test_a_workbook_is_never_written_over_a_data_file(capsys, data):
    before = (data / "partners.yaml").read_bytes()
    for name in ("partners.yaml", "indicators.yaml"):
        code, _, err = run(
            capsys,
            "status",
            "--data",
            str(data),
            "-f",
            "xlsx",
            "-o",
            str(data / name),
            "--lang",
            "en",
        )
        assert code == 1 and "data file" in err
    link = data.parent / "sheet.xlsx"
    link.symlink_to(data / "partners.yaml")
    code, _, err = run(
        capsys, "plans", "--data", str(data), "-f", "xlsx", "-o", str(link), "--lang", "en"
    )
    assert code == 1 and "data file" in err
    assert (data / "partners.yaml").read_bytes() == before
