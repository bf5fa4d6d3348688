"""Rendering details: rounding, marks, escaping, narrow terminals and closed pipes."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ivb import i18n
from ivb.render.common import escape_md
from ivb.render.numbers import fmt_distance, fmt_number, fmt_progress, fmt_value
from ivb.render.status import render_status_markdown, render_status_table
from ivb.status.build import build_status
from ivb.status.view import IndicatorView, PriorityView, StatusView

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(params=["en", "nl"])
def lang(request, monkeypatch):
    """The test once in English and once in Dutch (longer words); English again after it."""
    monkeypatch.setenv("LANGUAGE", "en")  # restored after the test (use() sets it)
    i18n.use(request.param)
    yield request.param
    i18n.use("en")


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
    headers = text.split("────")[0].split("Priority 1 · Eén")[1]  # the lines above the rule
    assert "≤100 '15" in text and "Indicator" in headers and "Unit" not in headers
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


# -- the terminal table at any width ------------------------------------------------------


def _pieces(text: str) -> list[str]:
    """Words as a line may break between them: at spaces and after "/"."""
    return [p for word in text.split() for p in re.split(r"(?<=/)(?=.)", word)]


def _body(text: str) -> str:
    """The output above the legend (the legend wraps its own words)."""
    names = "|".join(re.escape(i18n._(name)) for name in ("Direction", "Target"))
    legend = re.search(rf"^({names}): ", text, re.MULTILINE)
    assert legend, text
    return text[: legend.start()]


def _shipped(as_of: int | None, priority: int | None = None):
    from ivb.status.build import load_view

    return build_status(load_view(DATA), as_of=as_of, priority=priority)


@pytest.mark.parametrize(("as_of", "priority"), [(None, None), (2015, 2), (2013, None)])
def test_no_word_is_split_and_no_status_cut_at_any_width(monkeypatch, lang, as_of, priority):
    """At every width from 30 to 120 columns, each piece of every name (a word, or a part
    of one after "/"), of each status and of each note under a table appears whole on a
    line, as often as ivb prints it; every status's words stand together on one line. In
    English and in Dutch, whose words are longer."""
    from collections import Counter

    from ivb.render.common import status_label, status_words, verdict_words

    report = _shipped(as_of, priority)
    printed = [report.view.policy, report.view.municipality]
    statuses: Counter[str] = Counter()
    for ps in report.priorities:
        printed.append(ps.priority.title)
        for row in ps.rows:
            label = status_words(row.evaluation, verdicts=False)
            printed += [row.indicator.name, label]
            statuses[status_label(row.evaluation.status)] += 1
            if verdicts := verdict_words(row.evaluation):
                printed.append(f"{row.indicator.name}: {verdicts}")
    expected = Counter(p for text in printed for p in _pieces(text))
    for width in range(30, 121):
        monkeypatch.setenv("COLUMNS", str(width))
        out = io.StringIO()
        render_status_table(report, out)
        assert max(len(line) for line in out.getvalue().splitlines()) <= width
        body = _body(out.getvalue())
        shown = Counter(_pieces(body))
        missing = {p: n - shown[p] for p, n in expected.items() if shown[p] < n}
        assert not missing, f"split or cut at {width} columns: {missing}"
        for label, n in statuses.items():
            assert sum(line.count(label) for line in body.splitlines()) >= n, (width, label)


def _rate_view():
    ind = IndicatorView(
        "r",
        "Geweldsmisdrijven per 1000 inwoners (aantal/inwonertal)",
        "per 1000",
        "-",
        None,
        {2011: 5.2, 2012: 4.5, 2013: 4.7, 2014: 3.5},
        frozenset({2014}),
        {2015: 3.2},
    )
    return StatusView(
        "Beleid", "Teststad", (2015, 2018), (PriorityView("p", 1, "Eén", ("r",)),), {"r": ind}
    )


def test_a_rate_keeps_its_base_beside_the_number_at_any_width(monkeypatch, lang):
    """Every value of a rate ("4.7 /1000", "3.5* /1000"; in Dutch "4,7 /1000") stands
    whole on a line."""
    report = build_status(_rate_view())
    values = ["5.2 /1000", "4.5 /1000", "4.7 /1000", "3.5* /1000", "3.2 /1000"]
    if lang == "nl":
        values = [v.replace(".", ",") for v in values]
    for width in range(30, 121):
        monkeypatch.setenv("COLUMNS", str(width))
        out = io.StringIO()
        render_status_table(report, out)
        lines = _body(out.getvalue()).splitlines()
        for n, value in enumerate(values):  # the latest value (3.5*) is in the history too
            shown = sum(line.count(value) for line in lines)
            assert shown == (2 if n == 3 else 1), (width, value)


def test_a_narrow_terminal_shows_each_indicator_as_a_block(monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    out = io.StringIO()
    render_status_table(_shipped(2015, 2), out)
    text = out.getvalue()
    assert "────" not in text and "Indicator" not in text
    assert (
        "\nVandalisme/baldadigheid\n  Latest 14 '13 · Target ≤10 '15 · no data\n"
        "  History '11–'14: 20 21 14 – · Dist. +4\n  Progr. 60%\n" in text
    )
