"""Rendering details: rounding, marks, escaping, narrow terminals and closed pipes."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ivb.render.common import escape_md
from ivb.render.numbers import fmt_distance, fmt_number, fmt_progress, fmt_value
from ivb.render.status import render_status_markdown, render_status_table
from ivb.status.build import build_status
from ivb.status.view import IndicatorView, PriorityView, StatusView

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (116, "116"),
        (13.5, "13.5"),
        (12.25, "12.3"),
        (4.25, "4.3"),
        (-4.25, "-4.3"),
        (0.04, "0"),
        (-0.04, "0"),
        (99.96, "100"),
        (0.1 + 0.2, "0.3"),
    ],
)
def test_numbers_round_half_up_to_one_decimal(value, shown):
    assert fmt_number(value) == shown


def test_dutch_numbers_have_a_decimal_comma():
    assert fmt_number(30.8, ",") == "30,8"
    assert fmt_number(12.25, ",") == "12,3"
    assert fmt_number(116, ",") == "116"
    assert fmt_value(30.8, "percent", decimal=",") == "30,8%"
    assert fmt_value(44, "percent", provisional=True, decimal=",") == "44%*"


def test_units_and_signs():
    assert fmt_value(13, "percent") == "13%"
    assert fmt_value(None, "count") == "–"
    assert fmt_value(98, "count", provisional=True) == "98*"
    assert fmt_distance(3, "percent") == "+3 pp"
    assert fmt_distance(-5, "count") == "-5"
    assert fmt_distance(0, "count") == "0"
    assert fmt_progress(-0.375) == "-38%"
    assert fmt_progress(-0.004) == "0%"
    assert fmt_progress(None) == ""


def test_rates_show_their_base_and_percentages_stay_as_they_were():
    """A rate: "29.5 /1000" in the terminal, "29,5 per 1.000 inwoners" in the report."""
    from ivb.report.text import value_text

    assert fmt_value(29.5, "per 1000") == "29.5 /1000"
    assert fmt_value(29.5, "per 1000", provisional=True) == "29.5* /1000"
    assert fmt_value(12, "per 10000") == "12 /10000"
    assert value_text(29.5, "per 1000", "nl", per="inwoners") == "29,5 per 1.000 inwoners"
    assert value_text(29.5, "per 1000", "en", per="inwoners") == "29.5 per 1,000 inwoners"
    assert (
        value_text(12.3, "per 10000", "nl", per="jongeren van 12 tot en met 17 jaar")
        == "12,3 per 10.000 jongeren van 12 tot en met 17 jaar"
    )
    assert value_text(30.8, "percent", "nl") == "30,8%"
    assert fmt_distance(-2.5, "per 1000") == "-2.5"


def test_markdown_escapes_what_markdown_would_read():
    assert escape_md("a*b_c|d<e>") == "a\\*b\\_c\\|d\\<e\\>"


def _view(name: str = "Diefstal *woning*", provisional: frozenset[int] = frozenset()):
    ind = IndicatorView(
        "a", name, "count", "-", None, {2013: 122, 2014: 110}, provisional, {2015: 100}
    )
    return StatusView(
        "Beleid", "Teststad", (2015, 2018), (PriorityView("p", 1, "Eén", ("a",)),), {"a": ind}
    )


def test_provisional_values_are_marked_with_a_legend():
    report = build_status(_view(provisional=frozenset({2014})))
    out = io.StringIO()
    render_status_markdown(report, out)
    text = out.getvalue()
    assert "122 110\\*" in text and "110\\* '14" in text
    assert "- **\\***: a provisional figure" in text
    out = io.StringIO()
    render_status_markdown(build_status(_view()), out)
    assert "provisional" not in out.getvalue()


def test_markdown_names_are_escaped():
    out = io.StringIO()
    render_status_markdown(build_status(_view()), out)
    assert "| Diefstal \\*woning\\* " in out.getvalue()


def test_tiny_or_zero_width_still_renders(monkeypatch):
    monkeypatch.setenv("COLUMNS", "0")
    out = io.StringIO()
    render_status_table(build_status(_view("Diefstal/inbraak woning")), out)
    text = out.getvalue()
    assert "Diefstal/inbraak" in text and "off track" in text


def test_narrow_table_folds_unit_and_direction_into_the_values(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = io.StringIO()
    render_status_table(build_status(_view()), out)
    text = out.getvalue()
    assert "≤100 '15" in text and "Unit" not in text.splitlines()[2]
    monkeypatch.setenv("COLUMNS", "120")
    out = io.StringIO()
    render_status_table(build_status(_view()), out)
    assert "Unit" in out.getvalue() and "≤" not in out.getvalue()


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_a_reader_that_leaves_early_ends_ivb_quietly(fmt):
    env = {**os.environ, "IVB_NO_CACHE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ivb", "status", "--data", str(DATA), "-f", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    proc.stdout.read(10)
    proc.stdout.close()  # as `| head -c 10` does
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait() in (0, 141)  # 0 when everything fit in the pipe before it closed
    assert "Traceback" not in err and err == ""


def test_status_errors_count_the_files(tmp_path, capsys):
    from ivb.cli.main import main

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "partners.yaml").write_text("- x\n", encoding="utf-8")
    os.environ["IVB_NO_CACHE"] = "1"
    try:
        assert main(["status", "--data", str(data)]) == 1
    finally:
        del os.environ["IVB_NO_CACHE"]
    err = capsys.readouterr().err
    assert "1 error, 0 warnings in 4 files" in err  # indicators, partners, two plans


def test_write_atomic_creates_an_output_file_only_when_asked(tmp_path):
    from ivb.data.writing import write_atomic
    from ivb.problems import IvbError

    path = tmp_path / "report.html"
    with pytest.raises(IvbError, match="cannot write"):
        write_atomic(path, b"<p>x</p>")  # a data file that is missing is an error
    assert not path.exists()
    old = os.umask(0o022)
    try:
        write_atomic(path, b"<p>x</p>", create=True)
    finally:
        os.umask(old)
    assert path.read_bytes() == b"<p>x</p>"
    assert path.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600
    with pytest.raises(IvbError, match="is a folder"):
        write_atomic(tmp_path, b"x", create=True)
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left
